"""Spatial index of one settlement: STRtrees over geometries projected to local metres.

One index holds every version of every entry of the settlement; a query first asks the tree for the
candidates near the geometry and then keeps those in force on the assembly day. Versions of an entry are few
(one per amending decision), so filtering by date after the spatial step costs little.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
import shapely  # type: ignore[import-untyped, unused-ignore]
from shapely.geometry.base import BaseGeometry  # type: ignore[import-untyped, unused-ignore]

from beibit.places.geo import LocalProjection, directed_deviation_m
from beibit.places.model import ProhibitedObject, Route, SpecializedPlace, require_day

#: A position within this many metres of a Point-geometry place counts as at the place. A Point place is one
#: the decision describes by a spot ("by the monument"); 50 m is about the radius of a small square.
POINT_PLACE_TOLERANCE_M = 50.0
#: A position or an area within this many metres outside a Polygon place still counts as inside it; this only
#: absorbs rounding of coordinates (7 decimals of a degree are about 1 cm).
POLYGON_TOLERANCE_M = 1.0
#: Default tolerance of `route_matching`: the farthest any point of a march's line may be from the specialized
#: route (about half the width of a main street plus the approximation of hand-drawn lines).
DEFAULT_ROUTE_TOLERANCE_M = 30.0
#: Reach of the WGS 84 pre-filter of picket-free objects (at least the widest known boundary): the engine
#: asks for objects within 800 m, the widest boundary any maslikhat decision in the data sets.
OBJECT_PREFILTER_M = 1000.0
#: Lines are densified to this step before measuring their deviation from a route.
ROUTE_DENSIFY_STEP_M = 5.0
#: Up to this many geometries, the WGS 84 queries scan bounding boxes in plain Python instead of asking an
#: STRtree: a city's registry holds a few dozen entries, and at that size a tree query's fixed cost (numpy
#: arrays in and out) is several times a scan. Larger indexes (benchmarks/places.py: 10,000) use the trees.
SCAN_LIMIT = 64


class _Boxes:
    """Bounding boxes of WGS 84 geometries, scanned one by one (see SCAN_LIMIT)."""

    __slots__ = ("boxes",)

    def __init__(self, geometries: Sequence[BaseGeometry]) -> None:
        self.boxes: list[tuple[float, float, float, float]] = [
            tuple(float(v) for v in g.bounds)  # type: ignore[misc]
            for g in geometries
        ]

    def at(self, x: float, y: float) -> list[int]:
        return [i for i, (x0, y0, x1, y1) in enumerate(self.boxes) if x0 <= x <= x1 and y0 <= y <= y1]

    def near(self, x: float, y: float, distance: float) -> list[int]:
        return [
            i
            for i, (x0, y0, x1, y1) in enumerate(self.boxes)
            if x0 - distance <= x <= x1 + distance and y0 - distance <= y <= y1 + distance
        ]

    def around(self, x0: float, y0: float, x1: float, y1: float) -> list[int]:
        return [i for i, (a, b, c, d) in enumerate(self.boxes) if a <= x0 and b <= y0 and x1 <= c and y1 <= d]


@dataclass(frozen=True, slots=True)
class RouteMatch:
    """A specialized route a march line follows: `deviation_m` is the farthest any point of the line is from
    the route; `hausdorff_m` also counts the parts of the route the line does not cover."""

    route: Route
    deviation_m: float
    hausdorff_m: float


@dataclass(frozen=True, slots=True)
class ZoneHit:
    """A picket-free object near a position: the distance to it and the boundary in force that day.

    `inside` is True when distance_m <= buffer_m, False when beyond it, and None when the decision's boundary
    is not known (buffer_m is None).
    """

    object: ProhibitedObject
    distance_m: float
    buffer_m: int | None

    @property
    def inside(self) -> bool | None:
        if self.buffer_m is None:
            return None
        return self.distance_m <= self.buffer_m


class SettlementIndex:
    """Places, routes and picket-free objects of one settlement, with STRtrees in local metres."""

    def __init__(
        self,
        settlement: str,
        places: Sequence[SpecializedPlace],
        objects: Sequence[ProhibitedObject],
    ) -> None:
        self.settlement = settlement
        self.places: tuple[SpecializedPlace, ...] = tuple(places)
        self.objects: tuple[ProhibitedObject, ...] = tuple(objects)
        geometries = [e.geometry for e in (*self.places, *self.objects)]
        # Centre on the settlement's data; with no data any centre serves (no query finds anything).
        self.projection = (
            LocalProjection.centred_on(geometries) if geometries else LocalProjection(71.0, 48.0)
        )
        self._place_geoms: list[BaseGeometry] = [self.projection.to_local(p.geometry) for p in self.places]
        self._object_geoms: list[BaseGeometry] = [self.projection.to_local(o.geometry) for o in self.objects]
        self._place_tree = shapely.STRtree(self._place_geoms)
        self._object_tree = shapely.STRtree(self._object_geoms)
        self._object_boxes = _Boxes(self._object_geoms) if len(self._object_geoms) <= SCAN_LIMIT else None
        # A picket's position is projected once however many questions are asked of it.
        self._local_point = lru_cache(maxsize=1024)(self.projection.point)
        known = [o.buffer_m for o in self.objects if o.buffer_m is not None]
        self._max_buffer_m = float(max(known)) if known else 0.0
        # Corridors around routes for the default tolerance, prepared once: "does the line stay within
        # tolerance of the route" becomes one prepared `covers` test instead of a densified distance scan.
        # The corridors are kept in WGS 84 (built in metres, densified, projected back), so a march's line
        # is tested as given, without projecting it.
        self._corridor_routes: list[Route] = []
        corridors: list[BaseGeometry] = []
        for i, place in enumerate(self.places):
            if isinstance(place, Route):
                local = shapely.segmentize(self._place_geoms[i].buffer(DEFAULT_ROUTE_TOLERANCE_M), 5.0)
                corridor = self.projection.to_wgs84(local)
                shapely.prepare(corridor)
                corridors.append(corridor)
                self._corridor_routes.append(place)
        self._corridors = corridors
        self._corridor_tree = shapely.STRtree(corridors)
        self._corridor_boxes = _Boxes(corridors) if len(corridors) <= SCAN_LIMIT else None
        # Non-route places grown by their tolerance, in WGS 84 too: a point query needs no projection.
        self._area_places: list[SpecializedPlace] = []
        areas: list[BaseGeometry] = []
        for i, place in enumerate(self.places):
            if not place.is_route:
                geom = self._place_geoms[i]
                limit = POINT_PLACE_TOLERANCE_M if geom.geom_type == "Point" else POLYGON_TOLERANCE_M
                areas.append(self.projection.to_wgs84(shapely.segmentize(geom.buffer(limit), 5.0)))
                self._area_places.append(place)
        for area in areas:
            shapely.prepare(area)
        self._areas = areas
        self._area_tree = shapely.STRtree(areas)
        self._area_boxes = _Boxes(areas) if len(areas) <= SCAN_LIMIT else None
        # Objects grown by the widest reach asked of them, in WGS 84: a point far from every object is
        # answered without projecting it (most pickets are nowhere near a picket-free object).
        self._object_reach_m = max(self._max_buffer_m, OBJECT_PREFILTER_M)
        reaches = [
            self.projection.to_wgs84(shapely.segmentize(g.buffer(self._object_reach_m), 20.0))
            for g in self._object_geoms
        ]
        for reach in reaches:
            shapely.prepare(reach)
        self._object_reaches = reaches
        self._object_reach_tree = shapely.STRtree(reaches)
        self._object_reach_boxes = _Boxes(reaches) if len(reaches) <= SCAN_LIMIT else None

    @property
    def max_buffer_m(self) -> float:
        """The widest known picket-free boundary of any version of any object (0 when none is known)."""
        return self._max_buffer_m

    # -------------------------------------------------------------------------------------------- helpers

    def _candidates(self, tree: Any, geometry: BaseGeometry, distance_m: float) -> list[int]:
        hits = tree.query(geometry, predicate="dwithin", distance=distance_m)
        return sorted(int(i) for i in np.asarray(hits))

    def local_geometry(self, place_or_object: SpecializedPlace | ProhibitedObject) -> BaseGeometry:
        """The projected (metre) geometry of an entry of this index."""
        if isinstance(place_or_object, ProhibitedObject):
            return self._object_geoms[self.objects.index(place_or_object)]
        return self._place_geoms[self.places.index(place_or_object)]

    # -------------------------------------------------------------------------------------------- queries

    def places_at(self, lon: float, lat: float, day: date) -> list[SpecializedPlace]:
        """Non-route places in force on `day` that contain the position (tolerances above)."""
        require_day(day)
        if self._area_boxes is not None:
            areas = self._areas
            indices = [i for i in self._area_boxes.at(lon, lat) if shapely.intersects_xy(areas[i], lon, lat)]
        else:
            hits = self._area_tree.query(shapely.Point(lon, lat), predicate="intersects")
            indices = sorted(int(j) for j in np.asarray(hits))
        return [place for place in (self._area_places[i] for i in indices) if place.in_force(day)]

    def places_covering(self, area: BaseGeometry, day: date) -> list[SpecializedPlace]:
        """Non-route places in force on `day` that wholly contain `area` (a WGS 84 geometry)."""
        require_day(day)
        local = self.projection.to_local(area)
        found: list[SpecializedPlace] = []
        for i in self._candidates(self._place_tree, local, POINT_PLACE_TOLERANCE_M):
            place = self.places[i]
            if place.is_route or not place.in_force(day):
                continue
            geom = self._place_geoms[i]
            limit = POINT_PLACE_TOLERANCE_M if geom.geom_type == "Point" else POLYGON_TOLERANCE_M
            if bool(geom.buffer(limit).covers(local)):
                found.append(place)
        return found

    def routes_matching(self, line: BaseGeometry, day: date, tolerance_m: float) -> list[RouteMatch]:
        """Routes in force on `day` that the WGS 84 `line` follows within `tolerance_m`, best first."""
        require_day(day)
        if tolerance_m < 0:
            raise ValueError("tolerance_m must not be negative")
        local = self.projection.to_local(line)
        matches: list[RouteMatch] = []
        for i in self._candidates(self._place_tree, local, tolerance_m):
            place = self.places[i]
            if not isinstance(place, Route) or not place.in_force(day):
                continue
            route_geom = self._place_geoms[i]
            deviation = directed_deviation_m(local, route_geom, ROUTE_DENSIFY_STEP_M)
            if deviation <= tolerance_m:
                back = directed_deviation_m(route_geom, local, ROUTE_DENSIFY_STEP_M)
                matches.append(RouteMatch(place, deviation, max(deviation, back)))
        return sorted(matches, key=lambda m: (m.deviation_m, m.route.id))

    def route_followed(self, line: BaseGeometry, day: date) -> Route | None:
        """The route in force on `day` whose corridor of DEFAULT_ROUTE_TOLERANCE_M holds the whole WGS 84
        `line` (the question `routes_matching` answers at the default tolerance, without measuring
        deviations; the corridor's round ends are polygons, so it is narrower by at most 0.2 %)."""
        require_day(day)
        indices: list[int]
        if self._corridor_boxes is not None:
            x0, y0, x1, y1 = line.bounds
            indices = [
                i for i in self._corridor_boxes.around(x0, y0, x1, y1) if self._corridors[i].contains(line)
            ]
        else:
            indices = sorted(int(j) for j in np.asarray(self._corridor_tree.query(line, predicate="within")))
        for i in indices:
            route = self._corridor_routes[i]
            if route.in_force(day):
                return route
        return None

    def objects_near(self, lon: float, lat: float, day: date, radius_m: float | None) -> list[ZoneHit]:
        """Picket-free objects in force on `day` near the position, nearest first.

        With `radius_m=None`: those whose known boundary contains the position (distance <= buffer_m).
        With a radius: every object within it, whatever its boundary (unknown boundaries included).
        """
        require_day(day)
        reach = self._max_buffer_m if radius_m is None else radius_m
        if reach <= self._object_reach_m and not self._near_any_object(lon, lat):
            return []
        point = self._local_point(lon, lat)
        if self._object_boxes is not None:
            # Box within reach, then the exact distance below: the same candidates as the tree's dwithin.
            candidates = self._object_boxes.near(point.x, point.y, reach)
        else:
            candidates = self._candidates(self._object_tree, point, reach)
        hits: list[ZoneHit] = []
        for i in candidates:
            obj = self.objects[i]
            if not obj.in_force(day):
                continue
            distance = float(self._object_geoms[i].distance(point))
            hit = ZoneHit(obj, distance, obj.buffer_m)
            if radius_m is None and hit.inside is not True:
                continue
            if radius_m is not None and distance > radius_m:
                continue
            hits.append(hit)
        return sorted(hits, key=lambda h: (h.distance_m, h.object.id))

    def _near_any_object(self, lon: float, lat: float) -> bool:
        """Whether the position is within the pre-filter reach of some object (any version, any day)."""
        if self._object_reach_boxes is not None:
            return any(
                shapely.intersects_xy(self._object_reaches[i], lon, lat)
                for i in self._object_reach_boxes.at(lon, lat)
            )
        return bool(len(self._object_reach_tree.query(shapely.Point(lon, lat), predicate="intersects")))

    def distance_m(self, a: BaseGeometry, b: BaseGeometry) -> float:
        """Distance in metres between two WGS 84 geometries, in this settlement's local projection."""
        return self.projection.distance_m(a, b)
