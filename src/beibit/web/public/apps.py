from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebPublicConfig(AppConfig):
    name = "beibit.web.public"
    label = "web_public"
    verbose_name = _("Public pages")
    default_auto_field = "django.db.models.BigAutoField"
