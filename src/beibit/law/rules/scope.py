"""Art 2(5): what the law does not cover. Such an event needs no notification or application under it."""

from __future__ import annotations

from beibit.law.model import Finding, PlannedAssembly
from beibit.law.rules._base import cite, finding


def outside_the_law(a: PlannedAssembly) -> Finding | None:
    """333-VI art. 2(5): closed premises; official, cultural, entertainment and sports events; meetings of
    local communities and of flat owners; worship and religious rites."""
    if a.indoors:
        reason = "held in closed premises"
    elif a.nature != "political_or_social":
        reason = a.nature.replace("_", " ")
    else:
        return None
    return finding("scope.outside_the_law", "info", cite(2, 5), reason=reason)
