"""The page layout: navigation per role, sign-in state, security headers, sign-out, throttling, error pages."""

import re

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import CouncilAdminFactory, OfficerFactory, SupplierFactory, SystemAdminFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"  # tests.factories.UserFactory

EVERYONE = ["Find sites", "Rollout"]
COUNCIL_STAFF = [*EVERYONE, "Applications", "Asset register", "Admin"]


def navigation(html: str) -> list[str]:
    """The link texts of the service navigation."""
    menu = re.search(r'<ul class="govuk-service-navigation__list" id="navigation">(.*?)</ul>', html, re.S)
    assert menu, "the page has no service navigation"
    links = re.findall(r'<a class="govuk-service-navigation__link"[^>]*>(.*?)</a>', menu.group(1), re.S)
    return [re.sub(r"<[^>]+>", "", text).strip() for text in links]


@pytest.mark.parametrize(
    ("make_user", "expected"),
    [
        (None, EVERYONE),
        (lambda council: SupplierFactory(), [*EVERYONE, "Applications"]),
        (lambda council: OfficerFactory(council=council), COUNCIL_STAFF),
        (lambda council: CouncilAdminFactory(council=council), COUNCIL_STAFF),
        (lambda council: SystemAdminFactory(), COUNCIL_STAFF),
    ],
    ids=["anonymous", "supplier", "officer", "council-admin", "system-admin"],
)
def test_navigation_per_role(client, glasgow, make_user, expected):
    if make_user:
        client.force_login(make_user(glasgow))
    response = client.get(reverse("pages:home"))
    assert response.status_code == 200
    assert navigation(response.content.decode()) == expected


def test_staff_links_point_at_the_admin(client, glasgow):
    client.force_login(OfficerFactory(council=glasgow))
    html = client.get(reverse("pages:home")).content.decode()
    assert f'href="{reverse("admin:sites_asset_changelist")}"' in html
    assert f'href="{reverse("admin:index")}"' in html


def test_current_section_is_marked(client, glasgow):
    client.force_login(OfficerFactory(council=glasgow))
    html = client.get("/sites/").content.decode()  # a 404 until the sites app serves it: the layout all the same
    assert re.search(r'href="/sites/" aria-current="page"', html)


def test_header_shows_council_service_and_sign_in_state(client, glasgow):
    html = client.get(reverse("pages:home")).content.decode()
    assert "Glasgow City Council" in html
    assert "Telecoms Site Portal" in html
    assert f'href="{reverse("login")}"' in html
    assert "Signed in as" not in html

    supplier = SupplierFactory(first_name="Morag", last_name="Stewart")
    client.force_login(supplier)
    html = client.get(reverse("pages:home")).content.decode()
    assert "Signed in as <strong>Morag Stewart</strong>" in html
    assert re.search(rf'<form class="portal-account__form" method="post" action="{reverse("logout")}">', html)


def test_footer_credits_the_data_and_links_the_statements(client, glasgow):
    html = client.get(reverse("pages:home")).content.decode()
    for credit in [
        "Open Government Licence v3.0",
        "Contains OS data © Crown copyright and database right 2022",
        "Apache License 2.0",
        "OpenStreetMap contributors",
    ]:
        assert credit in html
    assert f'href="{reverse("pages:accessibility")}"' in html
    assert f'href="{reverse("pages:privacy")}"' in html


@pytest.mark.parametrize(
    ("name", "heading"),
    [("pages:accessibility", "Accessibility statement"), ("pages:privacy", "Privacy notice")],
)
def test_statement_pages(client, glasgow, name, heading):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert heading in response.content.decode()


def test_layout_has_no_crown_and_no_inline_script(client, glasgow):
    html = client.get(reverse("pages:home")).content.decode()
    assert "govuk-logo" not in html and "govuk-header__logotype" not in html
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts, "the layout loads GOV.UK Frontend"
    assert all("src=" in tag for tag in scripts)
    assert any('type="module"' in tag and "portal/init.js" in tag for tag in scripts)
    assert "cdn" not in html.lower()


def test_security_headers(client, glasgow):
    response = client.get(reverse("pages:home"))
    csp = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert "'self'" in directives["script-src"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_sign_out_is_a_post(client, glasgow):
    client.force_login(SupplierFactory())
    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_sign_in_through_the_form(client, glasgow):
    officer = OfficerFactory(council=glasgow)
    response = client.post(reverse("login"), {"username": officer.username, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("pages:home")
    assert response.context["user"] == officer


def test_sign_in_errors_are_plain_english(client, glasgow):
    response = client.post(reverse("login"), {"username": "", "password": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in" in html
    assert "govuk-error-summary" in html
    assert '<a href="#id_username">Enter your username</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html

    officer = OfficerFactory(council=glasgow)
    html = client.post(reverse("login"), {"username": officer.username, "password": "wrong"}).content.decode()
    assert "Enter a correct username and password" in html


def test_sign_in_locks_out_after_repeated_failures(client, glasgow):
    officer = OfficerFactory(council=glasgow)
    wrong = {"username": officer.username, "password": "not-the-password"}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(reverse("login"), wrong).status_code == 200
    response = client.post(reverse("login"), wrong)
    assert response.status_code == 429
    html = response.content.decode()
    assert "You cannot sign in at the moment" in html
    assert f"Try again in {round(settings.AXES_COOLOFF_TIME * 60)} minutes." in html
    # Locked even with the right password, until the cool-off ends.
    right = {"username": officer.username, "password": PASSWORD}
    assert client.post(reverse("login"), right).status_code == 429
    assert "_auth_user_id" not in client.session


def test_not_found_page(client, glasgow):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Glasgow City Council" in html  # the full layout


def test_server_error_page_needs_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert "<script" not in html


def test_password_reset_journey(client, glasgow, mailoutbox):
    officer = OfficerFactory(council=glasgow)
    assert "Reset your password" in client.get(reverse("password_reset")).content.decode()
    response = client.post(reverse("password_reset"), {"email": officer.email}, follow=True)
    assert "Check your email" in response.content.decode()
    (mail,) = mailoutbox
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.body).group(1)
    response = client.get(link, follow=True)
    assert "Set a new password" in response.content.decode()
    new = "a-much-longer-new-passphrase-2026"
    response = client.post(response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True)
    assert "Your password has been set" in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(new)


def test_password_reset_link_used_twice_is_explained(client, glasgow):
    response = client.get("/accounts/reset/MQ/not-a-token/")
    assert response.status_code == 200
    assert "This link has expired" in response.content.decode()


def test_password_change_shows_errors_in_a_summary(client, glasgow):
    client.force_login(SupplierFactory())
    assert "Change your password" in client.get(reverse("password_change")).content.decode()
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "short", "new_password2": "different"},
    )
    html = response.content.decode()
    assert "<title>Error: Change your password" in html
    assert '<a href="#id_old_password">' in html
    assert '<a href="#id_new_password2">' in html


def test_messages_are_notification_banners(rf, glasgow):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message

    html = render_to_string(
        "includes/messages.html",
        {"messages": [Message(constants.SUCCESS, "Asset LC000101 saved"), Message(constants.INFO, "Import queued")]},
    )
    success, info = re.split(r'<div class="govuk-notification-banner[ "]', html)[1:]
    assert 'govuk-notification-banner--success" role="alert"' in success
    assert 'id="notification-banner-title-1">Success</h2>' in success
    assert "Asset LC000101 saved" in success
    assert 'role="region" aria-labelledby="notification-banner-title-2"' in info
    assert "Import queued" in info


def test_admin_password_change_uses_the_portal_page(client, glasgow):
    client.force_login(OfficerFactory(council=glasgow))
    response = client.get(reverse("admin:password_change"))
    assert response.status_code == 200
    assert "Change your password" in response.content.decode()
