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

Held = Literal["yes", "no", "unknown"]
StateResponse = Literal["none", "dispersal", "detentions", "fines", "arrests", "excessive_force"]


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


def summaries_for_cases(case_ids: Iterable[int]) -> dict[int, MonitoringSummary]:
    """The latest monitoring summary of each of these cases that has one."""
    raise NotImplementedError


def unlinked_summaries(settlement_id: str | None = None) -> list[MonitoringSummary]:
    """Summaries of monitored assemblies that were never filed (no case)."""
    raise NotImplementedError
