"""Domain values: invariants of places, routes, objects and decisions (333-VI art. 1(3), 8(2), 9(5))."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from shapely.geometry import LineString, Point, Polygon

from beibit.places import (
    LocalizedName,
    MaslikhatDecision,
    OpeningHours,
    ProhibitedObject,
    Route,
    SpecializedPlace,
    UsageLimits,
)
from beibit.places.model import periods_overlap

DECISION = MaslikhatDecision(settlement="almaty", number="462", date=date(2020, 6, 23), registration="1622")
SQUARE = Polygon([(76.90, 43.20), (76.91, 43.20), (76.91, 43.21), (76.90, 43.21)])
LINE = LineString([(76.90, 43.20), (76.92, 43.20)])


def make_place(**overrides: object) -> SpecializedPlace:
    fields: dict[str, object] = {
        "id": "p",
        "settlement": "almaty",
        "name": LocalizedName(en="P"),
        "geometry": SQUARE,
        "valid_from": date(2020, 6, 23),
        "valid_to": date(2024, 8, 27),
        "decision": DECISION,
        "geometry_quality": "approximate",
        "kind": "square",
        "max_occupancy": 1000,
    }
    fields.update(overrides)
    return SpecializedPlace(**fields)  # type: ignore[arg-type]


def test_validity_period_is_inclusive_on_both_ends() -> None:
    place = make_place()
    assert not place.in_force(date(2020, 6, 22))
    assert place.in_force(date(2020, 6, 23))
    assert place.in_force(date(2024, 8, 27))
    assert not place.in_force(date(2024, 8, 28))


def test_open_ended_validity_runs_forever() -> None:
    assert make_place(valid_to=None).in_force(date(2999, 1, 1))


def test_queries_take_a_day_not_a_datetime() -> None:
    with pytest.raises(TypeError):
        make_place().in_force(datetime(2021, 1, 1, 10, 0))


def test_valid_to_before_valid_from_is_refused() -> None:
    with pytest.raises(ValueError, match="before valid_from"):
        make_place(valid_to=date(2020, 1, 1))


def test_periods_overlap_on_shared_boundary_day() -> None:
    assert periods_overlap(date(2020, 1, 1), date(2020, 12, 31), date(2020, 12, 31), None)
    assert not periods_overlap(date(2020, 1, 1), date(2020, 12, 30), date(2020, 12, 31), None)
    assert periods_overlap(date(2020, 1, 1), None, date(1990, 1, 1), date(2020, 1, 1))


@pytest.mark.parametrize("bad", [0, -5, True, 2.5])
def test_max_occupancy_is_a_positive_integer_or_none(bad: object) -> None:
    with pytest.raises(ValueError, match="max_occupancy"):
        make_place(max_occupancy=bad)


def test_unknown_occupancy_is_none_and_fits_says_unknown() -> None:
    place = make_place(max_occupancy=None)
    assert place.fits(10_000) is None
    assert make_place(max_occupancy=500).fits(500) is True
    assert make_place(max_occupancy=500).fits(501) is False


def test_a_place_of_kind_route_must_be_a_route() -> None:
    with pytest.raises(ValueError, match="must be a Route"):
        make_place(kind="route", geometry=LINE)


def test_a_square_cannot_be_a_line() -> None:
    with pytest.raises(ValueError, match="Point, Polygon or MultiPolygon"):
        make_place(geometry=LINE)


def test_route_needs_a_linestring() -> None:
    route = Route(
        id="r",
        settlement="almaty",
        name=LocalizedName(en="R"),
        geometry=LINE,
        valid_from=date(2020, 6, 23),
        valid_to=None,
        decision=DECISION,
        geometry_quality="approximate",
        max_occupancy=None,
    )
    assert route.kind == "route" and route.is_route
    with pytest.raises(ValueError, match="LineString"):
        Route(
            id="r",
            settlement="almaty",
            name=LocalizedName(en="R"),
            geometry=SQUARE,
            valid_from=date(2020, 6, 23),
            valid_to=None,
            decision=DECISION,
            geometry_quality="approximate",
            max_occupancy=None,
        )


def test_prohibited_object_checks_subparagraph_and_buffer() -> None:
    fields: dict[str, object] = {
        "id": "o",
        "settlement": "almaty",
        "name": LocalizedName(en="O"),
        "geometry": Point(76.9, 43.2),
        "valid_from": date(2020, 6, 23),
        "valid_to": None,
        "decision": DECISION,
        "geometry_quality": "approximate",
        "article_9_5_subparagraph": 4,
        "buffer_m": 150,
    }
    obj = ProhibitedObject(**fields)  # type: ignore[arg-type]
    assert obj.citation == "333-VI art. 9(5)(4)"
    with pytest.raises(ValueError, match=r"1\.\.6"):
        ProhibitedObject(**{**fields, "article_9_5_subparagraph": 7})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="buffer_m"):
        ProhibitedObject(**{**fields, "buffer_m": -1})  # type: ignore[arg-type]
    assert ProhibitedObject(**{**fields, "buffer_m": None}).buffer_m is None  # type: ignore[arg-type]


def test_decision_needs_something_that_identifies_it() -> None:
    with pytest.raises(ValueError, match="decision needs"):
        MaslikhatDecision(settlement="astana", number=None, date=None)
    only_note = MaslikhatDecision(settlement="astana", number=None, date=None, note="2020 decision")
    assert only_note.label() == "2020 decision"
    assert DECISION.label() == "No. 462 of 2020-06-23, reg. 1622"
    assert MaslikhatDecision(
        settlement="almaty", number=None, date=None, adilet_id="V24R0001755"
    ).label() == ("adilet V24R0001755")


def test_decision_of_another_settlement_is_refused() -> None:
    with pytest.raises(ValueError, match="belongs to astana"):
        make_place(decision=MaslikhatDecision(settlement="astana", number="1", date=None))


def test_localized_name_falls_back_to_a_known_language() -> None:
    name = LocalizedName(ru="сквер")
    assert name.text("en") == "сквер"
    assert LocalizedName(ru="сквер", en="square").text("ru") == "сквер"
    with pytest.raises(ValueError):
        LocalizedName()


def test_opening_hours_and_usage_limits_are_checked() -> None:
    with pytest.raises(ValueError):
        OpeningHours(datetime(2020, 1, 1, 12).time(), datetime(2020, 1, 1, 10).time())
    with pytest.raises(ValueError):
        UsageLimits(min_distance_between_pickets_m=0)
    assert UsageLimits(min_distance_between_pickets_m=100).min_distance_between_pickets_m == 100
