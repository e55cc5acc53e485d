"""Bookings, overlaps and free places between 09:00 and 20:00 local time (333-VI art. 9(3), 9(4))."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from beibit.places import Booking, OpeningHours, Registry, bookings_overlap, free_slots, overlapping_bookings

ALMATY = ZoneInfo("Asia/Almaty")
#: 333-VI art. 9(4) as the regime states it (earliest_start, latest_end).
LAW_WINDOW = (time(9, 0), time(20, 0))
DAY = date(2025, 5, 15)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ALMATY)


def test_bookings_of_the_same_place_overlapping_in_time() -> None:
    a = Booking("p", at(10), at(12))
    assert bookings_overlap(a, Booking("p", at(11), at(13)))
    assert not bookings_overlap(a, Booking("p", at(12), at(13)))  # back to back
    assert not bookings_overlap(a, Booking("q", at(11), at(13)))  # another place


def test_overlap_detection_across_time_zones() -> None:
    a = Booking("p", at(10), at(12))
    utc = Booking("p", datetime(2025, 5, 15, 6, 30, tzinfo=UTC), datetime(2025, 5, 15, 8, tzinfo=UTC))
    assert bookings_overlap(a, utc)  # 06:30 UTC is 11:30 in Almaty (UTC+5)


def test_overlapping_bookings_lists_every_pair() -> None:
    a = Booking("p", at(10), at(12), "a")
    b = Booking("p", at(11), at(15), "b")
    c = Booking("p", at(14), at(16), "c")
    d = Booking("p", at(16), at(17), "d")
    e = Booking("q", at(10), at(12), "e")
    pairs = overlapping_bookings([a, b, c, d, e])
    assert [(x.reference, y.reference) for x, y in pairs] == [("a", "b"), ("b", "c")]


def test_naive_or_reversed_bookings_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        Booking("p", datetime(2025, 5, 15, 10), at(12))
    with pytest.raises(ValueError, match="after"):
        Booking("p", at(12), at(12))


def test_free_slots_between_bookings() -> None:
    slots = free_slots(
        DAY, "Asia/Almaty", [Booking("p", at(10), at(12)), Booking("p", at(15), at(16))], window=LAW_WINDOW
    )
    assert [(s.starts_at.time(), s.ends_at.time()) for s in slots] == [
        (time(9), time(10)),
        (time(12), time(15)),
        (time(16), time(20)),
    ]
    assert all(s.starts_at.tzinfo == ALMATY for s in slots)


def test_free_slots_clip_bookings_to_the_day_window() -> None:
    early = Booking("p", at(7), at(9, 30))
    late = Booking("p", at(19), datetime.combine(DAY + timedelta(days=1), time(1), tzinfo=ALMATY))
    slots = free_slots(
        DAY, "Asia/Almaty", [early, late], min_duration=timedelta(minutes=30), window=LAW_WINDOW
    )
    assert [(s.starts_at.time(), s.ends_at.time()) for s in slots] == [(time(9, 30), time(19))]


def test_free_slots_respect_place_hours_and_minimum_duration() -> None:
    slots = free_slots(
        DAY,
        "Asia/Almaty",
        [Booking("p", at(10, 30), at(11, 45))],
        hours=OpeningHours(time(10), time(18)),
        min_duration=timedelta(hours=1),
        window=LAW_WINDOW,
    )
    assert [(s.starts_at.time(), s.ends_at.time()) for s in slots] == [(time(11, 45), time(18))]


def test_fully_booked_day_has_no_free_slot() -> None:
    assert free_slots(DAY, "Asia/Almaty", [Booking("p", at(8), at(21))], window=LAW_WINDOW) == []


def test_free_places_filter_by_occupancy_and_bookings(registry: Registry) -> None:
    # 700 people: Imanov square (500) is too small; Sary-Arka and Gandhi have no known norm.
    free = registry.free_places("almaty", DAY, 700, [], window=LAW_WINDOW)
    assert [(f.place.id, f.capacity_known) for f in free] == [
        ("almaty-gandhi-park", False),
        ("almaty-sary-arka-square", False),
    ]
    assert (
        registry.free_places("almaty", DAY, 700, [], include_unknown_capacity=False, window=LAW_WINDOW) == []
    )

    fits = registry.free_places(
        "almaty", DAY, 400, [Booking("almaty-imanov-square", at(9), at(20))], window=LAW_WINDOW
    )
    assert "almaty-imanov-square" not in [f.place.id for f in fits]  # booked all day
    fits = registry.free_places(
        "almaty", DAY, 400, [Booking("almaty-imanov-square", at(9), at(13))], window=LAW_WINDOW
    )
    imanov = next(f for f in fits if f.place.id == "almaty-imanov-square")
    assert imanov.capacity_known and [(s.starts_at.time(), s.ends_at.time()) for s in imanov.slots] == [
        (time(13), time(20))
    ]


def test_free_places_on_a_day_before_the_amendment(registry: Registry) -> None:
    free = registry.free_places(
        "almaty", date(2023, 5, 15), 900, [], include_unknown_capacity=False, window=LAW_WINDOW
    )
    assert [f.place.id for f in free] == ["almaty-valikhanov-square"]
    with_routes = registry.free_places(
        "astana",
        date(2024, 5, 15),
        900,
        [],
        include_unknown_capacity=False,
        include_routes=True,
        window=LAW_WINDOW,
    )
    assert "astana-route-writers-alley" in [f.place.id for f in with_routes]


def test_free_slots_follow_the_window_passed_in() -> None:
    """The window is the caller's (the regime's dated earliest_start/latest_end), not a copy in places."""
    narrow = (time(10, 0), time(18, 0))
    slots = free_slots(DAY, "Asia/Almaty", [Booking("p", at(12), at(13))], window=narrow)
    assert [(s.starts_at.hour, s.ends_at.hour) for s in slots] == [(10, 12), (13, 18)]
