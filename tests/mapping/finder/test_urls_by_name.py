"""The finder's code builds its addresses from URL names (reverse), not by hand: an asset page
link in the map API and on the asset page resolves to the asset page with the same council and
reference, whatever the reference holds, and no finder module spells out a /sites/ path."""

import ast
import re
from urllib.parse import unquote

import pytest
from django.urls import resolve, reverse

from mapping.finder.api import asset_page_url
from mapping.maps import features_map, site_finder_map
from tests.source_tree import project_sources


@pytest.mark.parametrize("reference", ["LC-1", "RT 2/B", "a/b/c", "50%", "ÄRN~1", "x?y#z"])
def test_asset_page_urls_resolve_to_the_asset_page(reference):
    match = resolve(unquote(asset_page_url("glasgow", reference)))  # as the server decodes the path
    assert match.view_name == "finder:detail"
    assert match.kwargs == {"council": "glasgow", "reference": reference}


def test_a_plain_reference_is_what_reverse_gives():
    assert asset_page_url("glasgow", "LC-1") == reverse(
        "finder:detail", kwargs={"council": "glasgow", "reference": "LC-1"}
    )


def test_maps_take_the_wards_layer_from_its_url_name():
    wards = reverse("finder:api_wards")
    assert wards in site_finder_map(bounds=(-4.3, 55.8, -4.2, 55.9)).script
    assert wards in features_map(key="asset", features=[], bounds=None).script


def _code_strings(text: str):
    """(line, string) of every string literal in a module's code, docstrings left out (they are prose)."""
    tree = ast.parse(text)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_no_finder_module_builds_a_portal_path_by_hand():
    portal_path = re.compile(r"^/(sites|api|rollout|licences|applications)/")
    found = [
        f"{path}:{line}: {value}"
        for path, text in project_sources().items()
        if path.startswith("mapping/finder/") or path == "mapping/maps.py"
        for line, value in _code_strings(text)
        if portal_path.match(value)
    ]
    assert found == []
