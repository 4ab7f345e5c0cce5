"""The conformance classes the service implements (each is tested path by path in tests/ogcapi)."""

FEATURES_1 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/"
FEATURES_2 = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/"
FEATURES_3 = "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/"
CQL2 = "http://www.opengis.net/spec/cql2/1.0/conf/"
# Drafts: Part 6 Property Selection and Part 8 Sorting (docs.ogc.org/DRAFTS/24-030), as their
# implementations announce them; they may change before the parts are approved.
FEATURES_6 = "http://www.opengis.net/spec/ogcapi-features-6/1.0/conf/"
FEATURES_8 = "http://www.opengis.net/spec/ogcapi-features-8/1.0/conf/"

CONFORMANCE = [
    FEATURES_1 + "core",
    FEATURES_1 + "oas30",
    FEATURES_1 + "html",
    FEATURES_1 + "geojson",
    FEATURES_2 + "crs",
    FEATURES_3 + "queryables",
    FEATURES_3 + "filter",
    FEATURES_3 + "features-filter",
    CQL2 + "cql2-text",
    CQL2 + "cql2-json",
    CQL2 + "basic-cql2",
    CQL2 + "advanced-comparison-operators",
    CQL2 + "basic-spatial-functions",
    CQL2 + "basic-spatial-functions-plus",
    FEATURES_6 + "property-selection",
    FEATURES_8 + "sorting",
]
