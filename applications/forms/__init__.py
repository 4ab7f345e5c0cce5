"""Forms: shape and plain-English messages only; the services decide everything else."""

from .accounts import SERVICE_FIELDS, InvitationAcceptForm, InviteForm, OrganisationRegisterForm
from .drafting import (
    ApplicationDetailsForm,
    ApplicationStartForm,
    DocumentUploadForm,
    EquipmentForm,
    SiteAddForm,
)
from .review import AssignForm, CommentForm, MessageForm, QueueFilterForm, SiteDecisionForm, WithdrawForm

__all__ = [
    "SERVICE_FIELDS",
    "ApplicationDetailsForm",
    "ApplicationStartForm",
    "AssignForm",
    "CommentForm",
    "DocumentUploadForm",
    "EquipmentForm",
    "InvitationAcceptForm",
    "InviteForm",
    "MessageForm",
    "OrganisationRegisterForm",
    "QueueFilterForm",
    "SiteAddForm",
    "SiteDecisionForm",
    "WithdrawForm",
]
