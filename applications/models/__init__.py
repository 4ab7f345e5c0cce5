"""Applications, per-site requests, workflow, decisions, messages, documents and fees.

Split by responsibility: `workflow` (the states and transitions, in one place),
`application`, `site_requests`, `records` (events, messages, documents, notifications)
and `fees`.
"""

from .application import Application, ReferenceCounter
from .fees import FeeSchedule
from .licence import Licence, LicenceKind, LicenceSite, LicenceState
from .records import (
    DOCUMENT_TYPES,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationMessage,
    DocumentKind,
    EventAction,
    Notification,
)
from .site_requests import (
    EQUIPMENT_FIELDS,
    ApplicationSite,
    EquipmentType,
    FrequencyBand,
    RefusalReason,
    SiteDecision,
    Technology,
)
from .workflow import (
    ACTIVE_STATUSES,
    ENDED_STATUSES,
    IN_PROGRESS_STATUSES,
    OPEN_STATUSES,
    PUBLIC_STATUSES,
    UNASSIGNABLE_STATUSES,
    WAITING_ON,
    ApplicationStatus,
)

__all__ = [
    "ACTIVE_STATUSES",
    "ENDED_STATUSES",
    "IN_PROGRESS_STATUSES",
    "OPEN_STATUSES",
    "UNASSIGNABLE_STATUSES",
    "DOCUMENT_TYPES",
    "EQUIPMENT_FIELDS",
    "PUBLIC_STATUSES",
    "WAITING_ON",
    "Application",
    "ApplicationDocument",
    "ApplicationEvent",
    "ApplicationMessage",
    "ApplicationSite",
    "ApplicationStatus",
    "DocumentKind",
    "EquipmentType",
    "EventAction",
    "FeeSchedule",
    "FrequencyBand",
    "Licence",
    "LicenceKind",
    "LicenceSite",
    "LicenceState",
    "Notification",
    "ReferenceCounter",
    "RefusalReason",
    "SiteDecision",
    "Technology",
]
