"""Free slots the akimat may propose instead of what was filed (Art 11(1)(3), 13(1)(4)).

A suggestion is a specialized place (or route, for a march or demonstration) of the settlement in force on
the assembly day, whose occupancy norm admits the expected participants, for a time as long as the filed one
that no other active booking of that place overlaps. The day's window, the places' own hours and the
occupancy check are the registry's (`Registry.free_places`). The case's own booking counts like any other,
so the filed place is offered at other times only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from beibit.cases.bookings import active_bookings
from beibit.cases.models import Case
from beibit.cases.moments import regime_params
from beibit.law import procedure
from beibit.law.calendar import zone
from beibit.law.settlements import zone_of
from beibit.places import Booking, Registry

#: How many suggestions the decision form lists at most (a page, not a search).
MAX_SUGGESTIONS = 12
_SEPARATOR = "|"


@dataclass(frozen=True, slots=True)
class Suggestion:
    place_id: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    max_occupancy: int | None
    same_place: bool
    same_time: bool

    @property
    def key(self) -> str:
        """The value of the suggestion's radio button; `parse_key` reads it back."""
        return _SEPARATOR.join((self.place_id, self.starts_at.isoformat(), self.ends_at.isoformat()))


def parse_key(key: str) -> tuple[str, dt.datetime, dt.datetime] | None:
    parts = key.split(_SEPARATOR)
    if len(parts) != 3 or not parts[0]:
        return None
    try:
        starts, ends = dt.datetime.fromisoformat(parts[1]), dt.datetime.fromisoformat(parts[2])
    except ValueError:
        return None
    if starts.tzinfo is None or ends.tzinfo is None or ends <= starts:
        return None
    return parts[0], starts, ends


def free_slots(case: Case, registry: Registry, *, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """Places and times free on the case's day, as long as the filed time, best first: the filed time at
    another place, then other times (the filed place included), each in order of the day."""
    if case.starts_at is None or case.ends_at is None or case.assembly_day is None:
        return []
    tz = zone(zone_of(case.settlement))
    starts, ends = case.starts_at.astimezone(tz), case.ends_at.astimezone(tz)
    length = ends - starts
    day = case.assembly_day
    first = dt.datetime.combine(day, dt.time.min, tz)
    taken = [
        Booking(b.place_id, b.starts_at, b.ends_at, f"booking {b.pk}")
        for b in active_bookings(case.settlement, first, first + dt.timedelta(days=1))
        if b.place_id
    ]
    params = regime_params(case, day)
    options = registry.free_places(
        case.settlement,
        day,
        case.expected_participants or 1,
        taken,
        window=procedure.assembly_window(params),
        include_routes=procedure.moves_along_route(case.form, params),
        min_duration=length,
    )
    found: list[Suggestion] = []
    for option in options:
        for slot in option.slots:
            slot_start, slot_end = slot.starts_at.astimezone(tz), slot.ends_at.astimezone(tz)
            if slot_end - slot_start < length:
                continue
            same_time = slot_start <= starts and ends <= slot_end
            begin = starts if same_time else (slot_start if slot_start > starts else slot_end - length)
            same_place = option.place.id == case.place_id
            if same_place and same_time:
                continue  # that is what was filed, not another place or time
            found.append(
                Suggestion(
                    place_id=option.place.id,
                    starts_at=begin,
                    ends_at=begin + length,
                    max_occupancy=option.place.max_occupancy,
                    same_place=same_place,
                    same_time=same_time,
                )
            )
    found.sort(key=lambda s: (not s.same_time, abs((s.starts_at - starts).total_seconds()), s.place_id))
    return found[:limit]
