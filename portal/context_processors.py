"""What every page's layout needs: the council whose portal this is."""

from django.conf import settings
from django.http import HttpRequest

from .selectors import council_default


def portal(request: HttpRequest) -> dict:
    return {"council": council_default(), "map_tile_url": settings.MAP_TILE_URL}
