"""Stored rows as the engine takes them, checked so that no row can fail another person's request.

What the engine reads from the database (bookings, the registry's records, a draft) is validated where it is
stored; a row that is bad all the same (stored before a bound existed, or written around the services) is
left out where it is read, with a logged error naming it, instead of failing every filing of the settlement
(issue 14, fault 1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from pydantic import ValidationError

from beibit.cases.errors import InvalidInput
from beibit.common.rows import readable as readable  # where the registry reads its rows too
from beibit.law.model import MAX_BOOKING_DAYS, BookingInput, PlannedAssembly

#: How far in the past an akimat's booking may start when it is entered (a late entry of today's event).
BOOKING_PAST_TOLERANCE = dt.timedelta(days=1)


def stored_assembly(data: Mapping[str, Any]) -> PlannedAssembly:
    """A stored draft as the contract's model; a draft that no longer passes (stored before a bound) is the
    organizer's input error naming the field, never a server error."""
    try:
        return PlannedAssembly.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or None
        raise InvalidInput(
            _("The draft has a value the service no longer accepts; correct it and file again."),
            field=field,
        ) from None


def check_booking_bounds(
    starts_at: dt.datetime, ends_at: dt.datetime, *, now: dt.datetime, place_id: str
) -> None:
    """An akimat booking as it may be stored: it starts no more than a day ago, ends after it starts, lasts
    at most MAX_BOOKING_DAYS, and the engine can read it (dates within the contract's range)."""
    if ends_at <= starts_at:
        raise InvalidInput(_("The end is after the start."), field="ends_at")
    if starts_at < now - BOOKING_PAST_TOLERANCE:
        raise InvalidInput(_("A booking cannot start more than a day ago."), field="starts_at")
    if ends_at - starts_at > dt.timedelta(days=MAX_BOOKING_DAYS):
        raise InvalidInput(
            _("A booking lasts at most %(days)d days; enter a longer event as several bookings.")
            % {"days": MAX_BOOKING_DAYS},
            field="ends_at",
        )
    try:
        BookingInput(place_id=place_id, starts_at=starts_at, ends_at=ends_at, kind="other")
    except ValidationError as error:
        field = str(error.errors()[0]["loc"][0]) if error.errors()[0]["loc"] else None
        raise InvalidInput(_("This date is outside the range the service counts."), field=field) from None
