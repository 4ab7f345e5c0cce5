"""Each council's branding: its name, logo and colour head its pages; the portal's where a page is about several."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from portal.branding import DARK_TEXT, LIGHT_TEXT, brand_css, contrast_ratio, text_colour_on
from tests.factories import CouncilFactory, OfficerFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def png(colour=(0, 94, 165)) -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(data, format="PNG")
    return data.getvalue()


@pytest.fixture
def valley(glasgow):
    return CouncilFactory(name="Clyde Valley Council", slug="clyde-valley", brand_colour="#00703c", logo_png=png())


def header_of(html: str) -> str:
    return html.split('<header class="govuk-template__header">', 1)[1].split("</header>", 1)[0]


@pytest.mark.parametrize(
    ("background", "text"),
    [
        ("#1d70b8", LIGHT_TEXT),
        ("#00703c", LIGHT_TEXT),
        ("#0b0c0c", LIGHT_TEXT),
        ("#ffdd00", DARK_TEXT),
        ("#ffffff", DARK_TEXT),
    ],
)
def test_the_header_text_keeps_aa_contrast_on_the_councils_colour(background, text):
    assert text_colour_on(background) == text
    assert contrast_ratio(text, background) >= 4.5


def test_contrast_is_the_wcag_ratio():
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1)
    assert contrast_ratio("#ffffff", "#767676") == pytest.approx(4.54, abs=0.01)  # the classic AA grey


def test_brand_stylesheet_is_the_councils_colour(client, valley):
    response = client.get(reverse("councils:brand_css", args=[valley.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert response.content.decode() == brand_css(valley)
    assert "background-color: #00703c" in response.content.decode()
    assert "max-age=300" in response["Cache-Control"]


def test_logo_is_served_and_a_council_without_one_is_404(client, valley, glasgow):
    response = client.get(reverse("councils:logo", args=[valley.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content == valley.logo_png
    assert client.get(reverse("councils:logo", args=[glasgow.slug])).status_code == 404
    assert client.get(reverse("councils:brand_css", args=["atlantis"])).status_code == 404


def test_council_staff_see_their_own_council_on_every_page(client, valley):
    client.force_login(OfficerFactory(council=valley))
    header = header_of(client.get(reverse("pages:home")).content.decode())
    assert "Clyde Valley Council" in header
    assert f'src="{reverse("councils:logo", args=[valley.slug])}"' in header
    html = client.get(reverse("finder:list")).content.decode()
    assert f'href="{reverse("councils:brand_css", args=[valley.slug])}"' in html


def test_a_portal_of_several_councils_is_headed_by_the_service_not_one_council(client, valley):
    client.force_login(SupplierFactory())
    html = client.get(reverse("pages:home")).content.decode()
    assert "Councils' telecoms sites" in header_of(html)
    assert "brand.css" not in html
    assert "Clyde Valley Council" not in header_of(html)


def test_a_page_about_one_council_carries_its_branding(client, valley):
    html = client.get(reverse("rollout:map"), {"council": valley.slug}).content.decode()
    assert "Clyde Valley Council" in header_of(html)
    assert f'href="{reverse("councils:brand_css", args=[valley.slug])}"' in html


def test_with_one_council_every_page_is_its(client, glasgow):
    html = client.get(reverse("pages:home")).content.decode()
    assert glasgow.name in header_of(html)
    assert f'href="{reverse("councils:brand_css", args=[glasgow.slug])}"' in html
    assert "<img" not in header_of(html)  # no logo loaded
