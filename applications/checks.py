"""What submitting checks, all at once, and the conflicts an officer sees (reads only)."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from sites.models import ApplicationType
from sites.shortlist import batch_limit

from .models import ACTIVE_STATUSES, EQUIPMENT_FIELDS, Application, ApplicationSite, SiteDecision

# Equipment every site needs before submitting; wayleaves (fibre) need only the first group.
ALWAYS_REQUIRED = {
    "equipment_type": "the equipment type",
    "technology": "the technology",
    "weight_kg": "the weight (kg)",
}
RADIO_REQUIRED = {
    "make_model": "the make and model",
    "height_mm": "the height (mm)",
    "width_mm": "the width (mm)",
    "depth_mm": "the depth (mm)",
    "power_draw_w": "the power draw (W)",
    "frequency_bands": "the frequency bands",
    "mounting_height_m": "the mounting height (m)",
}


max_sites = batch_limit  # one rule: the setting, read in sites/shortlist.py


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _missing_equipment(site: ApplicationSite, application_type: str) -> list[str]:
    required = dict(ALWAYS_REQUIRED)
    if application_type != ApplicationType.WAYLEAVE:
        required.update(RADIO_REQUIRED)
    # In the order the form asks for them.
    missing = [name for name in EQUIPMENT_FIELDS if name in required and getattr(site, name) in (None, "", [])]
    return [required[name] for name in missing]


def _site_problems(site: ApplicationSite, application: Application) -> list[str]:
    asset = site.asset
    ref = asset.reference
    problems = []
    if asset.council_id != application.council_id:
        problems.append(f"{ref} belongs to {asset.council.name}, not {application.council.name}.")
    if not asset.asset_type.accepts(application.application_type):
        problems.append(
            f"{ref}: a {asset.asset_type.name.lower()} cannot take a "
            f"{application.get_application_type_display().lower()} application."
        )
    if not asset.is_available:
        problems.append(f"{ref} is unavailable: {asset.unavailable_reason}")
    missing = _missing_equipment(site, application.application_type)
    if missing:
        problems.append(f"{ref}: enter {_join(missing)}.")
    if asset.free_slots < 1:
        problems.append(f"{ref} has no free slot for more equipment.")
    remaining = asset.remaining_load_kg
    if site.weight_kg is not None and remaining is not None and site.weight_kg > remaining:
        weight = f"{site.weight_kg.normalize():f}"
        problems.append(f"{ref}: the equipment weighs {weight} kg but the asset can carry only {remaining} kg more.")
    return problems


def submission_problems(*, application: Application, today=None) -> dict[str, list[str]]:
    """Every reason the application cannot be submitted yet, in plain English (empty: none).

    Keys: "organisation", "proposed_start_date", "term_years", "sites", and
    "site_<ApplicationSite pk>" for each site with problems. A constant number of
    queries, whatever the number of sites.
    """
    today = today or timezone.localdate()
    problems: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        problems.setdefault(key, []).append(message)

    if not application.organisation.is_verified:
        add(
            "organisation",
            f"{application.organisation.name} has not been verified yet. "
            "An officer must verify your organisation before you can submit.",
        )
    if application.proposed_start_date is None:
        add("proposed_start_date", "Enter the proposed start date.")
    elif application.proposed_start_date < today:
        add("proposed_start_date", "The proposed start date must be today or in the future.")
    if application.term_years is None:
        add("term_years", "Enter the term in years, from 1 to 25.")
    sites = list(application.sites.select_related("asset__asset_type", "asset__council").order_by("pk"))
    if not sites:
        add("sites", "Add at least one site to the application.")
    elif len(sites) > max_sites():
        add("sites", f"An application can name at most {max_sites()} sites; this one names {len(sites)}.")
    for site in sites:
        for message in _site_problems(site, application):
            add(f"site_{site.pk}", message)
    return problems


@dataclass(frozen=True)
class Conflict:
    """Another active application naming the same asset."""

    site_id: int  # this application's site
    asset_reference: str
    other_reference: str
    other_status: str
    other_organisation: str
    other_first_submitted_at: datetime | None
    earlier: bool  # the other was submitted first, so it comes first


def site_conflicts(*, application: Application) -> dict[int, list[Conflict]]:
    """For each site (pk), the other active applications for the same asset, earliest first.

    First submitted wins: `earlier` says whether the other one is ahead of this one.
    Refused sites of other applications are not conflicts. One query.
    """
    mine = dict(application.sites.values_list("asset_id", "pk"))
    if not mine:
        return {}
    rows = (
        ApplicationSite.objects.filter(asset_id__in=list(mine), application__status__in=ACTIVE_STATUSES)
        .exclude(application_id=application.pk)
        .exclude(decision=SiteDecision.REFUSED)
        .order_by("application__first_submitted_at", "application_id")
        .values_list(
            "asset_id",
            "asset__reference",
            "application__reference",
            "application__status",
            "application__organisation__name",
            "application__first_submitted_at",
        )
    )
    ours = application.first_submitted_at
    conflicts: dict[int, list[Conflict]] = {}
    for asset_id, asset_ref, other_ref, other_status, org, other_first in rows:
        earlier = other_first is not None and (ours is None or other_first < ours)
        site_id = mine[asset_id]
        conflicts.setdefault(site_id, []).append(
            Conflict(site_id, asset_ref, other_ref, other_status, org, other_first, earlier)
        )
    return conflicts
