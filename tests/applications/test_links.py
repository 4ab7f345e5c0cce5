"""One name and one home for the application page's address: applications.links.detail_url."""

import re

import pytest

from applications.links import detail_url
from applications.services.notify import APPLICANT_SIDE, notify
from tests.applications.factories import SubmittedApplicationFactory
from tests.factories import OfficerFactory
from tests.source_tree import project_sources


def test_the_page_address_is_built_in_one_place():
    sources = project_sources()
    builders = [
        path for path, text in sources.items() if re.search(r"""reverse\(\s*["']applications:detail["']""", text)
    ]
    assert builders == ["applications/links.py"]
    second_names = [path for path, text in sources.items() if re.search(r"def (application_url|detail_url)\b", text)]
    assert second_names == ["applications/links.py"]


@pytest.mark.django_db
def test_notices_link_the_page_the_views_serve(client, glasgow):
    application = SubmittedApplicationFactory(council=glasgow)
    url = detail_url(application)
    assert url == f"/applications/{application.reference}/"
    [note] = notify(application=application, side=APPLICANT_SIDE, text="News", users=[application.supplier])
    assert note.url == url
    client.force_login(OfficerFactory(council=glasgow))
    assert client.get(url).status_code == 200
