"""A council's branding on its pages: the header in its colour (text kept readable) and its logo.

Served as a small stylesheet per council (/councils/<slug>/brand.css), so no page needs an
inline style under the Content Security Policy; the colour is validated on the model
(portal.models.colour_validator), so it is always "#rrggbb".
"""

from .models import Council

DARK_TEXT = "#0b0c0c"  # GOV.UK's text colour
LIGHT_TEXT = "#ffffff"


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of "#rrggbb"."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(one: str, other: str) -> float:
    """WCAG contrast ratio of two "#rrggbb" colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """White on the council's colour where it reads (4.5:1, WCAG AA), else GOV.UK's near-black."""
    return LIGHT_TEXT if contrast_ratio(LIGHT_TEXT, background) >= 4.5 else DARK_TEXT


def brand_css(council: Council) -> str:
    """The stylesheet that puts the council's colour on the header."""
    background = council.brand_colour.lower()
    text = text_colour_on(background)
    return (
        f".govuk-header {{ background-color: {background}; border-bottom-color: {background}; color: {text}; }}\n"
        f".govuk-header .portal-header__homepage-link,\n"
        f".govuk-header .portal-header__homepage-link:link,\n"
        f".govuk-header .portal-header__homepage-link:visited {{ color: {text}; }}\n"
    )
