"""Demo monitoring data: a monitor account and three fictional records, loaded by `beibit demo` after the
demo cases (`beibit.demo.load_demo` calls `load_monitoring_demo` after them). Never loaded by a migration.

One record follows the demo's Almaty meeting that was held and terminated: a dispersal, three detentions,
fines of 50 MCI and an administrative arrest. Two describe assemblies that were never filed. Every text says
it is a demo; the sources point to example.org.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import IO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from beibit.cases import workflow as wf
from beibit.cases.accounts import create_staff
from beibit.cases.models import Case, Role
from beibit.cases.moments import local_day
from beibit.demo.cases import PASSWORD
from beibit.monitoring import services
from beibit.monitoring.models import MonitoringEvent

MONITOR_EMAIL = "monitor@demo.beibit.kz"


def _source(slug: str, day: dt.date) -> services.MonitoringSourceInput:
    return services.MonitoringSourceInput(
        url=f"https://example.org/demo/{slug}", outlet="Демо редакциясы", published_on=day
    )


def load_monitoring_demo(*, now: dt.datetime, out: IO[str]) -> int:
    """The monitor account (demo.cases.ACCOUNTS lists it; made here if missing) and the records, unless that
    account has recorded anything already; returns the records made."""
    user_model = get_user_model()
    if MonitoringEvent.objects.filter(actor__email=MONITOR_EMAIL).exists():
        out.write("monitoring demo: already present, nothing loaded\n")
        return 0
    with transaction.atomic():
        monitor = user_model.objects.filter(email=MONITOR_EMAIL).first() or create_staff(
            email=MONITOR_EMAIL, password=PASSWORD, role=Role.MONITOR, settlement="", full_name="Demo monitor"
        )
        today = local_day(now, "almaty")
        made = _held_meeting(monitor, today, now) + _picket(monitor, today, now) + _rally(monitor, today, now)
    out.write(f"monitoring demo: {made} records by {MONITOR_EMAIL} loaded\n")
    return made


def _held_meeting(monitor: AbstractBaseUser, today: dt.date, now: dt.datetime) -> int:
    """A record linked to a demo case held in Almaty, with two sanctions (0 when no such case exists)."""
    held = (
        Case.objects.filter(settlement="almaty", status=wf.TERMINATED, assembly_day__lt=today)
        .order_by("assembly_day")
        .first()
    )
    if held is None or held.assembly_day is None:
        return 0
    day = held.assembly_day
    services.create_record(
        monitor,
        services.MonitoringRecordInput(
            settlement="almaty",
            event_date=day,
            case_id=held.pk,
            held="yes",
            turned_violent="no",
            observed_size_low=100,
            observed_size_high=150,
            size_source="Демо редакциясы",
            police_response="dispersal",
            detentions=3,
            notes=(
                "Демо жазба (ойдан құрастырылған): уақыт біткеннен кейін қалған қатысушылар күшпен шығарылды."
            ),
            confidence="confirmed",
        ),
        now=now,
        sources=[_source("almaty-meeting", day)],
        sanctions=[
            services.MonitoringSanctionInput(
                people=2,
                kind="administrative",
                article_part=1,
                basis="no_notice",
                fine_amount=Decimal(50),
                fine_unit="mci",
                court="Алматы қаласының мамандандырылған ауданаралық әкімшілік соты (демо)",
                decided_on=day + dt.timedelta(days=1),
                outcome="imposed",
            ),
            services.MonitoringSanctionInput(
                people=1,
                person_role="organizer",
                kind="administrative",
                article_part=3,
                basis="conduct",
                for_acts_of_others=True,
                arrest_days=10,
                court="Алматы қаласының мамандандырылған ауданаралық әкімшілік соты (демо)",
                decided_on=day + dt.timedelta(days=1),
                outcome="imposed",
                appeal="pending",
            ),
        ],
    )
    return 1


def _picket(monitor: AbstractBaseUser, today: dt.date, now: dt.datetime) -> int:
    """A one-person picket never filed, a fine not a whole number of MCI (flagged for review)."""
    picket_day = today - dt.timedelta(days=25)
    services.create_record(
        monitor,
        services.MonitoringRecordInput(
            settlement="almaty",
            event_date=picket_day,
            form="picket",
            held="yes",
            turned_violent="no",
            observed_size_low=1,
            observed_size_high=1,
            police_response="detentions",
            detentions=1,
            journalists_obstructed=True,
            notes=(
                "Демо жазба (ойдан құрастырылған): бір адамдық пикет туралы хабарлама берілмеген; "
                "тілшіні жақындатпады."
            ),
            confidence="single_source",
        ),
        now=now,
        sources=[_source("almaty-picket", picket_day)],
        sanctions=[
            services.MonitoringSanctionInput(
                kind="administrative",
                article_part=1,
                basis="no_notice",
                fine_amount=Decimal(100_000),  # not a whole number of MCI: flagged for review
                fine_unit="kzt",
                decided_on=picket_day + dt.timedelta(days=2),
                outcome="imposed",
            )
        ],
    )
    return 1


def _rally(monitor: AbstractBaseUser, today: dt.date, now: dt.datetime) -> int:
    """An announced rally that did not take place after preventive detentions."""
    rally_day = today - dt.timedelta(days=40)
    services.create_record(
        monitor,
        services.MonitoringRecordInput(
            settlement="astana",
            event_date=rally_day,
            form="rally",
            held="no",
            preventive_detentions=4,
            internet_disrupted=True,
            pledges_or_warnings=True,
            notes="Демо жазба (ойдан құрастырылған): алдын ала ұстаулардан кейін жарияланған митинг өтпеді; "
            "сол күні таңертең орталықта мобильді интернет істемеді.",
            confidence="unverified",
        ),
        now=now,
        sources=[_source("astana-rally", rally_day)],
    )
    return 1
