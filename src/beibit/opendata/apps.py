from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "beibit.opendata"
    label = "opendata"
    verbose_name = _("Open data and statistics")
    default_auto_field = "django.db.models.BigAutoField"
