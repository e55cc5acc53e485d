"""API tokens expire and can be rotated (issue 14, fault 19).

A token is valid for `settings.API_TOKEN_DAYS` days from its issue (BEIBIT_API_TOKEN_DAYS, default 30), after
which the API answers 401 as for a revoked one. A client rotates its token before then: the token sent is
revoked and a new one, valid for the full period, is returned, in one transaction."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from beibit.cases.errors import Unauthenticated
from beibit.cases.models import ApiToken


def lifetime() -> dt.timedelta:
    return dt.timedelta(days=settings.API_TOKEN_DAYS)


def expires_at(token: ApiToken) -> dt.datetime:
    issued: dt.datetime = token.created_at
    return issued + lifetime()


def issued_after(now: dt.datetime) -> dt.datetime:
    """Tokens issued at or after this instant are still valid at `now`."""
    return now - lifetime()


def rotate(digest: str, *, now: dt.datetime) -> tuple[str, ApiToken]:
    """Revoke the valid token with this digest and issue its successor for the same account."""
    from beibit.cases.services import token_digest

    with transaction.atomic():
        current = (
            ApiToken.objects.select_for_update()
            .filter(key_hash=digest, revoked_at__isnull=True, created_at__gte=issued_after(now))
            .first()
        )
        if current is None:
            raise Unauthenticated(_("This token is not valid (expired or revoked)."), code="unauthenticated")
        current.revoked_at = now
        current.save(update_fields=["revoked_at"])
        token = secrets.token_urlsafe(32)
        successor = ApiToken.objects.create(user=current.user, key_hash=token_digest(token), created_at=now)
    return token, successor
