"""The email that brings the licensee its licence: the PDF attached, the addresses to check it.

Sent to the licensee organisation's active members (applications.services.notify's
recipients), one message each, once the issuing transaction commits; a mail failure is
logged and never undoes the licence.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction

from portal.selectors import email_signature

from ..models import Licence, LicenceKind
from ..services.notify import APPLICANT_SIDE, recipients
from .links import absolute, download_path, verification_url

logger = logging.getLogger(__name__)


def _body(licence: Licence) -> str:
    count = licence.schedule.count() if licence.pk else 0
    replaced = licence.replaces.number if licence.replaces_id else ""
    opening = {
        LicenceKind.ORIGINAL: f"{licence.licensor_name} has issued licence {licence.number} "
        f"for application {licence.application.reference}.",
        LicenceKind.VARIATION: f"{licence.licensor_name} has varied licence {replaced}: "
        f"the new licence is {licence.number}.",
        LicenceKind.RENEWAL: f"{licence.licensor_name} has renewed licence {replaced}: "
        f"the new licence is {licence.number}.",
    }[licence.kind]
    lines = [
        opening,
        f"{licence.get_licence_type_display()} licence, {count} site{'s' if count != 1 else ''}, "
        f"from {licence.starts_on:%d %B %Y} to {licence.ends_on:%d %B %Y}.",
        "The licence is attached. Sign it and return it to the council; keep the file as it is, so that its "
        "fingerprint (SHA-256) matches the one the council recorded.",
        f"Download it again (signed in): {absolute(download_path(licence.number))}",
        f"Anyone can check it: {verification_url(licence.number)}",
        email_signature(licence.council),
    ]
    return "\n\n".join(lines)


def _send(messages: list[EmailMessage]) -> None:
    try:
        get_connection().send_messages(messages)
    except Exception:  # the licence is committed; a mail failure must not become an error page
        logger.exception("Could not send %d licence email(s)", len(messages))


def email_licence(*, licence: Licence, pdf: bytes) -> int:
    """Queue the licence email to each active member of the licensee organisation; how many."""
    people = recipients(application=licence.application, side=APPLICANT_SIDE)
    subject = f"Licence {licence.number} issued by {licence.licensor_name}"
    body = _body(licence)
    messages = []
    for person in people:
        if not person.email:
            continue
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
        message.attach(f"{licence.number}.pdf", pdf, "application/pdf")
        messages.append(message)
    if messages:
        transaction.on_commit(lambda: _send(messages))
    return len(messages)
