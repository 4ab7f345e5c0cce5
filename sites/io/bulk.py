"""Bulk inserts and updates for assets, their history rows and their constraint links.

Why not QuerySet.bulk_create/bulk_update and simple_history's bulk_*_with_history: the
ORM runs every value through the SQL compiler (about 5 microseconds a value), and SQLite
takes only 999 parameters a statement, so 100,000 assets with 35 columns plus their
100,000 history rows took about two minutes here, far over the 30-second budget.

Here each value is adapted only where the database needs it (dates and decimals by the
field's own get_db_prep_save; JSON as the text Django stores in SQLite, which COPY also
reads into jsonb), and the rows go in with executemany (SQLite) or COPY (PostgreSQL,
where a statement-level trigger then runs once instead of once a row). The history rows
are the rows django-simple-history's bulk_history_create writes ("+" created, "~"
changed, with history_date, history_user and history_change_reason), without building
model objects. Nothing here runs signals or full_clean(): the importer has checked every
value first, and the database constraints still hold.
"""

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from operator import attrgetter, itemgetter

from django.db import connections, models, router

BATCH = 5000
HISTORY_COLUMNS = ("history_date", "history_change_reason", "history_type", "history_user_id")


def _connection(model: type[models.Model]):
    return connections[router.db_for_write(model)]


def _adapters(model: type[models.Model], attnames: Sequence[str]) -> list:
    connection = _connection(model)
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    adapters = []
    for attname in attnames:
        field = by_attname[attname]
        if isinstance(field, models.DateField):
            adapters.append(_remembering(field, connection))
        elif isinstance(field, models.JSONField):
            # JSON text: what Django stores in SQLite, and what COPY parses into jsonb.
            adapters.append(lambda value, field=field: None if value is None else json.dumps(value, cls=field.encoder))
        elif isinstance(field, models.DecimalField):
            adapters.append(lambda value, field=field: field.get_db_prep_save(value, connection))
        else:
            adapters.append(None)
    return adapters


def _remembering(field: models.Field, connection):
    """An adapter that reuses its last answer: a batch shares one timestamp."""
    last = [object(), None]

    def adapt(value):
        if value is not last[0]:
            last[0], last[1] = value, field.get_db_prep_save(value, connection)
        return last[1]

    return adapt


def values_of(model: type[models.Model], objs: Iterable[models.Model], attnames: Sequence[str]) -> list[tuple]:
    """One tuple per object: the database values of `attnames` (field attnames)."""
    get = attrgetter(*attnames) if len(attnames) > 1 else lambda obj: (getattr(obj, attnames[0]),)
    adapted = [(k, adapt) for k, adapt in enumerate(_adapters(model, attnames)) if adapt]
    rows = []
    for obj in objs:
        row = list(get(obj))
        for k, adapt in adapted:
            row[k] = adapt(row[k])
        rows.append(tuple(row))
    return rows


def insert_rows(model: type[models.Model], attnames: Sequence[str], rows: Sequence[tuple]) -> None:
    """INSERT the rows (already database values, in `attnames` order) into the model's table.

    PostgreSQL: one COPY (its statement-level triggers then run once, not once a row).
    """
    if not rows:
        return
    connection = _connection(model)
    quote = connection.ops.quote_name
    # Identifiers come from the model's own metadata, quoted; every value is a parameter.
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(_column(model, a)) for a in attnames)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(attnames))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def update_rows(model: type[models.Model], attnames: Sequence[str], rows: Sequence[tuple]) -> None:
    """UPDATE by primary key: each row is the values of `attnames` followed by the pk.

    PostgreSQL: COPY into a temporary table, then one UPDATE ... FROM it.
    """
    if not rows:
        return
    connection = _connection(model)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk = quote(model._meta.pk.column)
    columns = [quote(_column(model, a)) for a in attnames]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            staged = quote(f"{model._meta.db_table}_import")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {staged} ON COMMIT DROP AS SELECT {', '.join(columns)}, {pk} "  # noqa: S608
                f"FROM {table} WITH NO DATA"
            )
            with cursor.cursor.copy(f"COPY {staged} ({', '.join(columns)}, {pk}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            sets = ", ".join(f"{c} = s.{c}" for c in columns)
            cursor.execute(f"UPDATE {table} AS t SET {sets} FROM {staged} AS s WHERE t.{pk} = s.{pk}")  # noqa: S608
            cursor.execute(f"DROP TABLE {staged}")
            return
        sets = ", ".join(f"{c} = %s" for c in columns)
        sql = f"UPDATE {table} SET {sets} WHERE {pk} = %s"  # noqa: S608
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def insert_history(
    model: type[models.Model], objs: Sequence[models.Model], *, history_type: str, by, reason: str, date: datetime
) -> None:
    """One history row per saved object, as simple_history's bulk_history_create makes them."""
    history = model.history.model
    tracked = [f.attname for f in history.tracked_fields]
    adapters = _adapters(history, (*tracked, "history_date"))
    when = adapters[-1](date)
    pairs = list(zip(tracked, adapters[:-1], strict=True))
    tail = (when, reason[:100], history_type, getattr(by, "pk", None))
    rows = [tuple(adapt(getattr(obj, n)) if adapt else getattr(obj, n) for n, adapt in pairs) + tail for obj in objs]
    insert_rows(history, (*tracked, *HISTORY_COLUMNS), rows)


def history_rows(
    model: type[models.Model],
    attnames: Sequence[str],
    rows: Sequence[tuple],
    pks: Sequence[int],
    *,
    history_type: str,
    by,
    reason: str,
    date: datetime,
) -> tuple[tuple[str, ...], list[tuple]]:
    """(columns, rows) of the history of rows just inserted (values in `attnames` order), reusing their values."""
    history = model.history.model
    pk_name = model._meta.pk.attname
    position = {name: k for k, name in enumerate(attnames)}
    others = [f.attname for f in history.tracked_fields if f.attname != pk_name]
    pick = itemgetter(*(position[name] for name in others))
    when = _adapters(history, ["history_date"])[0](date)
    tail = (when, reason[:100], history_type, getattr(by, "pk", None))
    columns = (pk_name, *others, *HISTORY_COLUMNS)
    return columns, [(pk, *pick(row), *tail) for pk, row in zip(pks, rows, strict=True)]


def _column(model: type[models.Model], attname: str) -> str:
    return next(f.column for f in model._meta.concrete_fields if f.attname == attname)
