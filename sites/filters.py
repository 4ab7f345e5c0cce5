"""The site finder's filters (django-filter), shared by the map API and the list page.

    filterset = AssetSearchFilterSet(request.GET, user=request.user, council=council)
    if not filterset.is_valid():
        ...  # filterset.errors: {parameter: [plain-English messages]}
    queryset = filterset.qs  # = asset_search_queryset(search=filterset.search(), user=..., council=...)
    result = asset_search(search=filterset.search(), user=request.user, council=council)  # the map's rows

Every list filter of the site finder is a filter here; the where-part (bbox, near or
near_en, radius, within), zoom and sort are fields of the same form. Unknown values and
bad parameters are form errors named after the parameter; parameters this form does not
know (a list page's `page`) are left alone.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.db.models.lookups import GreaterThanOrEqual

from portal.models import Council

from .geometry import bng_to_lonlat
from .models import Asset, Availability, PowerSupply, Ward
from .search import (
    SORTS,
    AssetSearch,
    SearchArea,
    asset_search_queryset,
    free_load_kg,
    free_slots,
    search_setting,
    visible_asset_types,
)
from .search_fields import (
    BBoxField,
    CommaSeparatedMultiple,
    GridPointField,
    LonLatField,
    PolygonField,
    StrictBooleanField,
)

CONSTRAINT_FLAGS = {
    "conservation_area": ("in_conservation_area", "Conservation area"),
    "listed_building": ("listed_building", "Listed building"),
    "tree_preservation_order": ("tree_preservation_order", "Tree preservation order"),
}
WHERE_FIELDS = ("bbox", "near", "near_en", "radius", "within", "zoom", "sort")


def _given(value) -> bool:
    if value is None or isinstance(value, bool):
        return value is not None
    if isinstance(value, QuerySet):  # a model multiple choice: .none() when nothing was chosen
        return not value.query.is_empty()
    return len(value) > 0 if hasattr(value, "__len__") else True


class StrictBooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


def _in_any_box(point: tuple[float, float], councils) -> bool:
    lon, lat = point
    return any(c.min_longitude <= lon <= c.max_longitude and c.min_latitude <= lat <= c.max_latitude for c in councils)


class AssetSearchForm(forms.Form):
    """The where-part, zoom and sort; the filters' fields are added by the FilterSet."""

    bbox = BBoxField(required=False, label="Map view (west,south,east,north)")
    near = LonLatField(required=False, label="Near (longitude,latitude)")
    near_en = GridPointField(required=False, label="Near (easting,northing)")
    radius = forms.FloatField(
        required=False,
        label="Within (metres)",
        error_messages={"invalid": "Enter the radius in metres, as a number."},
    )
    within = PolygonField(required=False, label="Inside an area (GeoJSON polygon)")
    zoom = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=22,
        error_messages={"invalid": "Enter the map zoom as a whole number from 0 to 22."},
    )
    sort = forms.ChoiceField(required=False, choices=[("", "Default"), *SORTS.items()])

    def __init__(self, *args, council: Council | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council

    def clean_radius(self):
        radius = self.cleaned_data.get("radius")
        if radius is None:
            return None
        limit = search_setting("MAX_RADIUS_M")
        if radius <= 0:
            raise ValidationError("Enter a radius greater than 0 metres.", code="min_value")
        if radius > limit:
            raise ValidationError(f"Enter a radius of at most {limit:,} metres.", code="max_value")
        return radius

    def clean(self):
        data = super().clean()
        near, near_en = data.get("near"), data.get("near_en")
        point_param = "near"
        if near is not None and near_en is not None:
            self.add_error("near_en", "Give the point once: either near (longitude,latitude) or near_en.")
            return data
        if near_en is not None:
            lon, lat = bng_to_lonlat(*near_en)
            near, point_param = (float(lon), float(lat)), "near_en"
        if near is not None and not _in_any_box(near, [self.council] if self.council else Council.objects.all()):
            where = f"{self.council.name}'s area" if self.council else "the area of every council in the portal"
            self.add_error(point_param, f"That point is outside {where}.")
            near = None
        data["point"] = near
        point_given = near is not None or self.has_error("near") or self.has_error("near_en")
        if data.get("radius") is not None and not point_given:
            self.add_error("radius", "Give a point (near or near_en) to measure the radius from.")
        if data.get("sort") == "distance" and not point_given:
            self.add_error("sort", "Sorting by distance needs a point (near or near_en).")
        return data


class AssetSearchFilterSet(django_filters.FilterSet):
    """Every list filter of the site finder, for one user (who sees which types) and council."""

    asset_type = django_filters.ModelMultipleChoiceFilter(
        to_field_name="code",
        queryset=visible_asset_types(user=None),
        method="filter_asset_type",
        widget=CommaSeparatedMultiple,
        label="Asset type",
    )
    ward = django_filters.ModelMultipleChoiceFilter(
        to_field_name="code", queryset=Ward.objects.all(), method="filter_ward", widget=CommaSeparatedMultiple
    )
    availability = django_filters.ChoiceFilter(choices=Availability.choices, empty_label="Any")
    min_height = django_filters.NumberFilter(
        field_name="height_m", lookup_expr="gte", min_value=0, label="Height at least (m)"
    )
    max_height = django_filters.NumberFilter(
        field_name="height_m", lookup_expr="lte", min_value=0, label="Height at most (m)"
    )
    min_capacity_kg = django_filters.NumberFilter(
        method="filter_min_capacity", min_value=0, label="Structural capacity free at least (kg)"
    )
    min_free_slots = django_filters.NumberFilter(
        method="filter_min_free_slots", min_value=0, label="Free slots at least"
    )
    power = django_filters.MultipleChoiceFilter(
        field_name="power_supply", choices=PowerSupply.choices, widget=CommaSeparatedMultiple, label="Power supply"
    )
    fibre_nearby = StrictBooleanFilter(label="Fibre nearby")
    without = django_filters.MultipleChoiceFilter(
        choices=[(key, label) for key, (_, label) in CONSTRAINT_FLAGS.items()],
        method="filter_without",
        widget=CommaSeparatedMultiple,
        label="Without constraints",
    )
    q = django_filters.CharFilter(method="filter_text", max_length=100, label="Reference, name or street")

    class Meta:
        model = Asset
        fields: list[str] = []
        form = AssetSearchForm

    def __init__(self, data=None, *, user=None, council: Council | None = None, prefix=None, request=None):
        # The results come from `qs` (below), scoped to the user; this queryset is not used.
        super().__init__(data, Asset.objects.none(), prefix=prefix, request=request)
        self.user, self.council = user, council
        self.filters["asset_type"].queryset = visible_asset_types(user=user)
        wards = Ward.objects.order_by("name")
        self.filters["ward"].queryset = wards.filter(council=council) if council is not None else wards

    def get_form_class(self):
        form_class = super().get_form_class()
        council = self.council

        class Form(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, council=council, **kwargs)

            def clean_min_free_slots(self):
                value = self.cleaned_data.get("min_free_slots")
                if value is not None and value != int(value):
                    raise ValidationError("Enter a whole number of slots.", code="invalid")
                return value

            def clean(self):
                data = super().clean()
                low, high = data.get("min_height"), data.get("max_height")
                if low is not None and high is not None and low > high:
                    self.add_error("max_height", "The greatest height must not be less than the least height.")
                return data

        return Form

    @property
    def qs(self) -> QuerySet[Asset]:
        """The search's results for the user: sites.search.asset_search_queryset (exact, ordered)."""
        if not hasattr(self, "_qs"):
            if not self.is_valid():
                raise ValueError("The search is not valid; see .errors.")
            self._qs = asset_search_queryset(search=self.search(), user=self.user, council=self.council)
        return self._qs

    def filter_queryset(self, queryset):
        for name, value in self.form.cleaned_data.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    # Filters ---------------------------------------------------------------------------

    def filter_asset_type(self, queryset, name, value):
        return queryset.filter(asset_type__in=[t.pk for t in value]) if value else queryset

    def filter_ward(self, queryset, name, value):
        return queryset.filter(ward__in=[w.pk for w in value]) if value else queryset

    def filter_min_capacity(self, queryset, name, value):
        return queryset.filter(GreaterThanOrEqual(free_load_kg(), value)) if value is not None else queryset

    def filter_min_free_slots(self, queryset, name, value):
        return queryset.filter(GreaterThanOrEqual(free_slots(), int(value))) if value is not None else queryset

    def filter_without(self, queryset, name, value):
        return queryset.filter(**{CONSTRAINT_FLAGS[key][0]: False for key in value}) if value else queryset

    def filter_text(self, queryset, name, value):
        text = value.strip()
        if not text:
            return queryset
        return queryset.filter(Q(reference__icontains=text) | Q(name__icontains=text) | Q(street__icontains=text))

    # The parsed search -----------------------------------------------------------------

    def search(self) -> AssetSearch:
        """The validated search (call is_valid() first)."""
        if not self.is_valid():
            raise ValueError("The search is not valid; see .errors.")
        data = self.form.cleaned_data
        point = data.get("point")
        radius = data.get("radius")
        if point is not None and radius is None:
            radius = float(search_setting("DEFAULT_RADIUS_M"))
        area = SearchArea(bbox=data.get("bbox"), near=point, radius_m=radius, within=data.get("within"))
        filters = {name: data[name] for name in self.filters if _given(data.get(name))}
        return AssetSearch(
            area=area, sort=data.get("sort") or "", zoom=data.get("zoom"), filters=filters, refine=self.filter_queryset
        )

    def error_dict(self) -> dict[str, list[str]]:
        """{parameter: [messages]} for a 400 answer."""
        return {name: [str(m) for m in messages] for name, messages in self.errors.items()}
