"""Sending one outbox message: claim it, hand it to the SMTP server or the SMS gateway, record the attempt.

A message is claimed with one conditional UPDATE (pending, due, not claimed by a live worker), so two
workers never send it at once; a worker that dies holding it leaves the claim to expire (`CLAIM_SECONDS`)
and the next sweep sends it. A failed attempt is recorded and the message is tried again later, each wait
twice the one before (`backoff`), until `MAX_ATTEMPTS`; then it is `failed`, listed for administrators
(/admin/, Outbox messages) and on the case page as not delivered.

When the message is the akimat's answer itself (the officer chose e-mail, SMS or the EDS-signed e-document
with the decision), its successful send records the delivery on the case
(`cases.actions.decision.record_sent_answer`): the channel (`e_document` for the signed e-document, which
travels by e-mail), the time the server took it, and the provider's message id.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from beibit.cases.models import Case
from beibit.notifications import sms
from beibit.notifications.models import Attempt, Channel, OutboxMessage, Status
from beibit.notifications.outbox import payload_of
from beibit.notifications.signals import message_due
from beibit.notifications.texts import Rendered, render

logger = logging.getLogger("beibit.notifications")

#: The default of BEIBIT_OUTBOX_CLAIM_SECONDS (settings.OUTBOX_CLAIM_SECONDS).
CLAIM_SECONDS = 120
MAX_ATTEMPTS = 8
FIRST_RETRY_SECONDS = 30
LAST_RETRY_SECONDS = 6 * 3600


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failure: 30 s, 1 min, 2 min, ... at most 6 hours."""
    return dt.timedelta(seconds=min(FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0), LAST_RETRY_SECONDS))


def _claim(message_id: int, now: dt.datetime) -> bool:
    claimed = (
        OutboxMessage.objects.filter(pk=message_id, status=Status.PENDING, next_attempt_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + dt.timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS))
    )
    return claimed == 1


def _domain() -> str:
    sender = settings.DEFAULT_FROM_EMAIL
    return sender.rsplit("@", 1)[-1].strip(" >") if "@" in sender else "beibit.localhost"


#: The content types of what a message may carry: the letter, and an e-document's signature and signed bytes.
ATTACHMENT_TYPES = {
    "pdf": "application/pdf",
    "p7s": "application/pkcs7-signature",
    "json": "application/json",
}


def _send_email(message: OutboxMessage, rendered: Rendered) -> str:
    # The Message-ID is the outbox row's: a message sent again after a crash is the same message to the
    # recipient's mail system.
    message_id = f"<beibit-outbox-{message.pk}@{_domain()}>"
    email = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.address],
        headers={"Message-ID": message_id, "Content-Language": message.language},
        connection=get_connection(fail_silently=False),
    )
    email.attach_alternative(rendered.html(), "text/html")
    for name, content in rendered.attachments:
        email.attach(name, content, ATTACHMENT_TYPES[name.rsplit(".", 1)[-1]])
    if email.send() != 1:
        raise smtplib.SMTPException("the SMTP server did not take the message")
    return message_id


def _answer_deadline(message: OutboxMessage, sent_at: dt.datetime) -> str | None:
    """A proposal sent now is received today (deadlines.md): the organizer's answer is due by the end of the
    next working day(s) of the regime's answer period."""
    if message.kind != "proposal" or message.case is None:
        return None
    from beibit.cases.actions.decision import proposal_answer_deadline

    return proposal_answer_deadline(message.case, sent_at).isoformat()


def send_one(message_id: int, now: dt.datetime | None = None) -> str:
    """Send the message if it is pending, due and not held by another worker. Returns what happened."""
    now = now or timezone.now()
    if not _claim(message_id, now):
        return "not due or taken"
    message = OutboxMessage.objects.select_related("case").get(pk=message_id)
    started = timezone.now()
    attempt_number = message.attempts + 1
    try:
        case: Case | None = message.case
        extra = {}
        deadline = _answer_deadline(message, started) if message.is_answer else None
        if deadline:
            extra["answer_deadline"] = deadline
        rendered = render(
            message.kind,
            case,
            message.event_seq,
            message.language,
            sent_at=started,
            is_answer=message.is_answer,
            extra=extra,
        )
        if message.channel == Channel.EMAIL:
            provider_id = _send_email(message, rendered)
        else:
            provider_id = sms.provider().send(message.address, rendered.sms)
    except Exception as error:
        # Any failure is an attempt that failed, tried again with backoff: an SMTP or gateway refusal, a lost
        # connection, or a fault in rendering. No message is held forever without its attempts counted.
        finished = timezone.now()
        with transaction.atomic():
            Attempt.objects.create(
                message=message,
                number=attempt_number,
                started_at=started,
                finished_at=finished,
                ok=False,
                detail=f"{type(error).__name__}: {error}"[:2000],
            )
            gave_up = attempt_number >= MAX_ATTEMPTS
            OutboxMessage.objects.filter(pk=message.pk).update(
                attempts=attempt_number,
                status=Status.FAILED if gave_up else Status.PENDING,
                next_attempt_at=finished + backoff(attempt_number),
                claimed_until=None,
                last_error=f"{type(error).__name__}: {error}"[:2000],
            )
            if not gave_up:
                retry_at = finished + backoff(attempt_number)
                message_due.send(sender=OutboxMessage, message_id=message.pk, run_after=retry_at)
        logger.warning("message %s: attempt %s failed: %s", message.pk, attempt_number, error)
        return "failed"
    sent_at = timezone.now()
    with transaction.atomic():
        Attempt.objects.create(
            message=message,
            number=attempt_number,
            started_at=started,
            finished_at=sent_at,
            ok=True,
            detail=provider_id[:2000],
        )
        OutboxMessage.objects.filter(pk=message.pk).update(
            attempts=attempt_number,
            status=Status.SENT,
            sent_at=sent_at,
            provider_id=provider_id[:200],
            claimed_until=None,
            subject=rendered.subject[:300],
            body=rendered.text if message.channel == Channel.EMAIL else rendered.sms,
            last_error="",
        )
    if message.is_answer and message.case_id is not None and message.event_seq is not None:
        _record_answer(message, sent_at, provider_id)
    return "sent"


def _record_answer(message: OutboxMessage, sent_at: dt.datetime, provider_id: str) -> None:
    from beibit.cases.actions.decision import record_sent_answer
    from beibit.cases.errors import CaseError

    assert message.case_id is not None and message.event_seq is not None
    # The signed e-document travels by e-mail, but the law's channel is the e-document (Art 11(2)).
    channel = "e_document" if payload_of(message).get("send_by") == "e_document" else message.channel
    try:
        record_sent_answer(
            message.case_id,
            decision_seq=message.event_seq,
            channel=channel,
            sent_at=sent_at,
            provider_id=provider_id,
            officer_id=message.answer_officer_id,
            now=timezone.now(),
        )
    except CaseError as error:
        # The message went out; the case no longer takes a delivery (e.g. withdrawn meanwhile).
        OutboxMessage.objects.filter(pk=message.pk).update(last_error=f"delivery not recorded: {error}")


def due_messages(now: dt.datetime, limit: int = 500) -> list[int]:
    """Pending messages whose time has come and that no live worker holds (the sweep's work)."""
    return list(
        OutboxMessage.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
