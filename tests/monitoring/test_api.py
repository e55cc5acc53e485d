"""The monitoring API: monitors list, create, read and update; others are refused; the public view holds no
personal data. Every response is checked against the OpenAPI document."""

from __future__ import annotations

import json

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser

from tests.api.conftest import Api, token_for
from tests.cases.fixtures import CaseMaker, at

pytestmark = pytest.mark.django_db

RECORD = {
    "settlement": "almaty",
    "event_date": "2026-04-15",
    "held": "yes",
    "police_response": "dispersal",
    "detentions": 3,
    "notes": "Seen by our monitor near the square",
    "sources": [{"url": "https://example.org/report", "outlet": "Vlast", "published_on": "2026-04-16"}],
    "sanctions": [
        {
            "kind": "administrative",
            "article_part": 1,
            "basis": "no_notice",
            "fine_amount": "50",
            "fine_unit": "mci",
            "court": "Almaty court",
            "outcome": "imposed",
        }
    ],
}


@pytest.fixture
def as_monitor(monitor: AbstractBaseUser) -> Api:
    return Api(token_for(monitor))


@pytest.fixture(autouse=True)
def clock() -> object:
    with time_machine.travel(at(2026, 5, 4), tick=False) as traveller:
        yield traveller


def test_a_monitor_records_reads_and_edits(as_monitor: Api, filed: CaseMaker) -> None:
    case = filed()
    created = as_monitor.post("/monitoring/records", {**RECORD, "case_id": case.pk})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["case_id"] == case.pk and body["form"] == "rally"
    assert body["fine_mci"] == "50" and body["fine_kzt"] == 50 * 4325
    assert body["sanctions"][0]["article"] == "CAO art. 488(1)"
    assert [f["code"] for f in body["standards_findings"]] == [
        "STD.NO_SANCTION_FOR_NO_NOTICE",
        "STD.DISPERSAL",
    ]
    assert body["event_count"] == 1
    record_id = body["id"]

    fields = {k: v for k, v in RECORD.items() if k not in ("sources", "sanctions")}
    edited = as_monitor.put(
        f"/monitoring/records/{record_id}", {**fields, "case_id": case.pk, "detentions": 5}
    )
    assert edited.status_code == 200, edited.content
    assert edited.json()["detentions"] == 5 and edited.json()["event_count"] == 2

    added = as_monitor.post(
        f"/monitoring/records/{record_id}/sanctions",
        {"kind": "other", "other_article": "CAO art. 434", "fine_amount": "100000", "fine_unit": "kzt"},
    )
    assert added.status_code == 201
    flagged = added.json()["sanctions"][1]
    assert flagged["fine_flagged"] is True and flagged["fine_mci"] == "23.1214"
    sanction_id = flagged["id"]
    changed = as_monitor.put(
        f"/monitoring/records/{record_id}/sanctions/{sanction_id}",
        {"kind": "other", "other_article": "CAO art. 434", "fine_amount": "10", "fine_unit": "mci"},
    )
    assert changed.json()["sanctions"][1]["fine_flagged"] is False
    source = as_monitor.post(
        f"/monitoring/records/{record_id}/sources", {"url": "https://example.org/b", "outlet": "Azattyq"}
    )
    assert source.status_code == 201 and len(source.json()["sources"]) == 2

    read = as_monitor.get(f"/monitoring/records/{record_id}")
    assert read.json()["event_count"] == 5
    listed = as_monitor.get(f"/monitoring/records?case_id={case.pk}")
    assert [r["id"] for r in listed.json()] == [record_id]


def test_input_errors_name_the_field(as_monitor: Api) -> None:
    response = as_monitor.post("/monitoring/records", {**RECORD, "settlement": "atlantis"})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "settlement"
    response = as_monitor.post("/monitoring/records", {**RECORD, "detentions": -1})
    assert response.status_code == 422
    response = as_monitor.post("/monitoring/records", {**RECORD, "unknown": 1})
    assert response.status_code == 422
    assert as_monitor.get("/monitoring/records/99999").status_code == 404


@pytest.mark.parametrize("who", ["organizer", "officer", "editor"])
def test_others_cannot_use_the_monitoring_api(
    request: pytest.FixtureRequest, who: str, monitor: AbstractBaseUser
) -> None:
    api = Api(token_for(request.getfixturevalue(who)))
    assert api.post("/monitoring/records", RECORD).status_code == 403
    assert api.get("/monitoring/records").status_code == 403
    assert Api().get("/monitoring/records").status_code == 401


def test_a_monitor_cannot_decide_through_the_api(as_monitor: Api, filed: CaseMaker) -> None:
    case = filed()
    response = as_monitor.post(f"/officer/cases/{case.pk}/decision", {"decision": "proceed"})
    assert response.status_code in (403, 404, 422)
    assert response.status_code != 200
    assert as_monitor.get("/officer/inbox").status_code == 403


def test_the_public_view_has_no_personal_data(
    as_monitor: Api, filed: CaseMaker, organizer: AbstractBaseUser
) -> None:
    case = filed()
    as_monitor.post("/monitoring/records", {**RECORD, "case_id": case.pk})
    as_monitor.post("/monitoring/records", {**RECORD, "event_date": "2026-04-20"})
    response = Api().get("/monitoring/public")
    assert response.status_code == 200
    rows = response.json()
    assert [r["case_id"] for r in rows] == [case.pk, None]
    assert rows[0]["detained"] == 3 and rows[0]["fine_mci"] == "50"
    assert rows[0]["state_response"] == ["dispersal", "detentions", "fines"]
    text = json.dumps(rows)
    for private in ("Seen by our monitor", "monitor@example.kz", "aigerim", "Tulegenova", "850612300451"):
        assert private not in text
    assert "notes" not in rows[0]
