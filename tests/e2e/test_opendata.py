"""The open-data pages in a browser: the statistics show their charts and tables and a chart's numbers
download as CSV; every page is translated; screenshots of the downloads, statistics and law report pages.
The live server runs on the real clock, so the assembly day is chosen relative to today; the monitoring
summaries are faked (the tests depend only on the `MonitoringSummary` dataclass)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases.actions.decision import record_decision
from beibit.cases.inputs import DecisionInput
from beibit.cases.models import Case
from beibit.law.calendar import default_calendar
from beibit.opendata import charts
from tests.cases.fixtures import ALMATY, CaseMaker, rally
from tests.e2e.conftest import screenshot, untranslated_texts
from tests.opendata.conftest import FakeMonitoring, monitored, summary  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db(transaction=True)

REASONS = "The square is under reconstruction that week, as the akimat's works plan shows."


@pytest.fixture
def refused(filed: CaseMaker, officer: AbstractBaseUser, monitored: FakeMonitoring) -> Case:  # noqa: F811
    today = dt.datetime.now(ALMATY).date()
    day = default_calendar().working_day_after(today, 12)
    case = filed(
        rally(starts_at=f"{day}T11:00:00+05:00", ends_at=f"{day}T13:00:00+05:00"),
        submitted_at=dt.datetime.now(ALMATY),
    )
    record_decision(
        case.pk, officer, DecisionInput("refuse", ("14.1.3",), REASONS), now=dt.datetime.now(ALMATY)
    )
    monitored.linked.append(
        summary(
            case_id=case.pk,
            event_date=day,
            state_response=("dispersal", "detentions", "fines"),
            detained=3,
            fined_count=1,
            fine_mci=50,
            fine_kzt=216_250,
        )
    )
    return case


def test_the_statistics_show_charts_tables_and_csv(served: str, page: Any, refused: Case) -> None:
    page.goto(f"{served}/data/statistics/")
    assert page.locator("svg.chart").count() == len(charts.SPECS)
    block = page.locator("#chart-sanctions-by-settlement")
    block.locator("summary").click()
    table = block.locator("table.chart-table")
    assert table.is_visible()
    assert table.locator("tbody tr").first.locator("td").all_inner_texts() == ["3", "1"]
    assert page.locator("#chart-by-ground rect.bar").count() == 3  # 14(1)(3): refused, after proposal, late
    with page.expect_download() as info:
        page.locator("#chart-by-ground a[download]").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert list(csv.reader(io.StringIO(text))) == [
        ["ground", "refused", "refused_after_proposal", "late_decisions"],
        ["14.1.3", "1", "0", "0"],
    ]
    screenshot(page, "opendata-statistics")


def test_downloads_and_the_law_report(served: str, page: Any, refused: Case) -> None:
    page.goto(f"{served}/data/")
    href = page.locator("a[href='/api/v1/open-data/register.csv']").get_attribute("href")
    response = page.request.get(f"{served}{href}")
    assert response.ok and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text())))
    assert rows[0]["case_id"] == str(refused.pk) and rows[0]["detained"] == "3"
    screenshot(page, "opendata-downloads")
    page.locator("a[href='/data/law-report/almaty/']").click()
    page.wait_for_url("**/data/law-report/almaty/")
    assert page.locator("#report-map .leaflet-interactive").count() > 0
    assert "STD." not in page.inner_text("main")  # standards principles by title; codes only in the data
    screenshot(page, "opendata-law-report")


def test_every_page_is_translated(served: str, page: Any, refused: Case) -> None:
    for path in ("/data/", "/data/dictionary/", "/data/statistics/", "/data/law-report/almaty/"):
        assert untranslated_texts(page, f"{served}{path}") == {"kk": [], "ru": []}, path
