"""The public rollout's pages: the city map and summary, a page per ward, a page per site.

Everything here reads applications.public only (docs/DESIGN.md "What the public sees"):
approved sites of applications from `approved` on, and only the public fields. The
map's GeoJSON and the open data are in data_views.py, the feeds in feeds.py.
"""

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView

from applications.public import (
    PUBLIC_FIELDS,
    public_licence_timeline,
    public_site_list,
    public_site_rows,
    public_sites,
    public_summary_for,
)
from portal.models import Council
from portal.pagination import page_links
from portal.selectors import councils_bounds
from sites.models import Ward

from .charts import licence_timeline_svg
from .filters import council_query, filter_form, place_name, public_ward, rollout_council, rollout_wards
from .maps import STATUS_COLOURS, choropleth_bins, rollout_map, site_map, ward_map

PAGE_SIZE = 50
TABLE_ORDER = ("-pk",)  # newest first: walks the primary key and stops at the page (no sort)
MAP_STATUS_ID = "rollout-map-status"


def council_wards(council: Council | None) -> list[dict]:
    """The council's wards (None: every council's) for the map, by name."""
    wards = Ward.objects.all() if council is None else Ward.objects.filter(council=council)
    return list(
        wards.order_by("name", "council__name").values(
            "id", "code", "name", "geometry", "min_longitude", "min_latitude", "max_longitude", "max_latitude"
        )
    )


def wards_bounds(wards: list[dict], council: Council | None) -> tuple[float, float, float, float]:
    if not wards:
        return councils_bounds(council)
    return (
        min(w["min_longitude"] for w in wards),
        min(w["min_latitude"] for w in wards),
        max(w["max_longitude"] for w in wards),
        max(w["max_latitude"] for w in wards),
    )


class CountedPaginator(Paginator):
    """A Paginator told how many rows there are (the grouped counts already say), so it does not count again."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count  # shadows Paginator.count (a cached_property)


def sites_page(request, sites, *, count: int):
    """One page of the table of sites (open-data rows), and the numbers its pagination links to."""
    paginator = CountedPaginator(sites.order_by(*TABLE_ORDER).values(*PUBLIC_FIELDS), PAGE_SIZE, count=count)
    page = paginator.get_page(request.GET.get("page"))
    return page, list(public_site_rows(page.object_list)), page_links(page.number, paginator.num_pages)


def ward_counts(sites) -> dict:
    """Sites per ward code (None: outside every ward), one grouped query."""
    return dict(sites.values_list("asset__ward__code").annotate(n=Count("pk")).order_by())


def sites_caption(count: int, *, filtered: bool = False, ward_name: str = "") -> str:
    """The table's caption: how many sites and their order."""
    sites = f"{count:,} site{'s' if count != 1 else ''}"
    if ward_name:
        return f"{sites} in {ward_name}, newest first"
    return f"{sites} matching the filters, newest first" if filtered else f"{sites}, newest first"


def status_legend() -> list[dict]:
    return [{"value": s.value, "label": s.label, "colour": colour} for s, colour in STATUS_COLOURS.items()]


class RolloutMapView(TemplateView):
    """/rollout/ (?council=<slug>): the council's (or every council's) map, table of sites and summary.

    The map has the filters and the wards shaded by their sites.
    """

    template_name = "mapping/rollout/map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        council = rollout_council(self.request.GET)
        summary = public_summary_for(council=council)
        wards = council_wards(council)
        form = filter_form(self.request.GET, council=council, summary=summary, wards=rollout_wards(council))
        filters = form.filters()
        selected = public_sites(**filters.selectors())
        counts = ward_counts(selected) if filters.active else summary.by_ward
        query = filters.query()
        page, rows, links = sites_page(self.request, selected, count=sum(counts.values()))
        sites_url = reverse("rollout:sites_geojson") + (f"?{query}" if query else "")
        ward_lines = [{**w, "sites": counts.get(w["code"], 0)} for w in wards]
        chosen = [w for w in wards if w["code"] == filters.ward_code]
        built = rollout_map(
            bounds=wards_bounds(chosen or wards, council),
            wards=wards,
            counts=counts,
            ward_url=lambda code: reverse("rollout:ward", args=[code]),
            sites_url=sites_url,
            status_element=MAP_STATUS_ID,
        )
        in_council = council_query(council)
        context.update(
            council=council,
            place_name=place_name(council),
            council_query=in_council,
            summary=summary,
            form=form,
            filters=filters,
            query=query,
            page=page,
            rows=rows,
            page_links=links,
            ward_counts=ward_lines,
            outside_wards=counts.get(None, 0),
            bins=choropleth_bins(counts.values()),
            statuses=status_legend(),
            map=built,
            map_status_id=MAP_STATUS_ID,
            download_query=f"?{query}" if query else "",
            table_caption=sites_caption(page.paginator.count, filtered=filters.active),
            download_what="these sites" if filters.active else "every site",
            feed_url=reverse("rollout:feed") + in_council,
        )
        return context


class RolloutWardView(TemplateView):
    """/rollout/wards/<code>/: one ward's boundary, sites, counts, licences per month and median."""

    template_name = "mapping/rollout/ward.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ward = public_ward(self.kwargs["code"])
        council = ward.council
        sites = public_sites(council=council, ward=ward)
        summary = public_summary_for(council=council, ward=ward)
        timeline = public_licence_timeline(sites=sites)
        page, rows, links = sites_page(self.request, sites, count=summary.total)
        sites_url = reverse("rollout:sites_geojson") + f"?ward={ward.code}"
        context.update(
            council=council,
            place_name=council.name,
            council_query=council_query(council),
            ward=ward,
            summary=summary,
            timeline=timeline,
            chart=licence_timeline_svg(timeline, chart_id="licence-timeline", place=ward.name),
            page=page,
            rows=rows,
            page_links=links,
            query="",
            statuses=status_legend(),
            map=ward_map(ward=ward, sites_url=sites_url, status_element=MAP_STATUS_ID),
            map_status_id=MAP_STATUS_ID,
            download_query=f"?ward={ward.code}",
            table_caption=sites_caption(page.paginator.count, ward_name=ward.name),
            feed_url=reverse("rollout:ward_feed", args=[ward.code]),
        )
        return context


class RolloutSiteView(TemplateView):
    """/rollout/sites/<id>/: what the public may know of one site (404 for anything not public)."""

    template_name = "mapping/rollout/site.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        values = public_site_list(council=None).filter(pk=self.kwargs["pk"])
        row = next(public_site_rows(values), None)
        if row is None:
            raise Http404("There is no public site with that number.")
        built = site_map(longitude=row["longitude"], latitude=row["latitude"], status=row["status"])
        context.update(
            site=row,
            statuses=status_legend(),
            map=built,
        )
        return context
