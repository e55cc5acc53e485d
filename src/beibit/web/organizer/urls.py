from __future__ import annotations

from django.urls import URLPattern, path

from beibit.web.organizer import case_views, views

app_name = "organizer"
urlpatterns: list[URLPattern] = [
    path("", views.cases, name="cases"),
    path("signup/", views.signup, name="signup"),
    path("wizard/", views.wizard, name="wizard"),
    path("wizard/<int:case_id>/<slug:step>/", views.wizard, name="wizard"),
    path("wizard/<int:case_id>/<slug:step>/check/", views.wizard_check, name="wizard_check"),
    path("cases/<int:case_id>/", case_views.case_page, name="case"),
    path("cases/<int:case_id>/submit-signed/", views.submit_signed, name="submit_signed"),
    path("cases/<int:case_id>/sign/<slug:act>/", case_views.act_document, name="act_document"),
    path("cases/<int:case_id>/receipt/", views.receipt, name="receipt"),
    path("cases/<int:case_id>/answer/", case_views.answer, name="answer"),
    path("cases/<int:case_id>/withdraw/", case_views.withdraw, name="withdraw"),
    path("cases/<int:case_id>/appeal/", case_views.appeal, name="appeal"),
    path("cases/<int:case_id>/documents/<slug:kind>.pdf", case_views.document, name="document"),
]
