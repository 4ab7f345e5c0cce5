"""Licences for the tests, made the real way: an application walked to `licence_issued` by the services.

`licensed(council=..., site_count=...)` returns (application, licence). The assets are
spread on a grid around George Square (inside the test ward) so the location plans
differ; a fee schedule for lighting columns exists unless `fees=False`.
"""

from decimal import Decimal

from applications.models import Licence
from tests.applications.factories import ApprovedApplicationFactory, FeeScheduleFactory, LicenceIssuedApplicationFactory
from tests.factories import GEORGE_SQUARE, AssetFactory, WardFactory

STEP_DEGREES = 0.0006  # about 40 m north-south, 60 m east-west


def spread_assets(*, council, count: int, prefix: str = "LC", start: int = 1, **kwargs) -> list:
    """`count` lighting columns on a grid around George Square, references LC000001 and on."""
    columns = 10
    assets = []
    for i in range(count):
        lon = GEORGE_SQUARE[0] + (i % columns - columns / 2) * STEP_DEGREES
        lat = GEORGE_SQUARE[1] + (i // columns - 3) * STEP_DEGREES
        assets.append(
            AssetFactory(
                council=council,
                reference=f"{prefix}{start + i:06d}",
                street=f"{i + 1} George Street",
                geometry={"type": "Point", "coordinates": [lon, lat]},
                **kwargs,
            )
        )
    return assets


def register(*, council, ward_name: str = "Anderston/City/Yorkhill"):
    """The ward around George Square, and a fee schedule for small cells on lighting columns."""
    ward = WardFactory(council=council, name=ward_name)
    FeeScheduleFactory(council=council, annual_licence_fee=Decimal("1200.00"))
    return ward


def licensed(*, council, site_count: int = 1, fees: bool = True, assets=None, **kwargs) -> tuple:
    """An application walked to `licence_issued` (the hook made its licence): (application, licence)."""
    if fees and not council.fee_schedules.exists():
        register(council=council)
    assets = assets or spread_assets(council=council, count=site_count)
    application = LicenceIssuedApplicationFactory(council=council, assets=assets, **kwargs)
    return application, Licence.objects.get(application=application)


def approved(*, council, site_count: int = 1, **kwargs):
    """An approved application, ready for the officer to issue its licence."""
    if not council.fee_schedules.exists():
        register(council=council)
    return ApprovedApplicationFactory(
        council=council, assets=spread_assets(council=council, count=site_count), **kwargs
    )
