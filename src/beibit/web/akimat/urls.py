from __future__ import annotations

from django.urls import URLPattern, path

from beibit.web.akimat import correction, views

app_name = "akimat"
urlpatterns: list[URLPattern] = [
    path("", views.inbox, name="inbox"),
    path("cases/<int:case_id>/", views.case_page, name="case"),
    path("cases/<int:case_id>/decision/", views.decide, name="decide"),
    path("cases/<int:case_id>/decision/document/", views.decision_document, name="decision_document"),
    path("cases/<int:case_id>/delivery/", views.deliver, name="deliver"),
    path("cases/<int:case_id>/representative/", views.appoint, name="appoint"),
    path("cases/<int:case_id>/correction/", correction.correct, name="correct"),
]
