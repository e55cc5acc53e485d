"""A monitor signs in, records a dispersal with three detentions for a filed case, adds a 50 MCI fine, and
the record page and the open data summary show it. Every page of the monitors is fully translated."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases.accounts import create_staff
from beibit.cases.models import Case
from beibit.law.calendar import default_calendar
from beibit.monitoring.models import MonitoringRecord
from beibit.monitoring.summary import summaries_for_cases
from tests.cases.fixtures import ALMATY, PASSWORD, CaseMaker, rally
from tests.e2e.conftest import screenshot, sign_in, untranslated_texts

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def monitor(registry_in_db: None) -> AbstractBaseUser:
    return create_staff(email="monitor@example.kz", password=PASSWORD, role="monitor", settlement="")


def _past_case(filed: CaseMaker) -> Case:
    """A rally held a few working days ago in Almaty, filed well before it (through the case service)."""
    today = dt.datetime.now(ALMATY).date()
    calendar = default_calendar()
    day = today - dt.timedelta(days=7)
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    starts = dt.datetime.combine(day, dt.time(11, 0), ALMATY)
    submitted = dt.datetime.combine(day - dt.timedelta(days=21), dt.time(10, 0), ALMATY)
    return filed(
        rally(starts_at=starts.isoformat(), ends_at=(starts + dt.timedelta(hours=2)).isoformat()),
        submitted_at=submitted,
    )


def test_a_monitor_records_a_dispersal_with_detentions_and_a_fine(
    page: Any, served: str, monitor: AbstractBaseUser, filed: CaseMaker
) -> None:
    case = _past_case(filed)
    assert case.assembly_day is not None
    sign_in(page, served, "monitor@example.kz")
    assert page.url.rstrip("/").endswith("/monitoring")
    page.click("a[href='/monitoring/new/']")
    page.select_option("select[name=settlement]", "almaty")
    page.fill("input[name=event_date]", case.assembly_day.isoformat())
    page.fill("input[name=case_id]", str(case.pk))
    page.select_option("select[name=held]", "yes")
    page.select_option("select[name=turned_violent]", "no")
    page.fill("input[name=observed_size_low]", "80")
    page.fill("input[name=observed_size_high]", "120")
    page.select_option("select[name=police_response]", "dispersal")
    page.fill("input[name=detentions]", "3")
    page.select_option("select[name=confidence]", "confirmed")
    page.fill("input[name=source-url]", "https://example.org/report")
    page.fill("input[name=source-outlet]", "Vlast")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    record = MonitoringRecord.objects.get()
    assert page.url.endswith(f"/monitoring/{record.pk}/")

    page.click(f"a[href='/monitoring/{record.pk}/sanctions/new/']")
    page.fill("input[name=people]", "1")
    page.select_option("select[name=kind]", "administrative")
    page.fill("input[name=article_part]", "1")
    page.select_option("select[name=basis]", "no_notice")
    page.fill("input[name=fine_amount]", "50")
    page.select_option("select[name=fine_unit]", "mci")
    page.fill("input[name=court]", "Almaty specialized administrative court")
    page.select_option("select[name=outcome]", "imposed")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/monitoring/{record.pk}/")

    assert page.inner_text("#detained") == "3"
    assert page.inner_text("#fine-mci") == "50"
    assert "ӘҚБтК, 488-бап 1-бөлік" in page.inner_text("#sanctions")  # the CAO's article, cited in Kazakh
    # The standards finding on the dispersal, by its words and its GC37 paragraph; its code only in the JSON.
    findings = page.inner_text("ul.findings")
    assert "ЖТЕ № 37, 85" in findings, findings
    assert "STD." not in page.inner_text("main")
    screenshot(page, "monitoring-record")

    summary = summaries_for_cases([case.pk])[case.pk]
    assert summary.detained == 3
    assert summary.fine_mci == 50
    assert summary.state_response == ("dispersal", "detentions", "fines")

    page.goto(f"{served}/monitoring/")
    assert "Vlast" not in page.inner_text("#records")  # the list shows counts, not sources
    screenshot(page, "monitoring-list")

    # The public sees the chain: the case page (filing -> decision -> what happened -> sanctions -> court)
    # and the statistics, in English here, without a person's name.
    public = page.context.browser.new_context(locale="en-GB")
    visitor = public.new_page()
    visitor.goto(f"{served}/register/{case.pk}/")
    chain = visitor.inner_text("section.monitoring-history")
    assert "Almaty specialized administrative court" in chain
    assert re.search(r"Detained\s+3\b", chain)
    assert "50" in chain
    assert "Aigerim" not in visitor.inner_text("body") and "monitor@example.kz" not in visitor.content()
    screenshot(visitor, "public-case-with-monitoring")
    visitor.goto(f"{served}/data/statistics/")
    figures = visitor.inner_text("ul.figures")
    assert re.search(r"\b3\s*People detained", figures), figures
    assert re.search(r"\b50(\.0+)?\s*Fines \(MCI\)", figures), figures
    screenshot(visitor, "statistics-with-monitoring")
    public.close()


def test_the_monitoring_pages_are_translated(page: Any, served: str, monitor: AbstractBaseUser) -> None:
    from beibit.monitoring import services
    from beibit.monitoring.models import Sanction

    today = dt.datetime.now(ALMATY).date()
    record = services.create_record(
        monitor,
        services.MonitoringRecordInput(
            settlement="almaty",
            event_date=today - dt.timedelta(days=3),
            held="yes",
            police_response="dispersal",
            detentions=2,
            internet_disrupted=True,
            journalists_obstructed=True,
        ),
        now=dt.datetime.now(ALMATY),
        sources=[services.MonitoringSourceInput(url="https://example.org/r", outlet="Vlast")],
        sanctions=[
            services.MonitoringSanctionInput(
                kind="administrative",
                article_part=1,
                basis="no_notice",
                fine_amount=100000,
                fine_unit="kzt",
                arrest_days=5,
                outcome="imposed",
            ),
        ],
    )
    services.update_record(
        record.pk,
        monitor,
        services.MonitoringRecordInput(
            settlement="almaty",
            event_date=record.event_date,
            held="yes",
            police_response="dispersal",
            detentions=3,
        ),
        now=dt.datetime.now(ALMATY),
    )
    sanction = Sanction.objects.get()
    sign_in(page, served, "monitor@example.kz")
    for path in (
        "/monitoring/",
        "/monitoring/new/",
        f"/monitoring/{record.pk}/",
        f"/monitoring/{record.pk}/edit/",
        f"/monitoring/{record.pk}/sanctions/new/",
        f"/monitoring/{record.pk}/sanctions/{sanction.pk}/",
    ):
        assert untranslated_texts(page, served + path) == {"kk": [], "ru": []}, path


def test_the_record_page_on_a_phone(phone_page: Any, served: str, monitor: AbstractBaseUser) -> None:
    from beibit.monitoring import services

    record = services.create_record(
        monitor,
        services.MonitoringRecordInput(
            settlement="astana", event_date=dt.datetime.now(ALMATY).date(), held="no", preventive_detentions=4
        ),
        now=dt.datetime.now(ALMATY),
    )
    sign_in(phone_page, served, "monitor@example.kz")
    phone_page.goto(f"{served}/monitoring/{record.pk}/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375


def test_fault10_a_source_with_a_phone_number_is_withheld_until_the_monitor_edits_it(
    page: Any, served: str, monitor: AbstractBaseUser, filed: CaseMaker
) -> None:
    case = _past_case(filed)
    assert case.assembly_day is not None
    sign_in(page, served, "monitor@example.kz")
    page.goto(f"{served}/monitoring/new/")
    page.select_option("select[name=settlement]", "almaty")
    page.fill("input[name=event_date]", case.assembly_day.isoformat())
    page.fill("input[name=case_id]", str(case.pk))
    page.select_option("select[name=held]", "yes")
    page.fill("input[name=observed_size_low]", "80")
    page.fill("input[name=size_source]", "организатор, +7 701 123 45 67")
    page.select_option("select[name=confidence]", "confirmed")
    page.fill("input[name=source-url]", "https://example.org/report")
    page.fill("input[name=source-outlet]", "Vlast")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    record = MonitoringRecord.objects.get()
    notice = page.inner_text("#withheld")
    assert "телефон нөмірі" in notice  # the monitor is told why, in Kazakh
    screenshot(page, "monitoring-withheld-kk")
    public = page.context.browser.new_context(locale="kk-KZ")
    visitor = public.new_page()
    visitor.goto(f"{served}/register/{case.pk}/")
    assert "701 123 45 67" not in visitor.content()
    public.close()

    page.goto(f"{served}/monitoring/{record.pk}/edit/")
    page.fill("input[name=size_source]", "полиция")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#withheld").count() == 0
