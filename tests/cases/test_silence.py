"""The silence rule (Art 11(1), last part; deadlines.md, Silence) with the clock travelling: a
notification not answered by the end of its review deadline is deemed agreed from the next day, recorded by
`beibit tick` or the first read, whichever comes first, with the deadline-based effective date; an
application becomes overdue, never approved."""

from __future__ import annotations

import argparse
import datetime as dt
import io
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases import clock as case_clock
from beibit.cases import workflow as wf
from beibit.cases.actions.decision import record_decision
from beibit.cases.clock import CLOCK_RECHECK_SECONDS, apply_clock_on_read, refresh
from beibit.cases.models import Case, CaseEvent
from beibit.service_cli import cmd_tick
from tests.cases.fixtures import CaseMaker, at, march, rally


def tick(at_: str | None = None) -> str:
    out = io.StringIO()
    assert cmd_tick(argparse.Namespace(at=at_), io.BytesIO(), out) == 0
    return out.getvalue()


def _silence_event(case: Case) -> CaseEvent | None:
    return CaseEvent.objects.filter(case=case, kind__in=("deemed_agreed", "overdue")).first()


@pytest.mark.parametrize(
    ("submitted", "deadline", "why"),
    [
        (at(2026, 3, 20), dt.date(2026, 3, 30), "across Nauryz (21-25 March) and a weekend"),
        (at(2026, 5, 6), dt.date(2026, 5, 13), "across Defender's Day, Victory Day and its observed Monday"),
        (at(2026, 12, 11), dt.date(2026, 12, 17), "across Independence Day, 16 December"),
        (
            at(2026, 3, 21, 9),
            dt.date(2026, 3, 31),
            "filed on a Saturday of Nauryz: registered Thursday 26 March",
        ),
    ],
)
def test_a_notification_is_deemed_agreed_from_the_day_after_its_deadline(
    filed: CaseMaker, submitted: dt.datetime, deadline: dt.date, why: str
) -> None:
    starts = (deadline + dt.timedelta(days=20)).isoformat()
    case = filed(
        submitted_at=submitted, starts_at=f"{starts}T11:00:00+05:00", ends_at=f"{starts}T13:00:00+05:00"
    )
    assert case.review_deadline == deadline, why
    last_minute = dt.datetime.combine(deadline, dt.time(23, 59, 59), at(2026, 1, 1).tzinfo)
    with time_machine.travel(last_minute, tick=False):
        tick()
    assert Case.objects.get(pk=case.pk).status == wf.REGISTERED
    # The job runs days later: the effect still dates from the day after the deadline.
    with time_machine.travel(last_minute + dt.timedelta(days=6), tick=False):
        assert "1 event(s) recorded" in tick()
    case = Case.objects.get(pk=case.pk)
    assert case.status == wf.DEEMED_AGREED
    event = _silence_event(case)
    assert event is not None and event.kind == "deemed_agreed" and event.actor_role == "system"
    assert event.effective_on == deadline + dt.timedelta(days=1)
    assert case.state["silence"] == {"kind": "deemed_agreed", "effective_on": event.effective_on.isoformat()}


def test_tick_and_read_record_the_silence_once(filed: CaseMaker) -> None:
    case = filed()  # review deadline Monday 30 March
    with time_machine.travel(at(2026, 3, 31, 0, 0), tick=False):
        tick()
        tick()
        refresh(case.pk, at(2026, 3, 31, 0, 1))
    assert CaseEvent.objects.filter(case=case, kind="deemed_agreed").count() == 1


def test_the_first_read_records_the_silence_before_any_tick(filed: CaseMaker) -> None:
    case = filed()
    read = refresh(case.pk, at(2026, 4, 2, 15))
    assert read.status == wf.DEEMED_AGREED
    event = _silence_event(read)
    assert event is not None and event.effective_on == dt.date(2026, 3, 31)
    assert event.occurred_at == at(2026, 4, 2, 15)  # noticed then, effective from the deadline


def test_an_application_becomes_overdue_never_approved(filed: CaseMaker) -> None:
    case = filed(march())  # registered Friday 20 March, deadline Friday 3 April
    with time_machine.travel(
        at(
            2026,
            4,
            4,
            0,
            0,
        ),
        tick=False,
    ):
        tick()
    case = Case.objects.get(pk=case.pk)
    assert case.status == wf.OVERDUE
    event = _silence_event(case)
    assert event is not None and event.kind == "overdue" and event.effective_on == dt.date(2026, 4, 4)
    assert not CaseEvent.objects.filter(case=case, kind="decision_recorded").exists()


def test_a_decision_in_time_prevents_the_silence(filed: CaseMaker, officer: AbstractBaseUser) -> None:
    from beibit.cases.inputs import DecisionInput

    case = filed()
    record_decision(case.pk, officer, DecisionInput("proceed"), now=at(2026, 3, 30, 18))
    with time_machine.travel(at(2026, 4, 10), tick=False):
        tick()
    assert Case.objects.get(pk=case.pk).status == wf.MAY_PROCEED
    assert _silence_event(case) is None


def test_tick_with_an_explicit_instant() -> None:
    out = io.StringIO()
    assert cmd_tick(argparse.Namespace(at="2026-03-31T00:00:00"), io.BytesIO(), out) == 2
    assert "offset" in out.getvalue()


def test_tick_runs_in_each_settlements_local_day(filed: CaseMaker) -> None:
    case = filed(rally())
    # 30 March 19:30 UTC is 31 March 00:30 in Almaty: past the deadline there.
    assert "1 event(s)" in tick("2026-03-30T19:30:00+00:00")
    assert Case.objects.get(pk=case.pk).status == wf.DEEMED_AGREED


# --- the reads of many cases (register, calendar, open data): `apply_clock_on_read` -------------------------


def test_a_register_read_records_the_silence_due_and_only_once(filed: CaseMaker) -> None:
    case = filed()  # review deadline Monday 30 March
    apply_clock_on_read(at(2026, 3, 30, 23), settlement="almaty")
    assert Case.objects.get(pk=case.pk).status == wf.REGISTERED
    apply_clock_on_read(at(2026, 3, 31, 0, 1), settlement="almaty")
    apply_clock_on_read(at(2026, 3, 31, 0, 2), settlement="almaty")
    assert Case.objects.get(pk=case.pk).status == wf.DEEMED_AGREED
    assert CaseEvent.objects.filter(case=case, kind="deemed_agreed").count() == 1


def test_a_quiet_read_costs_one_query_until_the_first_deadline_passes(
    filed: CaseMaker, django_assert_num_queries: Any
) -> None:
    filed()  # review deadline Monday 30 March: nothing can be due before 30 March 00:00 UTC
    apply_clock_on_read(at(2026, 3, 21), settlement="almaty")
    with django_assert_num_queries(1):  # the change mark only
        apply_clock_on_read(at(2026, 3, 29, 23), settlement="almaty")
    apply_clock_on_read(at(2026, 3, 21), settlement="astana")
    with django_assert_num_queries(1):  # each settlement is remembered on its own
        apply_clock_on_read(at(2026, 3, 29, 23), settlement="astana")
    # Past the earliest due instant the clock is asked again (and finds the silence due).
    recorded_before = CaseEvent.objects.count()
    apply_clock_on_read(at(2026, 3, 31, 9), settlement="almaty")
    assert CaseEvent.objects.count() == recorded_before + 1


def test_a_new_filing_with_an_earlier_deadline_is_not_missed(filed: CaseMaker) -> None:
    later = filed(submitted_at=at(2026, 3, 27))  # registered Friday 27 March, deadline Wednesday 1 April
    apply_clock_on_read(at(2026, 3, 27, 11), settlement="almaty")  # remembers "not before 1 April"
    # A filing appended afterwards changes the mark: its earlier deadline (30 March) is found.
    earlier = filed(submitted_at=at(2026, 3, 20))
    apply_clock_on_read(at(2026, 3, 31, 9), settlement="almaty")
    assert Case.objects.get(pk=earlier.pk).status == wf.DEEMED_AGREED
    assert Case.objects.get(pk=later.pk).status == wf.REGISTERED


def test_the_remembered_answer_is_asked_again_after_the_recheck_interval(
    filed: CaseMaker, django_assert_num_queries: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    filed()
    apply_clock_on_read(at(2026, 3, 21), settlement="almaty")
    clock = case_clock.time.monotonic()
    monkeypatch.setattr(case_clock.time, "monotonic", lambda: clock + CLOCK_RECHECK_SECONDS + 1)
    with django_assert_num_queries(5):  # mark, due cases, mark again, the two earliest deadlines
        apply_clock_on_read(at(2026, 3, 21), settlement="almaty")
