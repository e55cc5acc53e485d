"""Monitoring test fixtures: the shared accounts and cases, a monitor, and a record builder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases.accounts import create_staff
from beibit.monitoring import services as mservices
from beibit.monitoring.models import MonitoringRecord
from tests.cases.fixtures import *  # noqa: F403 - the shared fixtures (accounts, registry, cases)
from tests.cases.fixtures import PASSWORD, at

NOW = at(2026, 5, 4, 12)


@pytest.fixture
def monitor(registry_in_db: None) -> AbstractBaseUser:
    return create_staff(email="monitor@example.kz", password=PASSWORD, role="monitor", settlement="")


RecordMaker = Callable[..., MonitoringRecord]


def record_input(**changes: Any) -> mservices.MonitoringRecordInput:
    data: dict[str, Any] = {
        "settlement": "almaty",
        "event_date": dt.date(2026, 4, 15),
        "held": "yes",
        "turned_violent": "no",
        "police_response": "dispersal",
        "detentions": 3,
        "confidence": "confirmed",
    }
    data.update(changes)
    return mservices.MonitoringRecordInput(**data)


@pytest.fixture
def make_record(monitor: AbstractBaseUser) -> RecordMaker:
    def make(now: dt.datetime = NOW, sanctions: tuple[Any, ...] = (), **changes: Any) -> MonitoringRecord:
        return mservices.create_record(monitor, record_input(**changes), now=now, sanctions=sanctions)

    return make
