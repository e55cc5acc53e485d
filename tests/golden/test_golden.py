"""Today's `beibit check` and `beibit compare --json` output, byte for byte against the outputs recorded
before the issue 12 renovation (tests/golden/record.py): on every contract example and every scenario.

A scenario added later has no recorded output and is left out; a recorded one that disappeared fails.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.golden.record import HERE, golden_sets

SETS = dict(golden_sets())


@pytest.mark.parametrize("name", sorted(SETS))
def test_output_is_byte_identical_to_the_recorded_one(name: str) -> None:
    recorded: dict[str, Any] = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    today = dict(SETS[name])
    missing = sorted(set(recorded) - set(today))
    assert not missing, f"recorded cases that no longer run: {missing}"
    for key, before in recorded.items():
        for command in ("check", "compare"):
            assert today[key][command]["exit"] == before[command]["exit"], f"{key}: {command} exit code"
            assert today[key][command]["stdout"] == before[command]["stdout"], f"{key}: {command} output"


def test_every_recorded_set_is_run() -> None:
    files = {path.stem for path in Path(HERE).glob("*.json")}
    assert files == set(SETS)
    assert len(json.loads((HERE / "contract-examples.json").read_text(encoding="utf-8"))) == 4
