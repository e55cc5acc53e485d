"""The Django application of the case service."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "beibit.cases"
    label = "cases"
    verbose_name = _("Cases and the registry of places")
    default_auto_field = "django.db.models.BigAutoField"
