"""One pagination partial and one error-summary partial (templates/includes/), fed by the
filters in portal/templatetags/govuk.py; no page writes its own."""

import re

import pytest
from django import forms
from django.core.paginator import Paginator
from django.template.loader import render_to_string

from mapping.rollout.filters import RolloutFilterForm
from mapping.rollout.views import page_links as rollout_page_links
from portal.pagination import page_links
from portal.templatetags.govuk import error_links
from portal.templatetags.govuk import page_links as page_links_filter
from tests.source_tree import project_sources

PARTIALS = {"templates/includes/pagination.html", "templates/includes/error_summary.html"}


def test_one_partial_of_each():
    names = re.compile(r"pagination|error.?summary|problems")
    found = {path for path in project_sources("*.html") if names.search(path.rsplit("/", 1)[-1])}
    assert found == PARTIALS


def test_no_template_writes_its_own_pagination_or_error_list():
    # The licence check's result box lists a link under its verdict: a result, not a form's errors.
    allowed = PARTIALS | {"templates/mapping/licences/result.html"}
    writers = {
        path
        for path, text in project_sources("*.html").items()
        if "govuk-pagination__list" in text or "govuk-error-summary__list" in text
    }
    assert writers <= allowed
    assert writers >= PARTIALS


def test_the_rollout_pages_use_the_one_rule():
    assert rollout_page_links is page_links
    assert [path for path, text in project_sources().items() if "def page_links(current" in text] == [
        "portal/pagination.py"
    ]


def test_page_links_of_a_page():
    paginator = Paginator(range(400), 1)
    assert page_links_filter(paginator.page(200)) == [1, None, 198, 199, 200, 201, 202, None, 400]
    assert page_links_filter(None) == []
    assert page_links_filter(Paginator(range(3), 10).page(1)) == []


def test_the_pagination_partial():
    page = Paginator(range(40), 1).page(5)
    html = render_to_string(
        "includes/pagination.html",
        {"page": page, "links": page_links(5, 40), "label": "Pages of sites", "query": "q=1"},
    )
    assert 'aria-label="Pages of sites"' in html
    assert 'href="?q=1&amp;page=4" rel="prev"' in html and 'href="?q=1&amp;page=6" rel="next"' in html
    assert html.count("govuk-pagination__item--ellipses") == 2
    assert 'aria-label="Page 5" aria-current="page"' in html
    assert 'aria-label="Pages"' in render_to_string("includes/pagination.html", {"page": page, "links": [1, 2]})
    assert render_to_string("includes/pagination.html", {"page": Paginator([1], 5).page(1), "links": []}).strip() == ""


class _SignIn(forms.Form):
    email = forms.EmailField()
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)

    def clean(self):
        raise forms.ValidationError("Those details do not match")


def test_error_links_point_at_fields_and_the_first_box_of_a_group():
    form = _SignIn({"email": "not an email", "kind": "z"})
    assert error_links(form) == [
        ("id_email", "Those details do not match"),
        ("id_email", "Enter a valid email address."),
        ("id_kind_0", "Select a valid choice. z is not one of the available choices."),
    ]
    assert error_links(form, "id_kind_0")[0] == ("id_kind_0", "Those details do not match")
    assert error_links(_SignIn()) == [] and error_links(None) == [] and error_links("") == []


@pytest.mark.django_db
def test_the_rollout_filters_link_their_checkbox_groups():
    form = RolloutFilterForm({"status": ["nope"], "ward": "X"}, council=None, operators=[], wards=[])
    assert [anchor for anchor, _ in error_links(form)] == ["id_status_0", "id_ward"]


def test_the_error_summary_partial():
    html = render_to_string(
        "includes/error_summary.html",
        {"errors": [("sites", "Add a site")], "title": "The application cannot be submitted yet", "intro": "Fix it."},
    )
    assert '<h2 class="govuk-error-summary__title">The application cannot be submitted yet</h2>' in html
    assert '<p class="govuk-body">Fix it.</p>' in html and '<li><a href="#sites">Add a site</a></li>' in html
    assert "There is a problem" in render_to_string("includes/error_summary.html", {"errors": [("x", "y")]})
    assert render_to_string("includes/error_summary.html", {"errors": []}).strip() == ""
