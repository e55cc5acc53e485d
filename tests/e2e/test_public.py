"""The public pages in a browser: the filing-window calculator updating through htmx, the register and a
place's calendar showing a filed case without personal data, every page translated, the start page at phone
width. The live server runs on the real clock, so the dates are chosen relative to today."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases.models import Case
from beibit.cli import main as beibit_cli
from beibit.law.calendar import default_calendar
from tests.cases.fixtures import ALMATY, ORGANIZER_IIN, CaseMaker, rally
from tests.e2e.conftest import screenshot, untranslated_texts

pytestmark = pytest.mark.django_db(transaction=True)

IMANOV = "almaty-imanov-square"


def _today() -> dt.date:
    return dt.datetime.now(ALMATY).date()


def _assembly_day() -> dt.date:
    """A working day far enough ahead for a notification filed today to be in time."""
    return default_calendar().working_day_after(_today(), 12)


@pytest.fixture
def case(filed: CaseMaker) -> Case:
    day = _assembly_day()
    personal = {
        "organizer": {
            "kind": "citizen",
            "persons": [{"full_name": "Aigerim Tulegenova", "iin": ORGANIZER_IIN, "citizenship": "KZ"}],
            "contacts": {"email": "aigerim@example.kz", "phone": "+77011234567"},
        }
    }
    data = rally(starts_at=f"{day}T11:00:00+05:00", ends_at=f"{day}T13:00:00+05:00", **personal)
    return filed(data, submitted_at=dt.datetime.now(ALMATY))


SECRETS = (ORGANIZER_IIN, "Tulegenova", "Aigerim", "aigerim@example.kz", "+77011234567", "old trees")


def _last_filing_day(form: str, day: dt.date) -> str:
    """What `beibit deadlines` says."""
    out = io.StringIO()
    argv = ["deadlines", "--form", form, "--date", day.isoformat(), "--as-of", _today().isoformat(), "--json"]
    assert beibit_cli(argv, stdin=io.BytesIO(), out=out) == 0
    return str(json.loads(out.getvalue())["deadlines"]["last_filing_day"])


def _no_personal_data(page: Any) -> None:
    html = page.content()
    for secret in SECRETS:
        assert secret not in html, secret


def test_the_calculator_updates_in_place(served: str, page: Any, registry_in_db: None) -> None:
    page.goto(f"{served}/")
    page.evaluate("window.__notReloaded = true")
    day = _assembly_day()
    page.select_option("#id_form", "march")
    page.fill("#id_date", day.isoformat())
    # Wait through the selector engine: a string predicate (wait_for_function) is eval, which CSP forbids.
    page.locator(f'#calc-last-filing-day[data-date="{_last_filing_day("march", day)}"]').wait_for()
    shown = page.locator("#calc-last-filing-day").get_attribute("data-date")
    assert shown == _last_filing_day("march", day)
    assert page.evaluate("window.__notReloaded === true")  # htmx swapped the result, no full reload
    assert page.locator(f'.month .day.last-filing[data-date="{shown}"]').count() == 1
    assert page.locator(".month .day.off").count() >= 8  # the weekends of the month shown
    assert page.locator(".month .day.working").count() >= 15
    assert "form=march" in page.url  # the address follows the choice (HX-Push-Url)
    # Another form: a notification's window is shorter, the page updates again in place.
    page.select_option("#id_form", "rally")
    rally_day = _last_filing_day("rally", day)
    page.locator(f'#calc-last-filing-day[data-date="{rally_day}"]').wait_for()
    assert page.evaluate("window.__notReloaded === true")
    screenshot(page, "start")


def test_the_register_and_the_calendar_show_the_case_without_personal_data(
    served: str, page: Any, case: Case
) -> None:
    page.goto(f"{served}/register/")
    link = page.locator(f'a[href="/register/{case.pk}/"]')
    assert link.count() == 1
    _no_personal_data(page)
    screenshot(page, "register")
    link.click()
    page.wait_for_load_state()
    assert page.locator("#case-outcome").is_visible()
    assert page.locator(".timeline li").count() >= 2
    _no_personal_data(page)
    screenshot(page, "public-case")

    day = case.assembly_day
    page.goto(f"{served}/places/?settlement=almaty")
    assert page.locator(".leaflet-container").count() == 1
    assert page.locator(f'a[href="/places/{IMANOV}/calendar/"]').count() == 1
    screenshot(page, "places")

    page.goto(f"{served}/places/{IMANOV}/calendar/?view=week&date={day.isoformat()}")
    booking = page.locator(".occupancy .booking").first
    assert "11:00–13:00" in booking.inner_text()
    assert "150" in booking.inner_text()
    assert page.locator(f'.bookings a[href="/register/{case.pk}/"]').count() == 1
    _no_personal_data(page)
    screenshot(page, "place-calendar-week")
    page.click("#calendar-next")
    page.wait_for_load_state()
    assert page.locator(".occupancy .booking").count() == 0
    page.goto(f"{served}/places/{IMANOV}/calendar/?view=month&date={day.isoformat()}")
    assert page.locator(".occupancy.view-month .booking").count() == 1
    _no_personal_data(page)
    screenshot(page, "place-calendar-month")


def test_every_public_page_is_translated(served: str, page: Any, case: Case) -> None:
    day = case.assembly_day.isoformat()
    for url in (
        f"/?form=rally&date={day}",
        "/register/",
        f"/register/{case.pk}/",
        "/places/?settlement=almaty",
        f"/places/{IMANOV}/calendar/?view=week&date={day}",
        f"/places/{IMANOV}/calendar/?view=month&date={day}",
    ):
        assert untranslated_texts(page, f"{served}{url}") == {"kk": [], "ru": []}, url


def test_the_start_page_fits_a_phone(served: str, phone_page: Any, organizer: AbstractBaseUser) -> None:
    phone_page.goto(f"{served}/?form=rally&date={_assembly_day().isoformat()}")
    assert phone_page.locator("#calc-last-filing-day").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone_page, "start-phone")


def test_a_citizen_opens_the_glossary_from_the_footer(served: str, page: Any) -> None:
    """Issue 15: the terms a citizen meets, in Kazakh, reached from any page's footer; no 5xx on the way."""
    response = page.goto(f"{served}/register/")
    assert response is not None and response.status < 500
    with page.expect_navigation():
        page.click("footer a[href='/glossary/']")
    assert page.url.endswith("/glossary/")
    terms = page.locator("#glossary dt").all_inner_texts()
    assert "Арнайы орын" in terms and "Келісілді деп саналады" in terms
    assert "№ 333-VI Заң" in page.inner_text("#glossary")
    screenshot(page, "glossary-kk")
    assert untranslated_texts(page, f"{served}/glossary/") == {"kk": [], "ru": []}
