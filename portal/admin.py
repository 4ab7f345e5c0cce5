"""Admin for councils, organisations and users."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from .admin_access import SystemAdminOnly, admin_site, is_admin_user, is_system_admin
from .models import Council, Organisation, Role, User
from .services import organisation_verify


@admin.register(Council, site=admin_site)
class CouncilAdmin(SystemAdminOnly):
    list_display = ["name", "ons_code", "slug", "contact_email"]
    search_fields = ["name", "ons_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation, site=admin_site)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "companies_house_number", "is_code_operator", "ofcom_reference", "verified_at"]
    list_filter = ["is_code_operator", ("verified_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "companies_house_number", "ofcom_reference"]
    readonly_fields = ["verified_at", "verified_by", "created_at"]
    actions = ["verify"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_admin_user(request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_admin_user(request.user)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_admin_user(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_admin_user(request.user)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_system_admin(request.user)

    @admin.action(description="Verify the selected organisations")
    def verify(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        for organisation in queryset:
            organisation_verify(organisation=organisation, by=request.user)
        self.message_user(request, f"Verified {queryset.count()} organisation(s).", messages.SUCCESS)


@admin.register(User, site=admin_site)
class UserAdmin(DjangoUserAdmin):
    """System admins manage everyone; a council admin the staff of their own council."""

    list_display = ["username", "email", "role", "organisation", "council", "is_active"]
    list_filter = ["role", "is_active", "council", "organisation"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Portal role", {"fields": ["role", "organisation", "council", "is_organisation_admin"]}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        ("Portal role", {"fields": ["email", "role", "organisation", "council"]}),
    )

    def _may_manage(self, request: HttpRequest) -> bool:
        return is_system_admin(request.user) or request.user.is_council_admin

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        qs = super().get_queryset(request)
        if is_system_admin(request.user):
            return qs
        return qs.filter(council_id=request.user.council_id)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_admin_user(request.user) and self._may_manage(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_system_admin(request.user)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role" and not is_system_admin(request.user):
            # A council admin manages their council's staff and cannot grant more than that.
            kwargs["choices"] = [(r.value, r.label) for r in (Role.OFFICER, Role.COUNCIL_ADMIN)]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not is_system_admin(request.user):
            if db_field.name == "council":
                kwargs["queryset"] = Council.objects.filter(pk=request.user.council_id)
                kwargs["required"] = True
            elif db_field.name == "organisation":
                kwargs["queryset"] = Organisation.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        if is_system_admin(request.user):
            return ["last_login", "date_joined"]
        return ["last_login", "date_joined", "is_superuser", "is_staff", "groups", "user_permissions"]
