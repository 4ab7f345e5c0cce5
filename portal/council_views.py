"""/councils/<slug>/...: a council's logo and the stylesheet in its colour, for every page's header."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views import View

from .branding import brand_css
from .models import Council

BRAND_MAX_AGE = 300  # a changed colour or logo shows within five minutes


class CouncilLogoView(View):
    """The council's logo (a PNG checked when it was added), or 404 when it has none."""

    def get(self, request, slug: str):
        council = get_object_or_404(Council.objects.only("logo_png"), slug=slug)
        if not council.logo_png:
            raise Http404("The council has no logo.")
        response = HttpResponse(bytes(council.logo_png), content_type="image/png")
        patch_cache_control(response, public=True, max_age=BRAND_MAX_AGE)
        return response


class CouncilBrandStylesheetView(View):
    """The header in the council's colour."""

    def get(self, request, slug: str):
        council = get_object_or_404(Council.objects.only("brand_colour"), slug=slug)
        response = HttpResponse(brand_css(council), content_type="text/css; charset=utf-8")
        patch_cache_control(response, public=True, max_age=BRAND_MAX_AGE)
        return response
