"""Reminders no event causes, written by the periodic job: the review deadline on the next working day and
today (officers), the assembly's day, and the end of the appeal period a week and a day before (organizers).

"Tomorrow" for an officer is the next working day of the law's calendar (deadlines.md): on Friday a deadline
on Monday is tomorrow's work, and so is a deadline after a holiday or a transferred day off. The reminder is
written on working days only: an akimat reads it when it is open.

Each is keyed by case, kind, day, person and channel, so the job may run any number of times a day.
"""

from __future__ import annotations

import datetime as dt

from beibit.cases import workflow as wf
from beibit.cases.actions.appeal import appeal_deadline, appealable_act
from beibit.cases.models import Case
from beibit.cases.moments import local_day
from beibit.law.calendar import WorkingCalendar, default_calendar
from beibit.notifications.outbox import officers_of, write_reminder

#: Days before the end of the appeal period on which the organizer is reminded.
APPEAL_REMINDER_DAYS = (7, 1)
#: How far ahead the job looks for a review deadline: past the longest run of days off (New Year, Nauryz with
#: a weekend and a transfer) with room to spare.
REVIEW_HORIZON_DAYS = 16


def review_reminder(deadline: dt.date, today: dt.date, calendar: WorkingCalendar) -> str | None:
    """Which review reminder an officer gets `today` for a deadline: on the deadline itself "today"; on the
    working day before it (the next working day is the deadline) "tomorrow"; none on a day off."""
    if deadline == today:
        return "review_due_today"
    if calendar.is_working_day(today) and calendar.working_day_after(today, 1) == deadline:
        return "review_due_tomorrow"
    return None


def write_due_reminders(now: dt.datetime) -> int:
    """Write the reminders due at `now`; returns how many cases were looked at."""
    horizon = (now + dt.timedelta(days=2)).date()
    floor = (now - dt.timedelta(days=2)).date()
    calendar = default_calendar()
    looked = 0
    review_horizon = (now + dt.timedelta(days=REVIEW_HORIZON_DAYS)).date()
    for case in Case.objects.filter(status=wf.REGISTERED, review_deadline__range=(floor, review_horizon)):
        looked += 1
        today = local_day(now, case.settlement)
        assert case.review_deadline is not None
        kind = review_reminder(case.review_deadline, today, calendar)
        if kind is not None:
            write_reminder(case, kind, today, officers_of(case.settlement), now)
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
