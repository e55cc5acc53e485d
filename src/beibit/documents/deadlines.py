"""The two dates a decision letter gives the organizer, counted as ../shared/law/deadlines.md says.

- Appeal: a complaint to the higher body, lodged through the akimat, within `appeal_months` (APPK Art 92,
  through 333-VI Art 19) from the day the organizer learnt of the decision. The period ends on the same day
  number that many months later, or on the month's last day when it has no such day (30 November + 3 months
  = 28 February); a day that is not a working day moves to the next working day.
- Answer to a proposal: `proposal_answer_working_days` working days from receipt, counted from the next
  working day (333-VI Art 11(3), 13(3)).

Both lengths are the regime's dated parameters, never literals here; the working days are the engine's
calendar. Nothing reads the clock: the days are passed in.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from dataclasses import dataclass

from beibit.law.calendar import WorkingCalendar, default_calendar
from beibit.law.model import Citation
from beibit.law.regimes import ParameterNotInForce, load_regime


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day number `months` later; the month's last day where it has no such day (31 Jan + 1 ->
    28/29 Feb). The case service counts the same way (beibit.cases.moments.add_months)."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return dt.date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class AppealDeadline:
    learnt_on: dt.date
    months: int
    period_end: dt.date  # the calendar-month date
    deadline: dt.date  # the last day to lodge: period_end, or the next working day after it
    citation: Citation  # where the period comes from (the regime's citation of `appeal_months`)
    estimated: bool  # the calendar is not confirmed for the days counted over (deadlines.md)

    @property
    def moved(self) -> bool:
        return self.deadline != self.period_end


def appeal_deadline(
    learnt_on: dt.date, *, regime_id: str = "kz-333-vi", calendar: WorkingCalendar | None = None
) -> AppealDeadline | None:
    """APPK Art 92 (333-VI Art 19): the last day to complain to the higher body. None where the regime has no
    appeal period in force on `learnt_on` (before the APPK took effect on 2021-07-01)."""
    try:
        params = load_regime(regime_id).params(learnt_on)
        months = params.integer("appeal_months")
        citation = params.cite("appeal_months")
    except ParameterNotInForce:
        return None
    days = calendar or default_calendar()
    period_end = add_months(learnt_on, months)
    deadline = days.registration_day(period_end)  # the day itself if a working day, else the next one
    return AppealDeadline(
        learnt_on=learnt_on,
        months=months,
        period_end=period_end,
        deadline=deadline,
        citation=citation,
        estimated=bool(days.uncertain_dates(period_end, deadline)),
    )


@dataclass(frozen=True, slots=True)
class AnswerDeadline:
    received_on: dt.date
    working_days: int
    deadline: dt.date  # the organizer's answer counts if given by the end of this day
    estimated: bool


def proposal_answer_deadline(
    received_on: dt.date, *, regime_id: str = "kz-333-vi", calendar: WorkingCalendar | None = None
) -> AnswerDeadline:
    """333-VI Art 11(3), 13(3): the organizer answers a proposal within the regime's number of working days
    of receiving it; the count starts on the next working day (deadlines.md)."""
    days = calendar or default_calendar()
    working_days = load_regime(regime_id).params(received_on).integer("proposal_answer_working_days")
    deadline = days.working_day_after(received_on, working_days)
    return AnswerDeadline(
        received_on=received_on,
        working_days=working_days,
        deadline=deadline,
        estimated=bool(days.uncertain_dates(received_on, deadline)),
    )
