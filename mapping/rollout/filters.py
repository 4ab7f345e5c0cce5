"""The rollout's filters (GET, so a filtered map is a bookmarkable address).

    ?council=glasgow&status=installed&status=live&technology=5g&operator=12&ward=S13002967

`council` is a council's slug (none: every council's rollout; offered once the portal has
several), `status` and `technology` may repeat; `operator` is an organisation's number
and `ward` an ONS ward code. A value not in the lists is a plain-English error on the form and
that filter is ignored (never a 500); the open-data downloads and the map's GeoJSON
answer 400 with the same messages.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404

from applications.models import Technology
from applications.public import PublicStatus, public_summary_for
from portal.models import Council
from portal.selectors import council_by_slug, council_choice_list, council_only
from sites.models import Ward


@dataclass(frozen=True)
class RolloutFilters:
    """The valid filters, as public_sites() keyword arguments and as a query string."""

    council: Council | None = None  # None: every council
    statuses: list[str] = field(default_factory=list)
    technologies: list[str] = field(default_factory=list)
    operator: int | None = None
    ward_code: str = ""
    ward_id: int | None = None
    council_chosen: bool = False  # chosen on the form (not the portal's only council)

    def selectors(self) -> dict:
        return {
            "council": self.council,
            "statuses": self.statuses,
            "technologies": self.technologies,
            "operator": self.operator,
            "ward": self.ward_id,
        }

    def query(self) -> str:
        pairs = [("council", self.council.slug)] if self.council is not None and self.council_chosen else []
        pairs += [("status", s) for s in self.statuses] + [("technology", t) for t in self.technologies]
        if self.operator is not None:
            pairs.append(("operator", self.operator))
        if self.ward_code:
            pairs.append(("ward", self.ward_code))
        return urlencode(pairs)

    @property
    def active(self) -> bool:
        return bool(self.statuses or self.technologies or self.operator is not None or self.ward_code)


class RolloutFilterForm(forms.Form):
    council = forms.ChoiceField(
        label="Council", required=False, error_messages={"invalid_choice": "Choose a council from the list"}
    )
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

    def __init__(
        self,
        *args,
        council: Council | None,
        operators: list[tuple[int, str]],
        wards: list[tuple[int, str, str]],
        **kwargs,
    ):
        """`council`: the one shown (None: all); `operators`: (pk, name) of organisations with public
        sites; `wards`: (pk, code, name)."""
        super().__init__(*args, **kwargs)
        self.council = council
        councils = council_choice_list()
        if councils:
            self.fields["council"].choices = councils
        else:
            del self.fields["council"]
        self.fields["operator"].choices = [("", "Any operator"), *[(str(pk), name) for pk, name in operators]]
        self.fields["ward"].choices = [("", "All wards"), *[(code, name) for _, code, name in wards]]
        self._ward_ids = {code: pk for pk, code, _ in wards}

    def filters(self) -> RolloutFilters:
        """The filters that are valid (an invalid one is left out; is_valid() reports it)."""
        chosen = "council" in self.fields and self.council is not None
        if not self.is_bound:
            return RolloutFilters(council=self.council, council_chosen=chosen)
        self.is_valid()
        data = self.cleaned_data
        ward_code = data.get("ward") or ""
        return RolloutFilters(
            council=self.council,
            council_chosen=chosen,
            statuses=list(data.get("status") or []),
            technologies=list(data.get("technology") or []),
            operator=data.get("operator"),
            ward_code=ward_code,
            ward_id=self._ward_ids.get(ward_code),
        )

    def error_dict(self) -> dict[str, list[str]]:
        return {name: [str(e) for e in errors] for name, errors in self.errors.items()}


def rollout_council(params) -> Council | None:
    """The council whose rollout a request shows: `?council=<slug>`, or None for every council's.

    The portal's only council while it has one; 404 while it has none. A slug that names no
    council shows every council's (the filter form says what was wrong).
    """
    only = council_only()
    if only is not None:
        return only
    if not Council.objects.exists():
        raise Http404("There is no council in the portal yet.")
    return council_by_slug(params.get("council", ""))[0]


def rollout_wards(council: Council | None) -> list[tuple[int, str, str]]:
    """(pk, code, name) of the council's wards, by name; None: every council's, each name followed by its
    council's once the wards are of more than one council."""
    wards = Ward.objects.order_by("name", "council__name")
    if council is not None:
        return list(wards.filter(council=council).values_list("pk", "code", "name"))
    rows = list(wards.values_list("pk", "code", "name", "council__name"))
    several = len({place for *_, place in rows}) > 1
    return [(pk, code, f"{name}, {place}" if several else name) for pk, code, name, place in rows]


def place_name(council: Council | None) -> str:
    """The council's name, or (None) every council's: "Glasgow City Council and Clyde Valley Council"."""
    if council is not None:
        return council.name
    names = list(Council.objects.order_by("name").values_list("name", flat=True))
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def council_query(council: Council | None) -> str:
    """ "?council=<slug>" for one council of several ("" for every council, or the portal's only one)."""
    return f"?council={council.slug}" if council is not None and council_only() is None else ""


def public_ward(code: str) -> Ward:
    """The ward of a rollout ward page or feed (codes are unique across councils), with its council; else 404."""
    return get_object_or_404(Ward.objects.select_related("council"), code=code)


def filter_form(data, *, council: Council | None, summary, wards: list[tuple[int, str, str]]) -> RolloutFilterForm:
    """The filters (bound when there is a query), offering the operators with public sites and the wards."""
    return RolloutFilterForm(
        data or None,
        council=council,
        operators=[(int(t.value), t.label) for t in sorted(summary.by_operator, key=lambda t: t.label)],
        wards=wards,
    )


def request_filters(request) -> RolloutFilterForm:
    """The filters of a request to the map's GeoJSON or a download (check form.errors; form.council)."""
    council = rollout_council(request.GET)
    form = filter_form(
        request.GET, council=council, summary=public_summary_for(council=council), wards=rollout_wards(council)
    )
    form.filters()
    return form
