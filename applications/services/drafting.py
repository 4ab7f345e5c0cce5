"""The applicant's draft: create it from a list of assets, change it, its sites and their equipment."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from portal.models import Council, User
from sites.models import Asset
from sites.shortlist_services import shortlist_take_off

from ..checks import max_sites
from ..models import EQUIPMENT_FIELDS, Application, ApplicationSite, EventAction
from ..models.workflow import APPLICANT
from ..transitions import TransitionNotAllowed
from .core import application_lock, event_record, reference_next, status_label

APPLICATION_FIELDS = ("application_type", "proposed_start_date", "term_years", "description")


def _require_applicant(application: Application, by: User, verb: str) -> None:
    if not APPLICANT(application, by):
        raise PermissionDenied(f"Only the applicant organisation can {verb} this application.")


def _require_editable(application: Application) -> None:
    if not application.is_editable:
        raise TransitionNotAllowed(
            "You can change an application only while it is a draft or has been returned; "
            f"this one is {status_label(application.status)}."
        )


def _unique(assets: Sequence[Asset]) -> list[Asset]:
    seen: set[int] = set()
    return [a for a in assets if not (a.pk in seen or seen.add(a.pk))]


def _new_sites(application: Application, assets: list[Asset]) -> list[ApplicationSite]:
    sites = [ApplicationSite(application=application, asset=asset) for asset in assets]
    for site in sites:
        # The assets are saved rows, already de-duplicated: no need to query for each.
        site.full_clean(exclude=["application", "asset"], validate_unique=False, validate_constraints=False)
    return ApplicationSite.objects.bulk_create(sites)


@transaction.atomic
def application_create(
    *,
    by: User,
    application_type: str,
    assets: Sequence[Asset] = (),
    council: Council | None = None,
    proposed_start_date=None,
    term_years: int | None = None,
    description: str = "",
) -> Application:
    """A draft for the supplier's organisation naming up to APPLICATION_MAX_SITES assets.

    The council is the first asset's unless given. Saved as a draft whatever is missing:
    submitting reports every problem. The assets leave the supplier's shortlist: they are
    in this application now (`application.taken_off_shortlist` says how many were on it).
    """
    if not (by.is_authenticated and by.is_active and by.is_supplier and by.organisation_id):
        raise PermissionDenied("Only a supplier's user can start an application.")
    assets = _unique(assets)
    if len(assets) > max_sites():
        raise ValidationError(
            {"assets": f"An application can name at most {max_sites()} sites; you chose {len(assets)}."}
        )
    council = council or (assets[0].council if assets else None)
    if council is None:
        raise ValidationError({"assets": "Choose at least one site."})
    others = sorted({a.council.name for a in assets if a.council_id != council.pk})
    if others:
        raise ValidationError(
            {"assets": f"An application is to one council: some sites belong to {' and '.join(others)}."}
        )
    application = Application(
        council=council,
        organisation_id=by.organisation_id,
        application_type=application_type,
        created_by=by,
        proposed_start_date=proposed_start_date,
        term_years=term_years,
        description=description,
        reference=reference_next(council=council, year=timezone.localdate().year),
    )
    application.full_clean()
    application.save()
    _new_sites(application, assets)
    event_record(
        application=application, action=EventAction.CREATED, by=by, comment=f"Draft with {len(assets)} site(s)."
    )
    application.taken_off_shortlist = shortlist_take_off(user=by, asset_ids=[asset.pk for asset in assets])
    return application


@transaction.atomic
def applications_create(*, by: User, assets: Sequence[Asset], **fields: Any) -> list[Application]:
    """One draft per council for sites chosen across councils (councils by name), all or none.

    `fields` are application_create's: the same type, dates, term and description in each.
    """
    by_council: dict[int, list[Asset]] = {}
    for asset in _unique(assets):
        by_council.setdefault(asset.council_id, []).append(asset)
    if not by_council:
        raise ValidationError({"assets": "Choose at least one site."})
    groups = sorted(by_council.values(), key=lambda group: group[0].council.name)
    return [application_create(by=by, assets=group, council=group[0].council, **fields) for group in groups]


@transaction.atomic
def application_update(*, application: Application, by: User, **fields: Any) -> Application:
    """Change the application's details (APPLICATION_FIELDS) while it is a draft or returned."""
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise TypeError(f"Not application fields: {', '.join(sorted(unknown))}")
    application_lock(application)
    _require_applicant(application, by, "change")
    _require_editable(application)
    for name, value in fields.items():
        setattr(application, name, value)
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def application_site_add(*, application: Application, asset: Asset, by: User) -> ApplicationSite:
    """Add one more asset to a draft or returned application."""
    application_lock(application)
    _require_applicant(application, by, "change")
    _require_editable(application)
    if asset.council_id != application.council_id:
        raise ValidationError({"asset": f"{asset.reference} is not in {application.council.name}'s register."})
    if application.sites.filter(asset=asset).exists():
        raise ValidationError({"asset": f"{asset.reference} is already in this application."})
    if application.sites.count() >= max_sites():
        raise ValidationError({"asset": f"An application can name at most {max_sites()} sites."})
    (site,) = _new_sites(application, [asset])
    return site


@transaction.atomic
def application_site_remove(*, site: ApplicationSite, by: User) -> None:
    """Take a site out of a draft or returned application (its documents stay, unattached)."""
    application = site.application
    application_lock(application)
    _require_applicant(application, by, "change")
    _require_editable(application)
    site.delete()


@transaction.atomic
def application_site_update(*, site: ApplicationSite, by: User, **equipment: Any) -> ApplicationSite:
    """Set a site's equipment (any of EQUIPMENT_FIELDS) while the application is editable."""
    unknown = set(equipment) - set(EQUIPMENT_FIELDS)
    if unknown:
        raise TypeError(f"Not equipment fields: {', '.join(sorted(unknown))}")
    application = site.application
    application_lock(application)
    _require_applicant(application, by, "change")
    _require_editable(application)
    for name, value in equipment.items():
        setattr(site, name, value)
    site.full_clean(exclude=["application", "asset"])
    site.save()
    return site
