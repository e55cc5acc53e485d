"""Reminders no event causes, written by the periodic job: the review deadline tomorrow and today (officers),
the assembly's day, and the end of the appeal period a week and a day before (organizers).

Each is keyed by case, kind, day, person and channel, so the job may run any number of times a day.
"""

from __future__ import annotations

import datetime as dt

from beibit.cases import workflow as wf
from beibit.cases.actions.appeal import appeal_deadline, appealable_act
from beibit.cases.models import Case
from beibit.cases.moments import local_day
from beibit.notifications.outbox import officers_of, write_reminder

#: Days before the end of the appeal period on which the organizer is reminded.
APPEAL_REMINDER_DAYS = (7, 1)


def write_due_reminders(now: dt.datetime) -> int:
    """Write the reminders due at `now`; returns how many cases were looked at."""
    horizon = (now + dt.timedelta(days=2)).date()
    floor = (now - dt.timedelta(days=2)).date()
    looked = 0
    for case in Case.objects.filter(status=wf.REGISTERED, review_deadline__range=(floor, horizon)):
        looked += 1
        today = local_day(now, case.settlement)
        assert case.review_deadline is not None
        if case.review_deadline == today + dt.timedelta(days=1):
            write_reminder(case, "review_due_tomorrow", today, officers_of(case.settlement), now)
        elif case.review_deadline == today:
            write_reminder(case, "review_due_today", today, officers_of(case.settlement), now)
    for case in Case.objects.filter(status__in=wf.GO_AHEAD, assembly_day__range=(floor, horizon)):
        looked += 1
        today = local_day(now, case.settlement)
        if case.assembly_day == today:
            write_reminder(case, "assembly_day", today, [case.organizer_id], now)
    latest_start = (now + dt.timedelta(days=max(APPEAL_REMINDER_DAYS) + 3)).date()
    for case in Case.objects.filter(status=wf.REFUSED, updated_at__gte=now - dt.timedelta(days=200)):
        act = appealable_act(case)
        if act is None:
            continue
        looked += 1
        until, _months = appeal_deadline(case, act[1])
        if until is None or until > latest_start:
            continue
        today = local_day(now, case.settlement)
        if (until - today).days in APPEAL_REMINDER_DAYS:
            write_reminder(case, "appeal_reminder", today, [case.organizer_id], now)
    return looked
