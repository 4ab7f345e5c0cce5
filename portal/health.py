"""GET /healthz: whether this instance can serve (the database answers), for the load balancer and monitoring.

200 {"status": "ok", "database": "ok"} or 503 {"status": "unavailable", "database": "<why>"}.
Never cached; no session, no login; exempt from the HTTPS redirect so a proxy can ask
over plain HTTP on the private network.
"""

import logging

from django.db import DatabaseError, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.error("Health check: the database does not answer (%s)", exc.__class__.__name__)
        return JsonResponse({"status": "unavailable", "database": "not answering"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
