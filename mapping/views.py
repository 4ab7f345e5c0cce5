"""Public pages: the home page (routes in, the councils and their registers' figures) and the footer's statements."""

from collections import Counter
from dataclasses import dataclass

from django.views.generic import TemplateView

from portal.models import Council
from sites.models import AssetType
from sites.selectors import asset_type_counts, register_has_synthetic


@dataclass(frozen=True)
class CouncilFigures:
    """One council's line on the home page: its register as the user may see it."""

    council: Council
    asset_count: int
    ward_count: int


class HomeView(TemplateView):
    """/: where to go for each kind of user; the councils in the portal and what their registers hold."""

    template_name = "mapping/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        by_type: Counter[int] = Counter()
        types: dict[int, AssetType] = {}
        councils = []
        for council in Council.objects.order_by("name"):
            counts = asset_type_counts(council=council, user=user)
            for asset_type in counts:
                by_type[asset_type.pk] += asset_type.asset_count
                types[asset_type.pk] = asset_type
            councils.append(CouncilFigures(council, sum(t.asset_count for t in counts), council.wards.count()))
        type_counts = [types[pk] for pk, _ in sorted(by_type.items(), key=lambda kv: (-kv[1], types[kv[0]].name))]
        for asset_type in type_counts:
            asset_type.asset_count = by_type[asset_type.pk]
        context.update(
            councils=councils,
            only_council=councils[0].council if len(councils) == 1 else None,
            type_counts=type_counts,
            asset_total=sum(by_type.values()),
            has_synthetic=any(register_has_synthetic(council=c.council) for c in councils),
            ward_count=sum(c.ward_count for c in councils),
        )
        return context


class AccessibilityStatementView(TemplateView):
    template_name = "pages/accessibility.html"


class PrivacyNoticeView(TemplateView):
    template_name = "pages/privacy.html"
