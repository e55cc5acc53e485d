"""Lookups the pages (web/) and the API make of cases, bookings and events (issue 12: views and handlers
read through queries, never through a model manager). queries.py holds the read models built from these;
this module holds the narrower finds a view needs before it builds a page or calls an action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from beibit.cases import workflow as wf
from beibit.cases.models import Booking, Case, CaseEvent
from beibit.cases.queries import event_views

#: How many cases the organizer API lists at most (newest first).
ORGANIZER_LIST_LIMIT = 500
#: How many bookings of its own the akimat API lists at most.
BOOKING_LIST_LIMIT = 1000


@dataclass(frozen=True)
class PublicCaseFilter:
    """The public register's narrowing: each field None (or empty) when not asked for."""

    settlement: str | None = None
    form: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    place_ids: tuple[str, ...] | None = None


@dataclass(frozen=True)
class TimelineEvent:
    """One event of a case without its payload: what the public timeline shows."""

    kind: str
    effective_on: dt.date
    occurred_at: dt.datetime


def organizer_case_ids(user_id: int) -> list[int]:
    """The ids of every case the user organizes (drafts included)."""
    return list(Case.objects.filter(organizer_id=user_id).values_list("pk", flat=True))


def organizer_cases(user_id: int, limit: int | None = None) -> list[Case]:
    """The user's cases, newest first; at most ``limit`` when given."""
    found = Case.objects.filter(organizer_id=user_id).order_by("-created_at", "-pk")
    return list(found[:limit] if limit is not None else found)


def organizer_case(user_id: int, case_id: int) -> Case | None:
    """The case if the user organizes it, else None (another organizer's case is not found)."""
    return Case.objects.filter(pk=case_id, organizer_id=user_id).first()


def officer_case(settlement: str, case_id: int) -> Case | None:
    """A filed case of the officer's akimat, else None (drafts and other akimats' cases are not found)."""
    return Case.objects.filter(pk=case_id, settlement=settlement).exclude(status=wf.DRAFT).first()


def latest_event(case: Case) -> CaseEvent:
    """The last event recorded on the case."""
    return CaseEvent.objects.get(case=case, seq=case.event_count)


def case_record(case: Case) -> list[dict[str, Any]]:
    """Every event of the case in order, with its payload and hashes."""
    return event_views(CaseEvent.objects.filter(case=case).order_by("seq"), full=True)


def akimat_bookings(
    settlement: str, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[Booking]:
    """The akimat's own events and works (bookings with no case), by start, within the given days."""
    found = Booking.objects.filter(settlement=settlement, case__isnull=True)
    if date_from:
        found = found.filter(starts_at__date__gte=date_from)
    if date_to:
        found = found.filter(starts_at__date__lte=date_to)
    return list(found.order_by("starts_at", "pk")[:BOOKING_LIST_LIMIT])


def case_settlement(case_id: int) -> Case:
    """The case's id and settlement only (what a signature page needs); raises Case.DoesNotExist."""
    return Case.objects.only("pk", "settlement").get(pk=case_id)


def submitted_case_id(case_id: int) -> int | None:
    """The id back if such a case was ever submitted, else None (drafts are never public)."""
    found = Case.objects.filter(pk=case_id, submitted_at__isnull=False).values_list("pk", flat=True).first()
    return int(found) if found is not None else None


def case_by_id(case_id: int) -> Case:
    """The whole case; raises Case.DoesNotExist."""
    return Case.objects.get(pk=case_id)


def public_timeline(case_id: int) -> list[TimelineEvent]:
    """The case's events in order, without payloads (the view drops the private kinds)."""
    return [
        TimelineEvent(e.kind, e.effective_on, e.occurred_at)
        for e in CaseEvent.objects.filter(case_id=case_id).order_by("seq").defer("payload_json")
    ]


def public_cases(narrowed: PublicCaseFilter) -> QuerySet[Case]:
    """The submitted cases the public register lists, latest assembly day first (lazy, for paging)."""
    cases: QuerySet[Case] = Case.objects.filter(submitted_at__isnull=False)
    if narrowed.settlement:
        cases = cases.filter(settlement=narrowed.settlement)
    if narrowed.form:
        cases = cases.filter(form=narrowed.form)
    if narrowed.date_from:
        cases = cases.filter(assembly_day__gte=narrowed.date_from)
    if narrowed.date_to:
        cases = cases.filter(assembly_day__lte=narrowed.date_to)
    if narrowed.place_ids is not None:
        cases = cases.filter(place_id__in=narrowed.place_ids)
    return cases.only(
        "pk", "settlement", "form", "procedure", "status", "assembly_day", "state_json"
    ).order_by("-assembly_day", "-pk")


def case_forms(case_ids: Iterable[int]) -> dict[int, str]:
    """The form of each of the given cases, by id."""
    return dict(Case.objects.filter(pk__in=list(case_ids)).values_list("pk", "form"))
