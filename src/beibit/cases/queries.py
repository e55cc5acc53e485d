"""The read side: what the API and (later) the pages show of cases, the inbox, the public register and the
occupancy calendar. Nothing here writes; callers run `services.apply_clock`/`refresh` first so what is shown
is the state as of now.

The public views never carry personal data: no IIN, no person's name, no contacts, no purpose text
(register-export.md).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case as DbCase
from django.db.models import F, Q, QuerySet, When
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from beibit.cases import workflow as wf
from beibit.cases.bookings import conflicts_of
from beibit.cases.models import Booking, Case, CaseEvent
from beibit.cases.moments import local_day
from beibit.cases.read_models import AppealRef, CaseView, EventView, OccupancyEntry, PlanView, RegisterEntry
from beibit.cases.state import CaseState
from beibit.law import procedure
from beibit.law.calendar import default_calendar, zone
from beibit.law.formats import date_label
from beibit.law.settlements import zone_of
from beibit.places import Registry
from beibit.places.settlements import get_settlement, is_known_settlement

#: Cities of republican significance and the capital are first-level units themselves (ACLED admin1).
_FIRST_LEVEL = frozenset({"almaty", "astana", "shymkent"})


@dataclass(slots=True)
class Places:
    """Names and representative points of places, looked up once per request."""

    registry: Registry
    _seen: dict[tuple[str, str], tuple[str | None, tuple[float, float] | None]] = field(default_factory=dict)

    def akimat(self, settlement: str, name: str) -> str:
        """The akimat's name, translated once per request."""
        key = ("akimat", settlement)
        if key not in self._seen:
            self._seen[key] = (_("Akimat of %(settlement)s") % {"settlement": name}, None)
        return self._seen[key][0] or name

    def lookup(
        self, settlement: str, place_id: str, day: dt.date | None
    ) -> tuple[str | None, tuple[float, float] | None]:
        key = (settlement, place_id)
        if key not in self._seen:
            versions = (
                self.registry.place_versions(settlement, place_id) if is_known_settlement(settlement) else ()
            )
            if not versions:
                self._seen[key] = (None, None)
            else:
                place = next((v for v in versions if day is not None and v.in_force(day)), versions[-1])
                point = place.geometry.representative_point()
                self._seen[key] = (place.name.text("en"), (round(point.x, 6), round(point.y, 6)))
        return self._seen[key]


def working_days_left(deadline: dt.date | None, today: dt.date) -> int | None:
    """Working days from today to the deadline, both counted; 0 once it has passed."""
    if deadline is None:
        return None
    if today > deadline:
        return 0
    return default_calendar().working_days_between(today, deadline)


def _plan_view(case: Case, state: CaseState, places: Places) -> PlanView | None:
    plan = state.plan
    if plan is None:
        return None
    name = places.lookup(case.settlement, plan.place_id, case.assembly_day)[0] if plan.place_id else None
    return PlanView(
        place_id=plan.place_id,
        place_name=name,
        point=plan.point,
        address=plan.address,
        starts_at=plan.starts_at,
        ends_at=plan.ends_at,
        expected_participants=plan.expected_participants,
    )


def notes_for(case: Case, state: CaseState, today: dt.date) -> list[str]:
    """What the status means for the organizer, in words (deadlines.md: Silence; Appeal periods)."""
    notes: list[str] = []
    status = case.status
    if status == wf.DEEMED_AGREED:
        notes.append(
            _("No answer was sent by the review deadline: you may hold the assembly as notified (Art 11(1)).")
        )
    if status == wf.OVERDUE:
        notes.append(
            _(
                "The akimat did not answer by the review deadline. There is no approval by silence; the "
                "failure "
                "to act may be appealed to the higher body like a refusal (APPK Art 91(2))."
            )
        )
    if status == wf.PROPOSAL_PENDING:
        notes.append(
            _(
                "The akimat proposes another place or time. Answer within 1 working day of receiving it: if "
                "you "
                "agree, the akimat may no longer refuse; if you disagree or do not answer, it refuses "
                "(Art 11(3), 13(3))."
            )
        )
    if status in (wf.PROPOSAL_DECLINED, wf.PROPOSAL_LAPSED):
        notes.append(
            _("The proposal was declined or not answered in time: the akimat is to refuse (Art 11(3)).")
        )
    for appeal in state.appeals:
        if appeal.appeal_deadline and case.assembly_day and case.assembly_day <= appeal.appeal_deadline:
            notes.append(
                _(
                    "An ordinary appeal is usually decided after the planned day of the assembly; the "
                    "appeal period ends on %(deadline)s."
                )
                % {"deadline": date_label(appeal.appeal_deadline, _language())}
            )
            break
    return notes


def event_views(events: Iterable[CaseEvent], *, full: bool = False) -> list[dict[str, Any]]:
    """The log: in a case view, what happened and when; in full (the record to download), every payload with
    its hash chain."""
    views: list[dict[str, Any]] = []
    for e in events:
        view: dict[str, Any] = {
            "seq": e.seq,
            "kind": e.kind,
            "effective_on": e.effective_on,
            "occurred_at": e.occurred_at,
            "actor_role": e.actor_role,
        }
        if full:
            view.update(payload=e.payload, prev_hash=e.prev_hash, hash=e.hash)
        views.append(view)
    return views


def case_view(case: Case, *, role: str, today: dt.date, places: Places) -> CaseView:
    """Everything about one case that its organizer or its akimat's officer may see."""
    state = case.state
    # One query: the log without its payloads, but for the filing's (what was filed is shown in full).
    events = list(
        CaseEvent.objects.filter(case=case)
        .order_by("seq")
        .defer("payload_json")
        .annotate(filed_json=DbCase(When(kind="submitted", then=F("payload_json")), default=None))
    )
    filed = next((e.filed_json for e in events if e.kind == "submitted"), None)
    actor = "organizer" if role == "organizer" else "officer"
    return CaseView(
        id=case.pk,
        settlement=case.settlement,
        form=case.form,
        procedure=case.procedure,
        status=case.status,
        allowed_actions=tuple(wf.allowed_edges(case.status, actor)),  # type: ignore[arg-type]
        draft=case.draft if case.status == wf.DRAFT else None,
        filed=json.loads(filed)["assembly"] if filed else None,
        submitted_at=case.submitted_at,
        registration_day=case.registration_day,
        last_filing_day=case.last_filing_day,
        filed_in_time=state.filed_in_time,
        review_deadline=case.review_deadline,
        working_days_left=(
            working_days_left(case.review_deadline, today) if case.status == wf.REGISTERED else None
        ),
        silence_effect=state.silence_effect,
        plan=_plan_view(case, state, places),
        decisions=state.decisions,
        proposal=state.proposal,
        deliveries=state.deliveries,
        representative=state.representative,
        held=state.held,
        suspension=state.suspension,
        termination=state.termination,
        appeals=state.appeals,
        withdrawal=state.withdrawal,
        silence=state.silence,
        campaigning_from=state.campaigning_from,
        evaluation=case.evaluation,
        corrections=state.corrections,
        notes=tuple(notes_for(case, state, today)),
        events=tuple(EventView(e.seq, e.kind, e.effective_on, e.occurred_at, e.actor_role) for e in events),
        registration_number=case.registration_number,
    )


# --- conflicts and the inbox ----------------------------------------------------------------------------


def conflicts(case: Case) -> list[dict[str, Any]]:
    """Other bookings of the same place overlapping the case's time; `earlier` ones were received first and
    take precedence (Art 9(3))."""
    return conflicts_of([case]).get(case.pk, [])


@dataclass(frozen=True, slots=True)
class InboxFilter:
    """What the officer narrowed the inbox to (all optional): the form, the place as it stands, the
    planned local day."""

    form: str | None = None
    place: str | None = None
    day_from: dt.date | None = None
    day_to: dt.date | None = None


def _inbox_cases(settlement: str, statuses: Iterable[str], narrowed: InboxFilter) -> QuerySet[Case]:
    cases = Case.objects.filter(settlement=settlement, status__in=list(statuses))
    if narrowed.form:
        cases = cases.filter(form=narrowed.form)
    if narrowed.place:
        cases = cases.filter(place_id=narrowed.place)
    if narrowed.day_from:
        cases = cases.filter(assembly_day__gte=narrowed.day_from)
    if narrowed.day_to:
        cases = cases.filter(assembly_day__lte=narrowed.day_to)
    return cases


def inbox_count(settlement: str, statuses: Iterable[str], narrowed: InboxFilter = InboxFilter()) -> int:
    """How many cases the inbox holds (all its pages)."""
    return _inbox_cases(settlement, statuses, narrowed).count()


def inbox(
    settlement: str,
    today: dt.date,
    statuses: Iterable[str],
    places: Places,
    *,
    narrowed: InboxFilter = InboxFilter(),
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The officer's inbox: filings awaiting the akimat, ordered by review deadline (soonest first); with
    `limit`, one page. A fixed number of statements per page: the cases, their bookings, their conflicts."""
    cases = _inbox_cases(settlement, statuses, narrowed).order_by("review_deadline", "submitted_at", "pk")
    page = list(cases[offset : offset + limit] if limit is not None else cases[offset:])
    found = conflicts_of(page)
    items: list[dict[str, Any]] = []
    for case in page:
        evaluation = case.evaluation or {"findings": [], "refusal_grounds": []}
        items.append(
            {
                "id": case.pk,
                "form": case.form,
                "procedure": case.procedure,
                "status": case.status,
                "registration_number": case.registration_number,
                "registration_day": case.registration_day,
                "review_deadline": case.review_deadline,
                "working_days_left": working_days_left(case.review_deadline, today),
                "past_deadline": case.review_deadline is not None and today > case.review_deadline,
                "plan": _plan_view(case, case.state, places),
                "refusal_grounds": evaluation["refusal_grounds"],
                "findings": [
                    {
                        "code": f["code"],
                        "severity": f["severity"],
                        "message": f["message"],
                        "ground": f.get("ground"),
                    }
                    for f in evaluation["findings"]
                    if f["severity"] != "info"
                ],
                "conflicts": found.get(case.pk, []),
            }
        )
    return items


# --- the public register --------------------------------------------------------------------------------


def _outcome(case: Case, state: CaseState) -> str | None:
    """register-export.md outcomes: proceed / proceed_restricted / refused / alternative_proposed /
    deemed_agreed (silence) / withdrawn; None while pending or overdue."""
    if case.status == wf.WITHDRAWN:
        return "withdrawn"
    if state.silence is not None and state.silence.kind == "deemed_agreed":
        return "deemed_agreed"
    decision = state.latest_decision
    if decision is None:
        return None
    kind = decision.decision
    if kind == procedure.REFUSE:
        return "refused"
    if kind == procedure.PROPOSE:
        return "alternative_proposed"
    if kind == procedure.APPROVE_RESTRICTED:
        return "proceed_restricted"
    if kind == procedure.PROCEED:
        # The ordinary answer to a notification; "restricted" only when it leaves out what was asked for.
        equipment = state.filed_equipment or {}
        asked = any(equipment.get(k) for k in ("structures", "sound_amplification"))
        return "proceed_restricted" if asked else "proceed"
    return "proceed"


def _held(case: Case, state: CaseState) -> str:
    if state.held is not None:
        return "yes"
    if case.status in (wf.WITHDRAWN, wf.REFUSED):
        return "no"
    return "unknown"


_RESPONSES = {"agree": "agreed", "disagree": "declined", "lapsed": "no_answer"}


def register_entry(case: Case, places: Places) -> RegisterEntry:
    """One filed case as the public register shows it, typed (pages); `register_row` is its contract form."""
    state = case.state
    settlement = get_settlement(case.settlement)
    plan = state.plan
    place_id = plan.place_id if plan is not None else None
    name, point = places.lookup(case.settlement, place_id, case.assembly_day) if place_id else (None, None)
    if point is None and plan is not None and plan.point:
        point = plan.point
    precision = (
        "specialized_place" if place_id else ("point" if plan is not None and plan.point else "settlement")
    )
    decision = state.latest_decision
    proposal = state.proposal
    appeal = state.appeals[-1] if state.appeals else None
    response: tuple[str, ...] = ()
    if state.termination is not None:
        response = ("dispersal",)
    elif state.held is not None:
        response = ("none",)
    return RegisterEntry(
        case_id=case.pk,
        akimat=places.akimat(settlement.id, settlement.en),
        settlement_id=case.settlement,
        admin1=settlement.en if case.settlement in _FIRST_LEVEL else None,
        admin2=settlement.en,
        location=place_id,
        location_name=name,
        lat=point[1] if point else None,
        lon=point[0] if point else None,
        geo_precision=precision,
        form=case.form,
        procedure=case.procedure,
        organizer_kind=state.organizer_kind,
        planned_start=plan.starts_at if plan is not None else None,
        planned_end=plan.ends_at if plan is not None else None,
        expected_participants=plan.expected_participants if plan is not None else None,
        submitted_at=state.submitted_at,
        registration_day=state.registration_day,
        last_filing_day=state.last_filing_day,
        review_deadline=state.review_deadline,
        decided_at=decision.decided_at if decision else None,
        decision_late=decision.late if decision else None,
        outcome=_outcome(case, state),
        status=case.status,
        grounds=decision.grounds if decision else (),
        alternative_place=proposal.new_plan.get("place_id") if proposal else None,
        alternative_start=proposal.new_starts_at if proposal else None,
        alternative_end=proposal.new_ends_at if proposal else None,
        organizer_response=_RESPONSES.get(proposal.answer or "") if proposal else None,
        registration_number=state.registration_number,
        held=_held(case, state),
        state_response=response,
        appeal=(
            AppealRef(
                body=appeal.body,
                filed_on=appeal.filed_on,
                decided_on=appeal.decided_on,
                result=appeal.outcome,
            )
            if appeal
            else None
        ),
        updated_at=state.updated_at,
    )


def register_row(case: Case, places: Places) -> dict[str, Any]:
    """One filed case as the contract's register row (register-export.md)."""
    return register_entry(case, places).record()


@dataclass(frozen=True, slots=True)
class Window:
    settlement: str | None = None
    place: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def register(window: Window, *, limit: int, offset: int, places: Places) -> tuple[int, list[dict[str, Any]]]:
    """Filed cases (never drafts), newest planned day first."""
    cases: QuerySet[Case] = Case.objects.filter(submitted_at__isnull=False)
    if window.settlement:
        cases = cases.filter(settlement=window.settlement)
    if window.place:
        cases = cases.filter(place_id=window.place)
    if window.date_from:
        cases = cases.filter(assembly_day__gte=window.date_from)
    if window.date_to:
        cases = cases.filter(assembly_day__lte=window.date_to)
    total = cases.count()
    # The row needs the state only: leave the large texts (draft, evaluation) in the database.
    page = cases.only(
        "pk", "settlement", "form", "procedure", "status", "assembly_day", "state_json"
    ).order_by("-assembly_day", "-pk")[offset : offset + limit]
    return total, [register_row(case, places) for case in page]


REGISTER_CSV_COLUMNS = (
    "case_id",
    "akimat",
    "settlement_id",
    "admin1",
    "admin2",
    "location",
    "location_name",
    "lat",
    "lon",
    "geo_precision",
    "form",
    "procedure",
    "organizer_kind",
    "planned_start",
    "planned_end",
    "expected_participants",
    "submitted_at",
    "registration_day",
    "last_filing_day",
    "review_deadline",
    "decided_at",
    "decision_late",
    "outcome",
    "status",
    "grounds",
    "alternative_place",
    "alternative_time",
    "organizer_response",
    "held",
    "state_response",
    "appeal_body",
    "appeal_filed_at",
    "appeal_decided_at",
    "appeal_result",
    "updated_at",
)


def register_csv_row(row: Mapping[str, Any]) -> list[Any]:
    appeal = row["appeal"] or {}
    flat = {
        **row,
        "grounds": ";".join(row["grounds"]),
        "state_response": ";".join(row["state_response"]),
        "appeal_body": appeal.get("body"),
        "appeal_filed_at": appeal.get("filed_at"),
        "appeal_decided_at": appeal.get("decided_at"),
        "appeal_result": appeal.get("result"),
    }
    return ["" if flat[c] is None else flat[c] for c in REGISTER_CSV_COLUMNS]


# --- the occupancy calendar -----------------------------------------------------------------------------

_KIND_LABELS = {
    "official_event": "official event",
    "cultural_event": "cultural event",
    "sports_event": "sports event",
    "works": "construction or installation works",
    "other": "other event",
}


def _local(moment: dt.datetime, settlement: str) -> dt.datetime:
    """The moment in the settlement's local time, as the rows are shown."""
    return moment.astimezone(zone(zone_of(settlement)))


def _local_midnight(day: dt.date, settlement: str | None, days_after: int = 0) -> dt.datetime | None:
    """The start of the local day `days_after` the given one, in UTC; None past the calendar's ends (then
    there is no bound to apply: nothing lies before the first day or after the last)."""
    try:
        start = day + dt.timedelta(days=days_after)
        return dt.datetime.combine(start, dt.time(0, 0), zone(zone_of(settlement))).astimezone(dt.UTC)
    except OverflowError:
        return None


def occupancy(
    window: Window, *, as_of: dt.datetime | None, limit: int, offset: int, places: Places
) -> tuple[int, list[dict[str, Any]]]:
    """The occupancy calendar's rows in the API's and the CSV's form (`occupancy_entries`)."""
    total, entries = occupancy_entries(window, as_of=as_of, limit=limit, offset=offset, places=places)
    return total, [e.record() for e in entries]


def occupancy_entries(
    window: Window, *, as_of: dt.datetime | None, limit: int, offset: int, places: Places
) -> tuple[int, list[OccupancyEntry]]:
    """Bookings of specialized places with the four fields CC 61-NP requires: the planned event, the place
    and date, the start and end time, and the expected participants. With `as_of`: as the calendar stood
    then (entered by then, not yet released)."""
    bookings = Booking.objects.select_related("case")
    if as_of is None:
        bookings = bookings.filter(released_at__isnull=True)
    else:
        bookings = bookings.filter(entered_at__lte=as_of).filter(
            Q(released_at__isnull=True) | Q(released_at__gt=as_of)
        )
    bookings = bookings.exclude(place_id="")
    if window.settlement:
        bookings = bookings.filter(settlement=window.settlement)
    if window.place:
        bookings = bookings.filter(place_id=window.place)
    # Local days as instants (the settlement's zone): a range over the indexed column, not a date function
    # of every row.
    if window.date_from and (first := _local_midnight(window.date_from, window.settlement)) is not None:
        bookings = bookings.filter(starts_at__gte=first)
    if window.date_to and (after := _local_midnight(window.date_to, window.settlement, 1)) is not None:
        bookings = bookings.filter(starts_at__lt=after)
    total = bookings.count()
    rows = []
    for b in bookings.order_by("starts_at", "received_at", "pk")[offset : offset + limit]:
        day = local_day(b.starts_at, b.settlement)
        name = places.lookup(b.settlement, b.place_id, day)[0]
        if b.case is not None:
            event = f"{b.case.form} ({b.case.procedure.replace('_', ' ')})"
        else:
            event = f"{_KIND_LABELS.get(b.kind, b.kind)}: {b.description}"
        rows.append(
            OccupancyEntry(
                booking_id=b.pk,
                settlement_id=b.settlement,
                place_id=b.place_id,
                place_name=name,
                date=day,
                starts_at=_local(b.starts_at, b.settlement),
                ends_at=_local(b.ends_at, b.settlement),
                planned_event=event,
                expected_participants=b.expected_participants,
                kind=b.kind,
                case_id=b.case_id,
                case_status=b.case.status if b.case is not None else None,
                received_at=_local(b.received_at, b.settlement),
                entered_at=_local(b.entered_at, b.settlement),
            )
        )
    return total, rows


OCCUPANCY_CSV_COLUMNS = (
    "booking_id",
    "settlement_id",
    "place_id",
    "place_name",
    "date",
    "starts_at",
    "ends_at",
    "planned_event",
    "expected_participants",
    "kind",
    "case_id",
    "case_status",
    "received_at",
    "entered_at",
)


def local_today(now: dt.datetime, settlement: str | None) -> dt.date:
    return local_day(now, settlement)


def _language() -> str:
    """The reader's language for a date in a note (the request's, kk by default)."""
    return (get_language() or "kk")[:2]
