"""Distances are metres, and the local projection agrees with the WGS 84 geodesic."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from beibit.places import LocalProjection, geodesic_destination, geodesic_distance_m


def test_geodesic_distance_of_one_degree_of_longitude_on_the_equator() -> None:
    # WGS 84 semi-major axis 6,378,137 m: one degree of the equator is 111,319.49 m.
    assert math.isclose(geodesic_distance_m(0.0, 0.0, 1.0, 0.0), 111_319.49, rel_tol=1e-6)


def test_known_distance_almaty_to_astana_within_one_percent() -> None:
    # Republic Square (Almaty) to Akorda (Astana): about 967 km on the ellipsoid.
    almaty, astana = (76.9456, 43.2375), (71.4463, 51.1257)
    geodesic = geodesic_distance_m(*almaty, *astana)
    assert 955_000 < geodesic < 980_000
    local = LocalProjection(76.9456, 43.2375).distance_m(Point(*almaty), Point(*astana))
    assert math.isclose(local, geodesic, rel_tol=0.01)


def test_local_distance_matches_geodesic_within_a_city() -> None:
    projection = LocalProjection(76.93, 43.24)
    a, b = (76.8655, 43.2390), (76.9530, 43.2520)  # Sary-Arka square to the east of the centre, ~7 km
    local = projection.distance_m(Point(*a), Point(*b))
    assert math.isclose(local, geodesic_distance_m(*a, *b), rel_tol=1e-4)


def test_degrees_are_not_metres() -> None:
    projection = LocalProjection(76.93, 43.24)
    d = projection.distance_m(Point(76.93, 43.24), Point(76.94, 43.24))
    assert 800 < d < 820  # 0.01 degree of longitude at 43 degrees north


@settings(max_examples=60, deadline=None)
@given(
    lon=st.floats(76.75, 77.10),
    lat=st.floats(43.15, 43.35),
    azimuth=st.floats(0, 360),
    distance=st.floats(1.0, 5_000.0),
)
def test_projection_preserves_distances_around_almaty(
    lon: float, lat: float, azimuth: float, distance: float
) -> None:
    projection = LocalProjection(76.93, 43.24)
    lon2, lat2 = geodesic_destination(lon, lat, azimuth, distance)
    local = projection.distance_m(Point(lon, lat), Point(lon2, lat2))
    assert math.isclose(local, distance, rel_tol=1e-3)


def test_projection_round_trip() -> None:
    projection = LocalProjection(71.43, 51.13)
    point = Point(71.4463, 51.1257)
    back = projection.to_wgs84(projection.to_local(point))
    assert back.distance(point) < 1e-9
