"""What every application page shares: who may see the application, and turning a service's refusal into form errors.

Rules of the pages:
- Signed out: redirected to sign in.
- An application, document, message or notification the person may not see is a 404
  (the same as one that does not exist, so nobody learns what exists).
- One they may see but whose action is the other side's (or another role's) is a 403.
- A refusal by the workflow (TransitionNotAllowed) or bad input (ValidationError) is
  the page again with the message as an error, never a 500.
"""

import django_fsm
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView

from applications.links import detail_url  # also for views/drafting.py, which imports it from here
from applications.models import Application
from applications.models.workflow import APPLICANT, COUNCIL
from applications.selectors import application_list_for
from portal.refusals import Need, Refused
from portal.views_support import errors_onto

CHANGED_MEANWHILE = "This application has changed since you opened it. Reload the page and try again."
# The workflow's refusals: the state (or a condition) does not allow the action, or someone else moved first.
REFUSALS = (django_fsm.TransitionNotAllowed, django_fsm.ConcurrentTransition)


def refusal_message(exc: Exception) -> str:
    if isinstance(exc, django_fsm.ConcurrentTransition):
        return CHANGED_MEANWHILE
    return str(exc) or CHANGED_MEANWHILE


def safe_url(request, target: str, fallback: str) -> str:
    """`target` when it is an address on this site, else the fallback."""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return target
    return fallback


class ApplicationMixin(LoginRequiredMixin):
    """The application named in the URL, if the person may see it (else 404)."""

    @cached_property
    def application(self) -> Application:
        visible = application_list_for(user=self.request.user)
        return get_object_or_404(visible, reference=self.kwargs["reference"])

    @property
    def is_applicant(self) -> bool:
        return APPLICANT(self.application, self.request.user)

    @property
    def is_council(self) -> bool:
        return COUNCIL(self.application, self.request.user)

    def require_applicant(self) -> None:
        if not self.is_applicant:
            raise Refused("Only the applicant organisation can do this.", needs=Need.APPLICANT)

    def require_council(self) -> None:
        if not self.is_council:
            raise Refused("Only the council's officers can do this.", needs=Need.COUNCIL_OFFICER)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("application", self.application)
        return super().get_context_data(**kwargs)


class ServiceFormView(ApplicationMixin, FormView):
    """GET shows the form; a valid POST makes ONE service call (`perform`), then redirects with a message.

    `guard()` runs first on every request (the permission check). Refusals come back
    as form errors; PermissionDenied is a 403.
    """

    success_message = ""
    service_fields: dict[str, str] = {}  # service error keys -> form fields

    def guard(self) -> None:
        """Raise PermissionDenied when the person may not use this page at all."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.guard()
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form):
        raise NotImplementedError

    def get_success_message(self) -> str:
        return self.success_message

    def get_success_url(self) -> str:
        return detail_url(self.application)

    def form_valid(self, form):
        try:
            self.result = self.perform(form)
        except REFUSALS as exc:
            form.add_error(None, refusal_message(exc))
            return self.form_invalid(form)
        except ValidationError as exc:
            errors_onto(form, exc, self.service_fields)
            return self.form_invalid(form)
        message = self.get_success_message()
        if message:
            messages.success(self.request, message)
        return redirect(self.get_success_url())
