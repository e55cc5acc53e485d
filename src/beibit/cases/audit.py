"""`beibit audit verify`: recompute every case's hash chain and fold, and report what does not match."""

from __future__ import annotations

from dataclasses import dataclass

from beibit.cases import workflow as wf
from beibit.cases.chain import canonical_json, event_hash, genesis_hash
from beibit.cases.models import Case, CaseEvent


@dataclass(frozen=True, slots=True)
class Problem:
    case_id: int
    seq: int | None
    message: str

    def __str__(self) -> str:
        where = f"case {self.case_id}" + (f" event #{self.seq}" if self.seq is not None else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Report:
    cases: int
    events: int
    problems: tuple[Problem, ...]

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_case(case: Case, events: list[CaseEvent]) -> list[Problem]:
    problems: list[Problem] = []
    prev = genesis_hash(case.pk)
    for expected_seq, event in enumerate(events, start=1):
        if event.seq != expected_seq:
            problems.append(Problem(case.pk, event.seq, f"sequence broken: #{expected_seq} expected"))
            return problems
        if event.prev_hash != prev:
            problems.append(Problem(case.pk, event.seq, "does not link to the event before it"))
        recomputed = event_hash(
            case_id=case.pk,
            seq=event.seq,
            kind=event.kind,
            payload_json=event.payload_json,
            effective_on=event.effective_on,
            occurred_at=event.occurred_at,
            actor_id=event.actor_id,
            actor_role=event.actor_role,
            idempotency_key=event.idempotency_key,
            prev_hash=event.prev_hash,
        )
        if recomputed != event.hash:
            problems.append(Problem(case.pk, event.seq, "its content does not match its hash (edited)"))
        prev = event.hash
    if case.event_count != len(events):
        problems.append(Problem(case.pk, None, f"{case.event_count} events expected, {len(events)} found"))
    if events and case.last_event_hash != events[-1].hash:
        problems.append(Problem(case.pk, None, "the case's last hash is not its last event's"))
    try:
        state = wf.fold_document(
            wf.EventRecord(e.seq, e.kind, e.payload, e.effective_on, e.occurred_at) for e in events
        )
    except (wf.CorruptLog, KeyError, TypeError, ValueError) as error:
        problems.append(Problem(case.pk, None, f"the events cannot be replayed: {error}"))
        return problems
    if canonical_json(state) != case.state_json:
        problems.append(Problem(case.pk, None, "the stored state differs from the replay of its events"))
    if state["status"] != case.status:
        problems.append(
            Problem(case.pk, None, f"status {case.status!r} but the events give {state['status']!r}")
        )
    return problems


def verify(case_ids: list[int] | None = None) -> Report:
    cases = Case.objects.order_by("pk")
    if case_ids is not None:
        cases = cases.filter(pk__in=case_ids)
    problems: list[Problem] = []
    total_events = 0
    known = set()
    for case in cases.iterator(chunk_size=500):
        known.add(case.pk)
        events = list(CaseEvent.objects.filter(case=case).order_by("seq"))
        total_events += len(events)
        problems += verify_case(case, events)
    if case_ids is None:
        # Events of a case that no longer exists would be invisible above.
        orphans = CaseEvent.objects.exclude(case_id__in=known).values_list("case_id", flat=True).distinct()
        problems += [Problem(case_id, None, "events without their case") for case_id in orphans]
    return Report(len(known), total_events, tuple(problems))
