"""factory_boy factories shared by the whole suite (Faker en_GB)."""

import factory
from factory.django import DjangoModelFactory

from portal.models import Council, Organisation, Role, User
from sites.models import Asset, AssetType, ConstraintArea, ConstraintKind, Ward

factory.Faker._DEFAULT_LOCALE = "en_GB"

GEORGE_SQUARE = (-4.2502, 55.8611)


def square(lon: float, lat: float, half: float = 0.001) -> dict:
    """A small square polygon (GeoJSON) centred on a point."""
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [lon - half, lat - half],
                [lon + half, lat - half],
                [lon + half, lat + half],
                [lon - half, lat + half],
                [lon - half, lat - half],
            ]
        ],
    }


def _letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> BA ...: distinct capitals for distinct numbers."""
    text = ""
    while True:
        n, digit = divmod(n, 26)
        text = chr(ord("A") + digit) + text
        if not n:
            return text


class CouncilFactory(DjangoModelFactory):
    class Meta:
        model = Council
        django_get_or_create = ["ons_code"]

    name = factory.Sequence(lambda n: f"Test Council {n}")
    # Far from real codes (Glasgow is S12000049), so get_or_create never returns a real council.
    ons_code = factory.Sequence(lambda n: f"S12{900000 + n:06d}")
    slug = factory.Sequence(lambda n: f"council-{n}")
    initials = factory.Sequence(lambda n: "TC" + _letters(n))
    contact_email = factory.Faker("email")
    min_longitude = -4.45
    min_latitude = 55.77
    max_longitude = -4.05
    max_latitude = 55.94


def valley_council(**kwargs) -> Council:
    """Clyde Valley Council, east of Glasgow, its box clear of Glasgow's (like fixtures/second_council.py)."""
    box = {"min_longitude": -4.04, "min_latitude": 55.78, "max_longitude": -3.86, "max_latitude": 55.90}
    return CouncilFactory(name="Clyde Valley Council", slug="clyde-valley", **{**box, **kwargs})


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Example Networks {n} Ltd")
    companies_house_number = factory.Sequence(lambda n: f"SC{n:06d}")
    is_code_operator = True
    ofcom_reference = factory.Sequence(lambda n: f"ECC-{n:05d}")


class VerifiedOrganisationFactory(OrganisationFactory):
    verified_at = factory.Faker("date_time_this_year", tzinfo=__import__("datetime").timezone.utc)
    verified_by = factory.SubFactory("tests.factories.OfficerFactory")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct-horse-battery-staple")


class SupplierFactory(UserFactory):
    role = Role.SUPPLIER
    organisation = factory.SubFactory(VerifiedOrganisationFactory)


class OfficerFactory(UserFactory):
    role = Role.OFFICER
    is_staff = True
    council = factory.SubFactory(CouncilFactory)


class CouncilAdminFactory(OfficerFactory):
    role = Role.COUNCIL_ADMIN


class SystemAdminFactory(UserFactory):
    role = Role.SYSTEM_ADMIN
    is_staff = True
    is_superuser = True


class AssetTypeFactory(DjangoModelFactory):
    """Usually the reference types from fixtures/asset_types.json are used instead."""

    class Meta:
        model = AssetType
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"type_{n}")
    name = factory.Sequence(lambda n: f"Type {n}")
    accepted_application_types = ["small_cell"]


class WardFactory(DjangoModelFactory):
    class Meta:
        model = Ward

    council = factory.SubFactory(CouncilFactory)
    code = factory.Sequence(lambda n: f"S13{900000 + n:06d}")  # clear of codes tests spell out
    name = factory.Sequence(lambda n: f"Ward {n}")
    geometry = factory.LazyFunction(
        lambda: {"type": "MultiPolygon", "coordinates": [square(*GEORGE_SQUARE, half=0.01)["coordinates"]]}
    )
    min_longitude = factory.LazyAttribute(lambda w: _bounds(w.geometry)[0])
    min_latitude = factory.LazyAttribute(lambda w: _bounds(w.geometry)[1])
    max_longitude = factory.LazyAttribute(lambda w: _bounds(w.geometry)[2])
    max_latitude = factory.LazyAttribute(lambda w: _bounds(w.geometry)[3])


class ConstraintAreaFactory(WardFactory):
    class Meta:
        model = ConstraintArea

    code = None
    kind = ConstraintKind.CONSERVATION_AREA
    reference = factory.Sequence(lambda n: f"CA{n:03d}")
    geometry = factory.LazyFunction(lambda: square(*GEORGE_SQUARE, half=0.002))

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs.pop("code", None)
        return kwargs


def _bounds(geometry: dict) -> tuple[float, float, float, float]:
    from shapely.geometry import shape

    return shape(geometry).bounds


class AssetFactory(DjangoModelFactory):
    """An asset saved through sites.services.asset_save, so derived fields are real."""

    class Meta:
        model = Asset

    council = factory.SubFactory(CouncilFactory)
    reference = factory.Sequence(lambda n: f"LC{n:06d}")
    asset_type = factory.LazyFunction(lambda: AssetType.objects.get(code="lighting_column"))
    name = factory.Sequence(lambda n: f"Column {n}")
    street = factory.Faker("street_name")
    geometry = factory.LazyFunction(lambda: {"type": "Point", "coordinates": list(GEORGE_SQUARE)})
    height_m = 8
    structural_capacity_kg = 60
    slots = 2

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from sites.services import asset_save

        return asset_save(asset=model_class(*args, **kwargs))


def located_assets_bulk_create(*, council: Council, rows: list[dict]) -> list[Asset]:
    """Many assets in one bulk_create (as the importer writes them), derived fields computed.

    Each row holds AssetFactory attributes (at least `geometry`); ward and constraint flags
    come from sites.services.locate, like asset_save, but no constraint-area links are made.
    """
    from sites.geometry import from_geojson
    from sites.selectors import council_areas
    from sites.services import apply_location, locate

    assets = [AssetFactory.build(council=council, **row) for row in rows]
    areas = council_areas(council=council)
    located = locate(from_geojson(a.geometry for a in assets), areas)
    for i, asset in enumerate(assets):
        apply_location(asset, located, i, areas)
    return Asset.objects.bulk_create(assets, batch_size=500)


# Input files for the importer (sites.io) -------------------------------------------------

SAMPLE_POINTS = [  # reference, name, longitude, latitude: three places in Glasgow
    ("GS-001", "George Square", -4.2502, 55.8611),
    ("KG-002", "Kelvingrove Park", -4.2905, 55.8686),
    ("QP-003", "Queen's Park", -4.2681, 55.8335),
]


def asset_frame(points=SAMPLE_POINTS, **columns):
    """Assets as a GeoDataFrame in WGS84: reference, name, a point each, and any extra columns."""
    import geopandas as gpd

    refs, names, lons, lats = zip(*points, strict=True)
    data = {"reference": list(refs), "name": list(names), **columns}
    return gpd.GeoDataFrame(data, geometry=gpd.points_from_xy(lons, lats), crs="EPSG:4326")


def write_asset_file(frame, path, *, crs: str = "EPSG:4326", layer: str = "assets"):
    """Write `frame` in `crs` as its suffix says: .gpkg, .geojson, .zip (a zipped Shapefile)
    or .csv (longitude/latitude in a geographic CRS, easting/northing in a projected one)."""
    import tempfile
    import warnings
    import zipfile
    from pathlib import Path

    import pandas as pd

    path = Path(path)
    projected = frame.to_crs(crs)
    if path.suffix == ".csv":
        geographic = projected.crs.is_geographic
        table = pd.DataFrame(projected.drop(columns="geometry"))
        table["longitude" if geographic else "easting"] = projected.geometry.x
        table["latitude" if geographic else "northing"] = projected.geometry.y
        table.to_csv(path, index=False)
    elif path.suffix == ".zip":
        with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(path, "w") as archive:
            with warnings.catch_warnings():  # .dbf column names are cut to 10 letters: expected
                warnings.simplefilter("ignore")
                projected.to_file(Path(folder) / f"{layer}.shp", engine="pyogrio")
            for part in Path(folder).iterdir():
                archive.write(part, part.name)
    else:
        driver = {".gpkg": "GPKG", ".geojson": "GeoJSON"}[path.suffix]
        projected.to_file(path, driver=driver, layer=layer if driver == "GPKG" else None, engine="pyogrio")
    return path
