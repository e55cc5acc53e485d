"""Token authentication of the API: `Authorization: Bearer <token>` (issued by POST /api/v1/auth/token).

Its own module, so that the routers and `app.py` (which mounts them) do not import each other.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from beibit.cases.accounts import user_of_token


class TokenAuth(HttpBearer):
    """A bearer token issued by POST /api/v1/auth/token; the account's role decides what it may do."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_of_token(token)
        if user is None:
            return None
        request.user = user
        return user
