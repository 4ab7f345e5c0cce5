"""The admin scoped by council, every council-scoped model in one table (issue 12's authorisation proof).

For each ModelAdmin that is a CouncilScopedAdmin (found in the admin registry, so a new
one without a row here fails), an object of Glasgow's: Glasgow's officer opens it; another
council's officer neither sees it in the list nor opens it (Django's admin sends them back
to the index, as for an object that does not exist); a supplier gets the 403 page.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications import services
from applications.models import DocumentKind
from portal.admin_access import CouncilScopedAdmin, admin_site
from tests.applications.factories import FeeScheduleFactory, SubmittedApplicationFactory
from tests.factories import (
    AssetFactory,
    ConstraintAreaFactory,
    CouncilFactory,
    OfficerFactory,
    SupplierFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def objects(glasgow):
    application = SubmittedApplicationFactory(council=glasgow)
    services.application_message_send(application=application, by=application.supplier, body="Hello")
    services.document_upload(
        application=application,
        by=application.supplier,
        file=SimpleUploadedFile("d.pdf", PDF, content_type="application/pdf"),
        kind=DocumentKind.DRAWING,
    )
    made = [
        application,
        application.sites.first(),
        application.events.first(),
        application.messages.first(),
        application.documents.first(),
        FeeScheduleFactory(council=glasgow),
        AssetFactory(council=glasgow),
        WardFactory(council=glasgow),
        ConstraintAreaFactory(council=glasgow),
    ]
    return {type(obj): obj for obj in made}


def scoped_models():
    return sorted(
        (model for model, model_admin in admin_site._registry.items() if isinstance(model_admin, CouncilScopedAdmin)),
        key=lambda m: m._meta.label,
    )


def test_every_council_scoped_admin_has_a_row(objects):
    missing = [m._meta.label for m in scoped_models() if m not in objects]
    assert not missing, f"council-scoped admin models with no object in this table: {missing}"


@pytest.mark.parametrize("model", scoped_models(), ids=lambda m: m._meta.label)
def test_another_councils_officer_neither_lists_nor_opens_it(client, glasgow, objects, model):
    obj = objects[model]
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    change = reverse(f"{prefix}_change", args=[obj.pk])
    changelist = reverse(f"{prefix}_changelist")

    client.force_login(OfficerFactory(council=glasgow))
    assert client.get(change).status_code == 200, "the council's own officer opens it"

    client.force_login(OfficerFactory(council=CouncilFactory()))
    response = client.get(change)
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    listed = client.get(changelist)
    assert listed.status_code == 200
    assert listed.context["cl"].result_count == 0, "not in another council's list"

    client.force_login(SupplierFactory())
    assert client.get(change).status_code == 403
