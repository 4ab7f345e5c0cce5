"""The applicant's forms: start an application, its details, its sites' equipment, documents."""

import re
from datetime import timedelta
from decimal import Decimal

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Fluid, Layout, Size
from django import forms
from django.utils import timezone

from applications.checks import max_sites
from applications.models import DocumentKind, EquipmentType, FrequencyBand, Technology
from applications.models.application import MAX_TERM_YEARS, MIN_TERM_YEARS
from portal.form_fields import GovDateField, decimal_number, text, whole_number, yes_no
from portal.selectors import council_only
from sites.models import ApplicationType, Asset
from sites.selectors import asset_list

LATEST_START_YEARS = 10
TEXT_LIMIT = 2000
REFERENCE_SPLIT = re.compile(r"[\s,;]+")


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields)
    return helper


class ApplicationDetailsForm(forms.Form):
    """What the application is and when: everything may be left for later except the type."""

    application_type = forms.ChoiceField(
        label="What are you applying for?",
        choices=ApplicationType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what you are applying for",
            "invalid_choice": "Choose what you are applying for",
        },
    )
    proposed_start_date = GovDateField(
        name="Proposed start date",
        required=False,
        help_text="When the licence should start, for example 1 4 2027. You can leave this until you submit.",
    )
    term_years = forms.IntegerField(
        label="Term of the licence (years)",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        min_value=MIN_TERM_YEARS,
        max_value=MAX_TERM_YEARS,
        help_text=f"From {MIN_TERM_YEARS} to {MAX_TERM_YEARS} years.",
        error_messages={
            "invalid": f"Enter the term as a whole number of years, from {MIN_TERM_YEARS} to {MAX_TERM_YEARS}",
            "min_value": f"The term must be at least {MIN_TERM_YEARS} year",
            "max_value": f"The term must be {MAX_TERM_YEARS} years or less",
        },
    )
    description = text(
        "What the installation is for", max_length=TEXT_LIMIT, textarea=True, help_text="Optional. A few lines."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(*self.layout_fields())

    def layout_fields(self) -> list:
        return [
            Field.radios("application_type", legend_size=Size.MEDIUM),
            Field("proposed_start_date", context={"legend_size": "govuk-fieldset__legend--m"}),
            Field.text("term_years", field_width=Fluid.ONE_QUARTER, label_size=Size.MEDIUM),
            Field.textarea("description", label_size=Size.MEDIUM, max_characters=TEXT_LIMIT, rows=4),
        ]

    def clean_proposed_start_date(self):
        start = self.cleaned_data.get("proposed_start_date")
        today = timezone.localdate()
        field = self.fields["proposed_start_date"]
        if start is not None and start < today:
            raise field.whole_date_error("Proposed start date must be today or in the future")
        if start is not None and start > today + timedelta(days=366 * LATEST_START_YEARS):
            raise field.whole_date_error(f"Proposed start date must be within the next {LATEST_START_YEARS} years")
        return start


class ApplicationStartForm(ApplicationDetailsForm):
    """A new draft: the sites chosen in the site finder (hidden `asset` ids) plus any typed references.

    After `is_valid()`, `assets` holds the sites and `council` their council when there is one
    only (applications_create makes one application per council).
    """

    asset = forms.Field(required=False, widget=forms.MultipleHiddenInput)  # ids; clean() checks them
    references = text(
        "Add sites by council reference",
        max_length=5000,
        textarea=True,
        help_text="Optional. The council's reference of each site, like LC000123, separated by commas or new lines.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.assets: list[Asset] = []
        self.council = None

    def layout_fields(self) -> list:
        return [
            Field.textarea("references", label_size=Size.MEDIUM, rows=3),
            *super().layout_fields(),
            Field("asset"),
        ]

    def clean(self):
        cleaned = super().clean()
        raw_ids = cleaned.get("asset") or []
        references = [r for r in REFERENCE_SPLIT.split(cleaned.get("references") or "") if r]
        limit = max_sites()
        if len(set(raw_ids)) + len(set(references)) > limit:
            self.add_error("references", f"An application can name at most {limit} sites")
            return cleaned
        ids = {int(i) for i in raw_ids if str(i).isdigit() and len(str(i)) < 19}
        chosen = list(asset_list().filter(pk__in=ids).order_by("pk"))
        if len(chosen) < len(set(raw_ids)):
            self.add_error("references", "Some of the sites you chose are no longer in the register. Choose them again")
        councils = {asset.council for asset in chosen}
        # Typed references are looked up in the chosen sites' council, or in every council.
        council = next(iter(councils)) if len(councils) == 1 else None if councils else council_only()
        found, ambiguous = _by_reference(council, references)
        unknown = [r for r in references if r.upper() not in found and r.upper() not in ambiguous]
        if unknown:
            where = f"{council.name}'s register" if council else "any council's register"
            self.add_error(
                "references", f"{', '.join(unknown[:10])} {'is' if len(unknown) == 1 else 'are'} not in {where}"
            )
        for reference, names in list(ambiguous.items())[:10]:
            self.add_error(
                "references",
                f"{reference} is in the registers of {' and '.join(names)}: choose it in the site finder instead",
            )
        assets = list({a.pk: a for a in [*chosen, *found.values()]}.values())
        if not assets and not self.errors:
            self.add_error("references", "Choose at least one site: enter its council reference")
        self.assets = assets
        self.council = assets[0].council if len({a.council_id for a in assets}) == 1 else None
        return cleaned


def _by_reference(council, references: list[str]) -> tuple[dict[str, Asset], dict[str, list[str]]]:
    """Assets with these references (any case), keyed by upper-case reference, in `council`
    or (None) in every council; and the references found in more than one council, with their names."""
    if not references:
        return {}, {}
    wanted = {r.upper() for r in references}
    scope = asset_list(council=council).select_related("council")
    rows = list(scope.filter(reference__in=wanted | set(references)))
    for missing in wanted - {a.reference.upper() for a in rows}:
        rows += list(scope.filter(reference__iexact=missing)[:2])
    found: dict[str, Asset] = {}
    councils: dict[str, set[str]] = {}
    for asset in rows:
        key = asset.reference.upper()
        found.setdefault(key, asset)
        councils.setdefault(key, set()).add(asset.council.name)
    ambiguous = {key: sorted(names) for key, names in councils.items() if len(names) > 1}
    return {k: v for k, v in found.items() if k not in ambiguous}, ambiguous


class SiteAddForm(forms.Form):
    """One more site for a draft, by its council reference (in the application's council)."""

    reference = text(
        "Council reference",
        max_length=50,
        required=True,
        error_messages={"required": "Enter the council reference of the site, like LC000123"},
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.asset: Asset | None = None
        self.helper = _helper(Field.text("reference", field_width=Fluid.ONE_THIRD))

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        asset = _by_reference(self.council, [reference])[0].get(reference.upper())
        if asset is None:
            raise forms.ValidationError(f"{reference} is not in {self.council.name}'s register")
        self.asset = asset
        return reference


class EquipmentForm(forms.Form):
    """The equipment for one site. Everything may be left blank in a draft; submitting says what is missing."""

    equipment_type = forms.ChoiceField(
        label="Equipment type",
        required=False,
        choices=[("", "Choose the equipment type"), *EquipmentType.choices],
        error_messages={"invalid_choice": "Choose the equipment type from the list"},
    )
    technology = forms.ChoiceField(
        label="Technology",
        required=False,
        choices=[("", "Choose the technology"), *Technology.choices],
        error_messages={"invalid_choice": "Choose the technology from the list"},
        help_text="Shown to the public once the site is approved.",
    )
    make_model = text("Make and model", max_length=200, help_text="For example, Ericsson Radio 4408.")
    height_mm = whole_number("Height", "mm", minimum=1, maximum=100_000, example="450")
    width_mm = whole_number("Width", "mm", minimum=1, maximum=100_000, example="300")
    depth_mm = whole_number("Depth", "mm", minimum=1, maximum=100_000, example="150")
    weight_kg = decimal_number(
        "Weight", "kg", minimum=Decimal("0.1"), maximum=Decimal("99999.9"), places=1, digits=6, example="12.5"
    )
    power_draw_w = whole_number("Power draw", "W", minimum=0, maximum=1_000_000, example="180")
    frequency_bands = forms.MultipleChoiceField(
        label="Frequency bands",
        required=False,
        choices=FrequencyBand.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={"invalid_choice": "Choose frequency bands from the list"},
    )
    mounting_height_m = decimal_number(
        "Mounting height", "m", minimum=Decimal("0"), maximum=Decimal("300"), places=2, digits=5, example="6.5"
    )
    cabinet_needed = yes_no("Is a ground cabinet needed?", required=False, empty_value=False)
    notes = text("Notes for the council", max_length=TEXT_LIMIT, textarea=True, help_text="Optional.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.select("equipment_type"),
            Field.select("technology"),
            Field.text("make_model", field_width=Fluid.TWO_THIRDS),
            Fieldset(
                Field.text("height_mm", field_width=Fluid.ONE_QUARTER),
                Field.text("width_mm", field_width=Fluid.ONE_QUARTER),
                Field.text("depth_mm", field_width=Fluid.ONE_QUARTER),
                legend="Dimensions",
                legend_size=Size.SMALL,
            ),
            Field.text("weight_kg", field_width=Fluid.ONE_QUARTER),
            Field.text("power_draw_w", field_width=Fluid.ONE_QUARTER),
            Field.checkboxes("frequency_bands", small=True, legend_size=Size.SMALL),
            Field.text("mounting_height_m", field_width=Fluid.ONE_QUARTER),
            Field.radios("cabinet_needed", inline=True, legend_size=Size.SMALL),
            Field.textarea("notes", max_characters=TEXT_LIMIT),
        )

    @classmethod
    def initial_for(cls, site) -> dict:
        initial = {name: getattr(site, name) for name in cls.base_fields}
        initial["cabinet_needed"] = "yes" if site.cabinet_needed else "no"
        return initial

    def equipment(self) -> dict:
        """The cleaned values as the service's keyword arguments (blank text is "", blank numbers None)."""
        data = dict(self.cleaned_data)
        data["cabinet_needed"] = bool(data.get("cabinet_needed"))
        data["frequency_bands"] = list(data.get("frequency_bands") or [])
        return data


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is this document?",
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of document this is"},
    )
    site = forms.ModelChoiceField(
        label="Which site is it for?",
        queryset=None,
        required=False,
        empty_label="The whole application",
        error_messages={"invalid_choice": "Choose a site of this application"},
    )
    file = forms.FileField(
        label="Upload a file",
        help_text="A PDF, PNG or JPEG.",
        error_messages={
            "required": "Select a file to upload",
            "empty": "The selected file is empty.",
            "invalid": "Select a file to upload",
        },
    )

    def __init__(self, *args, sites, max_megabytes: float, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["site"].label_from_instance = lambda site: f"{site.asset.reference} {site.asset.name}".strip()
        self.fields["file"].help_text = f"A PDF, PNG or JPEG, smaller than {max_megabytes:g} MB."
        self.helper = _helper(
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.select("site"),
            Field("file"),
        )
