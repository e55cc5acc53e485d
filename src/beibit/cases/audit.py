"""`beibit audit verify`: recompute every case's hash chain and fold, and report what does not match."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from beibit.cases import workflow as wf
from beibit.cases.batches import batched
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


def _with_events(cases: list[Case]) -> Iterator[tuple[Case, list[CaseEvent]]]:
    """Each case of a batch with its events, read in one statement for the batch."""
    events: dict[int, list[CaseEvent]] = {c.pk: [] for c in cases}
    for event in CaseEvent.objects.filter(case_id__in=list(events)).order_by("case_id", "seq"):
        events[event.case_id].append(event)
    for case in cases:
        yield case, events[case.pk]


def verify(case_ids: list[int] | None = None, *, batch: int = 500) -> Report:
    """Every case (or these), in batches of `batch` cases: one statement for the cases and one for their
    events per batch, never one per case and never a list of every id."""
    problems: list[Problem] = []
    total_cases = total_events = 0
    for cases in _batches(case_ids, batch):
        for case, events in _with_events(cases):
            total_cases += 1
            total_events += len(events)
            problems += verify_case(case, events)
    if case_ids is None:
        # Events of a case that no longer exists would be invisible above.
        orphans = (
            CaseEvent.objects.filter(~Exists(Case.objects.filter(pk=OuterRef("case_id"))))
            .order_by("case_id")
            .values_list("case_id", flat=True)
            .distinct()
        )
        problems += [Problem(case_id, None, "events without their case") for case_id in orphans]
    return Report(total_cases, total_events, tuple(problems))


def _batches(case_ids: list[int] | None, size: int) -> Iterator[list[Case]]:
    """The cases in id order, `size` at a time (keyset: each batch starts after the last id of the one
    before)."""
    if case_ids is not None:
        for chunk in batched(sorted(set(case_ids)), size):
            found = list(Case.objects.filter(pk__in=chunk).order_by("pk"))
            if found:
                yield found
        return
    after = 0
    while found := list(Case.objects.filter(pk__gt=after).order_by("pk")[:size]):
        yield found
        after = found[-1].pk
