"""The monitoring records over the API, at /api/v1/monitoring/: monitors list, create, read and update
records, their sanctions and sources (token auth); anyone reads the public summaries, which hold no personal
data (counts only; no notes, no accounts)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.params.functions import Path as path_param
from pydantic import Field

from beibit.api.auth import TokenAuth
from beibit.api.common import ERRORS, MAX_ID, now, user_of
from beibit.api.schemas import Out
from beibit.cases.actors import Actor
from beibit.cases.errors import NotFound
from beibit.monitoring import queries as monitoring_queries
from beibit.monitoring import services
from beibit.monitoring.history import findings_of, sums
from beibit.monitoring.models import MonitoringRecord
from beibit.monitoring.summary import MonitoringSummary, summaries_for_cases, unlinked_summaries

router = Router(tags=["monitoring"], auth=TokenAuth())

RecordId: Any = path_param(..., ge=1, le=MAX_ID)
SanctionId: Any = path_param(..., ge=1, le=MAX_ID)


class MonitoringSourceOut(Out):
    id: int
    url: str
    outlet: str
    published_on: dt.date | None


class MonitoringSanctionOut(Out):
    id: int
    people: int
    person_role: str
    kind: str
    article: str
    article_part: int | None
    other_article: str
    basis: str
    for_acts_of_others: bool
    offence_date: dt.date
    fine_amount: str | None = Field(description="as recorded, in fine_unit")
    fine_unit: str
    fine_mci: str | None = Field(description="converted with the MCI for fines on the offence date")
    fine_kzt: int | None
    mci_value: int | None
    fine_flagged: bool = Field(description="not a whole number of MCI: to be reviewed against the decision")
    arrest_days: int | None
    court: str
    decided_on: dt.date | None
    outcome: str
    appeal: str


class MonitoringFindingOut(Out):
    code: str
    severity: str
    act: str
    paragraph: int | None
    message: str


class MonitoringRecordOut(Out):
    id: int
    case_id: int | None
    settlement: str
    event_date: dt.date
    form: str
    held: str
    turned_violent: str
    observed_size_low: int | None
    observed_size_high: int | None
    size_source: str
    police_response: str
    detentions: int
    preventive_detentions: int
    excessive_force: bool
    fatalities: int
    internet_disrupted: bool
    journalists_obstructed: bool
    pledges_or_warnings: bool
    notes: str
    confidence: str
    sources: list[MonitoringSourceOut]
    sanctions: list[MonitoringSanctionOut]
    fine_mci: str
    fine_kzt: int
    standards_findings: list[MonitoringFindingOut]
    event_count: int
    last_event_hash: str
    updated_at: dt.datetime


class MonitoringRecordCreateIn(services.MonitoringRecordInput):
    sources: list[services.MonitoringSourceInput] = Field(default_factory=list, max_length=50)
    sanctions: list[services.MonitoringSanctionInput] = Field(default_factory=list, max_length=200)


class MonitoringPublicSourceOut(Out):
    url: str
    outlet: str
    published_on: dt.date | None


class MonitoringPublicSummaryOut(Out):
    """A monitored assembly as the open data publish it: no notes, no accounts, no person."""

    record_id: int
    case_id: int | None
    settlement_id: str
    event_date: dt.date
    form: str
    held: Literal["yes", "no", "unknown"]
    observed_size_low: int | None
    observed_size_high: int | None
    size_source: str
    state_response: list[str]
    detained: int
    preventive_detentions: int
    fined_count: int
    fine_mci: str
    fine_kzt: int
    admin_arrest_days: int
    criminal_cases: int
    fatalities: int
    internet_disrupted: bool
    journalists_obstructed: bool
    confidence: str
    sources: list[MonitoringPublicSourceOut]
    standards_findings: list[str]
    updated_at: dt.datetime


def _text(value: Any) -> str | None:
    return None if value is None else services._plain(value)


def record_out(record: MonitoringRecord) -> dict[str, Any]:
    sanctions = list(record.sanctions.order_by("pk"))
    total = sums(record, sanctions)
    data: dict[str, Any] = {name: getattr(record, name) for name in services.RECORD_FIELDS}
    data.update(
        id=record.pk,
        sources=[
            {"id": s.pk, "url": s.url, "outlet": s.outlet, "published_on": s.published_on}
            for s in record.sources.order_by("pk")
        ],
        sanctions=[
            {
                "id": s.pk,
                **{f: getattr(s, f) for f in services.SANCTION_FIELDS},
                "article": s.article_code,
                "fine_amount": _text(s.fine_amount),
                "fine_mci": _text(s.fine_mci),
            }
            for s in sanctions
        ],
        fine_mci=str(total.fine_mci),
        fine_kzt=total.fine_kzt,
        standards_findings=[
            {
                "code": f.code,
                "severity": f.severity,
                "act": f.citation.act,
                "paragraph": f.citation.paragraph,
                "message": f.message,
            }
            for f in findings_of(record, sanctions)
        ],
        event_count=record.event_count,
        last_event_hash=record.last_event_hash,
        updated_at=record.updated_at,
    )
    return data


def _monitor(request: HttpRequest) -> Actor:
    return services.monitor(user_of(request))


def _get(record_id: int) -> MonitoringRecord:
    record = monitoring_queries.record(record_id)
    if record is None:
        raise NotFound(_("No such monitoring record."))
    return record


@router.get(
    "/records", response={200: list[MonitoringRecordOut], **ERRORS}, summary="Monitoring records (monitors)"
)
def list_records(
    request: HttpRequest,
    settlement: Annotated[str | None, Query(max_length=64)] = None,
    case_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> list[dict[str, Any]]:
    _monitor(request)
    return [record_out(r) for r in monitoring_queries.records(settlement, case_id)]


@router.post(
    "/records", response={201: MonitoringRecordOut, **ERRORS}, summary="Record what happened at an assembly"
)
def create_record(request: HttpRequest, body: MonitoringRecordCreateIn) -> Any:
    actor = _monitor(request)
    data = services.MonitoringRecordInput(**body.model_dump(exclude={"sources", "sanctions"}))
    record = services.create_record(actor, data, now=now(), sources=body.sources, sanctions=body.sanctions)
    return Status(201, record_out(record))


@router.get(
    "/records/{record_id}", response={200: MonitoringRecordOut, **ERRORS}, summary="One monitoring record"
)
def read_record(request: HttpRequest, record_id: int = RecordId) -> dict[str, Any]:
    _monitor(request)
    return record_out(_get(record_id))


@router.put(
    "/records/{record_id}", response={200: MonitoringRecordOut, **ERRORS}, summary="Edit a monitoring record"
)
def update_record(
    request: HttpRequest, body: services.MonitoringRecordInput, record_id: int = RecordId
) -> dict[str, Any]:
    actor = _monitor(request)
    return record_out(services.update_record(record_id, actor, body, now=now()))


@router.post(
    "/records/{record_id}/sanctions", response={201: MonitoringRecordOut, **ERRORS}, summary="Add a sanction"
)
def add_sanction(
    request: HttpRequest, body: services.MonitoringSanctionInput, record_id: int = RecordId
) -> Any:
    actor = _monitor(request)
    services.add_sanction(record_id, actor, body, now=now())
    return Status(201, record_out(_get(record_id)))


@router.put(
    "/records/{record_id}/sanctions/{sanction_id}",
    response={200: MonitoringRecordOut, **ERRORS},
    summary="Edit a sanction",
)
def update_sanction(
    request: HttpRequest,
    body: services.MonitoringSanctionInput,
    record_id: int = RecordId,
    sanction_id: int = SanctionId,
) -> dict[str, Any]:
    actor = _monitor(request)
    services.update_sanction(record_id, sanction_id, actor, body, now=now())
    return record_out(_get(record_id))


@router.post(
    "/records/{record_id}/sources", response={201: MonitoringRecordOut, **ERRORS}, summary="Add a source"
)
def add_source(request: HttpRequest, body: services.MonitoringSourceInput, record_id: int = RecordId) -> Any:
    actor = _monitor(request)
    services.add_source(record_id, actor, body, now=now())
    return Status(201, record_out(_get(record_id)))


def public_out(summary: MonitoringSummary) -> dict[str, Any]:
    return {
        "record_id": summary.record_id,
        "case_id": summary.case_id,
        "settlement_id": summary.settlement_id,
        "event_date": summary.event_date,
        "form": summary.form,
        "held": summary.held,
        "observed_size_low": summary.observed_size_low,
        "observed_size_high": summary.observed_size_high,
        "size_source": summary.size_source,
        "state_response": list(summary.state_response),
        "detained": summary.detained,
        "preventive_detentions": summary.preventive_detentions,
        "fined_count": summary.fined_count,
        "fine_mci": str(summary.fine_mci),
        "fine_kzt": summary.fine_kzt,
        "admin_arrest_days": summary.admin_arrest_days,
        "criminal_cases": summary.criminal_cases,
        "fatalities": summary.fatalities,
        "internet_disrupted": summary.internet_disrupted,
        "journalists_obstructed": summary.journalists_obstructed,
        "confidence": summary.confidence,
        "sources": [
            {"url": s.url, "outlet": s.outlet, "published_on": s.published_on} for s in summary.sources
        ],
        "standards_findings": list(summary.standards_findings),
        "updated_at": summary.updated_at,
    }


@router.get(
    "/public",
    auth=None,
    response={200: list[MonitoringPublicSummaryOut], **ERRORS},
    summary="Monitored assemblies, public view (no personal data)",
)
def public_summaries(
    request: HttpRequest,
    settlement: Annotated[str | None, Query(max_length=64)] = None,
) -> list[dict[str, Any]]:
    case_ids = monitoring_queries.monitored_case_ids(settlement)
    summaries = [*summaries_for_cases(case_ids).values(), *unlinked_summaries(settlement or None)]
    summaries.sort(key=lambda s: (s.event_date, s.record_id))
    return [public_out(s) for s in summaries]
