"""Why a page is refused (403), and what the person can do about it.

Views and services raise `Refused(message, needs=...)` (a PermissionDenied) where they know
what was missing; `permission_denied` (the project's handler403) shows the message and
the way forward for that need and the person asking: sign in, ask the organisation's
account manager, wait for the council to verify the organisation, or ask the council.
A plain PermissionDenied gets the advice for the person's role.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from .models import User


class Need:
    """What a refused person lacked (the `needs` of Refused)."""

    SIGN_IN = "sign_in"
    SUPPLIER = "supplier"  # a supplier's account
    COUNCIL_STAFF = "council_staff"  # an officer's or council administrator's account
    ORGANISATION_ADMIN = "organisation_admin"  # the organisation's account manager
    VERIFIED_ORGANISATION = "verified_organisation"
    APPLICANT = "applicant"  # a member of the applicant organisation
    COUNCIL_OFFICER = "council_officer"  # an officer of the application's council


class Refused(PermissionDenied):
    """PermissionDenied that says what was missing, so the 403 page can say what to do."""

    def __init__(self, message: str, *, needs: str | None = None):
        super().__init__(message)
        self.needs = needs


@dataclass(frozen=True)
class Advice:
    text: str
    link: str = ""
    link_text: str = ""


DEFAULT_REASON = "Your account does not have access to this page."


def _names(users) -> str:
    named = [f"{u.get_full_name() or u.username} ({u.email})" for u in users]
    return ", ".join(named[:3])


def _organisation_admins(user: User) -> list[User]:
    if user.organisation_id is None:
        return []
    return list(user.organisation.members.filter(is_organisation_admin=True, is_active=True).exclude(pk=user.pk))


def advice_for(*, user, needs: str | None, path: str) -> list[Advice]:
    """What `user` can do about a refusal that lacked `needs` (None: unknown, by role)."""
    if not user.is_authenticated:
        login = f"{reverse('login')}?{urlencode({'next': path})}"
        return [
            Advice("Sign in with the account that has access to this page.", login, "Sign in"),
            Advice(
                "A telecoms supplier without an account can register its organisation.",
                reverse("accounts:register"),
                "Register your organisation",
            ),
        ]
    advice = []
    if user.is_supplier:
        organisation = user.organisation
        if needs == Need.VERIFIED_ORGANISATION or not organisation.is_verified:
            advice.append(
                Advice(
                    f"The council has not yet verified {organisation.name}. Until it does you can find and "
                    "shortlist sites and save draft applications; you will get an email when it is verified."
                )
            )
        if needs in (Need.ORGANISATION_ADMIN, Need.APPLICANT, None) and not user.is_organisation_admin:
            admins = _organisation_admins(user)
            who = f"your organisation's account manager ({_names(admins)})" if admins else "your account manager"
            advice.append(Advice(f"Ask {who} to do this, or to make you an account manager."))
        if needs in (Need.COUNCIL_STAFF, Need.COUNCIL_OFFICER):
            advice.append(
                Advice(
                    "This page is for the council's staff. Your organisation's applications are on your "
                    "applications page.",
                    reverse("applications:list"),
                    "Your applications",
                )
            )
    elif user.is_council_staff:
        if needs in (Need.SUPPLIER, Need.APPLICANT, Need.ORGANISATION_ADMIN, Need.VERIFIED_ORGANISATION):
            advice.append(
                Advice(
                    "This is the applicant's step: a supplier's account does it, not the council's. "
                    "You can send the applicant a message from the application page.",
                )
            )
        else:
            advice.append(
                Advice(
                    f"This belongs to another council, or needs another role. If you need access, ask "
                    f"{user.council.name}'s council administrator.",
                    reverse("applications:queue"),
                    "Go to your queue",
                )
            )
    elif user.is_system_admin or user.is_superuser:
        advice.append(
            Advice(
                "System administrators can see every application and download its documents and licences, "
                "but the workflow's moves are the applicant's or the council officers' own (ADR 12). "
                "Ask the council's officer or the applicant to make this move.",
            )
        )
    return advice


def needs_of(exception) -> str | None:
    return getattr(exception, "needs", None)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    """handler403: the reason given (in plain English), and what to do."""
    reason = str(exception or "") or DEFAULT_REASON
    advice = advice_for(user=request.user, needs=needs_of(exception), path=request.get_full_path())
    return render(request, "403.html", {"reason": reason, "advice": advice}, status=403)
