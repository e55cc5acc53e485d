"""Two requests at once (PostgreSQL only: SQLite serialises writers by itself). The row lock on the case
(`select_for_update`) makes the second wait and then see the first one's event."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection

from beibit.cases.accounts import create_staff
from beibit.cases.actions.decision import record_decision
from beibit.cases.actions.filing import create_case, submit
from beibit.cases.audit import verify
from beibit.cases.clock import apply_clock, refresh
from beibit.cases.errors import CaseError
from beibit.cases.inputs import DecisionInput
from beibit.cases.models import Case, CaseEvent
from beibit.law.model import PlannedAssembly
from tests.cases.fixtures import PASSWORD, CaseMaker, at, rally

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are what PostgreSQL is tested for"
    ),
]
REASONS = "A threat to public order was assessed and reasoned in writing."


def at_once(*calls: Callable[[], object]) -> list[str]:
    """Run the calls in threads released together; each outcome is 'ok' or the service error's name."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except CaseError as error:
            outcomes.append(type(error).__name__)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(outcomes)


@pytest.mark.parametrize("attempt", range(5))
def test_two_officers_decide_the_same_case_at_once(
    filed: CaseMaker, officer: AbstractBaseUser, attempt: int
) -> None:
    case = filed()
    colleague = create_staff(
        email=f"second{attempt}@almaty.example.kz", password=PASSWORD, role="officer", settlement="almaty"
    )
    outcomes = at_once(
        lambda: record_decision(case.pk, officer, DecisionInput("proceed"), now=at(2026, 3, 26)),
        lambda: record_decision(
            case.pk, colleague, DecisionInput("refuse", ("14.1.3",), REASONS), now=at(2026, 3, 26)
        ),
    )
    assert outcomes == ["InvalidTransition", "ok"]
    assert CaseEvent.objects.filter(case=case, kind="decision_recorded").count() == 1
    assert Case.objects.get(pk=case.pk).status in ("may_proceed", "refused")
    assert verify([case.pk]).intact


def test_the_clock_and_a_late_decision_record_the_silence_once(
    filed: CaseMaker, officer: AbstractBaseUser
) -> None:
    case = filed()  # review deadline 30 March
    late = at(2026, 4, 1)
    outcomes = at_once(
        lambda: apply_clock(late),
        lambda: record_decision(case.pk, officer, DecisionInput("proceed"), now=late),
        lambda: refresh(case.pk, late),
    )
    assert outcomes == ["ok", "ok", "ok"]
    assert CaseEvent.objects.filter(case=case, kind="deemed_agreed").count() == 1
    assert Case.objects.get(pk=case.pk).status == "deemed_agreed"
    assert verify([case.pk]).intact


def test_a_create_retried_at_once_with_the_same_key_makes_one_case(organizer: AbstractBaseUser) -> None:
    assembly = PlannedAssembly.model_validate(rally())
    outcomes = at_once(*[lambda: create_case(organizer, assembly, now=at(2026, 3, 20), key="same-key")] * 3)
    assert outcomes == ["ok", "ok", "ok"]
    assert Case.objects.count() == 1


@pytest.mark.parametrize("round_", range(3))
def test_fault06_twenty_identical_decisions_with_one_key_all_get_the_first_result(
    filed: CaseMaker, officer: AbstractBaseUser, round_: int
) -> None:
    """ADR 0012: the key is checked again once the case lock is taken, so the nineteen that waited for the
    lock get the first result instead of 409 invalid_transition."""
    case = filed()
    results: list[int] = []
    decision = DecisionInput("refuse", ("14.1.3",), REASONS)

    def decide() -> None:
        event = record_decision(case.pk, officer, decision, now=at(2026, 3, 26), key=f"k{round_}")
        results.append(event.seq)

    outcomes = at_once(*[decide] * 20)
    assert outcomes == ["ok"] * 20
    assert len(set(results)) == 1
    assert CaseEvent.objects.filter(case=case, kind="decision_recorded").count() == 1
    assert verify([case.pk]).intact


@pytest.mark.parametrize("round_", range(2))
def test_fault07_ten_filings_for_one_place_and_hour_at_once_exactly_one_is_free(
    organizer: AbstractBaseUser, round_: int
) -> None:
    """Art 9(3): first received, first served. The booking check of a submit is serialised per settlement
    and day (an advisory lock), so of ten filings at once exactly one finds the place free."""
    drafts = [
        create_case(organizer, PlannedAssembly.model_validate(rally()), now=at(2026, 3, 20))
        for _ in range(10)
    ]
    outcomes = at_once(*[lambda pk=case.pk: submit(pk, organizer, now=at(2026, 3, 20)) for case in drafts])
    assert outcomes == ["ok"] * 10
    cases = Case.objects.filter(pk__in=[d.pk for d in drafts])
    occupied = [
        c.pk
        for c in cases
        # Art 9(3): an earlier filing for the place and hour (issue 13; 14(1)(10) is for other events)
        if any(f["code"] == "place.taken_by_earlier_filing" for f in c.evaluation["findings"])
    ]
    free = [c.pk for c in cases if c.pk not in occupied]
    assert len(free) == 1
