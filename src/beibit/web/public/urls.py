from __future__ import annotations

from django.urls import URLPattern, path

from beibit.web.public import signature, views

app_name = "public"
urlpatterns: list[URLPattern] = [
    path("", views.start, name="start"),
    path("calculator/", views.calculator, name="calculator"),
    path("glossary/", views.glossary_page, name="glossary"),
    path("register/", views.register, name="register"),
    path("register/<int:case_id>/", views.case, name="case"),
    path("places/", views.places, name="places"),
    path("places/<slug:place_id>/calendar/", views.place_calendar, name="place_calendar"),
    path("signatures/<str:event_hash>/", signature.signature, name="signature"),
]
