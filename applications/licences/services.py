"""Issuing, revoking, varying and renewing licences. One transaction per call; `by` is who acts.

Only the council's officers and administrators (the COUNCIL party of the workflow) do
any of these. A licence is written once, with its PDF and that file's SHA-256, and never
changed: revocation is recorded once; a variation or renewal is a new licence naming the
one it replaces. Refusals are plain English: PermissionDenied (not the council's staff)
or ValidationError (the state or the input does not allow it).
"""

import logging
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ..fees import ZERO, application_fees
from ..models import Application, ApplicationStatus, Licence, LicenceKind, LicenceSite, SiteDecision
from ..models.workflow import COUNCIL
from ..services.notify import APPLICANT_SIDE, notify
from .document import licence_pdf_bytes
from .emails import email_licence
from .numbering import licence_number_next
from .snapshot import copy_rows, schedule_rows
from .verification import sha256_hex

logger = logging.getLogger(__name__)


def term_end(starts_on: date, years: int) -> date:
    """The last day of a term of whole years (29 February starts end on 27 February)."""
    return starts_on + relativedelta(years=years) - timedelta(days=1)


def _require_council(record, by, verb: str) -> None:
    if not COUNCIL(record, by):
        raise PermissionDenied(f"Only the council's officers can {verb} a licence.")


def _store(licence: Licence, rows: list[LicenceSite]) -> bytes:
    """Make the PDF, record its hash, save the file, the licence and its schedule."""
    data = licence_pdf_bytes(licence=licence, rows=rows)
    licence.sha256 = sha256_hex(data)
    licence.pdf_size_bytes = len(data)
    licence.pdf.save(f"{licence.number}.pdf", ContentFile(data), save=False)
    try:
        licence.full_clean()
        licence.save()
        for row in rows:
            row.licence = licence
            row.full_clean(exclude=["licence", "asset"], validate_unique=False, validate_constraints=False)
        LicenceSite.objects.bulk_create(rows)
    except Exception:
        licence.pdf.storage.delete(licence.pdf.name)
        raise
    return data


@transaction.atomic
def licence_issue(*, application: Application, by) -> Licence:
    """The licence for an application that has just moved to `licence_issued`: its approved sites only.

    Called by the workflow's hook (licence_issue_documents) in the same transaction; the
    licensee's members are emailed the PDF once the transaction commits.
    """
    _require_council(application, by, "issue")
    if application.status != ApplicationStatus.LICENCE_ISSUED:
        raise ValidationError("A licence is issued only as the application moves to licence issued.")
    existing = application.licences.filter(kind=LicenceKind.ORIGINAL).values_list("number", flat=True).first()
    if existing:
        raise ValidationError(f"{application.reference} already has licence {existing}: vary or renew that one.")
    if not application.term_years:
        raise ValidationError("The application has no term: it cannot be licensed.")
    sites = list(
        application.sites.filter(decision=SiteDecision.APPROVED)
        .select_related("asset__asset_type", "asset__ward")
        .order_by("asset__reference")
    )
    if not sites:
        raise ValidationError("No site of this application is approved: there is nothing to licence.")
    fees = application_fees(application=application)
    now = timezone.now()
    today = timezone.localdate(now)
    starts_on = max(application.proposed_start_date or today, today)
    council, organisation = application.council, application.organisation
    licence = Licence(
        number=licence_number_next(council=council, licence_type=application.application_type, year=today.year),
        kind=LicenceKind.ORIGINAL,
        application=application,
        council=council,
        organisation=organisation,
        licence_type=application.application_type,
        licensor_name=council.name,
        licensee_name=organisation.name,
        licensee_company_number=organisation.companies_house_number,
        term_years=application.term_years,
        starts_on=starts_on,
        ends_on=term_end(starts_on, application.term_years),
        annual_fee_total=fees.annual_total,
        application_fee=fees.application_fee,
        legal_fee=fees.legal_fee,
        surveyor_fee=fees.surveyor_fee,
        fees_to_be_confirmed=not fees.complete,
        issued_by=by,
        issued_at=now,
    )
    data = _store(licence, schedule_rows(sites=sites, fees=fees))
    email_licence(licence=licence, pdf=data)
    return licence


def licence_issue_documents(*, application: Application, by) -> Licence:
    """The workflow's hook (applications.services.application_issue_licence): make the licence.

    Runs inside that service's transaction after the state has changed; raising here
    refuses the whole transition.
    """
    return licence_issue(application=application, by=by)


@transaction.atomic
def licence_revoke(*, licence: Licence, reason: str, by) -> Licence:
    """Revoke a licence, with the reason the verification page shows. Once; never undone."""
    _require_council(licence, by, "revoke")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for revoking the licence."})
    current = Licence.objects.select_for_update().select_related("application").get(pk=licence.pk)
    if current.revoked_at is not None:
        raise ValidationError(f"Licence {current.number} was already revoked on {current.revoked_at:%d %B %Y}.")
    replacement = current.replacement
    if replacement is not None:
        raise ValidationError(
            f"Licence {current.number} has been replaced by {replacement.number}: revoke that one instead."
        )
    current.revoked_at, current.revoked_by, current.revocation_reason = timezone.now(), by, reason
    current.full_clean()
    current.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    notify(
        application=current.application,
        side=APPLICANT_SIDE,
        by=by,
        text=f"Licence {current.number} has been revoked.",
        detail=f"Reason: {reason}",
    )
    return current


def _replacement_dates(old: Licence, kind: str, starts_on, term_years, today: date) -> tuple[date, date, int]:
    if kind == LicenceKind.RENEWAL:
        starts = starts_on or old.ends_on + timedelta(days=1)
        years = term_years or old.term_years
        return starts, term_end(starts, years), years
    starts = starts_on or max(today, old.starts_on)
    if term_years:
        return starts, term_end(starts, term_years), term_years
    if starts > old.ends_on:
        raise ValidationError({"starts_on": f"Licence {old.number} ends on {old.ends_on:%d %B %Y}: renew it instead."})
    return starts, old.ends_on, old.term_years


def _check_replaceable(old: Licence, kind: str, reason: str) -> None:
    if kind not in (LicenceKind.VARIATION, LicenceKind.RENEWAL):
        raise ValidationError({"kind": "Choose whether to vary or renew the licence."})
    if not reason:
        raise ValidationError({"reason": f"Give the reason for the {LicenceKind(kind).label.lower()}."})
    if old.revoked_at is not None:
        raise ValidationError(f"Licence {old.number} was revoked: it cannot be varied or renewed.")
    replacement = old.replacement
    if replacement is not None:
        raise ValidationError(
            f"Licence {old.number} has already been replaced by {replacement.number}: vary or renew that one."
        )


@transaction.atomic
def licence_vary_or_renew(
    *,
    licence: Licence,
    by,
    kind: str,
    reason: str,
    starts_on: date | None = None,
    term_years: int | None = None,
    remove_sites: tuple[str, ...] | list[str] = (),
    conditions: dict[str, str] | None = None,
) -> Licence:
    """A new licence replacing `licence`: the same sites as licensed (less `remove_sites`, by reference).

    A renewal starts the day after the old one ends (or `starts_on`) for the same term
    (or `term_years`). A variation starts today (or `starts_on`) and keeps the old end
    date unless `term_years` is given. `conditions` replaces named sites' conditions.
    The annual fees are those licensed; no one-off fees. The licensee's members are emailed the PDF.
    """
    _require_council(licence, by, "vary or renew")
    reason = (reason or "").strip()
    old = (
        Licence.objects.select_for_update().select_related("application", "council", "organisation").get(pk=licence.pk)
    )
    _check_replaceable(old, kind, reason)
    old_rows = list(old.schedule.order_by("position"))
    references = {row.asset_reference for row in old_rows}
    unknown = sorted((set(remove_sites) | set(conditions or {})) - references)
    if unknown:
        raise ValidationError({"remove_sites": f"Not in licence {old.number}: {', '.join(unknown)}."})
    kept = [row for row in old_rows if row.asset_reference not in set(remove_sites)]
    if not kept:
        raise ValidationError({"remove_sites": "A licence needs at least one site: revoke it instead."})
    if starts_on is not None and starts_on < old.starts_on:
        raise ValidationError(
            {"starts_on": f"It cannot start before licence {old.number} did ({old.starts_on:%d %B %Y})."}
        )
    now = timezone.now()
    today = timezone.localdate(now)
    starts, ends, years = _replacement_dates(old, kind, starts_on, term_years, today)
    rows = copy_rows(kept, conditions=conditions)
    new = Licence(
        number=licence_number_next(council=old.council, licence_type=old.licence_type, year=today.year),
        kind=kind,
        application=old.application,
        council=old.council,
        organisation=old.organisation,
        licence_type=old.licence_type,
        licensor_name=old.council.name,
        licensee_name=old.organisation.name,
        licensee_company_number=old.organisation.companies_house_number,
        term_years=years,
        starts_on=starts,
        ends_on=ends,
        annual_fee_total=sum((row.annual_fee for row in rows if row.annual_fee is not None), ZERO),
        application_fee=ZERO,
        legal_fee=ZERO,
        surveyor_fee=ZERO,
        fees_to_be_confirmed=any(row.annual_fee is None for row in rows),
        reason=reason,
        replaces=old,
        issued_by=by,
        issued_at=now,
    )
    data = _store(new, rows)
    email_licence(licence=new, pdf=data)
    return new
