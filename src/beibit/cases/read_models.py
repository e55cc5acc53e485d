"""The typed values the read side hands to pages and the API (issue 12): a case as its organizer or officer
sees it, and a row of the public register. Dates are dates and moments are aware datetimes; the contract's
string form of a register row (register-export.md) is written in one place, `RegisterEntry.record`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from beibit.cases.state import Appeal, Correction, Decision, Delivery, Proposal, Silence, Withdrawal


def stored_moment(moment: dt.datetime | None) -> str | None:
    """A moment in RFC 3339 as the log stores it (the planned times, as pydantic wrote them from the
    filing: UTC as "Z"; the akimat's times in the settlement's local time): parsing and writing it back
    gives the same text (tests/cases/test_state.py)."""
    if moment is None:
        return None
    text = moment.isoformat()
    return f"{text[:-6]}Z" if text.endswith("+00:00") else text


def stored_day(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def stamp(moment: dt.datetime | None) -> str | None:
    """The time a case last changed, as the state stores it: UTC with microseconds."""
    return None if moment is None else moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class PlanView:
    """Where and when the assembly is to be held, with the specialized place's name."""

    place_id: str | None
    place_name: str | None
    point: tuple[float, float] | None
    address: str | None
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    expected_participants: int | None


@dataclass(frozen=True, slots=True)
class EventView:
    """One event of the log, as a case page lists it."""

    seq: int
    kind: str
    effective_on: dt.date
    occurred_at: dt.datetime
    actor_role: str

    def row(self) -> dict[str, Any]:
        """The event as a page's table row takes it (a label is added by the page)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class CaseView:
    """Everything about one case that its organizer or its akimat's officer may see, typed. The records of
    the state (decisions, deliveries, ...) are the `CaseState`'s; the API writes each as its `document`."""

    id: int
    settlement: str
    form: str
    procedure: str
    status: str
    allowed_actions: tuple[str, ...]
    draft: Mapping[str, Any] | None
    filed: Mapping[str, Any] | None
    submitted_at: dt.datetime | None
    registration_day: dt.date | None
    last_filing_day: dt.date | None
    filed_in_time: bool | None
    review_deadline: dt.date | None
    working_days_left: int | None
    silence_effect: str | None
    plan: PlanView | None
    decisions: tuple[Decision, ...]
    proposal: Proposal | None
    deliveries: tuple[Delivery, ...]
    representative: Mapping[str, Any] | None
    held: Mapping[str, Any] | None
    suspension: Mapping[str, Any] | None
    termination: Mapping[str, Any] | None
    appeals: tuple[Appeal, ...]
    withdrawal: Withdrawal | None
    silence: Silence | None
    campaigning_from: dt.date | None
    evaluation: Mapping[str, Any] | None
    corrections: tuple[Correction, ...]
    notes: tuple[str, ...]
    events: tuple[EventView, ...]
    #: The akimat's registration number (issue 15); None for a draft and for cases registered before it.
    registration_number: str | None = None


@dataclass(frozen=True, slots=True)
class AppealRef:
    body: str
    filed_on: dt.date
    decided_on: dt.date | None
    result: str | None


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    """One filed case in the public register (register-export.md), typed; no personal data."""

    case_id: int
    akimat: str
    settlement_id: str
    admin1: str | None
    admin2: str
    location: str | None
    location_name: str | None
    lat: float | None
    lon: float | None
    geo_precision: str
    form: str
    procedure: str
    organizer_kind: str | None
    planned_start: dt.datetime | None
    planned_end: dt.datetime | None
    expected_participants: int | None
    submitted_at: dt.datetime | None
    registration_day: dt.date | None
    last_filing_day: dt.date | None
    review_deadline: dt.date | None
    decided_at: dt.datetime | None
    decision_late: bool | None
    outcome: str | None
    status: str
    grounds: tuple[str, ...]
    alternative_place: str | None
    alternative_start: dt.datetime | None
    alternative_end: dt.datetime | None
    organizer_response: str | None
    held: str
    state_response: tuple[str, ...]
    appeal: AppealRef | None
    updated_at: dt.datetime | None
    #: The akimat's registration number (issue 15): in the API's JSON rows, not in the contract's CSV columns.
    registration_number: str | None = None

    def record(self) -> dict[str, Any]:
        """The row in the contract's form (register-export.md) that the API, CSV and open data publish."""
        appeal = self.appeal
        return {
            "case_id": self.case_id,
            "registration_number": self.registration_number,
            "akimat": self.akimat,
            "settlement_id": self.settlement_id,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "location": self.location,
            "location_name": self.location_name,
            "lat": self.lat,
            "lon": self.lon,
            "geo_precision": self.geo_precision,
            "form": self.form,
            "procedure": self.procedure,
            "organizer_kind": self.organizer_kind,
            "planned_start": stored_moment(self.planned_start),
            "planned_end": stored_moment(self.planned_end),
            "expected_participants": self.expected_participants,
            "submitted_at": stored_moment(self.submitted_at),
            "registration_day": stored_day(self.registration_day),
            "last_filing_day": stored_day(self.last_filing_day),
            "review_deadline": stored_day(self.review_deadline),
            "decided_at": stored_moment(self.decided_at),
            "decision_late": self.decision_late,
            "outcome": self.outcome,
            "status": self.status,
            "grounds": list(self.grounds),
            "alternative_place": self.alternative_place,
            "alternative_time": (
                f"{stored_moment(self.alternative_start)}/{stored_moment(self.alternative_end)}"
                if self.alternative_start is not None
                else None
            ),
            "organizer_response": self.organizer_response,
            "held": self.held,
            "state_response": list(self.state_response),
            "appeal": (
                {
                    "body": appeal.body,
                    "filed_at": appeal.filed_on.isoformat(),
                    "decided_at": stored_day(appeal.decided_on),
                    "result": appeal.result,
                }
                if appeal is not None
                else None
            ),
            "updated_at": stamp(self.updated_at),
        }


@dataclass(frozen=True, slots=True)
class OccupancyEntry:
    """One booking of the occupancy calendar (CC 61-NP's four fields), its moments in local time."""

    booking_id: int
    settlement_id: str
    place_id: str
    place_name: str | None
    date: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime
    planned_event: str
    expected_participants: int | None
    kind: str
    case_id: int | None
    case_status: str | None
    received_at: dt.datetime
    entered_at: dt.datetime

    def record(self) -> dict[str, Any]:
        """The row as the API and the CSV publish it: RFC 3339 in the settlement's local time."""
        return {
            **{f.name: getattr(self, f.name) for f in fields(self)},
            "date": self.date.isoformat(),
            "starts_at": self.starts_at.isoformat(),
            "ends_at": self.ends_at.isoformat(),
            "received_at": self.received_at.isoformat(),
            "entered_at": self.entered_at.isoformat(),
        }
