"""Every finding message of every scenario file, rendered as `beibit check --lang kk|ru` renders it, reads
in that language: no English fragment, no code, no ISO date, no long number without a separator (issue 15,
part A's proof, second half)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from beibit.law.evaluate import evaluate, translated
from beibit.law.model import BookingInput, PlannedAssembly
from tests.language.speech import faults
from tests.scenarios.test_scenarios import BOOKINGS, CASES, DEFAULT_AS_OF, REGISTRY, build_input


def _data_words() -> frozenset[str]:
    """Words of what the scenario files give as a filer or an akimat would type it, in Latin letters: names
    of persons and organizations, the target and the objects a filing names, bookings' references. (Names
    from the registry are not among them: those the message gives in the reader's language.)"""
    words: set[str] = set()

    def walk(node: Any, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in {"full_name", "name", "reference"}:
            words.update(re.findall(r"[A-Za-z][A-Za-z'’]*", node))

    for param in CASES:
        case = param.values[0]
        walk(build_input(case))
        walk(case.get("bookings") or [])
    return frozenset(words)


DATA_NAMES = _data_words()


def _evaluations() -> list[tuple[str, Any]]:
    out = []
    for param in CASES:
        case = param.values[0]
        if "error" in case["expect"]:
            continue
        raw = build_input(case)
        assembly = PlannedAssembly.model_validate_json(json.dumps(raw))
        bookings: list[BookingInput] = BOOKINGS.validate_json(
            json.dumps(case.get("bookings") or [], default=str)
        )
        registry = None if case.get("registry") == "none" else REGISTRY
        evaluation = evaluate(
            assembly,
            regime=case.get("regime"),
            as_of=case.get("as_of", DEFAULT_AS_OF),
            registry=registry,
            bookings=bookings,
        )
        out.append((param.id or "", evaluation))
    return out


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_finding_message_speaks_the_readers_language(lang: str) -> None:
    wrong: dict[str, list[str]] = {}
    count = 0
    for name, evaluation in _evaluations():
        for finding in translated(evaluation, lang).findings:
            count += 1
            for fault in faults(finding.message, allowed=DATA_NAMES):
                wrong.setdefault(f"{finding.code} {fault.kind} {fault.token!r}", []).append(
                    f"{name}: {finding.message}"
                )
    assert count > 300
    report = "\n".join(f"{key} ({len(where)}×), e.g. {where[0]}" for key, where in sorted(wrong.items()))
    assert not wrong, f"{len(wrong)} kinds of fault:\n{report}"
