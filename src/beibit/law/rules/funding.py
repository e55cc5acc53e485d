"""Art 16(2) and 14(1)(7): funding from foreigners, stateless persons, foreign legal entities, suspended
or banned entities, or listed financiers of terrorism, extremism or proliferation."""

from __future__ import annotations

from beibit.law.model import Finding, PlannedAssembly
from beibit.law.regimes import Params
from beibit.law.rules._base import Context, cite, finding, ground, rule


@rule
def funded_from_prohibited_source(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 14(1)(7) with art. 16(2): one finding per prohibited kind of source given."""
    prohibited = p.names("prohibited_funding_kinds")
    kinds = sorted({source.kind for source in a.funding_sources or () if source.kind in prohibited})
    return [
        finding(
            "funding.prohibited_source",
            "refusal_ground",
            cite(16, 2),  # the prohibition; the ground it establishes is 14(1)(7)
            ground=ground(7),
            kind=kind,
        )
        for kind in kinds
    ]
