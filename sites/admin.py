"""Admin for the asset register: officers edit their council's assets, wards and constraints."""

import json

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from portal.admin_access import CouncilScopedAdmin, SystemAdminOnly, admin_site

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
