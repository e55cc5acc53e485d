"""Fixtures shared by the case-service and API tests: the registry in the database, accounts of every role,
and builders of planned assemblies and cases in a given state. Imported by tests/cases and tests/api."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases.accounts import create_staff, register_organizer
from beibit.cases.actions.booking import enter_akimat_booking
from beibit.cases.actions.filing import create_case, submit
from beibit.cases.inputs import AkimatBookingInput
from beibit.cases.models import Case
from beibit.law.model import PlannedAssembly
from beibit.places import default_registry
from beibit.registry.store import clear_cache, load_registry_into_db

ALMATY = ZoneInfo("Asia/Almaty")
PASSWORD = "correct-horse-battery-staple"
ORGANIZER_IIN = "850612300451"
OTHER_IIN = "900101400453"


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A local time in Almaty/Astana."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=ALMATY)


def rally(**changes: Any) -> dict[str, Any]:
    """A complete rally at Imanov square, Almaty (a notification), as contract JSON."""
    data: dict[str, Any] = {
        "form": "rally",
        "purpose": "Ask the city to keep the old trees on Abay avenue",
        "settlement": "almaty",
        "place": {"specialized_place_id": "almaty-imanov-square"},
        "starts_at": "2026-04-15T11:00:00+05:00",
        "ends_at": "2026-04-15T13:00:00+05:00",
        "expected_participants": 150,
        "equipment": {
            "sound_amplification": False,
            "posters_banners": True,
            "vehicles": False,
            "structures": False,
        },
        "regulations": "11:00 opening; speeches; 13:00 close",
        "personal_data_consent": True,
        "funding_sources": [{"kind": "own_funds"}],
        "signed_by": "organizer",
    }
    data.update(changes)
    return data


def march(**changes: Any) -> dict[str, Any]:
    """A complete march along Writers' Alley, Astana (an application for approval)."""
    data: dict[str, Any] = {
        "form": "march",
        "purpose": "Demand a public hearing on the new bus routes",
        "settlement": "astana",
        "route": {"specialized_route_id": "astana-route-writers-alley"},
        "starts_at": "2026-07-10T11:00:00+05:00",
        "ends_at": "2026-07-10T12:30:00+05:00",
        "expected_participants": 200,
        "equipment": {
            "sound_amplification": True,
            "posters_banners": True,
            "vehicles": False,
            "structures": False,
        },
        "public_order_measures": "15 stewards; first-aid kit",
        "regulations": "12:00 opening; 12:30 close",
        "personal_data_consent": True,
        "funding_sources": [{"kind": "own_funds"}],
        "signed_by": "organizer",
    }
    data.update(changes)
    return data


@pytest.fixture
def registry_in_db(db: None) -> None:
    load_registry_into_db(default_registry())
    clear_cache()


@pytest.fixture
def organizer(registry_in_db: None) -> AbstractBaseUser:
    return register_organizer(
        email="aigerim@example.kz",
        password=PASSWORD,
        full_name="Aigerim Tulegenova",
        iin=ORGANIZER_IIN,
        birth_date=dt.date(1985, 6, 12),
        phone="+77011234567",
    )


@pytest.fixture
def other_organizer(registry_in_db: None) -> AbstractBaseUser:
    return register_organizer(
        email="marat@example.kz",
        password=PASSWORD,
        full_name="Marat S",
        iin=OTHER_IIN,
        birth_date=dt.date(1990, 1, 1),
    )


@pytest.fixture
def officer(registry_in_db: None) -> AbstractBaseUser:
    return create_staff(
        email="officer@almaty.example.kz", password=PASSWORD, role="officer", settlement="almaty"
    )


@pytest.fixture
def astana_officer(registry_in_db: None) -> AbstractBaseUser:
    return create_staff(
        email="officer@astana.example.kz", password=PASSWORD, role="officer", settlement="astana"
    )


@pytest.fixture
def editor(registry_in_db: None) -> AbstractBaseUser:
    return create_staff(
        email="editor@almaty.example.kz", password=PASSWORD, role="maslikhat_editor", settlement="almaty"
    )


CaseMaker = Callable[..., Case]


@pytest.fixture
def filed(organizer: AbstractBaseUser) -> CaseMaker:
    """A case submitted at `submitted_at` (default: Friday 2026-03-20 10:00, before Nauryz)."""

    def make(
        data: dict[str, Any] | None = None, submitted_at: dt.datetime | None = None, **changes: Any
    ) -> Case:
        when = submitted_at or at(2026, 3, 20)
        assembly = PlannedAssembly.model_validate(data or rally(**changes))
        case = create_case(organizer, assembly, now=when)
        return submit(case.pk, organizer, now=when)

    return make


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """PBKDF2 is slow on purpose; the tests create many accounts."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def city_event(case: Case, officer: AbstractBaseUser, now: dt.datetime) -> None:
    """The akimat's own concert at the case's place and time, entered an hour before `now`: the facts on
    which a refusal on Art 14(1)(10) stands (another event at the place)."""
    assert case.starts_at is not None and case.ends_at is not None
    event = AkimatBookingInput(
        "cultural_event", case.place_id, case.starts_at, case.ends_at, "City Day concert"
    )
    enter_akimat_booking(officer, event, now=now - dt.timedelta(hours=1))
