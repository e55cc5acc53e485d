"""Records what `beibit check` and `beibit compare --json` print for every contract example and every
legal scenario, so that a restructuring can prove its output unchanged byte for byte (issue 12).

Run it only on code whose output is the reference: `.venv/bin/python -m tests.golden.record`.
tests/golden/test_golden.py runs the same commands and compares them to the files written here.
"""

from __future__ import annotations

import copy
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from beibit.cli import main

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
EXAMPLES = ROOT / "tests" / "contract" / "examples"
SCENARIOS = ROOT / "tests" / "scenarios"
AS_OF = "2026-11-28"  # the scenario test's default day; fixed so that the outputs do not age


def _merge(base: Any, override: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _merge(base.get(key), value) if key in base else value
        return merged
    return copy.deepcopy(override)


def _remove(data: dict[str, Any], dotted: str) -> None:
    parts = dotted.split(".")
    node: Any = data
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        del node[int(parts[-1])]
    else:
        node.pop(parts[-1], None)


def scenario_input(case: dict[str, Any], bases: dict[str, Any]) -> bytes:
    """The scenario's filing as tests/scenarios/test_scenarios.py builds it (base, input, remove)."""
    data: dict[str, Any] = copy.deepcopy(bases[case["base"]]) if "base" in case else {}
    data = _merge(data, case.get("input") or {})
    for dotted in case.get("remove") or []:
        _remove(data, dotted)
    return json.dumps(data, default=str).encode()


def run(argv: list[str], stdin: bytes) -> dict[str, Any]:
    out = io.StringIO()
    code = main(argv, stdin=io.BytesIO(stdin), out=out)
    return {"exit": code, "stdout": out.getvalue()}


def runs(regime: str | None, stdin: bytes, bookings: Any, as_of: str = AS_OF) -> dict[str, Any]:
    """`check` and `compare --json` on one filing; bookings (Art 9(3)) go in through a file."""
    with tempfile.TemporaryDirectory() as tmp:
        extra: list[str] = []
        if bookings:
            path = Path(tmp) / "bookings.json"
            path.write_text(json.dumps(bookings, default=str), encoding="utf-8")
            extra = ["--bookings", str(path)]
        common = ["--as-of", as_of, *extra]
        check = ["check", "-", *(["--regime", regime] if regime else []), *common]
        return {"check": run(check, stdin), "compare": run(["compare", "-", "--json", *common], stdin)}


def examples() -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sorted(EXAMPLES.glob("*.json")):
        example = json.loads(path.read_text(encoding="utf-8"))
        stdin = json.dumps(example["input"]).encode()
        args = example.get("args", [])
        assert args in ([], ["--regime", args[-1]]), f"{path.name}: only --regime is expected"
        yield path.stem, runs(args[-1] if args else None, stdin, None)


def scenarios(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    bases = yaml.safe_load((SCENARIOS / "_bases.yaml").read_text(encoding="utf-8"))
    for index, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
        # `registry: none` cannot be said on the command line: those run with the bundled registry.
        stdin = scenario_input(case, bases)
        as_of = str(case.get("as_of", AS_OF))
        key = f"{path.stem}[{index}] {case['name']}"
        yield key, runs(case.get("regime"), stdin, case.get("bookings"), as_of)


def golden_sets() -> Iterator[tuple[str, Iterator[tuple[str, dict[str, Any]]]]]:
    yield "contract-examples", examples()
    for path in sorted(SCENARIOS.glob("*.yaml")):
        if not path.name.startswith("_"):
            yield f"scenarios-{path.stem}", scenarios(path)


def render(entries: Iterator[tuple[str, dict[str, Any]]]) -> str:
    return json.dumps(dict(entries), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    for name, entries in golden_sets():
        (HERE / f"{name}.json").write_text(render(entries), encoding="utf-8")
