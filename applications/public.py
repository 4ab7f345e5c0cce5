"""What the public may see of applications (docs/DESIGN.md "What the public sees").

Only approved sites of applications from `approved` on (approved, licence issued,
installed, live), on assets of a type the council publishes (not ducts, say), and only:
the asset's location and type, the operator (organisation name), the technology, the
public status (planned, installed, live) and the planned or actual dates. Never
drafts, applications being reviewed, returned, refused or withdrawn, refused sites,
references, documents, messages, fees, conditions, or anybody's name or email.

Everything here reads plain values (`values`/`values_list`, grouped counts in SQL), so
the rollout pages stay quick with tens of thousands of sites: no model instances, no
query per row.

    public_sites(*, council, statuses=(), technologies=(), operator=None, ward=None) -> QuerySet
    public_site_list(*, council=None, ward=None, **filters) -> values QuerySet (PUBLIC_FIELDS)
    public_site_rows(values) -> iterator of dicts with the open-data columns (PUBLIC_COLUMNS)
    public_summary(*, sites) -> PublicSummary (counts by status, technology, operator, ward; median)
    public_summary_for(*, council, ward=None) -> the same for the council or a ward, cached until an application changes
    licence_working_days(*, sites) -> working days from submission to licence, one per licensed application
    public_ward_statistics(*, council) -> [{ward, code, sites, by_status, ..., median_days_to_licence}]
    public_licence_timeline(*, sites) -> [(first day of month, sites licensed)]
    public_licensed_sites(*, council, ward=None, limit=50) -> newest licences first (the feeds)
"""

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median

from django.core.cache import cache
from django.db import models
from django.db.models import Count, Max, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from portal.models import Council
from sites.models import Visibility

from .models import PUBLIC_STATUSES, Application, ApplicationSite, ApplicationStatus, SiteDecision, Technology

S = ApplicationStatus
SUMMARY_CACHE_SECONDS = 600


class PublicStatus(models.TextChoices):
    """The status the public sees: approved and licensed sites are both "planned"."""

    PLANNED = "planned", "Planned"
    INSTALLED = "installed", "Installed"
    LIVE = "live", "Live"


PUBLIC_STATUS_OF = {
    S.APPROVED: PublicStatus.PLANNED,
    S.LICENCE_ISSUED: PublicStatus.PLANNED,
    S.INSTALLED: PublicStatus.INSTALLED,
    S.LIVE: PublicStatus.LIVE,
}
APPLICATION_STATUSES_OF = {
    public: [status for status, shown in PUBLIC_STATUS_OF.items() if shown == public] for public in PublicStatus
}
TECHNOLOGY_LABELS = {**dict(Technology.choices), "": "Not stated"}

# The values read for a public site; nothing else about the application leaves the database.
PUBLIC_FIELDS = (
    "id",
    "asset__longitude",
    "asset__latitude",
    "asset__easting",
    "asset__northing",
    "asset__asset_type__code",
    "asset__asset_type__name",
    "asset__ward__code",
    "asset__ward__name",
    "application__organisation__name",
    "technology",
    "application__status",
    "application__proposed_start_date",
    "application__decided_at",
    "application__licence_issued_at",
    "application__installed_on",
    "application__live_on",
    "application__council__name",
)

# The open-data columns, in order (documented on /rollout/data/; add at the end, never rename).
PUBLIC_COLUMNS = {
    "site_id": "A number for the site, stable across downloads.",
    "status": "planned (approved or licensed, not yet installed), installed, or live.",
    "asset_type": "The kind of council asset, as a code (lighting_column, cctv_column, building_rooftop, ...).",
    "asset_type_name": "The kind of council asset, in words.",
    "technology": "4g, 5g, 4g_5g, fibre, iot, wifi or other; empty when not stated.",
    "technology_name": "The technology, in words.",
    "operator": "The organisation that applied: mobile operator, neutral host, fibre or IoT provider.",
    "ward_code": "The electoral ward's ONS code (S13...).",
    "ward_name": "The electoral ward's name.",
    "longitude": "WGS84 (EPSG:4326), degrees.",
    "latitude": "WGS84 (EPSG:4326), degrees.",
    "easting": "British National Grid (EPSG:27700), metres.",
    "northing": "British National Grid (EPSG:27700), metres.",
    "approved_on": "The date the council approved the site (YYYY-MM-DD).",
    "licensed_on": "The date the licence was issued; empty until then.",
    "planned_start_on": "The date the operator plans to start; empty if not given.",
    "installed_on": "The date the equipment was installed; empty until then.",
    "live_on": "The date the service went live; empty until then.",
    "council": "The council whose asset the site is on.",
}


def public_sites(
    *,
    council: Council | None,
    statuses: Iterable[str] = (),
    technologies: Iterable[str] = (),
    operator=None,
    ward=None,
) -> QuerySet[ApplicationSite]:
    """The public sites matching the filters (unordered, for counting or listing).

    `statuses` are PublicStatus values, `technologies` Technology values (an empty list
    means any), `operator` an Organisation or its pk, `ward` a Ward or its pk.
    """
    qs = ApplicationSite.objects.filter(
        decision=SiteDecision.APPROVED,
        application__status__in=PUBLIC_STATUSES,
        asset__asset_type__visibility=Visibility.PUBLIC,
    )
    if council is not None:
        qs = qs.filter(application__council=council)
    statuses = [s for public in statuses for s in APPLICATION_STATUSES_OF[PublicStatus(public)]]
    if statuses:
        qs = qs.filter(application__status__in=statuses)
    technologies = list(technologies)
    if technologies:
        qs = qs.filter(technology__in=technologies)
    if operator is not None:
        qs = qs.filter(application__organisation_id=getattr(operator, "pk", operator))
    if ward is not None:
        qs = qs.filter(asset__ward_id=getattr(ward, "pk", ward))
    return qs.order_by()


def public_site_list(*, council: Council | None = None, ward=None, **filters) -> QuerySet:
    """Public sites as plain values (PUBLIC_FIELDS only), oldest first."""
    return public_sites(council=council, ward=ward, **filters).order_by("pk").values(*PUBLIC_FIELDS)


def public_site_rows(values: Iterable[dict]) -> Iterator[dict]:
    """Rows of `public_site_list` as the open-data columns (PUBLIC_COLUMNS), in that order."""
    zone = timezone.get_current_timezone()

    def _day(moment: datetime | None) -> date | None:
        return moment.astimezone(zone).date() if moment is not None else None

    for v in values:
        technology = v["technology"] or ""
        yield {
            "site_id": v["id"],
            "status": PUBLIC_STATUS_OF[v["application__status"]].value,
            "asset_type": v["asset__asset_type__code"],
            "asset_type_name": v["asset__asset_type__name"],
            "technology": technology,
            "technology_name": TECHNOLOGY_LABELS.get(technology, technology),
            "operator": v["application__organisation__name"],
            "ward_code": v["asset__ward__code"] or "",
            "ward_name": v["asset__ward__name"] or "",
            "longitude": round(v["asset__longitude"], 6),
            "latitude": round(v["asset__latitude"], 6),
            "easting": round(v["asset__easting"]),
            "northing": round(v["asset__northing"]),
            "approved_on": _day(v["application__decided_at"]),
            "licensed_on": _day(v["application__licence_issued_at"]),
            "planned_start_on": v["application__proposed_start_date"],
            "installed_on": v["application__installed_on"],
            "live_on": v["application__live_on"],
            "council": v["application__council__name"],
        }


# Counting ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """One line of a breakdown: a value (code), its words, and how many sites."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class PublicSummary:
    total: int
    by_status: list[Tally]  # every public status, in workflow order, zeros included
    by_technology: list[Tally]  # largest first
    by_operator: list[Tally]  # largest first; value is the organisation's pk
    by_ward: dict[str | None, int]  # ward code (None: outside every ward) -> sites
    median_working_days: float | None  # from first submission to licence, per application
    licensed_applications: int  # how many applications the median is over


def public_summary(*, sites: QuerySet[ApplicationSite]) -> PublicSummary:
    """Counts of `sites` (a `public_sites` queryset) and the median working days to licence.

    Two queries whatever the size: one count grouped by (status, technology, operator,
    ward), folded here into each breakdown; one of each licensed application's working
    days (Application.licence_working_days, fixed when the licence was issued).
    """
    rows = (
        sites.values_list(
            "application__status",
            "technology",
            "application__organisation_id",
            "application__organisation__name",
            "asset__ward__code",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    statuses, technologies, operators, wards = Counter(), Counter(), Counter(), Counter()
    names = {}
    for status, technology, operator_id, operator, ward, n in rows:
        statuses[PUBLIC_STATUS_OF[status]] += n
        technologies[technology or ""] += n
        operators[operator_id] += n
        names[operator_id] = operator
        wards[ward] += n
    days = licence_working_days(sites=sites)
    return PublicSummary(
        total=sum(statuses.values()),
        by_status=[Tally(s.value, s.label, statuses.get(s, 0)) for s in PublicStatus],
        by_technology=sorted(
            (Tally(t, TECHNOLOGY_LABELS.get(t, t), n) for t, n in technologies.items()),
            key=lambda c: (-c.count, c.label),
        ),
        by_operator=sorted(
            (Tally(str(pk), names[pk], n) for pk, n in operators.items()), key=lambda c: (-c.count, c.label)
        ),
        by_ward=dict(wards),
        median_working_days=median(days) if days else None,
        licensed_applications=len(days),
    )


def public_fingerprint(*, council: Council | None) -> str:
    """Changes whenever any of the council's (None: any council's) applications is added or changes.

    One indexed aggregate.
    """
    applications = Application.objects.all() if council is None else Application.objects.filter(council=council)
    found = applications.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    last = found["last"].timestamp() if found["last"] else 0
    return f"{found['n']}.{found['top'] or 0}.{last:.6f}"


def public_summary_for(*, council: Council | None, ward=None) -> PublicSummary:
    """public_summary of the council's (None: every council's) or one ward's public sites.

    Cached until an application changes: the key holds public_fingerprint, so a transition
    shows at once; what does not touch an application (an asset moved to another ward, an
    organisation renamed) shows within SUMMARY_CACHE_SECONDS.
    """
    ward_pk = getattr(ward, "pk", ward)
    key = f"rollout-summary:{getattr(council, 'pk', 'all')}:{ward_pk or 'all'}:{public_fingerprint(council=council)}"
    summary = cache.get(key)
    if summary is None:
        summary = public_summary(sites=public_sites(council=council, ward=ward))
        cache.set(key, summary, SUMMARY_CACHE_SECONDS)
    return summary


def licence_working_days(*, sites: QuerySet[ApplicationSite]) -> list[int]:
    """Working days from first submission to licence of each licensed application among `sites`."""
    rows = (
        sites.filter(application__licence_working_days__isnull=False)
        .values_list("application_id", "application__licence_working_days")
        .distinct()
    )
    return [days for _, days in rows]


def public_ward_statistics(*, council: Council) -> list[dict]:
    """Per ward with public sites (by name): sites by status, technology and operator; median working days."""
    rows = public_sites(council=council).values_list(
        "asset__ward__code",
        "asset__ward__name",
        "application_id",
        "application__status",
        "technology",
        "application__organisation__name",
        "application__licence_working_days",
    )
    wards: dict[str, dict] = {}
    for code, name, app_id, status, technology, operator, days in rows:
        stats = wards.setdefault(
            name or "No ward",
            {"code": code, "statuses": Counter(), "technologies": Counter(), "operators": Counter(), "days": {}},
        )
        stats["statuses"][PUBLIC_STATUS_OF[status].value] += 1
        stats["technologies"][technology or ""] += 1
        stats["operators"][operator] += 1
        if days is not None:
            stats["days"][app_id] = days
    result = []
    for name in sorted(wards):
        stats = wards[name]
        days = list(stats["days"].values())
        result.append(
            {
                "ward": name,
                "code": stats["code"],
                "sites": sum(stats["statuses"].values()),
                "by_status": dict(stats["statuses"]),
                "by_technology": dict(stats["technologies"]),
                "by_operator": dict(stats["operators"]),
                "median_days_to_licence": median(days) if days else None,
            }
        )
    return result


def public_licence_timeline(*, sites: QuerySet[ApplicationSite]) -> list[tuple[date, int]]:
    """Sites licensed per calendar month (local time), every month from the first to the last."""
    counts = {
        timezone.localtime(month).date() if isinstance(month, datetime) else month: n
        for month, n in sites.filter(application__licence_issued_at__isnull=False)
        .annotate(month=TruncMonth("application__licence_issued_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    }
    if not counts:
        return []
    month, last = min(counts), max(counts)
    timeline = []
    while month <= last:
        timeline.append((month, counts.get(month, 0)))
        month = (month + timedelta(days=32)).replace(day=1)
    return timeline


def public_licensed_sites(*, council: Council | None, ward=None, limit: int = 50) -> list[dict]:
    """The most recently licensed public sites (newest first) as open-data rows, for the feeds."""
    values = list(
        public_sites(council=council, ward=ward)
        .filter(application__licence_issued_at__isnull=False)
        .order_by("-application__licence_issued_at", "-pk")
        .values(*PUBLIC_FIELDS)[:limit]
    )
    rows = []
    for v, row in zip(values, public_site_rows(values), strict=True):
        row["licensed_at"] = v["application__licence_issued_at"]
        rows.append(row)
    return rows
