"""What anyone may use without an account: evaluations (as `beibit check`), the public register, the occupancy
calendar, the places of a settlement. Never personal data: no IIN, names, contacts or purpose text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Path, Query, Router
from pydantic import AwareDatetime

from beibit.api.common import ERRORS, now, places
from beibit.api.schemas import Identifier, OccupancyOut, RegimeId, RegisterOut, SettlementId, SettlementOut
from beibit.cases import queries
from beibit.cases.clock import CLOCK_RECHECK_SECONDS, apply_clock_on_read
from beibit.law.calendar import CalendarRangeError
from beibit.law.contract import InputError, parse_assembly
from beibit.law.evaluate import evaluate, translated
from beibit.law.messages import LANGUAGES
from beibit.law.regimes import REGIME_IDS, ParameterNotInForce
from beibit.opendata.cells import safe_cell
from beibit.places import entry_to_feature
from beibit.places.settlements import SETTLEMENTS, is_known_settlement
from beibit.registry.store import registry_from_db

router = Router(tags=["public"])

JSON_BODY = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/PlannedAssembly"}}}}
Lang = Literal["en", "kk", "ru"]
assert set(LANGUAGES) == {"en", "kk", "ru"}


def _known_settlement(value: str | None, field: str = "settlement") -> str | None:
    if value is not None and not is_known_settlement(value):
        raise InputError("unknown_settlement", field, f"unknown settlement '{value}'")
    return value


@router.post(
    "/evaluations",
    response={200: dict[str, Any], **ERRORS},
    summary="Evaluate a planned assembly (the same JSON as `beibit check`)",
    openapi_extra={
        "requestBody": {"required": True, **JSON_BODY},
        "responses": {
            200: {
                "description": "The evaluation (contract version 1), as `beibit check` prints it",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Evaluation"}}},
            }
        },
    },
)
def create_evaluation(
    request: HttpRequest,
    regime: Annotated[
        RegimeId | None, Query(description="a regime id; default: in force on the filing day")
    ] = None,
    as_of: Annotated[dt.date | None, Query(description="the day to evaluate on without a submission")] = None,
    lang: Lang = "en",
) -> HttpResponse:
    if regime is not None and regime not in REGIME_IDS:
        raise InputError(
            "unknown_regime", "regime", f"unknown regime '{regime}'; known: {', '.join(REGIME_IDS)}"
        )
    day = as_of or queries.local_today(now(), None)
    assembly = parse_assembly(request.body)
    try:
        evaluation = evaluate(assembly, regime=regime, as_of=day, registry=registry_from_db())
    except ParameterNotInForce as error:
        raise InputError("not_in_force", "submitted_at", str(error)) from None
    except CalendarRangeError as error:
        raise InputError("date_out_of_range", "starts_at", str(error)) from None
    except (ValueError, OverflowError) as error:  # dates past the calendar's last year
        raise InputError("date_out_of_range", "starts_at", str(error)) from None
    # Byte for byte what `beibit check` prints for the same input and --as-of (its line included).
    body = translated(evaluation, lang).model_dump_json() + "\n"
    return HttpResponse(body, content_type="application/json")


def _window(
    settlement: str | None, place: str | None, date_from: dt.date | None, date_to: dt.date | None
) -> queries.Window:
    _known_settlement(settlement)
    if date_from and date_to and date_to < date_from:
        raise InputError("invalid_range", "date_to", "date_to is before date_from")
    return queries.Window(settlement, place, date_from, date_to)


def _encode(body: dict[str, Any]) -> bytes:
    """The public lists are read most: their rows are plain JSON values already, so they are encoded once,
    without a second pass through the response schema (the tests check them against it)."""
    return json.dumps(body, ensure_ascii=False, default=str).encode()


def _json(body: dict[str, Any]) -> HttpResponse:
    return HttpResponse(_encode(body), content_type="application/json")


class PageCache:
    """Encoded pages of the public register, per process, keyed by the request and by the change mark (the
    id and hash of the latest case event: any change to any case appends an event). A page is rebuilt
    after RECHECK_SECONDS whatever the mark says, for the one change the mark can miss (an event committed
    after a later one with a higher id; `services.CLOCK_RECHECK_SECONDS`)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pages: OrderedDict[tuple[Any, ...], tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...], build: Callable[[], bytes]) -> bytes:
        with self._lock:
            found = self._pages.get(key)
            if found is not None and time.monotonic() - found[0] < CLOCK_RECHECK_SECONDS:
                self._pages.move_to_end(key)
                return found[1]
        built_at = time.monotonic()
        page = build()
        with self._lock:
            self._pages[key] = (built_at, page)
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)
        return page


_REGISTER_PAGES = PageCache(size=256)


def _csv(columns: tuple[str, ...], rows: list[list[Any]], name: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[v if not isinstance(v, str) else safe_cell(v) for v in row] for row in rows])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.csv"'
    return response


def _csv_or_json(schema: str) -> dict[str, Any]:
    return {
        "responses": {
            200: {
                "description": "JSON, or CSV with format=csv (one row per item; lists joined with ';')",
                "content": {
                    "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}},
                    "text/csv": {"schema": {"type": "string"}},
                },
            }
        }
    }


SettlementParam = Annotated[SettlementId | None, Query(description="a settlement id, e.g. almaty")]
PlaceParam = Annotated[Identifier | None, Query(description="a specialized place or route id")]
Format = Annotated[Literal["json", "csv"], Query(description="json (default) or csv")]
LimitParam = Annotated[int, Query(ge=1, le=500)]
OffsetParam = Annotated[int, Query(ge=0, le=1_000_000)]


@router.get(
    "/register",
    response={200: RegisterOut, **ERRORS},
    summary="The public register of filings and decisions (register-export.md)",
    openapi_extra=_csv_or_json("RegisterOut"),
)
def public_register(
    request: HttpRequest,
    settlement: SettlementParam = None,
    place: PlaceParam = None,
    date_from: Annotated[dt.date | None, Query(description="planned day on or after")] = None,
    date_to: Annotated[dt.date | None, Query(description="planned day on or before")] = None,
    format: Format = "json",
    limit: LimitParam = 100,
    offset: OffsetParam = 0,
) -> Any:
    window = _window(settlement, place, date_from, date_to)
    mark = apply_clock_on_read(now(), settlement=window.settlement)  # a read notices the silence first
    registry = places()
    if format == "csv":
        _, rows = queries.register(window, limit=limit, offset=offset, places=registry)
        return _csv(queries.REGISTER_CSV_COLUMNS, [queries.register_csv_row(r) for r in rows], "register")

    def page() -> bytes:
        total, rows = queries.register(window, limit=limit, offset=offset, places=registry)
        return _encode({"count": total, "limit": limit, "offset": offset, "items": rows})

    key = (window, limit, offset, get_language(), id(registry.registry), mark)
    return HttpResponse(_REGISTER_PAGES.get(key, page), content_type="application/json")


@router.get(
    "/occupancy",
    response={200: OccupancyOut, **ERRORS},
    summary="The occupancy calendar of specialized places (Art 8(3); CC 61-NP's four fields)",
    openapi_extra=_csv_or_json("OccupancyOut"),
)
def occupancy_calendar(
    request: HttpRequest,
    settlement: SettlementParam = None,
    place: PlaceParam = None,
    date_from: Annotated[dt.date | None, Query(description="a booking starting on or after")] = None,
    date_to: Annotated[dt.date | None, Query(description="a booking starting on or before")] = None,
    as_of: Annotated[
        AwareDatetime | None, Query(description="the calendar as it stood at this instant")
    ] = None,
    format: Format = "json",
    limit: LimitParam = 100,
    offset: OffsetParam = 0,
) -> Any:
    window = _window(settlement, place, date_from, date_to)
    if as_of is not None:
        # In UTC: a database keeps offsets within +-15:59 only, and the instant is what counts.
        try:
            as_of = as_of.astimezone(dt.UTC)
        except OverflowError:
            raise InputError("date_out_of_range", "as_of", "as_of is outside the calendar") from None
    apply_clock_on_read(now(), settlement=window.settlement)
    total, rows = queries.occupancy(window, as_of=as_of, limit=limit, offset=offset, places=places())
    if format == "csv":
        return _csv(
            queries.OCCUPANCY_CSV_COLUMNS,
            [["" if r[c] is None else r[c] for c in queries.OCCUPANCY_CSV_COLUMNS] for r in rows],
            "occupancy",
        )
    return _json({"count": total, "limit": limit, "offset": offset, "items": rows})


@router.get("/settlements", response={200: list[SettlementOut], **ERRORS}, summary="The settlements known")
def list_settlements(request: HttpRequest) -> list[dict[str, str]]:
    return [{"id": s.id, "name": s.en, "name_ru": s.ru, "zone": s.zone} for s in SETTLEMENTS]


@router.get(
    "/settlements/{settlement}/places",
    response={200: dict[str, Any], **ERRORS},
    summary="Specialized places, routes and picket-free objects in force on a day (GeoJSON)",
    openapi_extra={
        "responses": {
            200: {
                "description": "A GeoJSON FeatureCollection (RFC 7946); properties as in docs/registry.md",
                "content": {"application/geo+json": {"schema": {"type": "object"}}},
            }
        }
    },
)
def settlement_places(
    request: HttpRequest,
    settlement: Annotated[SettlementId, Path()],
    date: Annotated[dt.date | None, Query(description="the day; default: today")] = None,
) -> HttpResponse:
    if not is_known_settlement(settlement):
        raise InputError("unknown_settlement", "settlement", f"unknown settlement '{settlement}'")
    day = date or queries.local_today(now(), settlement)
    registry = registry_from_db()
    entries = registry.entries_in_force(settlement, day) if registry.has_data(settlement) else []
    collection = {
        "type": "FeatureCollection",
        "settlement": settlement,
        "date": day.isoformat(),
        "features": [entry_to_feature(e) for e in entries],
    }
    return HttpResponse(json.dumps(collection, ensure_ascii=False), content_type="application/geo+json")
