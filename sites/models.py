"""The asset register: wards, constraint layers, asset types and the assets themselves.

Geometry is GeoJSON in WGS84; every spatial row also keeps plain indexed numbers
(point, bounding box, British National Grid) so that queries narrow in SQL and
shapely decides exactly. See docs/adr/0001-geometry-without-a-spatial-database.md.
"""

from django.db import models
from django.db.models import F, Q
from djgeojson.fields import GeometryField, MultiPolygonField
from simple_history.models import HistoricalRecords

from portal.models import Council


class NullsLastIndex(models.Index):
    """An index whose descending columns keep NULLs last on PostgreSQL too, to serve the finder's
    `F(...).desc(nulls_last=True)` (tallest first, unknown heights last) in index order.

    SQLite sorts NULLs as the smallest values, so its DESC already puts them last (and it
    does not allow NULLS LAST in an index); PostgreSQL's DESC puts them first.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        statement = super().create_sql(model, schema_editor, using=using, **kwargs)
        if schema_editor.connection.vendor == "postgresql":
            columns = statement.parts["columns"]
            columns.col_suffixes = [f"{s} NULLS LAST" if s == "DESC" else s for s in columns.col_suffixes]
        return statement


class ApplicationType(models.TextChoices):
    """The four kinds of licence a supplier can apply for (Glasgow's Word templates)."""

    SMALL_CELL = "small_cell", "Small cell"
    ROOFTOP = "rooftop", "Rooftop"
    MACRO_SITE = "macro_site", "Macro site"
    WAYLEAVE = "wayleave", "Wayleave (fibre)"


def bbox_constraint(prefix: str) -> models.CheckConstraint:
    """Coordinates inside WGS84 and the box the right way round."""
    return models.CheckConstraint(
        condition=Q(min_longitude__gte=-180)
        & Q(max_longitude__lte=180)
        & Q(min_latitude__gte=-90)
        & Q(max_latitude__lte=90)
        & Q(min_longitude__lte=F("max_longitude"))
        & Q(min_latitude__lte=F("max_latitude")),
        name=f"{prefix}_bbox_valid",
    )


class BoundingBox(models.Model):
    """The WGS84 bounding box of a row's geometry, for narrowing queries in SQL."""

    min_longitude = models.FloatField()
    min_latitude = models.FloatField()
    max_longitude = models.FloatField()
    max_latitude = models.FloatField()

    class Meta:
        abstract = True


class Ward(BoundingBox):
    """An electoral ward (ONS code), used to place and count assets."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="wards")
    code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=200)
    geometry = MultiPolygonField()

    class Meta:
        ordering = ["name"]
        constraints = [
            bbox_constraint("ward"),
            models.UniqueConstraint(fields=["council", "name"], name="ward_name_unique_in_council"),
        ]

    def __str__(self) -> str:
        return self.name


class ConstraintKind(models.TextChoices):
    CONSERVATION_AREA = "conservation_area", "Conservation area"
    LISTED_BUILDING = "listed_building", "Listed building"
    TREE_PRESERVATION_ORDER = "tree_preservation_order", "Tree preservation order"
    OTHER = "other", "Other constraint"


class ConstraintArea(BoundingBox):
    """A planning constraint an installation must respect (polygon, or a point with a buffer)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="constraint_areas")
    kind = models.CharField(max_length=30, choices=ConstraintKind.choices)
    reference = models.CharField(max_length=50)
    name = models.CharField(max_length=200)
    geometry = GeometryField()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            bbox_constraint("constraintarea"),
            models.UniqueConstraint(fields=["council", "kind", "reference"], name="constraintarea_reference_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public: anyone may browse"
    RESTRICTED = "restricted", "Restricted: signed-in suppliers and officers"


class AssetType(models.Model):
    """Reference data (fixtures/asset_types.json, fixed codes)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100, unique=True)
    accepted_application_types = models.JSONField(
        default=list, help_text="Codes of the application types this kind of asset can take."
    )
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    colour = models.CharField(max_length=7, default="#1d70b8", help_text="Map colour, #rrggbb.")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(colour__regex=r"^#[0-9a-fA-F]{6}$"), name="assettype_colour_hex"),
        ]

    def __str__(self) -> str:
        return self.name

    def accepts(self, application_type: str) -> bool:
        return application_type in self.accepted_application_types


class PowerSupply(models.TextChoices):
    NONE = "none", "None"
    UNMETERED = "unmetered", "Unmetered"
    METERED = "metered", "Metered"


class Availability(models.TextChoices):
    AVAILABLE = "available", "Available"
    UNAVAILABLE = "unavailable", "Unavailable"


class Asset(BoundingBox):
    """A council asset that can host digital infrastructure.

    `longitude`/`latitude` are the point (or centroid), `easting`/`northing` the same in
    EPSG:27700. Ward and constraint flags are computed when the asset is written
    (sites.services) so that filtering by them is an ordinary indexed query.
    """

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="assets")
    reference = models.CharField("council reference", max_length=50)
    uprn = models.BigIntegerField("UPRN", null=True, blank=True)
    usrn = models.BigIntegerField("USRN", null=True, blank=True)
    asset_type = models.ForeignKey(AssetType, on_delete=models.PROTECT, related_name="assets")
    name = models.CharField(max_length=200, blank=True)
    street = models.CharField("street or address", max_length=300, blank=True)
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.SET_NULL, related_name="assets")
    geometry = GeometryField()
    longitude = models.FloatField()
    latitude = models.FloatField()
    easting = models.FloatField()
    northing = models.FloatField()
    height_m = models.DecimalField("height (m)", max_digits=6, decimal_places=2, null=True, blank=True)
    material = models.CharField(max_length=100, blank=True)
    structural_capacity_kg = models.PositiveIntegerField("structural capacity (kg)", null=True, blank=True)
    slots = models.PositiveSmallIntegerField(default=1, help_text="How many installations it can carry.")
    # Capacity taken by approved installations; changed only by the capacity services.
    slots_used = models.PositiveSmallIntegerField(default=0, editable=False)
    load_used_kg = models.PositiveIntegerField(default=0, editable=False)
    power_supply = models.CharField(max_length=10, choices=PowerSupply.choices, default=PowerSupply.NONE)
    fibre_nearby = models.BooleanField(default=False)
    availability = models.CharField(max_length=12, choices=Availability.choices, default=Availability.AVAILABLE)
    unavailable_reason = models.CharField(max_length=300, blank=True)
    in_conservation_area = models.BooleanField(default=False)
    listed_building = models.BooleanField(default=False)
    tree_preservation_order = models.BooleanField(default=False)
    constraint_areas = models.ManyToManyField(ConstraintArea, blank=True, related_name="assets")
    notes = models.TextField(blank=True)
    is_synthetic = models.BooleanField(
        default=False, help_text="Generated demonstration data, not a real council asset."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["council", "reference"]
        constraints = [
            bbox_constraint("asset"),
            models.UniqueConstraint(fields=["council", "reference"], name="asset_reference_unique_in_council"),
            models.CheckConstraint(condition=Q(height_m__gte=0), name="asset_height_not_negative"),
            models.CheckConstraint(condition=Q(slots_used__lte=F("slots")), name="asset_slots_used_within_slots"),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180) & Q(longitude__lte=180) & Q(latitude__gte=-90) & Q(latitude__lte=90),
                name="asset_point_in_range",
            ),
            models.CheckConstraint(
                condition=Q(availability=Availability.AVAILABLE) | ~Q(unavailable_reason=""),
                name="asset_unavailable_has_reason",
                violation_error_message="Give the reason the asset is unavailable.",
            ),
            models.CheckConstraint(
                condition=Q(easting__gte=-1_000_000)
                & Q(easting__lte=1_500_000)
                & Q(northing__gte=-1_000_000)
                & Q(northing__lte=2_000_000),
                name="asset_grid_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["longitude", "latitude"], name="asset_lon_lat"),
            models.Index(fields=["council", "asset_type"], name="asset_council_type"),
            models.Index(fields=["council", "ward"], name="asset_council_ward"),
            models.Index(fields=["availability"], name="asset_availability"),
            # A collection's features in order (ogcapi sortby): one asset type of one council by
            # reference, or by height then reference (the finder's own sort keys), read in index order.
            models.Index(fields=["council", "asset_type", "reference"], name="asset_council_type_reference"),
            models.Index(fields=["council", "asset_type", "height_m", "reference"], name="asset_council_type_height"),
            # Tallest first, then reference A to Z (and its reverse): one index for mixed directions.
            models.Index(fields=["council", "asset_type", "-height_m", "reference"], name="asset_council_tallest"),
            # The site finder over every council (its default) and a council's search over several
            # types: a page by reference, or tallest first, read in index order, not a sort of a million.
            models.Index(fields=["reference", "id"], name="asset_reference_id"),
            NullsLastIndex(fields=["-height_m", "reference", "id"], name="asset_tallest_reference_id"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}".strip()

    @property
    def is_available(self) -> bool:
        return self.availability == Availability.AVAILABLE

    @property
    def free_slots(self) -> int:
        return max(self.slots - self.slots_used, 0)

    @property
    def remaining_load_kg(self) -> int | None:
        if self.structural_capacity_kg is None:
            return None
        return max(self.structural_capacity_kg - self.load_used_kg, 0)


# A supplier's shortlist of assets (its own module; sites.shortlist_services changes it).
# A supplier's saved finder searches (sites.saved_search_services changes them).
from .saved_searches import SavedSearch  # noqa: E402, F401
from .shortlist import Shortlist, ShortlistItem  # noqa: E402, F401
