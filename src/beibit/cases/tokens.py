"""API tokens expire and can be rotated (issue 14, fault 19).

A token is valid for `settings.API_TOKEN_DAYS` days from its issue (BEIBIT_API_TOKEN_DAYS, default 30), after
which the API answers 401 as for a revoked one. A client rotates its token before then
(`accounts.rotate_token`): the token sent is revoked and a new one, valid for the full period, is returned."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from beibit.cases.models import ApiToken


def lifetime() -> dt.timedelta:
    return dt.timedelta(days=settings.API_TOKEN_DAYS)


def expires_at(token: ApiToken) -> dt.datetime:
    issued: dt.datetime = token.created_at
    return issued + lifetime()


def issued_after(now: dt.datetime) -> dt.datetime:
    """Tokens issued at or after this instant are still valid at `now`."""
    return now - lifetime()
