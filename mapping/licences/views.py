"""The public licence verification page and the licensee's and council's PDF download.

`/licences/<number>/` shows anyone what docs/DESIGN.md lets the public see of a licence (its
state, parties as organisations, dates, sites and SHA-256) and checks an uploaded copy
against the recorded hash. `/licences/<number>/licence.pdf` is the file itself, for the
licensee's members and the council's officers only: 403 for anyone else signed in. Not
the 404 the application pages give for what one may not see (ADR 9): a licence's number
and existence are public on its verification page, so a 404 would hide nothing.
"""

import logging

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from applications.licences.selectors import (
    licence_can_download,
    licence_get,
    licence_map_features,
    licence_public_sites,
)
from applications.licences.verification import check_upload, licence_check_file, max_check_bytes
from applications.models import LicenceState

logger = logging.getLogger(__name__)

STATE_TAGS = {
    LicenceState.VALID: "govuk-tag--green",
    LicenceState.REVOKED: "govuk-tag--red",
    LicenceState.EXPIRED: "govuk-tag--grey",
    LicenceState.SUPERSEDED: "govuk-tag--yellow",
}


class LicenceCheckForm(forms.Form):
    file = forms.FileField(
        label="Upload a copy of the licence",
        error_messages={
            "required": "Select the licence PDF to check.",
            "empty": "The selected file is empty.",
            "missing": "Select the licence PDF to check.",
            "invalid": "The selected file could not be read: choose it again.",
        },
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        try:
            check_upload(file)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc
        return file


class LicenceMixin:
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.licence = None

    @property
    def the_licence(self):
        if self.licence is None:
            self.licence = licence_get(number=self.kwargs["number"])
            if self.licence is None:
                raise Http404("No licence has this number.")
        return self.licence


class LicenceVerifyView(LicenceMixin, TemplateView):
    """Public: the licence's state, parties, dates, sites and hash, and the file check."""

    template_name = "mapping/licences/licence.html"

    def get_context_data(self, **kwargs):
        licence = self.the_licence
        user = self.request.user
        sites = licence_public_sites(licence=licence, user=user)
        state = licence.state
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "licence": licence,
                "state": state,
                "state_label": LicenceState(state).label,
                "state_tag": STATE_TAGS.get(state, ""),
                "replacement": licence.replacement,
                "sites": sites,
                "features": licence_map_features(sites),
                "tile_url": settings.MAP_TILE_URL,
                "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
                "form": kwargs.get("form") or LicenceCheckForm(),
                "max_mb": max_check_bytes() // (1024 * 1024),
                "may_download": licence_can_download(user=user, licence=licence),
                "today": timezone.localdate(),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        licence = self.the_licence
        form = LicenceCheckForm(request.POST, request.FILES)
        result = None
        if form.is_valid():
            result = licence_check_file(licence=licence, file=form.cleaned_data["file"])
        return self.render_to_response(self.get_context_data(form=form if result is None else None, result=result))


class LicenceDownloadView(LicenceMixin, View):
    """The PDF as an attachment: the licensee's members and the council's officers; 403 for others."""

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        licence = self.the_licence
        if not licence_can_download(user=request.user, licence=licence):
            raise PermissionDenied(
                "Only the licensee's members, the council's officers and system administrators "
                "can download this licence."
            )
        try:
            handle = licence.pdf.open("rb")
        except FileNotFoundError as exc:
            logger.error("Licence %s is missing from storage (%s)", licence.number, licence.pdf.name)
            raise Http404("The file is missing.") from exc
        response = FileResponse(
            handle, as_attachment=True, filename=f"{licence.number}.pdf", content_type="application/pdf"
        )
        response["Cache-Control"] = "private, no-store"
        return response
