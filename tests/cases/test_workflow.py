"""The transitions table itself: complete, cited, and the fold refuses what the table forbids."""

from __future__ import annotations

import datetime as dt
from collections import deque

import pytest

from beibit.cases import workflow as wf

NOW = dt.datetime(2026, 3, 20, 5, 0, tzinfo=dt.UTC)


def _event(seq: int, kind: str, **payload: object) -> wf.EventRecord:
    return wf.EventRecord(seq, kind, payload, NOW.date(), NOW)


def test_every_edge_leads_to_a_known_status_and_cites_a_provision() -> None:
    for status, edges in wf.TRANSITIONS.items():
        for edge, spec in edges.items():
            assert spec.to in wf.TRANSITIONS, (status, edge)
            assert spec.cites, (status, edge)
            assert spec.by and spec.by <= {"organizer", "officer", "system"}, (status, edge)


def test_every_status_is_reachable_from_draft() -> None:
    seen = {wf.DRAFT}
    queue = deque([wf.DRAFT])
    while queue:
        for spec in wf.TRANSITIONS[queue.popleft()].values():
            if spec.to not in seen:
                seen.add(spec.to)
                queue.append(spec.to)
    assert seen == set(wf.STATUSES)


def test_the_silence_and_the_clock_are_system_only() -> None:
    assert {"registered", "evaluated", "deemed_agreed", "overdue", "proposal_lapsed"} == wf.SYSTEM_EDGES
    for edge in wf.SYSTEM_EDGES:
        for status, edges in wf.TRANSITIONS.items():
            if edge in edges:
                with pytest.raises(wf.TransitionNotAllowed):
                    wf.transition(status, edge, "officer")
                with pytest.raises(wf.TransitionNotAllowed):
                    wf.transition(status, edge, "organizer")


def test_an_application_is_never_approved_by_silence() -> None:
    assert wf.TRANSITIONS[wf.REGISTERED]["overdue"].to == wf.OVERDUE
    assert all(
        spec.by != {"system"} or spec.to != wf.APPROVED
        for e in wf.TRANSITIONS.values()
        for spec in e.values()
    )


def test_a_refusal_is_impossible_after_agreement_and_required_after_disagreement() -> None:
    assert "decision_recorded.refuse" not in wf.TRANSITIONS[wf.PROPOSAL_AGREED]
    for status in (wf.PROPOSAL_DECLINED, wf.PROPOSAL_LAPSED):
        decisions = {e for e in wf.TRANSITIONS[status] if e.startswith("decision_recorded.")}
        assert decisions == {"decision_recorded.refuse"}


def test_one_decision_per_case() -> None:
    for status in (wf.MAY_PROCEED, wf.APPROVED, wf.APPROVED_RESTRICTED, wf.REFUSED):
        assert not any(e.startswith("decision_recorded.") for e in wf.TRANSITIONS[status])


def test_the_fold_refuses_a_log_the_table_cannot_produce() -> None:
    drafted = _event(
        1, "drafted", assembly={"form": "rally", "settlement": "almaty"}, procedure="notification"
    )
    with pytest.raises(wf.CorruptLog):
        wf.fold([drafted, _event(2, "deemed_agreed", review_deadline="2026-03-30")])
    with pytest.raises(wf.CorruptLog):
        wf.fold([drafted, _event(3, "withdrawn", reason="")])
    with pytest.raises(wf.CorruptLog):
        wf.fold([_event(1, "withdrawn", reason="")])
    assert wf.fold([drafted, _event(2, "withdrawn", reason="")]).status == wf.WITHDRAWN


def test_edge_names_qualify_decisions_and_answers() -> None:
    assert wf.edge_of("decision_recorded", {"decision": "refuse"}) == "decision_recorded.refuse"
    assert wf.edge_of("proposal_answered", {"agree": False}) == "proposal_answered.disagree"
    assert wf.edge_of("held", {}) == "held"
