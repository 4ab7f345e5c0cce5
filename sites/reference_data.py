"""Reference data every deployment has: the asset types (fixtures/asset_types.json)."""

import json
from pathlib import Path

ASSET_TYPES_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "asset_types.json"


def asset_type_rows() -> list[dict]:
    """The asset types as (pk, fields) rows from the fixture file."""
    return [{"pk": row["pk"], **row["fields"]} for row in json.loads(ASSET_TYPES_FILE.read_text())]


def ensure_asset_types(asset_type_model) -> None:
    """Create or update the reference asset types, keyed by code (used by a migration too)."""
    for row in asset_type_rows():
        pk = row.pop("pk")
        code = row.pop("code")
        asset_type_model.objects.update_or_create(code=code, defaults={"id": pk, **row})
