"""The standard's exception answer: {"code": ..., "description": ...} with a 4xx status."""

import orjson
from django.http import HttpResponse


class OGCError(Exception):
    """A request the service refuses; `description` names the parameter and the problem, in plain English."""

    def __init__(self, description: str, *, status: int = 400, code: str = "InvalidParameterValue"):
        super().__init__(description)
        self.description, self.status, self.code = description, status, code

    def response(self) -> HttpResponse:
        body = {"code": self.code, "description": self.description}
        return HttpResponse(orjson.dumps(body), status=self.status, content_type="application/json")


def not_found(what: str) -> OGCError:
    return OGCError(what, status=404, code="NotFound")
