"""Forms for reporting an installation (its date and photographs) and the service going live (its date).

A date left empty means today (the services' default).

Shape only: the services check the dates against the licence and the installation,
and the photographs by content (PNG or JPEG, size), and say why in plain English.
"""

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.form_fields import GovDateField

from .review import CommentForm, _helper

MAX_PHOTOS = 10


class ClearableFileInput(forms.ClearableFileInput):
    """A file input that takes several files. Named like Django's, which crispy-forms-gds styles by
    class name (govuk-file-upload)."""

    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to MAX_PHOTOS files from one <input type="file" multiple>, as a list (empty when none)."""

    widget = ClearableFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_PHOTOS:
            raise ValidationError(f"Select up to {MAX_PHOTOS} photographs at a time")
        return [super(PhotosField, self).clean(f, initial) for f in files]


def _not_in_future(field: GovDateField, day, words: str):
    if day is not None and day > timezone.localdate():
        raise field.whole_date_error(f"{words} must be today or in the past")
    return day


class InstallationReportForm(CommentForm):
    """The day the equipment was installed, photographs of it, and a comment."""

    installed_on = GovDateField(
        name="Installation date",
        label="Installation date",
        required=False,
        help_text="The day the equipment was installed, for example 14 3 2027. Leave it empty if it was today.",
    )
    photos = PhotosField(
        label="Photographs of the installation (optional)",
        required=False,
        help_text=f"PNG or JPEG, up to {MAX_PHOTOS} at a time. They are added to the application's documents.",
        error_messages={"empty": "A selected photograph is empty", "invalid": "Select the photographs again"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("installed_on", context={"legend_size": "govuk-fieldset__legend--m"}),
            Field("photos"),
            Field.textarea("comment", label_size=Size.MEDIUM, label_tag="h2", rows=4),
        )

    def clean_installed_on(self):
        day = self.cleaned_data.get("installed_on")
        return _not_in_future(self.fields["installed_on"], day, "Installation date")


class GoLiveForm(CommentForm):
    """The day the service went live, and a comment."""

    live_on = GovDateField(
        name="Date the service went live",
        label="Date the service went live",
        required=False,
        help_text="The day the service went on air or was lit, for example 2 4 2027. Leave it empty if it was today.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("live_on", context={"legend_size": "govuk-fieldset__legend--m"}),
            Field.textarea("comment", label_size=Size.MEDIUM, label_tag="h2", rows=4),
        )

    def clean_live_on(self):
        day = self.cleaned_data.get("live_on")
        return _not_in_future(self.fields["live_on"], day, "Date the service went live")
