"""Councils, supplier organisations and the people who use the portal."""

import re

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

ons_code_validator = RegexValidator(
    r"^[ENSW]\d{8}$", "Enter an ONS code such as S12000049 (a letter and eight digits)."
)
initials_validator = RegexValidator(
    r"^[A-Z]{2,6}$", "Enter the council's initials in capitals, two to six letters, such as GCC."
)
colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", "Enter the colour as # and six hexadecimal digits, such as #1d70b8."
)
companies_house_validator = RegexValidator(
    r"^(\d{8}|[A-Z]{2}\d{6})$",
    "Enter a Companies House number: eight digits, or two letters and six digits (SC123456).",
)


def initials_of(name: str) -> str:
    """Initials of a council's name: Glasgow City Council -> GCC (the default for Council.initials)."""
    return "".join(word[0] for word in re.findall(r"[A-Za-z]+", name)).upper()[:6] or "APP"


class Council(models.Model):
    """A local authority that publishes its assets. Everything else belongs to one.

    Added by `manage.py add_council` (portal.councils.council_add). Its own terms live with it:
    its fee schedule (applications.FeeSchedule), the special conditions printed on its licences,
    and its branding (name, logo, colour) on its pages, emails and licence PDFs.
    """

    name = models.CharField(
        max_length=200, unique=True, error_messages={"unique": "There is already a council with this name."}
    )
    ons_code = models.CharField(
        "ONS code",
        max_length=9,
        unique=True,
        validators=[ons_code_validator],
        error_messages={"unique": "There is already a council with this ONS code."},
    )
    slug = models.SlugField(
        max_length=50, unique=True, error_messages={"unique": "Another council already has this slug."}
    )
    # The first part of its application references and licence numbers (GCC-APP-2026-00042).
    initials = models.CharField(
        max_length=6,
        unique=True,
        validators=[initials_validator],
        error_messages={"unique": "Another council's references already start with these initials: choose others."},
    )
    contact_email = models.EmailField()
    # The area the council covers, as a WGS84 box: imports reject anything outside it.
    min_longitude = models.FloatField()
    min_latitude = models.FloatField()
    max_longitude = models.FloatField()
    max_latitude = models.FloatField()
    # The exact boundary (GeoJSON Polygon or MultiPolygon, WGS84), when known: imports also
    # reject what is inside the box but outside this shape. Empty: the box is the area.
    boundary = models.JSONField(null=True, blank=True)
    brand_colour = models.CharField(max_length=7, default="#1d70b8", validators=[colour_validator])
    # A PNG of at most LOGO_MAX_BYTES (portal.councils checks it), served at /councils/<slug>/logo.png.
    logo_png = models.BinaryField(blank=True, default=b"", editable=False)
    licence_conditions = models.TextField(
        "Special conditions",
        blank=True,
        help_text="The council's own conditions, printed in every licence it issues after the standard terms.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_longitude__gte=-180)
                & Q(max_longitude__lte=180)
                & Q(min_latitude__gte=-90)
                & Q(max_latitude__lte=90)
                & Q(min_longitude__lt=models.F("max_longitude"))
                & Q(min_latitude__lt=models.F("max_latitude")),
                name="council_bounds_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.initials:
            self.initials = initials_of(self.name)
        super().save(*args, **kwargs)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return (self.min_longitude, self.min_latitude, self.max_longitude, self.max_latitude)

    @property
    def has_logo(self) -> bool:
        return bool(self.logo_png)


class Organisation(models.Model):
    """A telecoms supplier: mobile operator, neutral host, fibre or IoT provider."""

    name = models.CharField(max_length=200, unique=True)
    companies_house_number = models.CharField(max_length=8, unique=True, validators=[companies_house_validator])
    is_code_operator = models.BooleanField(
        "Electronic Communications Code operator",
        default=False,
        help_text="Holds Code powers under the Communications Act 2003 (Ofcom's register).",
    )
    ofcom_reference = models.CharField("Ofcom Code operator reference", max_length=50, blank=True)
    contact_email = models.EmailField(blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        "portal.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_code_operator=False) | ~Q(ofcom_reference=""),
                name="organisation_code_operator_has_reference",
                violation_error_message="A Code operator needs its Ofcom reference.",
            ),
            models.CheckConstraint(
                condition=Q(verified_at__isnull=True) | Q(verified_by__isnull=False),
                name="organisation_verified_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class Role(models.TextChoices):
    SUPPLIER = "supplier", "Supplier"
    OFFICER = "officer", "Estates officer"
    COUNCIL_ADMIN = "council_admin", "Council administrator"
    SYSTEM_ADMIN = "system_admin", "System administrator"


COUNCIL_ROLES = (Role.OFFICER, Role.COUNCIL_ADMIN)


class User(AbstractUser):
    """A person: a supplier's member, a council's officer or administrator, or a system admin.

    The properties below (`is_supplier`, `is_council_staff`, `is_council_admin`,
    `is_system_admin`) are the one way code asks a user's role; nothing else compares
    `role` (tests/portal/test_roles.py). The public (AnonymousUser) has none of them, so
    ask `user.is_authenticated` first.
    """

    email = models.EmailField(unique=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.SUPPLIER)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    council = models.ForeignKey(Council, null=True, blank=True, on_delete=models.PROTECT, related_name="staff")
    is_organisation_admin = models.BooleanField(default=False, help_text="May invite colleagues to the organisation.")

    class Meta:
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.SUPPLIER) | (Q(organisation__isnull=False) & Q(council__isnull=True)),
                name="user_supplier_has_organisation",
                violation_error_message="A supplier belongs to an organisation and no council.",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=COUNCIL_ROLES) | (Q(council__isnull=False) & Q(organisation__isnull=True)),
                name="user_council_staff_has_council",
                violation_error_message="An officer or council administrator belongs to a council.",
            ),
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in Role]),
                name="user_role_known",
            ),
        ]

    @property
    def is_supplier(self) -> bool:
        return self.role == Role.SUPPLIER

    @property
    def is_council_staff(self) -> bool:
        return self.role in COUNCIL_ROLES

    @property
    def is_council_admin(self) -> bool:
        return self.role == Role.COUNCIL_ADMIN

    @property
    def is_system_admin(self) -> bool:
        return self.role == Role.SYSTEM_ADMIN


class FormSubmission(models.Model):
    """A form's one-time token, spent when the form created its object (portal.once)."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.url or '(in progress)'}"
