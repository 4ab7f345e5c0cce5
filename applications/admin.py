"""Admin: applications and their records are read-only for staff; fee schedules are editable.

Staff (officers and council admins) see their own council's rows; system admins all.
Every change to an application goes through the services (the workflow, the audit
trail), never through the admin.
"""

from django.contrib import admin
from django.http import HttpRequest

from portal.admin_access import CouncilScopedAdmin, admin_site, is_system_admin

from .models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationMessage,
    ApplicationSite,
    FeeSchedule,
)


class ReadOnlyCouncilAdmin(CouncilScopedAdmin):
    """Viewable by the council's staff and system admins; changed only through the services.

    A draft is the applicant's alone: council staff see applications once submitted.
    """

    application_path = "application__"

    def get_queryset(self, request: HttpRequest):
        qs = super().get_queryset(request)
        if is_system_admin(request.user):
            return qs
        return qs.filter(**{f"{self.application_path}first_submitted_at__isnull": False})

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


class ApplicationSiteInline(admin.TabularInline):
    model = ApplicationSite
    extra = 0
    fields = ["asset", "equipment_type", "technology", "weight_kg", "decision", "refusal_reason", "capacity_reserved"]
    readonly_fields = fields
    show_change_link = True

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


class ApplicationEventInline(ApplicationSiteInline):
    model = ApplicationEvent
    fields = ["at", "actor", "action", "from_status", "to_status", "comment"]
    readonly_fields = fields
    show_change_link = False


@admin.register(Application, site=admin_site)
class ApplicationAdmin(ReadOnlyCouncilAdmin):
    application_path = ""
    list_display = ["reference", "organisation", "application_type", "status", "due_on", "assigned_officer"]
    list_filter = ["status", "application_type"]
    search_fields = ["reference", "organisation__name"]
    list_select_related = ["organisation", "assigned_officer"]
    inlines = [ApplicationSiteInline, ApplicationEventInline]


@admin.register(ApplicationSite, site=admin_site)
class ApplicationSiteAdmin(ReadOnlyCouncilAdmin):
    council_path = "application__council"
    list_display = ["application", "asset", "equipment_type", "decision", "capacity_reserved"]
    list_filter = ["decision"]
    search_fields = ["application__reference", "asset__reference"]
    list_select_related = ["application", "asset"]


@admin.register(ApplicationEvent, site=admin_site)
class ApplicationEventAdmin(ReadOnlyCouncilAdmin):
    council_path = "application__council"
    list_display = ["at", "application", "action", "from_status", "to_status", "actor"]
    list_filter = ["action"]
    search_fields = ["application__reference"]
    list_select_related = ["application", "actor"]


@admin.register(ApplicationMessage, site=admin_site)
class ApplicationMessageAdmin(ReadOnlyCouncilAdmin):
    council_path = "application__council"
    list_display = ["created_at", "application", "author", "is_information_request"]
    search_fields = ["application__reference"]
    list_select_related = ["application", "author"]


@admin.register(ApplicationDocument, site=admin_site)
class ApplicationDocumentAdmin(ReadOnlyCouncilAdmin):
    council_path = "application__council"
    list_display = ["uploaded_at", "application", "kind", "original_name", "content_type", "size_bytes"]
    list_filter = ["kind"]
    search_fields = ["application__reference", "original_name"]
    exclude = ["file"]  # downloads go through the portal's permission check, not a media URL
    list_select_related = ["application"]


@admin.register(FeeSchedule, site=admin_site)
class FeeScheduleAdmin(CouncilScopedAdmin):
    """System admins and the council's own staff edit the council's fee schedule."""

    list_display = [
        "council",
        "asset_type",
        "application_type",
        "annual_licence_fee",
        "application_fee",
        "legal_fee",
        "surveyor_fee",
    ]
    list_filter = ["application_type", "asset_type"]
    list_select_related = ["council", "asset_type"]

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        user = request.user
        return is_system_admin(user) or (user.is_active and user.is_council_admin)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission
