"""Reading and writing registry entries as GeoJSON FeatureCollections (schema: docs/registry.md).

Reading collects every problem of a file before refusing it, so one run shows all of them; each problem names
the file, the feature's index (0-based, as in `features[i]`) and its id when it has one.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any, cast

from shapely.geometry import shape  # type: ignore[import-untyped, unused-ignore]
from shapely.geometry.base import BaseGeometry  # type: ignore[import-untyped, unused-ignore]
from shapely.validation import explain_validity  # type: ignore[import-untyped, unused-ignore]

from beibit.places.errors import Issue, RegistryValidationError
from beibit.places.geo import KAZAKHSTAN_BBOX, in_kazakhstan_bbox
from beibit.places.model import (
    ART_9_5_SUBPARAGRAPHS,
    GEOMETRY_QUALITIES,
    OBJECT_BASES,
    PLACE_KINDS,
    Entry,
    GeometryQuality,
    LocalizedName,
    MaslikhatDecision,
    ObjectBasis,
    OpeningHours,
    PlaceKind,
    ProhibitedObject,
    Route,
    SourceRef,
    SpecializedPlace,
    UsageLimits,
)
from beibit.places.settlements import is_known_settlement

REGISTRY_TYPES = ("specialized_place", "prohibited_object")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME_PATTERN = re.compile(r"^\d{2}:\d{2}$")
_GEOMETRY_TYPES = ("Point", "LineString", "Polygon", "MultiPolygon")
_BBOX_TEXT = "lon {0:g}..{2:g}, lat {1:g}..{3:g}".format(*KAZAKHSTAN_BBOX)


@dataclass(frozen=True, slots=True)
class ImportDefaults:
    """Values the importer supplies for every feature (CLI `places import`); a feature may repeat them but not
    contradict them."""

    settlement: str | None = None
    decision: MaslikhatDecision | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    geometry_quality: GeometryQuality | None = None


@dataclass(frozen=True, slots=True)
class LoadedEntry:
    """An entry with where it was read from, so later checks can name the feature."""

    entry: Entry
    source: str
    index: int


#: A property whose value must be one of a list (the list and the value as the file writes them).
ONE_OF = "property {key} must be one of {allowed}, got {value}"


class _Problem(Exception):
    """One problem with one feature; collected as an Issue (with its template and parts when it has them)."""

    def __init__(self, message: str, template: str | None = None, params: tuple[tuple[str, str], ...] = ()):
        super().__init__(message)
        self.template = template
        self.params = params


def _fail(message: str) -> _Problem:
    return _Problem(message)


def _fail_t(template: str, **params: object) -> _Problem:
    """A problem pages can translate: `template` with named parts, each the text the English shows."""
    parts = {key: str(value) for key, value in params.items()}
    return _Problem(template.format(**parts), template, tuple(sorted(parts.items())))


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _position(raw: object, where: str) -> tuple[float, float]:
    if not isinstance(raw, list | tuple) or len(raw) not in (2, 3) or not all(_is_number(v) for v in raw):
        raise _fail(f"{where}: a position must be [longitude, latitude] numbers, got {raw!r}")
    lon, lat = float(raw[0]), float(raw[1])
    if not in_kazakhstan_bbox(lon, lat):
        raise _fail(
            f"{where}: coordinate [{lon:g}, {lat:g}] is outside the Kazakhstan bounding box ({_BBOX_TEXT}); "
            "coordinates are [longitude, latitude] in WGS 84"
        )
    return lon, lat


def _positions(raw: object, where: str, minimum: int) -> list[tuple[float, float]]:
    if not isinstance(raw, list | tuple):
        raise _fail(f"{where}: expected a list of positions")
    positions = [_position(p, f"{where}[{i}]") for i, p in enumerate(raw)]
    if len(positions) < minimum:
        raise _fail(f"{where}: needs at least {minimum} positions, has {len(positions)}")
    return positions


def _ring(raw: object, where: str) -> list[tuple[float, float]]:
    ring = _positions(raw, where, 4)
    if ring[0] != ring[-1]:
        raise _fail(f"{where}: a polygon ring must be closed (its last position must repeat the first)")
    return ring


def _polygon_rings(raw: object, where: str) -> list[list[tuple[float, float]]]:
    if not isinstance(raw, list | tuple) or not raw:
        raise _fail(f"{where}: a polygon needs at least one ring")
    return [_ring(r, f"{where}[{i}]") for i, r in enumerate(raw)]


def parse_geometry(raw: object) -> BaseGeometry:
    """A GeoJSON geometry (Point, LineString, Polygon, MultiPolygon) as a valid shapely geometry."""
    if not isinstance(raw, Mapping):
        raise _fail_t("geometry is missing or not an object")
    gtype = raw.get("type")
    if gtype not in _GEOMETRY_TYPES:
        raise _fail(f"geometry type {gtype!r} is not supported (use one of {', '.join(_GEOMETRY_TYPES)})")
    coords = raw.get("coordinates")
    if gtype == "Point":
        lon, lat = _position(coords, "geometry.coordinates")
        clean: object = [lon, lat]
    elif gtype == "LineString":
        line = _positions(coords, "geometry.coordinates", 2)
        if len(set(line)) < 2:
            raise _fail("geometry.coordinates: a LineString needs two distinct positions")
        clean = line
    elif gtype == "Polygon":
        clean = _polygon_rings(coords, "geometry.coordinates")
    else:
        if not isinstance(coords, list | tuple) or not coords:
            raise _fail("geometry.coordinates: a MultiPolygon needs at least one polygon")
        clean = [_polygon_rings(p, f"geometry.coordinates[{i}]") for i, p in enumerate(coords)]
    geometry = shape({"type": gtype, "coordinates": clean})
    if not geometry.is_valid:
        raise _fail(f"invalid {gtype}: {explain_validity(geometry)}")
    if geometry.is_empty or (gtype != "Point" and gtype != "LineString" and float(geometry.area) <= 0.0):
        raise _fail(f"invalid {gtype}: it has no area")
    return geometry


def _opt_str(props: Mapping[str, Any], key: str) -> str | None:
    value = props.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail_t("property {key} must be a non-empty string or null", key=repr(key))
    return value


def _req_key(props: Mapping[str, Any], key: str) -> Any:
    if key not in props:
        raise _fail_t(
            "property {key} is required (use null where the decision gives no value)", key=repr(key)
        )
    return props[key]


def _parse_date(value: object, key: str) -> date:
    if not isinstance(value, str) or not _DATE_PATTERN.match(value):
        raise _fail_t(
            "property {key} must be a date YYYY-MM-DD, got {value}", key=repr(key), value=repr(value)
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail_t(
            "property {key}: {value} is not a calendar date", key=repr(key), value=repr(value)
        ) from None


def _opt_date(value: object, key: str) -> date | None:
    return None if value is None else _parse_date(value, key)


def _parse_name(value: object) -> LocalizedName:
    if not isinstance(value, Mapping):
        raise _fail_t("property 'name' must be an object with ru, kk and/or en strings")
    unknown = set(value) - {"ru", "kk", "en"}
    if unknown:
        raise _fail(f"property 'name' has unknown languages {sorted(unknown)} (use ru, kk, en)")
    texts = {k: value.get(k) for k in ("ru", "kk", "en")}
    for k, v in texts.items():
        if v is not None and (not isinstance(v, str) or not v.strip()):
            raise _fail(f"property 'name.{k}' must be a non-empty string or null")
    try:
        return LocalizedName(ru=texts["ru"], kk=texts["kk"], en=texts["en"])
    except ValueError as exc:
        raise _fail(f"property 'name': {exc}") from None


def _parse_decision(value: object, settlement: str) -> MaslikhatDecision:
    if not isinstance(value, Mapping):
        raise _fail(
            "property 'decision' must be an object (number, date, adilet_id, url, registration, note)"
        )
    allowed = {"number", "date", "adilet_id", "url", "registration", "note"}
    unknown = set(value) - allowed
    if unknown:
        raise _fail(f"property 'decision' has unknown keys {sorted(unknown)}")
    strings = {k: _opt_str(value, k) for k in ("number", "adilet_id", "url", "registration", "note")}
    try:
        return MaslikhatDecision(
            settlement=settlement,
            number=strings["number"],
            date=_opt_date(value.get("date"), "decision.date"),
            adilet_id=strings["adilet_id"],
            url=strings["url"],
            registration=strings["registration"],
            note=strings["note"],
        )
    except ValueError as exc:
        raise _fail(f"property 'decision': {exc}") from None


def _opt_int(value: object, key: str, minimum: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _fail(f"property {key!r} must be an integer >= {minimum} or null, got {value!r}")
    return value


def _parse_hours(value: object) -> OpeningHours | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or set(value) != {"opens", "closes"}:
        raise _fail('property \'hours\' must be null or {"opens": "HH:MM", "closes": "HH:MM"}')
    parsed: list[time] = []
    for key in ("opens", "closes"):
        raw = value[key]
        if not isinstance(raw, str) or not _TIME_PATTERN.match(raw):
            raise _fail(f"property 'hours.{key}' must be HH:MM, got {raw!r}")
        try:
            parsed.append(time.fromisoformat(raw))
        except ValueError:
            raise _fail(f"property 'hours.{key}': {raw!r} is not a time of day") from None
    try:
        return OpeningHours(parsed[0], parsed[1])
    except ValueError as exc:
        raise _fail(f"property 'hours': {exc}") from None


def _parse_usage_limits(value: object) -> UsageLimits | None:
    if value is None:
        return None
    allowed = {"min_distance_between_pickets_m", "max_picket_hours_per_day", "notes"}
    if not isinstance(value, Mapping) or set(value) - allowed:
        raise _fail(f"property 'usage_limits' must be null or an object with keys {sorted(allowed)}")
    hours = value.get("max_picket_hours_per_day")
    if hours is not None and not _is_number(hours):
        raise _fail("property 'usage_limits.max_picket_hours_per_day' must be a number or null")
    try:
        return UsageLimits(
            min_distance_between_pickets_m=_opt_int(
                value.get("min_distance_between_pickets_m"), "usage_limits.min_distance_between_pickets_m", 1
            ),
            max_picket_hours_per_day=None if hours is None else float(hours),
            notes=_opt_str(value, "notes"),
        )
    except ValueError as exc:
        raise _fail(f"property 'usage_limits': {exc}") from None


def _parse_source(value: object) -> SourceRef | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or set(value) - {"dataset", "entry", "item"} or "dataset" not in value:
        raise _fail("property 'source' must be null or an object {dataset, entry, item}")
    dataset = _opt_str(value, "dataset")
    assert dataset is not None
    return SourceRef(dataset=dataset, entry=_opt_str(value, "entry"), item=_opt_str(value, "item"))


def _with_default(props: Mapping[str, Any], key: str, default: object, render: str) -> object:
    """The property, or the importer's default; a property contradicting the default is refused."""
    if default is None:
        return props.get(key)
    if key in props and props[key] is not None and props[key] != render:
        raise _fail(f"property {key!r} is {props[key]!r} but the import sets {render!r}")
    return render


def _decision_with_default(
    props: Mapping[str, Any], settlement: str, default: MaslikhatDecision | None
) -> MaslikhatDecision:
    if default is None:
        return _parse_decision(_req_key(props, "decision"), settlement)
    raw = props.get("decision")
    if raw is None:
        return MaslikhatDecision(
            settlement=settlement,
            number=default.number,
            date=default.date,
            adilet_id=default.adilet_id,
            url=default.url,
            registration=default.registration,
            note=default.note,
        )
    own = _parse_decision(raw, settlement)
    if (own.number, own.date) != (default.number, default.date):
        raise _fail(
            f"property 'decision' ({own.label()}) contradicts the import's decision ({default.label()})"
        )
    return own


def parse_feature(
    feature: object, *, defaults: ImportDefaults | None = None, expected_settlement: str | None = None
) -> Entry:
    """One GeoJSON Feature as a registry entry; raises ValueError naming the first problem found."""
    try:
        return _parse_feature(feature, defaults or ImportDefaults(), expected_settlement)
    except _Problem as exc:
        raise ValueError(str(exc)) from None


def _feature_id(feature: object) -> str | None:
    if not isinstance(feature, Mapping):
        return None
    props = feature.get("properties")
    if isinstance(props, Mapping) and isinstance(props.get("id"), str):
        return cast(str, props["id"])
    top = feature.get("id")
    return top if isinstance(top, str) else None


def _checked_id(feature: Mapping[str, Any], props: Mapping[str, Any]) -> str:
    entry_id = props.get("id")
    if not isinstance(entry_id, str) or not ID_PATTERN.match(entry_id):
        raise _fail_t(
            "property 'id' must be a lowercase slug matching {pattern}, got {value}",
            pattern=ID_PATTERN.pattern,
            value=repr(entry_id),
        )
    if "id" in feature and feature["id"] is not None and feature["id"] != entry_id:
        raise _fail(f"the Feature's id {feature['id']!r} differs from properties.id {entry_id!r}")
    return entry_id


def _feature_settlement(
    props: Mapping[str, Any], defaults: ImportDefaults, expected_settlement: str | None
) -> str:
    settlement = _with_default(props, "settlement", defaults.settlement, defaults.settlement or "")
    if not isinstance(settlement, str) or not settlement:
        raise _fail_t("property 'settlement' is required")
    if not is_known_settlement(settlement):
        raise _fail(
            f"unknown settlement {settlement!r} (the registry's settlement ids are in docs/registry.md)"
        )
    if expected_settlement is not None and settlement != expected_settlement:
        raise _fail(f"settlement {settlement!r} does not belong here (expected {expected_settlement!r})")
    return settlement


def _feature_validity(props: Mapping[str, Any], defaults: ImportDefaults) -> tuple[date, date | None]:
    valid_from_raw = _with_default(
        props,
        "valid_from",
        defaults.valid_from,
        defaults.valid_from.isoformat() if defaults.valid_from else "",
    )
    valid_from = _parse_date(valid_from_raw, "valid_from")
    if defaults.valid_from is not None:
        valid_to = defaults.valid_to
        if props.get("valid_to") is not None and _parse_date(props["valid_to"], "valid_to") != valid_to:
            raise _fail(f"property 'valid_to' is {props['valid_to']!r} but the import sets {valid_to}")
    else:
        valid_to = _opt_date(_req_key(props, "valid_to"), "valid_to")
    if valid_to is not None and valid_to < valid_from:
        raise _fail_t(
            "valid_to {valid_to} is before valid_from {valid_from}", valid_to=valid_to, valid_from=valid_from
        )
    return valid_from, valid_to


def _parse_feature(feature: object, defaults: ImportDefaults, expected_settlement: str | None) -> Entry:
    if not isinstance(feature, Mapping) or feature.get("type") != "Feature":
        raise _fail_t("not a GeoJSON Feature (its 'type' must be 'Feature')")
    props = feature.get("properties")
    if not isinstance(props, Mapping):
        raise _fail_t("'properties' is missing or not an object")
    entry_id = _checked_id(feature, props)
    registry_type = props.get("registry_type")
    if registry_type not in REGISTRY_TYPES:
        raise _fail_t(ONE_OF, key="'registry_type'", allowed=REGISTRY_TYPES, value=repr(registry_type))
    settlement = _feature_settlement(props, defaults, expected_settlement)
    valid_from, valid_to = _feature_validity(props, defaults)
    quality = _with_default(
        props, "geometry_quality", defaults.geometry_quality, defaults.geometry_quality or ""
    )
    if quality not in GEOMETRY_QUALITIES:
        raise _fail_t(ONE_OF, key="'geometry_quality'", allowed=GEOMETRY_QUALITIES, value=repr(quality))
    decision = _decision_with_default(props, settlement, defaults.decision)
    name = _parse_name(_req_key(props, "name"))
    notes = _opt_str(props, "notes")
    source = _parse_source(props.get("source"))
    geometry = parse_geometry(feature.get("geometry"))
    common: dict[str, Any] = {
        "id": entry_id,
        "settlement": settlement,
        "name": name,
        "geometry": geometry,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "decision": decision,
        "geometry_quality": cast(GeometryQuality, quality),
        "notes": notes,
        "source": source,
    }
    if registry_type == "prohibited_object":
        return _prohibited_object(props, common, str(geometry.geom_type))
    return _place(props, common, str(geometry.geom_type))


def _prohibited_object(props: Mapping[str, Any], common: dict[str, Any], gtype: str) -> ProhibitedObject:
    sub = _req_key(props, "article_9_5_subparagraph")
    if isinstance(sub, bool) or sub not in ART_9_5_SUBPARAGRAPHS:
        raise _fail_t("property 'article_9_5_subparagraph' must be 1..6, got {value}", value=repr(sub))
    if gtype == "LineString":
        raise _fail_t("a picket-free object must be a Point, Polygon or MultiPolygon, not a LineString")
    basis = props.get("basis", "project_reading")
    if basis not in OBJECT_BASES:
        raise _fail_t(ONE_OF, key="'basis'", allowed=OBJECT_BASES, value=repr(basis))
    return ProhibitedObject(
        **common,
        article_9_5_subparagraph=int(sub),
        buffer_m=_opt_int(_req_key(props, "buffer_m"), "buffer_m", 0),
        basis=cast(ObjectBasis, basis),
    )


def _place(props: Mapping[str, Any], common: dict[str, Any], gtype: str) -> SpecializedPlace | Route:
    kind = _req_key(props, "kind")
    if kind not in PLACE_KINDS:
        raise _fail_t(ONE_OF, key="'kind'", allowed=PLACE_KINDS, value=repr(kind))
    if kind == "route" and gtype != "LineString":
        raise _fail_t("a route's geometry must be a LineString, not a {gtype}", gtype=gtype)
    if kind != "route" and gtype == "LineString":
        raise _fail(
            f"a place of kind {kind!r} must be a Point, Polygon or MultiPolygon; only routes are lines"
        )
    place_fields: dict[str, Any] = {
        "max_occupancy": _opt_int(_req_key(props, "max_occupancy"), "max_occupancy", 1),
        "support_requirements": _opt_str(props, "support_requirements"),
        "hours": _parse_hours(props.get("hours")),
        "usage_limits": _parse_usage_limits(props.get("usage_limits")),
    }
    if kind == "route":
        return Route(**common, **place_fields)
    return SpecializedPlace(**common, kind=cast(PlaceKind, kind), **place_fields)


def parse_feature_collection(
    data: object,
    *,
    source: str,
    defaults: ImportDefaults | None = None,
    expected_settlement: str | None = None,
) -> list[LoadedEntry]:
    """Every feature of a FeatureCollection as an entry, or RegistryValidationError listing every problem.

    Checks made here: GeoJSON shape, properties schema, geometry validity and bounding box, route geometry,
    known settlement, and overlapping validity of the same id inside this file. Overlap with entries
    already in a registry is checked by `beibit.places.registry.Registry`.
    """
    if not isinstance(data, Mapping) or "type" not in data:
        raise RegistryValidationError([Issue(source, "not GeoJSON: expected an object with a 'type' member")])
    if data.get("type") != "FeatureCollection":
        raise RegistryValidationError(
            [Issue(source, f"not a FeatureCollection: GeoJSON type is {data.get('type')!r}")]
        )
    features = data.get("features")
    if not isinstance(features, list):
        raise RegistryValidationError([Issue(source, "a FeatureCollection needs a 'features' list")])
    issues: list[Issue] = []
    loaded: list[LoadedEntry] = []
    for index, feature in enumerate(features):
        try:
            entry = _parse_feature(feature, defaults or ImportDefaults(), expected_settlement)
        except _Problem as exc:
            issues.append(Issue(source, str(exc), index, _feature_id(feature), exc.template, exc.params))
        except ValueError as exc:  # an invariant of the domain classes
            issues.append(Issue(source, str(exc), index, _feature_id(feature)))
        else:
            loaded.append(LoadedEntry(entry, source, index))
    issues.extend(overlap_issues(loaded))
    if issues:
        raise RegistryValidationError(issues)
    return loaded


def overlap_issues(loaded: Sequence[LoadedEntry], existing: Sequence[LoadedEntry] = ()) -> list[Issue]:
    """Refusals for the same (settlement, id) in force on a common day, or used for two kinds of entry.

    Each entry of `loaded` is compared with the earlier ones of `loaded` and with all of `existing`.
    """
    issues: list[Issue] = []
    seen: dict[tuple[str, str], list[LoadedEntry]] = {}
    for item in existing:
        seen.setdefault((item.entry.settlement, item.entry.id), []).append(item)
    for item in loaded:
        key = (item.entry.settlement, item.entry.id)
        for other in seen.get(key, []):
            if type(other.entry) is not type(item.entry) and not (
                isinstance(other.entry, SpecializedPlace) and isinstance(item.entry, SpecializedPlace)
            ):
                issues.append(
                    Issue(
                        item.source,
                        f"id {item.entry.id!r} is already used for a different kind of entry "
                        f"in {other.source} feature #{other.index}",
                        item.index,
                        item.entry.id,
                    )
                )
            elif item.entry.overlaps(other.entry):
                issues.append(
                    Issue(
                        item.source,
                        f"validity {_period(item.entry)} overlaps {_period(other.entry)} of the same id "
                        f"in {other.source} feature #{other.index}",
                        item.index,
                        item.entry.id,
                    )
                )
        seen.setdefault(key, []).append(item)
    return issues


def _period(entry: Entry) -> str:
    return f"[{entry.valid_from}, {entry.valid_to or 'open'}]"


#: How deeply a registry file's JSON may nest: a FeatureCollection's MultiPolygon needs 7 levels; a file
#: nested hundreds deep is refused before anything walks it recursively.
MAX_JSON_DEPTH = 32


def _depth_exceeds(value: object, limit: int) -> bool:
    """Whether arrays and objects nest deeper than `limit` (walked without recursion)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > limit:
                return True
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def loads_geojson(text: str, source: str) -> object:
    """The parsed JSON of a registry file, or RegistryValidationError saying why it cannot be read; JSON
    nested deeper than MAX_JSON_DEPTH is refused (it would exhaust the stack of whatever walks it)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RegistryValidationError([Issue(source, f"not GeoJSON: invalid JSON ({exc})")]) from None
    except RecursionError:
        data = None
        too_deep = True
    else:
        too_deep = _depth_exceeds(data, MAX_JSON_DEPTH)
    if too_deep:
        raise RegistryValidationError(
            [Issue(source, f"not GeoJSON: arrays and objects nest more than {MAX_JSON_DEPTH} levels deep")]
        )
    return data


def read_json_file(path: Path) -> object:
    """The parsed JSON of a file, or RegistryValidationError saying why it could not be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryValidationError([Issue(str(path), f"cannot read the file: {exc}")]) from None
    return loads_geojson(text, str(path))
