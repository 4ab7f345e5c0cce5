"""The organisation's list of applications, and the application page both sides share."""

from django.db.models import Count
from django.shortcuts import redirect
from django.views.generic import ListView, TemplateView

from applications.checks import max_sites
from applications.forms import MessageForm, SiteAddForm
from applications.licences.selectors import licence_list_for_application
from applications.milestones import application_milestones
from applications.models import ENDED_STATUSES, UNASSIGNABLE_STATUSES, Application, ApplicationStatus
from applications.models.workflow import APPLICANT, COUNCIL
from applications.selectors import (
    application_clock,
    application_events_for,
    application_fees,
    application_list_for,
    application_messages_for,
    application_sites_for,
    available_actions,
    document_list_for,
    site_conflicts,
    submission_problems,
)
from portal.views_support import SupplierRequiredMixin

from .base import ApplicationMixin
from .presenters import STATUS_TAGS, action_buttons, awaited, band_labels, submit_error_links, submit_intro

S = ApplicationStatus
PAGE_SIZE = 25


class ApplicationListView(SupplierRequiredMixin, ListView):
    """The organisation's applications, newest first, with what each is waiting for."""

    template_name = "applications/list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "applications"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and (user.is_council_staff or user.is_system_admin):
            return redirect("applications:queue")  # the council's view of applications
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return application_list_for(user=self.request.user).annotate(site_count=Count("sites")).order_by("-updated_at")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for application in context["applications"]:
            application.awaited = awaited(application, as_applicant=True)
            application.status_tag = STATUS_TAGS.get(application.status, "")
        return context


def detail_context(*, user, application: Application, **forms) -> dict:
    """Everything the application page shows to `user` (the selectors scope it).

    `forms` are bound forms to show again with their errors (message_form, site_add_form),
    and `submit_problems` the submission's problems (a dict, as application_submit raises them).
    """
    as_applicant = APPLICANT(application, user)
    as_council = COUNCIL(application, user)
    editable = as_applicant and application.is_editable
    submitted = application.first_submitted_at is not None
    sites = list(application_sites_for(user=user, application=application))
    problems = forms.pop("submit_problems", None) or {}
    readiness = submission_problems(application=application) if editable else {}
    conflicts = site_conflicts(application=application) if (as_council or user.is_system_admin) and submitted else {}
    for site in sites:
        site.problems = problems.get(f"site_{site.pk}", [])
        site.ready = editable and f"site_{site.pk}" not in readiness
        site.conflicts = conflicts.get(site.pk, [])
        site.band_labels = band_labels(site)
    messages = list(application_messages_for(user=user, application=application))
    open_request = None
    if application.status == S.INFORMATION_REQUESTED:
        open_request = next((m for m in reversed(messages) if m.is_information_request), None)
    staff_view = as_council or user.is_system_admin
    return {
        "application": application,
        "status_tag": STATUS_TAGS.get(application.status, ""),
        "awaited": awaited(application, as_applicant=as_applicant, as_council=as_council),
        "as_applicant": as_applicant,
        "as_council": as_council,
        "editable": editable,
        "sites": sites,
        "deciding": as_council and application.status == S.UNDER_REVIEW,
        "undecided_count": sum(1 for s in sites if s.decision == "pending"),
        "problems": problems,
        "problem_count": sum(len(v) for v in problems.values()),
        "submit_errors": submit_error_links(problems, sites),
        "submit_intro": submit_intro(problems),
        "actions": action_buttons(
            application, available_actions(application=application, user=user), as_applicant=as_applicant
        ),
        "may_confirm_installation": as_council
        and application.status == S.INSTALLED
        and application.installation_confirmed_at is None,
        "may_assign": as_council and application.status not in UNASSIGNABLE_STATUSES,
        "milestones": application_milestones(application),
        "events": application_events_for(user=user, application=application),
        "messages_list": messages,
        "open_request": open_request,
        "may_message": (as_applicant or as_council) and application.status != S.DRAFT,
        "message_form": forms.get("message_form") or MessageForm(),
        "site_add_form": forms.get("site_add_form") or SiteAddForm(council=application.council),
        "documents": document_list_for(user=user, application=application),
        "licences": licence_list_for_application(application=application, user=user),
        "may_upload": (as_applicant or as_council)
        and application.status not in ENDED_STATUSES
        and (application.status != S.DRAFT or as_applicant),
        "fees": application_fees(application=application),
        "clock": application_clock(application=application) if staff_view and submitted else None,
        "staff_view": staff_view,
        "max_sites": max_sites(),
    }


class ApplicationDetailView(ApplicationMixin, TemplateView):
    """The application page: status, sites and decisions, fees, documents, messages, timeline, actions."""

    template_name = "applications/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(detail_context(user=self.request.user, application=self.application))
        return context
