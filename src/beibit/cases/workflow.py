"""The one table of allowed transitions, and the fold of a case's events into its state.

`TRANSITIONS[status][edge]` is the status a case moves to when an event of that edge is appended in that
status; every edge names who may cause it (organizer, officer, or the system's clock) and the provisions
that allow it. An edge is the event's kind, qualified by its outcome for the two kinds whose outcome
decides the next status (`decision_recorded.refuse`, `proposal_answered.agree`, ...).

Edges caused by the system (`registered`, `evaluated`, `deemed_agreed`, `overdue`, `proposal_lapsed`) are
appended only by the case actions and the clock (`actions/`, `clock.py`) themselves; no API handler can
reach them.

`fold(events)` is pure: the state of a case is a function of its events. The fold builds the state as a JSON
document (`fold_document`), which the `Case` row keeps for queries and `beibit audit verify` compares with a
replay; readers take it typed, as a `CaseState` (`beibit.cases.state`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from beibit.cases.state import CaseState, Decision
from beibit.law import procedure
from beibit.law.model import Citation
from beibit.law.procedure import (
    APPROVE,
    APPROVE_RESTRICTED,
    GO_AHEAD_DECISIONS,
    PROCEED,
    PROPOSE,
    REFUSE,
)

Actor = Literal["organizer", "officer", "system"]

# --- statuses -----------------------------------------------------------------------------------------

DRAFT = "draft"
SUBMITTED = "submitted"
REGISTERED = "registered"
MAY_PROCEED = "may_proceed"
APPROVED = "approved"
APPROVED_RESTRICTED = "approved_restricted"
PROPOSAL_PENDING = "proposal_pending"
PROPOSAL_AGREED = "proposal_agreed"
PROPOSAL_DECLINED = "proposal_declined"
PROPOSAL_LAPSED = "proposal_lapsed"
REFUSED = "refused"
DEEMED_AGREED = "deemed_agreed"
OVERDUE = "overdue"
WITHDRAWN = "withdrawn"
HELD = "held"
SUSPENDED = "suspended"
TERMINATED = "terminated"

#: Statuses in which the assembly may go ahead (as decided, as agreed, or by silence).
GO_AHEAD = frozenset({MAY_PROCEED, APPROVED, APPROVED_RESTRICTED, PROPOSAL_AGREED, DEEMED_AGREED})
#: Statuses in which the akimat still owes an answer: the officer's inbox.
AWAITING_AKIMAT = frozenset({REGISTERED, PROPOSAL_DECLINED, PROPOSAL_LAPSED, OVERDUE})
#: Statuses that end the planned assembly's claim on its place and time.
RELEASES_BOOKING = frozenset({REFUSED, WITHDRAWN})

# --- decisions ----------------------------------------------------------------------------------------

# The decisions and which procedure has which are law: `beibit.law.procedure` (imported above).
#: What each go-ahead decision leaves out (Art 11(1)(1), 13(1)(2)).
RESTRICTIONS: dict[str, tuple[str, ...]] = {
    PROCEED: ("structures", "sound_amplification"),
    APPROVE: (),
    APPROVE_RESTRICTED: ("sound_amplification", "vehicles"),
}


def _c(
    article: int | None = None,
    paragraph: int | None = None,
    subparagraph: int | None = None,
    *,
    act: str = "333-VI",
) -> Citation:
    return Citation(act=act, article=article, paragraph=paragraph, subparagraph=subparagraph)


@dataclass(frozen=True, slots=True)
class Edge:
    to: str
    by: frozenset[Actor]
    cites: tuple[Citation, ...]


def _edge(to: str, by: Actor | tuple[Actor, ...], *cites: Citation) -> Edge:
    actors: tuple[Actor, ...] = (by,) if isinstance(by, str) else by
    return Edge(to, frozenset(actors), cites)


def _appeals(status: str) -> dict[str, Edge]:
    # Art 19 and APPK Art 91-92: decisions and omissions of the akimat may be appealed; the appeal does not
    # change the status, it is recorded beside it. The outcome comes from the higher body or a court, and
    # either party may record it.
    return {
        "appealed": _edge(status, "organizer", _c(19), _c(92, act="APPK")),
        "appeal_decided": _edge(status, ("organizer", "officer"), _c(19), _c(92, act="APPK")),
    }


def _delivery(status: str) -> dict[str, Edge]:
    return {"delivered": _edge(status, "officer", _c(11, 2), _c(13, 2))}


_WITHDRAW = {"withdrawn": _edge(WITHDRAWN, "organizer", _c(5, 2))}


def _while_on(status: str) -> dict[str, Edge]:
    """What may happen once the assembly may go ahead, and while it is held."""
    return {
        "representative_appointed": _edge(status, "officer", _c(8, 3)),
        "held": _edge(HELD, "officer", _c(5, 1)),
        "suspended": _edge(SUSPENDED, "officer", _c(17)),
        "terminated": _edge(TERMINATED, "officer", _c(18, 1)),
    }


_GO_AHEAD_DECISION_EDGES = {
    f"decision_recorded.{PROCEED}": _edge(MAY_PROCEED, "officer", _c(11, 1, 1)),
    f"decision_recorded.{APPROVE}": _edge(APPROVED, "officer", _c(13, 1, 1)),
    f"decision_recorded.{APPROVE_RESTRICTED}": _edge(APPROVED_RESTRICTED, "officer", _c(13, 1, 2)),
}
_REFUSE_EDGE = _edge(REFUSED, "officer", _c(11, 1, 2), _c(13, 1, 3), _c(14, 1))
_PROPOSE_EDGE = _edge(PROPOSAL_PENDING, "officer", _c(11, 1, 3), _c(13, 1, 4))


def _after_proposal_refused(status: str) -> dict[str, Edge]:
    # Art 11(3), 13(3), 8(3): after disagreement or no answer the akimat refuses; nothing else is open to it.
    return {
        f"decision_recorded.{REFUSE}": _edge(REFUSED, "officer", _c(11, 3), _c(13, 3), _c(8, 3), _c(14, 1)),
        **_delivery(status),
        **_WITHDRAW,
        **_appeals(status),
    }


def _corrections(status: str) -> dict[str, Edge]:
    # While its answer is due, the akimat may record a fact as it knows it, with a reason (the registration
    # day: Art 10(2), 12(1); a refusal rests on facts: Art 14(2)); the engine then evaluates the case again.
    return {
        "fact_corrected": _edge(status, "officer", _c(10, 2), _c(12, 1), _c(14, 2)),
        "evaluated": _edge(status, "system", _c(11, 1), _c(13, 1)),
    }


def _go_ahead(status: str) -> dict[str, Edge]:
    return {**_delivery(status), **_while_on(status), **_WITHDRAW, **_appeals(status)}


def _late_on_silence() -> dict[str, Edge]:
    # Art 11(1), last part: an answer after the review period does not undo the organizer's right to hold the
    # notified assembly; the late decision is recorded and the status stays.
    cite = _c(11, 1)
    return {
        f"decision_recorded.{d}": _edge(DEEMED_AGREED, "officer", cite) for d in (PROCEED, PROPOSE, REFUSE)
    }


#: A notification's answer recorded in time but not sent by the review deadline through an Art 11(2) channel
#: is no answer in time (deadlines.md: the answer counts when sent): the notification is deemed agreed.
_ANSWER_NOT_SENT = {"deemed_agreed": _edge(DEEMED_AGREED, "system", _c(11, 1), _c(11, 2))}
#: The statuses a notification's first answer leads to, where that answer may still be unsent.
ANSWERED_STATUSES = frozenset({MAY_PROCEED, REFUSED, PROPOSAL_PENDING})


TRANSITIONS: dict[str, dict[str, Edge]] = {
    DRAFT: {
        "draft_updated": _edge(DRAFT, "organizer", _c(10, 3), _c(12, 2)),
        "submitted": _edge(SUBMITTED, "organizer", _c(10, 1), _c(12, 1)),
        "withdrawn": _edge(WITHDRAWN, "organizer", _c(5, 1)),
    },
    SUBMITTED: {
        "registered": _edge(REGISTERED, "system", _c(10, 2), _c(12, 1)),
    },
    REGISTERED: {
        **_corrections(REGISTERED),
        **_GO_AHEAD_DECISION_EDGES,
        f"decision_recorded.{PROPOSE}": _PROPOSE_EDGE,
        f"decision_recorded.{REFUSE}": _REFUSE_EDGE,
        "deemed_agreed": _edge(DEEMED_AGREED, "system", _c(11, 1)),
        "overdue": _edge(OVERDUE, "system", _c(13, 1), _c(91, 2, act="APPK")),
        **_WITHDRAW,
    },
    PROPOSAL_PENDING: {
        **_delivery(PROPOSAL_PENDING),
        "proposal_answered.agree": _edge(PROPOSAL_AGREED, "organizer", _c(11, 3), _c(13, 3)),
        "proposal_answered.disagree": _edge(PROPOSAL_DECLINED, "organizer", _c(11, 3), _c(13, 3)),
        "proposal_lapsed": _edge(PROPOSAL_LAPSED, "system", _c(11, 3), _c(13, 3)),
        **_WITHDRAW,
        **_appeals(PROPOSAL_PENDING),
        **_ANSWER_NOT_SENT,
    },
    PROPOSAL_AGREED: {
        # Art 11(3), 13(3): after agreement the akimat may not refuse; it may confirm the go-ahead.
        **_GO_AHEAD_DECISION_EDGES,
        **_go_ahead(PROPOSAL_AGREED),
    },
    PROPOSAL_DECLINED: {**_after_proposal_refused(PROPOSAL_DECLINED), **_corrections(PROPOSAL_DECLINED)},
    PROPOSAL_LAPSED: {**_after_proposal_refused(PROPOSAL_LAPSED), **_corrections(PROPOSAL_LAPSED)},
    MAY_PROCEED: {**_go_ahead(MAY_PROCEED), **_ANSWER_NOT_SENT},
    APPROVED: _go_ahead(APPROVED),
    APPROVED_RESTRICTED: _go_ahead(APPROVED_RESTRICTED),
    DEEMED_AGREED: {**_late_on_silence(), **_go_ahead(DEEMED_AGREED)},
    OVERDUE: {
        # No deemed approval (Art 13): a decision after the deadline still decides the application, late.
        f"decision_recorded.{APPROVE}": _edge(APPROVED, "officer", _c(13, 1, 1)),
        f"decision_recorded.{APPROVE_RESTRICTED}": _edge(APPROVED_RESTRICTED, "officer", _c(13, 1, 2)),
        f"decision_recorded.{PROPOSE}": _PROPOSE_EDGE,
        f"decision_recorded.{REFUSE}": _REFUSE_EDGE,
        **_WITHDRAW,
        **_appeals(OVERDUE),
        **_corrections(OVERDUE),
    },
    REFUSED: {**_delivery(REFUSED), **_appeals(REFUSED), **_ANSWER_NOT_SENT},
    HELD: {
        "representative_appointed": _edge(HELD, "officer", _c(8, 3)),
        "suspended": _edge(SUSPENDED, "officer", _c(17)),
        "terminated": _edge(TERMINATED, "officer", _c(18, 1)),
        **_appeals(HELD),
    },
    SUSPENDED: {
        "resumed": _edge(HELD, "officer", _c(17)),
        "terminated": _edge(TERMINATED, "officer", _c(18, 1)),
        **_appeals(SUSPENDED),
    },
    TERMINATED: _appeals(TERMINATED),
    WITHDRAWN: {},
}

STATUSES: tuple[str, ...] = tuple(TRANSITIONS)
SYSTEM_EDGES = frozenset(
    edge for edges in TRANSITIONS.values() for edge, spec in edges.items() if spec.by == {"system"}
)


class TransitionNotAllowed(Exception):
    def __init__(self, status: str, edge: str) -> None:
        super().__init__(f"'{edge}' is not allowed in status '{status}'")
        self.status = status
        self.edge = edge


class CorruptLog(Exception):
    """Events that the transitions table cannot have produced."""


def edge_of(kind: str, payload: Mapping[str, Any]) -> str:
    if kind == "decision_recorded":
        return f"decision_recorded.{payload['decision']}"
    if kind == "proposal_answered":
        return f"proposal_answered.{'agree' if payload['agree'] else 'disagree'}"
    return kind


def transition(status: str, edge: str, actor: Actor) -> Edge:
    """The edge taken from `status`, if `actor` may take it; else TransitionNotAllowed."""
    spec = TRANSITIONS.get(status, {}).get(edge)
    if spec is None or actor not in spec.by:
        raise TransitionNotAllowed(status, edge)
    return spec


def allowed_edges(status: str, actor: Actor) -> list[str]:
    return sorted(edge for edge, spec in TRANSITIONS.get(status, {}).items() if actor in spec.by)


# --- the fold -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventRecord:
    """What the fold needs of an event (a `CaseEvent` row, or one about to be appended)."""

    seq: int
    kind: str
    payload: Mapping[str, Any]
    effective_on: dt.date
    occurred_at: dt.datetime


def empty_state() -> dict[str, Any]:
    """The state document of a case before its first event."""
    return {
        "status": DRAFT,
        "last_seq": 0,
        "procedure": None,
        "form": None,
        "settlement": None,
        "submitted_at": None,
        "channel": None,
        "registration_day": None,
        "review_deadline": None,
        "last_filing_day": None,
        "filed_in_time": None,
        "regime_id": None,
        "silence_effect": None,
        "engine_refusal_grounds": [],
        "plan": None,
        "filed_plan": None,
        "organizer_kind": None,
        "filed_equipment": None,
        "decisions": [],
        "proposal": None,
        "deliveries": [],
        "representative": None,
        "held": None,
        "suspension": None,
        "termination": None,
        "appeals": [],
        "withdrawal": None,
        "silence": None,
        "campaigning_from": None,
        "updated_at": None,
    }


def plan_of(assembly: Mapping[str, Any]) -> dict[str, Any]:
    """Where and when a planned assembly (contract JSON) is to be held, as the booking needs it."""
    place = assembly.get("place") or {}
    route = assembly.get("route") or {}
    point = place.get("point")
    return {
        "place_id": place.get("specialized_place_id") or route.get("specialized_route_id"),
        "point": list(point) if point else None,
        "address": place.get("address"),
        "starts_at": assembly.get("starts_at"),
        "ends_at": assembly.get("ends_at"),
        "expected_participants": assembly.get("expected_participants"),
    }


_REGISTRATION_KEYS = ("registration_day", "review_deadline", "last_filing_day", "filed_in_time", "regime_id")


def _apply_evaluation(state: dict[str, Any], event: EventRecord) -> None:
    """The engine's evaluation, and a fact the akimat corrected (issue 13): its record, and a corrected
    registration day with the dates it moves, or the participants now expected."""
    p = event.payload
    if event.kind == "evaluated":
        state["engine_refusal_grounds"] = list(p["evaluation"]["refusal_grounds"])
        return
    # Absent from cases that never had one, so their stored state still equals the fold.
    state.setdefault("corrections", []).append(
        {"seq": event.seq, **{k: p[k] for k in ("fact", "value", "previous", "reason", "corrected_on")}}
    )
    registration = p.get("registration")
    if registration is not None:
        for key in _REGISTRATION_KEYS:
            state[key] = registration[key]
    if p["fact"] == "expected_participants" and state["plan"] is not None:
        state["plan"] = {**state["plan"], "expected_participants": p["value"]}


def _apply(state: dict[str, Any], event: EventRecord) -> None:
    p = event.payload
    kind = event.kind
    if kind in ("drafted", "draft_updated"):
        state["form"] = p["assembly"]["form"]
        state["settlement"] = p["assembly"].get("settlement")
        state["procedure"] = p.get("procedure")
    elif kind == "submitted":
        state["submitted_at"] = p["assembly"]["submitted_at"]
        state["channel"] = p["assembly"].get("channel")
        state["plan"] = plan_of(p["assembly"])
        state["filed_plan"] = state["plan"]
        state["organizer_kind"] = (p["assembly"].get("organizer") or {}).get("kind")
        state["filed_equipment"] = p["assembly"].get("equipment")
    elif kind == "registered":
        for key in ("registration_day", "review_deadline", "last_filing_day", "filed_in_time", "regime_id"):
            state[key] = p[key]
        state["procedure"] = p["procedure"]
        state["silence_effect"] = p["silence_effect"]
        if "registration_number" in p:  # issue 15; absent from cases registered before it
            state["registration_number"] = p["registration_number"]
    elif kind in ("evaluated", "fact_corrected"):
        _apply_evaluation(state, event)
    elif kind == "decision_recorded":
        decision = {"seq": event.seq, **p}
        state["decisions"].append(decision)
        if p["decision"] == PROPOSE and state["status"] != DEEMED_AGREED:
            state["proposal"] = {
                "seq": event.seq,
                **p["proposal"],
                "received_on": None,
                "answer_deadline": None,
                "answer": None,
                "answered_on": None,
            }
    elif kind == "delivered":
        state["deliveries"].append({"seq": event.seq, **p})
        proposal = state["proposal"]
        first_receipt = (
            proposal is not None
            and p["decision_seq"] == proposal["seq"]
            and p.get("received_on")
            and (proposal["received_on"] is None or p["received_on"] < proposal["received_on"])
        )
        if first_receipt:  # the answer period runs from the earliest receipt
            proposal["received_on"] = p["received_on"]
            proposal["answer_deadline"] = p["answer_deadline"]
    elif kind == "proposal_answered":
        proposal = state["proposal"]
        proposal["answer"] = "agree" if p["agree"] else "disagree"
        proposal["answered_on"] = p["answered_on"]
        if p["agree"]:
            state["plan"] = {**state["plan"], **p["new_plan"]}
    elif kind == "proposal_lapsed":
        state["proposal"]["answer"] = "lapsed"
    elif kind in ("deemed_agreed", "overdue"):
        state["silence"] = {"kind": kind, "effective_on": event.effective_on.isoformat()}
    elif kind == "withdrawn":
        state["withdrawal"] = {"on": event.effective_on.isoformat(), "reason": p.get("reason", "")}
    elif kind == "representative_appointed":
        state["representative"] = dict(p)
    elif kind == "held":
        state["held"] = {"seq": event.seq, **p}
    elif kind == "suspended":
        state["suspension"] = {"seq": event.seq, **p, "resumed_at": None}
    elif kind == "resumed":
        state["suspension"] = {**state["suspension"], "resumed_at": p["resumed_at"]}
    elif kind == "terminated":
        state["termination"] = {"seq": event.seq, **p}
    elif kind == "appealed":
        state["appeals"].append({"seq": event.seq, **p, "outcome": None, "decided_on": None})
    elif kind == "appeal_decided":
        for appeal in state["appeals"]:
            if appeal["seq"] == p["appeal_seq"]:
                appeal["outcome"] = p["outcome"]
                appeal["decided_on"] = p["decided_on"]


def advance(state: dict[str, Any], event: EventRecord) -> dict[str, Any]:
    """The state after one more event (changed in place and returned). Raises CorruptLog on an event the
    transitions table cannot have produced."""
    expected = state["last_seq"] + 1
    if event.seq != expected:
        raise CorruptLog(f"event #{event.seq} where #{expected} was expected")
    if event.seq == 1:
        if event.kind != "drafted":
            raise CorruptLog("a case starts with a 'drafted' event")
    else:
        edge = edge_of(event.kind, event.payload)
        spec = TRANSITIONS.get(state["status"], {}).get(edge)
        if spec is None:
            raise CorruptLog(f"event #{event.seq} '{edge}' is not allowed in status '{state['status']}'")
        state["status"] = spec.to
    _apply(state, event)
    state["last_seq"] = event.seq
    # UTC: the same instant reads back from the database in UTC, and the fold must not depend on where from.
    state["updated_at"] = event.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    state["campaigning_from"] = _campaigning_from(state)
    return state


def fold_document(events: Iterable[EventRecord]) -> dict[str, Any]:
    """The state document of a case after its events, in order (the format `Case.state_json` stores)."""
    state = empty_state()
    for event in events:
        advance(state, event)
    return state


def fold(events: Iterable[EventRecord]) -> CaseState:
    """The state of a case after its events, in order, typed."""
    return CaseState.load(fold_document(events))


def _campaigning_from(state: Mapping[str, Any]) -> str | None:
    """Art 15 for the case (`law.procedure.campaigning_from`, the engine's own rule). After a refusal, a
    withdrawal, or a proposal declined or left unanswered there is nothing to campaign for."""
    if state["status"] in (DRAFT, REFUSED, WITHDRAWN, PROPOSAL_DECLINED, PROPOSAL_LAPSED):
        return None
    go_ahead_seqs = {d["seq"] for d in state["decisions"] if d["decision"] in GO_AHEAD_DECISIONS}
    proposal = state["proposal"]
    agreed = proposal["answered_on"] if proposal is not None and proposal["answer"] == "agree" else None
    day = procedure.campaigning_from(
        dt.date.fromisoformat(state["review_deadline"]) if state["review_deadline"] else None,
        [
            dt.date.fromisoformat(d["received_on"])
            for d in state["deliveries"]
            if d["decision_seq"] in go_ahead_seqs and d["received_on"]
        ],
        dt.date.fromisoformat(agreed) if agreed else None,
    )
    return day.isoformat() if day else None


def unsent_answer_due(state: CaseState) -> dt.date | None:
    """The review deadline of a notification whose answer, recorded in time, has not been sent by then
    (deadlines.md: the answer counts when it is sent through an Art 11(2) channel, on or before the review
    deadline); None when it was sent in time, or the rule does not apply (an application: no deemed
    approval; a late decision: silence already took effect)."""
    if state.silence_effect != "proceed_as_notified" or state.status not in ANSWERED_STATUSES:
        return None
    deadline = state.review_deadline
    if not state.decisions or state.decisions[0].late or deadline is None:
        return None
    first = state.decisions[0].seq
    if any(d.decision_seq == first and d.sent_on <= deadline for d in state.deliveries):
        return None
    return deadline


def latest_decision(state: CaseState) -> Decision | None:
    return state.latest_decision
