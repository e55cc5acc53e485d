"""Geometry helpers: the Kazakhstan bounding box, geodesic distances and a local metric projection.

All distances are in metres. The index projects WGS 84 longitude/latitude to an azimuthal equidistant
projection centred on the settlement, where a metre is a metre in every direction to well under 0.01 % within
tens of kilometres of the centre; `geodesic_distance_m` is exact on the WGS 84 ellipsoid.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely  # type: ignore[import-untyped, unused-ignore]
from pyproj import CRS, Geod, Transformer
from shapely.geometry.base import BaseGeometry  # type: ignore[import-untyped, unused-ignore]

#: Generous box around Kazakhstan: (min lon, min lat, max lon, max lat). Coordinates outside it are refused
#: on import. It also covers bits of neighbouring countries; it only catches swapped or foreign coordinates.
KAZAKHSTAN_BBOX: tuple[float, float, float, float] = (46.0, 40.0, 88.0, 56.0)

_GEOD = Geod(ellps="WGS84")


def in_kazakhstan_bbox(lon: float, lat: float) -> bool:
    """Whether a WGS 84 position lies inside KAZAKHSTAN_BBOX (bounds inclusive)."""
    min_lon, min_lat, max_lon, max_lat = KAZAKHSTAN_BBOX
    return min_lon <= lon <= max_lon and min_lat <= lat <= max_lat


def geodesic_distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Distance in metres between two WGS 84 positions along the ellipsoid (pyproj Geod, WGS 84)."""
    _, _, dist = _GEOD.inv(lon1, lat1, lon2, lat2)
    return float(dist)


def geodesic_destination(
    lon: float, lat: float, azimuth_deg: float, distance_m: float
) -> tuple[float, float]:
    """The WGS 84 position `distance_m` metres from (lon, lat) along `azimuth_deg` (0 = north, 90 = east)."""
    lon2, lat2, _ = _GEOD.fwd(lon, lat, azimuth_deg, distance_m)
    return float(lon2), float(lat2)


@dataclass(frozen=True)
class LocalProjection:
    """Azimuthal equidistant projection (metres) centred on (lon0, lat0), with the inverse."""

    lon0: float
    lat0: float
    _forward: Transformer = field(init=False, repr=False, compare=False)
    _inverse: Transformer = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        local = CRS.from_proj4(
            f"+proj=aeqd +lat_0={self.lat0} +lon_0={self.lon0} +datum=WGS84 +units=m +no_defs"
        )
        object.__setattr__(self, "_forward", Transformer.from_crs("EPSG:4326", local, always_xy=True))
        object.__setattr__(self, "_inverse", Transformer.from_crs(local, "EPSG:4326", always_xy=True))

    @classmethod
    def centred_on(cls, geometries: Iterable[BaseGeometry]) -> LocalProjection:
        """A projection centred on the middle of the bounding box of `geometries` (WGS 84)."""
        geoms = [g for g in geometries if g is not None and not g.is_empty]
        if not geoms:
            raise ValueError("cannot centre a projection on no geometry")
        min_lon, min_lat, max_lon, max_lat = (float(v) for v in shapely.total_bounds(geoms))
        return cls((min_lon + max_lon) / 2.0, (min_lat + max_lat) / 2.0)

    def _apply(self, transformer: Transformer, coords: Any) -> Any:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    def to_local(self, geometry: BaseGeometry) -> BaseGeometry:
        """The geometry in local metres."""
        return shapely.transform(geometry, lambda c: self._apply(self._forward, c))

    def to_wgs84(self, geometry: BaseGeometry) -> BaseGeometry:
        """A local-metre geometry back in WGS 84 longitude/latitude."""
        return shapely.transform(geometry, lambda c: self._apply(self._inverse, c))

    def point(self, lon: float, lat: float) -> BaseGeometry:
        """A WGS 84 position as a local Point."""
        x, y = self._forward.transform(lon, lat)
        return shapely.Point(float(x), float(y))

    def distance_m(self, a: BaseGeometry, b: BaseGeometry) -> float:
        """Shortest distance in metres between two WGS 84 geometries (0 when they touch or overlap)."""
        return float(shapely.distance(self.to_local(a), self.to_local(b)))


def directed_deviation_m(line: BaseGeometry, target: BaseGeometry, step_m: float) -> float:
    """Largest distance (metres) from any point of `line` to `target`, both in local metres.

    The line is first densified so that no segment is longer than `step_m`, so the answer is the directed
    Hausdorff distance to within `step_m`.
    """
    dense = shapely.segmentize(line, max_segment_length=step_m)
    points = shapely.points(shapely.get_coordinates(dense))
    return float(np.max(shapely.distance(points, target)))
