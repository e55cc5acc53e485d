"""The outbox: one row per message to one person through one channel, and one row per attempt to send it.

A message row is written in the transaction of the case event that causes it (`outbox.write_for_event`),
together with the job that sends it, so a message exists exactly when its event committed. Its text is
rendered when it is sent (a proposal's answer period runs from the day it is sent) and kept in the row.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("SMS")


class Status(models.TextChoices):
    PENDING = "pending", _("not yet delivered")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed: given up after repeated attempts")
    SKIPPED = "skipped", _("not sent: switched off or no address")


class OutboxMessage(models.Model):
    #: What makes the message unique: the event (or reminder and day), the recipient and the channel. A
    #: second write of the same message (a retried job) finds the first one.
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("message"), max_length=40)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="messages"
    )
    event_seq = models.PositiveIntegerField(null=True, blank=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outbox_messages"
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=254)
    language = models.CharField(max_length=8)
    #: A notice the law attaches a consequence to (receipt, decision, proposal, silence, ...): always sent.
    legal = models.BooleanField(default=True)
    #: This message is the akimat's answer itself (Art 11(2)): sending it records the delivery.
    is_answer = models.BooleanField(default=False)
    #: The officer on whose behalf the answer is sent (the delivery event's actor).
    answer_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("written at"))
    next_attempt_at = models.DateTimeField()
    #: A worker that took the message owns it until then (a worker that died leaves it to the next one).
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    provider_id = models.CharField(_("provider's message id"), max_length=200, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    last_error = models.TextField(blank=True)
    #: The SMS gateway's delivery report (Mobizon's status codes: DELIVRD, UNDELIV, EXPIRED, ...), read after
    #: the send by the clock round (`delivery_reports`); empty for e-mail and before the first report.
    delivery_status = models.CharField(_("delivery report"), max_length=12, blank=True)
    delivery_final = models.BooleanField(default=False)
    delivery_checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["recipient", "created_at"], name="outbox_recipient"),
        ]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in Status]), name="outbox_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(channel__in=[c.value for c in Channel]), name="outbox_channel_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.address} ({self.channel}, {self.status})"


class Attempt(models.Model):
    """One try to hand a message to the SMTP server or the SMS gateway, and what came of it."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    ok = models.BooleanField()
    detail = models.TextField(blank=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["message", "number"], name="attempt_number_unique")
        ]

    def __str__(self) -> str:
        return f"#{self.number} {'ok' if self.ok else 'failed'}"


class Preferences(models.Model):
    """What a person chose: the language of their messages, reminders, the settlements a monitor follows."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    language = models.CharField(_("language of messages"), max_length=8, default="kk")
    reminders = models.BooleanField(_("reminders"), default=True)
    sms = models.BooleanField(_("SMS as well as e-mail"), default=True)
    #: Comma-separated settlement codes (monitors' opt-in: new filings and decisions there).
    follows = models.CharField(_("settlements followed"), max_length=500, blank=True)

    def __str__(self) -> str:
        return f"preferences of {self.user_id}"

    def followed(self) -> list[str]:
        return [s for s in (x.strip() for x in self.follows.split(",")) if s]

    def as_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "reminders": self.reminders,
            "sms": self.sms,
            "follows": self.follows,
        }
