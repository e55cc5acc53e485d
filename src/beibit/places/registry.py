"""The registry: every settlement's places, routes and picket-free objects, with date-aware queries.

Layout on disk: `<registry>/<settlement id>/<name>.geojson`, one FeatureCollection per settlement version
(usually one per maslikhat decision). The bundled data is data/registry in the repository; `default_registry`
finds it from this file's location, from `BEIBIT_REGISTRY`, or from an explicit directory.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from shapely.geometry import LineString  # type: ignore[import-untyped, unused-ignore]
from shapely.geometry.base import BaseGeometry  # type: ignore[import-untyped, unused-ignore]

from beibit.places.bookings import Booking, TimeSlot, Window, free_slots
from beibit.places.errors import Issue, RegistryError, RegistryValidationError
from beibit.places.geo import in_kazakhstan_bbox
from beibit.places.geojson import (
    ImportDefaults,
    LoadedEntry,
    overlap_issues,
    parse_feature_collection,
    parse_geometry,
    read_json_file,
)
from beibit.places.geojson_write import feature_collection
from beibit.places.index import DEFAULT_ROUTE_TOLERANCE_M, RouteMatch, SettlementIndex, ZoneHit
from beibit.places.model import (
    Entry,
    MaslikhatDecision,
    ProhibitedObject,
    Route,
    SpecializedPlace,
    require_day,
)
from beibit.places.settlements import get_settlement, is_known_settlement

#: Environment variable naming a registry directory; read only by `resolve_registry_directory`.
REGISTRY_ENV_VAR = "BEIBIT_REGISTRY"
#: data/registry of the repository this package sits in (src/beibit/places/registry.py -> repo root).
BUNDLED_REGISTRY_DIR = Path(__file__).resolve().parents[3] / "data" / "registry"

LookupStatus = Literal["in_force", "not_in_force", "unknown_id"]


@dataclass(frozen=True, slots=True)
class PlaceLookup:
    """The answer to 'which place is this id on that day': the version in force, or why there is none."""

    status: LookupStatus
    place: SpecializedPlace | None
    versions: tuple[SpecializedPlace, ...]


@dataclass(frozen=True, slots=True)
class FreePlace:
    """A place in force whose occupancy norm admits the expected participants, with its free time that day.

    `capacity_known` is False when the decision sets no norm (max_occupancy None): the place is offered, but
    the norm could not be checked.
    """

    place: SpecializedPlace
    slots: tuple[TimeSlot, ...]
    capacity_known: bool


class Registry:
    """An immutable set of registry entries, validated as a whole, indexed per settlement."""

    def __init__(self, entries: Iterable[Entry | LoadedEntry] = ()) -> None:
        loaded = [
            e if isinstance(e, LoadedEntry) else LoadedEntry(e, "<entries>", i) for i, e in enumerate(entries)
        ]
        issues = [
            Issue(item.source, f"unknown settlement {item.entry.settlement!r}", item.index, item.entry.id)
            for item in loaded
            if not is_known_settlement(item.entry.settlement)
        ]
        issues.extend(overlap_issues(loaded))
        if issues:
            raise RegistryValidationError(issues)
        self._loaded: tuple[LoadedEntry, ...] = tuple(loaded)
        by_settlement: dict[str, tuple[list[SpecializedPlace], list[ProhibitedObject]]] = {}
        for item in loaded:
            places, objects = by_settlement.setdefault(item.entry.settlement, ([], []))
            if isinstance(item.entry, ProhibitedObject):
                objects.append(item.entry)
            else:
                places.append(item.entry)
        self._indexes: dict[str, SettlementIndex] = {
            s: SettlementIndex(s, places, objects) for s, (places, objects) in sorted(by_settlement.items())
        }
        self._has_data_on: dict[tuple[str, date], bool] = {}

    # ----------------------------------------------------------------------------------------- contents

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry, all settlements, all versions."""
        return tuple(item.entry for item in self._loaded)

    @property
    def loaded_entries(self) -> tuple[LoadedEntry, ...]:
        """Every entry with the file and feature index it was read from."""
        return self._loaded

    def settlements(self) -> tuple[str, ...]:
        """Ids of the settlements that have at least one entry (any date)."""
        return tuple(self._indexes)

    def has_data(self, settlement: str, day: date | None = None) -> bool:
        """Whether the registry holds entries for the settlement (in force on `day`, when given)."""
        index = self._index(settlement)
        if index is None:
            return False
        if day is None:
            return True
        key = (settlement, day)
        known = self._has_data_on.get(key)
        if known is None:
            known = any(e.in_force(day) for e in (*index.places, *index.objects))
            self._has_data_on[key] = known  # the registry is immutable: the answer never changes
        return known

    def with_entries(self, entries: Iterable[Entry | LoadedEntry]) -> Registry:
        """A new registry with these entries added (validated against the existing ones)."""
        return Registry([*self._loaded, *entries])

    def index(self, settlement: str) -> SettlementIndex | None:
        """The settlement's spatial index (None when it has no entries)."""
        return self._index(settlement)

    def _index(self, settlement: str) -> SettlementIndex | None:
        get_settlement(settlement)  # raises UnknownSettlementError
        return self._indexes.get(settlement)

    # -------------------------------------------------------------------------------------- listings

    def places_in_force(self, settlement: str, day: date) -> list[SpecializedPlace]:
        """Specialized places other than routes in force on `day`, by id."""
        require_day(day)
        index = self._index(settlement)
        if index is None:
            return []
        return sorted((p for p in index.places if not p.is_route and p.in_force(day)), key=lambda p: p.id)

    def routes_in_force(self, settlement: str, day: date) -> list[Route]:
        """Specialized routes in force on `day`, by id."""
        require_day(day)
        index = self._index(settlement)
        if index is None:
            return []
        return sorted(
            (p for p in index.places if isinstance(p, Route) and p.in_force(day)), key=lambda p: p.id
        )

    def prohibited_objects_in_force(self, settlement: str, day: date) -> list[ProhibitedObject]:
        """Picket-free objects (art. 9(5)) in force on `day`, by id."""
        require_day(day)
        index = self._index(settlement)
        if index is None:
            return []
        return sorted((o for o in index.objects if o.in_force(day)), key=lambda o: o.id)

    def entries_in_force(self, settlement: str, day: date) -> list[Entry]:
        """Places, routes and objects in force on `day`."""
        return [
            *self.places_in_force(settlement, day),
            *self.routes_in_force(settlement, day),
            *self.prohibited_objects_in_force(settlement, day),
        ]

    # -------------------------------------------------------------------------------------- by id

    def place_versions(self, settlement: str, place_id: str) -> tuple[SpecializedPlace, ...]:
        """Every version of a place or route, oldest first; empty when the id is unknown."""
        index = self._index(settlement)
        if index is None:
            return ()
        return tuple(sorted((p for p in index.places if p.id == place_id), key=lambda p: p.valid_from))

    def place_by_id(self, settlement: str, place_id: str, day: date) -> SpecializedPlace | None:
        """The version of a place or route in force on `day`, or None (see `lookup_place` for why)."""
        return self.lookup_place(settlement, place_id, day).place

    def lookup_place(self, settlement: str, place_id: str, day: date) -> PlaceLookup:
        """The version in force on `day`, or 'not_in_force' (known id, other dates) or 'unknown_id'."""
        require_day(day)
        versions = self.place_versions(settlement, place_id)
        if not versions:
            return PlaceLookup("unknown_id", None, ())
        current = next((v for v in versions if v.in_force(day)), None)
        return PlaceLookup("in_force" if current else "not_in_force", current, versions)

    def object_versions(self, settlement: str, object_id: str) -> tuple[ProhibitedObject, ...]:
        """Every version of a picket-free object, oldest first; empty when the id is unknown."""
        index = self._index(settlement)
        if index is None:
            return ()
        return tuple(sorted((o for o in index.objects if o.id == object_id), key=lambda o: o.valid_from))

    # -------------------------------------------------------------------------------------- geometry

    def places_containing(self, settlement: str, lon: float, lat: float, day: date) -> list[SpecializedPlace]:
        """Places (not routes) in force on `day` containing the WGS 84 position.

        Inside a Polygon (boundary included, POLYGON_TOLERANCE_M = 1 m of slack) or within
        POINT_PLACE_TOLERANCE_M = 50 m of a Point place.
        """
        _check_position(lon, lat)
        index = self._index(settlement)
        return [] if index is None else index.places_at(lon, lat, day)

    def places_containing_area(
        self, settlement: str, area: Mapping[str, Any] | BaseGeometry, day: date
    ) -> list[SpecializedPlace]:
        """Places (not routes) in force on `day` that wholly contain `area` (GeoJSON geometry or shapely)."""
        geometry = _as_geometry(area)
        index = self._index(settlement)
        return [] if index is None else index.places_covering(geometry, day)

    def routes_matching(
        self,
        settlement: str,
        line: Sequence[Sequence[float]] | Mapping[str, Any] | BaseGeometry,
        day: date,
        tolerance_m: float = DEFAULT_ROUTE_TOLERANCE_M,
    ) -> list[RouteMatch]:
        """Every route in force on `day` that the line follows within `tolerance_m`, best first."""
        geometry = _as_line(line)
        index = self._index(settlement)
        return [] if index is None else index.routes_matching(geometry, day, tolerance_m)

    def route_followed(
        self, settlement: str, line: Sequence[Sequence[float]] | Mapping[str, Any] | BaseGeometry, day: date
    ) -> Route | None:
        """A route in force on `day` that the line follows within the default tolerance (fast path of
        `route_matching`: no deviation is measured)."""
        geometry = _as_line(line)
        index = self._index(settlement)
        return None if index is None else index.route_followed(geometry, day)

    def route_matching(
        self,
        settlement: str,
        line: Sequence[Sequence[float]] | Mapping[str, Any] | BaseGeometry,
        day: date,
        tolerance_m: float = DEFAULT_ROUTE_TOLERANCE_M,
    ) -> RouteMatch | None:
        """The route in force on `day` that the line (lon/lat coordinates) follows best, if within tolerance.

        Deviation = the largest distance in metres from any point of the line (densified every 5 m) to the
        route, i.e. the directed Hausdorff distance; the line may cover only part of the route.
        """
        matches = self.routes_matching(settlement, line, day, tolerance_m)
        return matches[0] if matches else None

    def prohibited_zones_near(self, settlement: str, lon: float, lat: float, day: date) -> list[ZoneHit]:
        """Picket-free objects whose boundary in force on `day` contains the position (distance <= buffer).

        Objects whose boundary is not known are left out; `prohibited_objects_near` lists them.
        """
        _check_position(lon, lat)
        index = self._index(settlement)
        return [] if index is None else index.objects_near(lon, lat, day, None)

    def max_buffer_m(self, settlement: str) -> float:
        """The widest known picket-free boundary in the settlement's data, any period (0 when none)."""
        index = self._index(settlement)
        return 0.0 if index is None else index.max_buffer_m

    def prohibited_objects_near(
        self, settlement: str, lon: float, lat: float, day: date, radius_m: float
    ) -> list[ZoneHit]:
        """Every picket-free object in force on `day` within `radius_m` metres, known boundary or not."""
        _check_position(lon, lat)
        if radius_m < 0:
            raise ValueError("radius_m must not be negative")
        index = self._index(settlement)
        return [] if index is None else index.objects_near(lon, lat, day, radius_m)

    def distance_m(self, settlement: str, lon: float, lat: float, entry: Entry) -> float:
        """Metres from the WGS 84 position to the entry's geometry (0 inside it)."""
        _check_position(lon, lat)
        index = self._index(settlement)
        if index is None or entry.settlement != settlement:
            raise RegistryError(f"{entry.id} is not an entry of {settlement}")
        return float(index.local_geometry(entry).distance(index.projection.point(lon, lat)))

    # -------------------------------------------------------------------------------------- bookings

    def free_places(
        self,
        settlement: str,
        day: date,
        expected_participants: int,
        bookings: Sequence[Booking],
        *,
        window: Window,
        include_routes: bool = False,
        include_unknown_capacity: bool = True,
        min_duration: timedelta = timedelta(0),
    ) -> list[FreePlace]:
        """Places in force on `day` that admit `expected_participants` and have free time in `window`.

        The day's `window` (art. 9(4), the regime's) is local time of the settlement, narrowed by the
        place's own hours; bookings of other places are ignored. Places without an occupancy norm are
        included (flagged capacity_known=False) unless `include_unknown_capacity` is False. Places with no
        free slot are left out.
        """
        require_day(day)
        if expected_participants < 1:
            raise ValueError("expected_participants must be at least 1")
        zone = get_settlement(settlement).zone
        candidates: list[SpecializedPlace] = list(self.places_in_force(settlement, day))
        if include_routes:
            candidates.extend(self.routes_in_force(settlement, day))
        result: list[FreePlace] = []
        for place in candidates:
            fits = place.fits(expected_participants)
            if fits is False or (fits is None and not include_unknown_capacity):
                continue
            own = [b for b in bookings if b.place_id == place.id]
            slots = free_slots(day, zone, own, window=window, hours=place.hours, min_duration=min_duration)
            if slots:
                result.append(FreePlace(place, tuple(slots), fits is not None))
        return result


def _check_position(lon: float, lat: float) -> None:
    if not in_kazakhstan_bbox(lon, lat):
        raise RegistryError(f"position lon {lon}, lat {lat} is outside Kazakhstan's bounding box")


def _as_geometry(value: Mapping[str, Any] | BaseGeometry) -> BaseGeometry:
    if isinstance(value, Mapping):
        try:
            return parse_geometry(value)
        except Exception as exc:  # parse problems carry their own message
            raise RegistryError(f"invalid GeoJSON geometry: {exc}") from None
    return value


def _as_line(value: Sequence[Sequence[float]] | Mapping[str, Any] | BaseGeometry) -> BaseGeometry:
    if isinstance(value, Mapping):
        geometry = _as_geometry(value)
    elif isinstance(value, Sequence):
        coords = [(float(c[0]), float(c[1])) for c in value]
        if len(set(coords)) < 2:
            raise RegistryError("a route line needs at least two distinct positions")
        # The bounding box's corners are inside Kazakhstan's box only if every position is.
        lons = [c[0] for c in coords]
        lats = [c[1] for c in coords]
        _check_position(min(lons), min(lats))
        _check_position(max(lons), max(lats))
        geometry = LineString(coords)
    else:
        geometry = value
    if geometry.geom_type != "LineString":
        raise RegistryError(f"a route line must be a LineString, not {geometry.geom_type}")
    return geometry


# ------------------------------------------------------------------------------------------ files


def _registry_files(directory: Path) -> tuple[list[Path], list[Issue]]:
    issues: list[Issue] = []
    files: list[Path] = []
    for path in sorted(directory.rglob("*.geojson")):
        relative = path.relative_to(directory)
        if len(relative.parts) != 2:
            issues.append(Issue(str(path), "registry files must sit directly in a settlement folder"))
            continue
        files.append(path)
    return files, issues


def load_registry(directory: str | Path) -> Registry:
    """Read and validate every `<settlement>/<name>.geojson` under `directory` into a Registry.

    Refuses (RegistryValidationError) on any problem in any file; nothing is loaded partly.
    """
    root = Path(directory)
    if not root.is_dir():
        raise RegistryError(f"registry directory not found: {root}")
    files, issues = _registry_files(root)
    loaded: list[LoadedEntry] = []
    for path in files:
        settlement = path.parent.name
        source = str(path.relative_to(root))
        if not is_known_settlement(settlement):
            issues.append(Issue(source, f"folder {settlement!r} is not a known settlement id"))
            continue
        try:
            loaded.extend(
                parse_feature_collection(read_json_file(path), source=source, expected_settlement=settlement)
            )
        except RegistryValidationError as exc:
            issues.extend(exc.issues)
    issues.extend(overlap_issues(loaded))
    if issues:
        raise RegistryValidationError(issues)
    return Registry(loaded)


def resolve_registry_directory(
    directory: str | Path | None = None, *, environ: Mapping[str, str] | None = None
) -> Path:
    """The registry directory: `directory` if given, else $BEIBIT_REGISTRY, else the bundled data/registry.

    The only place that reads the environment variable.
    """
    if directory is not None:
        return Path(directory)
    env = os.environ if environ is None else environ
    from_env = env.get(REGISTRY_ENV_VAR)
    if from_env:
        return Path(from_env)
    if not BUNDLED_REGISTRY_DIR.is_dir():
        raise RegistryError(
            f"bundled registry not found at {BUNDLED_REGISTRY_DIR} (is the package installed from the "
            f"repository in editable mode?); pass a directory or set {REGISTRY_ENV_VAR}"
        )
    return BUNDLED_REGISTRY_DIR


def default_registry(directory: str | Path | None = None) -> Registry:
    """The registry in `directory`, $BEIBIT_REGISTRY or the repository's data/registry (in that order)."""
    return load_registry(resolve_registry_directory(directory))


def write_json_atomic(path: Path, data: object) -> None:
    """Write JSON to a temporary file beside `path`, then move it into place in one step (os.replace)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


_SLUG_PART = re.compile(r"[^a-z0-9]+")


def version_file_name(valid_from: date, decision: MaslikhatDecision) -> str:
    """File name of a settlement version: '<valid_from>_<decision slug>.geojson'."""
    label = (
        decision.number or decision.adilet_id or (decision.date.isoformat() if decision.date else "decision")
    )
    slug = _SLUG_PART.sub("-", label.lower()).strip("-") or "decision"
    return f"{valid_from.isoformat()}_{slug}.geojson"


@dataclass(frozen=True, slots=True)
class ImportResult:
    path: Path
    entries: tuple[Entry, ...]


def import_feature_collection(
    directory: str | Path,
    data: object,
    *,
    settlement: str,
    decision: MaslikhatDecision,
    valid_from: date,
    valid_to: date | None = None,
    source: str = "<import>",
    geometry_quality: Literal["approximate", "official"] | None = None,
    title: str | None = None,
) -> ImportResult:
    """Validate a FeatureCollection as a new version of `settlement` and add it to the registry directory.

    The whole file is validated first, also against what the registry already holds (overlapping validity
    of the same id); only then is it written, atomically, as `<directory>/<settlement>/<file>.geojson`.
    """
    root = Path(directory)
    get_settlement(settlement)
    existing = load_registry(root) if root.is_dir() else Registry()
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
    issues = overlap_issues(loaded, existing.loaded_entries)
    if issues:
        raise RegistryValidationError(issues)
    target = root / settlement / version_file_name(valid_from, decision)
    if target.exists():
        raise RegistryError(f"{target} already exists; a version with this date and decision is registered")
    entries = tuple(item.entry for item in loaded)
    write_json_atomic(target, feature_collection(entries, title=title))
    return ImportResult(target, entries)


def import_file(
    directory: str | Path,
    file: str | Path,
    *,
    settlement: str,
    decision: MaslikhatDecision,
    valid_from: date,
    valid_to: date | None = None,
    geometry_quality: Literal["approximate", "official"] | None = None,
) -> ImportResult:
    """`import_feature_collection` for a GeoJSON file on disk."""
    path = Path(file)
    return import_feature_collection(
        directory,
        read_json_file(path),
        settlement=settlement,
        decision=decision,
        valid_from=valid_from,
        valid_to=valid_to,
        source=str(path),
        geometry_quality=geometry_quality,
    )
