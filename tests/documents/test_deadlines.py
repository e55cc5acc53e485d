"""The appeal deadline (APPK Art 92 via 333-VI Art 19) and the answer to a proposal (Art 11(3), 13(3)),
counted as ../shared/law/deadlines.md says: calendar months to the same day number (or the month's last
day), moved to the next working day of the engine's calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

import beibit.documents.deadlines as deadlines_module
from beibit.documents import appeal_deadline, proposal_answer_deadline
from beibit.documents.deadlines import add_months
from beibit.law.calendar import default_calendar
from beibit.law.model import Citation
from beibit.law.regimes import DatedValue, Parameter, load_regime

D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2026, 9, 30), 3, D(2026, 12, 30)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),  # February has no 30th: its last day
        (D(2026, 11, 29), 3, D(2027, 2, 28)),
        (D(2027, 11, 30), 3, D(2028, 2, 29)),  # leap year
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 10, 31), 3, D(2027, 1, 31)),
        (D(2026, 12, 15), 3, D(2027, 3, 15)),  # across the year end
    ],
)
def test_months_end_on_the_same_day_number_or_the_months_last_day(start: D, months: int, end: D) -> None:
    assert add_months(start, months) == end


def test_decided_on_30_september_the_appeal_runs_to_30_december() -> None:
    deadline = appeal_deadline(D(2026, 9, 30))
    assert deadline is not None
    assert deadline.months == 3
    assert deadline.period_end == D(2026, 12, 30)
    assert deadline.deadline == D(2026, 12, 30)  # a Wednesday, a working day
    assert not deadline.moved
    assert not deadline.estimated  # 2026 is confirmed in the calendar data
    assert deadline.citation == Citation(act="APPK", article=92)


def test_a_last_day_on_a_saturday_moves_to_monday() -> None:
    deadline = appeal_deadline(D(2026, 9, 5))
    assert deadline is not None
    assert deadline.period_end == D(2026, 12, 5)  # Saturday
    assert deadline.deadline == D(2026, 12, 7)
    assert deadline.moved


def test_a_last_day_on_a_holiday_moves_to_the_next_working_day() -> None:
    deadline = appeal_deadline(D(2026, 9, 16))
    assert deadline is not None
    assert deadline.period_end == D(2026, 12, 16)  # Independence Day, a Wednesday
    assert not default_calendar().is_working_day(D(2026, 12, 16))
    assert deadline.deadline == D(2026, 12, 17)


def test_end_of_november_runs_to_february_28_a_sunday_then_monday() -> None:
    deadline = appeal_deadline(D(2026, 11, 30))
    assert deadline is not None
    assert deadline.period_end == D(2027, 2, 28)
    assert deadline.period_end.weekday() == 6  # Sunday
    assert deadline.deadline == D(2027, 3, 1)
    assert deadline.estimated  # 2027 is beyond the calendar's confirmed data: the document says so


def test_the_period_length_is_the_regimes_parameter_not_a_literal(monkeypatch: pytest.MonkeyPatch) -> None:
    regime = load_regime("kz-333-vi")
    two_months = Parameter("appeal_months", (DatedValue(D(2021, 7, 1), 2, Citation(act="APPK", article=92)),))
    changed = replace(regime, parameters={**regime.parameters, "appeal_months": two_months})
    monkeypatch.setattr(deadlines_module, "load_regime", lambda regime_id: changed)
    deadline = appeal_deadline(D(2026, 9, 30))
    assert deadline is not None
    assert (deadline.months, deadline.period_end) == (2, D(2026, 11, 30))


def test_the_2020_regime_counts_the_same_period() -> None:
    deadline = appeal_deadline(D(2024, 3, 29), regime_id="kz-333-vi-2020")
    assert deadline is not None
    assert deadline.period_end == D(2024, 6, 29)  # Saturday
    assert deadline.deadline == D(2024, 7, 1)


def test_no_appeal_period_before_the_appk_took_effect() -> None:
    assert appeal_deadline(D(2021, 6, 30), regime_id="kz-333-vi-2020") is None
    assert appeal_deadline(D(2021, 7, 1), regime_id="kz-333-vi-2020") is not None


def test_a_proposal_received_before_a_holiday_is_answered_on_the_next_working_day() -> None:
    answer = proposal_answer_deadline(D(2026, 12, 15))  # Tuesday; Wednesday 16 is Independence Day
    assert answer.working_days == 1
    assert answer.deadline == D(2026, 12, 17)


def test_a_proposal_received_on_friday_is_answered_on_monday() -> None:
    assert proposal_answer_deadline(D(2026, 12, 11)).deadline == D(2026, 12, 14)
