"""What the portal's pages share: who may open a page by role, and a service's refusal as form errors.

Used by portal's account pages and by every app's views (applications/views/base.py).
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError

from .refusals import Need, Refused


def errors_onto(form, exc: ValidationError, rename: dict[str, str] | None = None) -> None:
    """A service's ValidationError on the form: each key on its field when the form has it, else at the top."""
    rename = rename or {}
    if hasattr(exc, "error_dict"):
        for key, found in exc.message_dict.items():
            name = rename.get(key, key)
            form.add_error(name if name in form.fields else None, found)
    else:
        form.add_error(None, exc.messages)


class SupplierRequiredMixin(LoginRequiredMixin):
    """Pages for suppliers' users only (403 for everyone else signed in)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_supplier:
            raise Refused("Only suppliers' users can use this page.", needs=Need.SUPPLIER)
        return super().dispatch(request, *args, **kwargs)


class StaffRequiredMixin(LoginRequiredMixin):
    """Pages for council staff and system admins (403 for suppliers)."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (user.is_council_staff or user.is_system_admin):
            raise Refused("Only council staff can use this page.", needs=Need.COUNCIL_STAFF)
        return super().dispatch(request, *args, **kwargs)
