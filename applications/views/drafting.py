"""The applicant's draft: start it from the shortlist, its details, its sites and their equipment, submit it."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import FormView

from applications import services
from applications.checks import max_sites
from applications.forms import ApplicationDetailsForm, ApplicationStartForm, EquipmentForm, SiteAddForm
from applications.models import ApplicationStatus
from applications.selectors import application_sites_for
from portal.once import AlreadyDone, once, once_token
from portal.views_support import SupplierRequiredMixin, errors_onto
from sites.selectors import asset_list

from .base import (
    REFUSALS,
    ApplicationMixin,
    ServiceFormView,
    detail_url,
    refusal_message,
)
from .detail import detail_context

S = ApplicationStatus


def chosen_asset_ids(values: list[str]) -> list[int]:
    """The well-formed ids among ?asset=... (the form reports the rest)."""
    return [int(v) for v in values if v.isdigit() and len(v) < 19][: max_sites()]


class ApplicationCreateView(SupplierRequiredMixin, FormView):
    """/applications/new/?asset=<id>&asset=<id>...: the sites from the site finder, the type, dates and term."""

    template_name = "applications/new.html"
    form_class = ApplicationStartForm

    def get_initial(self):
        return {"asset": self.request.GET.getlist("asset")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ids = self.request.POST.getlist("asset") if self.request.method == "POST" else self.request.GET.getlist("asset")
        context["chosen"] = asset_list().filter(pk__in=chosen_asset_ids(ids)).order_by("reference")
        context["chosen_councils"] = sorted({asset.council.name for asset in context["chosen"]})
        context["organisation"] = self.request.user.organisation
        context["once"] = self.request.POST.get("once") or once_token()  # portal.once: one draft per form
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        made: list = []

        def create() -> str:
            made[:] = services.applications_create(
                by=self.request.user,
                assets=form.assets,
                application_type=data["application_type"],
                proposed_start_date=data["proposed_start_date"],
                term_years=data["term_years"],
                description=data["description"],
            )
            return detail_url(made[0]) if len(made) == 1 else reverse("applications:list")

        try:
            url = once(user=self.request.user, token=self.request.POST.get("once", ""), create=create)
        except AlreadyDone as done:  # the same form sent again: the draft it made, not a second one
            messages.info(self.request, "You sent this form twice; the draft was saved once.")
            return redirect(done.url or reverse("applications:list"))
        except ValidationError as exc:
            errors_onto(form, exc, {"assets": "references"})
            return self.form_invalid(form)
        messages.success(self.request, _saved_message(made, form.assets))
        return redirect(url)


def _saved_message(made: list, assets: list) -> str:
    """What the supplier is told after starting one draft, or one per council."""
    count = len(assets)
    taken_off = sum(application.taken_off_shortlist for application in made)
    cleared = ""
    if taken_off:
        who = ("It" if count == 1 else "They") if taken_off == count else f"{taken_off} of them"
        cleared = f"{who} came off your shortlist: it keeps only the sites you have not applied for. "
    if len(made) == 1:
        saved = f"Draft {made[0].reference} saved with {_sites(count)}."
    else:
        per_council = Counter(asset.council_id for asset in assets)
        each = ", ".join(f"{a.reference} to {a.council.name} ({_sites(per_council[a.council_id])})" for a in made)
        saved = f"Your {_sites(count)} belong to {len(made)} councils, so there is a draft for each: {each}."
    return f"{saved} {cleared}Enter the equipment for each site, then submit."


def _sites(count: int) -> str:
    return f"{count} site{'s' if count != 1 else ''}"


class ApplicationUpdateView(ServiceFormView):
    """The application's type, proposed start date, term and description (draft or returned)."""

    template_name = "applications/edit.html"
    form_class = ApplicationDetailsForm
    success_message = "Your changes have been saved."

    def guard(self):
        self.require_applicant()

    def get_initial(self):
        app = self.application
        return {
            "application_type": app.application_type,
            "proposed_start_date": app.proposed_start_date,
            "term_years": app.term_years,
            "description": app.description,
        }

    def perform(self, form):
        return services.application_update(application=self.application, by=self.request.user, **form.cleaned_data)


class ApplicationSiteAddView(ApplicationMixin, View):
    """Add a site by its council reference (a form on the application page)."""

    def post(self, request, *args, **kwargs):
        application = self.application
        self.require_applicant()
        form = SiteAddForm(request.POST, council=application.council)
        if form.is_valid():
            try:
                site = services.application_site_add(application=application, asset=form.asset, by=request.user)
            except REFUSALS as exc:
                form.add_error(None, refusal_message(exc))
            except ValidationError as exc:
                errors_onto(form, exc, {"asset": "reference"})
            else:
                messages.success(request, f"{site.asset.reference} added. Enter its equipment.")
                return redirect(reverse("applications:site_edit", args=[application.reference, site.pk]))
        context = detail_context(user=request.user, application=application, site_add_form=form)
        return render(request, "applications/detail.html", context)


class SiteMixin(ApplicationMixin):
    """The application's site named in the URL (404 when it is not one of its sites)."""

    @property
    def site(self):
        if not hasattr(self, "_site"):
            sites = application_sites_for(user=self.request.user, application=self.application)
            self._site = get_object_or_404(sites, pk=self.kwargs["site"])
            self._site.application = self.application
        return self._site

    def get_context_data(self, **kwargs):
        kwargs.setdefault("site", self.site)
        return super().get_context_data(**kwargs)


class ApplicationSiteUpdateView(SiteMixin, ServiceFormView):
    """The equipment for one site: type, make and model, dimensions, weight, power, bands, height, cabinet."""

    template_name = "applications/site_edit.html"
    form_class = EquipmentForm

    def guard(self):
        self.require_applicant()
        self.site  # noqa: B018 -- 404 for another application's site

    def get_initial(self):
        return EquipmentForm.initial_for(self.site)

    def next_site(self):
        sites = application_sites_for(user=self.request.user, application=self.application)
        return sites.filter(pk__gt=self.site.pk).first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["editable"] = self.application.is_editable
        context["next_site"] = self.next_site()
        return context

    def get_success_message(self):
        return f"Equipment for {self.site.asset.reference} saved."

    def get_success_url(self):
        following = self.next_site() if self.request.POST.get("after") == "next" else None
        if following is not None:
            return reverse("applications:site_edit", args=[self.application.reference, following.pk])
        return detail_url(self.application)

    def perform(self, form):
        return services.application_site_update(site=self.site, by=self.request.user, **form.equipment())


class ApplicationSiteRemoveView(SiteMixin, View):
    """Take a site out of the draft (POST from the application page)."""

    def post(self, request, *args, **kwargs):
        self.require_applicant()
        site = self.site
        try:
            services.application_site_remove(site=site, by=request.user)
        except REFUSALS as exc:
            messages.error(request, refusal_message(exc))
        else:
            messages.success(request, f"{site.asset.reference} removed from the application.")
        return redirect(detail_url(self.application))


class ApplicationSubmitView(ApplicationMixin, View):
    """Submit (or, once returned, resubmit): every problem at once on the application page, or on to the council."""

    def post(self, request, *args, **kwargs):
        application = self.application
        self.require_applicant()
        submit = services.application_resubmit if application.status == S.RETURNED else services.application_submit
        try:
            submit(application=application, by=request.user)
        except REFUSALS as exc:
            problems = {"application": [refusal_message(exc)]}
        except ValidationError as exc:
            problems = exc.message_dict if hasattr(exc, "error_dict") else {"application": exc.messages}
        else:
            messages.success(request, f"{application.reference} has been submitted to {application.council.name}.")
            return redirect(detail_url(application))
        application.refresh_from_db()
        context = detail_context(user=request.user, application=application, submit_problems=problems)
        return render(request, "applications/detail.html", context)
