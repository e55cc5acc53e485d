"""The background jobs (django-tasks, database backend): send one message; the periodic round of the clock.

Every job is idempotent: `send_message` sends only a message that is still pending and not held by another
worker; `clock_round` records only what is due and writes reminders keyed by day. A failed send is tried
again with a growing wait (sending.backoff); the worker's periodic round also sweeps the outbox for any
message whose job was lost, so a message waits at most one round longer than its backoff.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger("beibit.notifications")


@task()
def send_message(message_id: int) -> str:
    from beibit.notifications.sending import send_one

    return send_one(message_id)


def enqueue_send(sender: object, *, message_id: int, run_after: dt.datetime | None, **kwargs: Any) -> None:
    """`signals.message_due`: the job that sends the message, in the transaction that asked for it."""
    job = send_message.using(run_after=run_after) if run_after is not None else send_message
    job.enqueue(message_id)


@task()
def clock_round() -> dict[str, int]:
    """Record the clock's due events (replaces `beibit tick` from cron), write due reminders, send what is
    due in the outbox (retries, and messages whose job was lost) and read the SMS delivery reports."""
    from beibit.cases.clock import apply_clock
    from beibit.notifications.delivery_reports import read_delivery_reports
    from beibit.notifications.reminders import write_due_reminders
    from beibit.notifications.sending import due_messages, send_one

    now = timezone.now()
    recorded = apply_clock(now)
    looked = write_due_reminders(now)
    sent = 0
    for message_id in due_messages(now):
        sent += send_one(message_id) == "sent"
    reports = read_delivery_reports(now)
    return {"clock_events": recorded, "reminder_cases": looked, "swept_sent": sent, "sms_reports": reports}


def last_clock_round() -> dt.datetime | None:
    """When the worker last finished a round of the clock (read by /readyz beside `beibit tick`'s record)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    row = (
        DBTaskResult.objects.filter(
            task_path=f"{__name__}.clock_round", status=TaskResultStatus.SUCCESSFUL, finished_at__isnull=False
        )
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    return row
