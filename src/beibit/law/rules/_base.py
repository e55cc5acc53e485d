"""What every rule shares: the evaluation context, citations, and the one way to make a finding.

A rule is a function `(assembly, params, context) -> list[Finding]` named after what it checks; its
docstring opens with its citation. Rules register themselves under `module.function`, and a regime file
lists the names of the rules that apply under it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from beibit.law.calendar import WorkingCalendar
from beibit.law.messages import render
from beibit.law.model import (
    BookingInput,
    Citation,
    Evaluation,
    FactValue,
    Finding,
    Form,
    Person,
    PlannedAssembly,
    Severity,
    build,
)
from beibit.law.regimes import Params, Regime
from beibit.places import Registry, SpecializedPlace, ZoneHit
from beibit.places.model import LocalizedName

# How the assembly is to be announced: the Law's notification or application tracks, the 1995 decree's
# permission, or (standards regime only) `exempt`: no notice may be asked for (procedure `none_required`).
Track = Literal["notification", "application", "permission", "exempt"]

PlaceStatus = Literal[
    "no_registry",
    "not_checked",
    "unknown_id",
    "not_in_force",
    "in_place",
    "outside",
    "no_position",
    "unusable_geometry",
]


@dataclass(slots=True)
class PlaceFacts:
    """What the registry says about this assembly's place on its day."""

    status: PlaceStatus
    day: dt.date | None = None
    place: SpecializedPlace | None = None  # the specialized place or route it is held in
    place_id: str | None = None  # the id the filing gave
    versions: str = ""  # validity periods of a known id that was not in force
    position: tuple[float, float] | None = None  # a picket's position
    route_deviation_m: float | None = None  # of the nearest route, when none matched
    problem: str | None = None  # why the geometry could not be used
    objects_near: tuple[ZoneHit, ...] = ()  # art. 9(5) objects near a picket held outside specialized places
    bookings: tuple[BookingInput, ...] = field(default_factory=tuple)
    known: SpecializedPlace | None = None  # the latest version of a known id that was not in force


@dataclass(slots=True)
class Context:
    """Facts the engine derived once, before the rules run."""

    regime: Regime
    calendar: WorkingCalendar
    zone_name: str
    track: Track
    as_of: dt.date
    reference_day: dt.date  # the registration day, else as_of: ages and parameters are read on it
    start_local: dt.datetime | None
    end_local: dt.datetime | None
    assembly_day: dt.date | None
    submitted_day: dt.date | None
    registration_day: dt.date | None
    last_filing_day: dt.date | None
    review_deadline: dt.date | None
    filed_in_time: bool | None
    lead_days: int | None
    persons: list[tuple[str, Person]]  # the citizens who organize, each with a label for messages
    registry: Registry | None
    place: PlaceFacts  # what the registry says of the place on the assembly day (rules/place.py)
    # Standards regime only: the national law in force for the same facts, as the lens measures it.
    national: Context | None = None
    national_params: Params | None = None
    national_evaluation: Evaluation | None = None
    # The form the facts describe (Art 1(5), 1(10); rules/form.py), when it differs from the form named.
    judged_form: Form | None = None


def form_of(a: PlannedAssembly, c: Context) -> Form:
    """The form the rules judge: what the facts describe, not the label (333-VI.md, "Form/facts mismatch")."""
    return c.judged_form or a.form


Rule = Callable[[PlannedAssembly, Params, Context], list[Finding]]
RULES: dict[str, Rule] = {}


def rule(function: Rule) -> Rule:
    """Register a rule as `<module>.<function>`."""
    module = function.__module__.rsplit(".", 1)[-1]
    RULES[f"{module}.{function.__name__}"] = function
    return function


@cache
def cite(
    article: int | None = None,
    paragraph: int | None = None,
    subparagraph: int | None = None,
    *,
    act: str = "333-VI",
    item: str | None = None,
) -> Citation:
    return build(
        Citation, act=act, article=article, paragraph=paragraph, subparagraph=subparagraph, item=item
    )


def ground_cite(n: int) -> Citation:
    """Art 14(1)(n): the refusal ground."""
    return cite(14, 1, n)


def ground(n: int) -> str:
    return f"14.1.{n}"


def finding(
    code: str,
    severity: Severity,
    citation: Citation,
    *,
    ground: str | None = None,
    **facts: FactValue,
) -> Finding:
    return _shared_finding(code, severity, citation, ground, tuple(facts.items()))


def finding_with(
    code: str, severity: Severity, citation: Citation, facts: dict[str, FactValue], ground: str | None = None
) -> Finding:
    """`finding` for facts gathered in a mapping (facts named like a keyword of `finding` included)."""
    return _shared_finding(code, severity, citation, ground, tuple(facts.items()))


def named(key: str, name: LocalizedName) -> dict[str, str]:
    """A registry name as facts: `key` in English (what the contract always carried), and `key_kk`,
    `key_ru` in Kazakh and Russian, so that a message names the place in its reader's language. A name the
    registry lacks in one language falls back to the other Cyrillic one, then to English."""
    return _named(key, name)


@cache
def _named(key: str, name: LocalizedName) -> dict[str, str]:
    return {
        key: name.text("en"),
        f"{key}_kk": name.kk or name.ru or name.text("en"),
        f"{key}_ru": name.ru or name.kk or name.text("en"),
    }


def given(text: str | None) -> bool:
    return bool(text and text.strip())


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# Findings are immutable, so one with the same code, citation and facts is made once and shared (most
# repeat: the judgement notes, the place a filing names, the same dates on the same day). The key spells
# the citation out as a tuple, which hashes in C, rather than hashing the pydantic model.
_SHARED: dict[tuple[object, ...], Finding] = {}
_SHARED_MAX = 8192


def _shared_finding(
    code: str,
    severity: Severity,
    citation: Citation,
    ground: str | None,
    facts: tuple[tuple[str, FactValue], ...],
) -> Finding:
    c = citation
    key = (code, severity, c.act, c.article, c.paragraph, c.subparagraph, c.item, ground, facts)
    found = _SHARED.get(key)
    if found is None:
        if len(_SHARED) >= _SHARED_MAX:
            _SHARED.clear()  # a bound, not an LRU: filling it again costs one build per finding
        values = dict(facts)
        found = build(
            Finding,
            code=code,
            severity=severity,
            citation=citation,
            message=render(code, values),
            ground=ground,
            facts=values,
        )
        _SHARED[key] = found
    return found
