"""Supplier sign-up, the organisation's page and invitations, and the council's verification of organisations."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import dateformat
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from . import accounts
from .account_forms import SERVICE_FIELDS, InvitationAcceptForm, InviteForm, OrganisationRegisterForm
from .services import organisation_verify
from .views_support import StaffRequiredMixin, SupplierRequiredMixin, errors_onto

SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


class SignedOutOnlyMixin:
    """Signing up is for people without an account: the signed-in go to the home page."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            messages.info(request, "You are already signed in.")
            return redirect("pages:home")
        return super().dispatch(request, *args, **kwargs)


class OrganisationRegisterView(SignedOutOnlyMixin, FormView):
    """A new organisation and its first user, its account manager; unverified until the council checks it."""

    template_name = "accounts/register.html"
    form_class = OrganisationRegisterForm

    def form_valid(self, form):
        try:
            user = accounts.organisation_register(**form.registration())
        except ValidationError as exc:
            errors_onto(form, exc, SERVICE_FIELDS)
            return self.form_invalid(form)
        login(self.request, user, backend=SIGN_IN_BACKEND)
        messages.success(
            self.request,
            f"{user.organisation.name} is registered. You can find sites and draft applications now; "
            "you can submit them once the council has verified your organisation.",
        )
        return redirect("accounts:organisation")


class OrganisationDetailView(SupplierRequiredMixin, TemplateView):
    """The supplier's organisation: its details, whether it is verified, its people; account managers invite."""

    template_name = "accounts/organisation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            organisation=user.organisation,
            members=accounts.organisation_members_list(organisation=user.organisation, user=user),
            invite_form=kwargs.get("invite_form") or InviteForm(),
            may_invite=user.is_organisation_admin,
        )
        return context


class OrganisationInviteView(SupplierRequiredMixin, View):
    """An account manager invites a colleague by email (POST from the organisation page)."""

    def post(self, request, *args, **kwargs):
        form = InviteForm(request.POST)
        if form.is_valid():
            try:
                invitation = accounts.organisation_invite(
                    organisation=request.user.organisation, email=form.cleaned_data["email"], by=request.user
                )
            except ValidationError as exc:
                errors_onto(form, exc)
            else:
                messages.success(
                    request,
                    f"We have emailed an invitation to {invitation.email}. "
                    f"The link works until {dateformat.format(invitation.expires_at, 'j F Y')}.",
                )
                return redirect("accounts:organisation")
        view = OrganisationDetailView(request=request, args=args, kwargs=kwargs)
        return view.render_to_response(view.get_context_data(invite_form=form))


class InvitationAcceptView(SignedOutOnlyMixin, FormView):
    """The invitee chooses a username and password and joins the organisation (a bad or used link: 404)."""

    template_name = "accounts/invitation.html"
    form_class = InvitationAcceptForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            try:
                self.invitation = accounts.invitation_read(token=kwargs["token"])
            except ValidationError as exc:
                response = self.response_class(
                    request=request,
                    template="accounts/invitation_invalid.html",
                    context={"reason": " ".join(exc.messages)},
                    status=404,
                )
                return response
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs["invitation"] = self.invitation
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            user = accounts.invitation_accept(token=self.kwargs["token"], **form.person())
        except ValidationError as exc:
            errors_onto(form, exc, SERVICE_FIELDS)
            return self.form_invalid(form)
        login(self.request, user, backend=SIGN_IN_BACKEND)
        messages.success(self.request, f"Welcome to {user.organisation.name} on the Telecoms Site Portal.")
        return redirect("pages:home")


class OrganisationVerificationListView(StaffRequiredMixin, ListView):
    """Organisations waiting for the council to verify them, oldest first."""

    template_name = "accounts/unverified.html"
    context_object_name = "organisations"
    paginate_by = 50

    def get_queryset(self):
        return accounts.organisation_unverified_list(user=self.request.user)


class OrganisationVerifyView(StaffRequiredMixin, View):
    def post(self, request, *args, **kwargs):
        organisation = get_object_or_404(accounts.organisation_unverified_list(user=request.user), pk=kwargs["pk"])
        organisation_verify(organisation=organisation, by=request.user)
        messages.success(request, f"{organisation.name} is verified: its users can now submit applications.")
        return redirect("accounts:unverified")
