"""Forms for moving an application on: comments and reasons, site decisions, messages, the queue's filters."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from applications.models import OPEN_STATUSES, ApplicationStatus, RefusalReason, SiteDecision
from portal.form_fields import text
from sites.models import ApplicationType

MESSAGE_LIMIT = 5000


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields)
    return helper


class CommentForm(forms.Form):
    """The comment, reasons or message a transition carries; required when the workflow says so."""

    comment = text("Comment", max_length=MESSAGE_LIMIT, textarea=True)

    def __init__(self, *args, label: str, hint: str = "", required: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["comment"]
        field.label = label
        field.help_text = hint
        field.required = bool(required)
        field.error_messages["max_length"] = f"{label} must be {MESSAGE_LIMIT:,} characters or fewer"
        if required:
            field.error_messages["required"] = required.rstrip(".")
        self.helper = _helper(Field.textarea("comment", label_size=Size.MEDIUM, label_tag="h2", rows=6))


class WithdrawForm(forms.Form):
    """The reason (required), then a confirmation page before anything changes."""

    reason = text(
        "Why are you withdrawing the application?",
        max_length=MESSAGE_LIMIT,
        textarea=True,
        required=True,
        error_messages={"required": "Enter why you are withdrawing the application"},
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("reason", label_size=Size.MEDIUM, label_tag="h2", rows=5))


class MessageForm(forms.Form):
    body = text(
        "Send a message",
        max_length=MESSAGE_LIMIT,
        textarea=True,
        required=True,
        error_messages={"required": "Enter your message"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("body", label_size=Size.SMALL, rows=4))


class SiteDecisionForm(forms.Form):
    """Approve with conditions, or refuse with a reason from the list (and details)."""

    decision = forms.ChoiceField(
        label="Your decision on this site",
        choices=[(SiteDecision.APPROVED, "Approve"), (SiteDecision.REFUSED, "Refuse")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether to approve or refuse the site",
            "invalid_choice": "Choose whether to approve or refuse the site",
        },
    )
    conditions = text(
        "Conditions of approval",
        max_length=MESSAGE_LIMIT,
        textarea=True,
        help_text="If you approve: optional, one per line.",
    )
    refusal_reason = forms.ChoiceField(
        label="Reason for refusing",
        help_text="If you refuse.",
        required=False,
        choices=[("", "Choose a reason"), *RefusalReason.choices],
        error_messages={"invalid_choice": "Choose the reason for refusing the site"},
    )
    refusal_detail = text(
        "Details of the refusal",
        max_length=MESSAGE_LIMIT,
        textarea=True,
        help_text="If you refuse: what the applicant should know. Needed when the reason is another one.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Plain radios, not a conditional reveal: GOV.UK Frontend's reveal puts aria-expanded on the
        # radios, which axe-core reports as a critical error (alphagov/govuk-frontend#979).
        self.helper = _helper(
            Field.radios("decision", legend_size=Size.MEDIUM),
            Field.textarea("conditions", rows=4),
            Field.select("refusal_reason"),
            Field.textarea("refusal_detail", rows=4),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == SiteDecision.REFUSED:
            reason = cleaned.get("refusal_reason")
            if not reason:
                self.add_error("refusal_reason", "Choose the reason for refusing the site")
            elif reason == RefusalReason.OTHER and not (cleaned.get("refusal_detail") or "").strip():
                self.add_error("refusal_detail", "Explain the reason for refusing the site")
        return cleaned


class AssignForm(forms.Form):
    """Who handles the application: "me", an officer of the council (by id), or nobody ("")."""

    officer = forms.ChoiceField(label="Assign to", required=False)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, officers, user, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("me", "Me"), ("", "Nobody")]
        choices += [(str(o.pk), o.get_full_name() or o.username) for o in officers if o.pk != user.pk]
        self.fields["officer"].choices = choices
        self.fields["officer"].error_messages["invalid_choice"] = "Choose an officer of this council"
        self.officers = {str(o.pk): o for o in officers}
        self.user = user

    def chosen_officer(self):
        value = self.cleaned_data.get("officer")
        if value == "me":
            return self.user
        return self.officers.get(value) if value else None


DUE_CHOICES = [("", "Any"), ("overdue", "Overdue"), ("due_soon", "Due in 3 working days"), ("paused", "Paused")]


class QueueFilterForm(forms.Form):
    """The officer queue's filters (GET). Unknown values are errors, and that filter is ignored."""

    status = forms.ChoiceField(label="Status", required=False)
    application_type = forms.ChoiceField(label="Type", required=False, choices=[("", "Any"), *ApplicationType.choices])
    organisation = forms.ModelChoiceField(label="Organisation", queryset=None, required=False, empty_label="Any")
    ward = forms.ModelChoiceField(label="Ward", queryset=None, required=False, empty_label="Any")
    assignee = forms.ChoiceField(label="Assigned to", required=False)
    due = forms.ChoiceField(label="Due", required=False, choices=DUE_CHOICES)

    def __init__(self, *args, organisations, wards, officers, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ApplicationStatus.choices)
        self.fields["status"].choices = [("", "Any open"), *[(s.value, labels[s]) for s in OPEN_STATUSES]]
        self.fields["organisation"].queryset = organisations
        self.fields["ward"].queryset = wards
        self.fields["assignee"].choices = [
            ("", "Anyone"),
            ("me", "Me"),
            ("unassigned", "Nobody"),
            *[(str(o.pk), o.get_full_name() or o.username) for o in officers],
        ]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = f"Choose a {field.label.lower()} from the list"
        self.helper = _helper()  # the page lays the filters out itself; the helper serves the error summary

    def filters(self) -> dict:
        """The valid filters as application_queue's keyword arguments."""
        data = self.cleaned_data if self.is_bound else {}
        return {
            "status": data.get("status") or None,
            "application_type": data.get("application_type") or None,
            "organisation": data.get("organisation"),
            "ward": data.get("ward"),
            "assignee": data.get("assignee") or None,
            "due": data.get("due") or None,
        }
