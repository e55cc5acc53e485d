"""Structures and equipment: art. 5(3)(5) (structures only with the akimat's consent), 11(1)(1) (the
ordinary answer to a notification excludes structures and sound amplification), 13(1)(2) (an approval
may exclude sound amplification and vehicles)."""

from __future__ import annotations

from beibit.law.model import Finding, PlannedAssembly
from beibit.law.regimes import Params
from beibit.law.rules._base import Context, cite, finding, rule


@rule
def structures_need_consent(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 5(3)(5), 8(3): yurts, tents and other structures need the akimat's consent."""
    if a.equipment is None or not a.equipment.structures:
        return []
    return [finding("equipment.structures_need_consent", "warning", cite(5, 3, 5))]


@rule
def sound_amplification_may_be_excluded(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 11(1)(1) / 13(1)(2): what the akimat's ordinary answer leaves out."""
    e = a.equipment
    if e is None:
        return []
    if c.track == "notification" and (e.sound_amplification or e.structures):
        return [finding("equipment.notification_default_excludes", "warning", cite(11, 1, 1))]
    if c.track == "application" and (e.sound_amplification or e.vehicles):
        return [finding("equipment.approval_may_exclude", "info", cite(13, 1, 2))]
    return []
