"""The licence issued for an approved application, and its schedule of sites.

A licence never changes once issued: there is no update path in the services, and the
database refuses it (triggers installed by the migration, applications.licences.guard):
every column is fixed at issue except the revocation, which may be recorded once. A
variation or renewal is a new licence that `replaces` the old one.

Each schedule row is a snapshot of what was licensed (reference, type, street, ward,
coordinates, geometry, equipment, fee, conditions), so the licence stays true when the
register changes later. The state (valid, revoked, expired, superseded) is derived.
"""

import re
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from sites.models import ApplicationType

from .fees import MONEY

# The two letters of each licence type in the number (GCC-SC-2027-00042).
LICENCE_TYPE_CODES = {
    ApplicationType.SMALL_CELL: "SC",
    ApplicationType.ROOFTOP: "RT",
    ApplicationType.MACRO_SITE: "MS",
    ApplicationType.WAYLEAVE: "WL",
}
NUMBER_PATTERN = r"[A-Z]{1,6}-(SC|RT|MS|WL)-\d{4}-\d{5,}"
number_validator = RegexValidator(rf"^{NUMBER_PATTERN}$", "Enter a licence number such as GCC-SC-2027-00042.")
sha256_validator = RegexValidator(r"^[0-9a-f]{64}$", "A SHA-256 is 64 lower-case hexadecimal characters.")


def is_licence_number(text: str) -> bool:
    return bool(re.fullmatch(NUMBER_PATTERN, text or ""))


class LicenceKind(models.TextChoices):
    ORIGINAL = "original", "Licence"
    VARIATION = "variation", "Variation"
    RENEWAL = "renewal", "Renewal"


class LicenceState(models.TextChoices):
    VALID = "valid", "Valid"
    REVOKED = "revoked", "Revoked"
    EXPIRED = "expired", "Expired"
    SUPERSEDED = "superseded", "Superseded"


def licence_pdf_path(instance: "Licence", filename: str) -> str:
    """Under MEDIA_ROOT (never static), named by the number; served only through a permission check."""
    return f"licences/{instance.council_id}/{instance.number}.pdf"


class Licence(models.Model):
    """One issued licence. Written once by applications.licences.services; only revocation follows."""

    number = models.CharField(max_length=30, unique=True, validators=[number_validator])
    kind = models.CharField(max_length=10, choices=LicenceKind.choices, default=LicenceKind.ORIGINAL)
    application = models.ForeignKey("applications.Application", on_delete=models.PROTECT, related_name="licences")
    council = models.ForeignKey("portal.Council", on_delete=models.PROTECT, related_name="licences")
    organisation = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="licences")
    licence_type = models.CharField(max_length=20, choices=ApplicationType.choices)
    sites = models.ManyToManyField("sites.Asset", through="applications.LicenceSite", related_name="licences")
    # The parties as named in the PDF (a later rename does not change what was signed).
    licensor_name = models.CharField(max_length=200)
    licensee_name = models.CharField(max_length=200)
    licensee_company_number = models.CharField("Companies House number", max_length=8)
    term_years = models.PositiveSmallIntegerField(
        "term (years)", validators=[MinValueValidator(1), MaxValueValidator(25)]
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    annual_fee_total = models.DecimalField("annual licence fees (£)", **MONEY)
    application_fee = models.DecimalField("application fee (£)", **MONEY)
    legal_fee = models.DecimalField("legal fee (£)", **MONEY)
    surveyor_fee = models.DecimalField("surveyor fee (£)", **MONEY)
    fees_to_be_confirmed = models.BooleanField(
        default=False, help_text="Some sites had no fee schedule: the council confirms those fees."
    )
    reason = models.TextField(blank=True, help_text="Why a variation or renewal was issued.")
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField()
    pdf = models.FileField(upload_to=licence_pdf_path, max_length=200)
    pdf_size_bytes = models.PositiveIntegerField()
    sha256 = models.CharField("SHA-256 of the PDF", max_length=64, validators=[sha256_validator])
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revocation_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="licence_ends_after_start"),
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="licence_sha256_hex"),
            models.CheckConstraint(condition=Q(pdf_size_bytes__gt=0), name="licence_pdf_not_empty"),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revoked_by__isnull=True, revocation_reason="")
                | (Q(revoked_at__isnull=False, revoked_by__isnull=False) & ~Q(revocation_reason="")),
                name="licence_revoked_by_someone_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(kind=LicenceKind.ORIGINAL, replaces__isnull=True)
                | (~Q(kind=LicenceKind.ORIGINAL) & Q(replaces__isnull=False)),
                name="licence_only_variations_replace",
            ),
            models.CheckConstraint(
                condition=Q(application_fee__gte=0)
                & Q(legal_fee__gte=0)
                & Q(surveyor_fee__gte=0)
                & Q(annual_fee_total__gte=0),
                name="licence_fees_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["council", "issued_at"], name="licence_council_issued")]

    def __str__(self) -> str:
        return self.number

    @property
    def one_off_total(self):
        return self.application_fee + self.legal_fee + self.surveyor_fee

    @property
    def replacement(self) -> "Licence | None":
        """The licence that varies or renews this one, if any."""
        try:
            return self.replaced_by
        except Licence.replaced_by.RelatedObjectDoesNotExist:
            return None

    def state_on(self, day: date | None = None) -> str:
        """Revoked, superseded (its replacement has started), expired (past its end), or valid."""
        day = day or timezone.localdate()
        if self.revoked_at is not None:
            return LicenceState.REVOKED
        replacement = self.replacement
        if replacement is not None and replacement.revoked_at is None and replacement.starts_on <= day:
            return LicenceState.SUPERSEDED
        if self.ends_on < day:
            return LicenceState.EXPIRED
        return LicenceState.VALID

    @property
    def state(self) -> str:
        return self.state_on()


class LicenceSite(models.Model):
    """One site in a licence's schedule: a snapshot of what was licensed. Never changed."""

    licence = models.ForeignKey(Licence, on_delete=models.CASCADE, related_name="schedule")
    asset = models.ForeignKey("sites.Asset", on_delete=models.PROTECT, related_name="licence_rows")
    position = models.PositiveSmallIntegerField()
    asset_reference = models.CharField(max_length=50)
    asset_type_name = models.CharField(max_length=100)
    street = models.CharField(max_length=300, blank=True)
    ward_name = models.CharField(max_length=200, blank=True)
    easting = models.FloatField()
    northing = models.FloatField()
    longitude = models.FloatField()
    latitude = models.FloatField()
    geometry = models.JSONField(help_text="The asset's GeoJSON geometry (WGS84) when licensed.")
    technology = models.CharField(max_length=10, blank=True)
    equipment_summary = models.TextField(blank=True)
    annual_fee = models.DecimalField("annual fee (£)", null=True, blank=True, **MONEY)
    conditions = models.TextField(blank=True)

    class Meta:
        ordering = ["licence", "position"]
        constraints = [
            models.UniqueConstraint(fields=["licence", "asset"], name="licencesite_asset_once_per_licence"),
            models.UniqueConstraint(fields=["licence", "position"], name="licencesite_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.licence_id}: {self.asset_reference}"
