"""sites.services: one asset written with its derived coordinates, ward and constraints."""

import pytest
from django.core.exceptions import ValidationError

from sites.models import Asset, ConstraintKind
from sites.services import asset_save
from tests.factories import GEORGE_SQUARE, AssetFactory, ConstraintAreaFactory, WardFactory, square

pytestmark = pytest.mark.django_db


def test_asset_save_derives_grid_reference_and_bbox(glasgow):
    asset = AssetFactory(council=glasgow, geometry={"type": "Point", "coordinates": list(GEORGE_SQUARE)})
    assert asset.longitude == pytest.approx(GEORGE_SQUARE[0])
    assert asset.latitude == pytest.approx(GEORGE_SQUARE[1])
    # George Square is about NS 259 665 on the British National Grid.
    assert asset.easting == pytest.approx(259_000, abs=1_000)
    assert asset.northing == pytest.approx(665_500, abs=1_000)
    assert (asset.min_longitude, asset.max_longitude) == (asset.longitude, asset.longitude)


def test_polygon_asset_uses_centroid_and_box(glasgow):
    asset = AssetFactory(council=glasgow, geometry=square(-4.26, 55.86, half=0.002))
    assert asset.longitude == pytest.approx(-4.26)
    assert asset.min_longitude == pytest.approx(-4.262)
    assert asset.max_latitude == pytest.approx(55.862)


def test_asset_save_assigns_ward_and_constraint_flags(glasgow):
    ward = WardFactory(council=glasgow)
    area = ConstraintAreaFactory(council=glasgow, kind=ConstraintKind.LISTED_BUILDING)
    asset = AssetFactory(council=glasgow)
    assert asset.ward == ward
    assert asset.listed_building is True
    assert asset.in_conservation_area is False
    assert list(asset.constraint_areas.all()) == [area]


def test_asset_moved_out_of_constraint_loses_flag(glasgow):
    ConstraintAreaFactory(council=glasgow, kind=ConstraintKind.CONSERVATION_AREA)
    asset = AssetFactory(council=glasgow)
    assert asset.in_conservation_area
    asset.geometry = {"type": "Point", "coordinates": [-4.30, 55.85]}
    asset_save(asset=asset)
    asset.refresh_from_db()
    assert not asset.in_conservation_area
    assert asset.constraint_areas.count() == 0


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        ({"type": "Point", "coordinates": [0.0, 51.5]}, "outside"),
        ({"type": "Point", "coordinates": []}, "empty"),
        ({"type": "Nonsense"}, "GeoJSON"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[-4.26, 55.86], [-4.25, 55.87], [-4.25, 55.86], [-4.26, 55.87], [-4.26, 55.86]]],
            },
            "cross",
        ),
    ],
)
def test_bad_geometry_is_refused_and_nothing_written(glasgow, geometry, message):
    with pytest.raises(ValidationError, match=message):
        AssetFactory(council=glasgow, geometry=geometry)
    assert Asset.objects.count() == 0


def test_capacity_reserve_and_release(glasgow):
    from sites.services import asset_capacity_release, asset_capacity_reserve

    asset = AssetFactory(council=glasgow, slots=2, structural_capacity_kg=60)
    asset = asset_capacity_reserve(asset=asset, slots=1, load_kg=25)
    assert (asset.free_slots, asset.remaining_load_kg) == (1, 35)
    with pytest.raises(ValidationError, match="35 kg more"):
        asset_capacity_reserve(asset=asset, slots=1, load_kg=40)
    with pytest.raises(ValidationError, match="1 free slot"):
        asset_capacity_reserve(asset=asset, slots=2, load_kg=1)
    asset = asset_capacity_release(asset=asset, slots=1, load_kg=25)
    assert (asset.free_slots, asset.remaining_load_kg) == (2, 60)
