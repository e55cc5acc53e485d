"""Properties of the deadline arithmetic that must hold for every form and every day (hypothesis)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from beibit.law.calendar import default_calendar
from beibit.law.evaluate import evaluate
from beibit.law.model import FORMS, PlannedAssembly

ALMATY = ZoneInfo("Asia/Almaty")
AS_OF = dt.date(2026, 11, 28)
days = st.dates(min_value=dt.date(2020, 8, 1), max_value=dt.date(2027, 12, 31))
forms = st.sampled_from(FORMS)
regimes = st.sampled_from(["kz-333-vi", "kz-333-vi-2020"])


def _assembly(form: str, day: dt.date, submitted: dt.date | None, hour: int = 10) -> PlannedAssembly:
    raw: dict[str, object] = {
        "form": form,
        "starts_at": dt.datetime.combine(day, dt.time(11), ALMATY).isoformat(),
        "ends_at": dt.datetime.combine(day, dt.time(13), ALMATY).isoformat(),
    }
    if submitted is not None:
        raw["submitted_at"] = dt.datetime.combine(submitted, dt.time(hour), ALMATY).isoformat()
    return PlannedAssembly.model_validate(raw)


@given(forms, days, regimes)
def test_registered_on_the_last_filing_day_is_in_time_and_the_next_working_day_is_late(
    form: str, day: dt.date, regime: str
) -> None:
    plan = evaluate(_assembly(form, day, None), regime=regime, as_of=AS_OF)
    last = plan.deadlines.last_filing_day
    assert last is not None
    on_time = evaluate(_assembly(form, day, last, hour=23), regime=regime, as_of=AS_OF)
    assert on_time.deadlines.filed_in_time is True
    assert "14.1.4" not in on_time.refusal_grounds
    next_day = default_calendar().working_day_after(last, 1)
    late = evaluate(_assembly(form, day, next_day, hour=0), regime=regime, as_of=AS_OF)
    assert late.deadlines.filed_in_time is False
    assert "14.1.4" in late.refusal_grounds


@given(forms, days, st.integers(min_value=0, max_value=40), regimes)
def test_deadlines_are_working_days_and_review_follows_registration(
    form: str, day: dt.date, back: int, regime: str
) -> None:
    submitted = day - dt.timedelta(days=back)
    evaluation = evaluate(_assembly(form, day, submitted), regime=regime, as_of=AS_OF)
    d = evaluation.deadlines
    cal = default_calendar()
    assert d.last_filing_day is not None and cal.is_working_day(d.last_filing_day)
    assert d.last_filing_day < day
    assert d.registration_day is not None and cal.is_working_day(d.registration_day)
    assert d.registration_day >= submitted
    assert d.review_deadline is not None and cal.is_working_day(d.review_deadline)
    assert d.review_deadline > d.registration_day


@settings(max_examples=50)
@given(forms, days, st.integers(min_value=0, max_value=40))
def test_evaluation_is_deterministic(form: str, day: dt.date, back: int) -> None:
    assembly = _assembly(form, day, day - dt.timedelta(days=back))
    first = evaluate(assembly, as_of=AS_OF).model_dump_json()
    assert all(evaluate(assembly, as_of=AS_OF).model_dump_json() == first for _ in range(3))
