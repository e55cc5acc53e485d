"""The akimat officer's inbox and acts. An officer works for one settlement's akimat: another akimat's case,
or a draft, is 404."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.params.functions import Header as header_param
from ninja.params.functions import Path as path_param

from beibit.api.auth import TokenAuth
from beibit.api.common import (
    ERRORS,
    KEY_DESCRIPTION,
    KEY_HEADER,
    MAX_ID,
    case_out,
    case_record,
    now,
    places,
    user_of,
)
from beibit.api.schemas import (
    AkimatBookingIn,
    AppealOutcomeIn,
    BookingOut,
    CaseOut,
    CaseRecordOut,
    CorrectionIn,
    DecisionIn,
    DeliveryIn,
    EventRecordedOut,
    HeldIn,
    InboxItemOut,
    RepresentativeIn,
    SuspensionIn,
    TerminationIn,
)
from beibit.cases import case_queries, queries
from beibit.cases import workflow as wf
from beibit.cases.actions import appeal as appeal_actions
from beibit.cases.actions import assembly as assembly_actions
from beibit.cases.actions import booking as booking_actions
from beibit.cases.actions import correction as corrections
from beibit.cases.actions import decision as decision_actions
from beibit.cases.actors import Actor, actor_of
from beibit.cases.clock import apply_clock_on_read, refresh
from beibit.cases.errors import InvalidInput, NotFound
from beibit.cases.models import Booking, Case, CaseEvent, Role

router = Router(tags=["officer"], auth=TokenAuth())

CaseId: Any = path_param(..., ge=1, le=MAX_ID)
BookingId: Any = path_param(..., ge=1, le=MAX_ID)
Key: Any = header_param(None, alias=KEY_HEADER, max_length=255, description=KEY_DESCRIPTION)


def _officer(request: HttpRequest) -> Actor:
    return actor_of(user_of(request), Role.OFFICER)


def _case(request: HttpRequest, case_id: int) -> tuple[Actor, Case]:
    actor = _officer(request)
    case = refresh(case_id, now())
    if case.settlement != actor.settlement or case.status == wf.DRAFT:
        raise NotFound(_("No such case."))
    return actor, case


def _recorded(event: CaseEvent, moment: dt.datetime) -> dict[str, Any]:
    case = refresh(event.case_id, moment)
    return {"case": case_out(case, Role.OFFICER, moment, with_conflicts=True), "event_seq": event.seq}


@router.get(
    "/inbox",
    response={200: list[InboxItemOut], **ERRORS},
    summary="Filings awaiting the akimat, by review deadline, with findings and conflicts",
)
def inbox(
    request: HttpRequest,
    status: Annotated[
        list[str] | None, Query(description="statuses to show; default: those awaiting an answer")
    ] = None,
) -> list[dict[str, Any]]:
    actor = _officer(request)
    wanted = status or sorted(wf.AWAITING_AKIMAT | {wf.PROPOSAL_PENDING})
    unknown = [s for s in wanted if s not in wf.TRANSITIONS or s == wf.DRAFT]
    if unknown:
        raise InvalidInput(_("Unknown status '%(status)s'.") % {"status": unknown[0]}, field="status")
    moment = now()
    apply_clock_on_read(moment, settlement=actor.settlement)
    return queries.inbox(actor.settlement, queries.local_today(moment, actor.settlement), wanted, places())


@router.get("/cases/{case_id}", response={200: CaseOut, **ERRORS}, summary="A filing of this akimat")
def get_case(request: HttpRequest, case_id: int = CaseId) -> dict[str, Any]:
    _, case = _case(request, case_id)
    return case_out(case, Role.OFFICER, now(), with_conflicts=True)


@router.get(
    "/cases/{case_id}/events",
    response={200: CaseRecordOut, **ERRORS},
    summary="The case's events with their payloads and hash chain",
)
def case_events(request: HttpRequest, case_id: int = CaseId) -> dict[str, Any]:
    _, case = _case(request, case_id)
    return case_record(case)


@router.post(
    "/cases/{case_id}/decision",
    response={200: EventRecordedOut, **ERRORS},
    summary="Record the answer: proceed / approve / approve_restricted / propose / refuse (Art 11, 13, 14)",
)
def record_decision(
    request: HttpRequest, payload: DecisionIn, case_id: int = CaseId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    actor, _ = _case(request, case_id)
    moment = now()
    event = decision_actions.record_decision(
        case_id, actor, payload.to_input(), now=moment, key=idempotency_key
    )
    return _recorded(event, moment)


@router.post(
    "/cases/{case_id}/corrections",
    response={200: EventRecordedOut, **ERRORS},
    summary="Record a fact as the akimat knows it, with its reason; the case is evaluated again (Art 14(2))",
)
def record_correction(
    request: HttpRequest, payload: CorrectionIn, case_id: int = CaseId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    actor, _ = _case(request, case_id)
    moment = now()
    case = corrections.record_correction(case_id, actor, payload.to_input(), now=moment, key=idempotency_key)
    return _recorded(case_queries.latest_event(case), moment)


@router.post(
    "/cases/{case_id}/deliveries",
    response={200: EventRecordedOut, **ERRORS},
    summary="Record how the answer was sent (Art 11(2)); e-mail and SMS need the registered letter too",
)
def record_delivery(
    request: HttpRequest, payload: DeliveryIn, case_id: int = CaseId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    actor, _ = _case(request, case_id)
    moment = now()
    event = decision_actions.record_delivery(
        case_id, actor, payload.to_input(), now=moment, key=idempotency_key
    )
    return _recorded(event, moment)


@router.post(
    "/cases/{case_id}/representative",
    response={200: EventRecordedOut, **ERRORS},
    summary="Appoint the akimat's representative at the assembly (Art 8(3))",
)
def appoint_representative(
    request: HttpRequest, payload: RepresentativeIn, case_id: int = CaseId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    actor, _ = _case(request, case_id)
    moment = now()
    event = assembly_actions.appoint_representative(
        case_id, actor, payload.to_input(), now=moment, key=idempotency_key
    )
    return _recorded(event, moment)


@router.post(
    "/cases/{case_id}/held", response={200: EventRecordedOut, **ERRORS}, summary="The assembly took place"
)
def record_held(
    request: HttpRequest, payload: HeldIn, case_id: int = CaseId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    actor, _ = _case(request, case_id)
    moment = now()
    event = assembly_actions.record_held(case_id, actor, payload.to_input(), now=moment, key=idempotency_key)
    return _recorded(event, moment)


@router.post(
    "/cases/{case_id}/suspension",
    response={200: EventRecordedOut, **ERRORS},
    summary="Suspend the assembly (Art 17)",
)
def suspend(
    request: HttpRequest, payload: SuspensionIn, case_id: int = CaseId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    actor, _ = _case(request, case_id)
    moment = now()
    event = assembly_actions.suspend(case_id, actor, payload.to_input(), now=moment, key=idempotency_key)
    return _recorded(event, moment)


@router.post(
    "/cases/{case_id}/resumption",
    response={200: EventRecordedOut, **ERRORS},
    summary="The breach was removed: the assembly continues (Art 17)",
)
def resume(request: HttpRequest, case_id: int = CaseId, idempotency_key: str | None = Key) -> dict[str, Any]:
    actor, _ = _case(request, case_id)
    moment = now()
    event = assembly_actions.resume(case_id, actor, now=moment, key=idempotency_key)
    return _recorded(event, moment)


@router.post(
    "/cases/{case_id}/termination",
    response={200: EventRecordedOut, **ERRORS},
    summary="Terminate the assembly on an Art 18(1) ground, with the time set for dispersal (Art 18(2))",
)
def terminate(
    request: HttpRequest, payload: TerminationIn, case_id: int = CaseId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    actor, _ = _case(request, case_id)
    moment = now()
    event = assembly_actions.terminate(case_id, actor, payload.to_input(), now=moment, key=idempotency_key)
    return _recorded(event, moment)


@router.post(
    "/cases/{case_id}/appeal-outcome",
    response={200: EventRecordedOut, **ERRORS},
    summary="Record the outcome of the organizer's appeal",
)
def appeal_outcome(
    request: HttpRequest, payload: AppealOutcomeIn, case_id: int = CaseId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    actor, _ = _case(request, case_id)
    moment = now()
    event = appeal_actions.record_appeal_outcome(
        case_id, actor, payload.to_input(), now=moment, key=idempotency_key
    )
    return _recorded(event, moment)


def _booking(b: Booking) -> dict[str, Any]:
    return {
        "id": b.pk,
        "settlement": b.settlement,
        "place_id": b.place_id,
        "kind": b.kind,
        "description": b.description,
        "starts_at": b.starts_at,
        "ends_at": b.ends_at,
        "expected_participants": b.expected_participants,
        "entered_at": b.entered_at,
        "released_at": b.released_at,
    }


@router.get(
    "/bookings", response={200: list[BookingOut], **ERRORS}, summary="The akimat's own events and works"
)
def list_bookings(
    request: HttpRequest,
    date_from: Annotated[dt.date | None, Query()] = None,
    date_to: Annotated[dt.date | None, Query()] = None,
) -> list[dict[str, Any]]:
    actor = _officer(request)
    return [_booking(b) for b in case_queries.akimat_bookings(actor.settlement, date_from, date_to)]


@router.post(
    "/bookings",
    response={201: BookingOut, **ERRORS},
    summary="Enter the akimat's own event or works at a specialized place (who and when are recorded)",
)
def enter_booking(
    request: HttpRequest, payload: AkimatBookingIn, idempotency_key: str | None = Key
) -> Status[dict[str, Any]]:
    actor = _officer(request)
    booking = booking_actions.enter_akimat_booking(actor, payload.to_input(), now=now(), key=idempotency_key)
    return Status(201, _booking(booking))


@router.post(
    "/bookings/{booking_id}/release",
    response={200: BookingOut, **ERRORS},
    summary="The akimat's event is cancelled: release its booking (kept, marked released)",
)
def release_booking(
    request: HttpRequest, booking_id: int = BookingId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    actor = _officer(request)
    booking = booking_actions.release_akimat_booking(booking_id, actor, now=now(), key=idempotency_key)
    return _booking(booking)
