"""The public pages through the Django test client: the start page's calculator against `beibit deadlines`,
the register and its filters, the public case page, the places and the occupancy calendar, and that no page
shows a person's IIN, name, contacts or the purpose text."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from beibit.cases.accounts import create_staff
from beibit.cases.actions.decision import record_decision, record_delivery
from beibit.cases.actions.filing import create_case
from beibit.cases.inputs import DecisionInput, DeliveryInput
from beibit.cases.models import Case
from beibit.cli import main as beibit_cli
from tests.cases.fixtures import ORGANIZER_IIN, CaseMaker, at, march, rally

pytestmark = pytest.mark.django_db

IMANOV = "almaty-imanov-square"
REASONS = "The regulations of the rally were not attached."


def _html(client: Client, url: str, lang: str = "en", **headers: Any) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


def _cli(*argv: str) -> dict[str, str]:
    """What `beibit deadlines --json` prints, as {label: ISO date} (the text output writes dates in words)."""
    out = io.StringIO()
    assert beibit_cli(["deadlines", *argv, "--json"], stdin=io.BytesIO(), out=out) == 0
    deadlines = json.loads(out.getvalue())["deadlines"]
    return {key.replace("_", " "): str(value) for key, value in deadlines.items()}


def _shown(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}" data-date="([0-9-]*)"', html)
    assert found, element_id
    return found.group(1)


@pytest.fixture
def november_28() -> Iterator[None]:
    with time_machine.travel(at(2026, 11, 28, 12), tick=False):
        yield


# --- the calculator -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "day", "extra"),
    [
        ("rally", "2026-12-18", []),  # Independence Day (16-17 December) inside the window
        ("march", "2026-12-18", []),
        ("meeting", "2027-01-05", ["--settlement", "astana"]),  # the New Year holidays
        ("picket", "2027-03-25", []),  # Nauryz, 21-23 March 2027
        ("demonstration", "2027-03-26", ["--settlement", "aktobe"]),
    ],
)
def test_the_calculator_says_what_beibit_deadlines_prints(
    client: Client, november_28: None, form: str, day: str, extra: list[str]
) -> None:
    query = f"/?form={form}&date={day}"
    if extra:
        query += f"&settlement={extra[1]}"
    html = _html(client, query)
    expected = _cli("--form", form, "--date", day, "--as-of", "2026-11-28", *extra)
    last = expected["last filing day"]
    assert _shown(html, "calc-last-filing-day") == last
    # The review deadline is for a filing handed in on the last filing day.
    filed = _cli(
        "--form",
        form,
        "--date",
        day,
        "--as-of",
        "2026-11-28",
        "--submitted",
        f"{last}T12:00:00+05:00",
        *extra,
    )
    assert filed["registration day"] == last
    assert _shown(html, "calc-review-deadline") == filed["review deadline"]
    # The month shows the last filing day marked, and the days off greyed.
    assert f'class="day working last-filing" role="cell" data-date="{last}"' in html
    assert 'class="day off' in html


def test_a_chosen_filing_day_on_a_holiday_is_registered_after_it(client: Client, november_28: None) -> None:
    html = _html(client, "/?form=rally&date=2026-12-25&filed_on=2026-12-16")
    expected = _cli(
        "--form",
        "rally",
        "--date",
        "2026-12-25",
        "--as-of",
        "2026-11-28",
        "--submitted",
        "2026-12-16T12:00:00+05:00",
    )
    assert expected["registration day"] == "2026-12-17"  # 16 December, Independence Day, is a day off
    assert _shown(html, "calc-review-deadline") == expected["review deadline"]
    assert "Law No. 333-VI, Art 10(2)" in html  # the engine's finding on a filing made on a day off


def test_the_month_names_holidays_in_the_readers_language(client: Client, november_28: None) -> None:
    english = _html(client, "/?form=rally&date=2026-12-18")
    assert "Independence Day" in english
    assert 'data-date="2026-12-16"' in english and 'class="day off holiday"' in english
    kazakh = _html(client, "/?form=rally&date=2026-12-18", lang="kk")
    assert "Independence Day" not in kazakh and "Тәуелсіздік" in kazakh
    nauryz = _html(client, "/?form=picket&date=2027-03-25", lang="ru")
    assert "Наурыз" in nauryz


def test_the_htmx_request_gets_the_result_alone_and_the_address_to_push(
    client: Client, november_28: None
) -> None:
    response = client.get(
        "/calculator/?form=march&date=2026-12-18&settlement=",
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = response.content.decode()
    assert "<html" not in html and 'id="calc-last-filing-day"' in html
    assert response["HX-Push-Url"] == "/?form=march&date=2026-12-18"
    # Without htmx the same address is the whole page.
    assert "<html" in _html(client, "/calculator/?form=march&date=2026-12-18")


def test_bad_input_is_reported_next_to_the_field(client: Client, november_28: None) -> None:
    html = _html(client, "/?form=rally&date=")
    assert 'id="id_date_error"' in html
    html = _html(client, "/?form=rally&date=2026-12-18&filed_on=2026-12-20")
    assert 'id="id_filed_on_error"' in html
    partial = _html(client, "/calculator/?form=rally&date=", HTTP_HX_REQUEST="true")
    assert 'role="alert"' in partial


def test_the_start_page_states_the_rules_with_citations(client: Client, november_28: None) -> None:
    html = _html(client, "/")
    for citation in (
        "Art 10(1)",
        "Art 12(1)",
        "Art 1(4)",
        "Art 9(1)",
        "Art 9(4)",
        "Art 11(1)",
        "Art 13(1)",
    ):
        assert f"Law No. 333-VI, {citation}" in html, citation
    # The numbers come from the regime in force.
    assert "at least 5 working days" in html and "at least 10 working days" in html
    assert "09:00" in html and "20:00" in html
    for link in ("/api/v1/docs", "/register/", "/places/"):
        assert f'href="{link}"' in html
    assert 'class="month' in html  # this month's calendar before anything is chosen


# --- the register and the case page -------------------------------------------------------------------


@pytest.fixture
def march_26() -> Iterator[None]:
    with time_machine.travel(at(2026, 3, 26, 12), tick=False):
        yield


def _refused(filed: CaseMaker, officer: AbstractBaseUser) -> Case:
    case = filed(rally(starts_at="2026-04-16T11:00:00+05:00", ends_at="2026-04-16T13:00:00+05:00"))
    record_decision(case.pk, officer, DecisionInput("refuse", ("14.1.5",), REASONS), now=at(2026, 3, 26))
    record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=at(2026, 3, 26)), now=at(2026, 3, 26))
    return Case.objects.get(pk=case.pk)


def test_the_register_lists_filed_cases_and_filters_them(
    client: Client, filed: CaseMaker, officer: AbstractBaseUser, march_26: None
) -> None:
    almaty = filed()
    refused = _refused(filed, officer)
    astana = filed(march())
    html = _html(client, "/register/")
    for case in (almaty, refused, astana):
        assert f'href="/register/{case.pk}/"' in html
    assert "3 filings found" in html

    def ids(query: str) -> set[int]:
        return {int(i) for i in re.findall(r'href="/register/(\d+)/"', _html(client, f"/register/?{query}"))}

    assert ids("settlement=astana") == {astana.pk}
    assert ids("form=march") == {astana.pk}
    assert ids("outcome=refused") == {refused.pk}
    assert ids("outcome=pending") == {almaty.pk, astana.pk}
    assert ids("date_from=2026-04-16&date_to=2026-04-16") == {refused.pk}
    assert ids("date_from=2026-05-01") == {astana.pk}
    assert ids("q=imanov") == {almaty.pk, refused.pk}
    assert ids("q=Writers") == {astana.pk}
    assert ids("q=no-such-place") == set()
    # A range ending before it starts is an error next to the field, and filters nothing away silently.
    assert 'id="id_date_to_error"' in _html(client, "/register/?date_from=2026-05-01&date_to=2026-04-01")


def test_the_register_pages(client: Client, filed: CaseMaker, march_26: None) -> None:
    for hour in range(9, 9 + 27):
        day = dt.date(2026, 4, 15) + dt.timedelta(days=hour - 9)
        filed(rally(starts_at=f"{day}T11:00:00+05:00", ends_at=f"{day}T13:00:00+05:00"))
    first = _html(client, "/register/?settlement=almaty")
    assert "27 filings found" in first and "Page 1 of 2" in first
    assert 'href="?settlement=almaty&amp;page=2"' in first
    second = _html(client, "/register/?settlement=almaty&page=2")
    assert len(re.findall(r'href="/register/\d+/"', second)) == 2


def test_the_public_case_page_shows_the_outcome_grounds_and_timeline(
    client: Client, filed: CaseMaker, officer: AbstractBaseUser, march_26: None
) -> None:
    case = _refused(filed, officer)
    html = _html(client, f"/register/{case.pk}/")
    assert 'id="case-outcome">Refused' in html
    assert "Law No. 333-VI, Art 11(1)(2)" in html  # the outcome's provision for a notification
    assert "Law No. 333-VI, Art 14(1)(5)" in html  # the ground
    assert "Filed with the akimat" in html and "The akimat&#x27;s decision recorded" in html
    assert "Draft" not in html
    assert REASONS not in html  # the officer's reasons are free text: not published


def test_drafts_and_unknown_cases_are_not_found(client: Client, organizer: AbstractBaseUser) -> None:
    from beibit.law.model import PlannedAssembly

    draft = create_case(organizer, PlannedAssembly.model_validate(rally()), now=at(2026, 3, 20))
    assert client.get(f"/register/{draft.pk}/").status_code == 404
    assert client.get("/register/999999/").status_code == 404
    assert f"/register/{draft.pk}/" not in _html(client, "/register/")


# --- places and the occupancy calendar ----------------------------------------------------------------


def test_the_places_page_lists_the_registry_in_force(client: Client, registry_in_db: None) -> None:
    html = _html(client, "/places/?settlement=almaty&on=2026-04-15")
    assert 'id="places-layer"' in html and "specialized_place" in html
    assert f'href="/places/{IMANOV}/calendar/"' in html
    assert "picket-free object" in html or "territory where pickets are banned" in html
    assert "Maslikhat decision" in html
    # An unknown settlement falls back to the default one rather than failing.
    assert _html(client, "/places/?settlement=atlantis").count("<form") >= 1


def test_the_place_calendar_shows_the_four_fields_in_week_and_month(
    client: Client, filed: CaseMaker, march_26: None
) -> None:
    case = filed()
    week = _html(client, f"/places/{IMANOV}/calendar/?view=week&date=2026-04-15")
    assert "13 April 2026 – 19 April 2026" in week
    assert "11:00–13:00" in week and "150 participants" in week and "Rally" in week
    assert f'href="/register/{case.pk}/"' in week
    assert "view=week&amp;date=2026-04-06" in week and "view=week&amp;date=2026-04-20" in week
    month = _html(client, f"/places/{IMANOV}/calendar/?view=month&date=2026-04-15")
    assert "April 2026" in month and "150" in month
    assert "view=month&amp;date=2026-03-01" in month and "view=month&amp;date=2026-05-01" in month
    elsewhere = _html(client, f"/places/{IMANOV}/calendar/?view=week&date=2026-05-15")
    assert "The place is not booked in this period." in elsewhere
    assert client.get("/places/no-such-place/calendar/").status_code == 404


# --- no personal data -------------------------------------------------------------------------------------


def test_no_public_page_shows_personal_data(
    client: Client, filed: CaseMaker, officer: AbstractBaseUser, march_26: None
) -> None:
    personal = {
        "organizer": {
            "kind": "citizen",
            "persons": [
                {
                    "full_name": "Aigerim Tulegenova",
                    "iin": ORGANIZER_IIN,
                    "birth_date": "1985-06-12",
                    "citizenship": "KZ",
                    "residence": "Almaty, Abay avenue 1",
                }
            ],
            "contacts": {"email": "aigerim@example.kz", "phone": "+77011234567"},
        }
    }
    case = filed(rally(**personal))
    refused = _refused(filed, officer)
    secrets = (
        ORGANIZER_IIN,
        "Tulegenova",
        "Aigerim",
        "aigerim@example.kz",
        "+77011234567",
        "7011234567",
        "Abay avenue 1",
        "Ask the city to keep the old trees",  # the purpose text is not public either
    )
    pages = [
        "/",
        "/register/",
        f"/register/{case.pk}/",
        f"/register/{refused.pk}/",
        "/places/?settlement=almaty&on=2026-04-15",
        f"/places/{IMANOV}/calendar/?view=week&date=2026-04-15",
        f"/places/{IMANOV}/calendar/?view=month&date=2026-04-15",
    ]
    for url in pages:
        for lang in ("en", "kk"):
            html = _html(client, url, lang=lang)
            for secret in secrets:
                assert secret not in html, (url, secret)


def test_the_public_case_page_shows_the_chain_to_the_sanctions(
    client: Client, filed: CaseMaker, registry_in_db: None, march_26: None
) -> None:
    """Filing -> what the monitors recorded -> sanctions -> court, on one public page (issue 7)."""
    import datetime as dt
    from decimal import Decimal

    from beibit.monitoring import services as monitoring

    case = filed()
    monitor = create_staff(
        email="monitor@example.kz", password="correct-horse-battery-staple", role="monitor", settlement=""
    )
    fine = monitoring.MonitoringSanctionInput(
        kind="administrative",
        article_part=3,
        basis="no_notice",
        fine_amount=Decimal(50),
        fine_unit="mci",
        court="Specialized inter-district administrative court of Almaty",
        decided_on=dt.date(2026, 3, 25),
        outcome="imposed",
    )
    record = monitoring.MonitoringRecordInput(
        settlement="almaty",
        event_date=dt.date(2026, 3, 24),
        case_id=case.pk,
        held="yes",
        turned_violent="no",
        police_response="dispersal",
        detentions=3,
        confidence="confirmed",
    )
    monitoring.create_record(monitor, record, now=at(2026, 3, 25, 18), sanctions=(fine,))
    html = _html(client, f"/register/{case.pk}/")
    assert "What the monitors recorded" in html
    assert "Specialized inter-district administrative court of Almaty" in html
    assert re.search(r"<dt>Detained</dt><dd>3\b", html)
    assert "50" in html and "monitor@example.kz" not in html
