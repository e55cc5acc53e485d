"""The inbox a page at a time (issue 18): its first page costs the same statements with 3 filings awaiting or
with 14, the conflicts of every row come from two statements (not two per row), and the pages hold every
filing once, in the deadline order."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from beibit.cases import queries
from beibit.cases.models import Case
from beibit.registry.store import registry_from_db
from beibit.web.akimat import inbox as inbox_pages
from tests.cases.fixtures import CaseMaker, at, rally

pytestmark = pytest.mark.django_db

NOW = at(2026, 12, 2, 11)
PLACES = ("almaty-imanov-square", "almaty-gandhi-park")


@pytest.fixture
def officer_client(client: Client, officer: AbstractBaseUser) -> Client:
    client.force_login(officer)
    client.cookies["django_language"] = "en"
    return client


def _file(filed: CaseMaker, n: int) -> list[Case]:
    """`n` rallies on two squares, in pairs at the same time (each pair conflicts), filed an hour apart."""
    cases = []
    for i in range(n):
        day = dt.date(2027, 1, 12) + dt.timedelta(days=7 * (i // 4))
        cases.append(
            filed(
                rally(
                    place={"specialized_place_id": PLACES[i % 2]},
                    starts_at=f"{day}T11:00:00+05:00",
                    ends_at=f"{day}T13:00:00+05:00",
                ),
                submitted_at=at(2026, 12, 1, 9) + dt.timedelta(hours=i // 2),
            )
        )
    return cases


def _page_statements(client: Client, query: str = "") -> tuple[int, str]:
    with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as captured:
        response = client.get(f"/akimat/{query}")
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_the_first_page_costs_the_same_with_3_or_14_filings(
    officer_client: Client, filed: CaseMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inbox_pages, "PAGE_SIZE", 5)
    _file(filed, 3)
    _page_statements(officer_client)  # the clock's first read and the registry's cache
    few, _ = _page_statements(officer_client)
    _file(filed, 11)
    _page_statements(officer_client)
    many, html = _page_statements(officer_client)
    assert many == few, (few, many)
    assert len(re.findall(r'data-case="(\d+)"', html)) == 5
    assert 'id="inbox-pages"' in html


def test_the_pages_hold_every_filing_once_in_deadline_order(
    officer_client: Client, filed: CaseMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inbox_pages, "PAGE_SIZE", 4)
    cases = _file(filed, 10)
    seen: list[int] = []
    for page in (1, 2, 3):
        _, html = _page_statements(officer_client, f"?page={page}")
        seen += [int(n) for n in re.findall(r'data-case="(\d+)"', html)]
    expected = sorted(cases, key=lambda c: (c.review_deadline, c.submitted_at, c.pk))
    assert seen == [c.pk for c in expected]
    _, filtered = _page_statements(officer_client, f"?place={PLACES[1]}&page=2")
    assert (
        'rel="prev"' in filtered and "place=almaty-gandhi-park" in filtered
    )  # the filter stays with the page


def test_the_inbox_query_is_a_fixed_number_of_statements_and_finds_each_conflict(
    filed: CaseMaker, django_assert_num_queries: Any
) -> None:
    cases = _file(filed, 8)
    places = queries.Places(registry_from_db())
    statuses = sorted(queries.wf.AWAITING_AKIMAT)
    with django_assert_num_queries(3):  # the cases, their own bookings, the overlapping bookings
        items = queries.inbox("almaty", NOW.date(), statuses, places)
    assert len(items) == 8
    by_id = {item["id"]: item for item in items}
    for case in cases:
        # The same answer as the single-case read the case page uses.
        assert by_id[case.pk]["conflicts"] == queries.conflicts(case)
    # Each pair at one place and time conflicts: the later filing sees the earlier one first (Art 9(3)).
    assert all(len(by_id[c.pk]["conflicts"]) == 1 for c in cases)
    later = cases[2]
    assert by_id[later.pk]["conflicts"][0]["case_id"] == cases[0].pk
    assert by_id[later.pk]["conflicts"][0]["earlier"] is True

