"""How the pages word and colour things: status tags, what is awaited, the action buttons, a site's checks.

Presentation only: every figure comes from the models and selectors.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from applications.checks import Conflict
from applications.models import Application, ApplicationSite, ApplicationStatus, FrequencyBand
from applications.models.workflow import status_phrase
from applications.transitions import TransitionSpec
from sites.models import PowerSupply

S = ApplicationStatus

STATUS_TAGS = {
    S.DRAFT: "govuk-tag--grey",
    S.SUBMITTED: "govuk-tag--teal",
    S.RETURNED: "govuk-tag--orange",
    S.UNDER_REVIEW: "",
    S.INFORMATION_REQUESTED: "govuk-tag--yellow",
    S.APPROVED: "govuk-tag--green",
    S.REFUSED: "govuk-tag--red",
    S.LICENCE_ISSUED: "govuk-tag--turquoise",
    S.INSTALLED: "govuk-tag--purple",
    S.LIVE: "govuk-tag--green",
    S.WITHDRAWN: "govuk-tag--grey",
}

# Who moves next, and what they do: (side, what).
AWAITED = {
    S.DRAFT: ("applicant", "complete and submit it"),
    S.SUBMITTED: ("council", "check it is complete and start the review"),
    S.RETURNED: ("applicant", "amend it and submit it again"),
    S.UNDER_REVIEW: ("council", "check and decide each site"),
    S.INFORMATION_REQUESTED: ("applicant", "answer the council's request for information"),
    S.APPROVED: ("council", "issue the licence"),
    S.LICENCE_ISSUED: ("applicant", "install the equipment and report it"),
    S.INSTALLED: ("applicant", "report the service live"),
}


def awaited(application: Application, *, as_applicant: bool, as_council: bool = False) -> str:
    """ "Waiting for you to ..." / "Waiting for the council to ..." / "Nothing: ..." in plain English."""
    if application.status == S.INSTALLED and application.installation_confirmed_at is None:
        side, what = "council", "confirm the installation"
    elif application.status in AWAITED:
        side, what = AWAITED[application.status]
    else:
        return f"Nothing: the application is {status_phrase(application.status)}"
    if side == "applicant":
        who = "you" if as_applicant else "the applicant"
    else:
        who = "the council (you)" if as_council else "the council"
    return f"Waiting for {who} to {what}"


@dataclass(frozen=True)
class Action:
    """A button on the application page: a POST form (`post`) or a link to the action's page."""

    label: str
    url: str
    post: bool = False
    style: str = ""  # "", "secondary" or "warning"


# action -> (label for the applicant, label for the council, URL name, POST from the page, style)
ACTIONS = {
    "submit": ("Submit application", None, "submit", True, ""),
    "resubmit": ("Submit application again", None, "submit", True, ""),
    "start_review": (None, "Start the review", "start_review", False, ""),
    "return_incomplete": (None, "Return as incomplete", "return", False, "secondary"),
    "request_information": (None, "Request information", "request_information", False, "secondary"),
    "answer": ("Answer the request", None, "answer", False, ""),
    "decide": (None, "Record the decision", "decide", False, ""),
    "issue_licence": (None, "Issue the licence", "issue_licence", False, ""),
    "report_installed": ("Report the installation", "Record the installation", "report_installed", False, ""),
    "go_live": ("Report it live", "Record it live", "go_live", False, ""),
    "withdraw": ("Withdraw application", None, "withdraw", False, "warning"),
}


def action_buttons(application: Application, specs: list[TransitionSpec], *, as_applicant: bool) -> list[Action]:
    buttons = []
    for spec in specs:
        applicant_label, council_label, name, post, style = ACTIONS[spec.action]
        label = applicant_label if as_applicant else council_label
        if label is None:
            continue
        url = reverse(f"applications:{name}", kwargs={"reference": application.reference})
        buttons.append(Action(label, url, post, style))
    return buttons


@dataclass(frozen=True)
class Check:
    """One line of a site's checks for the officer: ok True (fine), False (a problem) or None (to check)."""

    label: str
    ok: bool | None
    detail: str

    @property
    def tag(self) -> tuple[str, str]:
        if self.ok is None:
            return "Check", "govuk-tag--yellow"
        return ("OK", "govuk-tag--green") if self.ok else ("Problem", "govuk-tag--red")


def _kg(value) -> str:
    return f"{Decimal(value).normalize():f}"


def site_checks(
    site: ApplicationSite, application: Application, conflicts: list[Conflict], constraint_names: list[str]
) -> list[Check]:
    """Structural load against what is left, space, power, planning constraints, availability, other applications."""
    asset = site.asset
    checks = []
    if not asset.asset_type.accepts(application.application_type):
        kind = application.get_application_type_display().lower()
        checks.append(Check("Asset type", False, f"A {asset.asset_type.name.lower()} does not take {kind} equipment."))
    load_left = asset.remaining_load_kg
    if site.capacity_reserved and load_left is not None:
        load_left += site.reserved_load_kg  # what was left before this site was approved
    if site.weight_kg is None:
        checks.append(Check("Structural load", False, "The applicant has not given the equipment's weight."))
    elif load_left is None:
        checks.append(Check("Structural load", None, "The register has no structural capacity for this asset."))
    else:
        detail = (
            f"{_kg(site.weight_kg)} kg of equipment; the asset can carry {load_left} kg more "
            f"(capacity {asset.structural_capacity_kg} kg)."
        )
        checks.append(Check("Structural load", site.weight_kg <= load_left, detail))
    free = asset.free_slots + (1 if site.capacity_reserved else 0)
    checks.append(Check("Space", free >= 1, f"{free} of {asset.slots} slot{'s' if asset.slots != 1 else ''} free."))
    if not site.power_draw_w:
        checks.append(
            Check("Power", True, "The equipment needs no power." if site.power_draw_w == 0 else "No power draw given.")
        )
    elif asset.power_supply == PowerSupply.NONE:
        checks.append(
            Check("Power", False, f"The equipment draws {site.power_draw_w} W; the asset has no power supply.")
        )
    else:
        supply = asset.get_power_supply_display().lower()
        checks.append(Check("Power", True, f"{site.power_draw_w} W from the asset's {supply} supply."))
    flags = [
        name
        for flag, name in (
            (asset.in_conservation_area, "conservation area"),
            (asset.listed_building, "listed building"),
            (asset.tree_preservation_order, "tree preservation order"),
        )
        if flag
    ]
    if constraint_names or flags:
        checks.append(Check("Planning constraints", None, "; ".join(constraint_names) or ", ".join(flags).capitalize()))
    else:
        checks.append(Check("Planning constraints", True, "None recorded for this asset."))
    if not asset.is_available:
        checks.append(Check("Availability", False, f"Unavailable: {asset.unavailable_reason}"))
    if conflicts:
        lines = [
            f"{c.other_reference} by {c.other_organisation} ({status_phrase(c.other_status)}, "
            f"submitted {'earlier' if c.earlier else 'later'})"
            for c in conflicts
        ]
        checks.append(Check("Other applications", not any(c.earlier for c in conflicts), "; ".join(lines) + "."))
    else:
        checks.append(Check("Other applications", True, "No other application for this asset."))
    return checks


BAND_LABELS = dict(FrequencyBand.choices)


def band_labels(site: ApplicationSite) -> list[str]:
    return [BAND_LABELS.get(band, band) for band in site.frequency_bands or []]


# Where each kind of submission problem is answered on the application page.
SUBMIT_PROBLEM_ANCHORS = (
    ("organisation", "organisation"),
    ("application", "awaited"),
    ("proposed_start_date", "proposed_start_date"),
    ("term_years", "term_years"),
    ("sites", "sites"),
)


def submit_error_links(problems: dict, sites) -> list[tuple[str, str]]:
    """application_submit's problems as (anchor, message) pairs for includes/error_summary.html,
    the application's own first, then each site's (its `problems`) in the page's order."""
    links = [(anchor, problem) for key, anchor in SUBMIT_PROBLEM_ANCHORS for problem in problems.get(key, [])]
    links += [(f"site-{site.pk}", problem) for site in sites for problem in getattr(site, "problems", [])]
    return links


def submit_intro(problems: dict) -> str:
    """The sentence above the submission's problems."""
    count = sum(len(found) for found in problems.values())
    fix = "this problem" if count == 1 else f"these {count} problems"
    return f"Fix {fix}, then submit again. Your draft is saved."
