from __future__ import annotations

from django.urls import URLPattern, path

from beibit.monitoring import views

app_name = "monitoring"
urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:record_id>/", views.record, name="record"),
    path("<int:record_id>/edit/", views.edit, name="edit"),
    path("<int:record_id>/sanctions/new/", views.sanction_form, name="sanction_add"),
    path("<int:record_id>/sanctions/<int:sanction_id>/", views.sanction_form, name="sanction_edit"),
    path(
        "<int:record_id>/sanctions/<int:sanction_id>/remove/", views.sanction_remove, name="sanction_remove"
    ),
    path("<int:record_id>/sources/", views.source_add, name="source_add"),
    path("<int:record_id>/sources/<int:source_id>/remove/", views.source_remove, name="source_remove"),
]
