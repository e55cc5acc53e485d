"""Import validation: every kind of broken file is refused as a whole, naming the feature; nothing is
half-imported; a good file is written atomically and is then part of the registry."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from beibit.places import (
    MaslikhatDecision,
    RegistryError,
    RegistryValidationError,
    import_file,
    load_registry,
    parse_feature_collection,
)
from tests.places.builders import collection, object_feature, place_feature, square

WriteJson = Callable[[str, object], Path]
DECISION = MaslikhatDecision(settlement="almaty", number="77", date=date(2029, 12, 1))


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()
    }


def do_import(registry_dir: Path, path: Path, **kw: object) -> object:
    args: dict[str, object] = {
        "settlement": "almaty",
        "decision": DECISION,
        "valid_from": date(2030, 1, 1),
    }
    args.update(kw)
    return import_file(registry_dir, path, **args)  # type: ignore[arg-type]


def refused(registry_dir: Path, path: Path, **kw: object) -> RegistryValidationError:
    before = snapshot(registry_dir)
    with pytest.raises(RegistryValidationError) as info:
        do_import(registry_dir, path, **kw)
    assert snapshot(registry_dir) == before, "a refused import must leave the registry untouched"
    return info.value


def test_good_file_is_imported_and_loaded(registry_dir: Path, write_json: WriteJson) -> None:
    path = write_json("new.geojson", collection(place_feature("almaty-new-square")))
    result = do_import(registry_dir, path)
    written = result.path  # type: ignore[attr-defined]
    assert written == registry_dir / "almaty" / "2030-01-01_77.geojson"
    reg = load_registry(registry_dir)
    place = reg.place_by_id("almaty", "almaty-new-square", date(2030, 6, 1))
    assert place is not None and place.max_occupancy == 100
    assert place.decision.number == "77" and place.valid_from == date(2030, 1, 1)
    assert not [p for p in written.parent.iterdir() if p.name.endswith(".tmp")]


def test_import_fills_decision_and_validity_from_the_command(
    registry_dir: Path, write_json: WriteJson
) -> None:
    feature = place_feature("almaty-bare")
    for key in ("decision", "valid_from", "valid_to", "settlement"):
        del feature["properties"][key]
    path = write_json("bare.geojson", collection(feature))
    do_import(registry_dir, path, valid_to=date(2030, 12, 31))
    place = load_registry(registry_dir).place_versions("almaty", "almaty-bare")[0]
    assert (place.valid_from, place.valid_to, place.decision.number) == (
        date(2030, 1, 1),
        date(2030, 12, 31),
        "77",
    )


def test_not_json_is_refused(registry_dir: Path, write_json: WriteJson) -> None:
    err = refused(registry_dir, write_json("x.geojson", "{not json"))
    assert "not GeoJSON: invalid JSON" in str(err)


def test_json_that_is_not_geojson_is_refused(registry_dir: Path, write_json: WriteJson) -> None:
    err = refused(registry_dir, write_json("x.geojson", [1, 2, 3]))
    assert "not GeoJSON" in str(err)


def test_geojson_that_is_not_a_feature_collection_is_refused(
    registry_dir: Path, write_json: WriteJson
) -> None:
    err = refused(registry_dir, write_json("x.geojson", place_feature()))
    assert "not a FeatureCollection" in str(err) and "'Feature'" in str(err)


def test_self_intersecting_polygon_is_refused_naming_the_feature(
    registry_dir: Path, write_json: WriteJson
) -> None:
    bow_tie = {
        "type": "Polygon",
        "coordinates": [[[76.90, 43.20], [76.91, 43.21], [76.91, 43.20], [76.90, 43.21], [76.90, 43.20]]],
    }
    data = collection(place_feature("almaty-ok"), place_feature("almaty-bow-tie", geometry=bow_tie))
    err = refused(registry_dir, write_json("x.geojson", data))
    assert len(err.issues) == 1
    issue = err.issues[0]
    assert (issue.index, issue.feature_id) == (1, "almaty-bow-tie")
    assert "Self-intersection" in issue.message
    assert "feature #1 (id 'almaty-bow-tie')" in str(err)


def test_unclosed_ring_is_refused(registry_dir: Path, write_json: WriteJson) -> None:
    ring = {
        "type": "Polygon",
        "coordinates": [[[76.90, 43.20], [76.91, 43.20], [76.91, 43.21], [76.90, 43.21]]],
    }
    err = refused(registry_dir, write_json("x.geojson", collection(place_feature(geometry=ring))))
    assert "closed" in str(err)


def test_coordinates_outside_kazakhstan_are_refused(registry_dir: Path, write_json: WriteJson) -> None:
    # Latitude and longitude swapped: a classic mistake.
    err = refused(
        registry_dir, write_json("x.geojson", collection(place_feature(geometry=square(43.2, 76.9))))
    )
    assert "outside the Kazakhstan bounding box" in str(err)
    assert err.issues[0].feature_id == "almaty-test-square"


def test_route_that_is_not_a_linestring_is_refused(registry_dir: Path, write_json: WriteJson) -> None:
    data = collection(
        place_feature("almaty-route-poly", kind="route", geometry=square(76.9, 43.2)),
        place_feature(
            "almaty-route-point", kind="route", geometry={"type": "Point", "coordinates": [76.9, 43.2]}
        ),
    )
    err = refused(registry_dir, write_json("x.geojson", data))
    assert [(i.index, i.feature_id) for i in err.issues] == [
        (0, "almaty-route-poly"),
        (1, "almaty-route-point"),
    ]
    assert all("must be a LineString" in i.message for i in err.issues)


def test_overlapping_validity_inside_the_file_is_refused(registry_dir: Path, write_json: WriteJson) -> None:
    data = collection(
        place_feature("almaty-twice", valid_from="2030-01-01", valid_to="2030-06-30"),
        place_feature("almaty-twice", valid_from="2030-06-30", valid_to=None),
    )
    path = write_json("x.geojson", data)
    with pytest.raises(RegistryValidationError) as info:
        parse_feature_collection(json.loads(path.read_text()), source="x.geojson")
    assert info.value.issues[0].index == 1 and "overlaps" in info.value.issues[0].message


def test_overlap_with_what_is_already_in_the_registry_is_refused(
    registry_dir: Path, write_json: WriteJson
) -> None:
    # The bundled 2024 Almaty version of the Gandhi park is open-ended.
    path = write_json("x.geojson", collection(place_feature("almaty-gandhi-park")))
    err = refused(registry_dir, path)
    assert "overlaps" in str(err) and "almaty/2024-08-28_462-amended.geojson" in str(err)


def test_same_id_in_a_later_non_overlapping_period_is_accepted(
    registry_dir: Path, write_json: WriteJson
) -> None:
    path = write_json("x.geojson", collection(place_feature("almaty-valikhanov-square", max_occupancy=None)))
    do_import(registry_dir, path)  # the 2020 version ended on 2024-08-27
    versions = load_registry(registry_dir).place_versions("almaty", "almaty-valikhanov-square")
    assert [v.valid_from for v in versions] == [date(2020, 6, 23), date(2030, 1, 1)]


def test_unknown_settlement_is_refused(registry_dir: Path, write_json: WriteJson) -> None:
    path = write_json("x.geojson", collection(place_feature(settlement="atlantis")))
    with pytest.raises(RegistryError, match="unknown settlement 'atlantis'"):
        do_import(registry_dir, path, settlement="atlantis", decision=DECISION)
    err = refused(registry_dir, path)  # --settlement almaty, feature says atlantis
    assert "'atlantis' but the import sets 'almaty'" in str(err)


def test_unknown_settlement_in_a_registry_file_is_refused(write_json: WriteJson, tmp_path: Path) -> None:
    write_json("reg/almaty/a.geojson", collection(place_feature(settlement="atlantis")))
    with pytest.raises(RegistryValidationError, match="unknown settlement 'atlantis'"):
        load_registry(tmp_path / "reg")


def test_file_in_the_wrong_settlement_folder_is_refused(write_json: WriteJson, tmp_path: Path) -> None:
    write_json("reg/astana/a.geojson", collection(place_feature(settlement="almaty")))
    with pytest.raises(RegistryValidationError, match="expected 'astana'"):
        load_registry(tmp_path / "reg")


def test_missing_occupancy_key_is_refused_not_guessed(registry_dir: Path, write_json: WriteJson) -> None:
    feature = place_feature()
    del feature["properties"]["max_occupancy"]
    err = refused(registry_dir, write_json("x.geojson", collection(feature)))
    assert "'max_occupancy' is required" in str(err)


def test_conflicting_decision_in_the_file_is_refused(registry_dir: Path, write_json: WriteJson) -> None:
    err = refused(
        registry_dir,
        write_json("x.geojson", collection(place_feature())),
        decision=MaslikhatDecision(settlement="almaty", number="99", date=date(2029, 12, 1)),
    )
    assert "contradicts" in str(err)


def test_every_problem_of_a_file_is_reported_at_once(registry_dir: Path, write_json: WriteJson) -> None:
    data = collection(
        place_feature("almaty-a", geometry=square(10.0, 10.0)),
        object_feature("almaty-b", buffer_m=-3),
        {"type": "Feature", "properties": {}, "geometry": None},
    )
    err = refused(registry_dir, write_json("x.geojson", data))
    assert [i.index for i in err.issues] == [0, 1, 2]


def test_failed_write_leaves_no_trace(
    registry_dir: Path, write_json: WriteJson, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_json("x.geojson", collection(place_feature("almaty-new")))
    before = snapshot(registry_dir)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        do_import(registry_dir, path)
    assert snapshot(registry_dir) == before


def test_importing_the_same_version_twice_is_refused(registry_dir: Path, write_json: WriteJson) -> None:
    do_import(registry_dir, write_json("a.geojson", collection(place_feature("almaty-a"))))
    with pytest.raises(RegistryError, match="already exists"):
        do_import(registry_dir, write_json("b.geojson", collection(place_feature("almaty-b"))))
