"""URL map of the application shell: the root page, the API at /api/v1/, the admin."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, path, re_path
from django.views.static import serve

from beibit.api.app import api
from beibit.api.home import home

urlpatterns: list[URLPattern | URLResolver] = [
    path("", home, name="home"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

if settings.SERVE_STATIC:
    # The demo serves the collected static files itself; in production the proxy does.
    urlpatterns.append(re_path(r"^static/(?P<path>.*)$", serve, {"document_root": settings.STATIC_ROOT}))
