"""Who may open every page and endpoint of applications, accounts and notifications: one table (STYLE point 5).

Roles: anonymous; a supplier of the applicant organisation (its account manager); a
supplier of another verified organisation; a supplier of an unverified organisation;
an officer of the application's council; an officer of another council; the council's
administrator; a system administrator.

The rules the table states: signed out -> 302 to sign in; an application (document,
notification) the person may not see -> 404, the same as one that does not exist;
one they may see but whose action is the other side's -> 403; allowed -> 200 for a
page, 302 (POST/redirect/GET) for a form that succeeded.

System administrators (ADR 12) see every application, its documents and its licences,
and make no workflow move: the moves are the applicant's and the council officers'.

The data is built once for the module (inside a transaction rolled back at the end);
each test runs in its own savepoint, so a POST that changes something is undone.
"""

from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import get_resolver, reverse

from applications import services
from applications.models import DocumentKind
from portal.accounts import organisation_invite
from portal.models import Council
from tests.applications.factories import (
    ApplicationFactory,
    ApprovedApplicationFactory,
    InformationRequestedApplicationFactory,
    InstalledApplicationFactory,
    LicenceIssuedApplicationFactory,
    SubmittedApplicationFactory,
    UnderReviewApplicationFactory,
)
from tests.applications.licence_factories import licensed, spread_assets
from tests.factories import (
    AssetFactory,
    CouncilAdminFactory,
    CouncilFactory,
    OfficerFactory,
    OrganisationFactory,
    SupplierFactory,
    SystemAdminFactory,
)

ROLES = (
    "anonymous",
    "supplier",
    "other_supplier",
    "unverified_supplier",
    "officer",
    "other_officer",
    "council_admin",
    "system_admin",
)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf(name="drawing.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@dataclass
class World:
    users: dict
    apps: dict
    extra: dict = field(default_factory=dict)


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    return tmp_path_factory.mktemp("uploads")


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, media):
    """The module's documents live in one directory (overrides tests/applications/conftest.py)."""
    settings.MEDIA_ROOT = media


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, media):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("loaddata", "fixtures/councils.json", verbosity=0)
        glasgow = Council.objects.get(slug="glasgow")
        supplier = SupplierFactory(is_organisation_admin=True, first_name="Ailsa")
        officer = OfficerFactory(council=glasgow)
        users = {
            "anonymous": None,
            "supplier": supplier,
            "other_supplier": SupplierFactory(),
            "unverified_supplier": SupplierFactory(organisation=OrganisationFactory(), is_organisation_admin=True),
            "officer": officer,
            "other_officer": OfficerFactory(council=CouncilFactory()),
            "council_admin": CouncilAdminFactory(council=glasgow),
            "system_admin": SystemAdminFactory(),
        }
        sides = {"council": glasgow, "supplier": supplier, "officer": officer}
        installed_unconfirmed = LicenceIssuedApplicationFactory(**sides)
        services.application_report_installed(application=installed_unconfirmed, by=supplier)
        apps = {
            "draft": ApplicationFactory(site_count=2, **sides),
            "submitted": SubmittedApplicationFactory(**sides),
            "under_review": UnderReviewApplicationFactory(**sides),
            "information_requested": InformationRequestedApplicationFactory(**sides),
            "decided": UnderReviewApplicationFactory(decide_sites="approved", **sides),
            "approved": ApprovedApplicationFactory(**sides),
            "licence_issued": LicenceIssuedApplicationFactory(**sides),
            "installed_unconfirmed": installed_unconfirmed,
            "installed": InstalledApplicationFactory(**sides),
        }
        extra = {
            "new_asset": AssetFactory(council=glasgow, reference="LC990001"),
            "draft_document": services.document_upload(
                application=apps["draft"], by=supplier, file=pdf(), kind=DocumentKind.DRAWING
            ),
            "document": services.document_upload(
                application=apps["submitted"], by=supplier, file=pdf(), kind=DocumentKind.DRAWING
            ),
            "notification": supplier.notifications.order_by("pk").first(),
            "invitation": organisation_invite(organisation=supplier.organisation, email="new@example.org", by=supplier),
            "unverified": users["unverified_supplier"].organisation,
            "licence": licensed(assets=spread_assets(council=glasgow, count=1, prefix="LL"), **sides)[1],
        }
        yield World(users=users, apps=apps, extra=extra)
        transaction.set_rollback(True)


@dataclass(frozen=True)
class Route:
    """A named URL whose arguments come from the world: `Route("applications:detail", reference=...)`."""

    name: str
    kwargs: dict = field(default_factory=dict)

    def __call__(self, w) -> str:
        return reverse(self.name, kwargs={key: build(w) for key, build in self.kwargs.items()})


def url(name, **kwargs):
    return Route(name, kwargs)


def ref(state):
    return lambda w: w.apps[state].reference


def app_url(name, state):
    return Route(f"applications:{name}", {"reference": ref(state)})


def site_url(name, state):
    first_site = lambda w: w.apps[state].sites.order_by("pk").first().pk  # noqa: E731
    return Route(f"applications:{name}", {"reference": ref(state), "site": first_site})


def doc_url(name, state, key):
    return Route(f"applications:{name}", {"reference": ref(state), "document": lambda w: w.extra[key].pk})


def expect(default: int, **by_role: int) -> dict[str, int]:
    """Every role gets `default` unless named; anonymous is always redirected to sign in."""
    table = dict.fromkeys(ROLES, default)
    table["anonymous"] = 302
    table.update(by_role)
    return table


def no_one_but(**allowed: int) -> dict[str, int]:
    """404 for everyone who cannot see the application, unless named."""
    return expect(404, **allowed)


# Who sees what (a draft is the applicant's alone; submitted ones the council's staff too).
def applicant_only_draft(ok):
    return no_one_but(supplier=ok)


def applicant_action(ok):
    return no_one_but(supplier=ok, officer=403, council_admin=403, system_admin=403)


def council_action(ok):
    return no_one_but(supplier=403, officer=ok, council_admin=ok, system_admin=403)


def either_side(ok):
    return no_one_but(supplier=ok, officer=ok, council_admin=ok, system_admin=403)


def anyone_who_sees_it(ok):
    return no_one_but(supplier=ok, officer=ok, council_admin=ok, system_admin=ok)


SUPPLIERS = {"supplier": 200, "other_supplier": 200, "unverified_supplier": 200}
STAFF_403 = {"officer": 403, "other_officer": 403, "council_admin": 403, "system_admin": 403}
SIGNED_IN_302 = dict.fromkeys(ROLES[1:], 302)
EQUIPMENT = {"equipment_type": "small_cell", "technology": "5g", "weight_kg": "10", "cabinet_needed": "no"}


def new_application(w):
    return {"asset": [str(w.extra["new_asset"].pk)], "application_type": "small_cell"}


# (id, method, url(world), data(world) or None, expected status per role)
ENDPOINTS = [
    # Accounts
    ("register", "get", url("accounts:register"), None, {"anonymous": 200, **SIGNED_IN_302}),
    ("organisation", "get", url("accounts:organisation"), None, expect(200, **STAFF_403) | SUPPLIERS),
    (
        "invite",
        "post",
        url("accounts:invite"),
        lambda w: {"email": "colleague@example.org"},
        expect(403, supplier=302, unverified_supplier=302),
    ),
    (
        "invitation",
        "get",
        url("accounts:invitation", token=lambda w: w.extra["invitation"].token),
        None,
        {"anonymous": 200, **SIGNED_IN_302},
    ),
    (
        "unverified-organisations",
        "get",
        url("accounts:unverified"),
        None,
        expect(200, supplier=403, other_supplier=403, unverified_supplier=403),
    ),
    (
        "verify-organisation",
        "post",
        url("accounts:verify", pk=lambda w: w.extra["unverified"].pk),
        lambda w: {},
        expect(302, supplier=403, other_supplier=403, unverified_supplier=403),
    ),
    # The supplier's list and new applications; the council's queue
    ("list", "get", url("applications:list"), None, expect(302) | SUPPLIERS),
    ("new", "get", url("applications:new"), None, expect(403) | SUPPLIERS),
    (
        "new-post",
        "post",
        url("applications:new"),
        new_application,
        expect(403, supplier=302, other_supplier=302, unverified_supplier=302),
    ),
    (
        "queue",
        "get",
        url("applications:queue"),
        None,
        expect(200, supplier=403, other_supplier=403, unverified_supplier=403),
    ),
    # The application page, a draft's pages
    ("detail-draft", "get", app_url("detail", "draft"), None, applicant_only_draft(200)),
    ("detail-submitted", "get", app_url("detail", "submitted"), None, anyone_who_sees_it(200)),
    ("edit", "get", app_url("edit", "draft"), None, applicant_only_draft(200)),
    (
        "edit-post",
        "post",
        app_url("edit", "draft"),
        lambda w: {"application_type": "small_cell", "term_years": "5"},
        applicant_only_draft(302),
    ),
    ("edit-submitted", "get", app_url("edit", "submitted"), None, applicant_action(200)),
    ("submit", "post", app_url("submit", "draft"), lambda w: {}, applicant_only_draft(302)),
    (
        "site-add",
        "post",
        app_url("site_add", "draft"),
        lambda w: {"reference": "LC990001"},
        applicant_only_draft(302),
    ),
    ("site-edit", "get", site_url("site_edit", "draft"), None, applicant_only_draft(200)),
    ("site-edit-post", "post", site_url("site_edit", "draft"), lambda w: EQUIPMENT, applicant_only_draft(302)),
    ("site-remove", "post", site_url("site_remove", "draft"), lambda w: {}, applicant_only_draft(302)),
    # Documents
    ("document-upload", "get", app_url("document_upload", "submitted"), None, either_side(200)),
    (
        "document-upload-post",
        "post",
        app_url("document_upload", "submitted"),
        lambda w: {"kind": "drawing", "file": pdf()},
        either_side(302),
    ),
    ("document-download", "get", doc_url("document_download", "submitted", "document"), None, anyone_who_sees_it(200)),
    (
        "document-download-draft",
        "get",
        doc_url("document_download", "draft", "draft_document"),
        None,
        applicant_only_draft(200),
    ),
    (
        "document-delete",
        "post",
        doc_url("document_delete", "draft", "draft_document"),
        lambda w: {},
        applicant_only_draft(302),
    ),
    # Messages and assigning
    (
        "message",
        "post",
        app_url("message_send", "submitted"),
        lambda w: {"body": "Hello"},
        either_side(302),
    ),
    ("assign", "post", app_url("assign", "submitted"), lambda w: {"officer": "me"}, council_action(302)),
    # The review
    ("start-review", "get", app_url("start_review", "submitted"), None, council_action(200)),
    ("start-review-post", "post", app_url("start_review", "submitted"), lambda w: {}, council_action(302)),
    ("return", "get", app_url("return", "submitted"), None, council_action(200)),
    (
        "return-post",
        "post",
        app_url("return", "submitted"),
        lambda w: {"comment": "No drawings."},
        council_action(302),
    ),
    ("request-information", "get", app_url("request_information", "under_review"), None, council_action(200)),
    (
        "request-information-post",
        "post",
        app_url("request_information", "under_review"),
        lambda w: {"comment": "Send the bracket drawing."},
        council_action(302),
    ),
    ("answer", "get", app_url("answer", "information_requested"), None, applicant_action(200)),
    (
        "answer-post",
        "post",
        app_url("answer", "information_requested"),
        lambda w: {"comment": "Attached."},
        applicant_action(302),
    ),
    ("site-decide", "get", site_url("site_decide", "under_review"), None, council_action(200)),
    (
        "site-decide-post",
        "post",
        site_url("site_decide", "under_review"),
        lambda w: {"decision": "approved", "conditions": "Paint it green."},
        council_action(302),
    ),
    ("decide", "get", app_url("decide", "decided"), None, council_action(200)),
    ("decide-post", "post", app_url("decide", "decided"), lambda w: {}, council_action(302)),
    ("issue-licence", "get", app_url("issue_licence", "approved"), None, council_action(200)),
    ("issue-licence-post", "post", app_url("issue_licence", "approved"), lambda w: {}, council_action(302)),
    ("report-installed", "get", app_url("report_installed", "licence_issued"), None, either_side(200)),
    (
        "report-installed-post",
        "post",
        app_url("report_installed", "licence_issued"),
        lambda w: {},
        either_side(302),
    ),
    (
        "confirm-installation",
        "get",
        app_url("confirm_installation", "installed_unconfirmed"),
        None,
        council_action(200),
    ),
    (
        "confirm-installation-post",
        "post",
        app_url("confirm_installation", "installed_unconfirmed"),
        lambda w: {},
        council_action(302),
    ),
    ("go-live", "get", app_url("go_live", "installed"), None, either_side(200)),
    ("go-live-post", "post", app_url("go_live", "installed"), lambda w: {}, either_side(302)),
    ("withdraw", "get", app_url("withdraw", "submitted"), None, applicant_action(200)),
    (
        "withdraw-post",
        "post",
        app_url("withdraw", "submitted"),
        lambda w: {"reason": "Plans changed.", "confirmed": "True"},
        applicant_action(302),
    ),
    # The licence PDF (its verification page is public): the licensee, the council, system admins
    (
        "licence-download",
        "get",
        url("licences:download", number=lambda w: w.extra["licence"].number),
        None,
        expect(403, supplier=200, officer=200, council_admin=200, system_admin=200),
    ),
    # Notifications
    ("notifications", "get", url("notifications:list"), None, expect(200)),
    (
        "notification-read",
        "post",
        url("notifications:read", pk=lambda w: w.extra["notification"].pk),
        lambda w: {},
        expect(404, supplier=302),
    ),
    ("notifications-read-all", "post", url("notifications:read_all"), lambda w: {}, expect(302)),
]

CASES = [
    pytest.param(method, build_url, data, role, table[role], id=f"{name}-{role}")
    for name, method, build_url, data, table in ENDPOINTS
    for role in ROLES
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "build_url", "data", "role", "status"), CASES)
def test_permission_table(client, world, method, build_url, data, role, status):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    target = build_url(world)
    response = client.get(target) if method == "get" else client.post(target, data(world))
    assert response.status_code == status, f"{role} {method.upper()} {target}: {response.status_code}"
    if role == "anonymous" and status == 302:
        assert response["Location"].startswith(reverse("login"))


def test_the_table_covers_every_named_url():
    """A new page without a row here fails: every URL of the three apps is in the table."""
    resolver = get_resolver()
    names = {
        f"{namespace}:{name}"
        for namespace in ("applications", "accounts", "notifications")
        for name in resolver.namespace_dict[namespace][1].reverse_dict
        if isinstance(name, str)
    }
    covered = {build_url.name for _name, _method, build_url, _data, _table in ENDPOINTS}
    assert names <= covered, f"not in the permission table: {sorted(names - covered)}"
