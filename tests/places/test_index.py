"""Queries of the bundled registry before and after each amendment, and of small synthetic registries.

Almaty: decision No. 462 of 2020-06-23; on 2024-08-28 the Valikhanov square (1000) gives way to the Imanov
square (500), the march route moves from Shevchenko St to Zhambyl St, and the picket-free boundary grows from
150 m to 400 m (V24R0001755, dated 2024-08-28 in this registry). Astana: the 2020 decision until 2023-12-25,
then No. 133/16-VIII of 2023-12-26.
"""

from __future__ import annotations

from datetime import date

import pytest
from shapely.geometry import Point, Polygon

from beibit.places import (
    POINT_PLACE_TOLERANCE_M,
    LocalizedName,
    MaslikhatDecision,
    Registry,
    RegistryError,
    RegistryValidationError,
    SpecializedPlace,
    UnknownSettlementError,
    geodesic_destination,
)

BEFORE = date(2023, 5, 1)
AFTER = date(2025, 5, 1)
LAST_OLD_DAY = date(2024, 8, 27)
FIRST_NEW_DAY = date(2024, 8, 28)

IN_VALIKHANOV = (76.9481, 43.2451)
IN_IMANOV = (76.9061, 43.2418)
ALMATY_AKIMAT = (76.9456, 43.2375)
SHEVCHENKO = [(76.9465, 43.2458), (76.9380, 43.2458), (76.9290, 43.2458)]
ZHAMBYL = [(76.9080, 43.2420), (76.9175, 43.2422)]


def ids(entries: list[SpecializedPlace]) -> list[str]:
    return [e.id for e in entries]


# ----------------------------------------------------------------------------------------------- Almaty


def test_almaty_places_in_force_before_and_after_the_2024_amendment(registry: Registry) -> None:
    assert ids(registry.places_in_force("almaty", BEFORE)) == [
        "almaty-gandhi-park",
        "almaty-sary-arka-square",
        "almaty-valikhanov-square",
    ]
    assert ids(registry.places_in_force("almaty", AFTER)) == [
        "almaty-gandhi-park",
        "almaty-imanov-square",
        "almaty-sary-arka-square",
    ]
    assert ids(registry.routes_in_force("almaty", BEFORE)) == ["almaty-route-shevchenko"]  # type: ignore[arg-type]
    assert ids(registry.routes_in_force("almaty", AFTER)) == ["almaty-route-zhambyl"]  # type: ignore[arg-type]


def test_nothing_in_force_before_the_2020_decision(registry: Registry) -> None:
    assert registry.places_in_force("almaty", date(2020, 6, 22)) == []
    assert not registry.has_data("almaty", date(2020, 6, 22))
    assert registry.has_data("almaty", date(2020, 6, 23))


def test_point_in_valikhanov_square_is_a_specialized_place_in_2023_but_not_in_2025(
    registry: Registry,
) -> None:
    assert ids(registry.places_containing("almaty", *IN_VALIKHANOV, BEFORE)) == ["almaty-valikhanov-square"]
    assert registry.places_containing("almaty", *IN_VALIKHANOV, AFTER) == []


@pytest.mark.parametrize(
    ("day", "valikhanov", "imanov"),
    [(LAST_OLD_DAY, True, False), (FIRST_NEW_DAY, False, True)],
)
def test_the_switch_happens_between_2024_08_27_and_2024_08_28(
    registry: Registry, day: date, valikhanov: bool, imanov: bool
) -> None:
    assert bool(registry.places_containing("almaty", *IN_VALIKHANOV, day)) is valikhanov
    assert bool(registry.places_containing("almaty", *IN_IMANOV, day)) is imanov


def test_capacities_follow_the_decisions(registry: Registry) -> None:
    valikhanov = registry.place_by_id("almaty", "almaty-valikhanov-square", BEFORE)
    imanov = registry.place_by_id("almaty", "almaty-imanov-square", AFTER)
    sary_arka = registry.place_by_id("almaty", "almaty-sary-arka-square", AFTER)
    assert valikhanov is not None and valikhanov.max_occupancy == 1000
    assert imanov is not None and imanov.max_occupancy == 500
    assert sary_arka is not None and sary_arka.max_occupancy is None  # not in the retrieved text


def test_lookup_tells_unknown_id_from_not_in_force(registry: Registry) -> None:
    gone = registry.lookup_place("almaty", "almaty-valikhanov-square", AFTER)
    assert gone.status == "not_in_force" and gone.place is None
    assert [v.valid_to for v in gone.versions] == [LAST_OLD_DAY]
    assert registry.lookup_place("almaty", "no-such-place", AFTER).status == "unknown_id"
    current = registry.lookup_place("almaty", "almaty-gandhi-park", AFTER)
    assert current.status == "in_force" and current.place is not None
    assert current.place.valid_from == FIRST_NEW_DAY and len(current.versions) == 2


def test_each_entry_names_its_decision(registry: Registry) -> None:
    imanov = registry.place_by_id("almaty", "almaty-imanov-square", AFTER)
    gandhi_old = registry.place_by_id("almaty", "almaty-gandhi-park", BEFORE)
    akimat_new = registry.object_versions("almaty", "almaty-akimat")[-1]
    assert imanov is not None and imanov.decision.date == FIRST_NEW_DAY
    assert gandhi_old is not None and gandhi_old.decision.label() == "No. 462 of 2020-06-23, reg. 1622"
    assert akimat_new.decision.adilet_id == "V24R0001755"


def test_march_along_shevchenko_matches_the_route_only_before_2024(registry: Registry) -> None:
    match = registry.route_matching("almaty", SHEVCHENKO, BEFORE)
    assert match is not None and match.route.id == "almaty-route-shevchenko"
    assert match.deviation_m < 1.0
    assert match.hausdorff_m > 100  # the march covers only part of the route
    assert registry.route_matching("almaty", SHEVCHENKO, AFTER) is None


def test_march_along_zhambyl_matches_the_route_only_after_2024(registry: Registry) -> None:
    assert registry.route_matching("almaty", ZHAMBYL, BEFORE) is None
    match = registry.route_matching("almaty", ZHAMBYL, AFTER)
    assert match is not None and match.route.id == "almaty-route-zhambyl"


def test_route_deviation_is_measured_in_metres(registry: Registry) -> None:
    # Shift the march 20 m north of Shevchenko St: deviation about 20 m, within the 30 m default tolerance.
    shifted = [geodesic_destination(lon, lat, 0.0, 20.0) for lon, lat in SHEVCHENKO]
    match = registry.route_matching("almaty", shifted, BEFORE)
    assert match is not None and 19.0 < match.deviation_m < 21.0
    assert registry.route_matching("almaty", shifted, BEFORE, tolerance_m=15.0) is None
    far = [geodesic_destination(lon, lat, 0.0, 50.0) for lon, lat in SHEVCHENKO]
    assert registry.route_matching("almaty", far, BEFORE) is None


def test_a_line_that_leaves_the_route_midway_does_not_match(registry: Registry) -> None:
    detour = [SHEVCHENKO[0], geodesic_destination(*SHEVCHENKO[1], 180.0, 300.0), SHEVCHENKO[2]]
    assert registry.route_matching("almaty", detour, BEFORE) is None


def test_route_matching_accepts_geojson(registry: Registry) -> None:
    line = {"type": "LineString", "coordinates": [list(p) for p in ZHAMBYL]}
    assert registry.route_matching("almaty", line, AFTER) is not None
    with pytest.raises(RegistryError, match="LineString"):
        registry.route_matching("almaty", {"type": "Point", "coordinates": [76.9, 43.2]}, AFTER)


def test_point_300_m_from_the_akimat_is_inside_the_400_m_boundary_but_not_the_150_m_one(
    registry: Registry,
) -> None:
    lon, lat = geodesic_destination(*ALMATY_AKIMAT, 270.0, 300.0)  # due west, away from the maslikhat
    after = registry.prohibited_zones_near("almaty", lon, lat, AFTER)
    # Nearest first; the maslikhat next door (about 350 m away) is inside its 400 m boundary too.
    assert [h.object.id for h in after] == ["almaty-akimat", "almaty-maslikhat"]
    assert after[0].buffer_m == 400 and after[0].inside is True
    assert 297.0 < after[0].distance_m < 303.0
    assert registry.prohibited_zones_near("almaty", lon, lat, date(2021, 5, 1)) == []


def test_point_100_m_from_the_akimat_is_inside_in_both_periods(registry: Registry) -> None:
    lon, lat = geodesic_destination(*ALMATY_AKIMAT, 270.0, 100.0)
    assert [h.buffer_m for h in registry.prohibited_zones_near("almaty", lon, lat, date(2021, 5, 1))] == [150]
    assert "almaty-akimat" in [h.object.id for h in registry.prohibited_zones_near("almaty", lon, lat, AFTER)]


def test_objects_near_lists_distances_whatever_the_boundary(registry: Registry) -> None:
    lon, lat = geodesic_destination(*ALMATY_AKIMAT, 270.0, 300.0)
    hits = registry.prohibited_objects_near("almaty", lon, lat, date(2021, 5, 1), radius_m=500)
    assert [h.object.id for h in hits] == ["almaty-akimat", "almaty-maslikhat"]
    assert [h.inside for h in hits] == [False, False]


# ----------------------------------------------------------------------------------------------- Astana


def test_astana_places_before_and_after_decision_133(registry: Registry) -> None:
    before = {p.id: p.max_occupancy for p in registry.places_in_force("astana", date(2023, 12, 25))}
    after = {p.id: p.max_occupancy for p in registry.places_in_force("astana", date(2023, 12, 26))}
    assert before == {
        "astana-kudaiberdiuly-pushkin-square": 1000,
        "astana-stolichny-circus-square": 1000,
        "astana-summer-site": 500,
    }
    assert after == {
        "astana-kudaiberdiuly-pushkin-square": 1000,
        "astana-stolichny-circus-square": 1000,
        "astana-zheruyyk-park": 200,
        "astana-saryarka-square": 300,
    }
    route_before = registry.routes_in_force("astana", date(2023, 12, 25))
    route_after = registry.routes_in_force("astana", date(2023, 12, 26))
    assert [r.max_occupancy for r in route_before] == [None]
    assert [r.max_occupancy for r in route_after] == [1000]


def test_astana_summer_site_is_a_place_only_under_the_2020_decision(registry: Registry) -> None:
    spot = (71.42035, 51.16715)
    assert ids(registry.places_containing("astana", *spot, date(2022, 1, 10))) == ["astana-summer-site"]
    assert registry.places_containing("astana", *spot, date(2024, 1, 10)) == []


def test_astana_boundary_unknown_is_not_reported_as_inside(registry: Registry) -> None:
    akorda = (71.4463, 51.1257)
    lon, lat = geodesic_destination(*akorda, 90.0, 50.0)
    assert registry.prohibited_zones_near("astana", lon, lat, date(2024, 6, 1)) == []
    hits = registry.prohibited_objects_near("astana", lon, lat, date(2024, 6, 1), radius_m=100)
    assert [(h.object.id, h.object.article_9_5_subparagraph, h.inside) for h in hits] == [
        ("astana-akorda", 4, None)
    ]


# ------------------------------------------------------------------------------------ synthetic registries

DECISION = MaslikhatDecision(settlement="almaty", number="1", date=date(2030, 1, 1))


def spot_place(pid: str, geometry: object) -> SpecializedPlace:
    return SpecializedPlace(
        id=pid,
        settlement="almaty",
        name=LocalizedName(en=pid),
        geometry=geometry,
        valid_from=date(2030, 1, 1),
        valid_to=None,
        decision=DECISION,
        geometry_quality="approximate",
        kind="other",
        max_occupancy=50,
    )


def test_point_place_counts_within_its_tolerance() -> None:
    centre = (76.95, 43.25)
    reg = Registry([spot_place("monument", Point(*centre))])
    near = geodesic_destination(*centre, 45.0, POINT_PLACE_TOLERANCE_M - 10)
    far = geodesic_destination(*centre, 45.0, POINT_PLACE_TOLERANCE_M + 10)
    assert ids(reg.places_containing("almaty", *near, date(2030, 5, 1))) == ["monument"]
    assert reg.places_containing("almaty", *far, date(2030, 5, 1)) == []


def test_area_inside_a_place_is_found_and_an_area_crossing_its_edge_is_not() -> None:
    big = Polygon([(76.90, 43.20), (76.92, 43.20), (76.92, 43.22), (76.90, 43.22)])
    reg = Registry([spot_place("park", big)])
    inside = {
        "type": "Polygon",
        "coordinates": [[[76.905, 43.205], [76.91, 43.205], [76.91, 43.21], [76.905, 43.205]]],
    }
    crossing = {
        "type": "Polygon",
        "coordinates": [[[76.915, 43.205], [76.93, 43.205], [76.93, 43.21], [76.915, 43.205]]],
    }
    assert ids(reg.places_containing_area("almaty", inside, date(2030, 5, 1))) == ["park"]
    assert reg.places_containing_area("almaty", crossing, date(2030, 5, 1)) == []
    assert reg.places_containing_area("almaty", inside, date(2029, 5, 1)) == []


def test_overlapping_versions_are_refused_when_building_a_registry() -> None:
    a = spot_place("x", Point(76.9, 43.2))
    with pytest.raises(RegistryValidationError, match="overlaps"):
        Registry([a, a])


def test_unknown_settlement_is_an_error_and_a_known_one_without_data_is_empty(registry: Registry) -> None:
    with pytest.raises(UnknownSettlementError):
        registry.places_in_force("atlantis", AFTER)
    assert registry.places_in_force("shymkent", AFTER) == []
    assert not registry.has_data("shymkent")
    assert registry.route_matching("shymkent", ZHAMBYL, AFTER) is None


def test_position_outside_kazakhstan_is_refused(registry: Registry) -> None:
    with pytest.raises(RegistryError, match="bounding box"):
        registry.places_containing("almaty", 43.25, 76.95, AFTER)  # swapped


def test_distance_to_an_entry_in_metres(registry: Registry) -> None:
    objects = registry.prohibited_objects_in_force("almaty", AFTER)
    akimat = next(o for o in objects if o.id == "almaty-akimat")
    lon, lat = geodesic_destination(*ALMATY_AKIMAT, 0.0, 250.0)
    assert abs(registry.distance_m("almaty", lon, lat, akimat) - 250.0) < 0.5
    valikhanov = registry.place_versions("almaty", "almaty-valikhanov-square")[0]
    assert registry.distance_m("almaty", *IN_VALIKHANOV, valikhanov) == 0.0


@pytest.mark.parametrize("metres_north", [0.0, 20.0, 28.0, 32.0, 50.0])
def test_route_followed_agrees_with_route_matching(registry: Registry, metres_north: float) -> None:
    # The engine's corridor test must give the answer the deviation measurement gives at 30 m.
    shifted = [geodesic_destination(lon, lat, 0.0, metres_north) for lon, lat in SHEVCHENKO]
    match = registry.route_matching("almaty", shifted, BEFORE)
    followed = registry.route_followed("almaty", shifted, BEFORE)
    assert (followed.id if followed else None) == (match.route.id if match else None)
    assert (followed is not None) is (metres_north <= 30.0)
    assert registry.route_followed("almaty", shifted, AFTER) is None


def test_route_followed_refuses_a_detour(registry: Registry) -> None:
    detour = [SHEVCHENKO[0], geodesic_destination(*SHEVCHENKO[1], 180.0, 300.0), SHEVCHENKO[2]]
    assert registry.route_followed("almaty", detour, BEFORE) is None
