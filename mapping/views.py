"""Public pages: the home page (routes in, the councils and their registers' figures) and the footer's statements."""

from django.views.generic import TemplateView

from sites.selectors import register_figures


class HomeView(TemplateView):
    """/: where to go for each kind of user; the councils in the portal and what their registers hold."""

    template_name = "mapping/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = register_figures(user=self.request.user)
        councils = figures.councils
        context.update(
            councils=councils,
            only_council=councils[0].council if len(councils) == 1 else None,
            type_counts=figures.type_counts,
            asset_total=figures.asset_total,
            has_synthetic=figures.has_synthetic,
            ward_count=figures.ward_count,
        )
        return context


class AccessibilityStatementView(TemplateView):
    template_name = "pages/accessibility.html"


class PrivacyNoticeView(TemplateView):
    template_name = "pages/privacy.html"
