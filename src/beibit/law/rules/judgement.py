"""Grounds that need the official's judgement (art. 14(1)(1), (3)) and what CC Normative Resolution
No. 61-NP requires of any refusal. The engine never lists these grounds in `refusal_grounds`; it tells the
official what must be assessed and reasoned."""

from __future__ import annotations

from beibit.law.model import Finding, PlannedAssembly
from beibit.law.regimes import Params
from beibit.law.rules._base import Context, cite, finding, ground_cite, rule


@rule
def aims_need_assessment(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 14(1)(1), 14(2): unlawful aims are the official's assessment, reasoned."""
    return [finding("judgement.aims", "info", ground_cite(1))]


@rule
def threat_needs_assessment(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 14(1)(3), 14(2): a threat is the official's assessment, reasoned."""
    return [finding("judgement.threat", "info", ground_cite(3))]


@rule
def refusal_needs_reasoned_analysis(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """CC Normative Resolution No. 61-NP: every refusal rests on a thorough analysis and is reasoned."""
    return [finding("judgement.reasoned_analysis", "info", cite(act="CC-61-NP"))]


@rule
def occupied_place_needs_alternative(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """CC Normative Resolution No. 61-NP on art. 14(1)(10): first offer another place or time."""
    if not p.flag("occupied_place_refusal_needs_alternative"):
        return []
    return [
        finding(
            "judgement.occupied_place_needs_alternative",
            "info",
            p.cite("occupied_place_refusal_needs_alternative"),
        )
    ]
