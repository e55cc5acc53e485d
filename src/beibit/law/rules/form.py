"""Art 1: the five forms. The form the organizer names is kept; when the facts describe another form, a
warning says which and what follows (shared/law/333-VI.md, Art 1 consequences)."""

from __future__ import annotations

from beibit.law.model import Finding, Form, PlannedAssembly
from beibit.law.regimes import Params
from beibit.law.rules._base import Context, cite, finding, rule


def judged_form(a: PlannedAssembly, p: Params) -> Form | None:
    """The form the facts describe when it is not the one named (333-VI art. 1(5), 1(10), 1(12)): a "picket"
    of more people than a picket has, or with sound amplification, is a meeting or rally (judged as a rally:
    the law treats the two alike); a "march" with vehicles is a demonstration. None when the label fits."""
    equipment = a.equipment
    if a.form == "picket":
        several = a.expected_participants is not None and a.expected_participants > p.integer(
            "picket_max_participants"
        )
        if several or (equipment is not None and equipment.sound_amplification):
            return "rally"
    if a.form == "march" and equipment is not None and equipment.vehicles:
        return "demonstration"
    return None


@rule
def picket_with_several_people(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 1(10), 9(1): a picket is one citizen; more people make it a meeting or rally."""
    limit = p.integer("picket_max_participants")
    if a.form != "picket" or a.expected_participants is None or a.expected_participants <= limit:
        return []
    return [
        finding(
            "form.picket_with_several_people",
            "warning",
            p.cite("picket_max_participants"),
            expected_participants=a.expected_participants,
        )
    ]


@rule
def picket_with_sound_amplification(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 1(10): a picket is held without sound amplification."""
    if a.form != "picket" or a.equipment is None or not a.equipment.sound_amplification:
        return []
    return [finding("form.picket_with_sound_amplification", "warning", cite(1, None, 10))]


@rule
def march_with_vehicles(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 1(12), 1(5): a march moves without vehicles; with them it is a demonstration."""
    if a.form != "march" or a.equipment is None or not a.equipment.vehicles:
        return []
    return [finding("form.march_with_vehicles", "warning", cite(1, None, 12))]


@rule
def demonstration_without_vehicles(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 1(5), 1(12): a demonstration uses vehicles; without them it is a march."""
    if a.form != "demonstration" or a.equipment is None or a.equipment.vehicles:
        return []
    return [finding("form.demonstration_without_vehicles", "warning", cite(1, None, 5))]
