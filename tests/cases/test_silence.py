"""The silence rule (Art 11(1), last part; deadlines.md, Silence) with the clock travelling: a
notification not answered by the end of its review deadline is deemed agreed from the next day, recorded by
`beibit tick` or the first read, whichever comes first, with the deadline-based effective date; an
application becomes overdue, never approved."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from beibit.cases import clock as case_clock
from beibit.cases import workflow as wf
from beibit.cases.actions.decision import record_decision, record_delivery, record_sent_answer
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
    assert case.state_document["silence"] == {
        "kind": "deemed_agreed",
        "effective_on": event.effective_on.isoformat(),
    }


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


def test_a_decision_recorded_and_sent_in_time_prevents_the_silence(
    filed: CaseMaker, officer: AbstractBaseUser
) -> None:
    from beibit.cases.inputs import DecisionInput, DeliveryInput

    case = filed()  # review deadline Monday 30 March
    record_decision(case.pk, officer, DecisionInput("proceed"), now=at(2026, 3, 30, 18))
    handed = DeliveryInput("hand", sent_at=at(2026, 3, 30, 19))
    record_delivery(case.pk, officer, handed, now=at(2026, 3, 30, 19, 5))
    with time_machine.travel(at(2026, 4, 10), tick=False):
        tick()
    assert Case.objects.get(pk=case.pk).status == wf.MAY_PROCEED
    assert _silence_event(case) is None


# --- the answer counts when sent (deadlines.md, Review deadline; issue 17) ------------------------------


def test_a_decision_recorded_in_time_but_never_sent_leaves_the_notification_deemed_agreed(
    filed: CaseMaker, officer: AbstractBaseUser
) -> None:
    from beibit.cases.inputs import DecisionInput

    case = filed()  # review deadline Monday 30 March
    record_decision(case.pk, officer, DecisionInput("proceed"), now=at(2026, 3, 30, 18))
    assert Case.objects.get(pk=case.pk).unsent_answer_due == dt.date(2026, 3, 30)
    assert "0 event(s)" in tick("2026-03-30T23:59:00+05:00")
    assert "1 event(s)" in tick("2026-03-31T00:00:01+05:00")
    silence = _silence_event(case)
    assert silence is not None and silence.kind == "deemed_agreed"
    assert silence.effective_on == dt.date(2026, 3, 31)
    assert silence.payload["answer_not_sent_in_time"] is True
    assert Case.objects.get(pk=case.pk).status == wf.DEEMED_AGREED


def test_recorded_in_time_but_sent_after_the_deadline_is_deemed_agreed(
    filed: CaseMaker, officer: AbstractBaseUser
) -> None:
    from beibit.cases.inputs import DecisionInput

    case = filed()
    decision = record_decision(
        case.pk,
        officer,
        # A judgement ground with its reasons (a fact ground the record disproves is refused: issue 13).
        DecisionInput("refuse", ("14.1.3",), "The gathering would block the only ambulance access that day."),
        now=at(2026, 3, 30, 17),
    )
    assert not case.bookings.filter(released_at__isnull=True).exists()
    # Beibit's e-mail went out only on Tuesday (the SMTP server was down until then).
    record_sent_answer(
        case.pk,
        decision_seq=decision.seq,
        channel="email",
        sent_at=at(2026, 3, 31, 8),
        provider_id="<late@test>",
        officer_id=officer.pk,
        now=at(2026, 3, 31, 8, 1),
    )
    case = Case.objects.get(pk=case.pk)
    assert case.status == wf.DEEMED_AGREED
    delivered = CaseEvent.objects.get(case=case, kind="delivered")
    assert delivered.payload["sent_after_review_deadline"] is True
    assert delivered.payload["provider_id"] == "<late@test>"
    # The refusal never took effect in time: the notified assembly holds its place again.
    assert case.bookings.filter(released_at__isnull=True).count() == 1


def test_sent_in_time_by_email_with_the_registered_letter_recorded_the_next_day_is_in_time(
    filed: CaseMaker, officer: AbstractBaseUser
) -> None:
    from beibit.cases.inputs import DecisionInput, DeliveryInput

    case = filed()
    decision = record_decision(
        case.pk, officer, DecisionInput("proceed", send_by="email"), now=at(2026, 3, 30, 17)
    )
    assert decision.payload["send_by"] == "email"
    record_sent_answer(
        case.pk,
        decision_seq=decision.seq,
        channel="email",
        sent_at=at(2026, 3, 30, 23, 59) + dt.timedelta(seconds=30),
        provider_id="<in-time@test>",
        officer_id=officer.pk,
        # Recorded a few seconds after midnight: sent in time all the same.
        now=at(2026, 3, 31, 0, 0) + dt.timedelta(seconds=5),
    )
    letter = DeliveryInput(
        "registered_mail", sent_at=at(2026, 3, 31, 11), registered_mail_number="RR123456789KZ"
    )
    record_delivery(case.pk, officer, letter, now=at(2026, 3, 31, 12))
    with time_machine.travel(at(2026, 4, 10), tick=False):
        tick()
    case = Case.objects.get(pk=case.pk)
    assert case.status == wf.MAY_PROCEED and _silence_event(case) is None
    deliveries = case.state_document["deliveries"]
    assert [d["channel"] for d in deliveries] == ["email", "registered_mail"]
    assert deliveries[0]["sent_on"] == "2026-03-30" and deliveries[0]["sent_after_review_deadline"] is False
    assert deliveries[1]["registered_mail"] == {"sent_on": "2026-03-31", "number": "RR123456789KZ"}


def test_the_sent_answer_is_recorded_once_per_message(filed: CaseMaker, officer: AbstractBaseUser) -> None:
    from beibit.cases.inputs import DecisionInput

    case = filed()
    decision = record_decision(case.pk, officer, DecisionInput("proceed"), now=at(2026, 3, 27, 10))
    for _ in range(2):
        record_sent_answer(
            case.pk,
            decision_seq=decision.seq,
            channel="sms",
            sent_at=at(2026, 3, 27, 10, 1),
            provider_id="42",
            officer_id=officer.pk,
            now=at(2026, 3, 27, 10, 2),
        )
    assert CaseEvent.objects.filter(case=case, kind="delivered").count() == 1


def test_an_unsent_answer_to_an_application_approves_nothing_and_refuses_nothing(
    filed: CaseMaker, astana_officer: AbstractBaseUser
) -> None:
    from beibit.cases.inputs import DecisionInput

    case = filed(march())
    record_decision(case.pk, astana_officer, DecisionInput("approve"), now=at(2026, 3, 27, 10))
    assert Case.objects.get(pk=case.pk).unsent_answer_due is None
    with time_machine.travel(at(2026, 4, 20), tick=False):
        tick()
    assert Case.objects.get(pk=case.pk).status == wf.APPROVED


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
    filed()  # review deadline Monday 30 March: nothing can be due before 31 March 00:00 in Almaty
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


def test_the_quiet_path_holds_on_the_day_a_deadline_falls_due(
    filed: CaseMaker, django_assert_num_queries: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """deadlines.md: the silence takes effect the day after the deadline, local time. On the deadline day
    itself (from 00:00 UTC, 05:00 in Almaty, until local midnight) nothing is due: cached reads stay at one
    query, and a read at local midnight still records the silence. (The recheck interval is held still.)"""
    case = filed()  # review deadline Monday 30 March
    still = case_clock.time.monotonic()
    monkeypatch.setattr(case_clock.time, "monotonic", lambda: still)
    apply_clock_on_read(at(2026, 3, 30, 9), settlement="almaty")
    apply_clock_on_read(at(2026, 3, 30, 9))  # every settlement at once (the statistics, `beibit tick`)
    for moment in (at(2026, 3, 30, 9, 1), at(2026, 3, 30, 23, 59)):
        with django_assert_num_queries(1):  # the change mark only
            apply_clock_on_read(moment, settlement="almaty")
        with django_assert_num_queries(1):
            apply_clock_on_read(moment)
    assert Case.objects.get(pk=case.pk).status == wf.REGISTERED
    apply_clock_on_read(at(2026, 3, 31, 0, 0), settlement="almaty")
    assert Case.objects.get(pk=case.pk).status == wf.DEEMED_AGREED


def test_the_clock_does_not_lock_a_case_on_its_deadline_day(
    filed: CaseMaker, django_assert_num_queries: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the recheck interval the clock is asked again: a case whose deadline is today is not selected
    (no lock, no write), only the cases already past theirs."""
    filed()  # review deadline Monday 30 March
    apply_clock_on_read(at(2026, 3, 30, 9), settlement="almaty")
    clock = case_clock.time.monotonic()
    monkeypatch.setattr(case_clock.time, "monotonic", lambda: clock + CLOCK_RECHECK_SECONDS + 1)
    with django_assert_num_queries(6):  # mark, due cases (none), mark again, the three earliest deadlines
        apply_clock_on_read(at(2026, 3, 30, 23, 59), settlement="almaty")


def test_a_cached_register_read_costs_one_query_while_a_deadline_falls_due_today(
    filed: CaseMaker, client: Client, django_assert_num_queries: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 18: nationally some deadline falls due almost every day; the cached register API must not
    run the clock again for it. (The recheck interval is held still: a slow machine must not pass it
    between the two reads.)"""
    filed()  # review deadline Monday 30 March
    still = case_clock.time.monotonic()
    monkeypatch.setattr(case_clock.time, "monotonic", lambda: still)
    with time_machine.travel(at(2026, 3, 30, 15), tick=False):
        first = client.get("/api/v1/register?settlement=almaty")
        assert first.status_code == 200
        with django_assert_num_queries(1):  # the change mark; the page comes from the cache
            again = client.get("/api/v1/register?settlement=almaty")
        assert again.content == first.content


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
    with django_assert_num_queries(6):  # mark, due cases, mark again, the three earliest deadlines
        apply_clock_on_read(at(2026, 3, 21), settlement="almaty")


def _tick(*args: str) -> tuple[int, str]:
    from beibit.service_cli import add_service_commands

    parser = argparse.ArgumentParser(prog="beibit")
    add_service_commands(parser.add_subparsers(dest="command", required=True))
    parsed = parser.parse_args(["tick", *args])
    out = io.StringIO()
    return cmd_tick(parsed, io.BytesIO(), out), out.getvalue()


def test_fault17_tick_at_a_future_time_is_refused_on_the_live_database(filed: CaseMaker) -> None:
    case = filed()  # review deadline Monday 30 March: deemed agreed from 31 March
    with time_machine.travel(at(2026, 3, 27), tick=False):
        code, text = _tick("--at", "2026-04-02T10:00:00+05:00")
        assert code == 2 and "in the future" in text
        assert _silence_event(case) is None
        code, text = _tick("--at", "2026-04-02T10:00:00+05:00", "--dry-run")
        assert code == 0
        assert f"case {case.pk}: deemed_agreed (effective 2026-03-31)" in text
        assert "1 event(s) would be recorded" in text
        assert _silence_event(case) is None and Case.objects.get(pk=case.pk).status == wf.REGISTERED
        live = os.environ.get("BEIBIT_DATABASE_URL", "sqlite:///beibit.sqlite3")
        code, text = _tick("--at", "2026-04-02T10:00:00+05:00", "--database", live)
        assert code == 2 and "live database" in text
        assert _silence_event(case) is None
    with time_machine.travel(at(2026, 4, 3), tick=False):  # the past is caught up as before
        code, text = _tick("--at", "2026-04-02T10:00:00+05:00")
        assert code == 0 and "1 event(s) recorded" in text


def test_fault17_tick_at_a_future_time_runs_on_a_named_copy(tmp_path: Path) -> None:
    copy = f"sqlite:///{tmp_path / 'copy.sqlite3'}"
    env = {**os.environ, "BEIBIT_DATABASE_URL": copy}
    beibit = str(Path(sys.executable).with_name("beibit"))
    subprocess.run([beibit, "manage", "migrate", "-v", "0"], env=env, check=True, timeout=120)
    live = {**os.environ, "BEIBIT_DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}"}
    run = subprocess.run(
        [beibit, "tick", "--at", "2999-01-01T00:00:00+05:00", "--database", copy],
        env=live,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 event(s) recorded" in run.stdout
    assert not (tmp_path / "live.sqlite3").exists()  # the live database was never opened
