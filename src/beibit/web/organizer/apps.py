from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebOrganizerConfig(AppConfig):
    name = "beibit.web.organizer"
    label = "web_organizer"
    verbose_name = _("Organizer pages")
    default_auto_field = "django.db.models.BigAutoField"
