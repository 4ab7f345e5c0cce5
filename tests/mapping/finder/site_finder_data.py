"""A small register for the site finder's page tests: assets that differ in every filtered attribute."""

from urllib.parse import urlencode

from sites.models import AssetType, Availability, ConstraintKind, PowerSupply
from tests.factories import AssetFactory, ConstraintAreaFactory, WardFactory, square

CENTRE = (-4.2502, 55.8611)
ALL = ["BS-B", "CC-C", "LC-A", "LC-E", "LC-F", "RT-D"]


def point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def asset_type(code: str) -> AssetType:
    return AssetType.objects.get(code=code)


def build_register(council) -> dict:
    """Six public assets (two wards, three constraint kinds) and one restricted duct."""
    ward_a = WardFactory(council=council, code="S13000001", name="Anderston")
    ward_b = WardFactory(
        council=council,
        code="S13000002",
        name="Partick",
        geometry={"type": "MultiPolygon", "coordinates": [square(-4.29, 55.86, half=0.01)["coordinates"]]},
    )
    for kind, (lon, lat) in [
        (ConstraintKind.CONSERVATION_AREA, (-4.245, 55.865)),
        (ConstraintKind.LISTED_BUILDING, (-4.255, 55.855)),
        (ConstraintKind.TREE_PRESERVATION_ORDER, (-4.245, 55.855)),
    ]:
        ConstraintAreaFactory(council=council, kind=kind, name=f"{kind.label} area", geometry=square(lon, lat, 0.001))
    make = AssetFactory
    assets = {
        "LC-A": make(council=council, reference="LC-A", name="Column by the square", street="Buchanan Street",
                     geometry=point(*CENTRE), height_m=8),
        "BS-B": make(council=council, reference="BS-B", asset_type=asset_type("bus_shelter"), name="Shelter",
                     street="George Street", geometry=point(-4.2550, 55.8620), height_m=3,
                     structural_capacity_kg=None, slots=1, power_supply=PowerSupply.METERED, fibre_nearby=True,
                     availability=Availability.UNAVAILABLE, unavailable_reason="Road works"),
        "CC-C": make(council=council, reference="CC-C", asset_type=asset_type("cctv_column"), name="Camera",
                     street="Ingram Street", geometry=point(-4.245, 55.865), height_m=12, structural_capacity_kg=100,
                     load_used_kg=80, slots=3, slots_used=3, power_supply=PowerSupply.UNMETERED, fibre_nearby=True),
        "RT-D": make(council=council, reference="RT-D", asset_type=asset_type("building_rooftop"), name="Roof",
                     street="Trongate", geometry=square(-4.255, 55.855, half=0.0003), height_m=20,
                     structural_capacity_kg=500, slots=4, power_supply=PowerSupply.METERED),
        "LC-E": make(council=council, reference="LC-E", name="Column E", street="Dumbarton Road",
                     geometry=point(-4.29, 55.86), height_m=None),
        "LC-F": make(council=council, reference="LC-F", name="Column F", street="Saltmarket",
                     geometry=point(-4.245, 55.855), height_m=10),
        "DC-G": make(council=council, reference="DC-G", asset_type=asset_type("duct_chamber"), name="Chamber",
                     street="Queen Street", geometry=point(-4.2510, 55.8615), height_m=None),
    }  # fmt: skip
    return {"ward_a": ward_a, "ward_b": ward_b, "assets": assets}


def url(path: str = "/sites/", params: dict | list | None = None) -> str:
    query = urlencode(params or {}, doseq=True)
    return f"{path}?{query}" if query else path


def references(response) -> list[str]:
    """The references listed on a results page, in order."""
    page = response.context["page_obj"]
    return [] if page is None else [asset.reference for asset in page.object_list]
