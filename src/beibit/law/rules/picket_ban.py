"""Art 9(5)(1)-(6) -> 14(1)(8): where picketing is prohibited, beside what the registry's positions show.

The law bans picketing at six categories of object and next to them (the maslikhat sets the boundary of
"next to", Art 8(2)). Two things besides the registry's boundaries (rules/place.py) answer the question:
what the filer or the akimat states to be at or next to the place (`place.near_objects`), and, where the
registry holds no officially classed object of a category for the settlement on that day, a warning naming
the categories nobody could check, so that "no ground" is never said silently (333-VI.md, "Picket-ban
objects"). These rules run with or without a registry; a picket held in a specialized place is not
concerned (Art 9(1)), nor a "picket" the facts describe as a meeting or rally (rules/form.py).
"""

from __future__ import annotations

from functools import cache

from beibit.law.model import NEAR_OBJECT_SUBPARAGRAPH, Finding, PlannedAssembly
from beibit.law.regimes import Params
from beibit.law.rules._base import Context, cite, finding, form_of, ground, rule
from beibit.places import ART_9_5_SUBPARAGRAPHS

#: Picket-ban kinds as the words a reader sees (translated through the catalogs' labels).
KIND_WORDS = {
    "mass_burial": "mass burial place",
    "railway": "railway transport facility",
    "water_transport": "water transport facility",
    "air_transport": "air transport facility",
    "road_transport": "road transport facility",
    "defence_security_life_support": "defence, state security or life-support organization",
    "president_residence": "residence of the President",
    "hazardous_facility": "hazardous production facility",
    "trunk_line": "trunk railway, pipeline, power or communication line",
}


def _picket_outside_specialized_places(a: PlannedAssembly, c: Context) -> bool:
    return form_of(a, c) == "picket" and c.place.status != "in_place"


@rule
def picket_next_to_stated_object(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 9(5)(1)-(6) -> 14(1)(8): a picket outside specialized places at or next to an object the
    filing (or the akimat) states to be there; the kind of object is the law's own category."""
    if a.place is None or not a.place.near_objects or not _picket_outside_specialized_places(a, c):
        return []
    return [
        finding(
            "picket_ban.next_to_stated_object",
            "refusal_ground",
            cite(9, 5, NEAR_OBJECT_SUBPARAGRAPH[stated.kind]),
            ground=ground(8),
            object_kind=KIND_WORDS[stated.kind],
            object=stated.name or "-",
        )
        for stated in a.place.near_objects
    ]


@cache
def _subparagraph_list(missing: tuple[int, ...]) -> str:
    return ", ".join(f"9(5)({n})" for n in missing)


@rule
def categories_not_checked(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 9(5), 8(2): the categories of object the registry holds nothing officially classed of for
    this settlement and day, and the filing does not speak to, could not be checked for this picket."""
    if c.registry is None or not _picket_outside_specialized_places(a, c):
        return []
    covered: set[int] = set()
    if (
        a.settlement is not None
        and c.assembly_day is not None
        and c.registry.has_data(a.settlement, c.assembly_day)
    ):
        covered = {
            o.article_9_5_subparagraph
            for o in c.registry.prohibited_objects_in_force(a.settlement, c.assembly_day)
            if o.basis != "project_reading"
        }
    if c.place.status in ("no_position", "not_checked", "unusable_geometry"):
        covered = set()  # without a usable position no object of the registry could be measured
    if a.place is not None:
        covered |= {NEAR_OBJECT_SUBPARAGRAPH[stated.kind] for stated in a.place.near_objects}
    missing = tuple(n for n in ART_9_5_SUBPARAGRAPHS if n not in covered)
    if not missing:
        return []
    return [
        finding(
            "picket_ban.categories_not_checked",
            "warning",
            cite(9, 5),
            subparagraphs=_subparagraph_list(missing),
        )
    ]
