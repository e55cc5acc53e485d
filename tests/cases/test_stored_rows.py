"""Issue 14, fault 1: one stored row must not fail another person's request. An akimat booking has bounds
where it is entered; a bad row written around the services (or stored before a bound) is skipped where it is
read, with a logged error, and filings and pages of the settlement go on working."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from beibit.cases.actions.booking import enter_akimat_booking
from beibit.cases.actions.filing import create_case, submit
from beibit.cases.bookings import booking_inputs
from beibit.cases.errors import InvalidInput
from beibit.cases.inputs import AkimatBookingInput
from beibit.cases.models import Booking, BookingKind
from beibit.law.model import MAX_BOOKING_DAYS
from beibit.registry.models import RegistryEntryRecord
from beibit.registry.store import clear_cache, registry_from_db
from tests.cases.fixtures import at, rally

NOW = at(2026, 3, 19)


def _enter(officer: AbstractBaseUser, starts: dt.datetime, ends: dt.datetime) -> Booking:
    return enter_akimat_booking(
        officer,
        AkimatBookingInput("works", "almaty-imanov-square", starts, ends, "Repairs"),
        now=NOW,
    )


@pytest.mark.parametrize(
    ("starts", "ends", "field"),
    [
        (at(2026, 4, 15, 10), at(2150, 4, 15, 14), "ends_at"),  # the booking of the fault: 124 years
        (at(2026, 4, 15, 10), at(2026, 4, 15, 10), "ends_at"),
        (at(2026, 4, 15, 10), at(2026, 4, 15, 10) + dt.timedelta(days=MAX_BOOKING_DAYS, hours=1), "ends_at"),
        (at(2026, 3, 17, 10), at(2026, 3, 19, 14), "starts_at"),  # two days ago
    ],
)
def test_fault01_far_future_and_other_unbounded_akimat_bookings_are_refused(
    officer: AbstractBaseUser, starts: dt.datetime, ends: dt.datetime, field: str
) -> None:
    with pytest.raises(InvalidInput) as error:
        _enter(officer, starts, ends)
    assert error.value.field == field
    assert not Booking.objects.exists()


def test_fault01_a_booking_within_the_bounds_is_entered(officer: AbstractBaseUser) -> None:
    _enter(officer, at(2026, 3, 18, 18), at(2026, 3, 18, 18) + dt.timedelta(days=MAX_BOOKING_DAYS))
    assert Booking.objects.count() == 1


def test_fault01_far_future_booking_via_the_api_is_a_422(officer: AbstractBaseUser) -> None:
    from tests.api.conftest import Api, token_for

    api = Api(token_for(officer))
    response = api.post(
        "/officer/bookings",
        {
            "kind": "official_event",
            "place_id": "almaty-imanov-square",
            "starts_at": "2099-04-15T10:00:00+05:00",
            "ends_at": "2150-04-15T12:00:00+05:00",
            "description": "City Day",
        },
    )
    assert response.status_code == 422, response.content
    assert response.json()["error"]["field"] == "ends_at"


def _bad_booking(officer: AbstractBaseUser) -> Booking:
    """The 2150 booking, written directly as a row (as before the bounds, or around the services)."""
    return Booking.objects.create(
        settlement="almaty",
        place_id="almaty-imanov-square",
        starts_at=at(2026, 4, 15, 10),
        ends_at=dt.datetime(2150, 4, 15, 14, tzinfo=dt.UTC),
        kind=BookingKind.OFFICIAL_EVENT,
        description="City Day",
        received_at=NOW,
        entered_by=officer,
        entered_at=NOW,
    )


def test_fault01_far_future_booking_row_does_not_fail_submit_or_the_draft_page(
    organizer: AbstractBaseUser, officer: AbstractBaseUser, client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    from beibit.law.model import PlannedAssembly

    bad = _bad_booking(officer)
    case = create_case(organizer, PlannedAssembly.model_validate(rally()), now=NOW)
    client.force_login(organizer)
    with caplog.at_level(logging.ERROR, logger="beibit.stored_rows"):
        page = client.get(f"/organizer/wizard/{case.pk}/review/")
        assert page.status_code == 200
        submitted = submit(case.pk, organizer, now=NOW)
    assert submitted.status == "registered"
    assert any("booking skipped" in r.getMessage() and "2150" in r.getMessage() for r in caplog.records)
    # The good bookings are still read: the filing now occupies the place, the bad row is left out.
    first, last = at(2026, 4, 15, 0), at(2026, 4, 16, 0)
    assert [b.reference for b in booking_inputs("almaty", first, last)] == [f"case {case.pk}"]
    assert Booking.objects.filter(pk=bad.pk).exists()  # kept for the officer to release, not deleted


def test_fault01_a_bad_registry_row_is_skipped_with_a_logged_error(
    organizer: AbstractBaseUser, caplog: pytest.LogCaptureFixture
) -> None:
    record = RegistryEntryRecord.objects.filter(entry_id="almaty-imanov-square").first()
    assert record is not None
    RegistryEntryRecord.objects.filter(pk=record.pk).update(geometry={"type": "Point", "coordinates": "x"})
    clear_cache()
    with caplog.at_level(logging.ERROR, logger="beibit.stored_rows"):
        registry = registry_from_db()
    assert any("registry record skipped" in r.getMessage() for r in caplog.records)
    assert registry.lookup_place("almaty", "almaty-imanov-square", dt.date(2026, 4, 15)).status != "in_force"
    from beibit.law.model import PlannedAssembly

    case = create_case(organizer, PlannedAssembly.model_validate(rally()), now=NOW)
    assert submit(case.pk, organizer, now=NOW).status == "registered"
    clear_cache()
