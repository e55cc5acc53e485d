"""The kernel every case action stands on: append an event to a locked case (checked against the
transitions table, hash-chained, projection updated), the row locks, and idempotency (`once`).

Every public action runs its work through `once` in one `transaction.atomic()`, takes the case's row lock
(`select_for_update`) and appends its event(s) here; nothing else writes cases or events.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from beibit.cases import idempotency, signals
from beibit.cases import workflow as wf
from beibit.cases.actors import SYSTEM, Actor
from beibit.cases.chain import canonical_json, event_hash, genesis_hash
from beibit.cases.errors import InvalidInput, InvalidTransition, NotFound
from beibit.cases.models import Case, CaseEvent, IdempotencyRecord
from beibit.cases.moments import local_day
from beibit.law.model import PlannedAssembly
from beibit.law.sanctions import SPACE_TAKEN_GROUND


def _record(event: CaseEvent) -> wf.EventRecord:
    return wf.EventRecord(event.seq, event.kind, event.payload, event.effective_on, event.occurred_at)


def case_events(case: Case) -> list[CaseEvent]:
    return list(CaseEvent.objects.filter(case=case).order_by("seq"))


def _sync_columns(case: Case, document: dict[str, Any]) -> None:
    """Store the folded state document, and copy what queries filter and sort on into indexed columns."""
    case.state_json = canonical_json(document)
    state = case.state
    case.status = state.status
    if state.procedure:
        case.procedure = state.procedure
    case.registration_day = state.registration_day
    case.review_deadline = state.review_deadline
    case.last_filing_day = state.last_filing_day
    case.regime_id = state.regime_id or ""
    case.registration_number = state.registration_number or None
    case.submitted_at = state.submitted_at
    plan = state.plan
    if plan is not None:
        case.place_id = plan.place_id or ""
        case.starts_at = plan.starts_at
        case.ends_at = plan.ends_at
        case.assembly_day = local_day(plan.starts_at, case.settlement) if plan.starts_at else None
        case.expected_participants = plan.expected_participants
    proposal = state.proposal
    case.proposal_answer_deadline = (
        proposal.answer_deadline if proposal is not None and proposal.answer is None else None
    )
    case.unsent_answer_due = wf.unsent_answer_due(state)
    decision = state.latest_decision
    case.latest_decision = decision.decision if decision is not None else ""
    case.decision_names_place_taken = decision is not None and SPACE_TAKEN_GROUND in decision.grounds
    case.proposal_made = proposal is not None


#: A step's EDS (beibit.cases.signed): given the locked case and the event payload about to be appended, the
#: signature record to store with it in the payload, or an error that refuses the step.
Seal = Callable[[Case, dict[str, Any]], dict[str, Any]]
_SEALS: ContextVar[Mapping[str, Seal] | None] = ContextVar("beibit_seals", default=None)


def is_sealed(kind: str) -> bool:
    """Whether the event of `kind` that an action is about to append will carry a signature (an EDS over the
    step, `sealed`): a rule that needs a signed act asks before it records anything."""
    return kind in (_SEALS.get() or {})


@contextmanager
def sealed(kind: str, seal: Seal) -> Iterator[None]:
    """Within the block, the event of `kind` that a case action appends carries the record `seal` returns
    under "signature" (in the hash-chained payload); an error from `seal` refuses the whole step. The
    actions stay as they are: a signed step is the same step, sealed."""
    token = _SEALS.set({kind: seal})
    try:
        yield
    finally:
        _SEALS.reset(token)


def append(
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
    seal = (_SEALS.get() or {}).get(kind)
    if seal is not None:  # an EDS over this step (beibit.cases.signed): stored with it, or the step refused
        payload = {**payload, "signature": seal(case, dict(payload))}
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
    document = wf.empty_state() if seq == 1 else case.state_document
    wf.advance(document, _record(event))
    _sync_columns(case, document)
    case.event_count = seq
    case.last_event_hash = event.hash
    case.updated_at = now
    if save:
        case.save()
    # What the event causes is written in its transaction (the notifications' outbox).
    signals.event_appended.send(sender=Case, case=case, event=event, now=now)
    return event


def lock(case_id: int) -> Case:
    try:
        case = Case.objects.select_for_update().get(pk=case_id)
    except Case.DoesNotExist:
        raise NotFound(_("No such case.")) from None
    idempotency.recheck_after_lock()  # ADR 0012: a duplicate that waited for this lock gets the first result
    return case


def lock_own(case_id: int, organizer: Actor) -> Case:
    case = lock(case_id)
    if case.organizer_id != organizer.user_id:
        raise NotFound(_("No such case."))
    return case


def lock_for_akimat(case_id: int, officer: Actor) -> Case:
    case = lock(case_id)
    # An officer sees the filings made to the own akimat only; a draft is not filed yet.
    if case.settlement != officer.settlement or case.status == wf.DRAFT:
        raise NotFound(_("No such case."))
    return case


@dataclass(frozen=True, slots=True)
class Outcome:
    case_id: int | None = None
    event_seq: int | None = None
    booking_id: int | None = None
    #: The case as the work left it (not when a retry returns an earlier result): saves reading it again.
    case: Case | None = dataclasses.field(default=None, compare=False)


def fingerprint(operation: str, *parts: object) -> str:
    def plain(value: object) -> object:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.asdict(value)
        if isinstance(value, PlannedAssembly):
            return value.model_dump(mode="json")
        return value

    text = json.dumps([operation, *[plain(p) for p in parts]], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def once(
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
            with transaction.atomic(), idempotency.serving(actor.user_id, key, operation, fingerprint):
                if key:
                    earlier = idempotency.earlier_result(actor.user_id, key, operation, fingerprint)
                    if earlier is not None:
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
        except idempotency.AlreadyDone as done:
            # The same key's request committed while this one waited for the case lock: its result.
            return Outcome(done.record.case_id, done.record.event_seq, done.record.booking_id)
        except IntegrityError:
            # A concurrent request with the same key committed first; the next attempt returns its result.
            if not key or attempt:
                raise
    raise AssertionError("unreachable")


def event_by_seq(case_id: int, seq: int | None) -> CaseEvent:
    assert seq is not None  # every case step's outcome names its event
    return CaseEvent.objects.get(case_id=case_id, seq=seq)


def case_of(outcome: Outcome) -> Case:
    if outcome.case is not None:
        return outcome.case
    assert outcome.case_id is not None
    return Case.objects.get(pk=outcome.case_id)
