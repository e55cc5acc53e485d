"""A request id for every request, in every log line written while it is handled and in its response.

The id comes from the proxy's X-Request-ID (nginx's `$request_id`, so the proxy's access log and the app's
lines share it) when it is a plain token, else a new random one; the response echoes it in X-Request-ID.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponseBase
from django.utils.log import AdminEmailHandler

HEADER = "X-Request-ID"
# What a proxy may hand on: letters, digits and - _ . up to 64 characters. Anything else (a log injection
# attempt, a megabyte of text) is replaced by a fresh id.
_ACCEPTED = re.compile(r"[A-Za-z0-9._-]{1,64}")

_current: ContextVar[str] = ContextVar("beibit_request_id", default="")


def current_request_id() -> str:
    """The id of the request being handled in this thread, or "" outside a request."""
    return _current.get()


def request_id_from(value: str | None) -> str:
    if value and _ACCEPTED.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request_id = request_id_from(request.headers.get(HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Puts the current request id on each record (`request_id`), for the JSON lines and the error mail."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", "") or current_request_id()
        return True


class ErrorMailHandler(AdminEmailHandler):
    """Django's mail to the ADMINS for a server error, with the request id in the subject so that the mail
    and the JSON log line can be matched."""

    def format_subject(self, subject: str) -> str:
        request_id = current_request_id()
        return super().format_subject(f"[{request_id}] {subject}" if request_id else subject)
