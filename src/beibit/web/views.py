"""Signing in and out, and the landing page of each role."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from beibit.cases import signed
from beibit.web.navigation import home_url


class EmailAuthenticationForm(AuthenticationForm):
    """Every account signs in with its e-mail address: the field says so and the keyboard offers "@"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail")
        self.fields["username"].widget = forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})


class LoginView(auth_views.LoginView):
    """Django's sign-in; django-axes counts the failures (the form passes the request to authenticate)."""

    template_name = "web/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        try:
            context["signup_url"] = reverse("organizer:signup")
        except NoReverseMatch:
            context["signup_url"] = ""
        context["eds"] = {"ncalayer_url": signed.ncalayer_url()} if signed.eds_enabled() else None
        return context


class LogoutView(auth_views.LogoutView):
    pass


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    profile = getattr(request.user, "profile", None)
    return redirect(home_url(request, profile.role if profile is not None else ""))
