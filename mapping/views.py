"""Public pages built from the register: the home page."""

from django.views.generic import TemplateView

from sites.models import Asset, AssetType, Ward


class HomeView(TemplateView):
    template_name = "mapping/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["asset_count"] = Asset.objects.count()
        context["ward_count"] = Ward.objects.count()
        context["asset_types"] = AssetType.objects.all()
        return context
