"""The site finder page's search: its GET parameters, pruned to the place chosen, through sites.filters.

The page's form sends every input (the GOV.UK radios only hide the inputs of the places not
chosen), so `where` decides which of bbox, near/near_en/radius and within count:

    where=""        anywhere in the council's area (none of them)
    where=view      bbox (the map view: the map fills it in)
    where=radius    near or near_en, and radius
    where=area      within (a GeoJSON polygon: drawn on the map, or pasted)

Without `where` (a hand-made or API-style URL) it is inferred from what is given.
`council` (a council's slug) searches that council's register; without it, every council's
(council staff always search their own: sites.search.own_council). The canonical query
(`SitePageSearch.query()`) holds only the parameters that count, in a fixed order: page
links, exports and the map's API requests all use it.
"""

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.http import QueryDict

from portal.models import Council
from portal.selectors import council_by_slug, council_choice_list
from sites.filters import AssetSearchFilterSet
from sites.search import AssetSearch, own_council

WHERE_PARAMS = {"": (), "view": ("bbox",), "radius": ("near", "near_en", "radius"), "area": ("within",)}
AREA_PARAMS = ("bbox", "near", "near_en", "radius", "within")
# The filters in the order the form shows them, then sort.
FILTER_PARAMS = (
    "q",
    "asset_type",
    "ward",
    "availability",
    "min_height",
    "max_height",
    "min_capacity_kg",
    "min_free_slots",
    "power",
    "fibre_nearby",
    "without",
)
# A place chosen but not given.
MISSING_PLACE = {
    "view": ("bbox", "Enter the map view as west,south,east,north, or move the map."),
    "radius": ("near", "Enter the point to search around, as longitude,latitude or as easting,northing."),
    "area": ("within", "Draw an area on the map, or enter one as a GeoJSON polygon."),
}


NEAR_ASSET_RADIUS_M = 500


def near_asset_query(asset) -> str:
    """The canonical query for sites of an asset's type within NEAR_ASSET_RADIUS_M of it (its page's saved search)."""
    return urlencode(
        [
            ("where", "radius"),
            ("near", f"{asset.longitude:.6f},{asset.latitude:.6f}"),
            ("radius", str(NEAR_ASSET_RADIUS_M)),
            ("asset_type", asset.asset_type.code),
        ]
    )


def search_council(params: QueryDict, *, user) -> tuple[Council | None, str]:
    """The council searched (None: every council) and what is wrong with the one asked for ("" if nothing)."""
    slug = params.get("council", "").strip()
    own = own_council(user)
    if own is not None:
        wrong = bool(slug) and slug != own.slug
        return own, f"You can search {own.name}'s register only." if wrong else ""
    return council_by_slug(slug)


def council_choices(*, user) -> list[tuple[str, str]]:
    """The councils a user may choose between, ("" = all) first; none for council staff (their own only)."""
    return [] if own_council(user) is not None else council_choice_list()


def where_choices(council: Council | None) -> list[tuple[str, str]]:
    place = f"{council.name}'s area" if council is not None else "every council's area"
    return [
        ("", f"Anywhere in {place}"),
        ("view", "In the map view"),
        ("radius", "Within a distance of a point"),
        ("area", "Inside an area drawn on the map"),
    ]


def infer_where(params: QueryDict) -> str:
    """The place a URL without `where` means: the most specific one given."""
    given = {name for name in AREA_PARAMS if params.get(name, "").strip()}
    if "within" in given:
        return "area"
    if given & {"near", "near_en", "radius"}:
        return "radius"
    if "bbox" in given:
        return "view"
    return ""


def _values(params: QueryDict, name: str) -> list[str]:
    return [value for value in params.getlist(name) if value.strip()]


@dataclass
class SitePageSearch:
    where: str
    params: QueryDict  # what the FilterSet was given (pruned)
    filterset: AssetSearchFilterSet
    council: Council | None  # None: every council
    errors: list[tuple[str, str]] = field(default_factory=list)  # (input id, message), in form order
    field_errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @cached_property
    def search(self) -> AssetSearch:
        return self.filterset.search()

    def pairs(self, *, area: bool = True, sort: bool = True) -> list[tuple[str, str]]:
        """The parameters that count, in order: where and its place, the filters, sort."""
        pairs: list[tuple[str, str]] = []
        if self.council is not None and own_council(self.filterset.user) is None:
            pairs.append(("council", self.council.slug))
        if area and self.where:
            pairs.append(("where", self.where))
            pairs += [(name, value) for name in WHERE_PARAMS[self.where] for value in _values(self.params, name)]
        pairs += [(name, value) for name in FILTER_PARAMS for value in _values(self.params, name)]
        if sort:
            pairs += [("sort", value) for value in _values(self.params, "sort")]
        return pairs

    def query(self, **changes: str) -> str:
        """The canonical query string, with `changes` (e.g. page=2) appended."""
        return urlencode(self.pairs() + [(k, v) for k, v in changes.items() if v not in (None, "")])

    def api_query(self) -> str:
        """What the map asks /api/sites.geojson for (it adds bbox and zoom for the view itself)."""
        pairs = [(k, v) for k, v in self.pairs() if k not in ("where", "bbox")]
        return urlencode(pairs)


def page_search(params: QueryDict, *, user) -> SitePageSearch:
    """Parse the page's GET parameters into a search (errors included, never an exception)."""
    field_errors: dict[str, list[str]] = {}
    council, wrong_council = search_council(params, user=user)
    if wrong_council:
        field_errors["council"] = [wrong_council]
    where = params.get("where")
    if where is None:
        where = infer_where(params)
    elif where not in WHERE_PARAMS:
        field_errors["where"] = ["Choose where to search from the list."]
        where = ""
    pruned = params.copy()
    for name in ("page", "zoom", "where", "council"):
        pruned.pop(name, None)
    for name in AREA_PARAMS:
        if name not in WHERE_PARAMS[where]:
            pruned.pop(name, None)
    filterset = AssetSearchFilterSet(pruned, user=user, council=council)
    if not filterset.is_valid():
        for name, messages in filterset.errors.items():
            field_errors[name] = [str(m) for m in messages]
    if where and not any(_values(pruned, name) for name in WHERE_PARAMS[where] if name != "radius"):
        name, message = MISSING_PLACE[where]
        field_errors.setdefault(name, []).append(message)
    errors = [(_input_id(name), message) for name in _in_form_order(field_errors) for message in field_errors[name]]
    return SitePageSearch(
        where=where, params=pruned, filterset=filterset, council=council, errors=errors, field_errors=field_errors
    )


def _input_id(name: str) -> str:
    if name == "__all__":
        return "id_q"
    return f"id_{name}"


def _in_form_order(names) -> list[str]:
    order = ["council", "where", *AREA_PARAMS, *FILTER_PARAMS, "sort"]
    return sorted(names, key=lambda n: order.index(n) if n in order else len(order))
