"""manage.py load_demo: the demo register and people, idempotent, no demo password without DEBUG."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Max
from django.test import override_settings

from fixtures import second_council
from fixtures.demo import VALLEY_SHARE, demo_counts
from fixtures.demo_people import ORGANISATIONS, PEOPLE
from portal.models import Council, Organisation, Role, User
from sites.models import Asset, ConstraintArea, ConstraintKind, Ward
from tests.sites.test_statistics import analysed_rows

pytestmark = pytest.mark.django_db

LIGHTING_COLUMNS = 40


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", "--lighting-columns", str(LIGHTING_COLUMNS), stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {
        "councils": Council.objects.count(),
        "wards": Ward.objects.count(),
        "constraints": ConstraintArea.objects.count(),
        "assets": Asset.objects.count(),
        "asset history": Asset.history.count(),
        "last asset change": Asset.objects.aggregate(last=Max("updated_at"))["last"],
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "passwords": sorted(User.objects.values_list("password", flat=True)),
    }


@override_settings(DEBUG=True)
def test_load_demo_twice_changes_nothing_the_second_time():
    first_output = load_demo()
    first = snapshot()
    second_output = load_demo()
    assert snapshot() == first
    assert "created" in first_output
    assert "already loaded" in second_output
    assert "created" not in second_output.replace("(already there)", "")


@override_settings(DEBUG=True)
def test_real_wards_and_cameras_and_synthetic_assets():
    output = load_demo()
    glasgow = Council.objects.get(slug="glasgow")
    assert glasgow.ons_code == "S12000049"
    assert Ward.objects.filter(council=glasgow).count() == 23
    cameras = Asset.objects.filter(council=glasgow, asset_type__code="cctv_column")
    assert cameras.count() == 427
    assert not cameras.filter(is_synthetic=True).exists()
    assert not cameras.filter(ward__isnull=True).exists()
    # The cameras outside every ward polygon are reported by reference.
    assert "(A27) is outside every ward" in output
    synthetic = Asset.objects.filter(council=glasgow, is_synthetic=True)
    assert synthetic.count() == sum(demo_counts(LIGHTING_COLUMNS).values())
    assert set(synthetic.values_list("asset_type__code", flat=True)) == set(demo_counts(LIGHTING_COLUMNS))
    kinds = set(ConstraintArea.objects.values_list("kind", flat=True))
    assert kinds == {
        ConstraintKind.CONSERVATION_AREA,
        ConstraintKind.LISTED_BUILDING,
        ConstraintKind.TREE_PRESERVATION_ORDER,
    }
    assert all("synthetic" in name for name in ConstraintArea.objects.values_list("name", flat=True))
    # Its imports left the planner statistics fresh.
    assert analysed_rows(Asset._meta.db_table) == Asset.objects.count()
    assert analysed_rows(Ward._meta.db_table) == Ward.objects.count() == 23 + 4


@override_settings(DEBUG=True)
def test_a_second_synthetic_council_with_its_own_boundary_wards_branding_and_register():
    load_demo()
    valley = Council.objects.get(slug=second_council.SLUG)
    glasgow = Council.objects.get(slug="glasgow")
    assert (valley.initials, valley.brand_colour, valley.has_logo) == ("CVC", "#00703c", True)
    assert "Clyde Walkway" in valley.licence_conditions
    assert valley.boundary["type"] in {"Polygon", "MultiPolygon"}
    assert valley.max_longitude < -3.8 and valley.min_longitude > glasgow.max_longitude, "clear of Glasgow"
    assert sorted(Ward.objects.filter(council=valley).values_list("code", flat=True)) == [
        code for code, _ in second_council.WARDS
    ]
    assets = Asset.objects.filter(council=valley)
    wanted = demo_counts(round(LIGHTING_COLUMNS * VALLEY_SHARE))
    assert assets.count() == sum(wanted.values()) and not assets.exclude(is_synthetic=True).exists()
    assert not assets.filter(ward__isnull=True).exists(), "every generated asset is inside one of its wards"
    west, south, east, north = valley.bounds
    assert not assets.exclude(
        longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north
    ).exists()
    officer = User.objects.get(username="valley.officer")
    assert officer.council == valley and officer.role == Role.OFFICER


@override_settings(DEBUG=True)
def test_organisations_and_people_with_demo_passwords_in_debug():
    load_demo()
    organisations = {o.name: o for o in Organisation.objects.all()}
    assert set(organisations) == {o.name for o in ORGANISATIONS}
    assert sorted(o.is_verified for o in organisations.values()) == [False, True, True]
    roles = sorted(User.objects.values_list("role", flat=True))
    assert roles == sorted([Role.SUPPLIER] * 3 + [Role.OFFICER] * 3 + [Role.COUNCIL_ADMIN] * 2 + [Role.SYSTEM_ADMIN])
    for person in PEOPLE:
        user = User.objects.get(username=person.username)
        assert user.check_password(person.password)
    admins = User.objects.filter(role=Role.SUPPLIER, is_organisation_admin=True)
    assert {u.organisation.name for u in admins} == {o.name for o in ORGANISATIONS}
    officer = User.objects.get(username="officer.one")
    assert officer.council.slug == "glasgow" and officer.is_staff and not officer.is_superuser


@override_settings(DEBUG=False)
def test_no_usable_password_when_debug_is_off():
    output = load_demo()
    assert User.objects.count() == len(PEOPLE)
    assert not any(u.has_usable_password() for u in User.objects.all())
    assert "no usable passwords" in output


def test_demo_passwords_taken_away_when_debug_goes_off():
    with override_settings(DEBUG=True):
        load_demo()
    officer = User.objects.get(username="officer.one")
    officer.set_password("a-password-the-officer-chose")
    officer.save()
    with override_settings(DEBUG=False):
        load_demo()
    assert not User.objects.get(username="council.admin").has_usable_password()
    assert User.objects.get(username="officer.one").check_password("a-password-the-officer-chose")


def test_negative_count_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="cannot be negative"):
        call_command("load_demo", "--lighting-columns", "-1", stdout=StringIO())
