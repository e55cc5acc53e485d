"""The registry of places in the database, and the `beibit.places.Registry` built from it.

The maslikhat editors keep the registry in the database (Django admin); every record is a registry GeoJSON
feature field by field, so `beibit.places.parse_feature` validates it and `Registry` indexes it exactly as
it would index the bundled files. `load_registry_into_db` copies a file registry (the bundled data) in.

The built registry is cached per process and rebuilt when the records change (one small query per use
tells whether they did).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from dataclasses import replace as replace_fields
from typing import Any

from django.db import transaction
from django.db.models import Count, Max

from beibit.common.rows import readable
from beibit.places import (
    Entry,
    Issue,
    MaslikhatDecision,
    ProhibitedObject,
    Registry,
    RegistryValidationError,
    SpecializedPlace,
    entry_to_feature,
    get_settlement,
    parse_feature,
    parse_feature_collection,
)
from beibit.places.geojson import ImportDefaults, LoadedEntry, overlap_issues
from beibit.places.model import GeometryQuality
from beibit.registry.models import MaslikhatDecisionRecord, RegistryEntryRecord, RegistryType


def record_feature(record: RegistryEntryRecord) -> dict[str, Any]:
    """The record as a registry GeoJSON feature (docs/registry.md)."""
    decision = record.decision
    props: dict[str, Any] = {
        "id": record.entry_id,
        "registry_type": record.registry_type,
        "settlement": record.settlement,
        "name": {
            k: v for k, v in (("ru", record.name_ru), ("kk", record.name_kk), ("en", record.name_en)) if v
        },
        "valid_from": record.valid_from.isoformat(),
        "valid_to": record.valid_to.isoformat() if record.valid_to else None,
        "decision": {
            "number": decision.number or None,
            "date": decision.date.isoformat() if decision.date else None,
            "adilet_id": decision.adilet_id or None,
            "url": decision.url or None,
            "registration": decision.registration or None,
            "note": decision.note or None,
        },
        "geometry_quality": record.geometry_quality,
        "notes": record.notes or None,
        "source": record.source,
    }
    if record.registry_type == RegistryType.PROHIBITED_OBJECT:
        props["article_9_5_subparagraph"] = record.article_9_5_subparagraph
        props["buffer_m"] = record.buffer_m
        props["basis"] = record.basis or "project_reading"
    else:
        props["kind"] = record.kind
        props["max_occupancy"] = record.max_occupancy
        props["support_requirements"] = record.support_requirements or None
        props["hours"] = (
            {"opens": record.hours_opens.strftime("%H:%M"), "closes": record.hours_closes.strftime("%H:%M")}
            if record.hours_opens and record.hours_closes
            else None
        )
        props["usage_limits"] = record.usage_limits
    return {"type": "Feature", "id": record.entry_id, "geometry": record.geometry, "properties": props}


def record_entry(record: RegistryEntryRecord) -> Entry:
    """The record as a registry entry; ValueError naming the first problem if the registry would refuse it."""
    return parse_feature(record_feature(record), expected_settlement=record.settlement)


def _decision_for(entry: Entry) -> MaslikhatDecisionRecord:
    d = entry.decision
    found, _ = MaslikhatDecisionRecord.objects.get_or_create(
        settlement=entry.settlement,
        number=d.number or "",
        date=d.date,
        adilet_id=d.adilet_id or "",
        registration=d.registration or "",
        note=d.note or "",
        defaults={"url": d.url or ""},
    )
    return found


def _record_fields(entry: Entry) -> dict[str, Any]:
    feature = entry_to_feature(entry)
    props = feature["properties"]
    fields: dict[str, Any] = {
        "registry_type": props["registry_type"],
        "name_ru": entry.name.ru or "",
        "name_kk": entry.name.kk or "",
        "name_en": entry.name.en or "",
        "geometry": feature["geometry"],
        "valid_to": entry.valid_to,
        "geometry_quality": entry.geometry_quality,
        "notes": entry.notes or "",
        "source": props["source"],
    }
    if isinstance(entry, ProhibitedObject):
        fields.update(
            kind="",
            article_9_5_subparagraph=entry.article_9_5_subparagraph,
            buffer_m=entry.buffer_m,
            basis=entry.basis,
        )
    elif isinstance(entry, SpecializedPlace):
        fields.update(
            kind=entry.kind,
            max_occupancy=entry.max_occupancy,
            support_requirements=entry.support_requirements or "",
            hours_opens=entry.hours.opens if entry.hours else None,
            hours_closes=entry.hours.closes if entry.hours else None,
            usage_limits=props["usage_limits"],
        )
    return fields


def load_registry_into_db(registry: Registry) -> int:
    """Copy every entry of a file registry into the database; entries already there (same settlement, id and
    first day) are left as they are. Returns how many were added."""
    added = _load(registry)
    clear_cache()
    return added


@transaction.atomic
def _load(registry: Registry) -> int:
    added = 0
    for entry in registry.entries:
        exists = RegistryEntryRecord.objects.filter(
            settlement=entry.settlement, entry_id=entry.id, valid_from=entry.valid_from
        ).exists()
        if exists:
            continue
        RegistryEntryRecord.objects.create(
            entry_id=entry.id,
            settlement=entry.settlement,
            valid_from=entry.valid_from,
            decision=_decision_for(entry),
            **_record_fields(entry),
        )
        added += 1
    return added


_cache_lock = threading.Lock()
_cached: tuple[tuple[Any, ...], Registry] | None = None
_checked_at = float("-inf")
#: How long a process trusts its registry without asking the database whether it changed (seconds): an
#: editor's change reaches every request at most this much later; a busy server saves two queries a request.
RECHECK_SECONDS = 2.0


def _version() -> tuple[Any, ...]:
    stamp = RegistryEntryRecord.objects.aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    decisions = MaslikhatDecisionRecord.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return (stamp["n"], stamp["last"], stamp["top"], decisions["n"], decisions["last"])


def registry_from_db() -> Registry:
    """The registry as the database holds it (built once per change, then shared; rechecked every
    RECHECK_SECONDS)."""
    global _cached, _checked_at
    with _cache_lock:
        if _cached is not None and time.monotonic() - _checked_at < RECHECK_SECONDS:
            return _cached[1]
    version = _version()
    with _cache_lock:
        if _cached is not None and _cached[0] == version:
            _checked_at = time.monotonic()
            return _cached[1]
    records = RegistryEntryRecord.objects.select_related("decision").order_by(
        "settlement", "entry_id", "valid_from"
    )
    # A record the registry refuses (written around the admin's checks) is left out and logged, so that it
    # cannot fail every filing and page that reads the registry.
    registry = Registry(readable(records, record_entry, "registry record"))
    with _cache_lock:
        _cached = (version, registry)
        _checked_at = time.monotonic()
    return registry


def clear_cache() -> None:
    global _cached, _checked_at
    with _cache_lock:
        _cached = None
        _checked_at = float("-inf")


def place_name(registry: Registry, settlement: str, place_id: str, day: dt.date | None) -> str | None:
    """The English name (else another) of a place or route, in force on `day` or in any version."""
    versions = registry.place_versions(settlement, place_id)
    if not versions:
        return None
    current = next((v for v in versions if day is not None and v.in_force(day)), versions[-1])
    return current.name.text("en")


# --- importing a new version into the database (the maslikhat editors' upload page) ---------------------


@dataclass(frozen=True)
class DbImportResult:
    """What an import into the database changed: the entries added and the earlier entries it ended."""

    added: tuple[Entry, ...]
    ended: tuple[Entry, ...]  # as they stand after the import (valid_to set to the day before)
    decision: MaslikhatDecisionRecord


def import_collection_into_db(
    data: object,
    *,
    settlement: str,
    decision: MaslikhatDecision,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    geometry_quality: GeometryQuality | None = None,
    replace: bool = True,
    source: str = "<upload>",
    user: Any = None,
) -> DbImportResult:
    """Validate a FeatureCollection as a new version of `settlement` and add it to the database registry.

    The same checks as `beibit places import` (`parse_feature_collection` with the import's defaults), then
    the overlap check against what the database holds. With `replace` the file is the settlement's complete
    registry from `valid_from` (as each bundled file is a snapshot): every entry that began earlier and is
    still in force on `valid_from` is ended the day before. Without it the features are added beside the
    entries in force. Everything is checked before anything is written, in one transaction: on any problem
    RegistryValidationError lists every problem (feature index and id) and the database is unchanged. The
    process's cache is cleared; the other processes see the change within RECHECK_SECONDS.
    """
    get_settlement(settlement)
    defaults = ImportDefaults(
        settlement=settlement,
        decision=decision,
        valid_from=valid_from,
        valid_to=valid_to,
        geometry_quality=geometry_quality,
    )
    loaded = parse_feature_collection(data, source=source, defaults=defaults, expected_settlement=settlement)
    if not loaded:
        raise RegistryValidationError([Issue(source, "the FeatureCollection has no features")])
    with transaction.atomic():
        records = list(
            RegistryEntryRecord.objects.select_for_update()
            .filter(settlement=settlement)
            .select_related("decision")
            .order_by("entry_id", "valid_from")
        )
        existing: list[LoadedEntry] = []
        to_end: list[tuple[RegistryEntryRecord, Entry]] = []
        for position, record in enumerate(records):
            entry = record_entry(record)
            ends = (
                replace
                and entry.valid_from < valid_from
                and (entry.valid_to is None or entry.valid_to >= valid_from)
            )
            if ends:
                entry = replace_fields(entry, valid_to=valid_from - dt.timedelta(days=1))
                to_end.append((record, entry))
            existing.append(LoadedEntry(entry, "the registry", position))
        issues = overlap_issues(loaded, existing)
        if issues:
            raise RegistryValidationError(issues)
        Registry([*existing, *loaded])  # the whole settlement once more, as the service will build it
        for record, entry in to_end:
            record.valid_to = entry.valid_to
            record.updated_by = user
            record.save(update_fields=["valid_to", "updated_by", "updated_at"])
        decision_record: MaslikhatDecisionRecord | None = None
        added: list[Entry] = []
        for item in loaded:
            decision_record = _decision_for(item.entry)
            RegistryEntryRecord.objects.create(
                entry_id=item.entry.id,
                settlement=settlement,
                valid_from=item.entry.valid_from,
                decision=decision_record,
                updated_by=user,
                **_record_fields(item.entry),
            )
            added.append(item.entry)
        assert decision_record is not None  # there is at least one feature
        # Again once the caller's transaction commits, so no request rebuilds the cache from before it.
        transaction.on_commit(clear_cache)
    clear_cache()
    return DbImportResult(tuple(added), tuple(entry for _, entry in to_end), decision_record)
