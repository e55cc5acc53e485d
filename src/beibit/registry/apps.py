from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "beibit.registry"
    label = "registry"
    verbose_name = _("Registry of places")
    default_auto_field = "django.db.models.BigAutoField"
