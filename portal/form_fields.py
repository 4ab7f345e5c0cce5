"""Form fields with GOV.UK markup and plain-English messages."""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator


class GovDateField(DateInputField):
    """A GOV.UK date input (day, month, year) whose messages name the date, e.g. "Proposed start date".

    Each missing part is its own error ("Proposed start date must include a month"); a
    date that does not exist (31 2 2027, letters, a six-digit year) is "must be a real date".
    """

    def __init__(self, *, name: str, **kwargs):
        real = f"{name} must be a real date"
        digits = RegexValidator(r"^[0-9]{1,4}$", real)
        parts = (("day", "a day"), ("month", "a month"), ("year", "a year"))
        fields = tuple(
            forms.CharField(
                label=part.capitalize(),
                max_length=4,
                error_messages={"incomplete": f"{name} must include {what}", "max_length": real},
                validators=[digits],
            )
            for part, what in parts
        )
        forms.MultiValueField.__init__(
            self,
            fields=fields,
            require_all_fields=False,
            error_messages={"required": f"Enter the {name.lower()}", "incomplete": f"Enter the {name.lower()}"},
            **kwargs,
        )
        self.real_message = real

    def compress(self, data_list):
        if not data_list or not all(data_list):
            return None
        day, month, year = data_list
        try:
            return date(day=int(day), month=int(month), year=int(year))
        except (ValueError, OverflowError) as exc:
            raise self.whole_date_error(self.real_message) from exc

    def whole_date_error(self, message: str) -> ValidationError:
        """An error about the whole date, shown on it and linked (in the error summary) to the day input."""
        errors = getattr(self.fields[0].widget, "errors", None)
        if errors is None:
            self.fields[0].widget.errors = errors = []
        if message not in errors:
            errors.append(message)
        return ValidationError(message)


def whole_number(label: str, unit: str, *, minimum: int, maximum: int, example: str, **kwargs) -> forms.IntegerField:
    """An optional whole number with messages naming the quantity and its unit."""
    return forms.IntegerField(
        label=f"{label} ({unit})",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        min_value=minimum,
        max_value=maximum,
        error_messages={
            "invalid": f"Enter the {label.lower()} in {unit} as a whole number, like {example}",
            "min_value": f"{label} must be at least {minimum:,} {unit}",
            "max_value": f"{label} must be {maximum:,} {unit} or less",
        },
        **kwargs,
    )


def decimal_number(
    label: str, unit: str, *, minimum, maximum, places: int, digits: int, example: str, **kwargs
) -> forms.DecimalField:
    """An optional decimal with messages naming the quantity and its unit."""
    return forms.DecimalField(
        label=f"{label} ({unit})",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        min_value=minimum,
        max_value=maximum,
        max_digits=digits,
        decimal_places=places,
        error_messages={
            "invalid": f"Enter the {label.lower()} in {unit}, like {example}",
            "min_value": f"{label} must be at least {minimum} {unit}",
            "max_value": f"{label} must be {maximum:,} {unit} or less",
            "max_digits": f"{label} must be {maximum:,} {unit} or less",
            "max_whole_digits": f"{label} must be {maximum:,} {unit} or less",
            "max_decimal_places": f"{label} can have at most {places} decimal place{'s' if places != 1 else ''}",
        },
        **kwargs,
    )


def text(label: str, *, max_length: int, required: bool = False, textarea: bool = False, **kwargs) -> forms.CharField:
    """Text with a plain-English message when it is too long (and when missing, if required)."""
    messages = {"max_length": f"{label} must be {max_length:,} characters or fewer"}
    messages.update(kwargs.pop("error_messages", {}))
    widget = forms.Textarea(attrs={"rows": 4}) if textarea else None
    return forms.CharField(
        label=label, max_length=max_length, required=required, error_messages=messages, widget=widget, **kwargs
    )


YES_NO = [("yes", "Yes"), ("no", "No")]


def yes_no(label: str, **kwargs) -> forms.TypedChoiceField:
    """Yes or No radios, cleaned to a bool."""
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        **kwargs,
    )
