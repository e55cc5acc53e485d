"""Writing messages to the outbox, in the transaction of what causes them.

`write_for_event` is called for every event the case log appends (cases/log.py `append`, through
`cases.signals.event_appended`), inside that event's transaction: the message rows and the jobs that send
them commit with the event or not at all.
`write_reminder` is called by the periodic job for reminders that no event causes (a deadline tomorrow,
the assembly's day, the end of the appeal period); its key (case, kind, day, person, channel) makes a
second run of the job write nothing new.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from beibit.cases.models import Case, CaseEvent, Profile, Role
from beibit.notifications.models import Channel, OutboxMessage, Preferences, Status
from beibit.notifications.signals import message_due
from beibit.notifications.texts import REMINDER_KINDS

#: The answer's channels Beibit sends itself (Art 11(2)): the officer picks one with the decision. The
#: electronic document signed with the officer's EDS goes to the organizer's e-mail address, with the CMS,
#: the signed bytes and the letter as PDF attached (and stays on the organizer's case page).
SENT_BY_BEIBIT = ("email", "sms", "e_document")
_CARRIER = {"e_document": "email"}
#: Messages that also go by SMS to a person with a mobile number who did not switch SMS off.
SMS_KINDS = frozenset({"proposal", "deemed_agreed", "overdue", "review_due_today"})


def preferences(user_id: int) -> Preferences:
    found = Preferences.objects.filter(user_id=user_id).first()
    return found if found is not None else Preferences(user_id=user_id)


def remember_language(user: AbstractBaseUser, language: str) -> None:
    """The language a person uses Beibit in becomes the language of their messages (until they change it)."""
    if language not in ("kk", "ru", "en"):
        return
    Preferences.objects.update_or_create(user_id=user.pk, defaults={"language": language})


def _phone(user_id: int) -> str:
    return Profile.objects.filter(user_id=user_id).values_list("phone", flat=True).first() or ""


def _write(
    *,
    key: str,
    kind: str,
    case: Case | None,
    seq: int | None,
    user_id: int,
    channel: str,
    now: dt.datetime,
    is_answer: bool = False,
    officer_id: int | None = None,
) -> OutboxMessage | None:
    if OutboxMessage.objects.filter(key=key).exists():
        return None  # written before (a retried job): nothing twice
    prefs = preferences(user_id)
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return None
    address = str(getattr(user, "email", "") or "") if channel == Channel.EMAIL else _phone(user_id)
    status = Status.PENDING
    if not address or (kind in REMINDER_KINDS and not prefs.reminders and not is_answer):
        status = Status.SKIPPED
    message = OutboxMessage.objects.create(
        key=key,
        kind=kind,
        case=case,
        event_seq=seq,
        recipient_id=user_id,
        channel=channel,
        address=address,
        language=prefs.language,
        legal=kind not in REMINDER_KINDS,
        is_answer=is_answer,
        answer_officer_id=officer_id,
        status=status,
        created_at=now,
        next_attempt_at=now,
    )
    if status == Status.PENDING:
        # The job row is written in this same transaction: it exists exactly when the message does.
        message_due.send(sender=OutboxMessage, message_id=message.pk, run_after=None)
    return message


def _to(
    people: Iterable[int],
    kind: str,
    case: Case,
    seq: int | None,
    now: dt.datetime,
    *,
    suffix: str = "",
    answer_channel: str | None = None,
    officer_id: int | None = None,
) -> None:
    for user_id in people:
        channels = [Channel.EMAIL.value]
        prefs = preferences(user_id)
        carrier = _CARRIER.get(answer_channel, answer_channel) if answer_channel is not None else None
        if carrier is not None:
            channels = [carrier]  # the answer goes one way; a second copy would blur which it was
        elif kind in SMS_KINDS and prefs.sms and _phone(user_id):
            channels.append(Channel.SMS.value)
        for channel in channels:
            _write(
                key=f"{case.pk}:{seq if seq is not None else suffix}:{kind}:{user_id}:{channel}",
                kind=kind,
                case=case,
                seq=seq,
                user_id=user_id,
                channel=channel,
                now=now,
                is_answer=carrier == channel,
                officer_id=officer_id,
            )


def officers_of(settlement: str) -> list[int]:
    return list(
        Profile.objects.filter(role=Role.OFFICER, settlement=settlement, user__is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


def monitors_following(settlement: str) -> list[int]:
    ids = Preferences.objects.filter(
        follows__contains=settlement, user__profile__role=Role.MONITOR, user__is_active=True
    ).values_list("user_id", "follows")
    return [user_id for user_id, follows in ids if settlement in [s.strip() for s in follows.split(",")]]


def write_for_event(case: Case, event: CaseEvent, now: dt.datetime) -> None:
    """The messages one case event causes (inside the event's transaction)."""
    kind, payload, seq = event.kind, event.payload, event.seq
    if kind in ("drafted", "draft_updated", "submitted", "evaluated", "appealed", "appeal_decided"):
        return
    organizer = [case.organizer_id]
    if kind == "registered":
        _to(organizer, "receipt", case, seq, now)
        _to(officers_of(case.settlement), "new_filing", case, seq, now)
        _to(monitors_following(case.settlement), "monitor_filing", case, seq, now)
    elif kind == "decision_recorded":
        send_by = payload.get("send_by")
        officer_id = event.actor_id
        if send_by in SENT_BY_BEIBIT:
            message_kind = "proposal" if payload["decision"] == "propose" else "decision"
            _to(organizer, message_kind, case, seq, now, answer_channel=send_by, officer_id=officer_id)
        else:
            _to(organizer, "decision_notice", case, seq, now)
        _to(monitors_following(case.settlement), "monitor_decision", case, seq, now)
    elif kind in ("deemed_agreed", "overdue"):
        _to(organizer, kind, case, seq, now)
    elif kind == "proposal_answered":
        _to(officers_of(case.settlement), "proposal_answered", case, seq, now)
        if payload.get("agree"):
            _to(organizer, "booking_moved", case, seq, now)
    elif kind == "proposal_lapsed":
        _to(officers_of(case.settlement), "proposal_lapsed", case, seq, now)


def write_reminder(case: Case, kind: str, day: dt.date, people: Iterable[int], now: dt.datetime) -> None:
    """A reminder about `case` for `day` (once per case, kind, day, person and channel)."""
    try:
        with transaction.atomic():
            _to(people, kind, case, None, now, suffix=day.isoformat())
    except IntegrityError:
        pass  # another worker's round wrote the same reminder first (its key is unique): once is enough


def payload_of(message: OutboxMessage) -> Mapping[str, Any]:
    if message.case_id is None or message.event_seq is None:
        return {}
    event = CaseEvent.objects.filter(case_id=message.case_id, seq=message.event_seq).first()
    return event.payload if event is not None else {}


def answer_in_flight(case_id: int, now: dt.datetime) -> bool:
    return OutboxMessage.objects.filter(
        case_id=case_id, is_answer=True, status=Status.PENDING, claimed_until__gt=now
    ).exists()


def on_event_appended(
    sender: object, *, case: Case, event: CaseEvent, now: dt.datetime, **kwargs: Any
) -> None:
    write_for_event(case, event, now)


def on_answer_in_flight(sender: object, *, case_id: int, now: dt.datetime, **kwargs: Any) -> bool:
    return answer_in_flight(case_id, now)
