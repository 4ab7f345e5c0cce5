"""Fees from the council's fee schedule: an annual fee per site plus one-off fees per application.

Each site pays the annual licence fee of the schedule for its asset type and the
application type. The one-off fees (application, legal, surveyor) are charged once per
application; when a batch mixes asset types the highest of each applies. Refused sites
pay nothing. A site whose asset type has no schedule is listed in `missing`.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .models import Application, FeeSchedule, SiteDecision

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class FeeLine:
    site_id: int
    asset_reference: str
    asset_type: str
    annual_fee: Decimal | None  # None: no schedule for this asset type


@dataclass(frozen=True)
class FeeQuote:
    lines: list[FeeLine]
    application_fee: Decimal = ZERO
    legal_fee: Decimal = ZERO
    surveyor_fee: Decimal = ZERO
    missing: list[str] = field(default_factory=list)  # asset type names without a schedule
    council_name: str = ""
    application_type_label: str = ""

    @property
    def complete(self) -> bool:
        """Every site is priced (there is a schedule for each asset type)."""
        return not self.missing

    @property
    def annual_total(self) -> Decimal:
        return sum((line.annual_fee for line in self.lines if line.annual_fee is not None), ZERO)

    @property
    def one_off_total(self) -> Decimal:
        return self.application_fee + self.legal_fee + self.surveyor_fee

    @property
    def first_year_total(self) -> Decimal:
        return self.annual_total + self.one_off_total

    @property
    def missing_message(self) -> str:
        """Plain English for a page when the schedule is incomplete, else ""."""
        if self.complete:
            return ""
        types = ", ".join(self.missing)
        return (
            f"{self.council_name} has no fee schedule for {types} ({self.application_type_label}) yet. "
            "The council will confirm these fees."
        )


def application_fees(*, application: Application) -> FeeQuote:
    """The fees for an application's sites (two queries)."""
    sites = list(
        application.sites.exclude(decision=SiteDecision.REFUSED)
        .select_related("asset__asset_type")
        # application_id too: the related manager checks it on every row (a query each if deferred).
        .only("pk", "application_id", "asset__reference", "asset__asset_type__name", "asset__asset_type_id")
    )
    schedules = {
        s.asset_type_id: s
        for s in FeeSchedule.objects.filter(
            council_id=application.council_id,
            application_type=application.application_type,
            asset_type_id__in={site.asset.asset_type_id for site in sites},
        )
    }
    lines = []
    missing: list[str] = []
    for site in sites:
        schedule = schedules.get(site.asset.asset_type_id)
        type_name = site.asset.asset_type.name
        if schedule is None and type_name not in missing:
            missing.append(type_name)
        lines.append(
            FeeLine(site.pk, site.asset.reference, type_name, schedule.annual_licence_fee if schedule else None)
        )
    used = list(schedules.values())
    return FeeQuote(
        lines=lines,
        application_fee=max((s.application_fee for s in used), default=ZERO),
        legal_fee=max((s.legal_fee for s in used), default=ZERO),
        surveyor_fee=max((s.surveyor_fee for s in used), default=ZERO),
        missing=missing,
        council_name=application.council.name,
        application_type_label=application.get_application_type_display(),
    )
