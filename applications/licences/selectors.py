"""Reads of licences, scoped to who asks.

The verification page is public and shows only what docs/DESIGN.md lets the public see:
the licence's number, type, dates, state and hash, the licensee organisation's name,
and the licensed sites' location, type, ward and technology (locations of restricted
asset types only to signed-in users who may see them); never fees, conditions,
equipment details, documents or anybody's name or email. The PDF itself goes only to
the licensee's members, the council's officers and administrators, and system
administrators (who see every application and its documents; ADR 12).
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from sites.models import Visibility
from sites.search import can_see_restricted

from ..models import Licence, LicenceSite, Technology
from ..models.licence import is_licence_number


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def licence_get(*, number: str) -> Licence | None:
    """The licence with this number (parties, replacement and replaced joined), or None."""
    if not is_licence_number(number):
        return None
    return (
        Licence.objects.select_related("council", "organisation", "replaces", "replaced_by")
        .filter(number=number)
        .first()
    )


def _is_system_admin(user) -> bool:
    return user.is_superuser or user.is_system_admin


def licence_can_download(*, user, licence: Licence) -> bool:
    """The licensee's members, the council's officers and administrators, system administrators."""
    if not _signed_in(user):
        return False
    if _is_system_admin(user):
        return True
    if user.is_supplier:
        return user.organisation_id == licence.organisation_id
    if user.is_council_staff:
        return user.council_id == licence.council_id
    return False


def licence_list_for_application(*, application, user) -> QuerySet[Licence]:
    """An application's licences, newest first, for those who may download them (else none).

    For the application page's "Download licence" links (links.download_path(number)).
    """
    qs = Licence.objects.filter(application=application).select_related("replaces").order_by("-issued_at", "-pk")
    if not _signed_in(user):
        return qs.none()
    if _is_system_admin(user):
        return qs
    if user.is_supplier and user.organisation_id == application.organisation_id:
        return qs
    if user.is_council_staff and user.council_id == application.council_id:
        return qs
    return qs.none()


@dataclass(frozen=True)
class PublicSite:
    """One licensed site as the public sees it; no location when its type is restricted."""

    position: int
    reference: str
    asset_type: str
    street: str
    ward: str
    technology: str
    longitude: float | None
    latitude: float | None
    geometry: dict | None

    @property
    def located(self) -> bool:
        return self.longitude is not None


def licence_public_sites(*, licence: Licence, user) -> list[PublicSite]:
    """The schedule as the verification page shows it (one query)."""
    restricted_ok = can_see_restricted(user)
    rows = LicenceSite.objects.filter(licence=licence).select_related("asset__asset_type").order_by("position")
    sites = []
    for row in rows:
        shown = restricted_ok or row.asset.asset_type.visibility == Visibility.PUBLIC
        sites.append(
            PublicSite(
                position=row.position,
                reference=row.asset_reference,
                asset_type=row.asset_type_name,
                street=row.street if shown else "",
                ward=row.ward_name,
                technology=Technology(row.technology).label if row.technology in Technology.values else "",
                longitude=row.longitude if shown else None,
                latitude=row.latitude if shown else None,
                geometry=row.geometry if shown else None,
            )
        )
    return sites


def licence_map_features(sites: list[PublicSite]) -> dict:
    """A GeoJSON FeatureCollection of the located sites, for the page's map (json_script)."""
    features = [
        {
            "type": "Feature",
            "geometry": site.geometry or {"type": "Point", "coordinates": [site.longitude, site.latitude]},
            "properties": {"reference": site.reference, "type": site.asset_type, "street": site.street},
        }
        for site in sites
        if site.located
    ]
    return {"type": "FeatureCollection", "features": features}
