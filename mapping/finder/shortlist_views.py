"""A supplier's shortlist: its page (/sites/shortlist/) and the add and remove forms.

Only suppliers have one: the public is sent to sign in, anyone else signed in gets 403.
The forms are plain POSTs that redirect back (no JavaScript needed); static/portal/
shortlist.js sends the same forms with fetch and `Accept: application/json`, and gets
{"shortlisted", "count", "message"} (or {"errors": {...}} with a 4xx) instead.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from mapping.maps import features_map
from sites.models import Asset
from sites.shortlist_services import (
    batch_limit,
    has_shortlist,
    shortlist_add,
    shortlist_assets,
    shortlist_count,
    shortlist_remove,
)

from .asset_views import asset_bounds, asset_feature
from .facts import application_start_url, apply_blocker
from .views import no_shared_cache


class ShortlistItemForm(forms.Form):
    asset = forms.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        error_messages={
            "required": "Choose a site to add to or remove from your shortlist.",
            "invalid": "Choose a site from the list.",
            "min_value": "Choose a site from the list.",
            "max_value": "Choose a site from the list.",
        },
    )
    next = forms.CharField(required=False, max_length=4000)


class SupplierShortlistMixin(LoginRequiredMixin):
    """Signed-out: to the sign-in page; signed in but not a supplier: 403."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_shortlist(request.user):
            raise PermissionDenied("Only suppliers have a shortlist.")
        return super().dispatch(request, *args, **kwargs)


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


class ShortlistView(SupplierShortlistMixin, View):
    template_name = "mapping/finder/shortlist.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        assets = list(shortlist_assets(user=request.user))
        blocker = apply_blocker(request.user)
        available = [a for a in assets if a.is_available]
        context = {
            "assets": assets,
            "councils": sorted({a.council.name for a in assets}),
            "limit": batch_limit(),
            "apply_blocker": blocker,
            "apply_url": application_start_url(a.pk for a in available) if blocker is None and available else "",
            "unavailable": [a for a in assets if not a.is_available],
            "map": features_map(
                key="shortlist", features=[asset_feature(a) for a in assets], bounds=asset_bounds(assets), zoom=17
            ),
            "finder_config": {
                "shortlist": {
                    "enabled": True,
                    "plain": True,  # this page redraws after a change: no fetch
                    "add": reverse("finder:shortlist_add"),
                    "remove": reverse("finder:shortlist_remove"),
                    "ids": [a.pk for a in assets],
                },
            },
        }
        return no_shared_cache(render(request, self.template_name, context))


class ShortlistChangeView(SupplierShortlistMixin, View):
    """POST asset=<id>[&next=<path>]: add or remove, then back to where the form was."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ShortlistItemForm(request.POST)
        if not form.is_valid():
            return self.problem(request, form.errors.get("asset") or ["Choose a site from the list."], status=400)
        asset_id = form.cleaned_data["asset"]
        try:
            message, shortlisted = self.change(request.user, asset_id)
        except Asset.DoesNotExist:
            return self.problem(request, ["That site is not in the register, or you cannot see it."], status=404)
        except ValidationError as exc:
            return self.problem(request, exc.messages, status=409, next_url=form.cleaned_data["next"])
        count = shortlist_count(user=request.user)
        if wants_json(request):
            return JsonResponse({"asset": asset_id, "shortlisted": shortlisted, "count": count, "message": message})
        messages.success(request, message)
        return redirect(self.next_url(request, form.cleaned_data["next"]))

    def change(self, user, asset_id: int) -> tuple[str, bool]:
        raise NotImplementedError

    @staticmethod
    def next_url(request: HttpRequest, candidate: str) -> str:
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
        return reverse("finder:shortlist")

    def problem(self, request: HttpRequest, problems: list[str], *, status: int, next_url: str = "") -> HttpResponse:
        if wants_json(request):
            return JsonResponse({"errors": {"asset": [str(p) for p in problems]}}, status=status)
        if status == 409:  # The shortlist is full: say so where the supplier was.
            for problem in problems:
                messages.error(request, problem)
            return redirect(self.next_url(request, next_url))
        return render(request, "mapping/finder/shortlist_problem.html", {"problems": problems}, status=status)


class ShortlistAddView(ShortlistChangeView):
    def change(self, user, asset_id: int) -> tuple[str, bool]:
        asset = Asset.objects.only("pk", "reference").get(pk=asset_id)
        _, added = shortlist_add(user=user, asset=asset)
        verb = "added to" if added else "already on"
        return f"{asset.reference} {verb} your shortlist.", True


class ShortlistRemoveView(ShortlistChangeView):
    def change(self, user, asset_id: int) -> tuple[str, bool]:
        reference = Asset.objects.filter(pk=asset_id).values_list("reference", flat=True).first() or "The site"
        removed = shortlist_remove(user=user, asset_id=asset_id)
        return (
            f"{reference} removed from your shortlist." if removed else f"{reference} was not on your shortlist."
        ), False
