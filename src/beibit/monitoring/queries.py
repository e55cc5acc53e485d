"""Monitoring's reads for the API (issue 12: handlers read through queries, never a model manager)."""

from __future__ import annotations

from beibit.monitoring.models import MonitoringRecord

#: How many records the monitors' list returns at most (latest event first).
RECORD_LIST_LIMIT = 500


def record(record_id: int) -> MonitoringRecord | None:
    """The monitoring record with this id, or None."""
    return MonitoringRecord.objects.filter(pk=record_id).first()


def records(settlement: str | None = None, case_id: int | None = None) -> list[MonitoringRecord]:
    """The records, latest event first, narrowed to a settlement and/or a case when given."""
    found = MonitoringRecord.objects.order_by("-event_date", "-pk")
    if settlement:
        found = found.filter(settlement=settlement)
    if case_id:
        found = found.filter(case_id=case_id)
    return list(found[:RECORD_LIST_LIMIT])


def monitored_case_ids(settlement: str | None = None) -> set[int]:
    """The ids of the cases some monitoring record is linked to, in one settlement when given."""
    linked = MonitoringRecord.objects.filter(case__isnull=False)
    if settlement:
        linked = linked.filter(settlement=settlement)
    return {case_id for case_id in linked.values_list("case_id", flat=True) if case_id is not None}
