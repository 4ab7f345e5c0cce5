"""Checking the rows of an asset file: references, asset types and field values.

The file-level problems (no reference column, duplicate references, no asset type)
raise ImportFileError; a row's problems are collected as plain-English reasons.
"""

from collections import Counter
from dataclasses import dataclass, field

from ..models import Asset, AssetType
from .columns import as_text, convert_column, resolve_columns
from .read import SourceTable
from .report import ImportFileError

# Asset fields a file may carry (by name or through the mapping), besides asset_type.
ASSET_FIELDS = (
    "reference",
    "name",
    "street",
    "uprn",
    "usrn",
    "height_m",
    "material",
    "structural_capacity_kg",
    "slots",
    "power_supply",
    "fibre_nearby",
    "availability",
    "unavailable_reason",
    "notes",
    "is_synthetic",
)
MAPPABLE_FIELDS = (*ASSET_FIELDS, "asset_type")


@dataclass
class AssetRows:
    """The checked values of every row, index-aligned with the file."""

    references: list[str]
    type_ids: list[int | None]
    given: list[str]  # the fields the file provides, besides reference
    values: dict[str, list]  # field -> converted value per row
    problems: dict[int, list[str]] = field(default_factory=dict)

    def problem(self, i: int, reason: str) -> None:
        self.problems.setdefault(int(i), []).append(reason)


def check_rows(table: SourceTable, mapping: dict[str, str], asset_type: AssetType | None) -> AssetRows:
    columns = resolve_columns(table.name, table.columns, mapping, MAPPABLE_FIELDS)
    if "reference" not in columns:
        raise ImportFileError(
            f"{table.name} has no reference column. Map the column that holds each asset's council reference, "
            f"for example reference=camera-name. Its columns are: {', '.join(table.columns)}."
        )
    references = [as_text(v) for v in table.attributes[columns["reference"]]]
    _refuse_duplicates(table, references)
    given = [name for name in ASSET_FIELDS[1:] if name in columns]
    rows = AssetRows(references=references, type_ids=[], given=given, values={})
    limit = Asset._meta.get_field("reference").max_length
    for i, reference in enumerate(references):
        if not reference:
            rows.problem(i, "no reference")
        elif len(reference) > limit:
            rows.problem(i, f"reference longer than {limit} characters")
        elif "\x00" in reference:
            rows.problem(i, "reference holds a NUL character")
    rows.type_ids = _asset_type_ids(table, columns, asset_type, rows)
    for name in given:
        rows.values[name], errors = convert_column(
            Asset._meta.get_field(name), table.attributes[columns[name]].to_numpy()
        )
        for i, reason in errors.items():
            rows.problem(i, reason)
    return rows


def _refuse_duplicates(table: SourceTable, references: list[str]) -> None:
    counts = Counter(r for r in references if r)
    duplicates = [r for r, n in counts.items() if n > 1]
    if not duplicates:
        return
    rows = {r: [str(table.rows[i]) for i, ref in enumerate(references) if ref == r] for r in duplicates[:5]}
    listed = "; ".join(f"'{r}' on rows {', '.join(rows[r])}" for r in rows)
    more = f" and {len(duplicates) - 5} more" if len(duplicates) > 5 else ""
    raise ImportFileError(
        f"{table.name} gives the same reference to more than one row, so it cannot say which is right: "
        f"{listed}{more}. Make each reference unique."
    )


def _asset_type_ids(
    table: SourceTable, columns: dict[str, str], asset_type: AssetType | None, rows: AssetRows
) -> list[int | None]:
    if asset_type is not None:
        return [asset_type.pk] * len(table)
    types = list(AssetType.objects.all())
    codes = ", ".join(t.code for t in types)
    if "asset_type" not in columns:
        raise ImportFileError(
            f"Say which type of asset {table.name} holds, or give it an asset_type column with a type code "
            f"on every row. The codes are: {codes}."
        )
    lookup = {t.code.lower(): t.pk for t in types} | {t.name.lower(): t.pk for t in types}
    texts = {}  # a column of 100,000 rows holds a handful of distinct codes
    ids = []
    for i, value in enumerate(table.attributes[columns["asset_type"]]):
        text = texts.get(value) if isinstance(value, str) else None
        if text is None:
            text = as_text(value)
            if isinstance(value, str):
                texts[value] = text
        ids.append(lookup.get(text.lower()))
        if ids[-1] is None:
            rows.problem(i, f"unknown asset type '{text}' (codes: {codes})" if text else "no asset type")
    return ids
