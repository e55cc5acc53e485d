from __future__ import annotations

from django.urls import URLPattern, path

from beibit.web.organizer import signing, views

app_name = "organizer"
urlpatterns: list[URLPattern] = [
    path("", views.cases, name="cases"),
    path("signup/", views.signup, name="signup"),
    path("wizard/", views.wizard, name="wizard"),
    path("wizard/<int:case_id>/<slug:step>/", views.wizard, name="wizard"),
    path("wizard/<int:case_id>/<slug:step>/check/", views.wizard_check, name="wizard_check"),
    path("cases/<int:case_id>/", views.case_page, name="case"),
    path("cases/<int:case_id>/submit/", views.submit, name="submit"),
    path("cases/<int:case_id>/submit-signed/", signing.submit_signed, name="submit_signed"),
    path("cases/<int:case_id>/sign/<slug:act>/", signing.act_document, name="act_document"),
    path("cases/<int:case_id>/receipt/", views.receipt, name="receipt"),
    path("cases/<int:case_id>/answer/", views.answer, name="answer"),
    path("cases/<int:case_id>/withdraw/", views.withdraw, name="withdraw"),
    path("cases/<int:case_id>/appeal/", views.appeal, name="appeal"),
    path("cases/<int:case_id>/documents/<slug:kind>.pdf", views.document, name="document"),
]
