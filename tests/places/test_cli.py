"""`beibit places list|import|export`, called through a parser built here as the main CLI will build it."""

from __future__ import annotations

import argparse
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from beibit.places import load_registry
from beibit.places.cli import add_places_commands, parse_decision, run_places
from tests.places.builders import collection, place_feature, square

WriteJson = Callable[[str, object], Path]


def run(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="beibit")
    subparsers = parser.add_subparsers(dest="command", required=True)
    add_places_commands(subparsers)
    args = parser.parse_args(["places", *argv])
    assert args.command == "places" and args.places_handler is run_places
    out, err = io.StringIO(), io.StringIO()
    code = run_places(args, out, err)
    return code, out.getvalue(), err.getvalue()


def test_list_text_shows_places_routes_and_objects_with_their_decisions(registry_dir: Path) -> None:
    code, out, err = run(
        "list", "--settlement", "almaty", "--on", "2025-05-01", "--registry", str(registry_dir)
    )
    assert (code, err) == (0, "")
    assert "almaty-imanov-square  [square]" in out and "max occupancy: 500" in out
    assert "almaty-valikhanov-square" not in out
    assert "almaty-route-zhambyl" in out
    assert "picket-free boundary: 400 m" in out and "adilet V24R0001755" in out
    assert "max occupancy: not set by the decision" in out
    assert "decision: No. 462 of 2020-06-23, reg. 1622" in out


def test_list_json(registry_dir: Path) -> None:
    code, out, _ = run(
        "list", "--settlement", "almaty", "--on", "2023-05-01", "--registry", str(registry_dir), "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert [p["id"] for p in data["places"]] == [
        "almaty-gandhi-park",
        "almaty-sary-arka-square",
        "almaty-valikhanov-square",
    ]
    valikhanov = data["places"][2]
    assert valikhanov["max_occupancy"] == 1000 and valikhanov["kind"] == "square"
    assert valikhanov["decision"] == {
        "number": "462",
        "date": "2020-06-23",
        "adilet_id": None,
        "url": None,
        "registration": "1622",
        "note": valikhanov["decision"]["note"],
    }
    assert "support_requirements" in valikhanov
    assert [r["id"] for r in data["routes"]] == ["almaty-route-shevchenko"]
    assert {o["buffer_m"] for o in data["prohibited_objects"]} == {150}


def test_list_uses_the_environment_variable(registry_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = registry_dir.parent / "empty"
    empty.mkdir()
    monkeypatch.setenv("BEIBIT_REGISTRY", str(empty))
    code, out, _ = run("list", "--settlement", "almaty", "--on", "2025-05-01")
    assert code == 0 and "holds no data" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("list", "--settlement", "atlantis", "--on", "2025-05-01"), "unknown settlement 'atlantis'"),
        (("list", "--settlement", "almaty", "--on", "01.05.2025"), "--on must be a date YYYY-MM-DD"),
        (("list", "--settlement", "almaty", "--on", "2025-02-30"), "is not a calendar date"),
    ],
)
def test_list_errors_exit_2_with_a_message(registry_dir: Path, argv: tuple[str, ...], message: str) -> None:
    code, out, err = run(*argv, "--registry", str(registry_dir))
    assert code == 2 and out == ""
    assert err.startswith("error: ") and message in err and "Traceback" not in err


def test_missing_registry_directory_exits_2(tmp_path: Path) -> None:
    code, _, err = run(
        "list", "--settlement", "almaty", "--on", "2025-05-01", "--registry", str(tmp_path / "no")
    )
    assert code == 2 and "registry directory not found" in err


def test_import_then_list(registry_dir: Path, write_json: WriteJson) -> None:
    feature = place_feature("almaty-new-square", geometry=square(76.93, 43.23))
    del feature["properties"]["decision"]
    path = write_json("new.geojson", collection(feature))
    code, out, err = run(
        "import", str(path), "--settlement", "almaty", "--decision", "77 of 2029-12-01",
        "--valid-from", "2030-01-01", "--registry", str(registry_dir),
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    assert "imported 1 entries" in out
    code, out, _ = run(
        "list", "--settlement", "almaty", "--on", "2030-02-01", "--registry", str(registry_dir)
    )
    assert "almaty-new-square" in out and "No. 77 of 2029-12-01" in out


def test_import_of_a_broken_file_exits_2_and_changes_nothing(
    registry_dir: Path, write_json: WriteJson
) -> None:
    bow_tie = {
        "type": "Polygon",
        "coordinates": [[[76.90, 43.20], [76.91, 43.21], [76.91, 43.20], [76.90, 43.21], [76.90, 43.20]]],
    }
    path = write_json("bad.geojson", collection(place_feature("almaty-bad", geometry=bow_tie)))
    before = sorted(p.name for p in registry_dir.rglob("*"))
    code, out, err = run(
        "import", str(path), "--settlement", "almaty", "--decision", "77 of 2029-12-01",
        "--valid-from", "2030-01-01", "--registry", str(registry_dir),
    )  # fmt: skip
    assert code == 2 and out == ""
    assert "feature #0 (id 'almaty-bad')" in err and "Self-intersection" in err
    assert sorted(p.name for p in registry_dir.rglob("*")) == before


def test_import_with_a_malformed_decision_exits_2(registry_dir: Path, write_json: WriteJson) -> None:
    path = write_json("new.geojson", collection(place_feature()))
    code, _, err = run(
        "import", str(path), "--settlement", "almaty", "--decision", "77 of 1 Dec 2029",
        "--valid-from", "2030-01-01", "--registry", str(registry_dir),
    )  # fmt: skip
    assert code == 2 and '--decision must look like "462 of 2020-06-23"' in err


def test_parse_decision() -> None:
    d = parse_decision("No. 462 of 2020-06-23", "almaty")
    assert (d.number, d.date and d.date.isoformat()) == ("462", "2020-06-23")
    assert parse_decision("133/16-VIII", "astana").date is None
    with pytest.raises(Exception, match="--decision must look like"):
        parse_decision("462 of June 2020", "almaty")


def test_export_round_trips(registry_dir: Path, tmp_path: Path) -> None:
    code, out, _ = run(
        "export", "--settlement", "astana", "--on", "2024-06-01", "--registry", str(registry_dir)
    )
    assert code == 0
    data = json.loads(out)
    assert data["type"] == "FeatureCollection"
    assert {f["properties"]["id"] for f in data["features"]} >= {"astana-saryarka-square", "astana-akorda"}
    assert all(f["properties"]["valid_from"] == "2023-12-26" for f in data["features"])

    target = tmp_path / "copy" / "astana" / "export.geojson"
    code, out, _ = run(
        "export",
        "--settlement",
        "astana",
        "--on",
        "2024-06-01",
        "--registry",
        str(registry_dir),
        "-o",
        str(target),
    )
    assert code == 0 and target.exists()
    reloaded = load_registry(tmp_path / "copy")
    assert len(reloaded.entries_in_force("astana", date(2024, 6, 1))) == len(data["features"])
