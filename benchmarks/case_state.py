"""Benchmark of the typed case state (issue 12): what reading a stored state costs now that it is typed.

Side by side in one run, on one stored state document (a notification proposed, delivered, agreed and
appealed: the records a register row reads):
- document: `json.loads(state_json)`, all that reading the state cost before (a dict of ISO strings);
- typed:    `json.loads` and `CaseState.load`, what `Case.state` costs now (once per stored document;
            the model keeps it for the next read);
- row:      the typed state's register row text (`RegisterEntry.record()` of the typed values), the part of
            `queries.register_row` that changed, without the database and the registry lookup.

Each figure is the median of `--runs` rounds of `--reads` reads, in microseconds per read; the ratio is
typed / document. No database: the document is built by the fold itself (`workflow.fold_document`).

Run: `python benchmarks/case_state.py [--runs 7] [--reads 2000]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from beibit.cases import workflow as wf
from beibit.cases.read_models import AppealRef, RegisterEntry
from beibit.cases.state import CaseState

TZ = dt.timezone(dt.timedelta(hours=5))


def _event(seq: int, kind: str, day: int, **payload: Any) -> wf.EventRecord:
    moment = dt.datetime(2026, 3, day, 10, seq, tzinfo=TZ)
    return wf.EventRecord(seq, kind, payload, moment.date(), moment)


def state_json() -> str:
    plan = {"specialized_place_id": "almaty-gandhi-park", "point": None}
    assembly = {
        "form": "rally",
        "settlement": "almaty",
        "place": plan,
        "starts_at": "2026-04-02T11:00:00+05:00",
        "ends_at": "2026-04-02T13:00:00+05:00",
        "expected_participants": 120,
        "submitted_at": "2026-03-20T10:00:00+05:00",
        "channel": "e_document",
        "organizer": {"kind": "citizen"},
        "equipment": {"sound_amplification": False, "structures": False},
    }
    new_plan = {"starts_at": "2026-04-02T14:00:00+05:00", "ends_at": "2026-04-02T16:00:00+05:00"}
    events = [
        _event(1, "drafted", 20, assembly=assembly, procedure="notification"),
        _event(2, "submitted", 20, assembly=assembly),
        _event(
            3,
            "registered",
            20,
            registration_day="2026-03-20",
            review_deadline="2026-03-30",
            last_filing_day="2026-03-26",
            filed_in_time=True,
            regime_id="kz-333-vi",
            procedure="notification",
            silence_effect="proceed_as_notified",
        ),
        _event(4, "evaluated", 20, evaluation={"refusal_grounds": []}),
        _event(
            5,
            "decision_recorded",
            26,
            decision="propose",
            grounds=[],
            reasons="The park hosts the city day at that time.",
            proposal={"new_plan": new_plan, "note": "Three hours later"},
            decided_at="2026-03-26T10:00:00+05:00",
            decided_on="2026-03-26",
            due_on="2026-03-30",
            late=False,
        ),
        _event(
            6,
            "delivered",
            26,
            decision_seq=5,
            channel="hand",
            sent_at="2026-03-26T11:00:00+05:00",
            sent_on="2026-03-26",
            received_on="2026-03-26",
            registered_mail=None,
            answer_deadline="2026-03-27",
        ),
        _event(7, "proposal_answered", 26, agree=True, answered_on="2026-03-26", new_plan=new_plan),
        _event(8, "appealed", 27, body="higher_body", filed_on="2026-03-27", appeal_deadline="2026-06-26"),
    ]
    return json.dumps(wf.fold_document(events))


def row_text(state: CaseState) -> dict[str, Any]:
    plan, decision, proposal = state.plan, state.latest_decision, state.proposal
    appeal = state.appeals[-1] if state.appeals else None
    return RegisterEntry(
        case_id=1,
        akimat="Akimat of Almaty",
        settlement_id="almaty",
        admin1="Almaty",
        admin2="Almaty",
        location=plan.place_id if plan else None,
        location_name=None,
        lat=None,
        lon=None,
        geo_precision="specialized_place",
        form="rally",
        procedure="notification",
        organizer_kind=state.organizer_kind,
        planned_start=plan.starts_at if plan else None,
        planned_end=plan.ends_at if plan else None,
        expected_participants=plan.expected_participants if plan else None,
        submitted_at=state.submitted_at,
        registration_day=state.registration_day,
        last_filing_day=state.last_filing_day,
        review_deadline=state.review_deadline,
        decided_at=decision.decided_at if decision else None,
        decision_late=decision.late if decision else None,
        outcome="alternative_proposed",
        status=state.status,
        grounds=decision.grounds if decision else (),
        alternative_place=None,
        alternative_start=proposal.new_starts_at if proposal else None,
        alternative_end=proposal.new_ends_at if proposal else None,
        organizer_response="agreed",
        held="unknown",
        state_response=(),
        appeal=AppealRef(appeal.body, appeal.filed_on, appeal.decided_on, appeal.outcome) if appeal else None,
        updated_at=state.updated_at,
    ).record()


def median_us(work: Callable[[], object], reads: int, runs: int) -> float:
    rounds = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(reads):
            work()
        rounds.append((time.perf_counter() - start) / reads * 1e6)
    return statistics.median(rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--reads", type=int, default=2000)
    args = parser.parse_args()
    text = state_json()
    typed = CaseState.load(json.loads(text))
    document = median_us(lambda: json.loads(text), args.reads, args.runs)
    loaded = median_us(lambda: CaseState.load(json.loads(text)), args.reads, args.runs)
    row = median_us(lambda: row_text(typed), args.reads, args.runs)
    print(f"state document: {len(text)} bytes; {args.runs} rounds of {args.reads} reads; medians in µs/read")
    print(f"document (json.loads)          {document:8.1f}")
    print(f"typed (json.loads + load)      {loaded:8.1f}   ratio {loaded / document:.2f}")
    print(f"register row text from typed   {row:8.1f}")


if __name__ == "__main__":
    main()
