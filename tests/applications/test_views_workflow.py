"""Each transition made through its page, as the two sides would: the state, the audit trail, who is told."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from applications.models import ApplicationStatus, Notification, RefusalReason, SiteDecision
from tests.applications.factories import (
    ApplicationFactory,
    ApprovedApplicationFactory,
    FeeScheduleFactory,
    LicenceIssuedApplicationFactory,
    ReturnedApplicationFactory,
    SubmittedApplicationFactory,
)
from tests.factories import AssetFactory, OfficerFactory, SupplierFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def url(name, application, *more):
    return reverse(f"applications:{name}", args=[application.reference, *more])


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def moved(client, name, application, data=None, *more, status=302):
    """POST a page's form; it must redirect (POST/redirect/GET) and the application is read again."""
    response = client.post(url(name, application, *more), data or {})
    assert response.status_code == status, response.content.decode()[:2000] if status == 302 else response.status_code
    application.refresh_from_db()
    return response


def timeline(client, application) -> list[str]:
    """The timeline's headings as the page shows them."""
    html = client.get(url("detail", application)).content.decode()
    section = html[html.index('id="timeline"') :]
    return [
        re.sub(r"\s+", " ", h).strip()
        for h in re.findall(r'<h3 class="govuk-heading-s[^"]*">(.*?)</h3>', section, re.S)
    ]


def test_from_the_shortlist_to_live_through_the_pages(glasgow):
    FeeScheduleFactory(council=glasgow)
    assets = [AssetFactory(council=glasgow) for _ in range(3)]
    supplier = SupplierFactory(first_name="Ailsa")
    officer = OfficerFactory(council=glasgow, first_name="Iain")
    me, council = signed_in(supplier), signed_in(officer)

    # The supplier starts from the site finder's shortlist and enters everything.
    response = me.post(
        reverse("applications:new") + "?" + "&".join(f"asset={a.pk}" for a in assets),
        {
            "asset": [a.pk for a in assets],
            "application_type": "small_cell",
            "proposed_start_date_0": "1",
            "proposed_start_date_1": "6",
            "proposed_start_date_2": "2030",
            "term_years": "10",
        },
    )
    assert response.status_code == 302
    application = supplier.organisation.applications.get()
    assert application.status == S.DRAFT and application.sites.count() == 3
    for site in application.sites.all():
        data = {
            "equipment_type": "small_cell",
            "technology": "5g",
            "make_model": "Ericsson Radio 4408",
            "height_mm": "450",
            "width_mm": "300",
            "depth_mm": "150",
            "weight_kg": "12.5",
            "power_draw_w": "180",
            "frequency_bands": ["3600"],
            "mounting_height_m": "6.5",
            "cabinet_needed": "no",
        }
        moved(me, "site_edit", application, data, site.pk)
    moved(me, "document_upload", application, {"kind": "drawing", "file": SimpleUploadedFile("plan.pdf", PDF)})
    assert "Ready" in me.get(url("detail", application)).content.decode()
    moved(me, "submit", application)
    assert application.status == S.SUBMITTED
    assert Notification.objects.filter(user=officer, application=application).exists()

    # The council validates, asks for information; the clock pauses; the supplier answers.
    assert "Start the review" in council.get(url("detail", application)).content.decode()
    moved(council, "start_review", application, {"comment": ""})
    assert application.status == S.UNDER_REVIEW and application.assigned_officer == officer
    moved(council, "request_information", application, {"comment": "Send the bracket drawing."})
    assert application.status == S.INFORMATION_REQUESTED
    page = me.get(url("detail", application)).content.decode()
    assert "Send the bracket drawing." in page and "Answer the request" in page
    assert "Paused" in council.get(url("detail", application)).content.decode()
    moved(me, "answer", application, {"comment": "Attached to the application."})
    assert application.status == S.UNDER_REVIEW

    # The council decides each site (two approved with conditions, one refused), then the application.
    first, second, third = application.sites.order_by("pk")
    decide_page = council.get(url("site_decide", application, first.pk)).content.decode()
    for check in ["Structural load", "Space", "Power", "Planning constraints", "Other applications"]:
        assert check in decide_page
    moved(council, "site_decide", application, {"decision": "approved", "conditions": "Paint it green."}, first.pk)
    moved(council, "site_decide", application, {"decision": "approved"}, second.pk)
    refusal = {"decision": "refused", "refusal_reason": RefusalReason.CONSTRAINT, "refusal_detail": "Listed."}
    moved(council, "site_decide", application, refusal, third.pk)
    assert [s.decision for s in application.sites.order_by("pk")] == ["approved", "approved", "refused"]
    assert "approved</strong> for 2 of 3 sites" in council.get(url("decide", application)).content.decode()
    moved(council, "decide", application, {"comment": "Two of three."})
    assert application.status == S.APPROVED
    third.asset.refresh_from_db()
    first.asset.refresh_from_db()
    assert (first.asset.slots_used, third.asset.slots_used) == (1, 0)  # approving reserved; refusing did not

    # Fees follow the schedule: refused sites pay nothing.
    fees = me.get(url("detail", application)).context["fees"]
    assert [line.site_id for line in fees.lines] == [first.pk, second.pk]
    assert "£2,400.00 a year" in me.get(url("detail", application)).content.decode()

    # Licence, installation, confirmation, live.
    moved(council, "issue_licence", application)
    assert application.status == S.LICENCE_ISSUED
    moved(me, "report_installed", application, {"comment": "Installed on 3 June."})
    assert application.status == S.INSTALLED
    assert "Confirm the installation" in council.get(url("detail", application)).content.decode()
    assert "An officer must confirm the installation" in me.get(url("go_live", application)).content.decode()
    moved(council, "confirm_installation", application)
    moved(me, "go_live", application)
    assert application.status == S.LIVE

    # Both sides see the same timeline, every step in it.
    mine, theirs = timeline(me, application), timeline(council, application)
    assert mine == theirs
    for step in ["Submitted", "Review started", "Information requested", "Information supplied", "Decided", "Live"]:
        assert step in mine
    assert sum(1 for line in mine if line.startswith("Site decided")) == 3


def test_returned_then_amended_and_resubmitted(glasgow):
    application = ReturnedApplicationFactory(council=glasgow)
    me = signed_in(application.supplier)
    page = me.get(url("detail", application)).content.decode()
    assert "The structural calculation is missing." in page  # the reasons, in the timeline
    assert "Submit application again" in page
    start = application.proposed_start_date
    details = {
        "application_type": "small_cell",
        "term_years": "12",
        "proposed_start_date_0": start.day,
        "proposed_start_date_1": start.month,
        "proposed_start_date_2": start.year,
    }
    moved(me, "edit", application, details)
    assert (application.term_years, application.proposed_start_date) == (12, start)
    moved(me, "submit", application)
    assert application.status == S.SUBMITTED
    assert application.events.filter(action="resubmit").exists()


def test_the_supplier_adds_and_removes_sites_and_documents_on_a_draft(glasgow):
    application = ApplicationFactory(council=glasgow, site_count=1)
    extra = AssetFactory(council=glasgow, reference="LC123456")
    me = signed_in(application.supplier)
    response = moved(me, "site_add", application, {"reference": "lc123456"})
    new_site = application.sites.get(asset=extra)
    assert response["Location"] == url("site_edit", application, new_site.pk)
    moved(me, "site_remove", application, {}, new_site.pk)
    assert not application.sites.filter(asset=extra).exists()
    moved(me, "document_upload", application, {"kind": "photo", "file": SimpleUploadedFile("a.pdf", PDF)})
    document = application.documents.get()
    moved(me, "document_delete", application, {}, document.pk)
    assert not application.documents.exists()


def test_messages_both_ways_and_the_other_side_is_told(glasgow):
    application = SubmittedApplicationFactory(council=glasgow)
    me, council = signed_in(application.supplier), signed_in(application.officer)
    mail.outbox.clear()
    moved(me, "message_send", application, {"body": "When will you start?"})
    moved(council, "message_send", application, {"body": "Next week."})
    for client in (me, council):
        html = client.get(url("detail", application)).content.decode()
        assert "When will you start?" in html and "Next week." in html
    assert Notification.objects.filter(user=application.officer, text__contains="New message").exists()
    assert Notification.objects.filter(user=application.supplier, text__contains="New message").exists()


def test_the_council_uploads_a_document_the_applicant_downloads(glasgow):
    application = SubmittedApplicationFactory(council=glasgow)
    council, me = signed_in(application.officer), signed_in(application.supplier)
    moved(council, "document_upload", application, {"kind": "other", "file": SimpleUploadedFile("survey.pdf", PDF)})
    document = application.documents.get()
    response = me.get(url("document_download", application, document.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert 'filename="survey.pdf"' in response["Content-Disposition"]


def test_assign_and_unassign_on_the_application_page(glasgow):
    application = SubmittedApplicationFactory(council=glasgow)
    colleague = OfficerFactory(council=glasgow)
    council = signed_in(application.officer)
    moved(council, "assign", application, {"officer": str(colleague.pk)})
    assert application.assigned_officer == colleague
    assert Notification.objects.filter(user=colleague, text__contains="assigned").exists()
    moved(council, "assign", application, {"officer": ""})
    assert application.assigned_officer is None


def test_issue_licence_is_one_click_after_approval(glasgow):
    application = ApprovedApplicationFactory(council=glasgow)
    council = signed_in(application.officer)
    assert "Issue the licence" in council.get(url("detail", application)).content.decode()
    moved(council, "issue_licence", application)
    assert application.status == S.LICENCE_ISSUED
    assert Notification.objects.filter(user=application.supplier, text__contains="licence").exists()


def test_the_officer_records_an_installation_seen_on_site(glasgow):
    application = LicenceIssuedApplicationFactory(council=glasgow)
    council = signed_in(application.officer)
    moved(council, "report_installed", application, {"comment": "Seen on site."})
    assert application.status == S.INSTALLED and application.installation_confirmed_at is not None


def test_changing_a_site_decision_while_under_review(glasgow):
    from tests.applications.factories import UnderReviewApplicationFactory

    application = UnderReviewApplicationFactory(council=glasgow, decide_sites=SiteDecision.APPROVED)
    site = application.sites.get()
    council = signed_in(application.officer)
    page = council.get(url("site_decide", application, site.pk)).content.decode()
    assert "Decided approved by" in page
    refusal = {"decision": "refused", "refusal_reason": RefusalReason.NO_SPACE}
    moved(council, "site_decide", application, refusal, site.pk)
    site.refresh_from_db()
    site.asset.refresh_from_db()
    assert site.decision == SiteDecision.REFUSED and site.asset.slots_used == 0


def test_notifications_page_opens_the_application_and_marks_read(glasgow):
    application = SubmittedApplicationFactory(council=glasgow)
    council = signed_in(application.officer)
    note = Notification.objects.filter(user=application.officer).first()
    header = council.get("/").content.decode()
    assert "Notifications" in header and "unread" in header
    response = council.post(reverse("notifications:read", args=[note.pk]))
    assert response["Location"] == url("detail", application)
    note.refresh_from_db()
    assert note.read_at is not None
    council.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(user=application.officer, read_at__isnull=True).exists()
    assert "unread" not in council.get("/").content.decode()


def test_a_notification_with_an_offsite_url_goes_to_the_list(glasgow):
    supplier = SupplierFactory()
    note = Notification.objects.create(user=supplier, text="Odd", url="https://evil.example/")
    response = signed_in(supplier).post(reverse("notifications:read", args=[note.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_what_is_awaited_reads_for_each_side(glasgow):
    from tests.factories import SystemAdminFactory

    application = SubmittedApplicationFactory(council=glasgow)
    expected = {
        application.supplier: "Waiting for the council to check it is complete and start the review.",
        application.officer: "Waiting for the council (you) to check it is complete and start the review.",
        SystemAdminFactory(): "Waiting for the council to check it is complete and start the review.",
    }
    for user, text in expected.items():
        assert text in signed_in(user).get(url("detail", application)).content.decode()


def test_an_unverified_organisation_is_warned_before_it_starts(glasgow):
    from tests.factories import OrganisationFactory

    supplier = SupplierFactory(organisation=OrganisationFactory())
    html = signed_in(supplier).get(reverse("applications:new")).content.decode()
    assert "submit it once your organisation is verified" in html
