"""The API's language: English unless the client asks for another one.

Pages default to Kazakh (settings.LANGUAGE_CODE); a program calling the API without saying which language
it reads gets stable English texts (error messages, names such as "Akimat of Almaty"). A client that sends
Accept-Language (or carries the pages' language cookie) gets kk or ru as the pages do.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

API_PREFIX = "/api/"


class ApiLanguageMiddleware:
    """Placed after LocaleMiddleware: it only overrides the fallback for API paths."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        asked = request.headers.get("Accept-Language") or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if request.path.startswith(API_PREFIX) and not asked:
            translation.activate("en")
            request.LANGUAGE_CODE = "en"
        return self.get_response(request)
