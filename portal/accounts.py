"""Supplier accounts: an organisation registers with its first user, and its admins invite colleagues.

A registered organisation is unverified until council staff verify it
(portal.services.organisation_verify); until then its users can draft applications
but not submit them. An invitation is a signed, time-limited link naming the
organisation and the invitee's email address (no table: the signature is the
record); it is spent once an account with that address exists.

Services raise ValidationError with a dict keyed by their own keyword arguments, and
PermissionDenied when the person asking may not act; reads are the `*_list` functions.
"""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from .models import COUNCIL_ROLES, Organisation, Role, User
from .refusals import Need, Refused
from .selectors import portal_url
from .services import user_create

logger = logging.getLogger(__name__)

INVITATION_SALT = "portal.accounts.invitation"
INVITATION_MAX_AGE = timedelta(days=7)


def _errors(exc: ValidationError, rename: dict[str, str] | None = None) -> dict[str, list[str]]:
    """A model's ValidationError as {argument name: messages}."""
    rename = rename or {}
    if not hasattr(exc, "error_dict"):
        return {NON_FIELD_ERRORS: exc.messages}
    return {rename.get(key, key): messages for key, messages in exc.message_dict.items()}


def _merge(into: dict[str, list[str]], more: dict[str, list[str]]) -> None:
    for key, messages in more.items():
        into.setdefault(key, []).extend(m for m in messages if m not in into.get(key, []))


def _person_errors(user: User, password: str) -> dict[str, list[str]]:
    """Problems with a new person's details and password (Django's validators), without saving."""
    errors: dict[str, list[str]] = {}
    if user.username and User.objects.filter(username__iexact=user.username).exists():
        errors["username"] = ["This username is taken. Choose another."]
    if user.email and _email_taken(user.email):
        errors["email"] = ["An account with this email address already exists. Sign in, or reset your password."]
    try:
        user.full_clean(exclude=["password", "organisation"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        _merge(errors, _errors(exc))
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        _merge(errors, {"password": exc.messages})
    return errors


@transaction.atomic
def organisation_register(
    *,
    name: str,
    companies_house_number: str,
    is_code_operator: bool,
    ofcom_reference: str,
    contact_email: str,
    username: str,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
) -> User:
    """A new, unverified organisation and its first user, who administers it.

    Every problem is reported at once (organisation and person), keyed by argument name.
    """
    organisation = Organisation(
        name=name.strip(),
        companies_house_number=companies_house_number.replace(" ", "").upper(),
        is_code_operator=is_code_operator,
        ofcom_reference=ofcom_reference.strip() if is_code_operator else "",
        contact_email=contact_email.strip().lower(),
    )
    errors: dict[str, list[str]] = {}
    if is_code_operator and not organisation.ofcom_reference:
        errors["ofcom_reference"] = ["Enter your Ofcom Code operator reference."]
    if organisation.name and Organisation.objects.filter(name__iexact=organisation.name).exists():
        errors["name"] = ["This organisation is already registered: ask its account manager for an invitation."]
    number = organisation.companies_house_number
    if number and Organisation.objects.filter(companies_house_number=number).exists():
        errors["companies_house_number"] = ["An organisation with this Companies House number is already registered."]
    try:
        organisation.full_clean(exclude=["verified_by"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        _merge(errors, _errors(exc))
    person = User(
        username=username.strip(),
        email=email.strip().lower(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=Role.SUPPLIER,
    )
    _merge(errors, _person_errors(person, password))
    if errors:
        raise ValidationError(errors)
    organisation.save()
    return user_create(
        username=person.username,
        email=person.email,
        password=password,
        role=Role.SUPPLIER,
        organisation=organisation,
        first_name=person.first_name,
        last_name=person.last_name,
        is_organisation_admin=True,
    )


@dataclass(frozen=True)
class Invitation:
    organisation: Organisation
    email: str
    invited_by: User
    token: str
    expires_at: datetime

    @property
    def url(self) -> str:
        return invitation_url(self.token)


def invitation_url(token: str) -> str:
    """The page where the invitee sets up the account (named URL `accounts:invitation`)."""
    return reverse("accounts:invitation", kwargs={"token": token})


def _may_invite(user: User, organisation: Organisation) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_supplier
        and user.is_organisation_admin
        and user.organisation_id == organisation.pk
    )


def _email_taken(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


@transaction.atomic
def organisation_invite(*, organisation: Organisation, email: str, by: User) -> Invitation:
    """Invite a colleague by email: a signed link valid for INVITATION_MAX_AGE, sent once this commits."""
    if not _may_invite(by, organisation):
        raise Refused("Only your organisation's account managers can invite colleagues.", needs=Need.ORGANISATION_ADMIN)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
        if len(email) > User._meta.get_field("email").max_length:
            raise ValidationError("too long")
    except ValidationError as exc:
        raise ValidationError({"email": "Enter an email address in the correct format, like name@example.com"}) from exc
    if _email_taken(email):
        raise ValidationError({"email": "Someone with this email address already has an account."})
    now = timezone.now()
    payload = {"o": organisation.pk, "e": email, "b": by.pk, "t": int(now.timestamp())}
    token = signing.dumps(payload, salt=INVITATION_SALT)
    invitation = Invitation(organisation, email, by, token, now + INVITATION_MAX_AGE)
    link = portal_url(invitation.url)
    inviter = by.get_full_name() or by.username
    body = (
        f"{inviter} has invited you to join {organisation.name} on the Telecoms Site Portal.\n\n"
        f"Set up your account here (the link works for {INVITATION_MAX_AGE.days} days):\n{link}\n\n"
        "If you were not expecting this, you can ignore this email."
    )
    subject = f"Join {organisation.name} on the Telecoms Site Portal"
    transaction.on_commit(lambda: _send(subject, body, email))
    return invitation


def _send(subject: str, body: str, to: str) -> None:
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
    except Exception:  # the invitation stands; the admin can send another
        logger.exception("Could not send an invitation email")


INVALID_INVITATION = "This invitation link is not valid. Ask your organisation's account manager for a new one."


def invitation_read(*, token: str) -> Invitation:
    """The invitation a link stands for, or ValidationError (tampered, expired, or already used)."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError(
            "This invitation has expired. Ask your organisation's account manager for a new one."
        ) from exc
    except signing.BadSignature as exc:
        raise ValidationError(INVALID_INVITATION) from exc
    if not isinstance(data, dict):
        raise ValidationError(INVALID_INVITATION)
    organisation = Organisation.objects.filter(pk=data.get("o")).first()
    inviter = User.objects.filter(pk=data.get("b")).first()
    email = data.get("e")
    if organisation is None or inviter is None or not isinstance(email, str) or not _may_invite(inviter, organisation):
        raise ValidationError(INVALID_INVITATION)
    if _email_taken(email):
        raise ValidationError("This invitation has already been used. Sign in with your username and password.")
    issued = datetime.fromtimestamp(data.get("t", 0), tz=UTC)
    return Invitation(organisation, email, inviter, token, issued + INVITATION_MAX_AGE)


@transaction.atomic
def invitation_accept(*, token: str, username: str, password: str, first_name: str, last_name: str) -> User:
    """The invitee's account in the inviting organisation (not an account manager)."""
    try:
        invitation = invitation_read(token=token)
    except ValidationError as exc:
        raise ValidationError({"token": exc.messages}) from exc
    person = User(
        username=username.strip(),
        email=invitation.email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=Role.SUPPLIER,
    )
    errors = _person_errors(person, password)
    if errors:
        raise ValidationError(errors)
    return user_create(
        username=person.username,
        email=person.email,
        password=password,
        role=Role.SUPPLIER,
        organisation=invitation.organisation,
        first_name=person.first_name,
        last_name=person.last_name,
    )


def organisation_unverified_list(*, user: User) -> QuerySet[Organisation]:
    """Organisations waiting for verification, oldest first: for council staff and system admins only."""
    if not (user.is_authenticated and user.is_active and (user.is_council_staff or user.is_system_admin)):
        return Organisation.objects.none()
    return Organisation.objects.filter(verified_at__isnull=True).order_by("created_at", "pk")


def organisation_members_list(*, organisation: Organisation, user: User) -> QuerySet[User]:
    """The active people of an organisation, for its own members to see."""
    if not (user.is_authenticated and user.organisation_id == organisation.pk):
        return User.objects.none()
    return User.objects.filter(organisation=organisation, is_active=True).order_by("last_name", "first_name", "pk")


def council_staff_list(*, council) -> QuerySet[User]:
    """The council's active officers and administrators, by name (for assigning applications)."""
    return User.objects.filter(council=council, role__in=COUNCIL_ROLES, is_active=True).order_by(
        "first_name", "last_name", "pk"
    )
