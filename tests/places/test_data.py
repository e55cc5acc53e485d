"""The bundled data: every number traces to maslikhat-decisions.json; nothing invented."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from beibit.places import (
    BUNDLED_REGISTRY_DIR,
    ProhibitedObject,
    Registry,
    SpecializedPlace,
    default_registry,
    resolve_registry_directory,
)
from beibit.places.settlements import SETTLEMENTS, settlement_for_dataset_name, settlement_ids
from tests.places.conftest import DATA_DIR, REPO_ROOT

# Every name and number of the bundled registry comes from the shared dataset (CI has ../shared beside us).
SOURCE = REPO_ROOT.parent / "shared" / "data" / "maslikhat-decisions.json"


def dataset() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(SOURCE.read_text(encoding="utf-8"))
    return data


def entry_named(name: str) -> dict[str, Any]:
    return next(e for e in dataset() if e["settlement"] == name)


def test_bundled_directory_is_found_from_the_package() -> None:
    assert BUNDLED_REGISTRY_DIR.resolve() == DATA_DIR.resolve()
    assert default_registry().settlements() == ("almaty", "astana")


def test_every_capacity_matches_the_dataset(registry: Registry) -> None:
    checked = 0
    for entry in registry.entries:
        if not isinstance(entry, SpecializedPlace):
            continue
        assert entry.source is not None, entry.id
        assert entry.source.dataset == "maslikhat-decisions.json"
        assert entry.source.entry is not None
        record = entry_named(entry.source.entry)
        matches = [p for p in record["places"] if p["name"] == entry.source.item]
        assert len(matches) == 1, f"{entry.id}: source item not found"
        assert entry.max_occupancy == matches[0]["max_occupancy"], entry.id
        assert entry.kind == matches[0]["kind"], entry.id
        assert entry.name.ru is not None and matches[0]["name"].startswith(entry.name.ru), entry.id
        checked += 1
    assert checked == 17


def test_every_buffer_matches_the_dataset(registry: Registry) -> None:
    for entry in registry.entries:
        if not isinstance(entry, ProhibitedObject):
            continue
        assert entry.source is not None and entry.source.entry is not None, entry.id
        record = entry_named(entry.source.entry)
        if entry.source.item is None:
            assert entry.buffer_m is None, f"{entry.id}: a boundary without a source"
            continue
        matches = [z for z in record["picketing_prohibited"] if z["object_kind"] == entry.source.item]
        assert len(matches) == 1, entry.id
        assert entry.buffer_m == matches[0]["distance_m"], entry.id


def test_no_number_appears_that_the_dataset_does_not_give(registry: Registry) -> None:
    capacities = {p["max_occupancy"] for e in dataset() for p in e["places"]}
    distances = {z["distance_m"] for e in dataset() for z in e["picketing_prohibited"]}
    for entry in registry.entries:
        if isinstance(entry, SpecializedPlace):
            assert entry.max_occupancy in capacities
            assert entry.usage_limits is None and entry.hours is None and entry.support_requirements is None
        else:
            assert entry.buffer_m in distances


def test_every_decision_reference_is_in_the_dataset(registry: Registry) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    for entry in registry.entries:
        decision = entry.decision
        for value in (decision.number, decision.adilet_id, decision.registration, decision.url):
            if value is not None:
                assert value in text, f"{entry.id}: {value!r} is not in the dataset"
        if decision.date is not None:
            assert decision.date.isoformat() in text


def test_bundled_geometry_is_marked_approximate(registry: Registry) -> None:
    assert {e.geometry_quality for e in registry.entries} == {"approximate"}


def test_every_dataset_settlement_has_a_registry_id() -> None:
    for record in dataset():
        settlement = settlement_for_dataset_name(record["settlement"])
        assert settlement is not None, record["settlement"]
    assert {"almaty", "astana"} <= set(settlement_ids())
    assert all(s.id.isascii() and s.id == s.id.lower() for s in SETTLEMENTS)
    assert len(settlement_ids()) == len(SETTLEMENTS)


def test_files_are_one_version_per_settlement_and_date() -> None:
    files = sorted(p.relative_to(DATA_DIR).as_posix() for p in Path(DATA_DIR).rglob("*.geojson"))
    assert files == [
        "almaty/2020-06-23_462.geojson",
        "almaty/2024-08-28_462-amended.geojson",
        "astana/2020-06-06_nur-sultan-2020.geojson",
        "astana/2023-12-26_133-16-viii.geojson",
    ]
    for path in Path(DATA_DIR).rglob("*.geojson"):
        data = json.loads(path.read_text(encoding="utf-8"))
        starts = {f["properties"]["valid_from"] for f in data["features"]}
        assert starts == {path.name[:10]}, path


def test_registry_directory_precedence(tmp_path: Path) -> None:
    env = {"BEIBIT_REGISTRY": str(tmp_path)}
    assert resolve_registry_directory(environ={}) == BUNDLED_REGISTRY_DIR
    assert resolve_registry_directory(environ=env) == tmp_path
    assert resolve_registry_directory(tmp_path / "explicit", environ=env) == tmp_path / "explicit"
