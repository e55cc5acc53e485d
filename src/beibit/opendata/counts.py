"""Counts over the register and the monitoring records: filings, outcomes, grounds, refusals after a
proposal, silence, late decisions and sanctions, by settlement, form, ground and month.

Every assembly belongs to the month of its day (the planned day of a filing; the day a monitor recorded for an
assembly that was never filed), so a filing, its decision and what happened to it are counted together.
A refusal naming two grounds counts under each; the by-ground table also has a row for filed cases that were
not refused and one for assemblies never filed. Sanctions come only from the monitoring summaries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beibit.cases import queries
from beibit.cases import workflow as wf
from beibit.cases.models import Case
from beibit.law.model import FORMS as LAW_FORMS
from beibit.monitoring.summary import MonitoringSummary
from beibit.opendata.exports import Dataset

OUTCOMES = (
    "proceed",
    "proceed_restricted",
    "alternative_proposed",
    "refused",
    "deemed_agreed",
    "withdrawn",
    "pending",
)
CLOCK = ("refused_after_proposal", "deemed_agreed", "overdue", "late_decisions")
SANCTIONS = ("detained", "fined_count", "fine_mci", "fine_kzt", "admin_arrest_days")
MEASURES: tuple[str, ...] = (
    "filings",
    *OUTCOMES,
    "refused_after_proposal",
    "overdue",
    "late_decisions",
    "monitored",
    "held",
    *SANCTIONS,
)
DIMENSIONS = ("settlement", "form", "month", "ground")
NO_REFUSAL = "no_refusal"
UNFILED = "unfiled"
FORMS: tuple[str, ...] = LAW_FORMS  # Art 1: the forms the law knows


def _zero() -> dict[str, int | Decimal]:
    return {m: (Decimal(0) if m == "fine_mci" else 0) for m in MEASURES}


@dataclass
class Statistics:
    totals: dict[str, int | Decimal] = field(default_factory=_zero)
    tables: dict[str, dict[str, dict[str, int | Decimal]]] = field(
        default_factory=lambda: {d: {} for d in DIMENSIONS}
    )

    def add(self, keys: Mapping[str, Iterable[str]], counts: Mapping[str, int | Decimal]) -> None:
        for measure, value in counts.items():
            self.totals[measure] += value
        for dimension, values in keys.items():
            table = self.tables[dimension]
            for key in values:
                row = table.setdefault(key, _zero())
                for measure, value in counts.items():
                    row[measure] += value

    def rows(self, dimension: str) -> list[tuple[str, dict[str, int | Decimal]]]:
        table = self.tables[dimension]
        if dimension == "ground":
            grounds = sorted(
                (k for k in table if k.startswith("14.")), key=lambda g: int(g.rsplit(".", 1)[1])
            )
            order = [*grounds, *(k for k in (NO_REFUSAL, UNFILED) if k in table)]
        elif dimension == "form":
            order = sorted(table, key=lambda f: (FORMS.index(f) if f in FORMS else len(FORMS), f))
        else:
            order = sorted(table)
        return [(k, table[k]) for k in order]


def _sanctions(summary: MonitoringSummary | None) -> dict[str, int | Decimal]:
    if summary is None:
        return {}
    return {
        "monitored": 1,
        "held": 1 if summary.held == "yes" else 0,
        "detained": summary.detained,
        "fined_count": summary.fined_count,
        "fine_mci": summary.fine_mci,
        "fine_kzt": summary.fine_kzt,
        "admin_arrest_days": summary.admin_arrest_days,
    }


def _month(day: dt.date | str | None) -> str:
    if day is None:
        return "unknown"
    return (day.isoformat() if isinstance(day, dt.date) else day)[:7]


def case_counts(case: Case, summary: MonitoringSummary | None) -> dict[str, int | Decimal]:
    state = case.state
    outcome = queries._outcome(case, state) or "pending"
    counts: dict[str, int | Decimal] = {"filings": 1, outcome: 1}
    if outcome == "refused" and state.proposal is not None:
        counts["refused_after_proposal"] = 1
    if state.silence is not None and state.silence.kind == "overdue":
        counts["overdue"] = 1
    if any(d.late for d in state.decisions):
        counts["late_decisions"] = 1
    counts.update(_sanctions(summary))
    if summary is None or summary.held == "unknown":
        counts["held"] = 1 if state.held is not None else 0
    return counts


def compute(data: Dataset | Iterable[Dataset]) -> Statistics:
    """The counts over a dataset, or over `exports.datasets`' chunks one at a time (constant memory)."""
    stats = Statistics()
    for part in [data] if isinstance(data, Dataset) else data:
        _add(stats, part)
    return stats


def _add(stats: Statistics, data: Dataset) -> None:
    for case in data.cases:
        summary = data.summaries.get(case.pk)
        counts = case_counts(case, summary)
        decision = wf.latest_decision(case.state)
        refused = counts.get("refused") == 1 and decision is not None
        grounds = list(decision.grounds) if refused and decision is not None else [NO_REFUSAL]
        stats.add(
            {
                "settlement": [case.settlement],
                "form": [case.form],
                "month": [_month(case.assembly_day)],
                "ground": grounds,
            },
            counts,
        )
    for s in data.unlinked:
        stats.add(
            {
                "settlement": [s.settlement_id],
                "form": [s.form or "unknown"],
                "month": [_month(s.event_date)],
                "ground": [UNFILED],
            },
            _sanctions(s),
        )


def plain(value: int | Decimal) -> int | float:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def as_json(stats: Statistics) -> dict[str, Any]:
    return {
        "measures": list(MEASURES),
        "totals": {m: plain(v) for m, v in stats.totals.items()},
        "by": {
            d: [{"key": k, **{m: plain(v) for m, v in row.items()}} for k, row in stats.rows(d)]
            for d in DIMENSIONS
        },
    }
