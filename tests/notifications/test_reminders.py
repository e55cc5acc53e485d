"""The officer's "answer due tomorrow" reminder counts the next working day of the law's calendar
(deadlines.md: working days, with holidays and transferred days off), not the next calendar day."""

from __future__ import annotations

import datetime as dt

import pytest

from beibit.law.calendar import default_calendar
from beibit.notifications.reminders import REVIEW_HORIZON_DAYS, review_reminder

D = dt.date

# (today, deadline, reminder, why) — each row names the calendar fact it exercises.
CASES = [
    (D(2026, 3, 26), D(2026, 3, 27), "review_due_tomorrow", "Thursday before a Friday deadline"),
    (D(2026, 3, 27), D(2026, 3, 30), "review_due_tomorrow", "Friday: Monday is the next working day"),
    (D(2026, 3, 28), D(2026, 3, 30), None, "Saturday: the akimat is closed"),
    (D(2026, 3, 29), D(2026, 3, 30), None, "Sunday, though Monday is the next calendar day"),
    (D(2026, 3, 30), D(2026, 3, 30), "review_due_today", "the deadline itself"),
    (D(2026, 3, 20), D(2026, 3, 26), "review_due_tomorrow", "Friday before Nauryz 21-25 March 2026"),
    (D(2026, 3, 19), D(2026, 3, 26), None, "two working days before"),
    (D(2026, 3, 24), D(2026, 3, 26), None, "a Nauryz day off (observed)"),
    (D(2026, 3, 25), D(2026, 3, 26), None, "the last Nauryz day off, though the deadline is the next day"),
    (D(2024, 5, 4), D(2024, 5, 6), "review_due_tomorrow", "Saturday 4 May 2024 was a working day (transfer)"),
    (D(2024, 5, 6), D(2024, 5, 10), "review_due_tomorrow", "7 May, 8 May (transferred) and 9 May off"),
    (D(2024, 5, 8), D(2024, 5, 10), None, "the day off moved from Saturday 4 May"),
    (D(2026, 12, 15), D(2026, 12, 17), "review_due_tomorrow", "Independence Day, 16 December"),
    (D(2026, 12, 31), D(2027, 1, 5), "review_due_tomorrow", "New Year and a weekend"),
    (D(2026, 3, 27), D(2026, 3, 31), None, "Tuesday is the second working day"),
]


@pytest.mark.parametrize(("today", "deadline", "expected", "why"), CASES, ids=[c[3] for c in CASES])
def test_the_reminder_counts_working_days(
    today: dt.date, deadline: dt.date, expected: str | None, why: str
) -> None:
    calendar = default_calendar()
    assert calendar.is_working_day(deadline), why  # a review deadline always falls on a working day
    assert review_reminder(deadline, today, calendar) == expected, why


def test_the_job_looks_far_enough_ahead_for_the_longest_run_of_days_off() -> None:
    calendar = default_calendar()
    day, longest = D(2020, 1, 1), 0
    while day < D(2027, 1, 1):
        if calendar.is_working_day(day):
            longest = max(longest, (calendar.working_day_after(day, 1) - day).days)
        day += dt.timedelta(days=1)
    assert longest < REVIEW_HORIZON_DAYS
