"""Hostile input on every URL: never a 500 (DEVELOPERS.md "Bad input gets a clear message").

Walks every URL pattern of the portal (the resolver, admin included), fills each path
parameter with a real value and with hostile ones, and sends, as each of four people
(signed out, a supplier, an officer, a council administrator), GET requests with hostile
query parameters, POSTs with hostile form fields, repeated parameters, other methods, and
POSTs without the CSRF token. Seeded (FUZZ_SEED) so a failure repeats; FUZZ_CASES_PER_URL
sets how many random requests each URL and person get. Every answer must be below 500.
"""

import os
import random
import re
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from applications import services
from applications.models import DocumentKind
from sites.models import AssetType
from tests.applications.factories import LicenceIssuedApplicationFactory, SubmittedApplicationFactory
from tests.applications.licence_factories import register
from tests.factories import AssetFactory, CouncilAdminFactory, OfficerFactory, SupplierFactory, WardFactory

pytestmark = pytest.mark.django_db

SEED = int(os.environ.get("FUZZ_SEED", "20261207"))
CASES_PER_URL = int(os.environ.get("FUZZ_CASES_PER_URL", "2"))
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

HOSTILE = [
    "",
    " ",
    "-1",
    "0",
    "-0",
    "1e309",
    "-1e309",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "9" * 400,
    "-" + "9" * 40,
    "1.5",
    "1,2",
    "1,2,3,4,5",
    "a,b,c,d",
    "-4.25,55.86",
    "180,90,-180,-90",
    "-4.3,55.8,-4.2,55.9",
    "259150,665340",
    "\x00",
    "a\x00b",
    "%00",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    "1; DROP TABLE sites_asset; --",
    "🙂" * 30,
    "ǅ\u202e\ufeff",
    "../../etc/passwd",
    "\r\nX-Injected: 1",
    "x" * 100_000,
    '{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}',
    '{"type":"Polygon","coordinates":[[[-4.26,55.86],[-4.25,55.86],[-4.25,55.87],[-4.26,55.86]]]}',
    '{"type":"Point"}',
    '{"type":"Polygon","coordinates":"x"}',
    "[[[",
    "null",
    "true",
    "{}",
    "[]",
]
# Parameters the portal reads somewhere (finder, API, rollout, queue, forms), and a few it does not.
PARAMS = [
    "bbox", "near", "near_en", "radius", "within", "zoom", "where", "page", "q", "asset_type", "ward",
    "availability", "min_height", "max_height", "min_capacity_kg", "min_free_slots", "power", "fibre_nearby",
    "without", "sort", "status", "technology", "operator", "from", "to", "due", "officer", "limit", "format",
    "next", "council", "all", "o", "p", "_changelist_filters", "e", "unknown", "page_size", "cursor",
    "filter", "filter-lang", "filter-crs", "crs", "bbox-crs", "datetime", "sortby", "properties", "offset", "f",
]  # fmt: skip
FIELDS = [
    "name", "email", "reference", "body", "comment", "reason", "decision", "conditions", "refusal_reason",
    "asset", "application_type", "term_years", "description", "equipment_type", "technology", "weight_kg",
    "height_m", "officer", "confirmed", "kind", "query", "alerts", "organisation_name", "username",
    "password", "password1", "password2", "new_password1", "new_password2", "old_password", "token",
    "installed_on_0", "installed_on_1", "installed_on_2", "live_on_0", "proposed_start_date_0", "next",
    "_confirm", "_cancel", "_save", "action", "_selected_action", "select_across",
]  # fmt: skip


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def routes() -> list[str]:
    """Every route of the portal, as its pattern text (path() converters or a regex)."""
    return sorted(set(_walk(get_resolver().url_patterns)))


PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def fill(route: str, values: dict[str, str]) -> str:
    """A path for `route`, each parameter from `values` (by name), URL-quoted."""
    if route.startswith("^") or "(?P" in route:  # the admin's app index: ^(?P<app_label>a|b)/$
        route = REGEX_GROUP.sub(lambda m: values.get(m.group("name"), "sites"), route).strip("^$")
        return "/" + route.replace("\\", "")
    return "/" + PARAM.sub(lambda m: quote(values.get(m.group("name"), "x"), safe=""), route)


@pytest.fixture
def world(glasgow):
    register(council=glasgow)
    WardFactory(council=glasgow, code="S13002999")
    asset = AssetFactory(council=glasgow, reference="LC000777")
    AssetFactory(council=glasgow, reference="DC000001", asset_type=AssetType.objects.get(code="duct_chamber"))
    supplier = SupplierFactory(is_organisation_admin=True)
    officer = OfficerFactory(council=glasgow)
    submitted = SubmittedApplicationFactory(council=glasgow, supplier=supplier, officer=officer)
    licensed = LicenceIssuedApplicationFactory(council=glasgow, supplier=supplier, officer=officer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = services.document_upload(
        application=submitted,
        by=supplier,
        file=SimpleUploadedFile("d.pdf", PDF, content_type="application/pdf"),
        kind=DocumentKind.DRAWING,
    )
    real = {
        "pk": str(submitted.pk),
        "reference": submitted.reference,
        "site": str(submitted.sites.first().pk),
        "document": str(document.pk),
        "number": licensed.licences.get().number,
        "council": glasgow.slug,
        "code": "S13002999",
        "fmt": "csv",
        "file_format": "csv",
        "object_id": str(asset.pk),
        "id": str(supplier.pk),
        "app_label": "sites",
        "content_type_id": "1",
        "token": "x",
        "uidb64": "MQ",
    }
    people = {
        "anonymous": None,
        "supplier": supplier,
        "officer": officer,
        "council_admin": CouncilAdminFactory(council=glasgow),
    }
    return real, people


def _client(user, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf, raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _cases(route: str, real: dict, rng: random.Random):
    """(method, path, data) for one route: the real path with hostile input, and hostile paths."""
    path = fill(route, real)
    yield "get", path, None
    for name in PARAM.findall(route) + [(None, m) for m in REGEX_GROUP.findall(route)]:
        key = name[1] if isinstance(name, tuple) else name
        for value in rng.sample(HOSTILE, 2) + ["999999999"]:
            yield "get", fill(route, real | {key: value[:2000]}), None
    for _ in range(CASES_PER_URL):
        query = [(rng.choice(PARAMS), rng.choice(HOSTILE)) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.3:  # the same parameter repeated
            query += [(query[0][0], rng.choice(HOSTILE))]
        yield "get", f"{path}?{urlencode(query)}", None
        yield "post", path, {rng.choice(FIELDS): rng.choice(HOSTILE) for _ in range(rng.randint(1, 6))}
    yield rng.choice(["put", "patch", "delete", "options"]), path, None


def test_no_url_answers_500_to_hostile_input(world):
    real, people = world
    rng = random.Random(SEED)
    clients = {role: _client(user) for role, user in people.items()}
    csrf_clients = {role: _client(user, csrf=True) for role, user in people.items()}
    failures, count, statuses = [], 0, {}
    for route in routes():
        cases = list(_cases(route, real, rng))
        for role, client in clients.items():
            if people[role] is not None:
                client.force_login(people[role])  # signed in again: an earlier case may have signed out
            for method, path, data in cases:
                response = getattr(client, method)(path, data) if data is not None else getattr(client, method)(path)
                count += 1
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                if response.status_code >= 500:
                    failures.append(
                        f"{role} {method.upper()} {path[:200]} {data and str(data)[:200]}: {response.status_code}"
                    )
            # A POST without the CSRF token: refused (403), never a 500.
            response = csrf_clients[role].post(fill(route, real), {"x": "1"})
            count += 1
            if response.status_code >= 500:
                failures.append(f"{role} POST without CSRF {fill(route, real)}: {response.status_code}")
    print(f"{count} cases; answers by status: {dict(sorted(statuses.items()))}")
    assert count > 3000, f"only {count} cases"
    assert not failures, f"{len(failures)} of {count} cases answered 5xx (seed {SEED}):\n" + "\n".join(failures[:40])
    assert statuses.get(200, 0) > 500 and statuses.get(400, 0) > 30, "the walk reaches real pages and their checks"


def test_the_walk_reaches_every_kind_of_page():
    found = routes()
    for expected in (
        "api/sites.geojson",
        "sites/<slug:council>/<path:reference>/",
        "applications/<str:reference>/decide/",
    ):
        assert expected in found
    assert any(route.startswith("admin/") for route in found)
    assert len(found) > 150, "the admin's URLs are walked too"
