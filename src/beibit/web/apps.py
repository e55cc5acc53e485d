"""The Django application of the web pages' shared shell (base template, static files, sign-in)."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "beibit.web"
    label = "web"
    verbose_name = _("Web pages")
