"""POST /api/v1/evaluations: byte for byte what `beibit check` prints, errors included."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from beibit.cli import main as cli
from tests.api.conftest import Api

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = [
    *sorted((ROOT.parent / "shared" / "contract" / "examples").glob("*.json")),
    ROOT / "examples" / "rally-late.json",
]


def _cli(data: bytes, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli(["check", "-", *args], stdin=io.BytesIO(data), out=out)
    return code, out.getvalue()


def _query(args: list[str]) -> tuple[str, list[str]]:
    """The CLI's --regime / --as-of as query parameters."""
    params, cli_args = [], []
    for flag, name in (("--regime", "regime"), ("--as-of", "as_of")):
        if flag in args:
            value = args[args.index(flag) + 1]
            params.append(f"{name}={value}")
            cli_args += [flag, value]
    return ("?" + "&".join(params)) if params else "", cli_args


def _example(path: Path) -> tuple[bytes, list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if "input" in data:
        return json.dumps(data["input"]).encode(), list(data.get("args") or [])
    return path.read_bytes(), []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_same_bytes_as_beibit_check(anonymous: Api, path: Path) -> None:
    body, args = _example(path)
    query, cli_args = _query([*args, "--as-of", "2026-03-01"] if "--as-of" not in args else args)
    code, printed = _cli(body, *cli_args)
    response = anonymous.post(f"/evaluations{query}", raw=body)
    if code == 0:
        assert response.status_code == 200
        assert response.content.decode() == printed
    else:
        assert response.status_code in (400, 422)
        assert response.json() == json.loads(printed)


BAD: list[tuple[str, bytes, str, Any]] = [
    ("not json", b"{rally", "", (400, "invalid_json")),
    ("unknown field", b'{"form": "rally", "colour": "red"}', "", (422, "unknown_field")),
    ("naive time", b'{"form": "rally", "starts_at": "2026-05-05T12:00:00"}', "", (422, "naive_datetime")),
    ("unknown form", b'{"form": "party"}', "", (422, "invalid_value")),
    (
        "ends before it starts",
        b'{"form": "rally", "starts_at": "2026-05-05T12:00:00+05:00", '
        b'"ends_at": "2026-05-05T11:00:00+05:00"}',
        "",
        (422, "ends_before_start"),
    ),
    ("unknown regime", b'{"form": "rally"}', "?regime=kz-2099", (422, "unknown_regime")),
]


@pytest.mark.parametrize(("name", "body", "query", "expected"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_the_contracts_error(
    anonymous: Api, name: str, body: bytes, query: str, expected: Any
) -> None:
    response = anonymous.post(f"/evaluations{query}", raw=body)
    status, code = expected
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code
    cli_args = ["--regime", query.split("=", 1)[1]] if query else []
    assert response.json() == json.loads(_cli(body, *cli_args)[1])


def test_a_bad_query_parameter_names_the_field(anonymous: Api) -> None:
    response = anonymous.post("/evaluations?as_of=yesterday", raw=b'{"form": "rally"}')
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "as_of"
