"""/accounts/...: supplier sign-up, the organisation's page and invitations, the council's verification list.

Mounted beside django.contrib.auth's /accounts/ URLs (no name is shared).
"""

from django.urls import path
from django.views.decorators.http import require_POST

from . import account_views as views

app_name = "accounts"

urlpatterns = [
    path("register/", views.OrganisationRegisterView.as_view(), name="register"),
    path("organisation/", views.OrganisationDetailView.as_view(), name="organisation"),
    path("organisation/invite/", require_POST(views.OrganisationInviteView.as_view()), name="invite"),
    path("invitation/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation"),
    path("organisations/", views.OrganisationVerificationListView.as_view(), name="unverified"),
    path("organisations/<int:pk>/verify/", require_POST(views.OrganisationVerifyView.as_view()), name="verify"),
]
