from __future__ import annotations

from django.urls import path

from beibit.notifications import views

app_name = "notifications"
urlpatterns = [path("", views.sent, name="sent")]
