"""The filing-window calculator of the public pages: the last filing day for a form and a day, and for a
filing handed in on a chosen day its registration day and the akimat's review deadline, with the months
around them. It asks the contract's `filing_window`, as `beibit deadlines` does, so the page and the
command line can never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from beibit.law.calendar import zone
from beibit.law.contract import FilingWindow, InputError, filing_window, window_assembly
from beibit.law.settlements import zone_of
from beibit.web.labels import PROCEDURE_LABELS, cite, form_label, lang
from beibit.web.public.display import SILENCE_LABELS, months_between


class CalculatorError(Exception):
    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def deadlines(
    form: str,
    day: dt.date,
    *,
    settlement: str | None,
    submitted: dt.datetime | None,
    as_of: dt.date,
    language: str,
) -> FilingWindow:
    """What `beibit deadlines` answers for these arguments: both call the contract's `filing_window`."""
    try:
        assembly = window_assembly(
            form, day, settlement=settlement, submitted=submitted.isoformat() if submitted else None
        )
        return filing_window(assembly, as_of=as_of, lang=language)
    except InputError as error:
        raise CalculatorError(error.field, error.message) from None


@dataclass
class Calculation:
    form: str
    assembly_day: dt.date
    filing_day: dt.date
    filing_day_chosen: bool
    procedure: str
    last_filing_day: dt.date | None
    registration_day: dt.date | None
    filed_in_time: bool | None
    review_deadline: dt.date | None
    silence_effect: str
    findings: list[dict[str, Any]] = field(default_factory=list)
    months: list[dict[str, Any]] = field(default_factory=list)

    @property
    def form_label(self) -> str:
        return form_label(self.form)

    @property
    def procedure_label(self) -> str:
        return str(PROCEDURE_LABELS.get(self.procedure, self.procedure))

    @property
    def silence_label(self) -> str:
        return str(SILENCE_LABELS.get(self.silence_effect, self.silence_effect))


_SEVERITY_CSS = {"blocking": "error", "refusal_ground": "error", "warning": "warning", "info": "info"}


def calculate(
    form: str, day: dt.date, *, settlement: str | None, filing_day: dt.date | None, today: dt.date
) -> Calculation:
    """The last filing day for `form` and `day`, and, for a filing handed in on `filing_day` (default:
    the last filing day itself), its registration day and the akimat's review deadline."""
    language = lang()
    window = deadlines(form, day, settlement=settlement, submitted=None, as_of=today, language=language)
    last = window.deadlines.last_filing_day
    chosen = filing_day is not None
    handed_in = filing_day or last
    result = window
    if handed_in is not None:
        tz = zone(zone_of(settlement) if settlement else "Asia/Almaty")
        # Within office hours: the day is what counts for registration (Art 10(2)).
        moment = dt.datetime.combine(handed_in, dt.time(12, 0), tz)
        result = deadlines(form, day, settlement=settlement, submitted=moment, as_of=today, language=language)
    d = result.deadlines
    shown = result.findings if chosen or handed_in is None else window.findings
    findings = [
        {
            "severity": f.severity,
            "css": _SEVERITY_CSS.get(f.severity, "info"),
            "message": f.message,
            "citation": cite(f.citation.model_dump(mode="json")),
        }
        for f in shown
    ]
    calc = Calculation(
        form=form,
        assembly_day=day,
        filing_day=handed_in or day,
        filing_day_chosen=chosen,
        procedure=result.procedure,
        last_filing_day=last,
        registration_day=d.registration_day,
        filed_in_time=d.filed_in_time,
        review_deadline=d.review_deadline,
        silence_effect=d.silence_effect,
        findings=findings,
    )
    marks: dict[dt.date, list[str]] = {}
    for key, when in (
        ("last-filing", calc.last_filing_day),
        ("filing", calc.filing_day if chosen else None),
        ("review", calc.review_deadline),
        ("assembly", calc.assembly_day),
    ):
        if when is not None:
            marks.setdefault(when, []).append(key)
    first = min(marks)
    calc.months = months_between(first, max(marks), marks)
    return calc
