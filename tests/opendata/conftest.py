"""Open-data fixtures: the shared accounts and cases, and fakes of the two monitoring read functions
(`summaries_for_cases`, `unlinked_summaries`): the tests depend only on the `MonitoringSummary` dataclass."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest

from beibit.monitoring import summary as monitoring
from beibit.monitoring.summary import MonitoringSummary, SourceRef
from tests.cases.fixtures import *  # noqa: F403 - the shared fixtures (accounts, registry, cases)


def summary(**changes: Any) -> MonitoringSummary:
    data: dict[str, Any] = {
        "record_id": 1,
        "case_id": None,
        "settlement_id": "almaty",
        "event_date": dt.date(2026, 4, 15),
        "form": "rally",
        "held": "yes",
        "observed_size_low": None,
        "observed_size_high": None,
        "size_source": "",
        "state_response": ("none",),
        "detained": 0,
        "preventive_detentions": 0,
        "fined_count": 0,
        "fine_mci": Decimal(0),
        "fine_kzt": 0,
        "admin_arrest_days": 0,
        "criminal_cases": 0,
        "fatalities": 0,
        "internet_disrupted": False,
        "journalists_obstructed": False,
        "confidence": "confirmed",
        "sources": (SourceRef("https://example.org/news/1", "Example News", dt.date(2026, 4, 16)),),
        "notes": "",
        "standards_findings": (),
        "updated_at": dt.datetime(2026, 4, 16, 9, tzinfo=dt.UTC),
    }
    data.update(changes)
    return MonitoringSummary(**data)


@dataclass
class FakeMonitoring:
    linked: list[MonitoringSummary] = field(default_factory=list)
    unlinked: list[MonitoringSummary] = field(default_factory=list)

    def summaries_for_cases(self, case_ids: Iterable[int]) -> dict[int, MonitoringSummary]:
        ids = set(case_ids)
        return {s.case_id: s for s in self.linked if s.case_id is not None and s.case_id in ids}

    def unlinked_summaries(self, settlement_id: str | None = None) -> list[MonitoringSummary]:
        return [s for s in self.unlinked if settlement_id is None or s.settlement_id == settlement_id]


@pytest.fixture
def monitored(monkeypatch: pytest.MonkeyPatch) -> FakeMonitoring:
    fake = FakeMonitoring()
    monkeypatch.setattr(monitoring, "summaries_for_cases", fake.summaries_for_cases)
    monkeypatch.setattr(monitoring, "unlinked_summaries", fake.unlinked_summaries)
    return fake
