from __future__ import annotations

from django.urls import URLPattern, path

from beibit.web.opendata import views

app_name = "opendata"
urlpatterns: list[URLPattern] = [
    path("", views.downloads, name="downloads"),
    path("dictionary/", views.data_dictionary, name="dictionary"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("statistics/<slug:chart>.csv", views.statistics_csv, name="statistics_csv"),
    path("law-report/<slug:settlement>/", views.law_report_page, name="law_report"),
    path("consent/<int:case_id>/", views.consent_page, name="consent"),
]
