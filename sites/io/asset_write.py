"""Finding the assets a file updates, building the new ones, and writing both in bulk."""

from django.db import connections, router, transaction
from django.db.models import Max
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init
from django.utils import timezone

from portal.models import Council, User

from .. import spatial_index
from ..models import Asset
from .bulk import BATCH, history_rows, insert_history, insert_rows, update_rows, values_of
from .placement import write_links
from .progress import Progress
from .statistics import ASSET_TABLES, tables_analyze

INSERT_COLUMNS = [f.attname for f in Asset._meta.concrete_fields if not f.primary_key]
MANY = 5000  # above this many references, one query for the council beats chunks of IN (...)
# SQLite keeps the spatial index (sites.spatial_index) with a trigger per row, about 50 us
# an asset; building it in one pass after the insert is about five times cheaper. So a big
# import into a register no larger than itself drops the index and builds it again
# (spatial_index.create = create + refill, its documented way after bulk SQL), in the
# same transaction. Smaller imports leave the triggers to it.
REBUILD_MIN = 20_000


class AssetBuilder:
    """New, unsaved Asset objects for an import, made cheaply.

    Model.__init__ sets ~40 attributes one by one (about 20 us an asset); here the
    defaults and the row's values go into the instance's __dict__ at once, as __init__
    would leave them. That skips the pre_init/post_init signals, so it is used only while
    nothing listens to them for Asset (else it falls back to Asset(**values)).
    """

    def __init__(self, council: Council):
        self.template = {f.attname: f.get_default() for f in Asset._meta.concrete_fields}
        self.template["council_id"] = council.pk
        self.plain = not (pre_init.has_listeners(Asset) or post_init.has_listeners(Asset))

    def new(self, values: dict) -> Asset:
        if not self.plain:
            return Asset(**(self.template | values))
        asset = Asset.__new__(Asset)
        asset._state = ModelState()
        asset.__dict__.update(self.template)
        asset.__dict__.update(values)
        return asset


def references_to_ids(council: Council, references: list[str]) -> dict[str, int]:
    """{reference: pk} of the council's assets with these references."""
    if len(references) > MANY:
        wanted = set(references)
        every = Asset.objects.filter(council=council).values_list("reference", "pk").iterator(chunk_size=20000)
        return {reference: pk for reference, pk in every if reference in wanted}
    ids = {}
    for start in range(0, len(references), 900):
        chunk = references[start : start + 900]
        ids.update(Asset.objects.filter(council=council, reference__in=chunk).values_list("reference", "pk"))
    return ids


def existing_assets(council: Council, references: list[str]) -> dict[str, Asset]:
    """The council's assets with these references, keyed by reference."""
    pks = list(references_to_ids(council, references).values())
    found = {}
    for start in range(0, len(pks), 900):
        found.update((a.reference, a) for a in Asset.objects.filter(pk__in=pks[start : start + 900]))
    return found


@transaction.atomic
def write_assets(
    council: Council,
    new: list[Asset],
    new_links: list[set[int]],
    changed: list[Asset],
    changed_links: dict[int, set[int]],
    fields: list[str],
    *,
    by: User | None,
    reason: str,
    progress: Progress,
) -> None:
    """Insert the new assets and update the changed ones, each with a history row; then the links."""
    now = timezone.now()
    connection = connections[router.db_for_write(Asset)]
    rebuild = connection.vendor == "sqlite" and len(new) >= REBUILD_MIN and len(new) >= Asset.objects.count()
    if rebuild:
        spatial_index.drop(connection)
    progress.stage("writing", to_write=len(new) + len(changed), written=0)
    for start in range(0, len(new), BATCH):
        batch = new[start : start + BATCH]
        for asset in batch:
            asset.created_at = asset.updated_at = now
        rows = values_of(Asset, batch, INSERT_COLUMNS)
        floor = Asset.objects.aggregate(last=Max("pk"))["last"] or 0
        insert_rows(Asset, INSERT_COLUMNS, rows)
        _set_new_pks(council, batch, floor)
        history = history_rows(
            Asset, INSERT_COLUMNS, rows, [a.pk for a in batch], history_type="+", by=by, reason=reason, date=now
        )
        insert_rows(Asset.history.model, *history)
        progress.add(written=len(batch))
    for start in range(0, len(changed), BATCH):
        batch = changed[start : start + BATCH]
        for asset in batch:
            asset.updated_at = now
        values = values_of(Asset, batch, fields)
        update_rows(Asset, fields, [row + (asset.pk,) for row, asset in zip(values, batch, strict=True)])
        insert_history(Asset, batch, history_type="~", by=by, reason=reason, date=now)
        progress.add(written=len(batch))
    if rebuild:
        spatial_index.create(connection)
    links = {asset.pk: ids for asset, ids in zip(new, new_links, strict=True) if ids} | changed_links
    write_links(links, replace=list(changed_links))
    tables_analyze(ASSET_TABLES)


def _set_new_pks(council: Council, batch: list[Asset], floor: int) -> None:
    """The primary keys the database gave the rows just inserted (all above `floor`)."""
    wanted = {asset.reference: asset for asset in batch}
    for reference, pk in Asset.objects.filter(council=council, pk__gt=floor).values_list("reference", "pk"):
        if reference in wanted:
            wanted[reference].pk = pk
