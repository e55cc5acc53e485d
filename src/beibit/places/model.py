"""Registry values: maslikhat decisions, specialized places and routes, picket-free objects.

333-VI art. 1(3): a specialized place is a publicly accessible place or a route set by the maslikhat.
333-VI art. 8(2): the maslikhat sets the places, their order of use, their maximum occupancy, the support they
must offer, and the boundaries of the territories next to the art. 9(5) objects where picketing is prohibited.
Every entry points to the decision that set it and is in force on the days of [valid_from, valid_to]
(both inclusive; `valid_to=None` means open-ended). Geometry is WGS 84 longitude/latitude.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal, get_args

from shapely.geometry import (  # type: ignore[import-untyped, unused-ignore]
    LineString,
    MultiPolygon,
    Point,
    Polygon,
)
from shapely.geometry.base import BaseGeometry  # type: ignore[import-untyped, unused-ignore]

PlaceKind = Literal["square", "park", "street", "route", "other"]
GeometryQuality = Literal["approximate", "official"]
ObjectBasis = Literal["law", "decision", "project_reading"]

PLACE_KINDS: tuple[str, ...] = get_args(PlaceKind)
GEOMETRY_QUALITIES: tuple[str, ...] = get_args(GeometryQuality)
OBJECT_BASES: tuple[str, ...] = get_args(ObjectBasis)

#: 333-VI art. 9(5) subparagraphs, as short English labels (our wording).
ART_9_5_SUBPARAGRAPHS: dict[int, str] = {
    1: "mass burial places",
    2: "railway, water, air and road transport facilities and the land next to them",
    3: "organizations ensuring defence, state security and the life support of the population",
    4: "residences of the President (and, in this edition, of the First President)",
    5: "hazardous production facilities and objects run under special safety rules",
    6: "trunk railways, trunk pipelines, the national power grid, trunk communication lines",
}


def require_day(day: date) -> date:
    """Queries take a calendar day (the assembly day), never a date-time."""
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"expected a date (the assembly day), got {type(day).__name__}")
    return day


def periods_overlap(a_from: date, a_to: date | None, b_from: date, b_to: date | None) -> bool:
    """Whether two inclusive validity periods share at least one day (None = open-ended)."""
    a_ends_before_b = a_to is not None and a_to < b_from
    b_ends_before_a = b_to is not None and b_to < a_from
    return not (a_ends_before_b or b_ends_before_a)


@dataclass(frozen=True, slots=True)
class LocalizedName:
    """A name in Russian, Kazakh and English; at least one is given, the others are None when unknown."""

    ru: str | None = None
    kk: str | None = None
    en: str | None = None

    def __post_init__(self) -> None:
        if not any(v and v.strip() for v in (self.ru, self.kk, self.en)):
            raise ValueError("a name needs at least one of ru, kk, en")

    def text(self, lang: str = "en") -> str:
        """The name in `lang` when known; else, for a Kazakh or Russian reader, the name in the other of the
        two (Cyrillic, and how Kazakh and Russian texts name an office that has no name of its own in the
        reader's language), then English; for English, English, then Russian, then Kazakh."""
        order = {
            "kk": (self.kk, self.ru, self.en),
            "ru": (self.ru, self.kk, self.en),
        }.get(lang, (self.en, self.ru, self.kk))
        for candidate in order:
            if candidate:
                return candidate
        raise AssertionError("unreachable: checked in __post_init__")

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in (("ru", self.ru), ("kk", self.kk), ("en", self.en)) if v}

    def missing(self) -> tuple[str, ...]:
        """The languages (kk, ru, en) the name is not given in (issue 15: the upload warns of them)."""
        given = {"kk": self.kk, "ru": self.ru, "en": self.en}
        return tuple(lang for lang, value in given.items() if not (value and value.strip()))


@dataclass(frozen=True, slots=True)
class MaslikhatDecision:
    """The maslikhat decision (or amendment) that set an entry.

    Any of number, date and adilet id may be unknown; at least one of them, or a note saying which decision it
    is, must be given.
    """

    settlement: str
    number: str | None
    date: date | None
    adilet_id: str | None = None
    url: str | None = None
    registration: str | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        if not (self.number or self.date or self.adilet_id or self.note):
            raise ValueError("a decision needs a number, a date, an adilet id or at least a note naming it")

    def label(self) -> str:
        """A short human reference, e.g. 'No. 462 of 2020-06-23, reg. 1622'."""
        parts: list[str] = []
        if self.number:
            parts.append(f"No. {self.number}")
        if self.date:
            parts.append(("of " if parts else "") + self.date.isoformat())
        head = " ".join(parts)
        extras: list[str] = []
        if self.registration:
            extras.append(f"reg. {self.registration}")
        if self.adilet_id:
            extras.append(f"adilet {self.adilet_id}")
        if not head and not extras:
            return self.note or ""
        return ", ".join([p for p in (head, *extras) if p])


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """Hours of use a decision sets for a place (local time); art. 9(4) 09:00-20:00 applies in any case."""

    opens: time
    closes: time

    def __post_init__(self) -> None:
        if self.opens.tzinfo is not None or self.closes.tzinfo is not None:
            raise ValueError("opening hours are local wall-clock times without a zone")
        if not self.opens < self.closes:
            raise ValueError(f"opening hours end ({self.closes}) must be after the start ({self.opens})")


@dataclass(frozen=True, slots=True)
class UsageLimits:
    """Local order-of-use limits the decision sets (art. 8(2)); None where the decision gives none."""

    min_distance_between_pickets_m: int | None = None
    max_picket_hours_per_day: float | None = None
    notes: str | None = None

    def __post_init__(self) -> None:
        if self.min_distance_between_pickets_m is not None and self.min_distance_between_pickets_m <= 0:
            raise ValueError("min_distance_between_pickets_m must be positive")
        if self.max_picket_hours_per_day is not None and not 0 < self.max_picket_hours_per_day <= 24:
            raise ValueError("max_picket_hours_per_day must be in (0, 24]")


def _geometry_type(geometry: BaseGeometry) -> str:
    return str(geometry.geom_type)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where an entry's facts come from, e.g. an entry and item of maslikhat-decisions.json."""

    dataset: str
    entry: str | None = None
    item: str | None = None


@dataclass(frozen=True, kw_only=True)
class RegistryEntry:
    """What places, routes and picket-free objects share: identity, decision, validity and geometry."""

    id: str
    settlement: str
    name: LocalizedName
    geometry: BaseGeometry
    valid_from: date
    valid_to: date | None
    decision: MaslikhatDecision
    geometry_quality: GeometryQuality
    notes: str | None = None
    source: SourceRef | None = None

    def __post_init__(self) -> None:
        if not self.id or self.id != self.id.strip():
            raise ValueError("an entry needs a non-empty id without surrounding spaces")
        require_day(self.valid_from)
        if self.valid_to is not None:
            require_day(self.valid_to)
            if self.valid_to < self.valid_from:
                raise ValueError(
                    f"{self.id}: valid_to {self.valid_to} is before valid_from {self.valid_from}"
                )
        if self.geometry_quality not in GEOMETRY_QUALITIES:
            raise ValueError(f"{self.id}: geometry_quality must be one of {GEOMETRY_QUALITIES}")
        if self.decision.settlement != self.settlement:
            raise ValueError(
                f"{self.id}: the decision belongs to {self.decision.settlement}, not {self.settlement}"
            )
        if self.geometry is None or self.geometry.is_empty:
            raise ValueError(f"{self.id}: empty geometry")

    def in_force(self, day: date) -> bool:
        """Whether the entry is in force on `day` (bounds inclusive)."""
        require_day(day)
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def overlaps(self, other: RegistryEntry) -> bool:
        """Whether the two validity periods share a day."""
        return periods_overlap(self.valid_from, self.valid_to, other.valid_from, other.valid_to)


@dataclass(frozen=True, kw_only=True)
class SpecializedPlace(RegistryEntry):
    """A specialized place (333-VI art. 1(3)): Polygon, MultiPolygon or Point. Routes are `Route`s."""

    kind: PlaceKind
    max_occupancy: int | None
    support_requirements: str | None = None
    hours: OpeningHours | None = None
    usage_limits: UsageLimits | None = None

    def __post_init__(self) -> None:
        RegistryEntry.__post_init__(self)
        if self.kind not in PLACE_KINDS:
            raise ValueError(f"{self.id}: kind must be one of {PLACE_KINDS}")
        if self.max_occupancy is not None and (
            isinstance(self.max_occupancy, bool)
            or not isinstance(self.max_occupancy, int)
            or self.max_occupancy < 1
        ):
            raise ValueError(f"{self.id}: max_occupancy must be a positive integer or None (not set)")
        self._check_geometry()

    def _check_geometry(self) -> None:
        if self.kind == "route":
            raise ValueError(f"{self.id}: a place of kind 'route' must be a Route")
        if not isinstance(self.geometry, Point | Polygon | MultiPolygon):
            raise ValueError(
                f"{self.id}: a place must be a Point, Polygon or MultiPolygon, "
                f"not {_geometry_type(self.geometry)}"
            )

    @property
    def is_route(self) -> bool:
        return self.kind == "route"

    def fits(self, participants: int) -> bool | None:
        """Whether `participants` fit the occupancy norm; None when no norm is set (art. 14(1)(9))."""
        if self.max_occupancy is None:
            return None
        return participants <= self.max_occupancy


@dataclass(frozen=True, kw_only=True)
class Route(SpecializedPlace):
    """A specialized route for marches and demonstrations: a place of kind 'route' with a LineString."""

    kind: PlaceKind = "route"

    def _check_geometry(self) -> None:
        if self.kind != "route":
            raise ValueError(f"{self.id}: a Route has kind 'route', not {self.kind!r}")
        if not isinstance(self.geometry, LineString):
            raise ValueError(f"{self.id}: a route must be a LineString, not {_geometry_type(self.geometry)}")


@dataclass(frozen=True, kw_only=True)
class ProhibitedObject(RegistryEntry):
    """An object of 333-VI art. 9(5) with the picket-free boundary (metres) the decision sets for the period.

    `buffer_m` is None when the decision's boundary is not known. `basis` says who puts the object in its
    category: the law itself, by naming the kind of object ('law': a railway station is a railway transport
    facility, 9(5)(2)); the maslikhat's decision, by listing it ('decision'); or only the project's own
    reading ('project_reading': an official source would have to confirm it; never a refusal ground).
    """

    article_9_5_subparagraph: int
    buffer_m: int | None
    basis: ObjectBasis = "project_reading"

    def __post_init__(self) -> None:
        RegistryEntry.__post_init__(self)
        if self.article_9_5_subparagraph not in ART_9_5_SUBPARAGRAPHS:
            raise ValueError(f"{self.id}: article_9_5_subparagraph must be 1..6")
        if self.buffer_m is not None and (
            isinstance(self.buffer_m, bool) or not isinstance(self.buffer_m, int) or self.buffer_m < 0
        ):
            raise ValueError(f"{self.id}: buffer_m must be a non-negative integer or None (not known)")
        if self.basis not in OBJECT_BASES:
            raise ValueError(f"{self.id}: basis must be one of {OBJECT_BASES}")
        if not isinstance(self.geometry, Point | Polygon | MultiPolygon):
            raise ValueError(
                f"{self.id}: an object must be a Point, Polygon or MultiPolygon, "
                f"not {_geometry_type(self.geometry)}"
            )

    @property
    def citation(self) -> str:
        return f"333-VI art. 9(5)({self.article_9_5_subparagraph})"


Entry = SpecializedPlace | ProhibitedObject
