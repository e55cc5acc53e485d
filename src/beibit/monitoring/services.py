"""The only place that writes monitoring records, their sources and sanctions, and their events.

Every public function runs in one `transaction.atomic()`, checks that the account is a monitor, locks the
record, makes the change and appends one event to the record's hash chain: who, when, what changed
(`changes`: each field's old and new value) and the whole record after the change (`state`). The chain is
built like the cases' (`beibit.cases.chain`: canonical JSON, SHA-256 over the fields and the previous hash,
a genesis value derived from the record id), so `verify` finds any event edited, removed or reordered, and
any record whose rows no longer match its last event.

Time is a parameter (`now`, aware), read from the clock only by the views and the API.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from beibit.cases import workflow as wf
from beibit.cases.actors import Actor, actor_of
from beibit.cases.batches import batched
from beibit.cases.chain import canonical_json
from beibit.cases.errors import InvalidInput, NotFound
from beibit.cases.models import Case, Role
from beibit.cases.moments import local_day
from beibit.law.model import FORMS
from beibit.law.sanctions import MciUnknown, convert_fine
from beibit.monitoring.models import (
    Appeal,
    Confidence,
    FineUnit,
    Held,
    MonitoringEvent,
    MonitoringRecord,
    Outcome,
    PersonRole,
    PoliceResponse,
    Sanction,
    SanctionBasis,
    SanctionKind,
    Source,
    TurnedViolent,
)
from beibit.places.settlements import is_known_settlement

HASH_VERSION = "beibit-monitoring-v1"
Count = Annotated[int, Field(ge=0, le=10_000_000)]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class MonitoringSourceInput(_Input):
    url: Annotated[str, Field(min_length=1, max_length=500)]
    outlet: Annotated[str, Field(min_length=1, max_length=200)]
    published_on: dt.date | None = None

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        from django.core.exceptions import ValidationError as DjangoValidationError
        from django.core.validators import URLValidator

        try:
            URLValidator(schemes=["http", "https"])(value)
        except DjangoValidationError:
            raise ValueError("an http or https address") from None
        return value


class MonitoringRecordInput(_Input):
    settlement: Annotated[str, Field(min_length=1, max_length=64)]
    event_date: dt.date
    form: Literal["", "picket", "meeting", "rally", "demonstration", "march"] = ""
    case_id: Annotated[int, Field(ge=1, le=2**62)] | None = None
    held: Literal["yes", "no", "unknown"] = "unknown"
    turned_violent: Literal["yes", "no", "unknown"] = "unknown"
    observed_size_low: Count | None = None
    observed_size_high: Count | None = None
    size_source: Annotated[str, Field(max_length=200)] = ""
    police_response: Literal["none", "dispersal", "detentions"] = "none"
    detentions: Count = 0
    preventive_detentions: Count = 0
    excessive_force: bool = False
    fatalities: Count = 0
    internet_disrupted: bool = False
    journalists_obstructed: bool = False
    pledges_or_warnings: bool = False
    notes: Annotated[str, Field(max_length=10_000)] = ""
    confidence: Literal["confirmed", "single_source", "unverified"] = "unverified"


class MonitoringSanctionInput(_Input):
    people: Annotated[int, Field(ge=1, le=100_000)] = 1
    person_role: Literal["participant", "organizer", "journalist", "other"] = "participant"
    kind: Literal["administrative", "criminal", "other"]
    article_part: Annotated[int, Field(ge=1, le=99)] | None = None
    other_article: Annotated[str, Field(max_length=200)] = ""
    basis: Literal["no_notice", "conduct", "other", "unknown"] = "unknown"
    for_acts_of_others: bool = False
    offence_date: dt.date | None = None  # default: the record's event date
    fine_amount: Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=4)] | None = None
    fine_unit: Literal["mci", "kzt"] | None = None
    arrest_days: Annotated[int, Field(ge=0, le=100_000)] | None = None
    court: Annotated[str, Field(max_length=200)] = ""
    decided_on: dt.date | None = None
    outcome: Literal["pending", "imposed", "warning", "dismissed", "acquitted"] = "pending"
    appeal: Literal["none", "pending", "upheld", "changed", "quashed"] = "none"


# The choices the inputs allow are the models' choices (a test keeps them in step).
CHOICES: dict[str, type[Any]] = {
    "held": Held,
    "turned_violent": TurnedViolent,
    "police_response": PoliceResponse,
    "confidence": Confidence,
    "person_role": PersonRole,
    "kind": SanctionKind,
    "basis": SanctionBasis,
    "fine_unit": FineUnit,
    "outcome": Outcome,
    "appeal": Appeal,
}
RECORD_FIELDS = (*(f for f in MonitoringRecordInput.model_fields if f != "case_id"), "case_id")


def parse(model: type[BaseModel], data: dict[str, Any]) -> Any:
    """An input model from plain data; the first problem as InvalidInput naming its field."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ())) or None
        raise InvalidInput(str(first.get("msg")), field=field) from None


# --- who acts -----------------------------------------------------------------------------------------


def monitor(user: AbstractBaseUser | Actor) -> Actor:
    """The acting monitor; Forbidden for any other role (organizers, officers and editors record nothing)."""
    if isinstance(user, Actor):
        if user.role != Role.MONITOR:
            return actor_of(user.user, Role.MONITOR)
        return user
    return actor_of(user, Role.MONITOR)


# --- the chain ----------------------------------------------------------------------------------------


def genesis_hash(record_id: int) -> str:
    return hashlib.sha256(f"{HASH_VERSION}:record:{record_id}".encode()).hexdigest()


def _instant(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def event_hash(
    *,
    record_id: int,
    seq: int,
    kind: str,
    payload_json: str,
    occurred_at: dt.datetime,
    actor_id: int | None,
    actor_role: str,
    prev_hash: str,
) -> str:
    material = canonical_json(
        [
            HASH_VERSION,
            record_id,
            seq,
            kind,
            payload_json,
            _instant(occurred_at),
            actor_id,
            actor_role,
            prev_hash,
        ]
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral_value() else str(value.normalize())
    return value


SANCTION_FIELDS = (
    "people",
    "person_role",
    "kind",
    "article_part",
    "other_article",
    "basis",
    "for_acts_of_others",
    "offence_date",
    "fine_amount",
    "fine_unit",
    "fine_mci",
    "fine_kzt",
    "mci_value",
    "fine_flagged",
    "arrest_days",
    "court",
    "decided_on",
    "outcome",
    "appeal",
)


def snapshot(record: MonitoringRecord) -> dict[str, Any]:
    """The whole record as plain JSON values: its fields, its sources and its sanctions."""
    state: dict[str, Any] = {f: _plain(getattr(record, f)) for f in RECORD_FIELDS}
    state["sources"] = {
        str(s.pk): {"url": s.url, "outlet": s.outlet, "published_on": _plain(s.published_on)}
        for s in Source.objects.filter(record=record).order_by("pk")
    }
    state["sanctions"] = {
        str(s.pk): {f: _plain(getattr(s, f)) for f in SANCTION_FIELDS}
        for s in Sanction.objects.filter(record=record).order_by("pk")
    }
    return state


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What changed: {field: [old, new]}; for sources and sanctions {id: [old, new]} (None: absent)."""
    changes: dict[str, Any] = {}
    for key in after.keys() | before.keys():
        old, new = before.get(key), after.get(key)
        if key in ("sources", "sanctions"):
            rows = {
                row: [(old or {}).get(row), (new or {}).get(row)]
                for row in (old or {}).keys() | (new or {}).keys()
                if (old or {}).get(row) != (new or {}).get(row)
            }
            if rows:
                changes[key] = rows
        elif old != new:
            changes[key] = [old, new]
    return changes


def _append(
    record: MonitoringRecord, kind: str, before: dict[str, Any], actor: Actor, now: dt.datetime
) -> MonitoringEvent:
    after = snapshot(record)
    payload_json = canonical_json({"changes": _diff(before, after), "state": after})
    seq = record.event_count + 1
    prev = record.last_event_hash or genesis_hash(record.pk)
    event = MonitoringEvent.objects.create(
        record=record,
        seq=seq,
        kind=kind,
        payload_json=payload_json,
        occurred_at=now,
        actor_id=actor.user_id,
        actor_role=actor.role,
        prev_hash=prev,
        hash=event_hash(
            record_id=record.pk,
            seq=seq,
            kind=kind,
            payload_json=payload_json,
            occurred_at=now,
            actor_id=actor.user_id,
            actor_role=actor.role,
            prev_hash=prev,
        ),
    )
    record.event_count = seq
    record.last_event_hash = event.hash
    record.updated_at = now
    record.save(update_fields=["event_count", "last_event_hash", "updated_at"])
    return event


# --- checks -------------------------------------------------------------------------------------------


def _require_aware(now: dt.datetime) -> None:
    if now.tzinfo is None:
        raise InvalidInput("now must be an aware date-time", field="now")


def _check_record(data: MonitoringRecordInput, now: dt.datetime) -> tuple[Case | None, str]:
    """The linked case (if any) and the form to store; InvalidInput naming the field at fault."""
    if not is_known_settlement(data.settlement):
        raise InvalidInput(_("Unknown settlement."), field="settlement", code="unknown_settlement")
    if data.event_date > local_day(now, data.settlement):
        raise InvalidInput(_("A record describes an assembly that has taken place."), field="event_date")
    if (
        data.observed_size_low is not None
        and data.observed_size_high is not None
        and data.observed_size_low > data.observed_size_high
    ):
        raise InvalidInput(_("The low estimate is above the high one."), field="observed_size_high")
    form: str = data.form
    case: Case | None = None
    if data.case_id is not None:
        case = Case.objects.filter(pk=data.case_id).exclude(status=wf.DRAFT).first()
        if case is None:
            raise InvalidInput(_("No filed case has this number."), field="case_id")
        if case.settlement != data.settlement:
            raise InvalidInput(_("This case is for another settlement."), field="case_id")
        form = form or case.form
    if form and form not in FORMS:
        raise InvalidInput(_("Unknown form."), field="form")
    return case, form


def _set_record(record: MonitoringRecord, data: MonitoringRecordInput, case: Case | None, form: str) -> None:
    for name in MonitoringRecordInput.model_fields:
        if name not in ("case_id", "form"):
            setattr(record, name, getattr(data, name))
    record.form = form
    record.case = case


def _fine_columns(data: MonitoringSanctionInput, offence_date: dt.date) -> dict[str, Any]:
    if data.fine_amount is None:
        if data.fine_unit is not None:
            raise InvalidInput(_("Give the amount of the fine."), field="fine_amount")
        empty = {"fine_amount": None, "fine_unit": "", "fine_mci": None, "fine_kzt": None}
        return {**empty, "mci_value": None, "fine_flagged": False}
    if data.fine_unit is None:
        raise InvalidInput(_("Say whether the fine is in MCI or in tenge."), field="fine_unit")
    try:
        fine = convert_fine(data.fine_amount, data.fine_unit, offence_date)
    except MciUnknown:
        raise InvalidInput(_("No MCI value is known for the offence date."), field="offence_date") from None
    return {
        "fine_amount": fine.amount,
        "fine_unit": fine.unit,
        "fine_mci": fine.in_mci,
        "fine_kzt": int(fine.in_kzt),
        "mci_value": fine.mci.value,
        "fine_flagged": fine.flagged,
    }


def _sanction_columns(record: MonitoringRecord, data: MonitoringSanctionInput) -> dict[str, Any]:
    if data.kind == "other" and not data.other_article:
        raise InvalidInput(_("Name the article for another kind of case."), field="other_article")
    offence_date = data.offence_date or record.event_date
    if data.decided_on is not None and data.decided_on < offence_date:
        raise InvalidInput(_("The decision cannot come before the offence."), field="decided_on")
    columns: dict[str, Any] = {
        "people": data.people,
        "person_role": data.person_role,
        "kind": data.kind,
        "article_part": data.article_part,
        "other_article": data.other_article if data.kind == "other" else "",
        "basis": data.basis,
        "for_acts_of_others": data.for_acts_of_others,
        "offence_date": offence_date,
        "arrest_days": data.arrest_days,
        "court": data.court,
        "decided_on": data.decided_on,
        "outcome": data.outcome,
        "appeal": data.appeal,
    }
    return {**columns, **_fine_columns(data, offence_date)}


def _lock(record_id: int) -> MonitoringRecord:
    record = MonitoringRecord.objects.select_for_update().filter(pk=record_id).first()
    if record is None:
        raise NotFound(_("No such monitoring record."))
    return record


# --- writes -------------------------------------------------------------------------------------------


def create_record(
    user: AbstractBaseUser | Actor,
    data: MonitoringRecordInput,
    *,
    now: dt.datetime,
    sources: Iterable[MonitoringSourceInput] = (),
    sanctions: Iterable[MonitoringSanctionInput] = (),
) -> MonitoringRecord:
    """A new record (with its first sources and sanctions), as one event `created`."""
    _require_aware(now)
    actor = monitor(user)
    case, form = _check_record(data, now)
    with transaction.atomic():
        record = MonitoringRecord(created_at=now, updated_at=now)
        _set_record(record, data, case, form)
        record.save()
        for source in sources:
            Source.objects.create(record=record, **source.model_dump())
        for sanction in sanctions:
            Sanction.objects.create(record=record, **_sanction_columns(record, sanction))
        _append(record, "created", {}, actor, now)
    return record


def update_record(
    record_id: int, user: AbstractBaseUser | Actor, data: MonitoringRecordInput, *, now: dt.datetime
) -> MonitoringRecord:
    _require_aware(now)
    actor = monitor(user)
    case, form = _check_record(data, now)
    with transaction.atomic():
        record = _lock(record_id)
        before = snapshot(record)
        _set_record(record, data, case, form)
        record.save()
        # Sanctions keep their own offence dates, and their fines stay converted on those dates.
        _append(record, "updated", before, actor, now)
    return record


def add_source(
    record_id: int, user: AbstractBaseUser | Actor, data: MonitoringSourceInput, *, now: dt.datetime
) -> Source:
    _require_aware(now)
    actor = monitor(user)
    with transaction.atomic():
        record = _lock(record_id)
        before = snapshot(record)
        source = Source.objects.create(record=record, **data.model_dump())
        _append(record, "source_added", before, actor, now)
    return source


def remove_source(
    record_id: int, source_id: int, user: AbstractBaseUser | Actor, *, now: dt.datetime
) -> None:
    _require_aware(now)
    actor = monitor(user)
    with transaction.atomic():
        record = _lock(record_id)
        source = Source.objects.filter(record=record, pk=source_id).first()
        if source is None:
            raise NotFound(_("No such source."))
        before = snapshot(record)
        source.delete()
        _append(record, "source_removed", before, actor, now)


def add_sanction(
    record_id: int, user: AbstractBaseUser | Actor, data: MonitoringSanctionInput, *, now: dt.datetime
) -> Sanction:
    _require_aware(now)
    actor = monitor(user)
    with transaction.atomic():
        record = _lock(record_id)
        columns = _sanction_columns(record, data)
        before = snapshot(record)
        sanction = Sanction.objects.create(record=record, **columns)
        _append(record, "sanction_added", before, actor, now)
    return sanction


def update_sanction(
    record_id: int,
    sanction_id: int,
    user: AbstractBaseUser | Actor,
    data: MonitoringSanctionInput,
    *,
    now: dt.datetime,
) -> Sanction:
    _require_aware(now)
    actor = monitor(user)
    with transaction.atomic():
        record = _lock(record_id)
        sanction = Sanction.objects.filter(record=record, pk=sanction_id).first()
        if sanction is None:
            raise NotFound(_("No such sanction."))
        columns = _sanction_columns(record, data)
        before = snapshot(record)
        for name, value in columns.items():
            setattr(sanction, name, value)
        sanction.save()
        _append(record, "sanction_updated", before, actor, now)
    return sanction


def remove_sanction(
    record_id: int, sanction_id: int, user: AbstractBaseUser | Actor, *, now: dt.datetime
) -> None:
    _require_aware(now)
    actor = monitor(user)
    with transaction.atomic():
        record = _lock(record_id)
        sanction = Sanction.objects.filter(record=record, pk=sanction_id).first()
        if sanction is None:
            raise NotFound(_("No such sanction."))
        before = snapshot(record)
        sanction.delete()
        _append(record, "sanction_removed", before, actor, now)


# --- audit --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    record_id: int
    seq: int | None
    message: str

    def __str__(self) -> str:
        where = f"record {self.record_id}" + (f" event #{self.seq}" if self.seq is not None else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Report:
    records: int
    events: int
    problems: tuple[Problem, ...]

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_record(record: MonitoringRecord, events: list[MonitoringEvent]) -> list[Problem]:
    problems: list[Problem] = []
    prev = genesis_hash(record.pk)
    for expected_seq, event in enumerate(events, start=1):
        if event.seq != expected_seq:
            problems.append(Problem(record.pk, event.seq, f"sequence broken: #{expected_seq} expected"))
            return problems
        if event.prev_hash != prev:
            problems.append(Problem(record.pk, event.seq, "does not link to the event before it"))
        recomputed = event_hash(
            record_id=record.pk,
            seq=event.seq,
            kind=event.kind,
            payload_json=event.payload_json,
            occurred_at=event.occurred_at,
            actor_id=event.actor_id,
            actor_role=event.actor_role,
            prev_hash=event.prev_hash,
        )
        if recomputed != event.hash:
            problems.append(Problem(record.pk, event.seq, "its content does not match its hash (edited)"))
        prev = event.hash
    if record.event_count != len(events):
        problems.append(
            Problem(record.pk, None, f"{record.event_count} events expected, {len(events)} found")
        )
    if not events:
        problems.append(Problem(record.pk, None, "a record without events"))
        return problems
    if record.last_event_hash != events[-1].hash:
        problems.append(Problem(record.pk, None, "the record's last hash is not its last event's"))
    if events[-1].payload.get("state") != snapshot(record):
        problems.append(Problem(record.pk, None, "the stored record differs from its last event"))
    return problems


def verify(record_ids: list[int] | None = None, *, batch: int = 500) -> Report:
    """Every record (or these), `batch` at a time: two statements per batch (the records, their events),
    never one per record nor a list of every id."""
    problems: list[Problem] = []
    records = total = 0
    for chunk in _record_batches(record_ids, batch):
        events: dict[int, list[MonitoringEvent]] = {r.pk: [] for r in chunk}
        for event in MonitoringEvent.objects.filter(record_id__in=list(events)).order_by("record_id", "seq"):
            events[event.record_id].append(event)
        for record in chunk:
            records += 1
            total += len(events[record.pk])
            problems += verify_record(record, events[record.pk])
    return Report(records, total, tuple(problems))


def _record_batches(record_ids: list[int] | None, size: int) -> Iterator[list[MonitoringRecord]]:
    if record_ids is not None:
        for ids in batched(sorted(set(record_ids)), size):
            yield list(MonitoringRecord.objects.filter(pk__in=ids).order_by("pk"))
        return
    after = 0
    while found := list(MonitoringRecord.objects.filter(pk__gt=after).order_by("pk")[:size]):
        yield found
        after = found[-1].pk
