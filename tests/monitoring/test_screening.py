"""Issue 14, fault 10: monitors' free text reaches the public only without IINs, phone numbers and e-mail
addresses; what fails stays unpublished (open data, the public case page) until a monitor edits it, and the
monitor's record page says which text and why, in the monitor's language."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from django.urls import reverse

from beibit.monitoring import services as mservices
from beibit.monitoring.screening import personal_data
from tests.cases.fixtures import ORGANIZER_IIN, CaseMaker
from tests.monitoring.conftest import NOW, RecordMaker, record_input


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (f"organizer {ORGANIZER_IIN}", ["iin"]),
        ("call +7 701 123 45 67", ["phone"]),
        ("8 (727) 250-12-34", ["phone"]),
        ("87011234567", ["phone"]),
        ("+44 20 7946 0958", ["phone"]),
        ("write to aigerim@example.kz", ["email"]),
        ("Vlast.kz, article 202604150012", []),  # twelve digits that are no IIN
        ("police estimate, 1500 people", []),
        ("https://vlast.kz/novosti/65432-miting.html", []),
    ],
)
def test_fault10_the_screening_finds_iins_phones_and_emails(text: str, kinds: list[str]) -> None:
    assert personal_data(text) == kinds


def test_fault10_monitors_free_text_stays_unpublished_until_edited(
    monitor: AbstractBaseUser, filed: CaseMaker, client: Client
) -> None:
    case = filed()
    record = mservices.create_record(
        monitor,
        record_input(
            case_id=case.pk, size_source="organizer Aigerim, +7 701 123 45 67", observed_size_low=100
        ),
        now=NOW,
        sources=[
            mservices.MonitoringSourceInput(url="https://example.org/r", outlet="aigerim@example.kz"),
            mservices.MonitoringSourceInput(url="https://vlast.kz/news/1", outlet="Vlast"),
        ],
    )
    exports = {
        name: client.get(f"/api/v1/open-data/{name}").getvalue().decode()
        for name in ("register.csv", "register.json", "acled.csv")
    }
    public_page = client.get(f"/register/{case.pk}/").content.decode()
    for body in (*exports.values(), public_page):
        assert "701 123 45 67" not in body and "aigerim@example.kz" not in body
    items = json.loads(exports["register.json"])["items"]
    assert items[0]["size_source"] == "monitor"  # the screened text is left out, the figure stays
    assert [s["outlet"] for s in items[0]["sources"]] == ["Vlast"]

    monitor_client = Client()
    monitor_client.force_login(monitor)
    page = monitor_client.get(reverse("monitoring:record", args=[record.pk]), HTTP_ACCEPT_LANGUAGE="ru")
    html = page.content.decode()
    assert 'id="withheld"' in html
    withheld = html[html.index('id="withheld"') :].split("</div>")[0]
    assert "номер телефона" in withheld and "адрес электронной почты" in withheld

    mservices.update_record(
        record.pk,
        monitor,
        record_input(case_id=case.pk, size_source="police estimate", observed_size_low=100),
        now=NOW,
    )
    body = client.get("/api/v1/open-data/register.csv").getvalue().decode()
    table = list(csv.DictReader(io.StringIO(body)))
    assert table[0]["size_source"] == "police estimate"
    edited = monitor_client.get(reverse("monitoring:record", args=[record.pk])).content.decode()
    assert 'id="withheld"' in edited  # the outlet with an e-mail address is still held back


def test_fault10_a_clean_record_has_no_warning(monitor: AbstractBaseUser, make_record: RecordMaker) -> None:
    record = make_record(size_source="police estimate")
    client = Client()
    client.force_login(monitor)
    assert 'id="withheld"' not in client.get(reverse("monitoring:record", args=[record.pk])).content.decode()
