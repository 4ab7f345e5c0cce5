"""/applications/...: the supplier's applications and the council's queue and review pages."""

from django.urls import path
from django.views.decorators.http import require_POST

from . import views

app_name = "applications"

A = "<str:reference>/"  # an application, by its reference (GCC-APP-2026-00042)
SITE = A + "sites/<int:site>/"
DOCUMENT = A + "documents/<int:document>/"

urlpatterns = [
    path("", views.ApplicationListView.as_view(), name="list"),
    path("new/", views.ApplicationCreateView.as_view(), name="new"),
    path("queue/", views.ApplicationQueueView.as_view(), name="queue"),
    path(A, views.ApplicationDetailView.as_view(), name="detail"),
    path(A + "edit/", views.ApplicationUpdateView.as_view(), name="edit"),
    path(A + "submit/", require_POST(views.ApplicationSubmitView.as_view()), name="submit"),
    path(A + "sites/add/", require_POST(views.ApplicationSiteAddView.as_view()), name="site_add"),
    path(SITE, views.ApplicationSiteUpdateView.as_view(), name="site_edit"),
    path(SITE + "remove/", require_POST(views.ApplicationSiteRemoveView.as_view()), name="site_remove"),
    path(SITE + "decide/", views.ApplicationSiteDecideView.as_view(), name="site_decide"),
    path(A + "documents/new/", views.DocumentUploadView.as_view(), name="document_upload"),
    path(DOCUMENT, views.DocumentDownloadView.as_view(), name="document_download"),
    path(DOCUMENT + "remove/", require_POST(views.DocumentDeleteView.as_view()), name="document_delete"),
    path(A + "messages/", require_POST(views.ApplicationMessageSendView.as_view()), name="message_send"),
    path(A + "assign/", require_POST(views.ApplicationAssignView.as_view()), name="assign"),
    path(A + "start-review/", views.ApplicationStartReviewView.as_view(), name="start_review"),
    path(A + "return/", views.ApplicationReturnView.as_view(), name="return"),
    path(A + "request-information/", views.ApplicationRequestInformationView.as_view(), name="request_information"),
    path(A + "answer/", views.ApplicationAnswerView.as_view(), name="answer"),
    path(A + "decide/", views.ApplicationDecideView.as_view(), name="decide"),
    path(A + "issue-licence/", views.ApplicationIssueLicenceView.as_view(), name="issue_licence"),
    path(A + "report-installed/", views.ApplicationReportInstalledView.as_view(), name="report_installed"),
    path(
        A + "confirm-installation/",
        views.ApplicationConfirmInstallationView.as_view(),
        name="confirm_installation",
    ),
    path(A + "go-live/", views.ApplicationGoLiveView.as_view(), name="go_live"),
    path(A + "withdraw/", views.ApplicationWithdrawView.as_view(), name="withdraw"),
]
