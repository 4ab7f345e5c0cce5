"""Everything that changes applications. One transaction per call; keyword-only; `by` is who acts.

Refusals are plain English: PermissionDenied (wrong side), TransitionNotAllowed (the
state does not allow it; applications.transitions), ValidationError (bad or missing
input; a dict of field -> messages).
"""

from .correspondence import (
    application_message_send,
    document_delete,
    document_upload,
    notification_mark_all_read,
    notification_mark_read,
)
from .delivery import (
    application_confirm_installation,
    application_go_live,
    application_issue_licence,
    application_report_installed,
    application_withdraw,
)
from .drafting import (
    APPLICATION_FIELDS,
    application_create,
    application_site_add,
    application_site_remove,
    application_site_update,
    application_update,
    applications_create,
)
from .review import (
    application_answer,
    application_assign,
    application_decide,
    application_request_information,
    application_resubmit,
    application_return,
    application_site_decide,
    application_start_review,
    application_submit,
)

__all__ = [
    "APPLICATION_FIELDS",
    "application_answer",
    "application_assign",
    "application_confirm_installation",
    "application_create",
    "application_decide",
    "application_go_live",
    "application_issue_licence",
    "application_message_send",
    "application_report_installed",
    "application_request_information",
    "application_resubmit",
    "application_return",
    "application_site_add",
    "application_site_decide",
    "application_site_remove",
    "application_site_update",
    "application_start_review",
    "application_submit",
    "application_update",
    "applications_create",
    "application_withdraw",
    "document_delete",
    "document_upload",
    "notification_mark_all_read",
    "notification_mark_read",
]
