"""Admin for the asset register: officers edit their council's assets, wards and constraints."""

import json
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from simple_history.admin import SimpleHistoryAdmin

from portal.admin_access import CouncilScopedAdmin, SystemAdminOnly, admin_site, is_system_admin
from portal.models import Council

from .io import ImportFileError, assets_import
from .io.columns import parse_mapping
from .io.read import parse_crs
from .io.runs import run_forget, run_progress, run_report, run_start, run_status
from .io.uploads import UPLOAD_SUFFIXES, upload_delete, upload_path, upload_store
from .models import Asset, AssetType, ConstraintArea, Ward
from .services import asset_locate, asset_save


class GeometryWidget(forms.Textarea):
    """GeoJSON text with a map drawn from it (Leaflet from our own static files)."""

    template_name = "admin/sites/geometry_widget.html"

    def __init__(self, attrs=None):
        super().__init__(attrs={"rows": 4, "class": "vLargeTextField geometry-json", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, dict):
            return json.dumps(value)
        return super().format_value(value)

    class Media:
        css = {"all": ["vendor/leaflet/leaflet.css", "portal/admin-geometry.css"]}
        js = ["vendor/leaflet/leaflet.js", "portal/admin-geometry.js"]


class GeometryFormField(forms.JSONField):
    widget = GeometryWidget
    default_error_messages = {
        "invalid": 'Enter the location as GeoJSON, e.g. {"type": "Point", "coordinates": [-4.25, 55.86]}.'
    }

    def validate(self, value):
        super().validate(value)
        if (
            not isinstance(value, dict)
            or "type" not in value
            or "coordinates" not in value
            and "geometries" not in value
        ):
            raise ValidationError(self.error_messages["invalid"], code="invalid")


class GeometryAdminMixin:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "geometry":
            return GeometryFormField(label="Geometry (GeoJSON, WGS84)", required=True)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


DERIVED = [
    "longitude",
    "latitude",
    "easting",
    "northing",
    "min_longitude",
    "min_latitude",
    "max_longitude",
    "max_latitude",
    "ward",
    "in_conservation_area",
    "listed_building",
    "tree_preservation_order",
    "created_at",
    "updated_at",
]


class AssetAdminForm(forms.ModelForm):
    """Shows a location outside the council, or an unusable shape, on the geometry field."""

    def _post_clean(self):
        super()._post_clean()
        if self.instance.council_id and "geometry" not in self.errors and self.instance.geometry:
            try:
                asset_locate(asset=self.instance)
            except ValidationError as exc:
                self._update_errors(exc)


PENDING_IMPORT = "sites.asset_import"


def max_upload_mb() -> int:
    return getattr(settings, "ASSET_IMPORT_MAX_UPLOAD_MB", 200)


class AssetImportForm(forms.Form):
    """What the officer gives for an import; the importer itself checks the file's contents."""

    council = forms.ModelChoiceField(queryset=Council.objects.all(), help_text="The council whose register this is.")
    file = forms.FileField(
        help_text="A GeoPackage (.gpkg), zipped Shapefile (.zip), GeoJSON (.geojson) or CSV (.csv) file."
    )
    asset_type = forms.ModelChoiceField(
        queryset=AssetType.objects.all(),
        required=False,
        empty_label="From the file's asset_type column",
        help_text="The type of every asset in the file.",
    )
    layer = forms.CharField(
        required=False, max_length=200, help_text="The layer to read when a GeoPackage or zip holds several."
    )
    crs = forms.CharField(
        label="Coordinate reference system",
        required=False,
        max_length=100,
        help_text="Only when the file has none, or the wrong one: for example EPSG:27700.",
    )
    mapping = forms.CharField(
        label="Column mapping",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 40}),
        help_text="One field=column per line, for columns not named like the asset fields: reference=camera-name.",
    )
    skip_invalid = forms.BooleanField(label="Import the good rows and leave out any with problems", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_system_admin(user):
            del self.fields["council"]

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if Path(uploaded.name).suffix.lower() not in UPLOAD_SUFFIXES:
            raise ValidationError(
                "Upload a GeoPackage (.gpkg), a zipped Shapefile (.zip), GeoJSON (.geojson) or CSV (.csv) file."
            )
        if uploaded.size > max_upload_mb() * 1024 * 1024:
            raise ValidationError(
                f"The file is larger than {max_upload_mb()} MB. Split it, or ask an administrator to run "
                "manage.py import_assets with it."
            )
        return uploaded

    def clean_mapping(self) -> dict[str, str]:
        try:
            return parse_mapping(self.cleaned_data["mapping"].splitlines())
        except ImportFileError as exc:
            raise ValidationError(str(exc)) from exc

    def clean_crs(self) -> str:
        crs = self.cleaned_data["crs"].strip()
        if crs:
            try:
                parse_crs(crs)
            except ImportFileError as exc:
                raise ValidationError(str(exc)) from exc
        return crs


def _import_job(pending: dict, *, dry_run: bool, by=None):
    """The importer call for a pending upload, to run with a Progress (sites.io.runs)."""
    council = Council.objects.get(pk=pending["council"])
    asset_type = AssetType.objects.filter(pk=pending["asset_type"]).first() if pending["asset_type"] else None

    def job(progress):
        return assets_import(
            council=council,
            source=upload_path(pending["token"]),
            asset_type=asset_type,
            layer=pending["layer"],
            crs=pending["crs"],
            mapping=pending["mapping"] or None,
            skip_invalid=pending["skip_invalid"],
            dry_run=dry_run,
            by=by,
            source_name=pending["name"],
            progress=progress,
        )

    return job


def _can_confirm(report, pending: dict) -> bool:
    """A preview may be confirmed when it would write something and no bad row stops it."""
    return report.created + report.updated > 0 and (not report.rejected or pending["skip_invalid"])


def _discard_pending(request: HttpRequest) -> None:
    pending = request.session.pop(PENDING_IMPORT, None)
    if pending:
        upload_delete(pending["token"])
        run_forget(pending["token"])


@admin.register(Asset, site=admin_site)
class AssetAdmin(GeometryAdminMixin, CouncilScopedAdmin, SimpleHistoryAdmin):
    form = AssetAdminForm
    list_display = ["reference", "name", "asset_type", "street", "ward", "height_m", "availability", "is_synthetic"]
    list_filter = [
        "asset_type",
        "availability",
        "power_supply",
        "fibre_nearby",
        "in_conservation_area",
        "listed_building",
        "tree_preservation_order",
        "is_synthetic",
        ("ward", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["reference", "name", "street", "uprn", "usrn"]
    list_select_related = ["asset_type", "ward"]
    readonly_fields = DERIVED
    exclude = ["constraint_areas"]
    list_per_page = 50
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["council", "reference", "asset_type", "name", "street", "uprn", "usrn", "is_synthetic"]}),
        ("Location", {"fields": ["geometry", "ward", "longitude", "latitude", "easting", "northing"]}),
        (
            "Capacity",
            {"fields": ["height_m", "material", "structural_capacity_kg", "slots", "power_supply", "fibre_nearby"]},
        ),
        ("Availability", {"fields": ["availability", "unavailable_reason", "notes"]}),
        (
            "Constraints found",
            {"fields": ["in_conservation_area", "listed_building", "tree_preservation_order"]},
        ),
        ("Record", {"classes": ["collapse"], "fields": ["created_at", "updated_at"]}),
    ]

    def save_model(self, request: HttpRequest, obj: Asset, form, change: bool) -> None:
        asset_save(asset=obj, by=request.user)

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None):
        """django-simple-history filters by the raw id, and a non-number is a 500 there: 404 instead."""
        try:
            Asset._meta.pk.to_python(object_id)
        except ValidationError as exc:
            raise Http404("No such asset.") from exc
        return super().history_view(request, object_id, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        run = self.admin_site.admin_view(self.import_run_view)
        return [
            path("import/", view, name="sites_asset_import"),
            path("import/<str:token>/", run, name="sites_asset_import_run"),
            *super().get_urls(),
        ]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a file; its preview (a dry run) and then the write run apart, on the run's page."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "_confirm" in request.POST:
            return self._import_confirm(request)
        if request.method == "POST" and "_cancel" in request.POST:
            _discard_pending(request)
            return redirect("admin:sites_asset_changelist")
        form = AssetImportForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            return self._import_preview(request, form)
        return self._import_page(request, form=form)

    def _import_preview(self, request: HttpRequest, form: AssetImportForm) -> HttpResponse:
        _discard_pending(request)
        data = form.cleaned_data
        pending = {
            "token": upload_store(data["file"]),
            "name": Path(data["file"].name).name,
            "council": (data.get("council") or request.user.council).pk,
            "asset_type": data["asset_type"].pk if data["asset_type"] else None,
            "layer": data["layer"] or None,
            "crs": data["crs"] or None,
            "mapping": data["mapping"],
            "skip_invalid": data["skip_invalid"],
        }
        request.session[PENDING_IMPORT] = pending
        run_start(pending["token"], _import_job(pending, dry_run=True), dry_run=True)
        return redirect("admin:sites_asset_import_run", token=pending["token"])

    def _import_confirm(self, request: HttpRequest) -> HttpResponse:
        pending = request.session.get(PENDING_IMPORT)
        status = run_status(pending["token"]) if pending else None
        if (
            not pending
            or request.POST.get("token") != pending["token"]
            or upload_path(pending["token"]) is None
            or status is None
            or status["state"] != "done"
            or not status["dry_run"]
        ):
            messages.error(request, "That import has expired or has been done already. Upload the file again.")
            return redirect("admin:sites_asset_import")
        if not is_system_admin(request.user) and pending["council"] != request.user.council_id:
            _discard_pending(request)
            raise PermissionDenied
        if not _can_confirm(run_report(status), pending):
            return redirect("admin:sites_asset_import_run", token=pending["token"])
        run_start(pending["token"], _import_job(pending, dry_run=False, by=request.user), dry_run=False)
        return redirect("admin:sites_asset_import_run", token=pending["token"])

    def import_run_view(self, request: HttpRequest, token: str) -> HttpResponse:
        """A run's page: its progress while it runs (the page refreshes), then its report."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        pending = request.session.get(PENDING_IMPORT)
        status = run_status(token) if pending and pending["token"] == token else None
        if status is None:  # not this person's, or long gone
            messages.error(request, "That import has expired or has been done already. Upload the file again.")
            return redirect("admin:sites_asset_import")
        if status["state"] == "running":
            return self._import_page(request, running=run_progress(status), pending=pending, refresh_seconds=2)
        if status["state"] == "failed":
            _discard_pending(request)
            form = AssetImportForm(user=request.user)
            form.errors["file"] = form.error_class([status["error"]])
            return self._import_page(request, form=form)
        report = run_report(status)
        if status["dry_run"]:
            can_confirm = _can_confirm(report, pending)
            if not can_confirm:
                _discard_pending(request)
            return self._import_page(request, report=report, pending=pending, can_confirm=can_confirm)
        _discard_pending(request)
        if not report.written:
            return self._import_page(request, report=report, pending=pending, can_confirm=False)
        messages.success(
            request,
            f"Imported {pending['name']}: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {len(report.rejected)} rows left out.",
        )
        return redirect("admin:sites_asset_changelist")

    def _import_page(self, request: HttpRequest, **context) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import assets from a file",
            "max_upload_mb": max_upload_mb(),
            **context,
        }
        return TemplateResponse(request, "admin/sites/asset/import.html", context)

    def save_related(self, request, form, formsets, change):
        # Constraint areas are derived by asset_save; nothing else to save.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(Ward, site=admin_site)
class WardAdmin(GeometryAdminMixin, CouncilScopedAdmin):
    list_display = ["code", "name", "council"]
    search_fields = ["code", "name"]
    readonly_fields = ["min_longitude", "min_latitude", "max_longitude", "max_latitude"]


@admin.register(ConstraintArea, site=admin_site)
class ConstraintAreaAdmin(GeometryAdminMixin, CouncilScopedAdmin):
    list_display = ["reference", "name", "kind", "council"]
    list_filter = ["kind"]
    search_fields = ["reference", "name"]
    readonly_fields = ["min_longitude", "min_latitude", "max_longitude", "max_latitude"]


@admin.register(AssetType, site=admin_site)
class AssetTypeAdmin(SystemAdminOnly):
    list_display = ["code", "name", "visibility", "accepted_application_types"]
