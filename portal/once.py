"""A form that creates something, sent twice (a double click, a resent POST), creates it once.

The page gives its form a fresh token (`once_token()`, a hidden `once` field). `once()`
spends the token inside the creating transaction: the first request with a token inserts
its row (unique), makes the object and records where it lives; a second request with the
same token finds the row (on PostgreSQL it waits on the unique index until the first
commits) and is sent to the same place instead of making another. A request whose service
refuses (bad input) rolls its token back, so the corrected form can be sent again.
"""

import secrets
from collections.abc import Callable

from django.db import IntegrityError, transaction

from .models import FormSubmission

TOKEN_BYTES = 16


def once_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class AlreadyDone(Exception):
    """The form was sent before with this token; `url` is where its object is."""

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


def once(*, user, token: str, create: Callable[[], str]) -> str:
    """Run `create` (which makes the object and returns its URL) once per token.

    Raises AlreadyDone(url) for a token already spent. A missing or malformed token runs
    `create` without the guard (an old page). Exceptions from `create` roll the token back.
    """
    if not token or len(token) > 64:
        return create()
    with transaction.atomic():
        try:
            with transaction.atomic():
                submission = FormSubmission.objects.create(token=token, user=user)
        except IntegrityError:
            previous = FormSubmission.objects.filter(token=token, user=user).first()
            raise AlreadyDone(previous.url if previous else "") from None
        url = create()
        submission.url = url
        submission.save(update_fields=["url"])
        return url
