"""Documents: upload (checked by content and size by the service), download through a permission check, remove."""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views import View

from applications import services
from applications.forms import DocumentUploadForm
from applications.links import detail_url
from applications.selectors import application_sites_for, document_get_for

from .base import REFUSALS, ApplicationMixin, ServiceFormView, refusal_message

logger = logging.getLogger(__name__)


class DocumentMixin(ApplicationMixin):
    """The document named in the URL, if the person may see it and it belongs to this application (else 404)."""

    @property
    def document(self):
        if not hasattr(self, "_document"):
            found = document_get_for(user=self.request.user, pk=self.kwargs["document"])
            if found is None or found.application_id != self.application.pk:
                raise Http404("No such document.")
            found.application = self.application
            self._document = found
        return self._document


class DocumentUploadView(ServiceFormView):
    """A drawing, structural calculation, ICNIRP declaration or photo: PDF, PNG or JPEG."""

    template_name = "applications/document_upload.html"
    form_class = DocumentUploadForm

    def guard(self):
        if not (self.is_applicant or self.is_council):
            raise PermissionDenied("Only the applicant organisation or the council's officers can add documents.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["sites"] = application_sites_for(user=self.request.user, application=self.application)
        kwargs["max_megabytes"] = settings.APPLICATION_UPLOAD_MAX_BYTES / (1024 * 1024)
        return kwargs

    def perform(self, form):
        data = form.cleaned_data
        return services.document_upload(
            application=self.application, by=self.request.user, file=data["file"], kind=data["kind"], site=data["site"]
        )

    def get_success_message(self):
        return f"{self.result.original_name} uploaded."


class DocumentDownloadView(DocumentMixin, View):
    """The file itself, as an attachment, only after the permission check (never a static URL)."""

    def get(self, request, *args, **kwargs):
        document = self.document
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as exc:
            logger.error("Document %s is missing from storage (%s)", document.pk, document.file.name)
            raise Http404("The file is missing.") from exc
        response = FileResponse(
            handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
        )
        response["Cache-Control"] = "private, no-store"
        return response


class DocumentDeleteView(DocumentMixin, View):
    """Remove a document (the applicant, while the application is a draft or returned)."""

    def post(self, request, *args, **kwargs):
        document = self.document
        self.require_applicant()
        try:
            services.document_delete(document=document, by=request.user)
        except REFUSALS as exc:
            messages.error(request, refusal_message(exc))
        else:
            messages.success(request, f"{document.original_name} removed.")
        return redirect(detail_url(self.application))
