"""Place rules against small registries built in the test (the scenarios use the bundled one)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from beibit.law.evaluate import evaluate
from beibit.law.model import BookingInput, PlannedAssembly
from beibit.places import Registry, parse_feature_collection

AS_OF = dt.date(2026, 11, 28)
SQUARE = [[76.900, 43.240], [76.902, 43.240], [76.902, 43.242], [76.900, 43.242], [76.900, 43.240]]


def registry(*, usage_limits: dict[str, Any] | None = None, max_occupancy: int | None = 300) -> Registry:
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
                "properties": {
                    "id": "almaty-test-square",
                    "registry_type": "specialized_place",
                    "settlement": "almaty",
                    "name": {"en": "Test square"},
                    "valid_from": "2025-01-01",
                    "valid_to": None,
                    "decision": {"number": "1", "date": "2024-12-20"},
                    "geometry_quality": "approximate",
                    "kind": "square",
                    "max_occupancy": max_occupancy,
                    "usage_limits": usage_limits,
                },
            }
        ],
    }
    return Registry(parse_feature_collection(collection, source="test"))


def picket(**changes: Any) -> PlannedAssembly:
    raw: dict[str, Any] = {
        "form": "picket",
        "settlement": "almaty",
        "place": {"point": [76.901, 43.241]},
        "starts_at": "2026-06-02T11:00:00+05:00",
        "ends_at": "2026-06-02T12:00:00+05:00",
    }
    raw.update(changes)
    return PlannedAssembly.model_validate(raw)


def codes(assembly: PlannedAssembly, reg: Registry, bookings: list[BookingInput] | None = None) -> list[str]:
    return [f.code for f in evaluate(assembly, as_of=AS_OF, registry=reg, bookings=bookings or []).findings]


def test_local_limit_on_distance_between_pickets() -> None:
    reg = registry(usage_limits={"min_distance_between_pickets_m": 100})
    near = BookingInput(
        point=(76.9012, 43.2411), form="picket", starts_at=picket().starts_at, ends_at=picket().ends_at
    )  # type: ignore[arg-type]
    far = BookingInput(
        point=(76.9019, 43.2419), form="picket", starts_at=picket().starts_at, ends_at=picket().ends_at
    )  # type: ignore[arg-type]
    assert "place.local_limit_picket_distance" in codes(picket(), reg, [near])
    assert "place.local_limit_picket_distance" not in codes(picket(), reg, [far])
    assert "place.local_limit_picket_distance" not in codes(picket(), registry(), [near])


def test_local_limit_on_picket_hours() -> None:
    reg = registry(usage_limits={"max_picket_hours_per_day": 1})
    assert "place.local_limit_picket_hours" in codes(picket(ends_at="2026-06-02T12:30:00+05:00"), reg)
    assert "place.local_limit_picket_hours" not in codes(picket(), reg)


def test_occupancy_from_a_registry_built_in_a_line() -> None:
    rally = PlannedAssembly.model_validate(
        {
            "form": "rally",
            "settlement": "almaty",
            "place": {"specialized_place_id": "almaty-test-square"},
            "starts_at": "2026-06-02T11:00:00+05:00",
            "expected_participants": 301,
        }
    )
    assert "14.1.9" in evaluate(rally, as_of=AS_OF, registry=registry()).refusal_grounds
    assert "14.1.9" not in evaluate(rally, as_of=AS_OF, registry=registry(max_occupancy=301)).refusal_grounds


def test_the_registry_is_an_argument_not_global_state() -> None:
    rally = PlannedAssembly.model_validate(
        {
            "form": "rally",
            "settlement": "almaty",
            "place": {"specialized_place_id": "almaty-test-square"},
            "starts_at": "2026-06-02T11:00:00+05:00",
        }
    )
    with_it = [f.code for f in evaluate(rally, as_of=AS_OF, registry=registry()).findings]
    without = [f.code for f in evaluate(rally, as_of=AS_OF, registry=Registry()).findings]
    assert "place.in_specialized_place" in with_it
    assert "place.not_checked" in without
