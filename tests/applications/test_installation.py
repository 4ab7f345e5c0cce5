"""Reporting the installation (date, photographs) and going live (date); the public rollout follows."""

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from applications import services
from applications.forms.installation import MAX_PHOTOS
from applications.models import ApplicationDocument, ApplicationStatus, DocumentKind
from applications.public import public_site_list, public_site_rows
from tests.applications.factories import InstalledApplicationFactory, LicenceIssuedApplicationFactory
from tests.factories import WardFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def png(name: str = "column.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#00703c").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * 400, content_type="image/png")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, application) -> str:
    return reverse(f"applications:{name}", args=[application.reference])


def public_row(application) -> dict:
    (row,) = [r for r in public_site_rows(public_site_list()) if r["site_id"] == application.sites.get().pk]
    return row


@pytest.fixture
def licensed(glasgow):
    WardFactory(council=glasgow)
    return LicenceIssuedApplicationFactory(council=glasgow)


def test_the_installation_date_and_photographs_are_recorded(licensed):
    day = timezone.localdate()
    services.application_report_installed(
        application=licensed, by=licensed.supplier, installed_on=day, photos=[png("a.png"), png("b.png")]
    )
    licensed.refresh_from_db()
    assert licensed.status == S.INSTALLED and licensed.installed_on == day
    photos = ApplicationDocument.objects.filter(application=licensed, kind=DocumentKind.PHOTO)
    assert sorted(photos.values_list("original_name", flat=True)) == ["a.png", "b.png"]
    assert public_row(licensed)["status"] == "installed" and public_row(licensed)["installed_on"] == day


def test_the_dates_default_to_today(licensed):
    services.application_report_installed(application=licensed, by=licensed.officer)  # an officer: confirmed at once
    services.application_go_live(application=licensed, by=licensed.supplier)
    licensed.refresh_from_db()
    assert licensed.installed_on == licensed.live_on == timezone.localdate()


@pytest.mark.parametrize(
    ("days", "message"),
    [(1, "The installation date must be today or in the past"), (-3, "must be on or after the licence")],
)
def test_an_installation_date_in_the_future_or_before_the_licence_is_refused(licensed, days, message):
    with pytest.raises(ValidationError) as caught:
        services.application_report_installed(
            application=licensed, by=licensed.supplier, installed_on=timezone.localdate() + timedelta(days=days)
        )
    assert message in caught.value.message_dict["installed_on"][0]
    licensed.refresh_from_db()
    assert licensed.status == S.LICENCE_ISSUED and licensed.installed_on is None


def test_a_pdf_is_not_a_photograph_and_nothing_is_written(licensed):
    with pytest.raises(ValidationError) as caught:
        services.application_report_installed(application=licensed, by=licensed.supplier, photos=[png(), pdf()])
    assert caught.value.message_dict["photos"] == ["photo.png: a photo must be a PNG or JPEG"]
    licensed.refresh_from_db()
    assert licensed.status == S.LICENCE_ISSUED
    assert not ApplicationDocument.objects.filter(application=licensed).exists()


def test_going_live_before_the_installation_is_refused(glasgow):
    WardFactory(council=glasgow)
    installed = InstalledApplicationFactory(council=glasgow)
    with pytest.raises(ValidationError) as caught:
        services.application_go_live(
            application=installed, by=installed.supplier, live_on=installed.installed_on - timedelta(days=1)
        )
    assert "must be on or after the installation" in caught.value.message_dict["live_on"][0]


def test_supplier_reports_with_a_date_and_photos_officer_confirms_supplier_reports_live(licensed):
    supplier, officer = signed_in(licensed.supplier), signed_in(licensed.officer)
    page = supplier.get(url("report_installed", licensed)).content.decode()
    assert 'enctype="multipart/form-data"' in page and "Installation date" in page
    assert '<input type="file" name="photos" multiple' in page and "govuk-file-upload" in page
    yesterday = timezone.localdate() - timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(days=1)):
        # The report comes a day after the installation (the licence was issued the day before).
        response = supplier.post(
            url("report_installed", licensed),
            {
                "installed_on_0": (yesterday + timedelta(days=1)).day,
                "installed_on_1": (yesterday + timedelta(days=1)).month,
                "installed_on_2": (yesterday + timedelta(days=1)).year,
                "photos": [png("north.png"), png("south.png")],
                "comment": "Installed and tested.",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    licensed.refresh_from_db()
    assert licensed.status == S.INSTALLED and licensed.installed_on == timezone.localdate()
    assert ApplicationDocument.objects.filter(application=licensed, kind=DocumentKind.PHOTO).count() == 2
    assert public_row(licensed)["status"] == "installed"

    assert officer.post(url("confirm_installation", licensed), {}).status_code == 302
    response = supplier.post(url("go_live", licensed), {"live_on_0": "", "live_on_1": "", "live_on_2": ""})
    assert response.status_code == 302
    licensed.refresh_from_db()
    assert licensed.status == S.LIVE and licensed.live_on == timezone.localdate()
    assert public_row(licensed)["status"] == "live" and public_row(licensed)["live_on"] == licensed.live_on


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"installed_on_0": "31", "installed_on_1": "2", "installed_on_2": "2027"}, "installed_on", "real date"),
        (
            {"installed_on_0": "1", "installed_on_1": "1", "installed_on_2": "2999"},
            "installed_on",
            "today or in the past",
        ),
        (
            {"installed_on_0": "1", "installed_on_1": "1", "installed_on_2": "2000"},
            "installed_on",
            "on or after the licence",
        ),
        ({"photos": [pdf("bracket.png")]}, "photos", "a photo must be a PNG or JPEG"),
        ({"photos": [png(f"{n}.png") for n in range(MAX_PHOTOS + 1)]}, "photos", f"up to {MAX_PHOTOS} photographs"),
    ],
)
def test_bad_installation_reports_are_form_errors(licensed, data, field, message):
    response = signed_in(licensed.supplier).post(url("report_installed", licensed), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    licensed.refresh_from_db()
    assert licensed.status == S.LICENCE_ISSUED
    assert not ApplicationDocument.objects.filter(application=licensed).exists()


def test_a_live_date_before_the_installation_is_a_form_error(glasgow):
    WardFactory(council=glasgow)
    installed = InstalledApplicationFactory(council=glasgow)
    before = installed.installed_on - timedelta(days=1)
    response = signed_in(installed.supplier).post(
        url("go_live", installed), {"live_on_0": before.day, "live_on_1": before.month, "live_on_2": before.year}
    )
    assert response.status_code == 200
    assert "on or after the installation" in response.context["form"].errors["live_on"][0]
