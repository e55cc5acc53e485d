from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebInboxConfig(AppConfig):
    name = "beibit.web.inbox"
    label = "web_inbox"
    verbose_name = _("Akimat inbox pages")
    default_auto_field = "django.db.models.BigAutoField"
