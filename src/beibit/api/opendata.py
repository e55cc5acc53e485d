"""The open data through the API (/api/v1/open-data/): the register export as CSV, JSON and GeoJSON, the
ACLED-style view, the statistics and the law report of a settlement. Public, read-only, no personal data."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from typing import Annotated, Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import Path, Query, Router

from beibit.api.common import ERRORS, now, places
from beibit.api.schemas import SettlementId
from beibit.cases import queries
from beibit.cases.clock import apply_clock_on_read
from beibit.law.contract import InputError
from beibit.opendata import counts, exports, report
from beibit.operations import anchors
from beibit.places.settlements import is_known_settlement
from beibit.registry.store import registry_from_db

router = Router(tags=["open data"])

SettlementParam = Annotated[SettlementId | None, Query(description="only this settlement, e.g. almaty")]


def _settlement(value: str | None) -> str | None:
    if value is not None and not is_known_settlement(value):
        raise InputError("unknown_settlement", "settlement", f"unknown settlement '{value}'")
    return value


def _parts(settlement: str | None) -> Iterator[exports.Dataset]:
    """The export's cases a chunk at a time (constant memory), after the clock's read."""
    apply_clock_on_read(now(), settlement=settlement)  # a read notices the silence first
    return exports.datasets(settlement)


def _rows(parts: Iterable[exports.Dataset]) -> Iterator[dict[str, Any]]:
    registry = places()
    for data in parts:
        yield from exports.register_rows(data, registry)


def _stream(body: Iterator[str], content_type: str, name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse((text.encode() for text in body), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _file(body: str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _content(media: str, description: str, kind: str = "string") -> dict[str, Any]:
    return {"responses": {200: {"description": description, "content": {media: {"schema": {"type": kind}}}}}}


@router.get(
    "/register.csv",
    response={200: str, **ERRORS},
    summary="The register export as CSV (register-export.md; lists joined with ';', objects as JSON)",
    openapi_extra=_content("text/csv", "One row per filed case; the columns are the contract's fields"),
)
def register_csv(request: HttpRequest, settlement: SettlementParam = None) -> StreamingHttpResponse:
    rows = _rows(_parts(_settlement(settlement)))
    return _stream(exports.csv_lines(exports.FIELDS, rows), "text/csv; charset=utf-8", "beibit-register.csv")


@router.get(
    "/register.json",
    response={200: dict[str, Any], **ERRORS},
    summary="The register export as JSON (register-export.md)",
)
def register_json(request: HttpRequest, settlement: SettlementParam = None) -> StreamingHttpResponse:
    moment = now()
    rows = _rows(_parts(_settlement(settlement)))
    return _stream(exports.json_stream(rows, generated_at=moment), "application/json", "beibit-register.json")


@router.get(
    "/acled.csv",
    response={200: str, **ERRORS},
    summary="Held assemblies in the columns of the ACLED dataset (register-export.md, derived view)",
    openapi_extra=_content("text/csv", "One event per held assembly, filed or not"),
)
def acled_csv(request: HttpRequest, settlement: SettlementParam = None) -> StreamingHttpResponse:
    registry = places()
    events = (
        event
        for data in _parts(_settlement(settlement))
        for event in exports.acled_rows(data, exports.register_rows(data, registry))
    )
    return _stream(
        exports.csv_lines(exports.ACLED_FIELDS, events), "text/csv; charset=utf-8", "beibit-acled.csv"
    )


@router.get(
    "/register.geojson",
    response={200: dict[str, Any], **ERRORS},
    summary="Each case with a known place as a GeoJSON feature (point, or line for a route)",
    openapi_extra=_content(
        "application/geo+json", "A FeatureCollection (RFC 7946); properties are the export row", "object"
    ),
)
def register_geojson(request: HttpRequest, settlement: SettlementParam = None) -> StreamingHttpResponse:
    parts = _parts(_settlement(settlement))
    return _stream(exports.geojson_stream(parts, places()), "application/geo+json", "beibit-register.geojson")


@router.get(
    "/statistics",
    response={200: dict[str, Any], **ERRORS},
    summary="Filings, outcomes, grounds, silence, late decisions and sanctions by settlement, form, ground "
    "and "
    "month",
)
def statistics_json(request: HttpRequest, settlement: SettlementParam = None) -> HttpResponse:
    stats = counts.compute(_parts(_settlement(settlement)))
    return HttpResponse(
        json.dumps(counts.as_json(stats), ensure_ascii=False), content_type="application/json"
    )


def _report_json(figures: report.LawReport) -> dict[str, Any]:
    body = dataclasses.asdict(figures)
    body["capacities"] = {
        "sum": figures.capacity_sum,
        "smallest": figures.capacity_min,
        "largest": figures.capacity_max,
        "places_without_norm": figures.without_capacity,
    }
    body["buffers"] = {
        "smallest_m": figures.buffer_min,
        "largest_m": figures.buffer_max,
        "objects_without_known_boundary": figures.buffer_unknown,
    }
    share = figures.refusals.share_without_alternative
    body["refusals"]["share_without_alternative_percent"] = float(share) if share is not None else None
    body["principles"] = [
        dataclasses.asdict(p)
        for p in (
            report.PLACE_PUBLIC_SPACE,
            report.SIGHT_AND_SOUND,
            report.NO_PERIMETER_ZONES,
            report.NUMBERS,
            report.SIMULTANEOUS_COUNTER,
            report.JUSTIFY_LEAST_INTRUSIVE,
        )
    ]
    return body


@router.get(
    "/law-report/{settlement}",
    response={200: dict[str, Any], **ERRORS},
    summary="How a settlement's registry and practice measure on the place-related standards principles",
)
def law_report(request: HttpRequest, settlement: Annotated[SettlementId, Path()]) -> HttpResponse:
    _settlement(settlement)
    day = queries.local_today(now(), settlement)
    apply_clock_on_read(now(), settlement=settlement)
    figures = report.law_report(registry_from_db(), settlement, day)
    return HttpResponse(
        json.dumps(_report_json(figures), ensure_ascii=False, default=str), content_type="application/json"
    )


@router.get(
    "/chain-heads.json",
    response={200: dict[str, Any], **ERRORS},
    summary="The current head of every hash chain (case events, monitoring events, registry imports): keep "
    "a copy, and a later rewrite of the history before it shows (`beibit audit verify --heads`)",
)
def chain_heads(request: HttpRequest) -> HttpResponse:
    # Reading every chain's head costs a query over all events: each process answers from a copy at most a
    # minute old (its `anchored_at` says when it was read), so the endpoint cannot be used to load the
    # database.
    key = "beibit:open-data:chain-heads"
    body = cache.get(key)
    if not isinstance(body, str):
        body = json.dumps(anchors.heads_document(anchors.chain_heads(), now()), sort_keys=True)
        cache.set(key, body, timeout=60)
    return _file(body, "application/json", "beibit-chain-heads.json")
