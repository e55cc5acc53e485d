"""law/procedure.py as pure functions: no database, no clock (333-VI Art 11, 13, 14, 15, 18; CC 61-NP)."""

from __future__ import annotations

import datetime as dt

import pytest

from beibit.law import procedure
from beibit.law.calendar import default_calendar
from beibit.law.regimes import load_regime

D = dt.date
NOW_LAW = load_regime("kz-333-vi").params(D(2025, 6, 2))
LAW_2020 = load_regime("kz-333-vi-2020").params(D(2024, 6, 3))
REASONS = "The square is closed for repairs all week."


@pytest.mark.parametrize(
    ("procedure_name", "decision", "allowed"),
    [
        ("notification", "proceed", True),  # Art 11(1)(1)
        ("notification", "approve", False),  # approval is Art 13's
        ("notification", "propose", True),  # Art 11(1)(3)
        ("application_for_approval", "approve_restricted", True),  # Art 13(1)(2)
        ("application_for_approval", "proceed", False),
        ("application_for_approval", "refuse", True),  # Art 13(1)(3)
        ("out_of_scope", "refuse", False),  # Art 2(5): nothing to decide
    ],
)
def test_decision_allowed_by_procedure(procedure_name: str, decision: str, allowed: bool) -> None:
    assert procedure.decision_allowed(procedure_name, decision) is allowed


@pytest.mark.parametrize(
    ("decision", "grounds", "reasons", "alternative_refused", "code", "field"),
    [
        ("proceed", ["14.1.3"], "", False, "grounds_not_refusal", "grounds"),
        ("refuse", [], REASONS, False, "ground_missing", "grounds"),
        ("refuse", ["14.1.3", "14.1.11"], REASONS, False, "ground_unknown", "grounds.1"),
        ("refuse", ["14.1.3", "14.1.3"], REASONS, False, "ground_twice", "grounds"),
        ("refuse", ["14.1.3"], "  too short          ", False, "reasons_too_short", "reasons"),  # Art 14(2)
        ("refuse", ["14.1.10"], REASONS, False, "alternative_first", "grounds"),  # CC 61-NP
    ],
)
def test_refusal_problems(
    decision: str, grounds: list[str], reasons: str, alternative_refused: bool, code: str, field: str
) -> None:
    problem = procedure.refusal_problem(
        decision, grounds, reasons, alternative_refused=alternative_refused, params=NOW_LAW
    )
    assert problem is not None
    assert (problem.code, problem.field) == (code, field)


def test_unknown_ground_is_named() -> None:
    problem = procedure.refusal_problem(
        "refuse", ["14.1.0"], REASONS, alternative_refused=False, params=NOW_LAW
    )
    assert problem == procedure.Problem("ground_unknown", "grounds.0", "14.1.0")


def test_occupied_place_refusal_after_the_alternative_was_refused_or_with_another_ground() -> None:
    """CC 61-NP: 14(1)(10) alone needs an alternative first; with it declined, or with another ground, it
    stands."""
    for grounds, refused in ((["14.1.10"], True), (["14.1.10", "14.1.3"], False)):
        assert (
            procedure.refusal_problem("refuse", grounds, REASONS, alternative_refused=refused, params=NOW_LAW)
            is None
        )


def test_occupied_place_refusal_before_61_np_needs_no_alternative() -> None:
    """The 2020 reading (before CC 61-NP of 20.01.2025) has no such precondition."""
    assert not LAW_2020.flag("occupied_place_refusal_needs_alternative")
    assert (
        procedure.refusal_problem("refuse", ["14.1.10"], REASONS, alternative_refused=False, params=LAW_2020)
        is None
    )


def test_reasons_length_counts_without_surrounding_space() -> None:
    exactly = "x" * procedure.MIN_REASONS_LENGTH
    ok = procedure.refusal_problem(
        "refuse", ["14.1.3"], f"  {exactly}  ", alternative_refused=False, params=NOW_LAW
    )
    short = procedure.refusal_problem(
        "refuse", ["14.1.3"], exactly[1:], alternative_refused=False, params=NOW_LAW
    )
    assert ok is None
    assert short is not None and short.code == "reasons_too_short"


def test_grounds_in_the_order_of_article_14() -> None:
    assert procedure.ordered_grounds(["14.1.10", "14.1.2", "14.1.9"]) == ["14.1.2", "14.1.9", "14.1.10"]


def test_decision_due_is_the_review_deadline_without_a_timely_proposal() -> None:
    cal = default_calendar()
    deadline = D(2025, 6, 4)
    assert (
        procedure.decision_due(
            deadline, proposal_in_time=False, proposal_settled_on=D(2025, 6, 10), calendar=cal
        )
        == deadline
    )
    assert (
        procedure.decision_due(deadline, proposal_in_time=True, proposal_settled_on=None, calendar=cal)
        == deadline
    )


def test_decision_due_after_a_timely_proposal_is_the_next_working_day() -> None:
    """Answered on Friday 6 June 2025: the akimat has until the next working day, Monday 9 June (the
    interpretation in docs/interpretations.md), counted on the calendar, not by adding a day."""
    due = procedure.decision_due(
        D(2025, 6, 4), proposal_in_time=True, proposal_settled_on=D(2025, 6, 6), calendar=default_calendar()
    )
    assert due == D(2025, 6, 9)


def test_decision_due_never_before_the_review_deadline() -> None:
    due = procedure.decision_due(
        D(2025, 6, 20), proposal_in_time=True, proposal_settled_on=D(2025, 6, 2), calendar=default_calendar()
    )
    assert due == D(2025, 6, 20)


@pytest.mark.parametrize(
    ("ground", "suspended", "allowed"),
    [("18.1.4", False, False), ("18.1.4", True, True), ("18.1.1", False, True), ("18.1.6", True, True)],
)
def test_termination_on_18_1_4_needs_a_suspension(ground: str, suspended: bool, allowed: bool) -> None:
    assert procedure.termination_allowed(ground, suspended=suspended) is allowed


def test_campaigning_from_the_day_after_the_review_deadline() -> None:
    # Art 15: the day after, a calendar day (31 May is a Saturday: no working-day shift).
    assert procedure.campaigning_from(D(2025, 5, 30)) == D(2025, 5, 31)
    assert procedure.campaigning_from(None) is None


def test_campaigning_from_the_earliest_of_go_ahead_receipt_and_agreement() -> None:
    assert procedure.campaigning_from(D(2025, 6, 10), [D(2025, 6, 5), D(2025, 6, 7)]) == D(2025, 6, 5)
    assert procedure.campaigning_from(D(2025, 6, 10), [], D(2025, 6, 3)) == D(2025, 6, 3)
    assert procedure.campaigning_from(None, [], D(2025, 6, 3)) == D(2025, 6, 3)


def test_day_after_crosses_month_and_year() -> None:
    assert procedure.day_after(D(2025, 12, 31)) == D(2026, 1, 1)
    assert procedure.day_after(D(2024, 2, 28)) == D(2024, 2, 29)
