"""Runs every table-driven legal scenario in tests/scenarios/*.yaml (one file per article group).

Each case: `name` (a sentence), `cites` (the provision it exercises), optional `base` (a complete filing
from _bases.yaml), `input` (merged over the base), `remove` (dotted paths to delete), `regime`, `as_of`,
and `expect`: `procedure`, `deadlines` (named fields), `refusal_grounds` (exact), `refusal_grounds_include`,
`refusal_grounds_exclude`, `findings_include` / `findings_exclude` (codes), `severity` ({code: severity}),
`cites_include` (["act:article(paragraph)(subparagraph)"] that some finding must cite; a standard cited
by paragraph or section reads "GC37:72", "ODIHR:2nd A-4.1"), `facts` ({code: {fact: value}} that some
finding with that code must carry), `regime_id`, `alternatives_include` (place ids), or `error` (the
contract error code for input that is not a planned assembly). Cases run against the bundled registry of
places (data/registry) unless `registry: none`; `bookings` lists what is already registered (Art 9(3)).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter, ValidationError

from beibit.law.contract import validation_error
from beibit.law.evaluate import evaluate
from beibit.law.model import BookingInput, Citation, Evaluation, PlannedAssembly
from beibit.places import default_registry

HERE = Path(__file__).parent
BASES: dict[str, Any] = yaml.safe_load((HERE / "_bases.yaml").read_text(encoding="utf-8"))
DEFAULT_AS_OF = dt.date(2026, 11, 28)
REGISTRY = default_registry()  # the bundled registry, as `beibit check` uses; `registry: none` leaves it out
BOOKINGS = TypeAdapter(list[BookingInput])


def _load() -> list[Any]:
    cases = []
    for path in sorted(HERE.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        for index, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            cases.append(pytest.param(case, id=f"{path.stem}[{index}] {case['name']}"))
    return cases


CASES = _load()


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


def build_input(case: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(BASES[case["base"]]) if "base" in case else {}
    data = _merge(data, case.get("input") or {})
    for dotted in case.get("remove") or []:
        _remove(data, dotted)
    # YAML reads bare dates as dates; the contract takes strings.
    return json.loads(json.dumps(data, default=str))


def _cite_text(c: Citation) -> str:
    """ "333-VI:14(1)(4)"; Art 1's definitions have subparagraphs without a paragraph: "333-VI:1(4)".
    Standards cited without an article: by paragraph "GC37:72", or by section "ODIHR:2nd A-4.1"."""
    if c.article is None and c.paragraph is not None:
        return f"{c.act}:{c.paragraph}"
    if c.article is None and c.item:
        return f"{c.act}:{c.item}"
    text = f"{c.act}:{c.article}" if c.article is not None else c.act
    for part in (c.paragraph, c.subparagraph):
        if part is not None:
            text += f"({part})"
    return text


def check(evaluation: Evaluation, expect: dict[str, Any]) -> None:
    if "procedure" in expect:
        assert evaluation.procedure == expect["procedure"]
    if "regime_id" in expect:
        assert evaluation.regime.id == expect["regime_id"]
    deadlines = evaluation.deadlines.model_dump(mode="json")
    for key, value in (expect.get("deadlines") or {}).items():
        wanted = value.isoformat() if isinstance(value, dt.date) else value
        assert deadlines[key] == wanted, f"deadlines.{key}: {deadlines[key]} != {wanted}"
    if "refusal_grounds" in expect:
        assert evaluation.refusal_grounds == expect["refusal_grounds"]
    for g in expect.get("refusal_grounds_include") or []:
        assert g in evaluation.refusal_grounds
    for g in expect.get("refusal_grounds_exclude") or []:
        assert g not in evaluation.refusal_grounds
    codes = [f.code for f in evaluation.findings]
    for code in expect.get("findings_include") or []:
        assert code in codes, f"{code} not in {codes}"
    for code in expect.get("findings_exclude") or []:
        assert code not in codes, f"{code} unexpectedly in {codes}"
    for code, severity in (expect.get("severity") or {}).items():
        assert [f.severity for f in evaluation.findings if f.code == code] == [severity] * codes.count(code)
        assert code in codes
    offered = {a.place_id for a in evaluation.alternatives}
    for place_id in expect.get("alternatives_include") or []:
        assert place_id in offered, f"{place_id} not offered: {sorted(offered)}"
    cited = {_cite_text(f.citation) for f in evaluation.findings}
    for wanted in expect.get("cites_include") or []:
        assert any(c.startswith(wanted) for c in cited), f"nothing cites {wanted}: {sorted(cited)}"
    for code, facts in (expect.get("facts") or {}).items():
        carried = [f.facts for f in evaluation.findings if f.code == code]
        assert any(all(found.get(k) == v for k, v in facts.items()) for found in carried), (
            f"no {code} with {facts}: {carried}"
        )


@pytest.mark.parametrize("case", CASES)
def test_scenario(case: dict[str, Any]) -> None:
    assert case.get("cites"), "every scenario names the provision it exercises"
    raw = build_input(case)
    expect = case["expect"]
    as_of = case.get("as_of", DEFAULT_AS_OF)
    if "error" in expect:
        with pytest.raises(ValidationError) as caught:
            PlannedAssembly.model_validate_json(json.dumps(raw))
        assert validation_error(caught.value).code == expect["error"]
        return
    assembly = PlannedAssembly.model_validate_json(json.dumps(raw))
    bookings = BOOKINGS.validate_json(json.dumps(case.get("bookings") or [], default=str))
    registry = None if case.get("registry") == "none" else REGISTRY
    evaluation = evaluate(
        assembly, regime=case.get("regime"), as_of=as_of, registry=registry, bookings=bookings
    )
    Evaluation.model_validate(evaluation.model_dump())  # the engine's output is a valid evaluation
    check(evaluation, expect)


def test_there_are_enough_scenarios() -> None:
    assert len(CASES) >= 80
