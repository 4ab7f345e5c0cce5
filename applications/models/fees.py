"""The fee schedule a council charges, per asset type and application type."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from portal.models import Council
from sites.models import ApplicationType, AssetType

MONEY = {"max_digits": 10, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class FeeSchedule(models.Model):
    """An annual licence fee per site, and the one-off fees charged once per application.

    Edited in the Django admin by system admins and the council's own admins and officers.
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="fee_schedules")
    asset_type = models.ForeignKey(AssetType, on_delete=models.PROTECT, related_name="fee_schedules")
    application_type = models.CharField(max_length=20, choices=ApplicationType.choices)
    annual_licence_fee = models.DecimalField("annual licence fee per site (£)", **MONEY)
    application_fee = models.DecimalField("application fee (£, one-off)", default=Decimal("0"), **MONEY)
    legal_fee = models.DecimalField("legal fee (£, one-off)", default=Decimal("0"), **MONEY)
    surveyor_fee = models.DecimalField("surveyor fee (£, one-off)", default=Decimal("0"), **MONEY)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["council", "asset_type", "application_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "asset_type", "application_type"],
                name="feeschedule_unique_per_council_type",
                violation_error_message="This council already has a fee schedule for that asset and application type.",
            ),
            models.CheckConstraint(
                condition=Q(annual_licence_fee__gte=0)
                & Q(application_fee__gte=0)
                & Q(legal_fee__gte=0)
                & Q(surveyor_fee__gte=0),
                name="feeschedule_fees_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council}: {self.asset_type} ({self.get_application_type_display()})"
