"""Art 2(4) and 14(1)(8): a state of emergency, martial law or a counter-terrorist operation regime."""

from __future__ import annotations

from beibit.law.model import Finding, PlannedAssembly
from beibit.law.regimes import Params
from beibit.law.rules._base import Context, cite, finding, ground, rule


@rule
def special_legal_regime_in_force(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 2(4) -> 14(1)(8): assemblies may be banned or restricted while the regime lasts."""
    if a.special_legal_regime is None:
        return []
    return [
        finding(
            "special_regime.in_force",
            "refusal_ground",
            cite(2, 4),
            ground=ground(8),
            special_legal_regime=a.special_legal_regime,
        )
    ]
