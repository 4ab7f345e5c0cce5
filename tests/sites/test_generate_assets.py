"""manage.py generate_assets: a synthetic register written to a file or imported."""

from io import StringIO

import geopandas as gpd
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fixtures import WARDS_FILE
from sites.io import wards_import
from sites.models import Asset

pytestmark = pytest.mark.django_db


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_assets", *args, stdout=out)
    return out.getvalue()


def test_writes_a_geopackage_in_the_crs_asked_for(tmp_path):
    path = tmp_path / "assets.gpkg"
    output = generate("--count", "120", "--seed", "9", "--output", str(path), "--crs", "EPSG:27700")
    written = gpd.read_file(path)
    assert len(written) == 120 and written.crs.to_epsg() == 27700
    assert "Generated 120 assets (seed 9)" in output
    assert not Asset.objects.exists()


def test_imports_into_the_council_as_synthetic(glasgow):
    wards_import(council=glasgow, source=WARDS_FILE)
    generate("--count", "80", "--council", "glasgow")
    assets = Asset.objects.filter(council=glasgow)
    assert assets.count() == 80
    assert assets.filter(is_synthetic=True, ward__isnull=False).count() == 80
    generate("--count", "80", "--council", "glasgow")
    assert assets.count() == 80  # the same references again: updated in place, not duplicated


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--count", "0"], "at least 1"),
        (["--count", "5", "--crs", "EPSG:999999"], "not a coordinate reference system"),
        (["--count", "5", "--output", "assets.xlsx"], "not 'assets.xlsx'"),
        (["--count", "5", "--council", "atlantis"], "no council 'atlantis'"),
    ],
)
def test_bad_arguments_get_a_plain_error(args, message):
    with pytest.raises(CommandError, match=message):
        generate(*args)
