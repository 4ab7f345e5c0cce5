"""Changes to councils, organisations and users."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .models import COUNCIL_ROLES, Council, Organisation, Role, User


@transaction.atomic
def user_create(
    *,
    username: str,
    email: str,
    password: str | None,
    role: str,
    organisation: Organisation | None = None,
    council: Council | None = None,
    first_name: str = "",
    last_name: str = "",
    is_organisation_admin: bool = False,
) -> User:
    """A new user; admin-site access follows from the role (council staff and system admins)."""
    user = User(
        username=username,
        email=email.lower(),
        role=role,
        organisation=organisation,
        council=council,
        first_name=first_name,
        last_name=last_name,
        is_organisation_admin=is_organisation_admin,
        is_staff=role in (*COUNCIL_ROLES, Role.SYSTEM_ADMIN),
        is_superuser=role == Role.SYSTEM_ADMIN,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def organisation_verify(*, organisation: Organisation, by: User) -> Organisation:
    """An officer, council admin or system admin confirms the organisation is who it says."""
    if not (by.is_council_staff or by.is_system_admin):
        raise PermissionDenied("Only council staff can verify an organisation.")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.verified_at is None:
        organisation.verified_at = timezone.now()
        organisation.verified_by = by
        organisation.full_clean()
        organisation.save(update_fields=["verified_at", "verified_by"])
    return organisation
