"""Issue 14, faults 2, 3 and 14 at the API's door: every text and number of the contract has a bound, declared
once in the contract's models (beibit.law.model); beyond it the answer is 422 naming the field, never a 500
(on PostgreSQL too: an integer past 2**31 used to reach the database), and nothing is stored."""

from __future__ import annotations

import json

import pytest
import time_machine

from beibit.cases.models import Case
from beibit.law import model
from tests.api.conftest import Api
from tests.cases.fixtures import rally


def _refused(api: Api, body: bytes, field: str) -> None:
    response = api.post("/cases", raw=body)
    assert response.status_code == 422, response.content[:300]
    assert response.json()["error"]["field"] == field
    evaluation = api.post("/evaluations", raw=body)
    assert evaluation.status_code == 422, evaluation.content[:300]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"purpose": "x" * (model.MAX_PURPOSE + 1)}, "purpose"),
        ({"purpose": "x" * 1_000_000}, "purpose"),
        ({"regulations": "x" * (model.MAX_TEXT + 1)}, "regulations"),
        ({"public_order_measures": "x" * (model.MAX_TEXT + 1)}, "public_order_measures"),
        ({"place": {"address": "x" * (model.MAX_LINE + 1), "point": [76.9, 43.2]}}, "place.address"),
        (
            {"organizer": {"kind": "citizen", "persons": [{"full_name": "x" * (model.MAX_NAME + 1)}]}},
            "organizer.persons.0.full_name",
        ),
        ({"funding_sources": [{"kind": "own_funds", "name": "x" * 201}]}, "funding_sources.0.name"),
    ],
)
def test_fault02_a_text_past_its_bound_is_refused_at_the_door(
    as_organizer: Api, clock: time_machine.Coordinates, changes: dict[str, object], field: str
) -> None:
    _refused(as_organizer, json.dumps(rally(**changes)).encode(), field)
    assert not Case.objects.exists()


def test_fault02_a_text_at_its_bound_is_accepted(as_organizer: Api, clock: time_machine.Coordinates) -> None:
    response = as_organizer.post("/cases", rally(purpose="x" * model.MAX_PURPOSE))
    assert response.status_code == 201, response.content[:300]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"expected_participants": 2_147_483_648}, "expected_participants"),
        ({"expected_participants": model.MAX_PARTICIPANTS + 1}, "expected_participants"),
        ({"expected_participants": 10**40}, "expected_participants"),
        ({"vehicles": {"count": 2**63}}, "vehicles.count"),
        ({"vehicles": {"route_length_m": 1e300}}, "vehicles.route_length_m"),
    ],
)
def test_fault03_a_number_past_its_bound_is_refused_at_the_door(
    as_organizer: Api, clock: time_machine.Coordinates, changes: dict[str, object], field: str
) -> None:
    _refused(as_organizer, json.dumps(rally(**changes)).encode(), field)
    assert not Case.objects.exists()


def test_fault03_the_largest_number_allowed_drafts_and_submits(
    as_organizer: Api, clock: time_machine.Coordinates
) -> None:
    case = as_organizer.post("/cases", rally(expected_participants=model.MAX_PARTICIPANTS))
    assert case.status_code == 201, case.content[:300]
    submitted = as_organizer.post(f"/cases/{case.json()['id']}/submit")
    assert submitted.status_code == 200, submitted.content[:300]


def test_fault03_an_akimat_booking_past_the_participants_bound_is_refused(
    as_officer: Api, clock: time_machine.Coordinates
) -> None:
    response = as_officer.post(
        "/officer/bookings",
        {
            "kind": "official_event",
            "place_id": "almaty-imanov-square",
            "starts_at": "2026-04-15T10:00:00+05:00",
            "ends_at": "2026-04-15T12:00:00+05:00",
            "description": "City Day",
            "expected_participants": 2_147_483_648,
        },
    )
    assert response.status_code == 422 and response.json()["error"]["field"] == "expected_participants"


def _nested(depth: int) -> str:
    return "[" * depth + "[76.95, 43.24]" + "]" * depth


@pytest.mark.parametrize("depth", [5, 150, 1000, 5000])
def test_fault14_a_geometry_nested_deep_is_an_input_error(
    as_organizer: Api, clock: time_machine.Coordinates, depth: int
) -> None:
    body = (
        '{"form": "picket", "settlement": "almaty", "place": {"geometry": {"type": "Polygon", '
        f'"coordinates": {_nested(depth)}}}}}}}'
    ).encode()
    for path in ("/cases", "/evaluations"):
        response = as_organizer.post(path, raw=body)
        assert response.status_code in (400, 422), response.content[:300]
        assert "error" in response.json()
    assert not Case.objects.exists()


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_fault14_any_body_nested_deep_is_an_input_error(as_officer: Api, depth: int) -> None:
    """The endpoints whose body django-ninja parses (here the akimat's booking) refuse it too."""
    response = as_officer.post("/officer/bookings", raw=("[" * depth + "]" * depth).encode())
    assert response.status_code == 400, response.content[:300]
    assert response.json()["error"]["code"] == "invalid_json"
