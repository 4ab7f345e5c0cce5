"""What the public may see of applications (DESIGN.md "What the public sees").

Only approved sites of applications from `approved` on, and only: the asset's location
and type, the operator, the technology, the status and the planned or actual dates.
Never drafts, applications under review, returned, refused or withdrawn, documents,
messages, fees or anybody's personal data. Ward statistics are public too.
"""

from collections import Counter, defaultdict
from statistics import median

from django.db.models import QuerySet

from portal.models import Council

from .models import PUBLIC_STATUSES, ApplicationSite, SiteDecision

PUBLIC_FIELDS = (
    "id",
    "asset__longitude",
    "asset__latitude",
    "asset__easting",
    "asset__northing",
    "asset__asset_type__name",
    "asset__ward__name",
    "application__organisation__name",
    "technology",
    "application__status",
    "application__proposed_start_date",
    "application__installed_at",
    "application__live_at",
)


def public_site_list(*, council: Council | None = None, ward=None) -> QuerySet:
    """Approved sites of applications from `approved` on, as plain values and only the public fields.

    Location and type of the asset, the operator, the technology, the status and the
    planned or actual dates; never documents, messages, fees or people.
    """
    qs = ApplicationSite.objects.filter(decision=SiteDecision.APPROVED, application__status__in=PUBLIC_STATUSES)
    if council is not None:
        qs = qs.filter(application__council=council)
    if ward is not None:
        qs = qs.filter(asset__ward_id=getattr(ward, "pk", ward))
    return qs.order_by("pk").values(*PUBLIC_FIELDS)


def public_ward_statistics(*, council: Council) -> list[dict]:
    """Per ward: approved sites by status, technology and operator; median days to licence.

    Days to licence: calendar days from first submission to the licence, per application.
    """
    rows = (
        ApplicationSite.objects.filter(
            decision=SiteDecision.APPROVED, application__status__in=PUBLIC_STATUSES, application__council=council
        )
        .order_by()
        .values_list(
            "asset__ward__name",
            "application_id",
            "application__status",
            "technology",
            "application__organisation__name",
            "application__first_submitted_at",
            "application__licence_issued_at",
        )
    )
    wards: dict[str, dict] = defaultdict(
        lambda: {"by_status": Counter(), "by_technology": Counter(), "by_operator": Counter(), "_days": {}}
    )
    for ward, app_id, status, technology, operator, submitted, licensed in rows:
        stats = wards[ward or "No ward"]
        stats["by_status"][status] += 1
        stats["by_technology"][technology or "other"] += 1
        stats["by_operator"][operator] += 1
        if submitted and licensed:
            stats["_days"][app_id] = (licensed - submitted).days
    result = []
    for name in sorted(wards):
        stats = wards[name]
        days = list(stats.pop("_days").values())
        result.append(
            {
                "ward": name,
                "sites": sum(stats["by_status"].values()),
                "by_status": dict(stats["by_status"]),
                "by_technology": dict(stats["by_technology"]),
                "by_operator": dict(stats["by_operator"]),
                "median_days_to_licence": median(days) if days else None,
            }
        )
    return result
