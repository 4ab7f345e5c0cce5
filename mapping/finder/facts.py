"""What the site pages say that needs the applications app (sites may not import it):
the fees that would apply, whether other applications are in progress, who may apply,
and the link that starts an application.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from applications.models import IN_PROGRESS_STATUSES, Application, ApplicationSite, FeeSchedule, SiteDecision
from applications.selectors import application_list_for
from sites.models import ApplicationType, Asset


@dataclass(frozen=True)
class FeeRow:
    application_type: str
    label: str
    schedule: FeeSchedule | None  # None: the council has not published a fee for it yet


def asset_fee_rows(*, asset: Asset) -> list[FeeRow]:
    """One row per application type the asset accepts, with the council's fee schedule for it."""
    accepted = [code for code in asset.asset_type.accepted_application_types if code in ApplicationType.values]
    schedules = {
        s.application_type: s
        for s in FeeSchedule.objects.filter(
            council_id=asset.council_id, asset_type_id=asset.asset_type_id, application_type__in=accepted
        )
    }
    labels = dict(ApplicationType.choices)
    return [FeeRow(code, labels[code], schedules.get(code)) for code in accepted]


@dataclass(frozen=True)
class AssetInterest:
    """Applications naming an asset, as much as the viewer may know.

    `others`: how many applications in progress (submitted, not yet installed) name it,
    not counting the viewer's own organisation's; never who made them. `own`: the viewer's
    organisation's applications that name it (suppliers only), any state.
    """

    others: int
    own: list[Application]


def asset_interest(*, asset: Asset, user) -> AssetInterest | None:
    """None for the public: applications before approval are never public (docs/DESIGN.md)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    in_progress = ApplicationSite.objects.filter(asset=asset, application__status__in=IN_PROGRESS_STATUSES).exclude(
        decision=SiteDecision.REFUSED
    )
    own: list[Application] = []
    if user.is_supplier:
        in_progress = in_progress.exclude(application__organisation_id=user.organisation_id)
        own = list(application_list_for(user=user).filter(sites__asset=asset).distinct().order_by("-pk"))
    others = in_progress.values("application_id").distinct().count()
    return AssetInterest(others=others, own=own)


def apply_blocker(user) -> str | None:
    """Why `user` cannot apply for sites, in plain English; None when they can.

    Staff never apply, so they get "" (nothing to show); the public is asked to sign in.
    """
    if user is None or not user.is_authenticated:
        return "Sign in as a supplier to apply for sites."
    if not user.is_supplier:
        return ""
    organisation = user.organisation
    if organisation is None or not organisation.is_verified:
        name = organisation.name if organisation is not None else "Your organisation"
        return (
            f"You cannot apply yet: the council has not verified {name}. "
            "You can shortlist sites now and apply once it is verified."
        )
    return None


def application_start_url(asset_ids) -> str:
    """/applications/new/?asset=<id>&asset=<id>... (the applications app's start page)."""
    path = reverse("applications:new")
    return f"{path}?{urlencode([('asset', int(pk)) for pk in asset_ids])}"
