"""Rows the application benchmarks stand on, bulk-created (not timed, no geometry work).

The assets are plain points around Glasgow city centre with approximate grid
references, spread over the council's real wards; the people are made through
portal.services like any others.
"""

import random

from portal.models import Council, Organisation, Role, User
from portal.services import organisation_verify, user_create
from sites.models import Asset, AssetType, Ward

CENTRE = (-4.2518, 55.8609)


def people(council: Council) -> tuple[User, User]:
    """A verified supplier and an officer of the council."""
    officer = user_create(
        username="bench-officer", email="officer@bench.example", password=None, role=Role.OFFICER, council=council
    )
    organisation = Organisation(name="Bench Networks Ltd", companies_house_number="SC900001")
    organisation.full_clean()
    organisation.save()
    organisation_verify(organisation=organisation, by=officer)
    supplier = user_create(
        username="bench-supplier",
        email="supplier@bench.example",
        password=None,
        role=Role.SUPPLIER,
        organisation=organisation,
    )
    return supplier, officer


def assets(council: Council, count: int, *, seed: int = 2024, prefix: str = "BLC") -> list[Asset]:
    """`count` lighting columns with room for equipment, in the council's wards."""
    rng = random.Random(seed)
    column = AssetType.objects.get(code="lighting_column")
    wards = list(Ward.objects.filter(council=council)) or [None]
    rows = []
    for i in range(count):
        lon = CENTRE[0] + rng.uniform(-0.05, 0.05)
        lat = CENTRE[1] + rng.uniform(-0.02, 0.02)
        rows.append(
            Asset(
                council=council,
                reference=f"{prefix}{i:06d}",
                asset_type=column,
                geometry={"type": "Point", "coordinates": [lon, lat]},
                longitude=lon,
                latitude=lat,
                min_longitude=lon,
                max_longitude=lon,
                min_latitude=lat,
                max_latitude=lat,
                easting=259_000 + (lon - CENTRE[0]) * 62_700,
                northing=665_500 + (lat - CENTRE[1]) * 111_300,
                ward=wards[i % len(wards)],
                height_m=8,
                structural_capacity_kg=100,
                slots=3,
            )
        )
    return Asset.objects.bulk_create(rows, batch_size=2000)
