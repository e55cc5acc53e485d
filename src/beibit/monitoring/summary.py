"""What the open data and the statistics read of the monitoring records: one summary per monitored event.

The interface between `beibit.monitoring` (which owns the records) and `beibit.opendata` (which exports and
counts them). Field names follow ../shared/contract/register-export.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from django.db.models import Prefetch, QuerySet

from beibit.cases.batches import batched
from beibit.cases.stored_rows import readable
from beibit.monitoring.models import MonitoringRecord, Sanction, Source
from beibit.monitoring.screening import publishable

Held = Literal["yes", "no", "unknown"]
StateResponse = Literal["none", "dispersal", "detentions", "fines", "arrests", "excessive_force"]
STATE_RESPONSES: tuple[StateResponse, ...] = (
    "none",
    "dispersal",
    "detentions",
    "fines",
    "arrests",
    "excessive_force",
)


@dataclass(frozen=True)
class SourceRef:
    url: str
    outlet: str
    published_on: dt.date | None


@dataclass(frozen=True)
class MonitoringSummary:
    record_id: int
    case_id: int | None  # None: an assembly that was never filed
    settlement_id: str
    event_date: dt.date
    form: str  # picket / meeting / rally / demonstration / march, or "" when not known
    held: Held
    observed_size_low: int | None
    observed_size_high: int | None
    size_source: str
    state_response: tuple[StateResponse, ...]  # ordered as in StateResponse; ("none",) when none
    detained: int
    preventive_detentions: int
    fined_count: int
    fine_mci: Decimal  # the sum of the fines in MCI (converted on each offence date when given in tenge)
    fine_kzt: int  # the sum of the fines in tenge
    admin_arrest_days: int
    criminal_cases: int
    fatalities: int
    internet_disrupted: bool
    journalists_obstructed: bool
    confidence: str
    sources: tuple[SourceRef, ...]
    notes: str
    standards_findings: tuple[str, ...]  # STD.* codes that the case's history decides
    updated_at: dt.datetime


def _state_response(record: MonitoringRecord, sanctions: list[Sanction]) -> tuple[StateResponse, ...]:
    from beibit.monitoring.history import in_force
    from beibit.monitoring.models import PoliceResponse

    found: set[StateResponse] = set()
    if record.police_response == PoliceResponse.DISPERSAL:
        found.add("dispersal")
    if (
        record.police_response == PoliceResponse.DETENTIONS
        or record.detentions
        or record.preventive_detentions
    ):
        found.add("detentions")
    for s in sanctions:
        if in_force(s) and s.fine_amount:
            found.add("fines")
        if in_force(s) and s.arrest_days:
            found.add("arrests")
    if record.excessive_force or record.fatalities:
        found.add("excessive_force")
    ordered = tuple(r for r in STATE_RESPONSES if r in found)
    return ordered or ("none",)


def summarize(record: MonitoringRecord) -> MonitoringSummary:
    """One record as the open data read it (its sources and sanctions prefetched or read here)."""
    from beibit.monitoring.history import findings_of, sums

    sanctions = list(record.sanctions.all())
    total = sums(record, sanctions)
    return MonitoringSummary(
        record_id=record.pk,
        case_id=record.case_id,
        settlement_id=record.settlement,
        event_date=record.event_date,
        form=record.form,
        held=record.held,  # type: ignore[arg-type]
        observed_size_low=record.observed_size_low,
        observed_size_high=record.observed_size_high,
        size_source=record.size_source if publishable(record.size_source) else "",
        state_response=_state_response(record, sanctions),
        detained=total.detained,
        preventive_detentions=total.preventive,
        fined_count=total.fined_count,
        fine_mci=total.fine_mci,
        fine_kzt=total.fine_kzt,
        admin_arrest_days=total.admin_arrest_days,
        criminal_cases=total.criminal_cases,
        fatalities=record.fatalities,
        internet_disrupted=record.internet_disrupted,
        journalists_obstructed=record.journalists_obstructed,
        confidence=record.confidence,
        sources=tuple(
            SourceRef(s.url, s.outlet, s.published_on)
            for s in record.sources.all()
            if publishable(f"{s.outlet} {s.url}")
        ),
        notes=record.notes,
        standards_findings=tuple(dict.fromkeys(f.code for f in findings_of(record, sanctions))),
        updated_at=record.updated_at,
    )


def _records() -> QuerySet[MonitoringRecord]:
    return MonitoringRecord.objects.select_related("case").prefetch_related(
        Prefetch("sanctions", queryset=Sanction.objects.order_by("pk")),
        Prefetch("sources", queryset=Source.objects.order_by("pk")),
    )


def summaries_for_cases(case_ids: Iterable[int]) -> dict[int, MonitoringSummary]:
    """The latest monitoring summary of each of these cases that has one."""
    latest: dict[int, MonitoringRecord] = {}
    for chunk in batched(case_ids):  # bounded statements, however many cases are asked for
        records = _records().filter(case_id__in=chunk).order_by("case_id", "event_date", "updated_at", "pk")
        for record in records:
            assert record.case_id is not None
            latest[record.case_id] = record  # ordered: the last one wins
    return {s.case_id: s for s in readable(latest.values(), summarize, "monitoring record") if s.case_id}


def unlinked_summaries(settlement_id: str | None = None) -> list[MonitoringSummary]:
    """Summaries of monitored assemblies that were never filed (no case)."""
    records = _records().filter(case__isnull=True)
    if settlement_id is not None:
        records = records.filter(settlement=settlement_id)
    return readable(records.order_by("event_date", "pk"), summarize, "monitoring record")
