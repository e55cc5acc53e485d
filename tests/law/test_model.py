from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from beibit.law.model import Deadlines, Evaluation, Person, PlannedAssembly, build


def test_only_form_is_required() -> None:
    assert PlannedAssembly.model_validate({"form": "picket"}).form == "picket"
    with pytest.raises(ValidationError):
        PlannedAssembly.model_validate({})


@pytest.mark.parametrize(
    "raw",
    [
        {"form": "rally", "starts_at": "2026-05-05T12:00:00"},  # naive
        {"form": "rally", "submitted_at": "2026-05-05T12:00:00"},
        {"form": "rally", "typo": 1},  # unknown field
        {"form": "rally", "organizer": {"persons": [{"name": "x"}]}},  # unknown nested field
        {"form": "rally", "expected_participants": 0},
        {"form": "rally", "place": {"point": [200, 51]}},
        {"form": "rally", "place": {"geometry": {"type": "Circle", "coordinates": [1, 2]}}},
        {"form": "march", "route": {"geometry": {"type": "Point", "coordinates": [71.4, 51.1]}}},
        {"form": "march", "route": {"geometry": {"type": "LineString", "coordinates": [["a", "b"]]}}},
        {"form": "rally", "organizer": {"persons": [{"citizenship": "Kazakhstan"}]}},
        {"form": "rally", "starts_at": "2026-05-05T12:00:00+05:00", "ends_at": "2026-05-05T12:00:00+05:00"},
    ],
)
def test_invalid_input_is_rejected(raw: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        PlannedAssembly.model_validate(raw)


def test_citizenship_null_means_stateless_and_missing_means_unknown() -> None:
    assert Person.model_validate({"citizenship": None}).citizenship_known
    assert not Person.model_validate({}).citizenship_known


def test_a_wrong_iin_checksum_is_accepted_as_input() -> None:
    # A bad IIN is a finding of the engine, not an input error.
    person = Person.model_validate({"iin": "850612300452"})
    assert person.iin == "850612300452"


def test_build_equals_model_construct() -> None:
    values = {
        "last_filing_day": dt.date(2026, 12, 11),
        "registration_day": None,
        "filed_in_time": None,
        "review_deadline": None,
        "silence_effect": "proceed_as_notified",
        "campaigning_from": None,
    }
    fast = build(Deadlines, **values)
    slow = Deadlines.model_construct(**values)
    assert fast == slow
    assert fast.model_dump_json() == slow.model_dump_json()
    assert Deadlines.model_validate(fast.model_dump()) == fast
    with pytest.raises(ValidationError):
        fast.silence_effect = "none"  # type: ignore[misc]  # frozen like any model


def test_evaluation_schema_is_generated() -> None:
    schema = Evaluation.model_json_schema()
    assert set(schema["required"]) >= {"regime", "procedure", "deadlines", "findings", "refusal_grounds"}
