"""The rollout's filters (GET, so a filtered map is a bookmarkable address).

    ?status=installed&status=live&technology=5g&operator=12&ward=S13002967

`status` and `technology` may repeat; `operator` is an organisation's number and `ward`
an ONS ward code. A value not in the lists is a plain-English error on the form and
that filter is ignored (never a 500); the open-data downloads and the map's GeoJSON
answer 400 with the same messages.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.http import Http404

from applications.models import Technology
from applications.public import PublicStatus, public_summary_for
from portal.models import Council
from portal.selectors import council_default
from sites.models import Ward


@dataclass(frozen=True)
class RolloutFilters:
    """The valid filters, as public_sites() keyword arguments and as a query string."""

    statuses: list[str] = field(default_factory=list)
    technologies: list[str] = field(default_factory=list)
    operator: int | None = None
    ward_code: str = ""
    ward_id: int | None = None

    def selectors(self) -> dict:
        return {
            "statuses": self.statuses,
            "technologies": self.technologies,
            "operator": self.operator,
            "ward": self.ward_id,
        }

    def query(self) -> str:
        pairs = [("status", s) for s in self.statuses] + [("technology", t) for t in self.technologies]
        if self.operator is not None:
            pairs.append(("operator", self.operator))
        if self.ward_code:
            pairs.append(("ward", self.ward_code))
        return urlencode(pairs)

    @property
    def active(self) -> bool:
        return bool(self.statuses or self.technologies or self.operator is not None or self.ward_code)


class RolloutFilterForm(forms.Form):
    status = forms.MultipleChoiceField(
        label="Status",
        required=False,
        choices=PublicStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose a status from the list", "invalid_list": "Choose a status"},
    )
    technology = forms.MultipleChoiceField(
        label="Technology",
        required=False,
        choices=Technology.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose a technology from the list", "invalid_list": "Choose a technology"},
    )
    operator = forms.TypedChoiceField(
        label="Operator",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Choose an operator from the list"},
    )
    ward = forms.ChoiceField(
        label="Ward", required=False, error_messages={"invalid_choice": "Choose a ward from the list"}
    )

    def __init__(self, *args, operators: list[tuple[int, str]], wards: list[tuple[int, str, str]], **kwargs):
        """`operators`: (pk, name) of organisations with public sites; `wards`: (pk, code, name)."""
        super().__init__(*args, **kwargs)
        self.fields["operator"].choices = [("", "Any operator"), *[(str(pk), name) for pk, name in operators]]
        self.fields["ward"].choices = [("", "All wards"), *[(code, name) for _, code, name in wards]]
        self._ward_ids = {code: pk for pk, code, _ in wards}

    def filters(self) -> RolloutFilters:
        """The filters that are valid (an invalid one is left out; is_valid() reports it)."""
        if not self.is_bound:
            return RolloutFilters()
        self.is_valid()
        data = self.cleaned_data
        ward_code = data.get("ward") or ""
        return RolloutFilters(
            statuses=list(data.get("status") or []),
            technologies=list(data.get("technology") or []),
            operator=data.get("operator"),
            ward_code=ward_code,
            ward_id=self._ward_ids.get(ward_code),
        )

    def error_dict(self) -> dict[str, list[str]]:
        return {name: [str(e) for e in errors] for name, errors in self.errors.items()}


def rollout_council() -> Council:
    """The council whose rollout the pages show (404 while the portal has none)."""
    council = council_default()
    if council is None:
        raise Http404("There is no council in the portal yet.")
    return council


def filter_form(data, *, summary, wards: list[tuple[int, str, str]]) -> RolloutFilterForm:
    """The filters (bound when there is a query), offering the operators with public sites and the wards."""
    return RolloutFilterForm(
        data or None,
        operators=[(int(t.value), t.label) for t in sorted(summary.by_operator, key=lambda t: t.label)],
        wards=wards,
    )


def request_filters(request, council: Council) -> RolloutFilterForm:
    """The filters of a request to the map's GeoJSON or a download (check form.errors)."""
    wards = list(Ward.objects.filter(council=council).order_by("name").values_list("pk", "code", "name"))
    form = filter_form(request.GET, summary=public_summary_for(council=council), wards=wards)
    form.filters()
    return form
