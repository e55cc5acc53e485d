"""A record's history as the law engine's pure functions read it (`beibit.law.sanctions.History`), the
findings it gives, their texts in the reader's language, and the sums the summaries and pages show."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from beibit.cases.models import Case
from beibit.law import procedure
from beibit.law.fact_words import in_words
from beibit.law.formats import number_label
from beibit.law.model import Citation, Finding
from beibit.law.sanctions import History, SanctionFacts, history_findings, history_message
from beibit.monitoring.models import (
    Appeal,
    MonitoringRecord,
    Outcome,
    PoliceResponse,
    Sanction,
    SanctionKind,
)
from beibit.web.labels import cite, lang

#: What a court decided and kept: counted in the sums of fines and arrests.
IN_FORCE_OUTCOMES = frozenset({Outcome.IMPOSED})


def in_force(sanction: Sanction) -> bool:
    """A sanction imposed and not quashed on appeal (a pending case, a warning, a dismissal: no fine)."""
    return sanction.outcome in IN_FORCE_OUTCOMES and sanction.appeal != Appeal.QUASHED


def case_facts(case: Case | None) -> dict[str, Any]:
    """The akimat's side of the history, from the case's events as folded into its state."""
    if case is None:
        return {}
    decisions = case.state.decisions
    facts: dict[str, Any] = {"assembly_day": case.assembly_day}
    if not decisions:
        return facts
    last = decisions[-1]
    facts.update(
        decision=last.decision,
        decision_day=last.decided_on,
        refusal_grounds=last.grounds if last.decision == procedure.REFUSE else (),
        reasons_given=bool((last.document.get("reasons") or "").strip()),
        alternative_offered=any(d.decision == procedure.PROPOSE for d in decisions),
    )
    return facts


def history_of(record: MonitoringRecord, sanctions: Sequence[Sanction] | None = None) -> History:
    rows = list(record.sanctions.all()) if sanctions is None else list(sanctions)
    facts = case_facts(record.case)
    return History(
        assembly_day=facts.pop("assembly_day", None) or record.event_date,
        held=record.held,  # type: ignore[arg-type]
        turned_violent=record.turned_violent,  # type: ignore[arg-type]
        dispersal=record.police_response == PoliceResponse.DISPERSAL,
        detentions=record.detentions,
        preventive_detentions=record.preventive_detentions,
        sanctions=tuple(
            SanctionFacts(
                people=s.people,
                kind=s.kind,  # type: ignore[arg-type]
                article=s.article_code,
                basis=s.basis,  # type: ignore[arg-type]
                person_role=s.person_role,  # type: ignore[arg-type]
                for_acts_of_others=s.for_acts_of_others,
            )
            for s in rows
            if s.outcome not in (Outcome.DISMISSED, Outcome.ACQUITTED) and s.appeal != Appeal.QUASHED
        ),
        pledges_or_warnings=record.pledges_or_warnings,
        internet_disrupted=record.internet_disrupted,
        journalists_obstructed=record.journalists_obstructed,
        **facts,
    )


def findings_of(record: MonitoringRecord, sanctions: Sequence[Sanction] | None = None) -> list[Finding]:
    return history_findings(history_of(record, sanctions))


def local_message(finding: Finding) -> str:
    """The finding's text in the active language (the texts are in this app's catalog: texts.py); the
    articles its facts cite ("CAO art. 488(1)") read as the language cites them."""
    language = lang()
    facts = in_words(finding.code, finding.facts, language, gettext)
    if isinstance(article := finding.facts.get("article"), str):
        facts["article"] = _ARTICLE.sub(_cited, article)
    for key in ("amount", "in_mci"):  # decimals kept as text in the facts ("100000.0000")
        if isinstance(value := finding.facts.get(key), str):
            facts[key] = number_label(whole(Decimal(value)), language)
    return gettext(history_message(finding.code, finding.facts)).format_map(facts)


_ARTICLE = re.compile(r"\b(CAO|CC) art\. (\d+)(?:\((\d+)\))?")


def _cited(match: re.Match[str]) -> str:
    act = "CAO" if match.group(1) == "CAO" else "CrC"
    part = int(match.group(3)) if match.group(3) else None
    return cite(Citation(act=act, article=int(match.group(2)), paragraph=part))


def whole(value: Decimal) -> Decimal:
    """50.0000 as 50, 12.5000 as 12.5 (never 5E+1)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


@dataclass(frozen=True)
class Sums:
    detained: int
    preventive: int
    fined_count: int
    fine_mci: Decimal
    fine_kzt: int
    admin_arrest_days: int
    criminal_cases: int
    flagged_fines: int


def sums(record: MonitoringRecord, sanctions: Iterable[Sanction]) -> Sums:
    """Fines and arrests of sanctions in force, each times its number of people; criminal cases counted
    per person whatever their outcome (a criminal case opened is itself a response)."""
    fined = arrest = criminal = flagged = fine_kzt = 0
    fine_mci = Decimal(0)
    for s in sanctions:
        if s.kind == SanctionKind.CRIMINAL:
            criminal += s.people
        if s.fine_flagged:
            flagged += 1
        if not in_force(s):
            continue
        if s.fine_mci is not None and s.fine_amount:
            fined += s.people
            fine_mci += s.fine_mci * s.people
            fine_kzt += (s.fine_kzt or 0) * s.people
        if s.arrest_days and s.kind == SanctionKind.ADMINISTRATIVE:
            arrest += s.arrest_days * s.people
    return Sums(
        detained=record.detentions,
        preventive=record.preventive_detentions,
        fined_count=fined,
        fine_mci=whole(fine_mci),
        fine_kzt=fine_kzt,
        admin_arrest_days=arrest,
        criminal_cases=criminal,
        flagged_fines=flagged,
    )
