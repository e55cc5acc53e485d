"""Reads of the outbox for the pages: how the answer Beibit sends is getting on."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from beibit.cases.models import CaseEvent
from beibit.law.calendar import zone
from beibit.law.settlements import zone_of
from beibit.notifications.models import OutboxMessage, Status
from beibit.notifications.sms import FAILED_STATUSES

#: The answer's channel when it is the EDS-signed e-document (it travels by e-mail).
E_DOCUMENT = _("an electronic document signed with EDS")

#: The gateway's delivery reports in words (Mobizon's status codes).
REPORT_LABELS = {
    "NEW": _("queued at the gateway"),
    "ENQUEUD": _("queued at the gateway"),
    "ACCEPTD": _("accepted by the operator, not yet delivered"),
    "PDLIVRD": _("partly delivered"),
    "DELIVRD": _("delivered to the phone"),
    "UNDELIV": _("not delivered to the phone"),
    "REJECTD": _("rejected by the operator"),
    "EXPIRED": _("not delivered: the phone was unreachable for a day"),
    "DELETED": _("not delivered: deleted by the operator"),
}


def report_label(status: str) -> str:
    """A delivery report in the page's language; an unknown code as the gateway gave it."""
    return str(REPORT_LABELS.get(status, status)) if status else ""


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
    report: str  # the SMS gateway's delivery report, in words ("" for e-mail and before the first report)
    report_failed: bool  # the gateway reports the SMS did not reach the phone


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
    e_documents = {
        seq
        for seq, payload in CaseEvent.objects.filter(
            case_id=case_id, seq__in=[m.event_seq for m in messages], payload_json__contains='"e_document"'
        ).values_list("seq", "payload_json")
        if json.loads(payload).get("send_by") == "e_document"
    }
    return [
        AnswerMessage(
            channel=str(E_DOCUMENT if m.event_seq in e_documents else m.get_channel_display()),
            address=m.address,
            status=str(m.get_status_display()),
            delivered=m.status == Status.SENT,
            failed=m.status == Status.FAILED,
            attempts=m.attempts,
            sent_at=m.sent_at.astimezone(tz) if m.sent_at else None,
            next_attempt_at=m.next_attempt_at.astimezone(tz) if m.status == Status.PENDING else None,
            report=report_label(m.delivery_status),
            report_failed=m.delivery_status in FAILED_STATUSES,
        )
        for m in messages
    ]
