"""The law report of one settlement: how its registry of places (kept by the maslikhat, Art 8(2)) and the
akimat's practice measure against the place-related principles of the standards lens
(../shared/law/standards.md):

- S11 `STD.PLACE_PUBLIC_SPACE` (GC37 para. 55): how many specialized places and routes are in force, where;
- S12 `STD.SIGHT_AND_SOUND` (GC37 paras. 22, 26, 53): how far each place is from the nearest seat of power
  whose surroundings are picket-free (Art 9(5));
- S13 `STD.NO_PERIMETER_ZONES` (GC37 para. 56): the picket-free boundaries, their sizes, how they changed;
- S16 `STD.NUMBERS` (GC37 para. 59): the occupancy norms (Art 14(1)(9)): sum, smallest, largest, missing;
- S21 `STD.SIMULTANEOUS_COUNTER` (GC37 paras. 14, 26, 27, 52) with S9 `STD.JUSTIFY_LEAST_INTRUSIVE`
  (GC37 paras. 36, 37, 39, 40): refusals because the place is taken (Art 14(1)(10)) and the share of them
  without another place or time offered first (CC 61-NP asks for one).

Figures only: the report measures, it does not grade. Distances use the registry's geometry, which the
bundled data draw approximately (README).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from beibit.cases.models import Case
from beibit.law import procedure
from beibit.law.fact_words import decision_words
from beibit.law.rules.standards import PRINCIPLES
from beibit.law.sanctions import HISTORY_PRINCIPLES, SPACE_TAKEN_GROUND
from beibit.places import ProhibitedObject, Registry, SpecializedPlace
from beibit.places.model import MaslikhatDecision

OCCUPIED = SPACE_TAKEN_GROUND  # Art 14(1)(10)


@dataclass(frozen=True)
class PrincipleRef:
    number: str  # S11 ...
    code: str
    gc37: str  # the GC37 paragraphs


def _decision(decision: MaslikhatDecision, lang: str) -> str:
    """A maslikhat decision as the reader's language writes it (number, date, registration)."""
    return decision_words(decision, lang)


def principle(number: str, code: str) -> PrincipleRef:
    known = PRINCIPLES.get(code) or HISTORY_PRINCIPLES[code]
    return PrincipleRef(number, code, known.gc37)


PLACE_PUBLIC_SPACE = principle("S11", "STD.PLACE_PUBLIC_SPACE")
SIGHT_AND_SOUND = principle("S12", "STD.SIGHT_AND_SOUND")
NO_PERIMETER_ZONES = principle("S13", "STD.NO_PERIMETER_ZONES")
NUMBERS = principle("S16", "STD.NUMBERS")
SIMULTANEOUS_COUNTER = principle("S21", "STD.SIMULTANEOUS_COUNTER")
JUSTIFY_LEAST_INTRUSIVE = principle("S9", "STD.JUSTIFY_LEAST_INTRUSIVE")


@dataclass(frozen=True)
class PlaceFact:
    id: str
    name: str
    kind: str
    max_occupancy: int | None
    decision: str
    valid_from: dt.date
    lon: float
    lat: float
    size_m: int  # area in m² of a place; length in m of a route
    nearest_object: str | None
    nearest_object_m: int | None


@dataclass(frozen=True)
class ObjectFact:
    id: str
    name: str
    subparagraph: int
    buffer_m: int | None
    decision: str


@dataclass(frozen=True)
class BufferPeriod:
    valid_from: dt.date
    valid_to: dt.date | None
    sizes: tuple[int, ...]
    objects: int


@dataclass(frozen=True)
class Refusals:
    refusals: int
    occupied: int  # refusals naming Art 14(1)(10)
    occupied_without_alternative: int

    @property
    def share_without_alternative(self) -> Decimal | None:
        if not self.occupied:
            return None
        share = Decimal(100 * self.occupied_without_alternative) / Decimal(self.occupied)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LawReport:
    settlement: str
    day: dt.date
    has_registry: bool
    places: tuple[PlaceFact, ...]
    routes: tuple[PlaceFact, ...]
    objects: tuple[ObjectFact, ...]
    buffer_history: tuple[BufferPeriod, ...]
    refusals: Refusals

    @property
    def capacities(self) -> list[int]:
        return [p.max_occupancy for p in (*self.places, *self.routes) if p.max_occupancy is not None]

    @property
    def capacity_sum(self) -> int | None:
        return sum(self.capacities) if self.capacities else None

    @property
    def capacity_min(self) -> int | None:
        return min(self.capacities, default=None)

    @property
    def capacity_max(self) -> int | None:
        return max(self.capacities, default=None)

    @property
    def without_capacity(self) -> int:
        return sum(1 for p in (*self.places, *self.routes) if p.max_occupancy is None)

    @property
    def buffers(self) -> list[int]:
        return [o.buffer_m for o in self.objects if o.buffer_m is not None]

    @property
    def buffer_min(self) -> int | None:
        return min(self.buffers, default=None)

    @property
    def buffer_max(self) -> int | None:
        return max(self.buffers, default=None)

    @property
    def buffer_unknown(self) -> int:
        return sum(1 for o in self.objects if o.buffer_m is None)

    @property
    def nearest_distances(self) -> list[int]:
        return [p.nearest_object_m for p in (*self.places, *self.routes) if p.nearest_object_m is not None]


def _place_fact(
    registry: Registry, settlement: str, place: SpecializedPlace, objects: list[ProhibitedObject], lang: str
) -> PlaceFact:
    index = registry.index(settlement)
    assert index is not None
    local = index.local_geometry(place)
    point = place.geometry.representative_point()
    nearest: tuple[float, ProhibitedObject] | None = None
    for obj in objects:
        distance = float(local.distance(index.local_geometry(obj)))
        if nearest is None or distance < nearest[0]:
            nearest = (distance, obj)
    return PlaceFact(
        id=place.id,
        name=place.name.text(lang),
        kind=place.kind,
        max_occupancy=place.max_occupancy,
        decision=_decision(place.decision, lang),
        valid_from=place.valid_from,
        lon=round(point.x, 6),
        lat=round(point.y, 6),
        size_m=round(local.length if place.is_route else local.area),
        nearest_object=nearest[1].name.text(lang) if nearest else None,
        nearest_object_m=round(nearest[0]) if nearest else None,
    )


def _buffer_history(registry: Registry, settlement: str) -> tuple[BufferPeriod, ...]:
    """The sizes of the picket-free boundaries over each period in which the set of objects stood still."""
    entries = [e for e in registry.entries if isinstance(e, ProhibitedObject) and e.settlement == settlement]
    starts = sorted({e.valid_from for e in entries})
    periods = []
    for i, start in enumerate(starts):
        in_force = [e for e in entries if e.in_force(start)]
        end = starts[i + 1] - dt.timedelta(days=1) if i + 1 < len(starts) else None
        sizes = tuple(sorted({e.buffer_m for e in in_force if e.buffer_m is not None}))
        periods.append(BufferPeriod(start, end, sizes, len(in_force)))
    return tuple(periods)


def refusals(settlement: str) -> Refusals:
    """Refusals recorded by the settlement's akimat, those naming Art 14(1)(10), and those among them that
    came without another place or time offered first: one aggregate over the columns `log` keeps in step
    with each case's state, whatever the number of filings."""
    place_taken = Q(decision_names_place_taken=True)
    counted = Case.objects.filter(
        settlement=settlement, submitted_at__isnull=False, latest_decision=procedure.REFUSE
    ).aggregate(
        total=Count("pk"),
        occupied=Count("pk", filter=place_taken),
        without=Count("pk", filter=place_taken & Q(proposal_made=False)),
    )
    return Refusals(counted["total"], counted["occupied"], counted["without"])


def law_report(registry: Registry, settlement: str, day: dt.date, lang: str = "en") -> LawReport:
    has = registry.has_data(settlement)
    places: list[PlaceFact] = []
    routes: list[PlaceFact] = []
    objects: list[ObjectFact] = []
    history: tuple[BufferPeriod, ...] = ()
    if has:
        in_force_objects = registry.prohibited_objects_in_force(settlement, day)
        places = [
            _place_fact(registry, settlement, p, in_force_objects, lang)
            for p in registry.places_in_force(settlement, day)
        ]
        routes = [
            _place_fact(registry, settlement, r, in_force_objects, lang)
            for r in registry.routes_in_force(settlement, day)
        ]
        objects = [
            ObjectFact(
                o.id, o.name.text(lang), o.article_9_5_subparagraph, o.buffer_m, _decision(o.decision, lang)
            )
            for o in in_force_objects
        ]
        history = _buffer_history(registry, settlement)
    return LawReport(
        settlement=settlement,
        day=day,
        has_registry=has,
        places=tuple(sorted(places, key=lambda p: p.id)),
        routes=tuple(sorted(routes, key=lambda p: p.id)),
        objects=tuple(sorted(objects, key=lambda o: o.id)),
        buffer_history=history,
        refusals=refusals(settlement),
    )
