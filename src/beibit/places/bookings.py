"""Bookings of specialized places and the free time left between them.

333-VI art. 9(3): when several organizers want the same place at the same time, the akimat serves them in the
order it received the filings; art. 9(4): no assembly starts before or ends after the day's window, local
time (the regime's `earliest_start`/`latest_end`, passed in by the caller as `window`).
A booking occupies [starts_at, ends_at): two bookings that only touch (one ends at 12:00, the next starts at
12:00) do not overlap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from beibit.places.model import OpeningHours, require_day

#: The day's window for assemblies (art. 9(4)): opening and closing, local time.
Window = tuple[time, time]


def _require_aware(value: datetime, what: str) -> None:
    if not isinstance(value, datetime):
        raise TypeError(f"{what} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be an aware datetime (with a UTC offset)")


@dataclass(frozen=True, slots=True)
class Booking:
    """A place taken from `starts_at` to `ends_at` (aware datetimes), e.g. by an agreed assembly."""

    place_id: str
    starts_at: datetime
    ends_at: datetime
    reference: str | None = None

    def __post_init__(self) -> None:
        _require_aware(self.starts_at, "starts_at")
        _require_aware(self.ends_at, "ends_at")
        if not self.starts_at < self.ends_at:
            raise ValueError(f"booking of {self.place_id}: ends_at must be after starts_at")


@dataclass(frozen=True, slots=True)
class TimeSlot:
    """A free interval [starts_at, ends_at) in the place's local time zone."""

    starts_at: datetime
    ends_at: datetime

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at


def intervals_overlap(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Whether [a_start, a_end) and [b_start, b_end) share a moment."""
    return a_start < b_end and b_start < a_end


def bookings_overlap(a: Booking, b: Booking) -> bool:
    """Same place and overlapping time."""
    return a.place_id == b.place_id and intervals_overlap(a.starts_at, a.ends_at, b.starts_at, b.ends_at)


def overlapping_bookings(bookings: Iterable[Booking]) -> list[tuple[Booking, Booking]]:
    """Every pair of bookings of the same place whose times overlap, in the order given."""
    items = list(bookings)
    by_place: dict[str, list[tuple[int, Booking]]] = {}
    for i, booking in enumerate(items):
        by_place.setdefault(booking.place_id, []).append((i, booking))
    pairs: list[tuple[int, int]] = []
    for entries in by_place.values():
        ordered = sorted(entries, key=lambda e: (e[1].starts_at, e[0]))
        for k, (i, first) in enumerate(ordered):
            for j, second in ordered[k + 1 :]:
                if second.starts_at >= first.ends_at:
                    break
                pairs.append((min(i, j), max(i, j)))
    return [(items[i], items[j]) for i, j in sorted(pairs)]


def day_window(day: date, zone: str, window: Window, hours: OpeningHours | None = None) -> TimeSlot | None:
    """The art. 9(4) `window` of `day` in `zone`, narrowed by the place's own hours; None if nothing is
    left."""
    require_day(day)
    tz = ZoneInfo(zone)
    opens, closes = window
    if hours is not None:
        opens, closes = max(opens, hours.opens), min(closes, hours.closes)
    if not opens < closes:
        return None
    return TimeSlot(datetime.combine(day, opens, tzinfo=tz), datetime.combine(day, closes, tzinfo=tz))


def free_slots(
    day: date,
    zone: str,
    bookings: Sequence[Booking],
    *,
    window: Window,
    hours: OpeningHours | None = None,
    min_duration: timedelta = timedelta(0),
) -> list[TimeSlot]:
    """Free intervals of one place on `day` within the art. 9(4) `window` (local time), given its bookings.

    `bookings` are those of the place (other places' are the caller's to filter out). Only slots longer than
    `min_duration` (and always longer than zero) are returned.
    """
    span = day_window(day, zone, window, hours)
    if span is None:
        return []
    tz = span.starts_at.tzinfo
    busy = sorted(
        (max(b.starts_at, span.starts_at), min(b.ends_at, span.ends_at))
        for b in bookings
        if intervals_overlap(b.starts_at, b.ends_at, span.starts_at, span.ends_at)
    )
    slots: list[TimeSlot] = []
    cursor = span.starts_at
    for start, end in busy:
        if start > cursor:
            slots.append(TimeSlot(cursor.astimezone(tz), start.astimezone(tz)))
        cursor = max(cursor, end)
    if cursor < span.ends_at:
        slots.append(TimeSlot(cursor.astimezone(tz), span.ends_at))
    return [s for s in slots if s.duration > timedelta(0) and s.duration >= min_duration]
