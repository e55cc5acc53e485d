"""Reading the SMS gateway's delivery reports (run by the clock round): an SMS the gateway took is not yet
an SMS the phone received. Each report is kept on the message (`delivery_status`); a final one stops the
questions. A failed delivery (not delivered, rejected, expired, deleted) shows on the messages page, in the
admin and, for the akimat's answer, on both case pages, so the officer knows to answer another way."""

from __future__ import annotations

import datetime as dt
import logging

from beibit.notifications import sms
from beibit.notifications.models import Channel, OutboxMessage, Status

logger = logging.getLogger("beibit.notifications")

#: How long after the send the gateway is asked: Mobizon gives up on a message after a day.
REPORT_WINDOW = dt.timedelta(days=2)
#: How often an unfinished report is asked again.
REPORT_INTERVAL = dt.timedelta(minutes=5)


def read_delivery_reports(now: dt.datetime) -> int:
    """Ask the gateway about the SMS sent within the window whose report is not final; returns how many
    reports changed. A gateway that does not answer is asked again next round."""
    pending = list(
        OutboxMessage.objects.filter(
            channel=Channel.SMS,
            status=Status.SENT,
            delivery_final=False,
            sent_at__gte=now - REPORT_WINDOW,
        )
        .exclude(provider_id="")
        .exclude(delivery_checked_at__gt=now - REPORT_INTERVAL)
        .order_by("sent_at")
        .values_list("pk", "provider_id", "delivery_status")[: sms.REPORT_BATCH]
    )
    if not pending:
        return 0
    try:
        reports = sms.provider().reports([provider_id for _pk, provider_id, _status in pending])
    except sms.SmsError as error:
        logger.warning("SMS delivery reports not read: %s", error)
        return 0
    changed = 0
    for pk, provider_id, before in pending:
        status = reports.get(provider_id, before)
        OutboxMessage.objects.filter(pk=pk).update(
            delivery_status=status, delivery_final=status in sms.FINAL_STATUSES, delivery_checked_at=now
        )
        changed += status != before
    return changed


def delivery_failed(message: OutboxMessage) -> bool:
    return message.delivery_status in sms.FAILED_STATUSES
