"""A supplier's saved searches: save one from the finder or an asset page, list, open, stop alerts, delete.

/sites/saved/ lists them (GET) and saves one (POST name, query[, alerts]); the query is
parsed by the finder's own parser (mapping.finder.search.page_search) and saved in its
canonical form, so opening a saved search is the finder page exactly as it was. Only
suppliers: the public is sent to sign in, anyone else signed in gets 403; another
person's saved search is a 404.
"""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from sites.saved_search_services import (
    saved_search_alerts_set,
    saved_search_create,
    saved_search_delete,
    saved_search_list,
)
from sites.saved_searches import QUERY_MAX_LENGTH

from .search import page_search
from .shortlist_views import SupplierShortlistMixin
from .views import no_shared_cache


class SavedSearchForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        error_messages={
            "required": "Enter a name for the search, for example “5G columns in the city centre”.",
            "max_length": "Enter a name of at most 100 characters.",
        },
    )
    query = forms.CharField(
        required=False,
        max_length=QUERY_MAX_LENGTH,
        error_messages={"max_length": "This search is too long to save. Draw a simpler area, or use fewer filters."},
    )
    alerts = forms.BooleanField(required=False)


def finder_url(query: str) -> str:
    return f"{reverse('finder:list')}?{query}" if query else reverse("finder:list")


class SavedSearchListView(SupplierShortlistMixin, View):
    template_name = "mapping/finder/saved_searches.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request)

    def page(self, request: HttpRequest, *, form: SavedSearchForm | None = None, status: int = 200) -> HttpResponse:
        searches = list(saved_search_list(user=request.user))
        for search in searches:
            search.url = finder_url(search.query)
        errors = [(f"id_{name}", message) for name, found in (form.errors.items() if form else []) for message in found]
        context = {"searches": searches, "form": form, "errors": errors}
        return no_shared_cache(render(request, self.template_name, context, status=status))

    def post(self, request: HttpRequest) -> HttpResponse:
        """Save a search: the finder's query, checked by its own parser, in canonical form."""
        form = SavedSearchForm(request.POST)
        if not form.is_valid():
            return self.page(request, form=form, status=400)
        finder = page_search(QueryDict(form.cleaned_data["query"]), user=request.user)
        if not finder.is_valid:
            form.add_error("query", "This search has mistakes; correct them in the finder, then save it.")
            return self.page(request, form=form, status=400)
        try:
            search = saved_search_create(
                user=request.user,
                name=form.cleaned_data["name"],
                query=finder.query(),
                alerts=form.cleaned_data["alerts"],
            )
        except forms.ValidationError as exc:
            for field, found in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, found)
            return self.page(request, form=form, status=400)
        alert = " We will email you when new sites match it." if search.alerts else ""
        messages.success(request, f"Search “{search.name}” saved.{alert}")
        return redirect("finder:saved")


class SavedSearchDeleteView(SupplierShortlistMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        search = saved_search_delete(user=request.user, pk=pk)
        if search is None:
            raise Http404("No such saved search.")  # not theirs: as if it did not exist
        messages.success(request, f"Search “{search.name}” deleted.")
        return redirect("finder:saved")


class SavedSearchAlertsView(SupplierShortlistMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        alerts = request.POST.get("alerts") == "on"
        search = saved_search_alerts_set(user=request.user, pk=pk, alerts=alerts)
        if search is None:
            raise Http404("No such saved search.")
        state = "We will email you when new sites match it." if alerts else "We will not email you about it."
        messages.success(request, f"Search “{search.name}”: {state}")
        return redirect("finder:saved")
