"""Art 2(4) and 14(1)(8): a state of emergency, martial law or a counter-terrorist operation regime.

Art 2(4) says assemblies *may* be banned or restricted under the laws on these regimes, for their duration:
the regime being in force does not by itself establish the case. The ground stands only where the regime's
own measures ban or restrict assemblies (`restricts_assemblies: true`); where they are not known the akimat
must read them (a warning); where they leave assemblies alone, the regime is only noted
(docs/interpretations.md, "Special legal regimes")."""

from __future__ import annotations

from beibit.law.model import Finding, PlannedAssembly
from beibit.law.regimes import Params
from beibit.law.rules._base import Context, cite, finding, ground, rule

#: The regime kinds as words a reader sees (translated through the catalogs' labels).
REGIME_WORDS = {
    "state_of_emergency": "state of emergency",
    "martial_law": "martial law",
    "counter_terrorist_operation": "counter-terrorist operation regime",
}


@rule
def special_legal_regime_in_force(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 2(4) -> 14(1)(8): assemblies may be banned or restricted while the regime lasts, by the
    regime's own measures."""
    kind = a.special_regime_kind
    if kind is None:
        return []
    restricts = a.regime_restricts_assemblies
    regime = REGIME_WORDS[kind]
    if restricts is True:
        return [
            finding("special_regime.in_force", "refusal_ground", cite(2, 4), ground=ground(8), regime=regime)
        ]
    if restricts is False:
        return [finding("special_regime.no_restriction", "info", cite(2, 4), regime=regime)]
    return [finding("special_regime.measures_unknown", "warning", cite(2, 4), regime=regime)]
