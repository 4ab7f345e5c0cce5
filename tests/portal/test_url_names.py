"""Every URL name the code and the templates ask for exists.

No lookup falls back to a hard-coded path (issue 14): reverse() raises on a broken name,
so the page's own test fails. A `{% url 'name' as var %}` in a template is the one lookup
that fails silently (it gives ""), so this test checks every name by itself.
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver

from tests.source_tree import project_sources

PYTHON_LOOKUP = re.compile(r"""\b(?:reverse|reverse_lazy|redirect|resolve_url)\(\s*["']([\w:-]+)["']""")
TEMPLATE_LOOKUP = re.compile(r"""\{%\s*url\s+["']([\w:-]+)["']""")


def _names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= _names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_url_name_looked_up_exists():
    known = _names(get_resolver())
    asked = {
        (path, name)
        for pattern, files in ((PYTHON_LOOKUP, project_sources("*.py")), (TEMPLATE_LOOKUP, project_sources("*.html")))
        for path, text in files.items()
        for name in pattern.findall(text)
    }
    assert len(asked) > 50, "the lookups were found"
    assert sorted((path, name) for path, name in asked if name not in known) == []


def test_no_lookup_catches_a_broken_name():
    catchers = [
        path for path, text in project_sources().items() if re.search(r"except\s*\(?[\w., ]*NoReverseMatch", text)
    ]
    assert catchers == []
