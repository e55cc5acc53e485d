"""The command line: contract examples, exit codes, and a fuzz test that no input ends in a traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beibit.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED_EXAMPLES = ROOT.parent / "shared" / "contract" / "examples"
OWN_EXAMPLES = ROOT / "tests" / "contract" / "examples"


ENDS_BEFORE_START = json.dumps(
    {"form": "rally", "starts_at": "2026-05-05T12:00:00+05:00", "ends_at": "2026-05-05T11:00:00+05:00"}
).encode()


def run(argv: list[str], data: bytes = b"") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.BytesIO(data), out=out)
    return code, out.getvalue()


def _examples() -> list[Any]:
    paths = sorted(SHARED_EXAMPLES.glob("*.json")) + sorted(OWN_EXAMPLES.glob("*.json"))
    return [pytest.param(p, id=f"{p.parent.parent.name}/{p.name}") for p in paths]


def check_example(example: dict[str, Any], code: int, output: str) -> None:
    expect = example["expect"]
    assert code == expect.get("exit", 0), output
    result = json.loads(output)
    if code != 0:
        assert set(result) == {"error"}
        assert {"code", "field", "message"} <= set(result["error"])
        return
    if "procedure" in expect:
        assert result["procedure"] == expect["procedure"]
    if "regime_id" in expect:
        assert result["regime"]["id"] == expect["regime_id"]
    for key, value in (expect.get("deadlines") or {}).items():
        assert result["deadlines"][key] == value, key
    if "refusal_grounds" in expect:
        assert result["refusal_grounds"] == expect["refusal_grounds"]
    for ground in expect.get("refusal_grounds_include") or []:
        assert ground in result["refusal_grounds"]
    for ground in expect.get("refusal_grounds_exclude") or []:
        assert ground not in result["refusal_grounds"]
    for wanted in expect.get("cites") or []:
        act, article = wanted.split(":")
        assert any(
            f["citation"]["act"] == act and str(f["citation"]["article"]) == article
            for f in result["findings"]
        ), wanted


@pytest.mark.parametrize("path", _examples())
def test_contract_example(path: Path) -> None:
    example = json.loads(path.read_text(encoding="utf-8"))
    code, output = run(["check", "-", *example.get("args", [])], json.dumps(example["input"]).encode())
    check_example(example, code, output)


def test_shared_examples_are_copied_into_the_repo() -> None:
    assert SHARED_EXAMPLES.is_dir()
    for path in SHARED_EXAMPLES.glob("*.json"):
        assert (OWN_EXAMPLES / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_installed_console_script_runs_an_example() -> None:
    example = json.loads((SHARED_EXAMPLES / "01-rally-nauryz-late.json").read_text(encoding="utf-8"))
    script = Path(sys.executable).parent / "beibit"
    done = subprocess.run(
        [str(script), "check", "-", *example["args"]],
        input=json.dumps(example["input"]).encode(),
        capture_output=True,
        check=False,
        timeout=60,
    )
    check_example(example, done.returncode, done.stdout.decode())
    assert done.stderr == b""


@pytest.mark.parametrize(
    ("argv", "data", "code"),
    [
        (["check", "-"], b"not json", "invalid_json"),
        (["check", "-"], b'{"form": "parade"}', "invalid_value"),
        (["check", "-"], b'{"form": "rally", "colour": "red"}', "unknown_field"),
        (["check", "-"], b'{"form": "rally", "starts_at": "2026-05-05T12:00:00"}', "naive_datetime"),
        (
            ["check", "-"],
            ENDS_BEFORE_START,
            "ends_before_start",
        ),
        (["check", "-", "--regime", "kz-2030"], b'{"form": "rally"}', "unknown_regime"),
        (["check", "-"], b'{"form": "rally", "expected_participants": "many"}', "invalid_input"),
        (["check", "/nonexistent.json"], b"", "unreadable_file"),
        (["check", "-", "--as-of", "yesterday"], b'{"form": "rally"}', "invalid_date"),
        (["calendar", "2026-13"], b"", "invalid_month"),
        (["check", "-"], b'{"form": "rally", "starts_at": "0001-01-01T00:30:00+05:00"}', "date_out_of_range"),
        (
            ["check", "-"],
            b'{"form": "rally", "submitted_at": "9999-12-31T23:00:00-05:00"}',
            "date_out_of_range",
        ),
        (["check", "-"], b'{"form": "rally", "starts_at": "1990-05-05T12:00:00+05:00"}', "date_out_of_range"),
        (["calendar", "1985-01"], b"", "date_out_of_range"),
        (["calendar", "9999-12"], b"", "date_out_of_range"),
        (["deadlines", "--form", "rally", "--date", "2101-01-05"], b"", "date_out_of_range"),
        (["frobnicate"], b"", "usage"),
    ],
)
def test_bad_input_exits_2_with_the_error_object(argv: list[str], data: bytes, code: str) -> None:
    exit_code, output = run(argv, data)
    assert exit_code == 2
    assert json.loads(output)["error"]["code"] == code


def test_ends_before_start_names_the_field() -> None:
    _, output = run(
        ["check", "-"],
        ENDS_BEFORE_START,
    )
    assert json.loads(output)["error"]["field"] == "ends_at"


def test_lang_translates_messages() -> None:
    data = json.dumps({"form": "rally", "starts_at": "2026-12-21T11:00:00+05:00"}).encode()
    _, english = run(["check", "-", "--as-of", "2026-11-28"], data)
    _, russian = run(["check", "-", "--as-of", "2026-11-28", "--lang", "ru"], data)
    en = json.loads(english)
    ru = json.loads(russian)
    assert [f["code"] for f in en["findings"]] == [f["code"] for f in ru["findings"]]
    assert all(a["message"] != b["message"] for a, b in zip(en["findings"], ru["findings"], strict=True))


def test_compare_json_and_table() -> None:
    example = json.loads((SHARED_EXAMPLES / "01-rally-nauryz-late.json").read_text(encoding="utf-8"))
    data = json.dumps(example["input"]).encode()
    code, output = run(["compare", "-", "--json"], data)
    assert code == 0
    entries = {e["regime"]: e for e in json.loads(output)["comparison"]}
    assert entries["kz-333-vi"]["evaluation"]["procedure"] == "notification"
    assert entries["kz-1995"]["evaluation"]["procedure"] == "application_for_permission"
    code, table = run(["compare", "-"], data)
    assert code == 0
    assert "kz-333-vi-2020" in table and "application_for_permission" in table


def test_compare_reports_a_regime_not_in_force_for_old_facts() -> None:
    data = json.dumps(
        {
            "form": "rally",
            "starts_at": "2019-05-20T11:00:00+06:00",
            "submitted_at": "2019-05-01T10:00:00+06:00",
        }
    ).encode()
    code, output = run(["compare", "-", "--json"], data)
    assert code == 0
    entries = {e["regime"]: e for e in json.loads(output)["comparison"]}
    assert entries["kz-333-vi"]["error"]["code"] == "not_in_force"
    assert entries["kz-1995"]["evaluation"]["deadlines"]["filed_in_time"] is True


def test_deadlines_short_form() -> None:
    code, output = run(
        [
            "deadlines",
            "--form",
            "rally",
            "--date",
            "2026-12-21",
            "--submitted",
            "2026-12-14T10:00+05:00",
            "--json",
        ]
    )
    assert code == 0
    result = json.loads(output)
    assert result["deadlines"]["last_filing_day"] == "2026-12-11"
    assert result["deadlines"]["filed_in_time"] is False
    assert any(f["code"] == "timing.filed_late" for f in result["findings"])
    code, text = run(["deadlines", "--form", "march", "--date", "2026-12-21"])
    assert code == 0 and "4 December 2026 (Fri)" in text and "application for approval" in text


def test_deadlines_in_kazakh_and_russian() -> None:
    """Issue 15: the regime, the procedure, the silence, the weekdays and the citations in the language."""
    code, kk = run(["deadlines", "--form", "march", "--date", "2026-12-21", "--lang", "kk"])
    assert code == 0
    assert "№ 333-VI Заң" in kk and "келісуге өтініш" in kk and "4 желтоқсан 2026 (жм)" in kk
    assert "Бұл өтініш әлі берілмеген" in kk and "application" not in kk and "Law No." not in kk
    code, ru = run(["deadlines", "--form", "rally", "--date", "2026-12-21", "--lang", "ru"])
    assert code == 0
    assert "порядок: уведомление" in ru and "Закон № 333-VI, ст. 10 п. 1" in ru
    assert "собрание может пройти, как указано в уведомлении" in ru and "proceed_as_notified" not in ru


def test_calendar_month() -> None:
    code, output = run(["calendar", "2024-05"])
    assert code == 0
    assert "2024-05-04 +" in output and "Victory Day" in output
    code, output = run(["calendar", "2024-06", "--json"])
    days = {d["date"]: d for d in json.loads(output)}
    assert days["2024-06-16"]["holiday"] == "Kurban Ait" and days["2024-06-17"]["working"]


def test_regimes_lists_all() -> None:
    code, output = run(["regimes", "--json"])
    assert code == 0
    ids = [r["id"] for r in json.loads(output)]
    assert ids == ["kz-333-vi", "kz-333-vi-2020", "kz-1995", "standards"]  # contract: `regimes` lists them


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
field_names = st.sampled_from(
    [
        "form",
        "purpose",
        "organizer",
        "place",
        "route",
        "starts_at",
        "ends_at",
        "submitted_at",
        "expected_participants",
        "equipment",
        "funding_sources",
        "settlement",
        "nature",
        "indoors",
        "vehicles",
    ]
)
field_values = st.one_of(
    json_values,
    st.sampled_from(["picket", "meeting", "rally", "demonstration", "march", "almaty", "astana"]),
    st.datetimes().map(lambda d: d.isoformat() + "+05:00"),
    st.datetimes().map(lambda d: d.isoformat()),
)
assemblies = st.dictionaries(field_names, field_values, max_size=8)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.one_of(
        st.binary(max_size=200),
        assemblies.map(lambda d: json.dumps(d).encode()),
        st.tuples(st.sampled_from(["starts_at", "ends_at", "submitted_at"]), st.datetimes()).map(
            lambda kv: json.dumps({"form": "rally", kv[0]: kv[1].isoformat() + "+05:00"}).encode()
        ),
    )
)
def test_fuzz_check_never_crashes(data: bytes) -> None:
    code, output = run(["check", "-", "--as-of", "2026-11-28"], data)
    assert code in (0, 2)
    result = json.loads(output)
    if code == 2:
        assert set(result) == {"error"}
    else:
        assert result["contract_version"] == 1


def test_check_with_bookings_reports_the_conflict_and_free_places(tmp_path: Path) -> None:
    rally = {
        "form": "rally",
        "settlement": "almaty",
        "place": {"specialized_place_id": "almaty-imanov-square"},
        "starts_at": "2025-05-13T11:00:00+05:00",
        "ends_at": "2025-05-13T13:00:00+05:00",
        "expected_participants": 300,
        "submitted_at": "2025-04-28T10:00:00+05:00",
    }
    bookings = tmp_path / "bookings.json"
    bookings.write_text(
        json.dumps(
            [
                {
                    "place_id": "almaty-imanov-square",
                    "kind": "official_event",
                    "starts_at": "2025-05-13T12:00:00+05:00",
                    "ends_at": "2025-05-13T14:00:00+05:00",
                }
            ]
        )
    )
    code, output = run(["check", "-", "--bookings", str(bookings)], json.dumps(rally).encode())
    assert code == 0
    result = json.loads(output)
    assert "place.occupied_offer_alternative" in [f["code"] for f in result["findings"]]
    offered = {a["place_id"]: a for a in result["alternatives"]}
    assert "almaty-gandhi-park" in offered
    slots = offered["almaty-imanov-square"]["slots"]
    assert slots[0]["starts_at"].startswith("2025-05-13T09:00") and slots[0]["ends_at"].startswith(
        "2025-05-13T12:00"
    )


def test_bad_bookings_exit_2_naming_the_field(tmp_path: Path) -> None:
    bookings = tmp_path / "bookings.json"
    bookings.write_text(json.dumps([{"place_id": "x", "starts_at": "2025-05-13T12:00:00"}]))
    code, output = run(["check", "-", "--bookings", str(bookings)], b'{"form": "rally"}')
    assert code == 2
    error = json.loads(output)["error"]
    assert error["field"].startswith("bookings.0")


def test_places_commands_are_wired(tmp_path: Path) -> None:
    code, output = run(["places", "list", "--settlement", "almaty", "--on", "2023-05-01", "--json"])
    assert code == 0
    assert "almaty-valikhanov-square" in output
    code, output = run(["places", "export", "--settlement", "almaty", "--on", "2025-05-01"])
    assert code == 0
    ids = {f["properties"]["id"] for f in json.loads(output)["features"]}
    assert "almaty-imanov-square" in ids and "almaty-valikhanov-square" not in ids


@pytest.mark.parametrize(
    ("lang", "victory", "month"), [("ru", "День Победы", "май"), ("kk", "Жеңіс күні", "мамыр")]
)
def test_calendar_speaks_the_language(lang: str, victory: str, month: str) -> None:
    code, output = run(["calendar", "2024-05", "--lang", lang])
    assert code == 0
    assert victory in output and month in output.lower()
    assert "Victory Day" not in output and "Day off" not in output
