"""The contract of ../shared/contract as a library: reading a planned assembly, the error object for input
that is not one, and the three questions the contract asks (check, compare, the filing window).

The command line (cli.py), the API and the pages all call these; none of them runs another. Pure: the
day to evaluate on is passed in, nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from beibit.law.calendar import DEFAULT_ZONE, CalendarRangeError, zone
from beibit.law.divergence import divergences
from beibit.law.evaluate import evaluate, translated
from beibit.law.model import (
    BookingInput,
    Deadlines,
    Evaluation,
    Finding,
    PlannedAssembly,
    Procedure,
    RegimeRef,
)
from beibit.law.regimes import REGIME_IDS, ParameterNotInForce
from beibit.places import Registry


class InputError(Exception):
    """Input that is not what the contract takes; becomes the contract's error object."""

    def __init__(self, code: str, field: str | None, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.field = field
        self.message = message

    def as_json(self) -> str:
        return json.dumps({"error": {"code": self.code, "field": self.field, "message": self.message}})


_ERROR_CODES = {
    "json_invalid": "invalid_json",
    "json_type": "invalid_json",
    "extra_forbidden": "unknown_field",
    "timezone_aware": "naive_datetime",
    "missing": "missing_field",
    "literal_error": "invalid_value",
    "ends_before_start": "ends_before_start",
    "date_out_of_range": "date_out_of_range",
    "registered_before_submission": "registered_before_submission",
}


def validation_error(error: ValidationError) -> InputError:
    """The contract's error for pydantic's first complaint about the input."""
    first = error.errors(include_url=False)[0]
    kind = str(first["type"])
    field = ".".join(str(part) for part in first["loc"]) or None
    if kind == "ends_before_start":
        field = "ends_at"
    return InputError(_ERROR_CODES.get(kind, "invalid_input"), field, str(first["msg"]))


def parse_assembly(data: bytes) -> PlannedAssembly:
    try:
        return PlannedAssembly.model_validate_json(data)
    except ValidationError as error:
        raise validation_error(error) from None


def unknown_regime(value: str | None) -> InputError | None:
    """The error for a regime id the engine does not know, or None."""
    if value is not None and value not in REGIME_IDS:
        return InputError(
            "unknown_regime", "regime", f"unknown regime '{value}'; known: {', '.join(REGIME_IDS)}"
        )
    return None


def check(
    assembly: PlannedAssembly,
    regime: str | None,
    as_of: dt.date,
    registry: Registry | None = None,
    bookings: Sequence[BookingInput] = (),
) -> Evaluation:
    """`check`: the evaluation, or the contract's error when no regime can evaluate these facts."""
    try:
        return evaluate(assembly, regime=regime, as_of=as_of, registry=registry, bookings=bookings)
    except ParameterNotInForce as error:
        raise InputError("not_in_force", "submitted_at", str(error)) from None
    except CalendarRangeError as error:
        raise InputError("date_out_of_range", "starts_at", str(error)) from None


def compare_all(
    assembly: PlannedAssembly,
    as_of: dt.date,
    lang: str,
    registry: Registry | None = None,
    bookings: Sequence[BookingInput] = (),
) -> list[dict[str, Any]]:
    """`compare`: one entry per regime, its evaluation or why it cannot evaluate these facts."""
    entries: list[dict[str, Any]] = []
    for regime_id in REGIME_IDS:
        try:
            evaluation = translated(check(assembly, regime_id, as_of, registry, bookings), lang)
            entries.append({"regime": regime_id, "evaluation": evaluation.model_dump(mode="json")})
        except InputError as error:
            entries.append({"regime": regime_id, "error": {"code": error.code, "message": error.message}})
    return entries


def compare_divergences(entries: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Point by point, where the national law and the standards part ways for these facts: from the
    `standards` entry, whose findings each measure one provision of the national law (law/divergence.py)."""
    for entry in entries:
        if entry["regime"] == "standards" and "evaluation" in entry:
            return divergences(Evaluation.model_validate(entry["evaluation"]), lang)
    return []


@dataclass(frozen=True)
class FilingWindow:
    """`deadlines`: when a form held on a day must be filed, and what follows from a filing."""

    regime: RegimeRef
    procedure: Procedure
    deadlines: Deadlines
    findings: list[Finding]

    def as_json(self) -> dict[str, Any]:
        return {
            "regime": self.regime.model_dump(mode="json"),
            "procedure": self.procedure,
            "deadlines": self.deadlines.model_dump(mode="json"),
            "findings": [f.model_dump(mode="json") for f in self.findings],
        }


_WINDOW_FINDINGS = ("timing.", "calendar.", "decree_1995.filed_late")


def window_assembly(
    form: str, day: dt.date, *, settlement: str | None = None, submitted: str | None = None
) -> PlannedAssembly:
    """The short planned assembly the filing-window question stands for; `submitted` is RFC 3339 with an
    offset, as the contract takes it (a bad one raises InputError)."""
    raw: dict[str, Any] = {
        "form": form,
        # The day is what counts; noon keeps the 09:00-20:00 rule out of this short question.
        "starts_at": dt.datetime.combine(day, dt.time(12, 0), zone(DEFAULT_ZONE)).isoformat(),
    }
    if settlement:
        raw["settlement"] = settlement
    if submitted:
        raw["submitted_at"] = submitted
    return parse_assembly(json.dumps(raw).encode())


def filing_window(
    assembly: PlannedAssembly, *, as_of: dt.date, regime: str | None = None, lang: str = "en"
) -> FilingWindow:
    """`deadlines`: the filing window for a `window_assembly`, its messages in `lang`."""
    problem = unknown_regime(regime)
    if problem is not None:
        raise problem
    evaluation = translated(check(assembly, regime, as_of), lang)
    relevant = [f for f in evaluation.findings if f.code.startswith(_WINDOW_FINDINGS)]
    return FilingWindow(evaluation.regime, evaluation.procedure, evaluation.deadlines, relevant)
