"""The occupancy of places: bookings taken by filings and released by decisions, as the engine reads them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Q, QuerySet

from beibit.cases.actors import Actor
from beibit.cases.models import Booking, BookingKind, Case
from beibit.cases.state import Plan
from beibit.cases.stored_rows import readable
from beibit.law.calendar import zone
from beibit.law.model import BookingInput
from beibit.law.settlements import zone_of


def active_query(
    settlement: str, first: dt.datetime, last: dt.datetime, exclude_case: int | None
) -> QuerySet[Booking]:
    """The bookings of the settlement not released that overlap [first, last), as a query."""
    found = Booking.objects.filter(
        settlement=settlement, released_at__isnull=True, starts_at__lt=last, ends_at__gt=first
    ).order_by("received_at", "pk")
    return found if exclude_case is None else found.exclude(case_id=exclude_case)


def active_bookings(
    settlement: str, first: dt.datetime, last: dt.datetime, *, exclude_case: int | None = None
) -> list[Booking]:
    """Bookings of the settlement not released that overlap [first, last)."""
    return list(active_query(settlement, first, last, exclude_case))


def _placed(cases: Sequence[Case]) -> list[Case]:
    return [c for c in cases if c.starts_at is not None and c.ends_at is not None and c.place_id]


def conflicts_of(cases: Sequence[Case]) -> dict[int, list[dict[str, Any]]]:
    """`conflicts` of several cases in two statements whatever their number: their own open bookings, and
    the open bookings overlapping any of them (one indexed range per case, on open bookings' `ends_at`)."""
    placed = _placed(cases)
    if not placed:
        return {}
    own: dict[int, Booking] = {}
    for booking in Booking.objects.filter(
        case_id__in=[c.pk for c in placed], released_at__isnull=True
    ).order_by("-pk"):
        assert booking.case_id is not None
        own[booking.case_id] = booking  # descending: the first (lowest id) wins, as `.first()` did
    overlap = Q()
    for c in placed:
        overlap |= Q(
            settlement=c.settlement, place_id=c.place_id, starts_at__lt=c.ends_at, ends_at__gt=c.starts_at
        )
    found = list(Booking.objects.filter(overlap, released_at__isnull=True).order_by("received_at", "pk"))
    result: dict[int, list[dict[str, Any]]] = {}
    for c in placed:
        assert c.starts_at is not None and c.ends_at is not None
        mine = own.get(c.pk)
        own_received = mine.received_at if mine else c.submitted_at
        result[c.pk] = [
            {
                "booking_id": b.pk,
                "kind": b.kind,
                "case_id": b.case_id,
                "description": b.description or None,
                "starts_at": b.starts_at,
                "ends_at": b.ends_at,
                "received_at": b.received_at,
                "earlier": own_received is None or b.received_at < own_received,
            }
            for b in found
            if b.case_id != c.pk
            and b.settlement == c.settlement
            and b.place_id == c.place_id
            and b.starts_at < c.ends_at
            and b.ends_at > c.starts_at
        ]
    return result


BOOKING_INPUT_FIELDS = (
    "place_id", "lon", "lat", "starts_at", "ends_at", "form", "kind", "expected_participants", "case_id",
    "description",
)  # fmt: skip


def booking_inputs(
    settlement: str, first: dt.datetime, last: dt.datetime, *, exclude_case: int | None = None
) -> list[BookingInput]:
    """`active_bookings` as the engine takes them, read as plain values: a busy day has dozens of bookings,
    and building a model object for each cost more than the query."""
    rows = active_query(settlement, first, last, exclude_case).values(*BOOKING_INPUT_FIELDS)
    # A row the engine cannot take (stored before the bounds, or around the services) is skipped and logged:
    # it must not fail every filing of the settlement (issue 14, fault 1).
    return readable(rows, lambda row: booking_input(**row), "booking")


def booking_input(
    *,
    place_id: str,
    lon: float | None,
    lat: float | None,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    form: str,
    kind: str,
    expected_participants: int | None,
    case_id: int | None,
    description: str,
) -> BookingInput:
    point = (lon, lat) if lon is not None and lat is not None else None
    reference = f"case {case_id}" if case_id else description or kind
    return BookingInput(
        place_id=place_id or None,
        point=point,
        starts_at=starts_at,
        ends_at=ends_at,
        form=form or None,
        kind=kind,
        expected_participants=expected_participants,
        reference=reference,
    )


def day_span(day: dt.date, settlement: str) -> tuple[dt.datetime, dt.datetime]:
    tz = zone(zone_of(settlement))
    start = dt.datetime.combine(day, dt.time(0, 0), tz)
    return start, start + dt.timedelta(days=1)


def book(case: Case, plan: Plan | None, *, received_at: dt.datetime, now: dt.datetime, form: str) -> None:
    if plan is None or plan.starts_at is None or plan.ends_at is None or not (plan.place_id or plan.point):
        return  # without a place and a time there is nothing to occupy
    point = plan.point
    Booking.objects.create(
        settlement=case.settlement,
        place_id=plan.place_id or "",
        lon=point[0] if point else None,
        lat=point[1] if point else None,
        starts_at=plan.starts_at,
        ends_at=plan.ends_at,
        kind=BookingKind.FILING,
        form=form,
        expected_participants=plan.expected_participants,
        case=case,
        received_at=received_at,
        entered_at=now,
    )


def release(case: Case, *, now: dt.datetime, reason: str, actor: Actor | None) -> None:
    Booking.objects.filter(case=case, released_at__isnull=True).update(
        released_at=now, release_reason=reason, released_by_id=actor.user_id if actor else None
    )
