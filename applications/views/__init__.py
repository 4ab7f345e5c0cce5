"""The applications pages, split by area. Each view checks permission, validates a form, makes one service call."""

from .detail import ApplicationDetailView, ApplicationListView
from .documents import DocumentDeleteView, DocumentDownloadView, DocumentUploadView
from .drafting import (
    ApplicationCreateView,
    ApplicationSiteAddView,
    ApplicationSiteRemoveView,
    ApplicationSiteUpdateView,
    ApplicationSubmitView,
    ApplicationUpdateView,
)
from .notifications import NotificationListView, NotificationReadAllView, NotificationReadView
from .review import ApplicationAssignView, ApplicationQueueView, ApplicationSiteDecideView
from .workflow import (
    ApplicationAnswerView,
    ApplicationConfirmInstallationView,
    ApplicationDecideView,
    ApplicationGoLiveView,
    ApplicationIssueLicenceView,
    ApplicationMessageSendView,
    ApplicationReportInstalledView,
    ApplicationRequestInformationView,
    ApplicationReturnView,
    ApplicationStartReviewView,
    ApplicationWithdrawView,
)

__all__ = [
    "ApplicationAnswerView",
    "ApplicationAssignView",
    "ApplicationConfirmInstallationView",
    "ApplicationCreateView",
    "ApplicationDecideView",
    "ApplicationDetailView",
    "ApplicationGoLiveView",
    "ApplicationIssueLicenceView",
    "ApplicationListView",
    "ApplicationMessageSendView",
    "ApplicationQueueView",
    "ApplicationReportInstalledView",
    "ApplicationRequestInformationView",
    "ApplicationReturnView",
    "ApplicationSiteAddView",
    "ApplicationSiteDecideView",
    "ApplicationSiteRemoveView",
    "ApplicationSiteUpdateView",
    "ApplicationStartReviewView",
    "ApplicationSubmitView",
    "ApplicationUpdateView",
    "ApplicationWithdrawView",
    "DocumentDeleteView",
    "DocumentDownloadView",
    "DocumentUploadView",
    "NotificationListView",
    "NotificationReadAllView",
    "NotificationReadView",
]
