from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebRegistryConfig(AppConfig):
    name = "beibit.web.registry"
    label = "web_registry"
    verbose_name = _("Maslikhat registry pages")
    default_auto_field = "django.db.models.BigAutoField"
