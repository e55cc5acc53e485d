"""The only place that writes cases, events and bookings.

Every public function here runs in one `transaction.atomic()`, takes a row lock on the case
(`select_for_update`), records the system events the clock has made due (silence, overdue, a lapsed proposal)
before anything else, checks the step against the transitions table (`workflow.TRANSITIONS`) and the law,
appends its event(s) to the hash chain and updates the case's projection. Given an `Idempotency-Key`, a
function does its work once per key and account: a retry gets the first result.

Time is a parameter: `now` (an aware date-time) is read from the clock only at the outer edge (API handler,
CLI command). Days are local days of the settlement's zone; the law's periods are counted in working days
with the engine's calendar.
"""

from __future__ import annotations

import calendar as month_calendar
import dataclasses
import datetime as dt
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from beibit.cases import workflow as wf
from beibit.cases.chain import canonical_json, event_hash, genesis_hash
from beibit.cases.errors import (
    Forbidden,
    IdempotencyConflict,
    InvalidInput,
    InvalidTransition,
    NotFound,
    RuleViolation,
    Unauthenticated,
)
from beibit.cases.inputs import (
    REFUSAL_GROUNDS,
    TERMINATION_GROUNDS,
    AkimatBookingInput,
    AppealInput,
    AppealOutcomeInput,
    DecisionInput,
    DeliveryInput,
    HeldInput,
    ProposalInput,
    RepresentativeInput,
    SuspensionInput,
    TerminationInput,
)
from beibit.cases.models import (
    ApiToken,
    Booking,
    BookingKind,
    Case,
    CaseEvent,
    IdempotencyRecord,
    Profile,
    Role,
)
from beibit.cases.refusal_check import check_refusal_grounds
from beibit.cases.registry_store import registry_from_db
from beibit.law.calendar import default_calendar, local_date, zone
from beibit.law.evaluate import evaluate
from beibit.law.identifiers import iin_valid
from beibit.law.model import BookingInput, Evaluation, PlannedAssembly
from beibit.law.regimes import ParameterNotInForce, Params, load_regime, regime_in_force
from beibit.law.settlements import zone_of
from beibit.places.settlements import is_known_settlement

#: A refusal must be reasoned (Art 14(2), CC 61-NP); a few words are not reasons.
MIN_REASONS_LENGTH = 20
#: The years a case may be planned in: the calendar starts in 1991; far-future dates are typing errors.
FIRST_YEAR, LAST_YEAR = 1991, 2100
SYSTEM = "system"


# --- who acts ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actor:
    user: AbstractBaseUser
    role: str
    settlement: str

    @property
    def user_id(self) -> int:
        pk: int = self.user.pk
        return pk


def actor_of(user: AbstractBaseUser, role: str | None = None) -> Actor:
    """The acting account with its role; Forbidden if it has no profile or not the role required."""
    profile: Profile | None = getattr(user, "profile", None)
    if profile is None or not user.is_active:
        raise Forbidden(_("This account has no role in Beibit."))
    if role is not None and profile.role != role:
        raise Forbidden(_("This action is for another role."))
    return Actor(user, profile.role, profile.settlement)


def _as_actor(who: Actor | AbstractBaseUser, role: str) -> Actor:
    actor = who if isinstance(who, Actor) else actor_of(who)
    if actor.role != role:
        raise Forbidden(_("This action is for another role."))
    return actor


# --- time ---------------------------------------------------------------------------------------------


def _require_aware(moment: dt.datetime, field: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidInput(_("A date-time needs a UTC offset."), field=field, code="naive_datetime")


def local_day(moment: dt.datetime, settlement: str | None) -> dt.date:
    return local_date(moment, zone_of(settlement))


def _local_iso(moment: dt.datetime, settlement: str | None) -> str:
    return moment.astimezone(zone(zone_of(settlement))).isoformat()


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day number `months` later, or the month's last day where it has none (31 Jan -> 30 Apr)."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return dt.date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def _params(case: Case, day: dt.date) -> Params:
    regime = load_regime(case.regime_id) if case.regime_id else regime_in_force(day)
    return regime.params(day)


# --- the log ------------------------------------------------------------------------------------------


def _record(event: CaseEvent) -> wf.EventRecord:
    return wf.EventRecord(event.seq, event.kind, event.payload, event.effective_on, event.occurred_at)


def case_events(case: Case) -> list[CaseEvent]:
    return list(CaseEvent.objects.filter(case=case).order_by("seq"))


def _sync_columns(case: Case, state: Mapping[str, Any]) -> None:
    """Copy what queries filter and sort on from the folded state into indexed columns."""
    case.status = state["status"]
    case.state_json = canonical_json(state)
    if state["procedure"]:
        case.procedure = state["procedure"]
    for name in ("registration_day", "review_deadline", "last_filing_day"):
        value = state[name]
        setattr(case, name, dt.date.fromisoformat(value) if value else None)
    case.regime_id = state["regime_id"] or ""
    case.submitted_at = dt.datetime.fromisoformat(state["submitted_at"]) if state["submitted_at"] else None
    plan = state["plan"]
    if plan is not None:
        case.place_id = plan["place_id"] or ""
        case.starts_at = dt.datetime.fromisoformat(plan["starts_at"]) if plan["starts_at"] else None
        case.ends_at = dt.datetime.fromisoformat(plan["ends_at"]) if plan["ends_at"] else None
        case.assembly_day = local_day(case.starts_at, case.settlement) if case.starts_at else None
        case.expected_participants = plan["expected_participants"]
    proposal = state["proposal"]
    answer_deadline = proposal["answer_deadline"] if proposal and proposal["answer"] is None else None
    case.proposal_answer_deadline = dt.date.fromisoformat(answer_deadline) if answer_deadline else None


def _append(
    case: Case,
    kind: str,
    payload: Mapping[str, Any],
    *,
    now: dt.datetime,
    effective_on: dt.date,
    actor: Actor | None,
    key: str = "",
    save: bool = True,
    insert: bool = True,
) -> CaseEvent:
    """Append one event to a locked case: check the edge, chain the hash, update the projection (saved
    now, or with `save=False` by the caller's next save in the same transaction). With `insert=False` the
    caller inserts the event itself, in the same transaction (several events of one step in one statement)."""
    role = actor.role if actor is not None else SYSTEM
    edge = wf.edge_of(kind, payload)
    if kind != "drafted":
        try:
            wf.transition(case.status, edge, role)  # type: ignore[arg-type]
        except wf.TransitionNotAllowed:
            raise InvalidTransition(
                _("A case in status '%(status)s' does not allow '%(edge)s'.")
                % {"status": case.status, "edge": edge}
            ) from None
    seq = case.event_count + 1
    prev = case.last_event_hash if case.event_count else genesis_hash(case.pk)
    payload_json = canonical_json(payload)
    actor_id = actor.user_id if actor is not None else None
    event = CaseEvent(
        case=case,
        seq=seq,
        kind=kind,
        payload_json=payload_json,
        effective_on=effective_on,
        occurred_at=now,
        actor_id=actor_id,
        actor_role=role,
        idempotency_key=key,
        prev_hash=prev,
        hash=event_hash(
            case_id=case.pk,
            seq=seq,
            kind=kind,
            payload_json=payload_json,
            effective_on=effective_on,
            occurred_at=now,
            actor_id=actor_id,
            actor_role=role,
            idempotency_key=key,
            prev_hash=prev,
        ),
    )
    if insert:
        event.save(force_insert=True)
    state = wf.empty_state() if seq == 1 else case.state
    wf.advance(state, _record(event))
    _sync_columns(case, state)
    case.event_count = seq
    case.last_event_hash = event.hash
    case.updated_at = now
    if save:
        case.save()
    return event


def _lock(case_id: int) -> Case:
    try:
        return Case.objects.select_for_update().get(pk=case_id)
    except Case.DoesNotExist:
        raise NotFound(_("No such case.")) from None


def _lock_own(case_id: int, organizer: Actor) -> Case:
    case = _lock(case_id)
    if case.organizer_id != organizer.user_id:
        raise NotFound(_("No such case."))
    return case


def _lock_for_akimat(case_id: int, officer: Actor) -> Case:
    case = _lock(case_id)
    # An officer sees the filings made to the own akimat only; a draft is not filed yet.
    if case.settlement != officer.settlement or case.status == wf.DRAFT:
        raise NotFound(_("No such case."))
    return case


# --- the clock ----------------------------------------------------------------------------------------


def _due_system_event(case: Case, now: dt.datetime) -> tuple[str, dict[str, Any], dt.date] | None:
    today = local_day(now, case.settlement)
    if case.status == wf.REGISTERED and case.review_deadline is not None and today > case.review_deadline:
        # Art 11(1), last part / Art 13(1): effective the day after the deadline, whenever it is noticed.
        effective = case.review_deadline + dt.timedelta(days=1)
        kind = "deemed_agreed" if case.state["silence_effect"] == "proceed_as_notified" else "overdue"
        return kind, {"review_deadline": case.review_deadline.isoformat()}, effective
    if (
        case.status == wf.PROPOSAL_PENDING
        and case.proposal_answer_deadline is not None
        and today > case.proposal_answer_deadline
    ):
        effective = case.proposal_answer_deadline + dt.timedelta(days=1)
        return "proposal_lapsed", {"answer_deadline": case.proposal_answer_deadline.isoformat()}, effective
    return None


def _catch_up(case: Case, now: dt.datetime) -> list[CaseEvent]:
    """Record, on a locked case, every system event that is due at `now`."""
    appended: list[CaseEvent] = []
    while (due := _due_system_event(case, now)) is not None:
        kind, payload, effective = due
        appended.append(_append(case, kind, payload, now=now, effective_on=effective, actor=None))
    return appended


def _due_filter(now: dt.datetime) -> Q:
    # A superset by UTC date plus one day; each case is then checked in its own zone.
    horizon = (now.astimezone(dt.UTC) + dt.timedelta(days=1)).date()
    return Q(status=wf.REGISTERED, review_deadline__lt=horizon) | Q(
        status=wf.PROPOSAL_PENDING, proposal_answer_deadline__lt=horizon
    )


def apply_clock(
    now: dt.datetime, *, settlement: str | None = None, case_ids: Iterable[int] | None = None
) -> int:
    """Record the silence, overdue and lapsed-proposal events due at `now` (`beibit tick`, and every read
    that finds one due). Each case in its own transaction. Returns how many events were recorded."""
    _require_aware(now, "now")
    due = Case.objects.filter(_due_filter(now))
    if settlement is not None:
        due = due.filter(settlement=settlement)
    if case_ids is not None:
        due = due.filter(pk__in=list(case_ids))
    recorded = 0
    for case_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            recorded += len(_catch_up(_lock(case_id), now))
    return recorded


def last_event_mark() -> tuple[int, str]:
    """The id and hash of the latest case event: any change to any case appends an event, so a read that
    finds the same mark finds the same data (the hash tells apart two databases that reused an id). Plain SQL:
    asked on every public read, where the ORM's query building cost more than the query."""
    table = connection.ops.quote_name(CaseEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, hash FROM {table} ORDER BY id DESC LIMIT 1")  # noqa: S608 (no input)
        row = cursor.fetchone()
    return (int(row[0]), str(row[1])) if row else (0, "")


#: How long a process trusts a "nothing is due before ..." answer without asking again (seconds). The mark
#: alone could miss an event committed after a later one with a higher id (PostgreSQL hands out ids before
#: commit); the recheck bounds that to this many seconds.
CLOCK_RECHECK_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class _Quiet:
    mark: tuple[int, str]
    until: dt.datetime  # no case of the settlement can fall due before this instant
    checked: float  # time.monotonic() of the check


_quiet: dict[str | None, _Quiet] = {}
_quiet_lock = threading.Lock()


def _first_due_instant(settlement: str | None) -> dt.datetime:
    """The earliest instant at which `_due_filter` could select a case of the settlement, given the cases
    as they stand: 00:00 UTC of the earliest open review or answer deadline (the filter's own superset)."""
    cases = Case.objects.all() if settlement is None else Case.objects.filter(settlement=settlement)
    # Two ordered reads along the clock's indexes (status, deadline), not an aggregate over every case.
    days = [
        cases.filter(status=status, **{f"{column}__isnull": False})
        .order_by(column)
        .values_list(column, flat=True)
        .first()
        for status, column in (
            (wf.REGISTERED, "review_deadline"),
            (wf.PROPOSAL_PENDING, "proposal_answer_deadline"),
        )
    ]
    found = [day for day in days if day is not None]
    if not found:
        return dt.datetime.max.replace(tzinfo=dt.UTC)
    return dt.datetime.combine(min(found), dt.time(0, 0), dt.UTC)


def apply_clock_on_read(now: dt.datetime, *, settlement: str | None = None) -> tuple[int, str]:
    """`apply_clock` for the reads of many cases (register, calendar, open data), without its query when
    nothing can be due: one cheap query for the change mark, then the remembered earliest due instant.
    What is recorded is exactly what `apply_clock` would record. Returns the change mark after it."""
    _require_aware(now, "now")
    mark = last_event_mark()
    with _quiet_lock:
        quiet = _quiet.get(settlement)
    if (
        quiet is not None
        and quiet.mark == mark
        and now < quiet.until
        and time.monotonic() - quiet.checked < CLOCK_RECHECK_SECONDS
    ):
        return mark
    apply_clock(now, settlement=settlement)
    # The mark first: the due instant is then read from data at least as new as the mark.
    checked, mark = time.monotonic(), last_event_mark()
    until = _first_due_instant(settlement)
    with _quiet_lock:
        _quiet[settlement] = _Quiet(mark, until, checked)
    return mark


def forget_clock_reads() -> None:
    """Drop what `apply_clock_on_read` remembers (tests that reuse ids and times between databases)."""
    with _quiet_lock:
        _quiet.clear()


def _settle(case_id: int, now: dt.datetime) -> None:
    """Record what the clock has made due before acting, in its own transaction: the silence or the lapse
    stands even when the action that noticed it is then refused."""
    apply_clock(now, case_ids=[case_id])


def refresh(case_id: int, now: dt.datetime) -> Case:
    """The case as of `now`: a read that finds a deadline passed records the system event first."""
    try:
        case = Case.objects.get(pk=case_id)
    except Case.DoesNotExist:
        raise NotFound(_("No such case.")) from None
    if _due_system_event(case, now) is None:
        return case
    with transaction.atomic():
        case = _lock(case_id)
        _catch_up(case, now)
    return case


# --- idempotency --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    case_id: int | None = None
    event_seq: int | None = None
    booking_id: int | None = None
    #: The case as the work left it (not when a retry returns an earlier result): saves reading it again.
    case: Case | None = dataclasses.field(default=None, compare=False)


def _fingerprint(operation: str, *parts: object) -> str:
    def plain(value: object) -> object:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.asdict(value)
        if isinstance(value, PlannedAssembly):
            return value.model_dump(mode="json")
        return value

    text = json.dumps([operation, *[plain(p) for p in parts]], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _once(
    actor: Actor,
    key: str | None,
    operation: str,
    fingerprint: str,
    work: Callable[[], Outcome],
    now: dt.datetime,
) -> Outcome:
    """Run `work` in one transaction; with a key, at most once per account and key."""
    if key is not None and not (0 < len(key) <= 255):
        raise InvalidInput(_("An Idempotency-Key has 1 to 255 characters."), field="Idempotency-Key")
    for attempt in range(2):
        try:
            with transaction.atomic():
                if key:
                    earlier = IdempotencyRecord.objects.filter(actor_id=actor.user_id, key=key).first()
                    if earlier is not None:
                        if earlier.operation != operation or earlier.fingerprint != fingerprint:
                            raise IdempotencyConflict(
                                _("This Idempotency-Key was used for another request."),
                                field="Idempotency-Key",
                            )
                        return Outcome(earlier.case_id, earlier.event_seq, earlier.booking_id)
                outcome = work()
                if key:
                    IdempotencyRecord.objects.create(
                        actor_id=actor.user_id,
                        key=key,
                        operation=operation,
                        fingerprint=fingerprint,
                        case_id=outcome.case_id,
                        booking_id=outcome.booking_id,
                        event_seq=outcome.event_seq,
                        created_at=now,
                    )
                return outcome
        except IntegrityError:
            # A concurrent request with the same key committed first; the next attempt returns its result.
            if not key or attempt:
                raise
    raise AssertionError("unreachable")


def _event(case_id: int, seq: int | None) -> CaseEvent:
    assert seq is not None  # every case step's outcome names its event
    return CaseEvent.objects.get(case_id=case_id, seq=seq)


def _case(outcome: Outcome) -> Case:
    if outcome.case is not None:
        return outcome.case
    assert outcome.case_id is not None
    return Case.objects.get(pk=outcome.case_id)


# --- bookings -----------------------------------------------------------------------------------------


def _active(
    settlement: str, first: dt.datetime, last: dt.datetime, exclude_case: int | None
) -> QuerySet[Booking]:
    found = Booking.objects.filter(
        settlement=settlement, released_at__isnull=True, starts_at__lt=last, ends_at__gt=first
    ).order_by("received_at", "pk")
    return found if exclude_case is None else found.exclude(case_id=exclude_case)


def active_bookings(
    settlement: str, first: dt.datetime, last: dt.datetime, *, exclude_case: int | None = None
) -> list[Booking]:
    """Bookings of the settlement not released that overlap [first, last)."""
    return list(_active(settlement, first, last, exclude_case))


_BOOKING_INPUT_FIELDS = (
    "place_id", "lon", "lat", "starts_at", "ends_at", "form", "kind", "expected_participants", "case_id",
    "description",
)  # fmt: skip


def booking_inputs(
    settlement: str, first: dt.datetime, last: dt.datetime, *, exclude_case: int | None = None
) -> list[BookingInput]:
    """`active_bookings` as the engine takes them, read as plain values: a busy day has dozens of bookings,
    and building a model object for each cost more than the query."""
    rows = _active(settlement, first, last, exclude_case).values(*_BOOKING_INPUT_FIELDS)
    return [_booking_input(**row) for row in rows]


def _booking_input(
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


def _day_span(day: dt.date, settlement: str) -> tuple[dt.datetime, dt.datetime]:
    tz = zone(zone_of(settlement))
    start = dt.datetime.combine(day, dt.time(0, 0), tz)
    return start, start + dt.timedelta(days=1)


def _book(
    case: Case, plan: Mapping[str, Any], *, received_at: dt.datetime, now: dt.datetime, form: str
) -> None:
    if (
        not plan.get("starts_at")
        or not plan.get("ends_at")
        or not (plan.get("place_id") or plan.get("point"))
    ):
        return  # without a place and a time there is nothing to occupy
    point = plan.get("point")
    Booking.objects.create(
        settlement=case.settlement,
        place_id=plan.get("place_id") or "",
        lon=point[0] if point else None,
        lat=point[1] if point else None,
        starts_at=dt.datetime.fromisoformat(plan["starts_at"]),
        ends_at=dt.datetime.fromisoformat(plan["ends_at"]),
        kind=BookingKind.FILING,
        form=form,
        expected_participants=plan.get("expected_participants"),
        case=case,
        received_at=received_at,
        entered_at=now,
    )


def _release(case: Case, *, now: dt.datetime, reason: str, actor: Actor | None) -> None:
    Booking.objects.filter(case=case, released_at__isnull=True).update(
        released_at=now, release_reason=reason, released_by_id=actor.user_id if actor else None
    )


# --- organizer: drafting and filing -----------------------------------------------------------------


def _check_draft(assembly: PlannedAssembly) -> None:
    if not assembly.settlement:
        raise InvalidInput(_("A case needs the settlement whose akimat reviews it."), field="settlement")
    if not is_known_settlement(assembly.settlement):
        raise InvalidInput(_("Unknown settlement."), field="settlement", code="unknown_settlement")
    if assembly.submitted_at is not None:
        raise InvalidInput(_("The submission time is set when the case is submitted."), field="submitted_at")
    if assembly.registered_on is not None:  # the akimat's record (Art 10(2), 12(1)), corrected by an officer
        raise InvalidInput(_("The registration day is the akimat's record."), field="registered_on")
    for name in ("starts_at", "ends_at"):
        moment = getattr(assembly, name)
        if moment is not None and not (FIRST_YEAR <= moment.year <= LAST_YEAR):
            raise InvalidInput(
                _("A case is planned between %(first)d and %(last)d.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
                field=name,
                code="date_out_of_range",
            )


def _prefilled(assembly: PlannedAssembly, organizer: Actor) -> PlannedAssembly:
    """Without an `organizer` section, the organizer is the account holder as the profile states."""
    if assembly.organizer is not None:
        return assembly
    profile: Profile = organizer.user.profile  # type: ignore[attr-defined]
    person: dict[str, Any] = {}
    if profile.full_name:
        person["full_name"] = profile.full_name
    if profile.iin:
        person["iin"] = profile.iin
    if profile.birth_date:
        person["birth_date"] = profile.birth_date.isoformat()
    email = str(getattr(organizer.user, "email", ""))
    contacts = {"email": email} | ({"phone": profile.phone} if profile.phone else {})
    data = assembly.model_dump(mode="json", exclude_unset=True)
    data["organizer"] = {"kind": "citizen", "persons": [person], "contacts": contacts}
    return PlannedAssembly.model_validate(data)


def _evaluate(assembly: PlannedAssembly, **kwargs: Any) -> Evaluation:
    """The engine, with its refusals of impossible dates as input errors (as `beibit check` reports them)."""
    try:
        return evaluate(assembly, **kwargs)
    except ParameterNotInForce as error:
        raise InvalidInput(str(error), field="starts_at", code="not_in_force") from None
    except (ValueError, OverflowError) as error:  # CalendarRangeError and dates beyond the calendar's years
        raise InvalidInput(str(error), field="starts_at", code="date_out_of_range") from None


def _draft_payload(assembly: PlannedAssembly, today: dt.date) -> dict[str, Any]:
    evaluation = _evaluate(assembly, as_of=today)
    return {
        "assembly": assembly.model_dump(mode="json", exclude_unset=True),
        "procedure": evaluation.procedure,
    }


def create_case(
    organizer: Actor | AbstractBaseUser,
    assembly: PlannedAssembly,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> Case:
    """A new draft notification or application of the organizer's."""
    actor = _as_actor(organizer, Role.ORGANIZER)
    _require_aware(now, "now")
    _check_draft(assembly)
    full = _prefilled(assembly, actor)

    settlement = full.settlement
    assert settlement is not None  # _check_draft

    def work() -> Outcome:
        today = local_day(now, settlement)
        payload = _draft_payload(full, today)
        case = Case.objects.create(
            organizer_id=actor.user_id,
            settlement=settlement,
            form=full.form,
            procedure=payload["procedure"],
            status=wf.DRAFT,
            draft_json=canonical_json(payload["assembly"]),
            state_json="{}",
            last_event_hash="",
            created_at=now,
            updated_at=now,
        )
        event = _append(case, "drafted", payload, now=now, effective_on=today, actor=actor, key=key or "")
        return Outcome(case.pk, event.seq)

    outcome = _once(actor, key, "create_case", _fingerprint("create_case", full), work, now)
    return _case(outcome)


def update_draft(
    case_id: int,
    organizer: Actor | AbstractBaseUser,
    assembly: PlannedAssembly,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> Case:
    actor = _as_actor(organizer, Role.ORGANIZER)
    _check_draft(assembly)
    full = _prefilled(assembly, actor)

    def work() -> Outcome:
        case = _lock_own(case_id, actor)
        if full.settlement != case.settlement:
            raise InvalidInput(_("A draft stays with the akimat it was made for."), field="settlement")
        payload = _draft_payload(full, local_day(now, case.settlement))
        event = _append(
            case,
            "draft_updated",
            payload,
            now=now,
            effective_on=local_day(now, case.settlement),
            actor=actor,
            key=key or "",
        )
        case.draft_json = canonical_json(payload["assembly"])
        case.form = full.form
        case.save(update_fields=["draft_json", "form"])
        return Outcome(case.pk, event.seq)

    outcome = _once(actor, key, "update_draft", _fingerprint("update_draft", case_id, full), work, now)
    return _case(outcome)


def draft_evaluation(case: Case, *, now: dt.datetime) -> Evaluation:
    """The live evaluation of a draft, as if it were submitted now (what the registration day, the review
    deadline and the findings would be), against the registry and the bookings as they stand."""
    assembly = PlannedAssembly.model_validate(
        {**case.draft, "submitted_at": _local_iso(now, case.settlement)}
    )
    return _evaluate_filing(case, assembly, now)


def _evaluate_filing(case: Case, assembly: PlannedAssembly, now: dt.datetime) -> Evaluation:
    bookings: list[BookingInput] = []
    if assembly.starts_at is not None:
        first, last = _day_span(local_day(assembly.starts_at, case.settlement), case.settlement)
        bookings = booking_inputs(case.settlement, first, last, exclude_case=case.pk)
    return _evaluate(
        assembly, as_of=local_day(now, case.settlement), registry=registry_from_db(), bookings=bookings
    )


def submit(
    case_id: int, organizer: Actor | AbstractBaseUser, *, now: dt.datetime, key: str | None = None
) -> Case:
    """File the draft: Art 10(2), 12(1) — the filing day is the registration day (the next working day when
    filed on a day off). The registration day, the review deadline and the evaluation are fixed now."""
    actor = _as_actor(organizer, Role.ORGANIZER)
    _require_aware(now, "now")

    def work() -> Outcome:
        case = _lock_own(case_id, actor)
        if case.status != wf.DRAFT:
            raise InvalidTransition(_("This case is already submitted."))
        data = case.draft
        data["submitted_at"] = _local_iso(now, case.settlement)
        data.setdefault("channel", "e_document")
        assembly = PlannedAssembly.model_validate(data)
        evaluation = _evaluate_filing(case, assembly, now)
        if evaluation.procedure == "out_of_scope":
            raise RuleViolation(
                _("This gathering is outside the law on peaceful assemblies (Art 2(5)): nothing to file."),
                field="nature",
                code="out_of_scope",
            )
        d = evaluation.deadlines
        if d.registration_day is None or d.review_deadline is None:
            raise RuleViolation(
                _("The law in force gives this filing no review period."), code="no_review_period"
            )
        today = local_day(now, case.settlement)
        filed = assembly.model_dump(mode="json", exclude_unset=True)
        # One statement for the three events and one save of the case: they are one step (Art 10(2): filed =
        # registered).
        submitted = _append(
            case,
            "submitted",
            {"assembly": filed},
            now=now,
            effective_on=today,
            actor=actor,
            key=key or "",
            save=False,
            insert=False,
        )
        registered = _append(
            case,
            "registered",
            {
                "registration_day": d.registration_day.isoformat(),
                "review_deadline": d.review_deadline.isoformat(),
                "last_filing_day": d.last_filing_day.isoformat() if d.last_filing_day else None,
                "filed_in_time": d.filed_in_time,
                "regime_id": evaluation.regime.id,
                "procedure": evaluation.procedure,
                "silence_effect": d.silence_effect,
            },
            now=now,
            effective_on=d.registration_day,
            actor=None,
            save=False,
            insert=False,
        )
        case.evaluation_json = evaluation.model_dump_json()
        evaluated = _append(
            case,
            "evaluated",
            {"evaluation": evaluation.model_dump(mode="json"), "as_of": today.isoformat()},
            now=now,
            effective_on=d.registration_day,
            actor=None,
            insert=False,
        )
        CaseEvent.objects.bulk_create([submitted, registered, evaluated])
        _book(case, case.state["plan"], received_at=now, now=now, form=case.form)
        return Outcome(case.pk, evaluated.seq, case=case)

    outcome = _once(actor, key, "submit", _fingerprint("submit", case_id), work, now)
    return _case(outcome)


# --- officer: decisions -----------------------------------------------------------------------------


def _decision_due(case: Case, state: Mapping[str, Any]) -> dt.date:
    """The last day a decision counts as in time. The review deadline; after a proposal made in time and
    declined, agreed or left unanswered, also the working day after the answer (or the end of its period),
    since the law gives the akimat no separate period for that last step (docs/interpretations.md)."""
    assert case.review_deadline is not None
    due = case.review_deadline
    proposal = state["proposal"]
    if proposal is None or case.status not in (wf.PROPOSAL_AGREED, wf.PROPOSAL_DECLINED, wf.PROPOSAL_LAPSED):
        return due
    proposed = next(d for d in state["decisions"] if d["seq"] == proposal["seq"])
    if proposed["late"]:
        return due
    base = (
        proposal["answered_on"]
        if proposal["answer"] in ("agree", "disagree")
        else proposal["answer_deadline"]
    )
    if base is None:
        return due
    return max(due, default_calendar().working_day_after(dt.date.fromisoformat(base), 1))


def _check_grounds(case: Case, decision: DecisionInput) -> list[str]:
    grounds = list(decision.grounds)
    if decision.decision != wf.REFUSE:
        if grounds:
            raise InvalidInput(_("Only a refusal names grounds of Art 14(1)."), field="grounds")
        return grounds
    if not grounds:
        raise RuleViolation(_("A refusal names at least one ground of Art 14(1)."), field="grounds")
    for i, ground in enumerate(grounds):
        if ground not in REFUSAL_GROUNDS:
            raise InvalidInput(
                _("'%(ground)s' is not a ground of Art 14(1) (14.1.1 to 14.1.10).") % {"ground": ground},
                field=f"grounds.{i}",
            )
    if len(set(grounds)) != len(grounds):
        raise InvalidInput(_("A ground is named twice."), field="grounds")
    if len(decision.reasons.strip()) < MIN_REASONS_LENGTH:
        raise RuleViolation(
            _("A refusal gives written reasons (Art 14(2)): at least %(n)d characters.")
            % {"n": MIN_REASONS_LENGTH},
            field="reasons",
        )
    assert case.registration_day is not None  # a decision comes after registration
    params = _params(case, case.registration_day)
    if (
        set(grounds) == {"14.1.10"}
        and params.flag("occupied_place_refusal_needs_alternative")
        and case.status not in (wf.PROPOSAL_DECLINED, wf.PROPOSAL_LAPSED)
    ):
        cite = params.cite("occupied_place_refusal_needs_alternative")
        raise RuleViolation(
            _(
                "A refusal because the place is taken (Art 14(1)(10)) needs another place or time offered "
                "first and declined or left unanswered (%(cite)s)."
            )
            % {"cite": str(cite)},
            field="grounds",
            code="alternative_first",
        )
    return sorted(grounds, key=lambda g: int(g.rsplit(".", 1)[1]))


def _check_proposal(case: Case, proposal: ProposalInput | None) -> dict[str, Any]:
    if proposal is None:
        raise InvalidInput(_("A proposal names another place, route or time."), field="proposal")
    changed: dict[str, Any] = {
        "place_id": proposal.place_id,
        "address": proposal.address,
        "point": list(proposal.point) if proposal.point else None,
        "starts_at": None,
        "ends_at": None,
    }
    if proposal.starts_at is not None or proposal.ends_at is not None:
        if proposal.starts_at is None or proposal.ends_at is None:
            raise InvalidInput(_("Another time has a start and an end."), field="proposal.ends_at")
        _require_aware(proposal.starts_at, "proposal.starts_at")
        _require_aware(proposal.ends_at, "proposal.ends_at")
        if proposal.ends_at <= proposal.starts_at:
            raise InvalidInput(_("The end is after the start."), field="proposal.ends_at")
        changed["starts_at"] = _local_iso(proposal.starts_at, case.settlement)
        changed["ends_at"] = _local_iso(proposal.ends_at, case.settlement)
    if not any(changed[k] for k in ("place_id", "address", "point", "starts_at")):
        raise InvalidInput(_("A proposal names another place, route or time."), field="proposal")
    if proposal.place_id:
        starts = proposal.starts_at or case.starts_at
        day = local_day(starts, case.settlement) if starts else None
        lookup = registry_from_db().lookup_place(case.settlement, proposal.place_id, day) if day else None
        if lookup is None or lookup.status != "in_force":
            raise InvalidInput(
                _("No specialized place or route with this id is in force on that day."),
                field="proposal.place_id",
            )
    new_plan = {k: v for k, v in changed.items() if v is not None}
    if proposal.place_id:
        # A specialized place replaces a filed point or address, and vice versa.
        new_plan.setdefault("point", None)
        new_plan.setdefault("address", None)
    elif proposal.point or proposal.address:
        new_plan["place_id"] = None
    return {"new_plan": new_plan, "note": proposal.note.strip()}


def _occupancy_snapshot(case: Case) -> list[dict[str, Any]]:
    """The bookings that overlapped the plan when the decision was taken (for a 14(1)(10) refusal)."""
    if case.starts_at is None or case.ends_at is None or not case.place_id:
        return []
    taken = [
        b
        for b in active_bookings(case.settlement, case.starts_at, case.ends_at, exclude_case=case.pk)
        if b.place_id == case.place_id
    ]
    return [
        {
            "booking_id": b.pk,
            "kind": b.kind,
            "case_id": b.case_id,
            "starts_at": b.starts_at.isoformat(),
            "ends_at": b.ends_at.isoformat(),
            "received_at": b.received_at.isoformat(),
            "entered_at": b.entered_at.isoformat(),
        }
        for b in taken
    ]


def record_decision(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    decision: DecisionInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """The akimat's answer (Art 11(1), 13(1)): one per case, a proposal aside; checked against Art 14 and
    CC 61-NP; after the review deadline recorded as late (a notification's silence effect stays)."""
    actor = _as_actor(officer, Role.OFFICER)
    _require_aware(now, "now")
    if decision.decision not in wf.DECISIONS:
        raise InvalidInput(_("Unknown decision."), field="decision")

    def work() -> Outcome:
        case = _lock_for_akimat(case_id, actor)
        _catch_up(case, now)
        state = case.state
        allowed = wf.DECISIONS_BY_PROCEDURE.get(case.procedure, frozenset())
        if decision.decision not in allowed:
            raise RuleViolation(
                _("'%(decision)s' is not an answer to a %(procedure)s.")
                % {"decision": decision.decision, "procedure": case.procedure},
                field="decision",
            )
        if case.status == wf.PROPOSAL_AGREED and decision.decision in (wf.REFUSE, wf.PROPOSE):
            raise RuleViolation(
                _("The organizer agreed to the proposal: the akimat may not refuse (Art 11(3), 13(3))."),
                field="decision",
                code="refusal_after_agreement",
            )
        if case.status in (wf.PROPOSAL_DECLINED, wf.PROPOSAL_LAPSED) and decision.decision != wf.REFUSE:
            raise RuleViolation(
                _("The proposal was declined or left unanswered: the akimat refuses (Art 11(3), 13(3))."),
                field="decision",
                code="refusal_required",
            )
        try:
            wf.transition(case.status, f"decision_recorded.{decision.decision}", "officer")
        except wf.TransitionNotAllowed:
            raise InvalidTransition(
                _("A decision cannot be recorded in status '%(status)s'.") % {"status": case.status}
            ) from None
        grounds = _check_grounds(case, decision)
        snapshot = _occupancy_snapshot(case) if "14.1.10" in grounds else []
        if decision.decision == wf.REFUSE:
            check_refusal_grounds(case, grounds, snapshot)  # nothing is stored on a ground the facts disprove
        proposal = _check_proposal(case, decision.proposal) if decision.decision == wf.PROPOSE else None
        if decision.decision != wf.PROPOSE and decision.proposal is not None:
            raise InvalidInput(_("Only a proposal names another place or time."), field="proposal")
        today = local_day(now, case.settlement)
        due = _decision_due(case, state)
        payload: dict[str, Any] = {
            "decision": decision.decision,
            "grounds": grounds,
            "reasons": decision.reasons.strip(),
            "restrictions": list(wf.RESTRICTIONS.get(decision.decision, ())),
            "proposal": proposal,
            "decided_at": _local_iso(now, case.settlement),
            "decided_on": today.isoformat(),
            "due_on": due.isoformat(),
            "late": today > due,
            "silence_effect_stands": case.status == wf.DEEMED_AGREED,
            "occupancy_snapshot": snapshot,
        }
        event = _append(
            case, "decision_recorded", payload, now=now, effective_on=today, actor=actor, key=key or ""
        )
        if case.status in wf.RELEASES_BOOKING:
            _release(case, now=now, reason="refused", actor=actor)
        return Outcome(case.pk, event.seq)

    _settle(case_id, now)
    outcome = _once(
        actor, key, "record_decision", _fingerprint("record_decision", case_id, decision), work, now
    )
    return _event(case_id, outcome.event_seq)


def record_delivery(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    delivery: DeliveryInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """How the latest decision went out (Art 11(2), 13(2)). E-mail and SMS also need the registered letter.
    Receipt (deadlines.md): e-mail, SMS, e-document and by hand the day sent; registered mail the day
    delivered. A proposal's answer period runs from its receipt."""
    actor = _as_actor(officer, Role.OFFICER)
    _require_aware(now, "now")
    _require_aware(delivery.sent_at, "sent_at")

    def work() -> Outcome:
        case = _lock_for_akimat(case_id, actor)
        _catch_up(case, now)
        state = case.state
        decision = wf.latest_decision(state)
        if decision is None:
            raise RuleViolation(_("There is no decision to deliver yet."), code="nothing_to_deliver")
        if delivery.sent_at > now:
            raise InvalidInput(_("The time sent cannot be in the future."), field="sent_at")
        if delivery.sent_at < dt.datetime.fromisoformat(decision["decided_at"]):
            raise InvalidInput(_("The time sent cannot be before the decision."), field="sent_at")
        sent_on = local_day(delivery.sent_at, case.settlement)
        registered_mail: dict[str, Any] | None = None
        if delivery.channel in ("email", "sms"):
            if delivery.registered_mail_sent_on is None:
                raise RuleViolation(
                    _("An answer by e-mail or SMS is also sent by registered mail (Art 11(2))."),
                    field="registered_mail_sent_on",
                )
            if delivery.registered_mail_sent_on < sent_on:
                raise InvalidInput(
                    _("The registered letter follows the message."), field="registered_mail_sent_on"
                )
            registered_mail = {
                "sent_on": delivery.registered_mail_sent_on.isoformat(),
                "number": delivery.registered_mail_number.strip(),
            }
        if delivery.channel == "registered_mail":
            received = delivery.delivered_on
            if received is not None and received < sent_on:
                raise InvalidInput(_("A letter is delivered after it is sent."), field="delivered_on")
            if received is not None and received > local_day(now, case.settlement):
                raise InvalidInput(_("The delivery day cannot be in the future."), field="delivered_on")
        else:
            if delivery.delivered_on is not None:
                raise InvalidInput(
                    _("Only registered mail has a separate delivery day."), field="delivered_on"
                )
            received = sent_on
        answer_deadline = None
        if decision["decision"] == wf.PROPOSE and received is not None:
            days = _params(case, received).integer("proposal_answer_working_days")
            answer_deadline = default_calendar().working_day_after(received, days).isoformat()
        payload = {
            "decision_seq": decision["seq"],
            "channel": delivery.channel,
            "sent_at": _local_iso(delivery.sent_at, case.settlement),
            "sent_on": sent_on.isoformat(),
            "received_on": received.isoformat() if received else None,
            "registered_mail": registered_mail,
            "answer_deadline": answer_deadline,
            "sent_after_review_deadline": case.review_deadline is not None and sent_on > case.review_deadline,
        }
        event = _append(case, "delivered", payload, now=now, effective_on=sent_on, actor=actor, key=key or "")
        _catch_up(case, now)  # a delivery recorded late may show the answer period already over
        return Outcome(case.pk, event.seq)

    _settle(case_id, now)
    outcome = _once(
        actor, key, "record_delivery", _fingerprint("record_delivery", case_id, delivery), work, now
    )
    return _event(case_id, outcome.event_seq)


# --- organizer: answer, withdrawal, appeal ------------------------------------------------------------


def answer_proposal(
    case_id: int,
    organizer: Actor | AbstractBaseUser,
    *,
    agree: bool,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """Art 11(3), 13(3): within 1 working day of receiving the proposal. Agreement moves the booking to the
    proposed place and time; the akimat may then no longer refuse."""
    actor = _as_actor(organizer, Role.ORGANIZER)
    _require_aware(now, "now")

    def work() -> Outcome:
        case = _lock_own(case_id, actor)
        _catch_up(case, now)
        if case.status == wf.PROPOSAL_LAPSED:
            raise RuleViolation(
                _("The period to answer the proposal has ended (Art 11(3), 13(3))."),
                code="answer_period_over",
            )
        if case.status != wf.PROPOSAL_PENDING:
            raise InvalidTransition(_("There is no proposal waiting for an answer."))
        proposal = case.state["proposal"]
        today = local_day(now, case.settlement)
        new_plan = proposal["new_plan"] if agree else {}
        event = _append(
            case,
            "proposal_answered",
            {
                "agree": agree,
                "answered_on": today.isoformat(),
                "answer_deadline": proposal["answer_deadline"],
                "new_plan": new_plan,
            },
            now=now,
            effective_on=today,
            actor=actor,
            key=key or "",
        )
        if agree:
            _release(case, now=now, reason="moved_by_agreed_proposal", actor=actor)
            _book(case, case.state["plan"], received_at=now, now=now, form=case.form)
        return Outcome(case.pk, event.seq)

    _settle(case_id, now)
    outcome = _once(actor, key, "answer_proposal", _fingerprint("answer_proposal", case_id, agree), work, now)
    return _event(case_id, outcome.event_seq)


def withdraw(
    case_id: int,
    organizer: Actor | AbstractBaseUser,
    *,
    reason: str = "",
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """Art 5(2): the organizer calls the assembly off and tells the akimat at once (this event is the notice);
    the place and time are released."""
    actor = _as_actor(organizer, Role.ORGANIZER)
    _require_aware(now, "now")

    def work() -> Outcome:
        case = _lock_own(case_id, actor)
        _catch_up(case, now)
        event = _append(
            case,
            "withdrawn",
            {"reason": reason.strip()},
            now=now,
            effective_on=local_day(now, case.settlement),
            actor=actor,
            key=key or "",
        )
        _release(case, now=now, reason="withdrawn", actor=actor)
        return Outcome(case.pk, event.seq)

    _settle(case_id, now)
    outcome = _once(actor, key, "withdraw", _fingerprint("withdraw", case_id, reason), work, now)
    return _event(case_id, outcome.event_seq)


_APPEALABLE_KINDS = ("decision_recorded", "overdue", "suspended", "terminated")


def _appeal_subject(case: Case) -> tuple[CaseEvent, dt.date]:
    """The latest act or omission of the akimat, and the day the organizer learnt of it by default."""
    subject = CaseEvent.objects.filter(case=case, kind__in=_APPEALABLE_KINDS).order_by("-seq").first()
    if subject is None:
        raise RuleViolation(_("There is no decision of the akimat to appeal."), code="nothing_to_appeal")
    learnt = subject.effective_on
    if subject.kind == "decision_recorded":
        received = [
            d["received_on"]
            for d in case.state["deliveries"]
            if d["decision_seq"] == subject.seq and d["received_on"]
        ]
        if received:
            learnt = dt.date.fromisoformat(min(received))
    return subject, learnt


def appealable_act(case: Case) -> tuple[CaseEvent, dt.date] | None:
    """The latest act or omission of the akimat that may be appealed and the day the organizer learnt of it
    (for pages and documents), or None when there is none yet."""
    try:
        return _appeal_subject(case)
    except RuleViolation:
        return None


def appeal_deadline(case: Case, learnt_on: dt.date) -> tuple[dt.date | None, int | None]:
    """APPK Art 92 (deadlines.md): 3 months from the day the organizer learnt of the decision, as a
    calendar-month date; on a day that is not a working day, the next working day. None before the APPK
    (in force 2021-07-01)."""
    try:
        months = _params(case, learnt_on).integer("appeal_months")
    except ParameterNotInForce:
        return None, None
    return default_calendar().registration_day(add_months(learnt_on, months)), months


def record_appeal(
    case_id: int,
    organizer: Actor | AbstractBaseUser,
    appeal: AppealInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """Art 19, APPK Art 91-92: an appeal against the akimat's decision or omission, with the limit counted."""
    actor = _as_actor(organizer, Role.ORGANIZER)
    _require_aware(now, "now")

    def work() -> Outcome:
        case = _lock_own(case_id, actor)
        _catch_up(case, now)
        try:
            wf.transition(case.status, "appealed", "organizer")
        except wf.TransitionNotAllowed:
            raise InvalidTransition(
                _("There is no decision of the akimat to appeal in status '%(status)s'.")
                % {"status": case.status}
            ) from None
        subject, default_learnt = _appeal_subject(case)
        learnt = appeal.learnt_on or default_learnt
        today = local_day(now, case.settlement)
        if appeal.filed_on > today:
            raise InvalidInput(_("The filing day cannot be in the future."), field="filed_on")
        if learnt > appeal.filed_on:
            raise InvalidInput(_("An appeal is filed after the decision is known."), field="learnt_on")
        if learnt < subject.effective_on:
            raise InvalidInput(_("The decision cannot be known before it was taken."), field="learnt_on")
        if not appeal.body_name.strip():
            raise InvalidInput(_("Name the body the appeal goes to."), field="body_name")
        deadline, months = appeal_deadline(case, learnt)
        payload = {
            "body": appeal.body,
            "body_name": appeal.body_name.strip(),
            "filed_on": appeal.filed_on.isoformat(),
            "learnt_on": learnt.isoformat(),
            "subject_seq": subject.seq,
            "subject_kind": subject.kind,
            "limit_months": months,
            "appeal_deadline": deadline.isoformat() if deadline else None,
            "within_limit": None if deadline is None else appeal.filed_on <= deadline,
        }
        event = _append(
            case, "appealed", payload, now=now, effective_on=appeal.filed_on, actor=actor, key=key or ""
        )
        return Outcome(case.pk, event.seq)

    _settle(case_id, now)
    outcome = _once(actor, key, "record_appeal", _fingerprint("record_appeal", case_id, appeal), work, now)
    return _event(case_id, outcome.event_seq)


def record_appeal_outcome(
    case_id: int,
    who: Actor | AbstractBaseUser,
    outcome_input: AppealOutcomeInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """The higher body's or the court's answer to an appeal; the organizer or the akimat records it."""
    actor = who if isinstance(who, Actor) else actor_of(who)
    if actor.role not in (Role.ORGANIZER, Role.OFFICER):
        raise Forbidden(_("This action is for another role."))
    _require_aware(now, "now")

    def work() -> Outcome:
        case = _lock_own(case_id, actor) if actor.role == Role.ORGANIZER else _lock_for_akimat(case_id, actor)
        _catch_up(case, now)
        appeals = case.state["appeals"]
        if not appeals:
            raise RuleViolation(_("No appeal is recorded."), field="appeal_seq", code="no_appeal")
        seq = outcome_input.appeal_seq or appeals[-1]["seq"]
        appeal = next((a for a in appeals if a["seq"] == seq), None)
        if appeal is None:
            raise InvalidInput(_("No appeal with this number."), field="appeal_seq")
        if appeal["outcome"] is not None:
            raise RuleViolation(_("The outcome of this appeal is already recorded."), field="appeal_seq")
        if outcome_input.decided_on < dt.date.fromisoformat(appeal["filed_on"]):
            raise InvalidInput(_("An appeal is decided after it is filed."), field="decided_on")
        if outcome_input.decided_on > local_day(now, case.settlement):
            raise InvalidInput(_("The day of the outcome cannot be in the future."), field="decided_on")
        event = _append(
            case,
            "appeal_decided",
            {
                "appeal_seq": seq,
                "outcome": outcome_input.outcome,
                "decided_on": outcome_input.decided_on.isoformat(),
            },
            now=now,
            effective_on=outcome_input.decided_on,
            actor=actor,
            key=key or "",
        )
        return Outcome(case.pk, event.seq)

    _settle(case_id, now)
    outcome = _once(
        actor,
        key,
        "record_appeal_outcome",
        _fingerprint("record_appeal_outcome", case_id, outcome_input),
        work,
        now,
    )
    return _event(case_id, outcome.event_seq)


# --- officer: the assembly itself ---------------------------------------------------------------------


def _officer_step(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    kind: str,
    payload_of: Callable[[Case], tuple[dict[str, Any], dt.date]],
    *,
    now: dt.datetime,
    key: str | None,
    fingerprint: str,
) -> CaseEvent:
    actor = _as_actor(officer, Role.OFFICER)
    _require_aware(now, "now")

    def work() -> Outcome:
        case = _lock_for_akimat(case_id, actor)
        _catch_up(case, now)
        try:
            wf.transition(case.status, kind, "officer")
        except wf.TransitionNotAllowed:
            raise InvalidTransition(
                _("A case in status '%(status)s' does not allow '%(edge)s'.")
                % {"status": case.status, "edge": kind}
            ) from None
        payload, effective = payload_of(case)
        event = _append(case, kind, payload, now=now, effective_on=effective, actor=actor, key=key or "")
        return Outcome(case.pk, event.seq)

    _settle(case_id, now)
    outcome = _once(actor, key, kind, fingerprint, work, now)
    return _event(case_id, outcome.event_seq)


def _not_in_future(moment: dt.datetime, now: dt.datetime, field: str) -> None:
    _require_aware(moment, field)
    if moment > now:
        raise InvalidInput(_("This time cannot be in the future."), field=field)


def appoint_representative(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    representative: RepresentativeInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """Art 8(3): the akimat appoints its representative at the assembly."""

    def payload(case: Case) -> tuple[dict[str, Any], dt.date]:
        if not representative.full_name.strip():
            raise InvalidInput(_("Name the representative."), field="full_name")
        if not representative.position.strip():
            raise InvalidInput(_("Give the representative's position."), field="position")
        return (
            {
                "full_name": representative.full_name.strip(),
                "position": representative.position.strip(),
                "phone": representative.phone.strip(),
                "appointed_at": _local_iso(now, case.settlement),
            },
            local_day(now, case.settlement),
        )

    return _officer_step(
        case_id,
        officer,
        "representative_appointed",
        payload,
        now=now,
        key=key,
        fingerprint=_fingerprint("representative_appointed", case_id, representative),
    )


def record_held(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    held: HeldInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """The assembly took place (or is taking place)."""

    def payload(case: Case) -> tuple[dict[str, Any], dt.date]:
        started = held.started_at or case.starts_at or now
        _not_in_future(started, now, "started_at")
        low, high = held.observed_participants_low, held.observed_participants_high
        if low is not None and high is not None and low > high:
            raise InvalidInput(
                _("The low estimate is not above the high one."), field="observed_participants_low"
            )
        return (
            {
                "started_at": _local_iso(started, case.settlement),
                "observed_participants_low": low,
                "observed_participants_high": high,
                "notes": held.notes.strip(),
            },
            local_day(started, case.settlement),
        )

    return _officer_step(
        case_id, officer, "held", payload, now=now, key=key, fingerprint=_fingerprint("held", case_id, held)
    )


def suspend(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    suspension: SuspensionInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """Art 17: after the representative's demand to remove a breach of order was not met, the assembly is
    suspended for the time set to remove it."""

    def payload(case: Case) -> tuple[dict[str, Any], dt.date]:
        _not_in_future(suspension.demanded_at, now, "demanded_at")
        _not_in_future(suspension.suspended_at, now, "suspended_at")
        _require_aware(suspension.resume_by, "resume_by")
        if suspension.suspended_at < suspension.demanded_at:
            raise InvalidInput(_("The suspension follows the demand."), field="suspended_at")
        if suspension.resume_by <= suspension.suspended_at:
            raise InvalidInput(
                _("The time set to remove the breach is after the suspension."), field="resume_by"
            )
        if not suspension.reasons.strip():
            raise InvalidInput(_("Describe the breach of order."), field="reasons")
        return (
            {
                "ground": "17",
                "reasons": suspension.reasons.strip(),
                "demanded_at": _local_iso(suspension.demanded_at, case.settlement),
                "suspended_at": _local_iso(suspension.suspended_at, case.settlement),
                "resume_by": _local_iso(suspension.resume_by, case.settlement),
            },
            local_day(suspension.suspended_at, case.settlement),
        )

    return _officer_step(
        case_id,
        officer,
        "suspended",
        payload,
        now=now,
        key=key,
        fingerprint=_fingerprint("suspended", case_id, suspension),
    )


def resume(
    case_id: int, officer: Actor | AbstractBaseUser, *, now: dt.datetime, key: str | None = None
) -> CaseEvent:
    """Art 17: the breach was removed; the assembly continues."""

    def payload(case: Case) -> tuple[dict[str, Any], dt.date]:
        return {"resumed_at": _local_iso(now, case.settlement)}, local_day(now, case.settlement)

    return _officer_step(
        case_id, officer, "resumed", payload, now=now, key=key, fingerprint=_fingerprint("resumed", case_id)
    )


def terminate(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    termination: TerminationInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """Art 18: termination on a ground of 18(1), with the time set for voluntary dispersal (18(2))."""

    def payload(case: Case) -> tuple[dict[str, Any], dt.date]:
        if termination.ground not in TERMINATION_GROUNDS:
            raise InvalidInput(
                _("'%(ground)s' is not a ground of Art 18(1) (18.1.1 to 18.1.6).")
                % {"ground": termination.ground},
                field="ground",
            )
        if termination.ground == "18.1.4" and case.status != wf.SUSPENDED:
            raise RuleViolation(
                _("Art 18(1)(4) ends an assembly whose suspension (Art 17) did not remove the breach."),
                field="ground",
            )
        _not_in_future(termination.terminated_at, now, "terminated_at")
        _require_aware(termination.dispersal_by, "dispersal_by")
        if termination.dispersal_by <= termination.terminated_at:
            raise InvalidInput(
                _("The time set for dispersal is after the termination."), field="dispersal_by"
            )
        if not termination.reasons.strip():
            raise InvalidInput(_("Give the reasons for the termination."), field="reasons")
        return (
            {
                "ground": termination.ground,
                "reasons": termination.reasons.strip(),
                "terminated_at": _local_iso(termination.terminated_at, case.settlement),
                "dispersal_by": _local_iso(termination.dispersal_by, case.settlement),
            },
            local_day(termination.terminated_at, case.settlement),
        )

    return _officer_step(
        case_id,
        officer,
        "terminated",
        payload,
        now=now,
        key=key,
        fingerprint=_fingerprint("terminated", case_id, termination),
    )


# --- officer: the akimat's own bookings ---------------------------------------------------------------


def enter_akimat_booking(
    officer: Actor | AbstractBaseUser,
    booking: AkimatBookingInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> Booking:
    """The akimat's own official, cultural or sports event, or works, at a specialized place: entered with
    who and when, so a later 'place occupied' answer can be checked against the calendar as it stood."""
    actor = _as_actor(officer, Role.OFFICER)
    _require_aware(now, "now")
    _require_aware(booking.starts_at, "starts_at")
    _require_aware(booking.ends_at, "ends_at")
    if booking.ends_at <= booking.starts_at:
        raise InvalidInput(_("The end is after the start."), field="ends_at")
    if not booking.description.strip():
        raise InvalidInput(_("Describe the event or works."), field="description")
    day = local_day(booking.starts_at, actor.settlement)
    if registry_from_db().lookup_place(actor.settlement, booking.place_id, day).status != "in_force":
        raise InvalidInput(
            _("No specialized place or route with this id is in force on that day."), field="place_id"
        )

    def work() -> Outcome:
        created = Booking.objects.create(
            settlement=actor.settlement,
            place_id=booking.place_id,
            starts_at=booking.starts_at,
            ends_at=booking.ends_at,
            kind=booking.kind,
            description=booking.description.strip(),
            expected_participants=booking.expected_participants,
            received_at=now,
            entered_by_id=actor.user_id,
            entered_at=now,
        )
        return Outcome(booking_id=created.pk)

    outcome = _once(
        actor, key, "enter_akimat_booking", _fingerprint("enter_akimat_booking", booking), work, now
    )
    assert outcome.booking_id is not None
    return Booking.objects.get(pk=outcome.booking_id)


def release_akimat_booking(
    booking_id: int, officer: Actor | AbstractBaseUser, *, now: dt.datetime, key: str | None = None
) -> Booking:
    """The akimat's event is cancelled: the booking is released (kept, with who released it and when)."""
    actor = _as_actor(officer, Role.OFFICER)
    _require_aware(now, "now")

    def work() -> Outcome:
        try:
            booking = Booking.objects.select_for_update().get(
                pk=booking_id, settlement=actor.settlement, case__isnull=True
            )
        except Booking.DoesNotExist:
            raise NotFound(_("No such booking of the akimat.")) from None
        if booking.released_at is not None:
            raise InvalidTransition(_("This booking is already released."))
        booking.released_at = now
        booking.release_reason = "cancelled_by_akimat"
        booking.released_by_id = actor.user_id
        booking.save(update_fields=["released_at", "release_reason", "released_by"])
        return Outcome(booking_id=booking.pk)

    outcome = _once(actor, key, "release_akimat_booking", _fingerprint("release", booking_id), work, now)
    assert outcome.booking_id is not None
    return Booking.objects.get(pk=outcome.booking_id)


# --- accounts -----------------------------------------------------------------------------------------


def register_organizer(
    *, email: str, password: str, full_name: str, iin: str, birth_date: dt.date, phone: str = ""
) -> AbstractBaseUser:
    """An organizer's account (email + password; IIN and birth date on the profile)."""
    user_model = get_user_model()
    email = email.strip().lower()
    if not iin_valid(iin):
        raise InvalidInput(_("This is not a valid IIN (check digit or birth date)."), field="iin")
    try:
        validate_password(password)
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages), field="password", code="weak_password") from None
    with transaction.atomic():
        if user_model.objects.filter(username=email).exists():
            raise InvalidInput(_("An account with this e-mail exists."), field="email", code="email_taken")
        user = user_model.objects.create_user(username=email, email=email, password=password)
        Profile.objects.create(
            user=user,
            role=Role.ORGANIZER,
            full_name=full_name.strip(),
            iin=iin,
            birth_date=birth_date,
            phone=phone,
        )
    return user


def create_staff(
    *, email: str, password: str, role: str, settlement: str, full_name: str = ""
) -> AbstractBaseUser:
    """An akimat officer or a maslikhat editor of one settlement (editors use the admin site), or a monitor
    (any settlement: stored without one)."""
    if role not in (Role.OFFICER, Role.MASLIKHAT_EDITOR, Role.MONITOR):
        raise InvalidInput(_("Staff are akimat officers, maslikhat editors or monitors."), field="role")
    if role == Role.MONITOR:
        settlement = ""
    elif not is_known_settlement(settlement):
        raise InvalidInput(_("Unknown settlement."), field="settlement", code="unknown_settlement")
    user_model = get_user_model()
    email = email.strip().lower()
    with transaction.atomic():
        user = user_model.objects.create_user(
            username=email, email=email, password=password, is_staff=role == Role.MASLIKHAT_EDITOR
        )
        Profile.objects.create(user=user, role=role, settlement=settlement, full_name=full_name)
    return user


# --- API tokens ---------------------------------------------------------------------------------------


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def issue_token(
    *, email: str, password: str, now: dt.datetime, request: HttpRequest
) -> tuple[str, AbstractBaseUser]:
    """A new bearer token for the account; only its digest is kept. The request goes to authenticate() so
    that django-axes counts failed attempts here as on the sign-in page (and locks brute force out)."""
    from django.contrib.auth import authenticate

    user = authenticate(request, username=email.strip().lower(), password=password)
    if user is None or getattr(user, "profile", None) is None:
        raise Unauthenticated(_("Wrong e-mail or password."), code="invalid_credentials")
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, key_hash=token_digest(token), created_at=now)
    return token, user


def revoke_token(token: str, *, now: dt.datetime) -> None:
    ApiToken.objects.filter(key_hash=token_digest(token), revoked_at__isnull=True).update(revoked_at=now)
