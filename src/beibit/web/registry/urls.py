from __future__ import annotations

from django.urls import URLPattern, path

from beibit.web.registry import views

app_name = "registry"
urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("upload/document/", views.upload_document, name="upload_document"),
    path("history/", views.history, name="history"),
    path("places/<str:entry_id>/", views.place, name="place"),
]
