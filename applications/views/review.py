"""The council's side: the queue, the checks and decision for each site, assigning."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from applications import services
from applications.forms import AssignForm, QueueFilterForm, SiteDecisionForm
from applications.links import detail_url
from applications.models import ApplicationStatus, SiteDecision
from applications.selectors import application_queue, queue_rows, queue_summary, site_conflicts
from portal.accounts import council_staff_list, organisation_unverified_list
from portal.selectors import organisation_list_for
from portal.views_support import StaffRequiredMixin
from sites.models import Ward

from .base import (
    REFUSALS,
    ApplicationMixin,
    ServiceFormView,
    refusal_message,
)
from .drafting import SiteMixin
from .presenters import STATUS_TAGS, band_labels, site_checks

S = ApplicationStatus
QUEUE_PAGE_SIZE = 25


class ApplicationQueueView(StaffRequiredMixin, TemplateView):
    """The council's open applications, soonest due first, with filters and "assign to me"."""

    template_name = "applications/queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        council = user.council
        form = QueueFilterForm(
            self.request.GET or None,
            organisations=organisation_list_for(user=user),
            wards=Ward.objects.filter(council=council) if council else Ward.objects.all(),
            officers=council_staff_list(council=council) if council else [],
        )
        filters = form.filters() if form.is_bound and form.is_valid() else {}
        page = Paginator(application_queue(user=user, **filters), QUEUE_PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        rows = [
            {"row": row, "status_tag": STATUS_TAGS.get(row.application.status, ""), "late": -(row.days_left or 0)}
            for row in queue_rows(applications=page.object_list)
        ]
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            page=page,
            rows=rows,
            summary=queue_summary(user=user),
            unverified_count=organisation_unverified_list(user=user).count(),
            query=query.urlencode(),
            filtered=any(filters.values()) if filters else False,
        )
        return context


class ApplicationSiteDecideView(SiteMixin, ServiceFormView):
    """One site's checks (load, space, power, constraints, other applications) and the officer's decision."""

    template_name = "applications/site_decide.html"
    form_class = SiteDecisionForm
    service_fields = {"decision": "decision"}

    def guard(self):
        self.require_council()
        self.site  # noqa: B018 -- 404 for another application's site

    def get_initial(self):
        site = self.site
        if site.decision == SiteDecision.PENDING:
            return {}
        return {
            "decision": site.decision,
            "conditions": site.conditions,
            "refusal_reason": site.refusal_reason,
            "refusal_detail": site.refusal_detail,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        site, application = self.site, self.application
        conflicts = site_conflicts(application=application).get(site.pk, [])
        constraints = [str(area) for area in site.asset.constraint_areas.all()]
        site.band_labels = band_labels(site)
        context.update(
            checks=site_checks(site, application, conflicts, constraints),
            conflicts=conflicts,
            deciding=application.status == S.UNDER_REVIEW,
            status_tag=STATUS_TAGS.get(application.status, ""),
        )
        return context

    def perform(self, form):
        data = form.cleaned_data
        return services.application_site_decide(
            site=self.site,
            by=self.request.user,
            decision=data["decision"],
            conditions=data.get("conditions") or "",
            refusal_reason=data.get("refusal_reason") or "",
            refusal_detail=data.get("refusal_detail") or "",
        )

    def get_success_message(self):
        verb = "approved" if self.result.decision == SiteDecision.APPROVED else "refused"
        return f"{self.site.asset.reference} {verb}."


class ApplicationAssignView(ApplicationMixin, View):
    """Assign the application (to me, another officer of the council, or nobody); POST from the queue or the page."""

    def post(self, request, *args, **kwargs):
        application = self.application
        if not self.is_council:
            raise PermissionDenied("Only the council's officers can assign an application.")
        form = AssignForm(request.POST, officers=council_staff_list(council=application.council), user=request.user)
        back = reverse("applications:queue") if request.POST.get("next") == "queue" else detail_url(application)
        if not form.is_valid():
            messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
            return redirect(back)
        officer = form.chosen_officer()
        try:
            services.application_assign(application=application, officer=officer, by=request.user)
        except REFUSALS as exc:
            messages.error(request, refusal_message(exc))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            who = (
                "you"
                if officer == request.user
                else (officer.get_full_name() or officer.username)
                if officer
                else "nobody"
            )
            messages.success(request, f"{application.reference} is assigned to {who}.")
        return redirect(back)
