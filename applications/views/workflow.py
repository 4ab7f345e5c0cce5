"""The pages that move an application on: one page per transition, each a form around one service call.

Each page checks the side first (403 for the wrong side), shows why the action is not
possible now when the state does not allow it, and otherwise takes the comment,
reasons or message the transition carries.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views import View

from applications import services
from applications.forms import CommentForm, MessageForm, WithdrawForm
from applications.forms.installation import GoLiveForm, InstallationReportForm
from applications.links import detail_url
from applications.models import ApplicationStatus
from applications.selectors import application_messages_for, application_sites_for
from applications.transitions import SPECS, TransitionNotAllowed, party_refusal, transition_check
from portal.views_support import errors_onto

from .base import REFUSALS, ApplicationMixin, ServiceFormView, refusal_message
from .detail import detail_context

S = ApplicationStatus


class TransitionFormView(ServiceFormView):
    """A transition's page: the side's check, the reason it cannot happen now (if so), the comment form."""

    template_name = "applications/transition.html"
    form_class = CommentForm
    action = ""
    title = ""
    button = ""
    comment_label = "Comment (optional)"
    comment_hint = ""
    intro = ""
    button_style = ""

    def guard(self):
        spec = SPECS[self.action]
        if not spec.party(self.application, self.request.user):
            raise party_refusal(spec)

    def refusal(self) -> str:
        """Why the action cannot be made now ("" when it can)."""
        try:
            transition_check(application=self.application, action=self.action, by=self.request.user, comment="-")
        except TransitionNotAllowed as exc:
            return str(exc)
        return ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(label=self.comment_label, hint=self.comment_hint, required=SPECS[self.action].comment_required)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title,
            button=self.button,
            button_style=self.button_style,
            intro=self.intro,
            refusal=self.refusal() if self.request.method == "GET" else "",
            back_url=detail_url(self.application),
        )
        return context

    def comment(self, form) -> str:
        return form.cleaned_data.get("comment") or ""


class ApplicationStartReviewView(TransitionFormView):
    action = "start_review"
    title = "Start the review"
    button = "Start the review"
    intro = (
        "The application is complete: the review of each site starts, and the review clock with it. "
        "You will be assigned the application if nobody is."
    )
    success_message = "Review started."

    def perform(self, form):
        return services.application_start_review(
            application=self.application, by=self.request.user, comment=self.comment(form)
        )


class ApplicationReturnView(TransitionFormView):
    action = "return_incomplete"
    title = "Return as incomplete"
    button = "Return the application"
    comment_label = "What is missing or wrong?"
    comment_hint = "The applicant sees this and can amend the application and submit it again."
    success_message = "The application has been returned to the applicant."

    def perform(self, form):
        return services.application_return(
            application=self.application, by=self.request.user, reasons=self.comment(form)
        )


class ApplicationRequestInformationView(TransitionFormView):
    action = "request_information"
    title = "Request information"
    button = "Send the request"
    comment_label = "What information do you need?"
    comment_hint = "The review clock pauses until the applicant answers."
    success_message = "Your request has been sent. The review clock is paused until the applicant answers."

    def perform(self, form):
        return services.application_request_information(
            application=self.application, by=self.request.user, message=self.comment(form)
        )


class ApplicationAnswerView(TransitionFormView):
    template_name = "applications/answer.html"
    action = "answer"
    title = "Answer the council's request"
    button = "Send your answer"
    comment_label = "Your answer"
    comment_hint = "You can add documents on the application page after you answer."
    success_message = "Your answer has been sent. The council's review continues."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        requests = application_messages_for(user=self.request.user, application=self.application)
        context["open_request"] = requests.filter(is_information_request=True).last()
        return context

    def perform(self, form):
        return services.application_answer(
            application=self.application, by=self.request.user, message=self.comment(form)
        )


class ApplicationDecideView(TransitionFormView):
    template_name = "applications/decide.html"
    action = "decide"
    title = "Record the decision"
    button = "Record the decision"
    comment_label = "Note to the applicant (optional)"
    success_message = "The decision has been recorded and the applicant told."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sites = list(application_sites_for(user=self.request.user, application=self.application))
        context["sites"] = sites
        context["approved_count"] = sum(1 for s in sites if s.decision == "approved")
        return context

    def perform(self, form):
        return services.application_decide(
            application=self.application, by=self.request.user, comment=self.comment(form)
        )


class ApplicationIssueLicenceView(TransitionFormView):
    action = "issue_licence"
    title = "Issue the licence"
    button = "Issue the licence"
    intro = "The licence is made for the approved sites and the applicant is told. A licence never changes once issued."
    success_message = "The licence has been issued."

    def perform(self, form):
        return services.application_issue_licence(
            application=self.application, by=self.request.user, comment=self.comment(form)
        )


class ApplicationReportInstalledView(TransitionFormView):
    """The installation date and photographs (stored as documents of kind photo) with the report."""

    template_name = "applications/installation.html"
    form_class = InstallationReportForm
    action = "report_installed"
    title = "Report the installation"
    button = "Report the installation"
    comment_label = "Anything the council should know (optional)"
    intro = (
        "Tell the council the equipment is installed. An officer confirms it before the service can go live. "
        "The installation date shows on the public rollout map."
    )
    success_message = "The installation has been recorded."

    def perform(self, form):
        return services.application_report_installed(
            application=self.application,
            by=self.request.user,
            comment=self.comment(form),
            installed_on=form.cleaned_data["installed_on"],
            photos=form.cleaned_data["photos"],
        )


class ApplicationGoLiveView(TransitionFormView):
    template_name = "applications/installation.html"
    form_class = GoLiveForm
    action = "go_live"
    title = "Report the service live"
    button = "Report it live"
    intro = "The service is on air or lit. It then shows as live, from this date, on the public rollout map."
    success_message = "The application is live."

    def perform(self, form):
        return services.application_go_live(
            application=self.application,
            by=self.request.user,
            comment=self.comment(form),
            live_on=form.cleaned_data["live_on"],
        )


class ApplicationConfirmInstallationView(TransitionFormView):
    """Not a transition: an officer confirms the installation the supplier reported."""

    action = "report_installed"  # for the form's wording only; the checks are below
    title = "Confirm the installation"
    button = "Confirm the installation"
    intro = "You have checked the equipment is installed as licensed. The applicant can then report it live."
    success_message = "The installation has been confirmed."

    def guard(self):
        self.require_council()

    def refusal(self) -> str:
        if self.application.status != S.INSTALLED:
            return "You can confirm an installation only once it has been reported."
        if self.application.installation_confirmed_at is not None:
            return "The installation has already been confirmed."
        return ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["required"] = None
        return kwargs

    def perform(self, form):
        return services.application_confirm_installation(
            application=self.application, by=self.request.user, comment=self.comment(form)
        )


class ApplicationWithdrawView(TransitionFormView):
    """The reason, then a confirmation page, then the withdrawal."""

    template_name = "applications/withdraw.html"
    form_class = WithdrawForm
    action = "withdraw"
    title = "Withdraw the application"
    button = "Continue"
    success_message = "The application has been withdrawn."

    def get_form_kwargs(self):
        return ServiceFormView.get_form_kwargs(self)

    def form_valid(self, form):
        if not form.cleaned_data.get("confirmed"):
            context = self.get_context_data(form=form, confirming=True, reason=form.cleaned_data["reason"])
            return self.render_to_response(context)
        return super().form_valid(form)

    def perform(self, form):
        return services.application_withdraw(
            application=self.application, by=self.request.user, reason=form.cleaned_data["reason"]
        )


class ApplicationMessageSendView(ApplicationMixin, View):
    """A message to the other side (the form is on the application page)."""

    def post(self, request, *args, **kwargs):
        application = self.application
        if not (self.is_applicant or self.is_council):
            raise PermissionDenied("Only the applicant organisation or the council's officers can send messages.")
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                services.application_message_send(
                    application=application, by=request.user, body=form.cleaned_data["body"]
                )
            except REFUSALS as exc:
                form.add_error(None, refusal_message(exc))
            except ValidationError as exc:
                errors_onto(form, exc)
            else:
                messages.success(request, "Your message has been sent.")
                return redirect(detail_url(application))
        context = detail_context(user=request.user, application=application, message_form=form)
        return render(request, "applications/detail.html", context)
