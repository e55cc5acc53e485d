from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebAkimatConfig(AppConfig):
    name = "beibit.web.akimat"
    label = "web_akimat"
    verbose_name = _("Akimat pages")
    default_auto_field = "django.db.models.BigAutoField"
