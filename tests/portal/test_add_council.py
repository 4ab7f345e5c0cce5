"""manage.py add_council and portal.councils: a council live from the command line, its area
(box or exact boundary) enforced by the importers, and every bad input refused with a plain message."""

import io
import json

import geopandas as gpd
import pytest
from django.core.management import CommandError, call_command
from PIL import Image
from shapely.geometry import Polygon, box

from fixtures import second_council
from portal.councils import LOGO_MAX_BYTES, area_from_bbox, area_from_file
from portal.models import Council
from sites.io import assets_import, wards_import
from sites.models import Asset, AssetType
from tests.factories import asset_frame, write_asset_file

pytestmark = pytest.mark.django_db

# A triangle east of Glasgow: its box holds the corner (-3.87, 55.89), the triangle does not.
TRIANGLE = Polygon([(-4.04, 55.78), (-3.86, 55.78), (-4.04, 55.90)])
INSIDE = ("CV-001", "Inside", -4.00, 55.80)
CORNER = ("CV-002", "Box corner", -3.87, 55.89)


def _boundary_file(tmp_path, geometry=TRIANGLE, crs="EPSG:27700", name="boundary.geojson"):
    frame = gpd.GeoDataFrame({"name": ["Clyde Valley"]}, geometry=[geometry], crs="EPSG:4326").to_crs(crs)
    path = tmp_path / name
    frame.to_file(path)
    return path


def _add(*args, **options):
    out = io.StringIO()
    if "bbox" in options:  # west is negative in the UK: written --bbox=-4.04,... as on the command line
        args = (*args, f"--bbox={options.pop('bbox')}")
    defaults = {"name": "Clyde Valley Council", "ons_code": "S12000999", "contact_email": "estates@cv.example"}
    call_command("add_council", *args, stdout=out, **{**defaults, **options})
    return out.getvalue()


def _png(size=(40, 20)) -> bytes:
    data = io.BytesIO()
    Image.new("RGB", size, (0, 94, 165)).save(data, format="PNG")
    return data.getvalue()


def test_a_council_from_a_boundary_file_in_british_national_grid(tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    conditions = tmp_path / "conditions.txt"
    conditions.write_text("No equipment on columns in Provan Park.\n")
    out = _add(boundary=_boundary_file(tmp_path), colour="#00703c", logo=logo, conditions=conditions)
    council = Council.objects.get(ons_code="S12000999")
    assert (council.slug, council.initials, council.brand_colour) == ("clyde-valley", "CVC", "#00703c")
    assert council.bounds == pytest.approx((-4.04, 55.78, -3.86, 55.90), abs=1e-5)
    assert council.boundary["type"] == "Polygon"
    assert council.logo_png == logo.read_bytes()
    assert council.licence_conditions == "No equipment on columns in Provan Park."
    assert "import_wards FILE --council clyde-valley" in out


def test_a_council_from_a_box_with_its_own_slug_and_initials():
    _add(bbox="-4.04,55.78,-3.86,55.90", slug="cvc", initials="cvx")
    council = Council.objects.get(slug="cvc")
    assert (council.initials, council.boundary, council.bounds) == ("CVX", None, (-4.04, 55.78, -3.86, 55.90))


def test_a_duplicate_council_is_refused_naming_each_clash(glasgow):
    with pytest.raises(CommandError) as caught:
        _add(name=glasgow.name, ons_code=glasgow.ons_code, slug=glasgow.slug, bbox="-4.4,55.8,-4.1,55.9")
    message = str(caught.value)
    assert "--name: There is already a council with this name." in message
    assert "--ons-code: There is already a council with this ONS code." in message
    assert "--slug: Another council already has this slug." in message
    assert "--initials: Another council's references already start with these initials" in message
    assert Council.objects.count() == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"ons_code": "12000999"}, "--ons-code: Enter an ONS code such as S12000049"),
        ({"contact_email": "not an address"}, "--contact-email: Enter a valid email address."),
        ({"colour": "blue"}, "--colour: Enter the colour as # and six hexadecimal digits"),
        ({"initials": "G1"}, "--initials: Enter the council's initials in capitals"),
    ],
)
def test_bad_details_are_refused_and_nothing_is_added(options, message):
    with pytest.raises(CommandError, match=message):
        _add(bbox="-4.04,55.78,-3.86,55.90", **options)
    assert not Council.objects.filter(ons_code="S12000999").exists()


@pytest.mark.parametrize(
    ("bbox", "message"),
    [
        ("", "Give the box as west,south,east,north"),
        ("-4,55,-3", "Give the box as west,south,east,north"),
        ("a,b,c,d", "Give the box as west,south,east,north"),
        ("-3,55,-4,56", "west must be less than its east"),
        ("nan,55,-3,56", "west must be less than its east"),
        # Easting/northing given as degrees: nowhere near the UK.
        ("259000,665000,262000,667000", "not in the United Kingdom"),
        ("10,40,11,41", "not in the United Kingdom"),
    ],
)
def test_a_bad_box_is_refused(bbox, message):
    with pytest.raises(CommandError, match=message):
        _add(bbox=bbox)
    assert not Council.objects.filter(ons_code="S12000999").exists()


def test_bad_boundary_files_are_refused_in_plain_english(tmp_path):
    corrupt = tmp_path / "corrupt.geojson"
    corrupt.write_bytes(b'{"type": "FeatureCollection", "features": [ {"type": ')
    points = _boundary_file(tmp_path, geometry=box(-4, 55.8, -3.9, 55.85).centroid, name="points.geojson")
    tiny = _boundary_file(tmp_path, geometry=box(-4, 55.8, -3.9999, 55.8001), name="tiny.geojson")
    no_crs = tmp_path / "no_crs.csv"
    no_crs.write_text('id,wkt\n1,"POLYGON((-4 55.8,-3.9 55.8,-3.9 55.9,-4 55.8))"\n')
    wrong_crs = tmp_path / "wrong.geojson"  # BNG metres labelled as degrees (RFC 7946 GeoJSON is WGS84)
    wrong_crs.write_text(
        json.dumps(
            {
                "type": "Polygon",
                "coordinates": [[[259000, 665000], [262000, 665000], [259000, 667000], [259000, 665000]]],
            }
        )
    )
    cases = {
        corrupt: "could not be read as a map file",
        points: "has no polygon",
        tiny: "a council covers 0.5 to",
        no_crs: "does not say its coordinate reference system",
        wrong_crs: "not in the United Kingdom",
        tmp_path / "missing.gpkg": "There is no file at",
    }
    for path, message in cases.items():
        with pytest.raises(CommandError, match=message):
            _add(boundary=path)
    assert not Council.objects.filter(ons_code="S12000999").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a not a png", "must be a PNG image"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "not a readable PNG image"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * LOGO_MAX_BYTES, "at most 200 KB"),
        (None, "at most 1200 pixels"),
    ],
)
def test_a_bad_logo_is_refused(tmp_path, data, message):
    logo = tmp_path / "logo.png"
    logo.write_bytes(data if data is not None else _png(size=(2000, 10)))
    with pytest.raises(CommandError, match=message):
        _add(bbox="-4.04,55.78,-3.86,55.90", logo=logo)
    assert not Council.objects.filter(ons_code="S12000999").exists()


def test_imports_refuse_a_location_inside_the_box_but_outside_the_boundary(tmp_path):
    _add(boundary=_boundary_file(tmp_path))
    council = Council.objects.get(ons_code="S12000999")
    columns = AssetType.objects.get(code="lighting_column")
    path = write_asset_file(asset_frame(points=[INSIDE, CORNER]), tmp_path / "assets.gpkg")
    refused = assets_import(council=council, source=path, asset_type=columns)
    assert "row 2: CV-002: outside Clyde Valley Council's area" in refused.summary()
    assert not refused.written and not Asset.objects.filter(council=council).exists()
    assets_import(council=council, source=path, asset_type=columns, skip_invalid=True)
    assert list(Asset.objects.filter(council=council).values_list("reference", flat=True)) == ["CV-001"]


def test_a_council_with_only_a_box_takes_the_whole_box(tmp_path):
    council = Council.objects.create(
        name="Box Council",
        ons_code="S12000998",
        slug="box",
        contact_email="a@b.example",
        **dict(
            zip(
                ("min_longitude", "min_latitude", "max_longitude", "max_latitude"),
                area_from_bbox("-4.04,55.78,-3.86,55.90").bounds,
                strict=True,
            )
        ),
    )
    columns = AssetType.objects.get(code="lighting_column")
    path = write_asset_file(asset_frame(points=[INSIDE, CORNER]), tmp_path / "assets.gpkg")
    assets_import(council=council, source=path, asset_type=columns)
    assert Asset.objects.filter(council=council).count() == 2


def test_wards_that_make_up_the_boundary_all_import(tmp_path):
    """A council's boundary is the union of its wards: each ward, edge vertices and all, is inside its area
    (the box is rounded outward, never inward)."""
    boundary = tmp_path / "boundary.geojson"
    second_council.boundary_frame().to_file(boundary)
    area = area_from_file(boundary)
    west, south, east, north = second_council.boundary_frame().total_bounds
    assert area.bounds[0] <= west and area.bounds[1] <= south and area.bounds[2] >= east and area.bounds[3] >= north
    _add(boundary=boundary, slug="clyde-valley")
    council = Council.objects.get(slug="clyde-valley")
    wards = tmp_path / "wards.geojson"
    second_council.wards_frame().to_file(wards)
    report = wards_import(council=council, source=wards)
    assert report.created == 4, report.summary()
