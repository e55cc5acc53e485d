"""Officer: the akimat's own events and works at specialized places (bookings without a case)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from beibit.cases.actors import Actor, as_actor
from beibit.cases.booking_lock import lock_settlement_day
from beibit.cases.errors import InvalidInput, InvalidTransition, NotFound
from beibit.cases.inputs import AkimatBookingInput
from beibit.cases.log import Outcome, fingerprint, once
from beibit.cases.models import Booking, Role
from beibit.cases.moments import local_day, require_aware
from beibit.cases.stored_rows import check_booking_bounds
from beibit.registry.store import registry_from_db


def enter_akimat_booking(
    officer: Actor | AbstractBaseUser,
    booking: AkimatBookingInput,
    *,
    now: dt.datetime,
    key: str | None = None,
) -> Booking:
    """The akimat's own official, cultural or sports event, or works, at a specialized place: entered with
    who and when, so a later 'place occupied' answer can be checked against the calendar as it stood."""
    actor = as_actor(officer, Role.OFFICER)
    require_aware(now, "now")
    require_aware(booking.starts_at, "starts_at")
    require_aware(booking.ends_at, "ends_at")
    check_booking_bounds(booking.starts_at, booking.ends_at, now=now, place_id=booking.place_id)
    if not booking.description.strip():
        raise InvalidInput(_("Describe the event or works."), field="description")
    day = local_day(booking.starts_at, actor.settlement)
    if registry_from_db().lookup_place(actor.settlement, booking.place_id, day).status != "in_force":
        raise InvalidInput(
            _("No specialized place or route with this id is in force on that day."), field="place_id"
        )

    def work() -> Outcome:
        lock_settlement_day(actor.settlement, day)
        created = Booking.objects.create(
            settlement=actor.settlement,
            place_id=booking.place_id,
            starts_at=booking.starts_at,
            ends_at=booking.ends_at,
            kind=booking.kind,
            description=booking.description.strip(),
            expected_participants=booking.expected_participants,
            received_at=now,
            entered_by_id=actor.user_id,
            entered_at=now,
        )
        return Outcome(booking_id=created.pk)

    outcome = once(
        actor, key, "enter_akimat_booking", fingerprint("enter_akimat_booking", booking), work, now
    )
    assert outcome.booking_id is not None
    return Booking.objects.get(pk=outcome.booking_id)


def release_akimat_booking(
    booking_id: int, officer: Actor | AbstractBaseUser, *, now: dt.datetime, key: str | None = None
) -> Booking:
    """The akimat's event is cancelled: the booking is released (kept, with who released it and when)."""
    actor = as_actor(officer, Role.OFFICER)
    require_aware(now, "now")

    def work() -> Outcome:
        try:
            booking = Booking.objects.select_for_update().get(
                pk=booking_id, settlement=actor.settlement, case__isnull=True
            )
        except Booking.DoesNotExist:
            raise NotFound(_("No such booking of the akimat.")) from None
        if booking.released_at is not None:
            raise InvalidTransition(_("This booking is already released."))
        booking.released_at = now
        booking.release_reason = "cancelled_by_akimat"
        booking.released_by_id = actor.user_id
        booking.save(update_fields=["released_at", "release_reason", "released_by"])
        return Outcome(booking_id=booking.pk)

    outcome = once(actor, key, "release_akimat_booking", fingerprint("release", booking_id), work, now)
    assert outcome.booking_id is not None
    return Booking.objects.get(pk=outcome.booking_id)
