"""Sign-up forms: an organisation with its first user, an invitation, and accepting one."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Fluid, Layout, Size
from django import forms

from .form_fields import text, yes_no

# The service's argument names -> the form's fields, for its ValidationErrors.
SERVICE_FIELDS = {"password": "password1"}


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields)
    return helper


class PersonFields(forms.Form):
    first_name = text("First name", max_length=150, required=True, error_messages={"required": "Enter your first name"})
    last_name = text("Last name", max_length=150, required=True, error_messages={"required": "Enter your last name"})
    username = text(
        "Username",
        max_length=150,
        required=True,
        help_text="Letters, digits and @ . + - _ only. You sign in with it.",
        error_messages={"required": "Enter a username"},
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters. Not a common password, not all numbers, not like your name or email.",
        error_messages={"required": "Enter a password"},
    )
    password2 = forms.CharField(
        label="Confirm password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter the password again"},
    )

    def person_layout(self) -> list:
        return [
            Field.text("first_name", field_width=Fluid.ONE_HALF, autocomplete="given-name"),
            Field.text("last_name", field_width=Fluid.ONE_HALF, autocomplete="family-name"),
            Field.text("username", field_width=Fluid.ONE_HALF, autocomplete="username", spellcheck="false"),
            Field.text("password1", field_width=Fluid.ONE_HALF),
            Field.text("password2", field_width=Fluid.ONE_HALF),
        ]

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The passwords do not match")
        return cleaned

    def person(self) -> dict:
        data = self.cleaned_data
        return {
            "username": data["username"],
            "password": data["password1"],
            "first_name": data["first_name"],
            "last_name": data["last_name"],
        }


class OrganisationRegisterForm(PersonFields):
    name = text(
        "Organisation name",
        max_length=200,
        required=True,
        help_text="As registered at Companies House.",
        error_messages={"required": "Enter your organisation's name"},
    )
    companies_house_number = text(
        "Companies House number",
        max_length=12,
        required=True,
        help_text="Eight digits, or two letters and six digits, like SC123456.",
        error_messages={"required": "Enter your Companies House number"},
    )
    is_code_operator = yes_no(
        "Is your organisation an Electronic Communications Code operator?",
        help_text="Code operators are on Ofcom's register under the Communications Act 2003.",
        error_messages={"required": "Say whether your organisation is a Code operator"},
    )
    ofcom_reference = text("Ofcom Code operator reference", max_length=50, help_text="If you answered yes.")
    contact_email = forms.EmailField(
        label="Organisation contact email",
        required=False,
        max_length=254,
        help_text="Optional. A shared mailbox the council can write to.",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Fieldset(
                Field.text("name", field_width=Fluid.TWO_THIRDS, autocomplete="organization"),
                Field.text("companies_house_number", field_width=Fluid.ONE_THIRD),
                # Not a conditional reveal: see applications.forms.review.SiteDecisionForm.
                Field.radios("is_code_operator", inline=True, legend_size=Size.SMALL),
                Field.text("ofcom_reference", field_width=Fluid.ONE_HALF),
                Field.text("contact_email", field_width=Fluid.TWO_THIRDS, autocomplete="email"),
                legend="Your organisation",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                *self.person_layout()[:2],
                Field.text("email", field_width=Fluid.TWO_THIRDS, autocomplete="email"),
                *self.person_layout()[2:],
                legend="You",
                legend_size=Size.MEDIUM,
            ),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_code_operator") and not (cleaned.get("ofcom_reference") or "").strip():
            self.add_error("ofcom_reference", "Enter your Ofcom Code operator reference")
        return cleaned

    def registration(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "companies_house_number": data["companies_house_number"],
            "is_code_operator": data["is_code_operator"],
            "ofcom_reference": data.get("ofcom_reference") or "",
            "contact_email": data.get("contact_email") or "",
            "email": data["email"],
            **self.person(),
        }


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Your colleague's email address",
        max_length=254,
        error_messages={
            "required": "Enter your colleague's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("email", field_width=Fluid.TWO_THIRDS, label_size=Size.SMALL))


class InvitationAcceptForm(PersonFields):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(*self.person_layout())
