"""Seed a fresh database for the worker-process tests: run as `python -m tests.notifications.seed`, with
BEIBIT_DATABASE_URL pointing at it. Migrates, loads the registry, creates an organizer and an officer and
files one notification (whose receipt and new-filing messages then wait in the outbox)."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beibit.settings")

import django

django.setup()

from django.core.management import call_command
from django.utils import timezone

from beibit.cases.accounts import create_staff, register_organizer
from beibit.cases.actions.filing import create_case, submit
from beibit.cases.moments import local_day
from beibit.law.calendar import default_calendar
from beibit.law.model import PlannedAssembly
from beibit.places import default_registry
from beibit.registry.store import clear_cache, load_registry_into_db
from tests.cases.fixtures import ALMATY, ORGANIZER_IIN, PASSWORD, rally


def main() -> None:
    call_command("migrate", interactive=False, verbosity=0)
    load_registry_into_db(default_registry())
    clear_cache()
    organizer = register_organizer(
        email="aigerim@example.kz",
        password=PASSWORD,
        full_name="Aigerim Tulegenova",
        iin=ORGANIZER_IIN,
        birth_date=dt.date(1985, 6, 12),
        phone="",
    )
    create_staff(
        email="officer@almaty.example.kz", password=PASSWORD, role="officer", settlement="almaty"
    )
    now = timezone.now()
    day = default_calendar().working_day_after(local_day(now, "almaty"), 25)
    starts = dt.datetime.combine(day, dt.time(11), ALMATY)
    data = rally(starts_at=starts.isoformat(), ends_at=(starts + dt.timedelta(hours=2)).isoformat())
    case = create_case(organizer, PlannedAssembly.model_validate(data), now=now)
    submit(case.pk, organizer, now=now)


if __name__ == "__main__":
    main()
