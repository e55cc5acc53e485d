"""The public register, the occupancy calendar and the places: no account needed, no personal data ever."""

from __future__ import annotations

import csv
import io

import time_machine
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases.actions.booking import enter_akimat_booking, release_akimat_booking
from beibit.cases.actions.decision import record_decision
from beibit.cases.inputs import AkimatBookingInput, DecisionInput
from tests.api.conftest import Api
from tests.cases.fixtures import ORGANIZER_IIN, CaseMaker, at, march

PERSONAL = (ORGANIZER_IIN, "Aigerim", "Tulegenova", "aigerim@example.kz", "+77011234567", "old trees")


def _no_personal_data(text: str) -> None:
    for item in PERSONAL:
        assert item not in text, item


def test_the_register_lists_filings_without_personal_data(
    anonymous: Api, filed: CaseMaker, officer: AbstractBaseUser, clock: time_machine.Coordinates
) -> None:
    case = filed()
    record_decision(
        case.pk,
        officer,
        DecisionInput("refuse", ("14.1.3",), "A threat to public order, assessed."),
        now=at(2026, 3, 26),
    )
    filed(march())
    response = anonymous.get("/register")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    row = next(r for r in body["items"] if r["case_id"] == case.pk)
    assert row["outcome"] == "refused" and row["grounds"] == ["14.1.3"]
    assert (row["location"], row["expected_participants"]) == ("almaty-imanov-square", 150)
    assert row["planned_start"] == "2026-04-15T11:00:00+05:00" and row["lat"] and row["lon"]
    assert row["akimat"] == "Akimat of Almaty" and row["geo_precision"] == "specialized_place"
    _no_personal_data(response.content.decode())


def test_the_register_filters_and_csv(
    anonymous: Api, filed: CaseMaker, clock: time_machine.Coordinates
) -> None:
    filed()
    filed(march())
    assert anonymous.get("/register?settlement=astana").json()["count"] == 1
    assert anonymous.get("/register?place=almaty-imanov-square").json()["count"] == 1
    assert anonymous.get("/register?date_from=2026-04-16").json()["count"] == 1
    assert anonymous.get("/register?date_from=2026-04-01&date_to=2026-04-30").json()["count"] == 1
    bad = anonymous.get("/register?date_from=2026-05-01&date_to=2026-04-01")
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "date_to"
    unknown = anonymous.get("/register?settlement=atlantis")
    assert unknown.status_code == 422 and unknown.json()["error"]["field"] == "settlement"
    text = anonymous.get("/register?format=csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2 and {"planned_start", "planned_end", "expected_participants", "outcome"} <= set(
        rows[0]
    )
    _no_personal_data(text)


def test_a_register_read_notices_the_silence(
    anonymous: Api, filed: CaseMaker, clock: time_machine.Coordinates
) -> None:
    case = filed()
    clock.move_to(at(2026, 3, 31, 0, 5))
    row = anonymous.get("/register").json()["items"][0]
    assert (
        row["case_id"] == case.pk and row["outcome"] == "deemed_agreed" and row["status"] == "deemed_agreed"
    )


def test_the_occupancy_calendar_shows_the_four_cc_61_np_fields(
    anonymous: Api, filed: CaseMaker, officer: AbstractBaseUser, clock: time_machine.Coordinates
) -> None:
    concert = enter_akimat_booking(
        officer,
        AkimatBookingInput(
            "cultural_event",
            "almaty-sary-arka-square",
            at(2026, 4, 15, 10),
            at(2026, 4, 15, 14),
            "City Day concert",
            2000,
        ),
        now=at(2026, 3, 19),
    )
    filed()
    response = anonymous.get("/occupancy?settlement=almaty")
    items = response.json()["items"]
    assert len(items) == 2
    for item in items:
        # planned event; place and date; start and end time; expected participants
        assert item["planned_event"] and item["place_id"] and item["date"] == "2026-04-15"
        assert item["starts_at"] and item["ends_at"] and item["expected_participants"]
    assert {i["planned_event"] for i in items} == {"cultural event: City Day concert", "rally (notification)"}
    _no_personal_data(response.content.decode())
    release_akimat_booking(concert.pk, officer, now=at(2026, 3, 25))
    assert anonymous.get("/occupancy?place=almaty-sary-arka-square").json()["count"] == 0
    then = anonymous.get("/occupancy?place=almaty-sary-arka-square&as_of=2026-03-24T12:00:00%2B05:00").json()
    assert then["count"] == 1  # the calendar as it stood
    text = anonymous.get("/occupancy?format=csv").content.decode()
    assert text.splitlines()[0].startswith("booking_id,settlement_id,place_id,place_name,date,starts_at")


def test_the_places_of_a_settlement_on_a_day(anonymous: Api) -> None:
    response = anonymous.get("/settlements/almaty/places?date=2026-04-15")
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    collection = response.json()
    ids = {f["properties"]["id"] for f in collection["features"]}
    assert {"almaty-imanov-square", "almaty-route-zhambyl"} <= ids
    assert collection["type"] == "FeatureCollection" and collection["date"] == "2026-04-15"
    old = anonymous.get("/settlements/almaty/places?date=2021-01-01").json()
    assert old["features"] and {f["properties"]["valid_from"] for f in old["features"]} == {"2020-06-23"}
    assert anonymous.get("/settlements/atlantis/places").status_code == 422
    assert anonymous.get("/settlements/almaty/places?date=someday").json()["error"]["field"] == "date"
    assert len(anonymous.get("/settlements").json()) > 2


def test_the_start_page_links_the_api_docs(anonymous: Api) -> None:
    page = anonymous.client.get("/")
    assert page.status_code == 200
    assert b'<a href="/api/v1/docs">' in page.content
    assert anonymous.client.get("/api/v1/docs").status_code == 200


def test_the_occupancy_as_of_any_offset_or_far_date(anonymous: Api, registry_in_db: None) -> None:
    """An instant with an offset the database cannot store (found by schemathesis on PostgreSQL) is read as
    the same instant in UTC; one that leaves the calendar in UTC is refused naming the field."""
    odd = anonymous.get("/occupancy?as_of=8317-07-19T15%3A18%3A44-21%3A29")
    assert odd.status_code == 200 and odd.json()["count"] == 0
    edge = anonymous.get("/occupancy?as_of=9999-12-31T23%3A00%3A00-21%3A00")
    assert edge.status_code == 422 and edge.json()["error"]["field"] == "as_of"
