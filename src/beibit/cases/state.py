"""The typed state of a case (issue 12): what the fold of its events gives, as frozen values with dates,
datetimes and tuples instead of ISO strings and lists.

The fold (`workflow.advance`) builds the state as a JSON document: that document is what the `Case` row stores
in `state_json`, what `beibit audit verify` compares with a replay of the events, and its format does not
change. `CaseState.load` reads that document once into the values below; every reader (actions, queries,
pages, the API, papers, notifications, monitoring, open data) takes a `CaseState`, never the document.

A record that reaches the API as an object (a decision, a delivery, an appeal, ...) keeps the payload it was
folded from in `document`, so the API shows it exactly as before; the fields beside it are what Beibit itself
reads of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

Document = Mapping[str, Any]


def _day(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _moment(value: object) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) and value else None


def _frozen(value: Mapping[str, Any] | None) -> Document | None:
    # A read-only view, not a copy: the document is read fresh from JSON (or folded) for this state alone.
    return None if value is None else MappingProxyType(value)


@dataclass(frozen=True, slots=True)
class Plan:
    """Where and when the assembly is to be held (as filed, or as agreed to a proposal)."""

    place_id: str | None
    point: tuple[float, float] | None
    address: str | None
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    expected_participants: int | None
    document: Document = field(compare=False, repr=False)

    @classmethod
    def load(cls, doc: Mapping[str, Any]) -> Plan:
        point = doc.get("point")
        return cls(
            place_id=doc.get("place_id"),
            point=(point[0], point[1]) if point else None,
            address=doc.get("address"),
            starts_at=_moment(doc.get("starts_at")),
            ends_at=_moment(doc.get("ends_at")),
            expected_participants=doc.get("expected_participants"),
            document=MappingProxyType(doc),
        )


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision the akimat recorded (Art 11(1), 13(1)); `document` is its event payload with its seq."""

    seq: int
    decision: str
    grounds: tuple[str, ...]
    decided_at: dt.datetime
    decided_on: dt.date
    late: bool
    document: Document = field(compare=False, repr=False)

    @classmethod
    def load(cls, doc: Mapping[str, Any]) -> Decision:
        decided_at = _moment(doc["decided_at"])
        decided_on = _day(doc["decided_on"])
        if decided_at is None or decided_on is None:
            raise ValueError("a decision without its time")
        return cls(
            seq=doc["seq"],
            decision=doc["decision"],
            grounds=tuple(doc.get("grounds") or ()),
            decided_at=decided_at,
            decided_on=decided_on,
            late=bool(doc.get("late")),
            document=MappingProxyType(doc),
        )


@dataclass(frozen=True, slots=True)
class Delivery:
    """How a decision went out (Art 11(2), 13(2)) and when it was received."""

    seq: int
    decision_seq: int
    channel: str | None
    sent_at: dt.datetime | None
    sent_on: dt.date
    received_on: dt.date | None
    answer_deadline: dt.date | None
    registered_mail_sent_on: dt.date | None
    provider_id: str | None
    document: Document = field(compare=False, repr=False)

    @classmethod
    def load(cls, doc: Mapping[str, Any]) -> Delivery:
        sent_on = _day(doc["sent_on"])
        if sent_on is None:
            raise ValueError("a delivery without its day")
        letter = doc.get("registered_mail") or {}
        return cls(
            seq=doc["seq"],
            decision_seq=doc["decision_seq"],
            channel=doc.get("channel"),
            sent_at=_moment(doc.get("sent_at")),
            sent_on=sent_on,
            received_on=_day(doc.get("received_on")),
            answer_deadline=_day(doc.get("answer_deadline")),
            registered_mail_sent_on=_day(letter.get("sent_on")),
            provider_id=doc.get("provider_id"),
            document=MappingProxyType(doc),
        )


@dataclass(frozen=True, slots=True)
class Proposal:
    """Another place or time the akimat proposed (Art 11(1)(3), 13(1)(4)) and the organizer's answer."""

    seq: int
    new_plan: Document
    received_on: dt.date | None
    answer_deadline: dt.date | None
    answer: str | None
    answered_on: dt.date | None
    document: Document = field(compare=False, repr=False)

    @classmethod
    def load(cls, doc: Mapping[str, Any]) -> Proposal:
        return cls(
            seq=doc["seq"],
            new_plan=MappingProxyType(doc.get("new_plan") or {}),
            received_on=_day(doc.get("received_on")),
            answer_deadline=_day(doc.get("answer_deadline")),
            answer=doc.get("answer"),
            answered_on=_day(doc.get("answered_on")),
            document=MappingProxyType(doc),
        )

    @property
    def new_starts_at(self) -> dt.datetime | None:
        return _moment(self.new_plan.get("starts_at"))

    @property
    def new_ends_at(self) -> dt.datetime | None:
        return _moment(self.new_plan.get("ends_at"))


@dataclass(frozen=True, slots=True)
class Appeal:
    """An appeal of a decision or an omission (Art 19; APPK Art 91-92) and its outcome."""

    seq: int
    body: str
    filed_on: dt.date
    appeal_deadline: dt.date | None
    outcome: str | None
    decided_on: dt.date | None
    document: Document = field(compare=False, repr=False)

    @classmethod
    def load(cls, doc: Mapping[str, Any]) -> Appeal:
        filed_on = _day(doc["filed_on"])
        if filed_on is None:
            raise ValueError("an appeal without its day")
        return cls(
            seq=doc["seq"],
            body=doc.get("body") or "",
            filed_on=filed_on,
            appeal_deadline=_day(doc.get("appeal_deadline")),
            outcome=doc.get("outcome"),
            decided_on=_day(doc.get("decided_on")),
            document=MappingProxyType(doc),
        )


@dataclass(frozen=True, slots=True)
class Silence:
    """The review period ran out without an answer: `deemed_agreed` (Art 11(1)) or `overdue` (Art 13)."""

    kind: str
    effective_on: dt.date
    document: Document = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Withdrawal:
    on: dt.date
    reason: str
    document: Document = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Correction:
    """A fact the akimat recorded as it knows it (issue 13), with its reason."""

    seq: int
    fact: str
    value: Any
    previous: Any
    reason: str
    corrected_on: dt.date
    document: Document = field(compare=False, repr=False)

    @classmethod
    def load(cls, doc: Mapping[str, Any]) -> Correction:
        corrected_on = _day(doc["corrected_on"])
        if corrected_on is None:
            raise ValueError("a correction without its day")
        return cls(
            seq=doc["seq"],
            fact=doc["fact"],
            value=doc.get("value"),
            previous=doc.get("previous"),
            reason=doc.get("reason") or "",
            corrected_on=corrected_on,
            document=MappingProxyType(doc),
        )


@dataclass(frozen=True, slots=True)
class CaseState:
    """The state of a case after its events (`workflow.fold`), typed."""

    status: str
    last_seq: int
    procedure: str | None
    form: str | None
    settlement: str | None
    submitted_at: dt.datetime | None
    channel: str | None
    registration_day: dt.date | None
    review_deadline: dt.date | None
    last_filing_day: dt.date | None
    filed_in_time: bool | None
    regime_id: str | None
    #: The akimat's registration number (issue 15, cases/numbering.py); None before it existed.
    registration_number: str | None
    silence_effect: str | None
    engine_refusal_grounds: tuple[str, ...]
    plan: Plan | None
    filed_plan: Plan | None
    organizer_kind: str | None
    filed_equipment: Document | None
    decisions: tuple[Decision, ...]
    proposal: Proposal | None
    deliveries: tuple[Delivery, ...]
    representative: Document | None
    held: Document | None
    suspension: Document | None
    termination: Document | None
    appeals: tuple[Appeal, ...]
    withdrawal: Withdrawal | None
    silence: Silence | None
    campaigning_from: dt.date | None
    updated_at: dt.datetime | None
    corrections: tuple[Correction, ...]
    #: The stored JSON document this state was read from (`Case.state_json`, unchanged in format).
    document: Document = field(compare=False, repr=False)

    @classmethod
    def load(cls, doc: Mapping[str, Any]) -> CaseState:
        """The typed state of a stored (or freshly folded) state document."""
        plan, filed_plan = doc.get("plan"), doc.get("filed_plan")
        proposal, silence, withdrawal = doc.get("proposal"), doc.get("silence"), doc.get("withdrawal")
        return cls(
            status=doc["status"],
            last_seq=doc["last_seq"],
            procedure=doc.get("procedure"),
            form=doc.get("form"),
            settlement=doc.get("settlement"),
            submitted_at=_moment(doc.get("submitted_at")),
            channel=doc.get("channel"),
            registration_day=_day(doc.get("registration_day")),
            review_deadline=_day(doc.get("review_deadline")),
            last_filing_day=_day(doc.get("last_filing_day")),
            filed_in_time=doc.get("filed_in_time"),
            regime_id=doc.get("regime_id"),
            registration_number=doc.get("registration_number"),
            silence_effect=doc.get("silence_effect"),
            engine_refusal_grounds=tuple(doc.get("engine_refusal_grounds") or ()),
            plan=Plan.load(plan) if plan is not None else None,
            filed_plan=Plan.load(filed_plan) if filed_plan is not None else None,
            organizer_kind=doc.get("organizer_kind"),
            filed_equipment=_frozen(doc.get("filed_equipment")),
            decisions=tuple(Decision.load(d) for d in doc.get("decisions") or ()),
            proposal=Proposal.load(proposal) if proposal is not None else None,
            deliveries=tuple(Delivery.load(d) for d in doc.get("deliveries") or ()),
            representative=_frozen(doc.get("representative")),
            held=_frozen(doc.get("held")),
            suspension=_frozen(doc.get("suspension")),
            termination=_frozen(doc.get("termination")),
            appeals=tuple(Appeal.load(a) for a in doc.get("appeals") or ()),
            withdrawal=(
                Withdrawal(_day(withdrawal["on"]) or dt.date.min, withdrawal.get("reason") or "", withdrawal)
                if withdrawal is not None
                else None
            ),
            silence=(
                Silence(silence["kind"], _day(silence["effective_on"]) or dt.date.min, silence)
                if silence is not None
                else None
            ),
            campaigning_from=_day(doc.get("campaigning_from")),
            updated_at=_moment(doc.get("updated_at")),
            corrections=tuple(Correction.load(c) for c in doc.get("corrections") or ()),
            document=doc,
        )

    @property
    def latest_decision(self) -> Decision | None:
        return self.decisions[-1] if self.decisions else None

    def decision(self, seq: int) -> Decision | None:
        return next((d for d in self.decisions if d.seq == seq), None)
