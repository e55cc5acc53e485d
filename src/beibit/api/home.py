"""The root page: what this server is and where to go (the full pages come with the web interface)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _


def home(request: HttpRequest) -> HttpResponse:
    links = [
        ("/api/v1/docs", _("API documentation (OpenAPI 3.1)")),
        ("/api/v1/openapi.json", _("OpenAPI schema")),
        ("/api/v1/register", _("Public register of filings and decisions (JSON; add ?format=csv)")),
        ("/api/v1/occupancy", _("Occupancy calendar of specialized places (JSON; add ?format=csv)")),
        ("/api/v1/settlements/almaty/places", _("Specialized places of Almaty today (GeoJSON)")),
        ("/admin/", _("Registry of places for maslikhat editors (admin)")),
    ]
    page = format_html(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Beibit</title></head>"
        "<body><h1>Beibit</h1><p>{}</p><ul>{}</ul></body></html>",
        _("Law No. 333-VI on peaceful assemblies as cited, tested software."),
        format_html_join("", '<li><a href="{}">{}</a></li>', links),
    )
    return HttpResponse(page)
