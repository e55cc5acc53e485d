"""Benchmark of the places registry: STRtree index vs a linear scan.

Builds a synthetic Almaty registry of 10,000 places (8,000 polygons, 1,000 points, 1,000 routes) and 10,000
picket-free objects (points with 150 m or 400 m boundaries), spread over a 28 x 22 km box around the city,
with two validity periods so that date filtering is part of every query. Then times, per query:

- point -> places containing it        (Registry.places_containing)
- point -> picket-free zones around it  (Registry.prohibited_zones_near)
- line  -> specialized route it follows (Registry.route_matching, measuring the deviation; and
  Registry.route_followed, the engine's corridor test)

against two linear scans over the same projected geometries and the same predicates: a Python loop over the
entries, and a vectorized shapely scan (one array call per query). Prints the median over 5 runs of the
microseconds per query and the ratios. Run: .venv/bin/python benchmarks/places.py [--quick]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon

from beibit.places import (
    DEFAULT_ROUTE_TOLERANCE_M,
    POINT_PLACE_TOLERANCE_M,
    POLYGON_TOLERANCE_M,
    LocalizedName,
    MaslikhatDecision,
    ProhibitedObject,
    Registry,
    Route,
    SpecializedPlace,
)
from beibit.places.geo import directed_deviation_m
from beibit.places.index import ROUTE_DENSIFY_STEP_M

BOX = (76.75, 43.15, 77.10, 43.35)  # lon/lat box around Almaty
DAY = date(2025, 5, 1)
RUNS = 5
PERIODS = ((date(2020, 6, 23), date(2024, 8, 27)), (date(2024, 8, 28), None))
DECISION = MaslikhatDecision(settlement="almaty", number="bench", date=date(2020, 6, 23))
M_PER_DEG_LAT = 111_000.0
M_PER_DEG_LON = 81_000.0  # at 43.25 degrees north


def random_lonlat(rng: random.Random) -> tuple[float, float]:
    return rng.uniform(BOX[0], BOX[2]), rng.uniform(BOX[1], BOX[3])


def random_polygon(rng: random.Random, lon: float, lat: float) -> Any:
    """A random convex polygon of 30-150 m across."""
    radius = rng.uniform(15.0, 75.0)
    angles = sorted(rng.uniform(0, 2 * np.pi) for _ in range(rng.randint(4, 8)))
    ring = [
        (lon + radius * np.cos(a) / M_PER_DEG_LON, lat + radius * np.sin(a) / M_PER_DEG_LAT) for a in angles
    ]
    poly = Polygon(ring)
    return poly if poly.is_valid and poly.area > 0 else Point(lon, lat).buffer(radius / M_PER_DEG_LON)


def random_route(rng: random.Random, lon: float, lat: float) -> Any:
    """A random street-like polyline of 4-8 vertices, 0.5-2 km long."""
    points = [(lon, lat)]
    heading = rng.uniform(0, 2 * np.pi)
    for _ in range(rng.randint(3, 7)):
        step = rng.uniform(120.0, 300.0)
        heading += rng.uniform(-0.5, 0.5)
        lon += step * np.cos(heading) / M_PER_DEG_LON
        lat += step * np.sin(heading) / M_PER_DEG_LAT
        points.append((lon, lat))
    return LineString(points)


def build_entries(
    rng: random.Random, n_places: int, n_zones: int
) -> list[SpecializedPlace | ProhibitedObject]:
    entries: list[SpecializedPlace | ProhibitedObject] = []
    for i in range(n_places):
        lon, lat = random_lonlat(rng)
        valid_from, valid_to = PERIODS[rng.randrange(2)]
        common: dict[str, Any] = {
            "id": f"place-{i}",
            "settlement": "almaty",
            "name": LocalizedName(en=f"place {i}"),
            "valid_from": valid_from,
            "valid_to": valid_to,
            "decision": DECISION,
            "geometry_quality": "approximate",
            "max_occupancy": rng.choice([None, 200, 500, 1000]),
        }
        share = i % 10
        if share == 0:
            entries.append(Route(geometry=random_route(rng, lon, lat), **common))
        elif share == 1:
            entries.append(SpecializedPlace(geometry=Point(lon, lat), kind="other", **common))
        else:
            entries.append(SpecializedPlace(geometry=random_polygon(rng, lon, lat), kind="square", **common))
    for i in range(n_zones):
        lon, lat = random_lonlat(rng)
        valid_from, valid_to = PERIODS[rng.randrange(2)]
        entries.append(
            ProhibitedObject(
                id=f"zone-{i}",
                settlement="almaty",
                name=LocalizedName(en=f"zone {i}"),
                geometry=Point(lon, lat),
                valid_from=valid_from,
                valid_to=valid_to,
                decision=DECISION,
                geometry_quality="approximate",
                article_9_5_subparagraph=3,
                buffer_m=150 if valid_to is not None else 400,
            )
        )
    return entries


class LinearScan:
    """The same queries without the tree: every entry tested in a loop, or all geometries in one call."""

    def __init__(self, registry: Registry) -> None:
        index = registry.index("almaty")
        assert index is not None
        self.projection = index.projection
        self.places = [p for p in index.places if not p.is_route]
        self.place_geoms = [self.projection.to_local(p.geometry) for p in self.places]
        self.place_limits = np.array(
            [
                POINT_PLACE_TOLERANCE_M if g.geom_type == "Point" else POLYGON_TOLERANCE_M
                for g in self.place_geoms
            ]
        )
        self.routes = [p for p in index.places if isinstance(p, Route)]
        self.route_geoms = [self.projection.to_local(r.geometry) for r in self.routes]
        self.objects = list(index.objects)
        self.object_geoms = [self.projection.to_local(o.geometry) for o in self.objects]
        self.place_array = np.array(self.place_geoms, dtype=object)
        self.object_array = np.array(self.object_geoms, dtype=object)
        self.route_array = np.array(self.route_geoms, dtype=object)
        self.buffers = np.array([o.buffer_m for o in self.objects], dtype=float)

    # Python loops -------------------------------------------------------------------------------------
    def places_loop(self, lon: float, lat: float, day: date) -> list[str]:
        point = self.projection.point(lon, lat)
        return sorted(
            p.id
            for p, g, limit in zip(self.places, self.place_geoms, self.place_limits, strict=True)
            if p.in_force(day) and g.distance(point) <= limit
        )

    def zones_loop(self, lon: float, lat: float, day: date) -> list[str]:
        point = self.projection.point(lon, lat)
        return sorted(
            o.id
            for o, g in zip(self.objects, self.object_geoms, strict=True)
            if o.in_force(day) and o.buffer_m is not None and g.distance(point) <= o.buffer_m
        )

    def route_loop(self, line: Any, day: date, tolerance: float) -> str | None:
        local = self.projection.to_local(line)
        best: tuple[float, str] | None = None
        for r, g in zip(self.routes, self.route_geoms, strict=True):
            if not r.in_force(day) or g.distance(local) > tolerance:
                continue
            deviation = directed_deviation_m(local, g, ROUTE_DENSIFY_STEP_M)
            if deviation <= tolerance and (best is None or (deviation, r.id) < best):
                best = (deviation, r.id)
        return best[1] if best else None

    # Vectorized ---------------------------------------------------------------------------------------
    def places_vector(self, lon: float, lat: float, day: date) -> list[str]:
        point = self.projection.point(lon, lat)
        near = np.nonzero(shapely.distance(self.place_array, point) <= self.place_limits)[0]
        return sorted(self.places[i].id for i in near if self.places[i].in_force(day))

    def zones_vector(self, lon: float, lat: float, day: date) -> list[str]:
        point = self.projection.point(lon, lat)
        near = np.nonzero(shapely.distance(self.object_array, point) <= self.buffers)[0]
        return sorted(self.objects[i].id for i in near if self.objects[i].in_force(day))

    def route_vector(self, line: Any, day: date, tolerance: float) -> str | None:
        local = self.projection.to_local(line)
        near = np.nonzero(shapely.distance(self.route_array, local) <= tolerance)[0]
        best: tuple[float, str] | None = None
        for i in near:
            r = self.routes[i]
            if not r.in_force(day):
                continue
            deviation = directed_deviation_m(local, self.route_geoms[i], ROUTE_DENSIFY_STEP_M)
            if deviation <= tolerance and (best is None or (deviation, r.id) < best):
                best = (deviation, r.id)
        return best[1] if best else None


def median_us_per_query(fn: Callable[[Any], object], queries: Sequence[Any]) -> float:
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        for q in queries:
            fn(q)
        timings.append((time.perf_counter() - start) / len(queries) * 1e6)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 places and zones instead of 10,000")
    parser.add_argument("--seed", type=int, default=333)
    args = parser.parse_args()
    n = 1_000 if args.quick else 10_000
    rng = random.Random(args.seed)

    start = time.perf_counter()
    entries = build_entries(rng, n, n)
    built = time.perf_counter()
    registry = Registry(entries)
    indexed = time.perf_counter()
    linear = LinearScan(registry)
    print(f"registry: {n:,} places ({n // 10:,} routes) and {n:,} zones around Almaty; query day {DAY}")
    print(f"build entries {built - start:.1f} s, validate + index {indexed - built:.1f} s")

    points = [random_lonlat(rng) for _ in range(300)]
    # Half the lines follow a route (shifted up to 10 m), half are random lines.
    routes = [e for e in entries if isinstance(e, Route) and e.in_force(DAY)]
    lines = []
    for i in range(100):
        if i % 2 == 0:
            coords = list(rng.choice(routes).geometry.coords)[1:4]
            dx, dy = rng.uniform(-10, 10) / M_PER_DEG_LON, rng.uniform(-10, 10) / M_PER_DEG_LAT
            lines.append(LineString([(x + dx, y + dy) for x, y in coords]))
        else:
            lines.append(random_route(rng, *random_lonlat(rng)))

    # The three implementations must agree before their speed means anything.
    for lon, lat in points[:100]:
        via_index = sorted(p.id for p in registry.places_containing("almaty", lon, lat, DAY))
        assert via_index == linear.places_loop(lon, lat, DAY) == linear.places_vector(lon, lat, DAY)
        zones = sorted(h.object.id for h in registry.prohibited_zones_near("almaty", lon, lat, DAY))
        assert zones == linear.zones_loop(lon, lat, DAY) == linear.zones_vector(lon, lat, DAY)
    matched = 0
    for line in lines:
        match = registry.route_matching("almaty", line, DAY)
        via_index_route = match.route.id if match else None
        matched += via_index_route is not None
        tol = DEFAULT_ROUTE_TOLERANCE_M
        assert via_index_route == linear.route_loop(line, DAY, tol) == linear.route_vector(line, DAY, tol)
        followed = registry.route_followed("almaty", line, DAY)
        assert (followed.id if followed else None) == via_index_route, "corridor and deviation disagree"
    print(f"agreement checked on 100 points and {len(lines)} lines ({matched} lines follow a route)")

    rows = [
        (
            "point -> places containing it",
            median_us_per_query(lambda q: registry.places_containing("almaty", q[0], q[1], DAY), points),
            median_us_per_query(lambda q: linear.places_loop(q[0], q[1], DAY), points),
            median_us_per_query(lambda q: linear.places_vector(q[0], q[1], DAY), points),
        ),
        (
            "point -> picket-free zones",
            median_us_per_query(lambda q: registry.prohibited_zones_near("almaty", q[0], q[1], DAY), points),
            median_us_per_query(lambda q: linear.zones_loop(q[0], q[1], DAY), points),
            median_us_per_query(lambda q: linear.zones_vector(q[0], q[1], DAY), points),
        ),
        (
            "line  -> matching route",
            median_us_per_query(lambda q: registry.route_matching("almaty", q, DAY), lines),
            median_us_per_query(lambda q: linear.route_loop(q, DAY, DEFAULT_ROUTE_TOLERANCE_M), lines),
            median_us_per_query(lambda q: linear.route_vector(q, DAY, DEFAULT_ROUTE_TOLERANCE_M), lines),
        ),
        (
            "line  -> route followed (corridor)",
            median_us_per_query(lambda q: registry.route_followed("almaty", q, DAY), lines),
            median_us_per_query(lambda q: linear.route_loop(q, DAY, DEFAULT_ROUTE_TOLERANCE_M), lines),
            median_us_per_query(lambda q: linear.route_vector(q, DAY, DEFAULT_ROUTE_TOLERANCE_M), lines),
        ),
    ]
    print(
        f"\nmedian of {RUNS} runs, microseconds per query ({len(points)} points, {len(lines)} lines per run)"
    )
    header = f"{'query':<32}{'STRtree':>10}{'linear loop':>14}{'ratio':>8}{'linear vector':>16}{'ratio':>8}"
    print(header)
    print("-" * len(header))
    for name, tree, loop, vector in rows:
        print(
            f"{name:<32}{tree:>10.1f}{loop:>14.1f}{loop / tree:>7.0f}x{vector:>16.1f}{vector / tree:>7.1f}x"
        )


if __name__ == "__main__":
    main()
