"""Public pages: the home page (routes in, and the register's figures) and the statements in the footer."""

from django.views.generic import TemplateView

from portal.selectors import council_default
from sites.selectors import asset_type_counts, register_has_synthetic


class HomeView(TemplateView):
    template_name = "mapping/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        council = council_default()
        type_counts = asset_type_counts(council=council, user=self.request.user)
        context.update(
            type_counts=type_counts,
            asset_total=sum(t.asset_count for t in type_counts),
            has_synthetic=register_has_synthetic(council=council),
            ward_count=council.wards.count() if council else 0,
        )
        return context


class AccessibilityStatementView(TemplateView):
    template_name = "pages/accessibility.html"


class PrivacyNoticeView(TemplateView):
    template_name = "pages/privacy.html"
