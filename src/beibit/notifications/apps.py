from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "beibit.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from beibit.cases import signals
        from beibit.notifications import outbox, tasks
        from beibit.notifications.signals import message_due

        signals.event_appended.connect(outbox.on_event_appended, dispatch_uid="notifications.outbox")
        signals.answer_in_flight.connect(outbox.on_answer_in_flight, dispatch_uid="notifications.in_flight")
        message_due.connect(tasks.enqueue_send, dispatch_uid="notifications.enqueue_send")
