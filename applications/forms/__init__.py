"""Forms: shape and plain-English messages only; the services decide everything else."""

from .drafting import (
    ApplicationDetailsForm,
    ApplicationStartForm,
    DocumentUploadForm,
    EquipmentForm,
    SiteAddForm,
)
from .review import AssignForm, CommentForm, MessageForm, QueueFilterForm, SiteDecisionForm, WithdrawForm

__all__ = [
    "ApplicationDetailsForm",
    "ApplicationStartForm",
    "AssignForm",
    "CommentForm",
    "DocumentUploadForm",
    "EquipmentForm",
    "MessageForm",
    "QueueFilterForm",
    "SiteAddForm",
    "SiteDecisionForm",
    "WithdrawForm",
]
