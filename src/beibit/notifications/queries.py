"""Reads of the outbox for the pages: how the answer Beibit sends is getting on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from beibit.law.calendar import zone
from beibit.law.settlements import zone_of
from beibit.notifications.models import OutboxMessage, Status


@dataclass(frozen=True, slots=True)
class AnswerMessage:
    channel: str
    address: str
    status: str
    delivered: bool
    failed: bool
    attempts: int
    sent_at: dt.datetime | None
    next_attempt_at: dt.datetime | None


def answer_messages(case_id: int) -> list[AnswerMessage]:
    """The messages that carry the akimat's answer on a case, oldest first; times in the settlement's zone."""
    messages = list(
        OutboxMessage.objects.filter(case_id=case_id, is_answer=True)
        .select_related("case")
        .order_by("created_at", "pk")
    )
    if not messages:
        return []
    assert messages[0].case is not None
    tz = zone(zone_of(messages[0].case.settlement))
    return [
        AnswerMessage(
            channel=str(m.get_channel_display()),
            address=m.address,
            status=str(m.get_status_display()),
            delivered=m.status == Status.SENT,
            failed=m.status == Status.FAILED,
            attempts=m.attempts,
            sent_at=m.sent_at.astimezone(tz) if m.sent_at else None,
            next_attempt_at=m.next_attempt_at.astimezone(tz) if m.status == Status.PENDING else None,
        )
        for m in messages
    ]
