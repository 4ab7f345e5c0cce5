"""The busiest pages make the same number of queries whatever the number of sites or applications."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications import services
from applications.models import DocumentKind
from tests.applications.factories import ApplicationFactory, SubmittedApplicationFactory, UnderReviewApplicationFactory
from tests.factories import AssetFactory, OfficerFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def detail(application) -> str:
    return reverse("applications:detail", args=[application.reference])


def with_a_document(application, by):
    from django.core.files.uploadedfile import SimpleUploadedFile

    services.document_upload(
        application=application, by=by, file=SimpleUploadedFile("a.pdf", PDF), kind=DocumentKind.DRAWING
    )
    return application


@pytest.mark.parametrize("factory", [ApplicationFactory, UnderReviewApplicationFactory], ids=["draft", "under-review"])
def test_the_application_page_does_not_query_per_site(client, glasgow, factory):
    small = factory(council=glasgow, site_count=2)
    large = factory(council=glasgow, site_count=8, supplier=small.supplier, officer=small.officer)
    with_a_document(small, small.supplier)
    with_a_document(large, small.supplier)
    viewer = small.supplier if factory is ApplicationFactory else small.officer
    client.force_login(viewer)
    queries(client, detail(small))  # warm up (session, first-time lookups)
    assert queries(client, detail(large)) == queries(client, detail(small))


def test_the_queue_does_not_query_per_application(client, glasgow):
    officer = OfficerFactory(council=glasgow)
    client.force_login(officer)
    SubmittedApplicationFactory(council=glasgow, officer=officer, assets=[AssetFactory(council=glasgow)])
    queries(client, "/applications/queue/")
    few = queries(client, "/applications/queue/")
    for _ in range(4):
        SubmittedApplicationFactory(council=glasgow, officer=officer)
    assert queries(client, "/applications/queue/") == few


def test_fees_take_two_queries_whatever_the_number_of_sites(glasgow):
    from applications.fees import application_fees

    application = ApplicationFactory(council=glasgow, site_count=5)
    with CaptureQueriesContext(connection) as captured:
        quote = application_fees(application=application)
    assert len(quote.lines) == 5
    assert len(captured) == 2
