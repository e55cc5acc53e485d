"""Sign-in, sign-out and the role's landing page."""

from __future__ import annotations

from django.urls import path

from beibit.web import eds_login, views

app_name = "web"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("me/", views.dashboard, name="dashboard"),
    path("eds/nonce/", eds_login.nonce, name="eds_nonce"),
    path("eds/", eds_login.sign_in, name="eds_login"),
]
