"""URL map of the application shell: the pages, the API at /api/v1/, the admin."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.static import serve

from beibit.api.app import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("beibit.web.urls")),
    path("organizer/", include("beibit.web.organizer.urls")),
    path("akimat/", include("beibit.web.akimat.urls")),
    path("registry/", include("beibit.web.registry.urls")),
    path("monitoring/", include("beibit.monitoring.urls")),
    path("data/", include("beibit.web.opendata.urls")),
    path("", include("beibit.web.public.urls")),
]

if settings.SERVE_STATIC:
    # The demo serves the collected static files itself; in production the proxy does.
    urlpatterns.append(re_path(r"^static/(?P<path>.*)$", serve, {"document_root": settings.STATIC_ROOT}))
