"""The open-data export of the register (../shared/contract/register-export.md): one row per filed case with
exactly the contract's fields, the derived ACLED-style view of held events, and GeoJSON of the places.

A row starts from what the public register already shows (`beibit.cases.queries.register_row`), adds what
the monitors recorded (only through `beibit.monitoring.summary`), and the two texts the organizer agreed to
publish (`PublicationConsent`). Personal data never appear: no IIN, no person's name, no contacts, none of
the monitors' free-text notes. Nothing here writes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from shapely.geometry import mapping

from beibit.cases import queries
from beibit.cases.batches import batched
from beibit.cases.models import Case, CaseEvent
from beibit.cases.state import CaseState
from beibit.monitoring import summary as monitoring
from beibit.monitoring.summary import STATE_RESPONSES, MonitoringSummary
from beibit.opendata.cells import safe_cell
from beibit.opendata.models import PublicationConsent
from beibit.places.settlements import get_settlement, is_known_settlement

#: The contract's fields, in its order (register-export.md). Field names are part of the contract.
FIELDS: tuple[str, ...] = (
    "case_id",
    "akimat",
    "settlement_id",
    "admin1",
    "admin2",
    "location",
    "lat",
    "lon",
    "geo_precision",
    "form",
    "procedure",
    "purpose_tag",
    "purpose_text",
    "organizer_kind",
    "organizer_group",
    "planned_start",
    "planned_end",
    "expected_participants",
    "submitted_at",
    "registration_day",
    "last_filing_day",
    "review_deadline",
    "decided_at",
    "outcome",
    "grounds",
    "alternative_place",
    "alternative_time",
    "organizer_response",
    "held",
    "observed_size_low",
    "observed_size_high",
    "size_source",
    "state_response",
    "detained",
    "fined_count",
    "fine_mci",
    "fine_kzt",
    "admin_arrest_days",
    "appeal",
    "standards_findings",
    "sources",
    "notes",
    "updated_at",
)
#: Lists of codes: joined with ";" in the CSV (no code contains one).
CODE_LISTS = frozenset({"purpose_tag", "grounds", "state_response", "standards_findings"})
#: Objects and lists of objects: a JSON text in the CSV cell.
JSON_CELLS = frozenset({"appeal", "sources"})
LIST_SEPARATOR = ";"

#: The grounds marker of a refusal that came after another place or time was offered (CC 61-NP).
ALTERNATIVE_OFFERED = "cc61np_alternative_offered"

ACLED_FIELDS: tuple[str, ...] = (
    "event_id",
    "case_id",
    "event_date",
    "year",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
ACLED_ACTOR = "Protesters (Kazakhstan)"
PEACEFUL = "Peaceful protest"
INTERVENTION = "Protest with intervention"
EXCESSIVE_FORCE = "Excessive force against protesters"


def sub_event_type(state_response: Iterable[str]) -> str:
    """ACLED's sub-event type from the state's response: excessive force wins; a dispersal or detentions at
    the event are an intervention; fines and arrest sentences come later from courts and leave a protest
    peaceful in ACLED's sense."""
    found = set(state_response)
    if "excessive_force" in found:
        return EXCESSIVE_FORCE
    if found & {"dispersal", "detentions"}:
        return INTERVENTION
    return PEACEFUL


# --- consent and the filed texts --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Published:
    """What the organizer agreed to publish of one case."""

    purpose_text: str | None
    organizer_group: str | None


def _purposes(case_ids: Sequence[int]) -> dict[int, str]:
    texts: dict[int, str] = {}
    for chunk in batched(case_ids):
        events = CaseEvent.objects.filter(case_id__in=chunk, kind="submitted").values_list(
            "case_id", "payload_json"
        )
        for case_id, payload in events.order_by():
            purpose = (json.loads(payload).get("assembly") or {}).get("purpose")
            if purpose:
                texts[case_id] = str(purpose).strip()
    return texts


def published(case_ids: Sequence[int]) -> dict[int, Published]:
    """The purpose text and the group name, only where the organizer's consent to publish them stands."""
    consents = {
        c.case_id: c
        for chunk in batched(case_ids)
        for c in PublicationConsent.objects.filter(case_id__in=chunk)
    }
    if not consents:
        return {}
    purposes = _purposes([cid for cid, c in consents.items() if c.publish_purpose])
    return {
        case_id: Published(
            purposes.get(case_id) if consent.publish_purpose else None,
            consent.group_name.strip() or None,
        )
        for case_id, consent in consents.items()
    }


# --- one row per case -------------------------------------------------------------------------------------


def _ordered(responses: Iterable[str]) -> list[str]:
    found = set(responses)
    if found - {"none"}:
        found.discard("none")
    return [r for r in STATE_RESPONSES if r in found]


def _grounds(row: Mapping[str, Any], state: CaseState) -> list[str]:
    grounds = list(row["grounds"])
    if row["outcome"] == "refused" and state.proposal is not None:
        grounds.append(ALTERNATIVE_OFFERED)
    return grounds


def _notes(s: MonitoringSummary) -> str:
    """Provenance from the monitors' structured facts (their free-text notes may name people: left out)."""
    parts = [f"confidence={s.confidence}"] if s.confidence else []
    if s.preventive_detentions:
        parts.append(f"preventive_detentions={s.preventive_detentions}")
    if s.criminal_cases:
        parts.append(f"criminal_cases={s.criminal_cases}")
    if s.internet_disrupted:
        parts.append("internet_disrupted")
    if s.journalists_obstructed:
        parts.append("journalists_obstructed")
    return "; ".join(parts)


def _sources(s: MonitoringSummary) -> list[dict[str, Any]]:
    return [
        {
            "url": src.url,
            "outlet": src.outlet,
            "published_on": src.published_on.isoformat() if src.published_on else None,
        }
        for src in s.sources
    ]


def _iso(moment: dt.datetime | str | None) -> str | None:
    if moment is None:
        return None
    if isinstance(moment, str):
        return moment
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def export_row(
    case: Case,
    places: queries.Places,
    summary: MonitoringSummary | None,
    consent: Published | None,
) -> dict[str, Any]:
    """One case as the contract's row."""
    base = queries.register_row(case, places)
    state = case.state
    held_record = state.held or {}
    row: dict[str, Any] = {
        "case_id": base["case_id"],
        "akimat": base["akimat"],
        "settlement_id": base["settlement_id"],
        "admin1": base["admin1"],
        "admin2": base["admin2"],
        "location": base["location"] or base["admin2"],
        "lat": base["lat"],
        "lon": base["lon"],
        "geo_precision": base["geo_precision"],
        "form": base["form"],
        "procedure": base["procedure"],
        "purpose_tag": [],  # the filings carry no issue tags: no controlled list exists yet
        "purpose_text": consent.purpose_text if consent else None,
        "organizer_kind": base["organizer_kind"],
        "organizer_group": consent.organizer_group if consent else None,
        "planned_start": base["planned_start"],
        "planned_end": base["planned_end"],
        "expected_participants": base["expected_participants"],
        "submitted_at": base["submitted_at"],
        "registration_day": base["registration_day"],
        "last_filing_day": base["last_filing_day"],
        "review_deadline": base["review_deadline"],
        "decided_at": base["decided_at"],
        "outcome": base["outcome"],
        "grounds": _grounds(base, state),
        "alternative_place": base["alternative_place"],
        "alternative_time": base["alternative_time"],
        "organizer_response": base["organizer_response"],
        "held": base["held"],
        "observed_size_low": held_record.get("observed_participants_low"),
        "observed_size_high": held_record.get("observed_participants_high"),
        "size_source": "akimat" if held_record.get("observed_participants_low") is not None else None,
        "state_response": _ordered(base["state_response"]),
        "detained": None,
        "fined_count": None,
        "fine_mci": None,
        "fine_kzt": None,
        "admin_arrest_days": None,
        "appeal": base["appeal"],
        "standards_findings": [],
        "sources": [],
        "notes": None,
        "updated_at": base["updated_at"],
    }
    if summary is not None:
        if summary.held != "unknown":
            row["held"] = summary.held
        if summary.observed_size_low is not None or summary.observed_size_high is not None:
            row["observed_size_low"] = summary.observed_size_low
            row["observed_size_high"] = summary.observed_size_high
            row["size_source"] = summary.size_source or "monitor"
        row["state_response"] = _ordered([*base["state_response"], *summary.state_response])
        row["detained"] = summary.detained
        row["fined_count"] = summary.fined_count
        row["fine_mci"] = summary.fine_mci
        row["fine_kzt"] = summary.fine_kzt
        row["admin_arrest_days"] = summary.admin_arrest_days
        row["standards_findings"] = list(summary.standards_findings)
        row["sources"] = _sources(summary)
        row["notes"] = _notes(summary) or None
        row["updated_at"] = max(
            (v for v in (_iso(base["updated_at"]), _iso(summary.updated_at)) if v), default=None
        )
    return row


def filed_cases(settlement: str | None = None) -> QuerySet[Case]:
    """Filed cases (never drafts), oldest first: the stable order of the files."""
    cases = Case.objects.filter(submitted_at__isnull=False)
    if settlement:
        cases = cases.filter(settlement=settlement)
    return cases.order_by("pk")


@dataclass(frozen=True, slots=True)
class Dataset:
    """The cases with their monitoring summaries and consents, read once for an export or the statistics."""

    cases: list[Case]
    summaries: dict[int, MonitoringSummary]
    unlinked: list[MonitoringSummary]
    consents: dict[int, Published]


def dataset(settlement: str | None = None) -> Dataset:
    cases = list(filed_cases(settlement))
    ids = [c.pk for c in cases]
    return Dataset(
        cases=cases,
        summaries=monitoring.summaries_for_cases(ids),
        unlinked=list(monitoring.unlinked_summaries(settlement)),
        consents=published(ids),
    )


#: Cases read at once by the streaming exports: the memory of a request is bounded by this, not the archive.
CHUNK = 500


def datasets(settlement: str | None = None, *, chunk: int = CHUNK) -> Iterator[Dataset]:
    """`dataset`, `chunk` cases at a time in id order (keyset: each read starts after the last id of the one
    before), each with its summaries and consents; the summaries of unfiled assemblies come with the last.
    Cases filed while the export runs are included when their id comes after the rows already read."""
    cases = filed_cases(settlement)
    after = 0
    while True:
        batch = list(cases.filter(pk__gt=after)[:chunk])
        ids = [c.pk for c in batch]
        last = len(batch) < chunk
        yield Dataset(
            cases=batch,
            summaries=monitoring.summaries_for_cases(ids) if ids else {},
            unlinked=list(monitoring.unlinked_summaries(settlement)) if last else [],
            consents=published(ids) if ids else {},
        )
        if last:
            return
        after = ids[-1]


def register_rows(data: Dataset, places: queries.Places) -> list[dict[str, Any]]:
    return [
        export_row(case, places, data.summaries.get(case.pk), data.consents.get(case.pk))
        for case in data.cases
    ]


# --- encodings --------------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def to_json_value(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in row.items()}


def json_document(rows: Iterable[Mapping[str, Any]], *, generated_at: dt.datetime) -> str:
    items = [to_json_value(r) for r in rows]
    body = {
        "generated_at": _iso(generated_at),
        "fields": list(FIELDS),
        "count": len(items),
        "items": items,
    }
    return json.dumps(body, ensure_ascii=False, default=str)


def csv_cell(field: str, value: Any) -> str:
    return safe_cell(_csv_text_of(field, value))


def _csv_text_of(field: str, value: Any) -> str:
    if value is None:
        return ""
    if field in CODE_LISTS:
        return LIST_SEPARATOR.join(str(v) for v in value)
    if field in JSON_CELLS:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str) if value else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(_plain(value))


def csv_lines(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """`csv_text` a line at a time: the header, then one line per row as it comes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([csv_cell(c, row.get(c)) for c in columns])
        yield buffer.getvalue()


def json_stream(rows: Iterable[Mapping[str, Any]], *, generated_at: dt.datetime) -> Iterator[str]:
    """`json_document` a row at a time; the count, known at the end, closes the object."""
    head = json.dumps({"generated_at": _iso(generated_at), "fields": list(FIELDS)}, ensure_ascii=False)
    yield head[:-1] + ', "items": ['
    count = 0
    for row in rows:
        yield ("," if count else "") + json.dumps(to_json_value(row), ensure_ascii=False, default=str)
        count += 1
    yield f'], "count": {count}}}'


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(c, row.get(c)) for c in columns])
    return buffer.getvalue()


# --- the ACLED-style view ---------------------------------------------------------------------------------


def _crowd(low: int | None, high: int | None, registered: int | None) -> str:
    if low is not None or high is not None:
        lo, hi = low if low is not None else high, high if high is not None else low
        return f"crowd size={lo}" if lo == hi else f"crowd size={lo}-{hi}"
    if registered is not None:
        return f"crowd size={registered} (registered)"
    return "crowd size=no report"


def _source_text(sources: Iterable[Mapping[str, Any]]) -> str:
    return "; ".join(dict.fromkeys(s["outlet"] or s["url"] for s in sources))


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def acled_rows(data: Dataset, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One event per assembly that was held (`held = yes`): the filed cases, then the monitored assemblies
    that were never filed."""
    events: list[dict[str, Any]] = []
    for row in rows:
        if row["held"] != "yes":
            continue
        summary = data.summaries.get(row["case_id"])
        day = summary.event_date.isoformat() if summary else _day(row["planned_start"])
        events.append(
            {
                "event_id": f"BEIBIT-C{row['case_id']}",
                "case_id": row["case_id"],
                "event_date": day,
                "year": int(day[:4]) if day else None,
                "event_type": "Protests",
                "sub_event_type": sub_event_type(row["state_response"]),
                "actor1": ACLED_ACTOR,
                "assoc_actor_1": row["organizer_group"],
                "country": "Kazakhstan",
                "admin1": row["admin1"],
                "admin2": row["admin2"],
                "location": row["location"],
                "latitude": row["lat"],
                "longitude": row["lon"],
                "geo_precision": 1,
                "source": _source_text(row["sources"]) or "Beibit register",
                "notes": row["notes"],
                "fatalities": summary.fatalities if summary else 0,
                "tags": _crowd(
                    row["observed_size_low"], row["observed_size_high"], row["expected_participants"]
                ),
                "timestamp": row["updated_at"],
            }
        )
    for s in data.unlinked:
        if s.held != "yes":
            continue
        known = is_known_settlement(s.settlement_id)
        name = get_settlement(s.settlement_id).en if known else s.settlement_id
        events.append(
            {
                "event_id": f"BEIBIT-M{s.record_id}",
                "case_id": None,
                "event_date": s.event_date.isoformat(),
                "year": s.event_date.year,
                "event_type": "Protests",
                "sub_event_type": sub_event_type(s.state_response),
                "actor1": ACLED_ACTOR,
                "assoc_actor_1": None,
                "country": "Kazakhstan",
                "admin1": name if s.settlement_id in queries._FIRST_LEVEL else None,
                "admin2": name,
                "location": name,
                "latitude": None,
                "longitude": None,
                "geo_precision": 2,
                "source": _source_text(_sources(s)) or "Beibit monitoring",
                "notes": _notes(s) or None,
                "fatalities": s.fatalities,
                "tags": _crowd(s.observed_size_low, s.observed_size_high, None),
                "timestamp": _iso(s.updated_at),
            }
        )
    return events


# --- GeoJSON ----------------------------------------------------------------------------------------------


def _geometry(case: Case, row: Mapping[str, Any], places: queries.Places) -> dict[str, Any] | None:
    """A route's line from the registry; a place's representative point; the filed point."""
    place_id = row["location"] if row["geo_precision"] == "specialized_place" else None
    if place_id and is_known_settlement(case.settlement):
        versions = places.registry.place_versions(case.settlement, place_id)
        day = case.assembly_day
        place = next((v for v in versions if day is not None and v.in_force(day)), None) or (
            versions[-1] if versions else None
        )
        if place is not None and place.is_route:
            line: dict[str, Any] = dict(mapping(place.geometry))
            line["coordinates"] = [[round(x, 6), round(y, 6)] for x, y, *_ in line["coordinates"]]
            return line
    if row["lat"] is None or row["lon"] is None:
        return None
    return {"type": "Point", "coordinates": [row["lon"], row["lat"]]}


def _features(
    data: Dataset, rows: Sequence[Mapping[str, Any]], places: queries.Places
) -> Iterator[dict[str, Any]]:
    by_id = {c.pk: c for c in data.cases}
    for row in rows:
        geometry = _geometry(by_id[row["case_id"]], row, places)
        if geometry is not None:
            yield {
                "type": "Feature",
                "id": row["case_id"],
                "geometry": geometry,
                "properties": to_json_value(row),
            }


def geojson_stream(parts: Iterable[Dataset], places: queries.Places) -> Iterator[str]:
    """`geojson_document` over the datasets one at a time."""
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for data in parts:
        for feature in _features(data, register_rows(data, places), places):
            yield ("" if first else ",") + json.dumps(feature, ensure_ascii=False, default=str)
            first = False
    yield "]}"


def geojson_document(data: Dataset, rows: Sequence[Mapping[str, Any]], places: queries.Places) -> str:
    """Each case with a known place as a feature (RFC 7946); properties are the export row."""
    features = list(_features(data, rows, places))
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, default=str)
