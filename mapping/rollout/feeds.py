"""Atom feeds of newly licensed sites: a council's or every council's (/rollout/feed/?council=<slug>) and per ward
(/rollout/wards/<code>/feed/).

Each entry is one public site whose licence has been issued, newest first: what, where,
who and when (applications.public fields only), linking to the site's public page.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from applications.public import PublicStatus, public_licensed_sites

from .filters import council_query, place_name, public_ward, rollout_council

FEED_LENGTH = 50


class RolloutLicencesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, code: str | None = None):
        """(council or None for every council, ward or None, "?council=<slug>" or "")."""
        if code:
            ward = public_ward(code)
            return ward.council, ward, ""
        council = rollout_council(request.GET)
        return council, None, council_query(council)

    def title(self, obj) -> str:
        council, ward, _ = obj
        return f"Newly licensed telecoms sites: {ward.name if ward else place_name(council)}"

    def subtitle(self, obj) -> str:
        council, ward, _ = obj
        where = f"the {ward.name} ward of {council.name}" if ward else place_name(council)
        return f"Sites on council assets in {where} licensed for telecoms equipment, newest first."

    def link(self, obj) -> str:
        _, ward, query = obj
        return reverse("rollout:ward", args=[ward.code]) if ward else reverse("rollout:map") + query

    def feed_url(self, obj) -> str:
        _, ward, query = obj
        return reverse("rollout:ward_feed", args=[ward.code]) if ward else reverse("rollout:feed") + query

    def author_name(self, obj) -> str:
        return place_name(obj[0])

    def items(self, obj) -> list[dict]:
        council, ward, _ = obj
        return public_licensed_sites(council=council, ward=ward, limit=FEED_LENGTH)

    def item_title(self, item: dict) -> str:
        technology = item["technology_name"] if item["technology"] else "Telecoms equipment"
        where = f", {item['ward_name']}" if item["ward_name"] else ""
        return f"{technology} on a {item['asset_type_name'].lower()}{where} ({item['operator']})"

    def item_description(self, item: dict) -> str:
        return format_html(
            "<p>Licence issued on {} to {} for {} on a {} in {}. Status: {}.</p>",
            f"{item['licensed_on'].day} {item['licensed_on']:%B %Y}",
            item["operator"],
            item["technology_name"] if item["technology"] else "telecoms equipment",
            item["asset_type_name"].lower(),
            item["ward_name"] or "the council area",
            PublicStatus(item["status"]).label.lower(),
        )

    def item_link(self, item: dict) -> str:
        return reverse("rollout:site", args=[item["site_id"]])

    def item_pubdate(self, item: dict):
        return item["licensed_at"]

    def item_updateddate(self, item: dict):
        return item["licensed_at"]

    def item_author_name(self, item: dict) -> str:
        return item["operator"]
