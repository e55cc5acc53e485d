"""The indexes of issue 18 serve the queries they were made for: the planner can answer each from its index
(on PostgreSQL with sequential scans and sorts priced out, as on a large table; on SQLite as it plans)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from beibit.cases import queries
from beibit.cases.bookings import active_query
from beibit.cases.models import Booking, Case
from beibit.places import default_registry

pytestmark = pytest.mark.django_db

FIRST = dt.datetime(2026, 4, 15, 6, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _as_on_a_large_table() -> Iterator[None]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the test's transaction only
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
    yield


def _plan(query: QuerySet[Any]) -> str:
    return query.explain()


def _register(settlement: str | None) -> QuerySet[Case]:
    cases = Case.objects.filter(submitted_at__isnull=False)
    if settlement:
        cases = cases.filter(settlement=settlement)
    return cases.order_by("-assembly_day", "-pk")[:50]


@pytest.mark.parametrize(
    ("settlement", "index"), [(None, "case_register_order"), ("almaty", "case_register_settlement")]
)
def test_register_page_one_reads_the_first_rows_of_its_index(settlement: str | None, index: str) -> None:
    plan = _plan(_register(settlement))
    assert index in plan, plan
    if connection.vendor == "postgresql":
        assert "Sort" not in plan, plan  # the index gives the order: no sort of every filed case
    else:
        assert "TEMP B-TREE" not in plan, plan


def test_the_booking_overlap_reads_the_open_bookings_ending_after_the_window() -> None:
    plan = _plan(active_query("almaty", FIRST, FIRST + dt.timedelta(hours=2), None))
    assert "booking_open_ends" in plan, plan


def test_a_calendar_month_is_a_range_over_the_place_index() -> None:
    month = Booking.objects.filter(
        place_id="almaty-imanov-square",
        starts_at__gte=FIRST,
        starts_at__lt=FIRST + dt.timedelta(days=31),
        released_at__isnull=True,
    ).order_by("starts_at")
    plan = _plan(month)
    assert "booking_place" in plan, plan


def test_the_calendar_asks_for_its_days_as_instants_not_as_a_date_of_every_row() -> None:
    window = queries.Window("almaty", "almaty-imanov-square", dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    with CaptureQueriesContext(connection) as captured:
        queries.occupancy(window, as_of=None, limit=500, offset=0, places=queries.Places(default_registry()))
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    assert "AT TIME ZONE" not in sql and "django_datetime_cast_date" not in sql, sql
    assert "2026-03-31 19:00:00" in sql and "2026-04-30 19:00:00" in sql, sql  # 00:00 in Almaty, in UTC


@pytest.mark.parametrize(
    ("day_from", "day_to"), [(dt.date.min, dt.date(2026, 4, 30)), (dt.date(2026, 4, 1), dt.date.max)]
)
def test_the_calendar_takes_the_first_and_last_days_of_the_calendar(
    day_from: dt.date, day_to: dt.date
) -> None:
    window = queries.Window("almaty", None, day_from, day_to)
    total, _rows = queries.occupancy(
        window, as_of=None, limit=5, offset=0, places=queries.Places(default_registry())
    )
    assert total == 0
