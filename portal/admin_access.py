"""Who may use the Django admin, and what they see there.

Council officers and administrators edit their own council's register; system
administrators everything; suppliers and the public never reach the admin. The public
gets the admin's sign-in form; a signed-in supplier gets the portal's 403 page saying the
admin is for council staff and where their own pages are (not a sign-in form).
"""

from functools import update_wrapper

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from .refusals import Need, Refused, permission_denied

NOT_FOR_YOU = "The administration pages are for council staff and system administrators."


def is_admin_user(user) -> bool:
    return bool(
        user.is_active
        and user.is_authenticated
        and (user.is_superuser or user.is_council_staff or user.is_system_admin)
    )


def is_system_admin(user) -> bool:
    return bool(user.is_active and (user.is_superuser or user.is_system_admin))


class PortalAdminSite(admin.AdminSite):
    site_header = "Telecoms Site Portal administration"
    site_title = "Telecoms Site Portal"
    index_title = "Asset register and portal administration"

    def has_permission(self, request: HttpRequest) -> bool:
        return is_admin_user(request.user)

    def not_for_you(self, request: HttpRequest) -> HttpResponse:
        return permission_denied(request, Refused(NOT_FOR_YOU, needs=Need.COUNCIL_STAFF))

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                return self.not_for_you(request)
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, view)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and not self.has_permission(request):
            return self.not_for_you(request)
        return super().login(request, extra_context)


class CouncilScopedAdmin(admin.ModelAdmin):
    """Officers and council admins work on their own council's rows; system admins on all.

    `council_path` is the lookup from the model to its council.
    """

    council_path = "council"
    staff_may_edit = True

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        qs = super().get_queryset(request)
        if is_system_admin(request.user):
            return qs
        return qs.filter(**{self.council_path: request.user.council_id})

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_admin_user(request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_admin_user(request.user)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_system_admin(request.user) or (self.staff_may_edit and is_admin_user(request.user))

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "council" and not is_system_admin(request.user):
            from .models import Council

            kwargs["queryset"] = Council.objects.filter(pk=request.user.council_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SystemAdminOnly(admin.ModelAdmin):
    """Reference data and portal-wide settings: viewable by staff, changed by system admins."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_admin_user(request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_admin_user(request.user)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_system_admin(request.user)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


admin_site = PortalAdminSite(name="admin")
