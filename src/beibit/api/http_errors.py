"""The API's answers for what is refused before a handler runs: a locked-out sign-in (django-axes, 429) and
a body over the size limit (413). They leave as the contract's error object, like every other API error;
the pages keep their HTML answers."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from beibit.api.language import API_PREFIX


def error_json(status: int, code: str, field: str | None, message: str) -> HttpResponse:
    body = {"error": {"code": code, "field": field, "message": message}}
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type="application/json; charset=utf-8"
    )


def too_large() -> HttpResponse:
    return error_json(
        413,
        "body_too_large",
        "body",
        _("The request body is larger than %(size)d bytes.") % {"size": settings.DATA_UPLOAD_MAX_MEMORY_SIZE},
    )


def lockout(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """django-axes' answer to a locked-out account and address (AXES_LOCKOUT_CALLABLE)."""
    if request.path.startswith(API_PREFIX):
        return error_json(
            429,
            "locked_out",
            None,
            _("Too many wrong passwords for this account from your address; try again in fifteen minutes."),
        )
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)


class ApiBodyLimitMiddleware:
    """A body announced larger than DATA_UPLOAD_MAX_MEMORY_SIZE is refused before it is read (413, JSON);
    one that turns out larger while read (no Content-Length) is caught by the API's exception handler."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return error_json(
                    400, "invalid_header", "Content-Length", _("Content-Length is not a number.")
                )
            if limit is not None and length > limit:
                return too_large()
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith(API_PREFIX) and isinstance(exception, RequestDataTooBig):
            return too_large()
        return None


class NulQueryMiddleware:
    """A query string with a NUL character is refused (400) before any view reads it: PostgreSQL cannot
    compare a text with NUL, so a filter built from it would fail as a server error (a fuzzer's find)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.GET.lists()
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in query):
            message = _("The address has a character that cannot be read (NUL).")
            if request.path.startswith(API_PREFIX):
                return error_json(400, "invalid_query", None, message)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
