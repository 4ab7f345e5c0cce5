"""What a licence records of each approved site: a snapshot of the register and the equipment.

Pure functions of rows already read; no queries of their own.
"""

from decimal import Decimal

from ..fees import FeeQuote
from ..models import ApplicationSite, FrequencyBand, LicenceSite

BAND_SHORT = {
    "700": "700 MHz",
    "800": "800 MHz",
    "868": "868 MHz",
    "900": "900 MHz",
    "1400": "1.4 GHz",
    "1800": "1800 MHz",
    "2100": "2.1 GHz",
    "2300": "2.3 GHz",
    "2600": "2.6 GHz",
    "3600": "3.4-3.8 GHz",
    "26000": "26 GHz",
    "wifi": "Wi-Fi",
}


def _number(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def equipment_summary(site: ApplicationSite) -> str:
    """One line: type, technology, make and model, size, weight, power, bands, mounting height."""
    parts = []
    if site.equipment_type:
        parts.append(site.get_equipment_type_display())
    if site.technology:
        parts.append(site.get_technology_display())
    if site.make_model:
        parts.append(site.make_model)
    if site.height_mm and site.width_mm and site.depth_mm:
        parts.append(f"{site.height_mm} x {site.width_mm} x {site.depth_mm} mm")
    if site.weight_kg is not None:
        parts.append(f"{_number(site.weight_kg)} kg")
    if site.power_draw_w is not None:
        parts.append(f"{site.power_draw_w} W")
    if site.frequency_bands:
        bands = [
            BAND_SHORT.get(b, FrequencyBand(b).label if b in FrequencyBand.values else b) for b in site.frequency_bands
        ]
        parts.append(", ".join(bands))
    if site.mounting_height_m is not None:
        parts.append(f"mounted at {_number(site.mounting_height_m)} m")
    if site.cabinet_needed:
        parts.append("with a ground cabinet")
    return "; ".join(parts)


def schedule_rows(*, sites: list[ApplicationSite], fees: FeeQuote) -> list[LicenceSite]:
    """Unsaved schedule rows for the approved sites (asset, type and ward joined), in order."""
    fee_by_site = {line.site_id: line.annual_fee for line in fees.lines}
    rows = []
    for position, site in enumerate(sites, start=1):
        asset = site.asset
        rows.append(
            LicenceSite(
                asset=asset,
                position=position,
                asset_reference=asset.reference,
                asset_type_name=asset.asset_type.name,
                street=asset.street or asset.name,
                ward_name=asset.ward.name if asset.ward_id else "",
                easting=asset.easting,
                northing=asset.northing,
                longitude=asset.longitude,
                latitude=asset.latitude,
                geometry=asset.geometry,
                technology=site.technology,
                equipment_summary=equipment_summary(site),
                annual_fee=fee_by_site.get(site.pk),
                conditions=site.conditions.strip(),
            )
        )
    return rows


def copy_rows(rows: list[LicenceSite], *, conditions: dict[str, str] | None = None) -> list[LicenceSite]:
    """Unsaved copies of another licence's rows (a variation or renewal), renumbered.

    `conditions` replaces the conditions of the sites it names (by asset reference).
    """
    conditions = conditions or {}
    copies = []
    for position, row in enumerate(rows, start=1):
        copies.append(
            LicenceSite(
                asset_id=row.asset_id,
                position=position,
                asset_reference=row.asset_reference,
                asset_type_name=row.asset_type_name,
                street=row.street,
                ward_name=row.ward_name,
                easting=row.easting,
                northing=row.northing,
                longitude=row.longitude,
                latitude=row.latitude,
                geometry=row.geometry,
                technology=row.technology,
                equipment_summary=row.equipment_summary,
                annual_fee=row.annual_fee,
                conditions=conditions.get(row.asset_reference, row.conditions).strip(),
            )
        )
    return copies
