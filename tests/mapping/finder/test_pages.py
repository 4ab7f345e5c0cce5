"""The list page's pages over every council are read in index order (sites.models indexes
asset_reference_id and asset_tallest_reference_id), not sorted whole: a million assets
would be a sort of a million rows for each page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import QueryDict

from mapping.finder.pages import search_pages
from mapping.finder.search import page_search
from sites.models import Asset
from tests.factories import located_assets_bulk_create

from .site_finder_data import point

pytestmark = pytest.mark.django_db


@pytest.fixture
def columns(glasgow):
    heights = [None, 8, 12, None, 12, 3, 20, 8]
    rows = [
        {"reference": f"LC-{i}", "geometry": point(-4.25 + i * 0.001, 55.86), "height_m": h}
        for i, h in enumerate(heights)
    ]
    located_assets_bulk_create(council=glasgow, rows=rows)


def _page_query(query: str):
    finder = page_search(QueryDict(query), user=AnonymousUser())
    assert finder.is_valid, finder.errors
    paginator = search_pages(search=finder.search, user=AnonymousUser(), council=None, per_page=3)
    return paginator, paginator.ordered.values_list("id", flat=True)[3:6]


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_sort = off")  # the plan may only avoid a sort with an index in order
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("query", "index", "references"),
    [
        ("", "asset_reference_id", ["LC-3", "LC-4", "LC-5"]),
        ("sort=-height", "asset_tallest_reference_id", ["LC-1", "LC-7", "LC-5"]),  # 20, 12, 12, then 8, 8, 3
    ],
)
def test_a_page_over_every_council_is_read_in_index_order(columns, query, index, references):
    paginator, ids = _page_query(query)
    assert [p.reference for p in paginator.page(2).object_list] == references
    plan = _plan(ids)
    assert index in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan.replace("Incremental Sort", ""), plan


def test_tallest_first_keeps_unknown_heights_last(columns):
    paginator, _ = _page_query("sort=-height")
    paginator.per_page = 8
    listed = [(a.reference, a.height_m) for a in paginator.page(1).object_list]
    assert listed[-2:] == [("LC-0", None), ("LC-3", None)]
    assert [h for _, h in listed[:-2]] == sorted(
        (a.height_m for a in Asset.objects.exclude(height_m=None)), reverse=True
    )
