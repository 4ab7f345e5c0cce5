"""One site of an application: the asset, the equipment proposed for it, and its decision."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from sites.models import Asset


class EquipmentType(models.TextChoices):
    SMALL_CELL = "small_cell", "Small cell radio"
    ANTENNA = "antenna", "Antenna"
    RADIO_UNIT = "radio_unit", "Radio unit"
    MACRO_ARRAY = "macro_array", "Macro antenna array"
    CABINET = "cabinet", "Equipment cabinet"
    FIBRE = "fibre", "Fibre cable or duct"
    FIBRE_ENCLOSURE = "fibre_enclosure", "Fibre joint or enclosure"
    IOT_GATEWAY = "iot_gateway", "IoT gateway or sensor"
    OTHER = "other", "Other"


class Technology(models.TextChoices):
    """What the public sees as "technology" on the rollout map."""

    FOUR_G = "4g", "4G"
    FIVE_G = "5g", "5G"
    FOUR_AND_FIVE_G = "4g_5g", "4G and 5G"
    FIBRE = "fibre", "Fibre"
    IOT = "iot", "IoT (LoRaWAN and similar)"
    WIFI = "wifi", "Public Wi-Fi"
    OTHER = "other", "Other"


class FrequencyBand(models.TextChoices):
    MHZ_700 = "700", "700 MHz (n28)"
    MHZ_800 = "800", "800 MHz (B20)"
    MHZ_868 = "868", "868 MHz (LoRaWAN, IoT)"
    MHZ_900 = "900", "900 MHz (B8)"
    MHZ_1400 = "1400", "1.4 GHz (B32)"
    MHZ_1800 = "1800", "1800 MHz (B3)"
    MHZ_2100 = "2100", "2.1 GHz (B1)"
    MHZ_2300 = "2300", "2.3 GHz (B40)"
    MHZ_2600 = "2600", "2.6 GHz (B7, B38)"
    GHZ_3_6 = "3600", "3.4 to 3.8 GHz (n78)"
    GHZ_26 = "26000", "26 GHz mmWave (n258)"
    WIFI = "wifi", "Wi-Fi 2.4 and 5 GHz"


class SiteDecision(models.TextChoices):
    PENDING = "pending", "Not decided"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


class RefusalReason(models.TextChoices):
    STRUCTURAL_CAPACITY = "structural_capacity", "The asset cannot carry the equipment's weight"
    NO_SPACE = "no_space", "There is no free space or slot on the asset"
    CONSTRAINT = "constraint", "A planning constraint (conservation area, listed building, tree preservation order)"
    CONFLICT = "conflict", "An earlier application for the same asset"
    SAFETY_OR_ACCESS = "safety_or_access", "Safety, access or maintenance concerns"
    ASSET_PLANNED_WORK = "asset_planned_work", "The asset is due for replacement or removal"
    INSUFFICIENT_INFORMATION = "insufficient_information", "Not enough information to decide"
    OTHER = "other", "Another reason (explained in the details)"


def validate_frequency_bands(value) -> None:
    if not isinstance(value, list) or any(band not in FrequencyBand.values for band in value):
        raise ValidationError("Choose frequency bands from the list.")
    if len(set(value)) != len(value):
        raise ValidationError("Choose each frequency band once.")


EQUIPMENT_FIELDS = (
    "equipment_type",
    "technology",
    "make_model",
    "height_mm",
    "width_mm",
    "depth_mm",
    "weight_kg",
    "power_draw_w",
    "frequency_bands",
    "mounting_height_m",
    "cabinet_needed",
    "notes",
)


class ApplicationSite(models.Model):
    """An asset named in an application, with the equipment for it and the officer's decision.

    Decisions are per site; `capacity_reserved` and `reserved_load_kg` record what
    approving it took from the asset (sites.services.asset_capacity_reserve), so a later
    refusal or withdrawal gives back exactly that.
    """

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="sites")
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="application_sites")
    equipment_type = models.CharField(max_length=20, choices=EquipmentType.choices, blank=True)
    technology = models.CharField(max_length=10, choices=Technology.choices, blank=True)
    make_model = models.CharField("make and model", max_length=200, blank=True)
    height_mm = models.PositiveIntegerField("height (mm)", null=True, blank=True, validators=[MinValueValidator(1)])
    width_mm = models.PositiveIntegerField("width (mm)", null=True, blank=True, validators=[MinValueValidator(1)])
    depth_mm = models.PositiveIntegerField("depth (mm)", null=True, blank=True, validators=[MinValueValidator(1)])
    weight_kg = models.DecimalField(
        "weight (kg)", max_digits=7, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0.1)]
    )
    power_draw_w = models.PositiveIntegerField("power draw (W)", null=True, blank=True)
    frequency_bands = models.JSONField(default=list, blank=True, validators=[validate_frequency_bands])
    mounting_height_m = models.DecimalField(
        "mounting height (m)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(300)],
    )
    cabinet_needed = models.BooleanField("ground cabinet needed", default=False)
    notes = models.TextField(blank=True)
    decision = models.CharField(max_length=10, choices=SiteDecision.choices, default=SiteDecision.PENDING)
    conditions = models.TextField(blank=True, help_text="Conditions of approval.")
    refusal_reason = models.CharField(max_length=30, choices=RefusalReason.choices, blank=True)
    refusal_detail = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    capacity_reserved = models.BooleanField(default=False, editable=False)
    reserved_load_kg = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "asset"],
                name="applicationsite_asset_once_per_application",
                violation_error_message="This asset is already in the application.",
            ),
            models.CheckConstraint(condition=Q(weight_kg__gt=0), name="applicationsite_weight_positive"),
            models.CheckConstraint(
                condition=Q(height_mm__gt=0) & Q(width_mm__gt=0) & Q(depth_mm__gt=0),
                name="applicationsite_dimensions_positive",
            ),
            models.CheckConstraint(
                condition=Q(mounting_height_m__gte=0) & Q(mounting_height_m__lte=300),
                name="applicationsite_mounting_height_range",
            ),
            models.CheckConstraint(
                condition=Q(decision__in=SiteDecision.values), name="applicationsite_decision_known"
            ),
            models.CheckConstraint(
                condition=~Q(decision=SiteDecision.REFUSED) | ~Q(refusal_reason=""),
                name="applicationsite_refusal_has_reason",
                violation_error_message="Choose the reason for refusing the site.",
            ),
            models.CheckConstraint(
                condition=Q(decision=SiteDecision.REFUSED) | Q(refusal_reason=""),
                name="applicationsite_reason_only_when_refused",
            ),
            models.CheckConstraint(
                condition=Q(decision=SiteDecision.PENDING, decided_at__isnull=True, decided_by__isnull=True)
                | (~Q(decision=SiteDecision.PENDING) & Q(decided_at__isnull=False, decided_by__isnull=False)),
                name="applicationsite_decided_by_someone",
            ),
            models.CheckConstraint(
                condition=Q(capacity_reserved=False, reserved_load_kg=0)
                | Q(capacity_reserved=True, decision=SiteDecision.APPROVED),
                name="applicationsite_reserved_only_when_approved",
            ),
        ]
        indexes = [models.Index(fields=["asset", "decision"], name="applicationsite_asset_decision")]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.asset_id}"
