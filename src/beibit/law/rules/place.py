"""Where: specialized places and routes (art. 1(3), 9(1)), occupancy norms (14(1)(9)), picket-free
territories (9(5)), pickets outside specialized places (9(6)), the maslikhat's order of use (8(2)), and a
place already taken (14(1)(10), read with CC 61-NP). Everything is read from the registry as it stood on the
assembly day; the registry and the bookings are arguments of `evaluate`, never global state.

The facts about the place are worked out once per evaluation (`locate`); each rule reads them.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from beibit.law import procedure
from beibit.law.calendar import zone
from beibit.law.fact_words import decision_words
from beibit.law.model import BookingInput, Finding, PlannedAssembly
from beibit.law.regimes import Params
from beibit.law.rules._base import (
    Context,
    PlaceFacts,
    PlaceStatus,
    cite,
    finding,
    form_of,
    ground,
    ground_cite,
    named,
    rule,
)
from beibit.places import (
    DEFAULT_ROUTE_TOLERANCE_M,
    POINT_PLACE_TOLERANCE_M,
    MaslikhatDecision,
    Registry,
    RegistryError,
    SpecializedPlace,
    UnknownSettlementError,
    geodesic_distance_m,
)
from beibit.places.settlements import is_known_settlement

#: The widest picket-free boundary any maslikhat decision in the data sets (Taldykorgan, Merke: 800 m); an
#: object nearer than this whose own boundary is unknown is named, so the akimat can check it.
WIDEST_KNOWN_BOUNDARY_M = 800.0
#: How far to look for the nearest specialized route when a march's line follows none (for the message).
NEAREST_ROUTE_SEARCH_M = 5000.0
#: Two pickets within this distance of each other are at "the same place" for art. 9(6)
#: (docs/interpretations.md).
SAME_PICKET_PLACE_M = POINT_PLACE_TOLERANCE_M


def _position(a: PlannedAssembly) -> tuple[float, float] | None:
    if a.place is None:
        return None
    if a.place.point is not None:
        return a.place.point
    geometry = a.place.geometry
    if geometry is not None and geometry.get("type") == "Point":
        lon, lat = geometry["coordinates"][:2]
        return float(lon), float(lat)
    return None


def locate(
    a: PlannedAssembly,
    registry: Registry | None,
    day: dt.date | None,
    bookings: tuple[BookingInput, ...],
    *,
    route: bool,
) -> PlaceFacts:
    """What the registry says of the place (or, with `route`, the route: a form that moves along one,
    `law.procedure.moves_along_route`) on the assembly day."""
    if registry is None:
        return PlaceFacts("no_registry", day, bookings=bookings)
    settlement = a.settlement
    if (
        day is None
        or settlement is None
        or not is_known_settlement(settlement)
        or not registry.has_data(settlement, day)
    ):
        return PlaceFacts("not_checked", day, bookings=bookings)
    try:
        return _locate(a, registry, settlement, day, bookings, route)
    except UnknownSettlementError:
        return PlaceFacts("not_checked", day, bookings=bookings)
    except RegistryError as problem:  # e.g. a position outside Kazakhstan, a degenerate line
        return PlaceFacts("unusable_geometry", day, problem=str(problem), bookings=bookings)


def _by_id(
    registry: Registry, settlement: str, place_id: str, day: dt.date, bookings: tuple[BookingInput, ...]
) -> PlaceFacts:
    found = registry.lookup_place(settlement, place_id, day)
    if found.status == "in_force":
        return PlaceFacts("in_place", day, place=found.place, place_id=place_id, bookings=bookings)
    periods = ", ".join(
        f"{v.valid_from.isoformat()}..{v.valid_to.isoformat() if v.valid_to else ''}" for v in found.versions
    )
    status: PlaceStatus = "not_in_force" if found.status == "not_in_force" else "unknown_id"
    latest = found.versions[-1] if found.versions else None
    return PlaceFacts(status, day, place_id=place_id, versions=periods, bookings=bookings, known=latest)


def _locate(
    a: PlannedAssembly,
    registry: Registry,
    settlement: str,
    day: dt.date,
    bookings: tuple[BookingInput, ...],
    moving: bool,
) -> PlaceFacts:
    if moving and a.route is not None and a.route.given:
        if a.route.specialized_route_id:
            return _by_id(registry, settlement, a.route.specialized_route_id, day, bookings)
        assert a.route.geometry is not None
        line = a.route.geometry["coordinates"]  # validated as a LineString by the model
        route = registry.route_followed(settlement, line, day)
        if route is not None:
            return PlaceFacts("in_place", day, place=route, bookings=bookings)
        # Only a line that follows no route pays for measuring how far the nearest one is (for the message).
        nearest = registry.routes_matching(settlement, line, day, tolerance_m=NEAREST_ROUTE_SEARCH_M)
        deviation = nearest[0].deviation_m if nearest else None
        return PlaceFacts("outside", day, route_deviation_m=deviation, bookings=bookings)
    if a.place is None or not a.place.given:
        return PlaceFacts("no_position", day, bookings=bookings)
    if a.place.specialized_place_id:
        return _by_id(registry, settlement, a.place.specialized_place_id, day, bookings)
    position = _position(a)
    if position is not None:
        inside = registry.places_containing(settlement, position[0], position[1], day)
        if inside:
            return PlaceFacts("in_place", day, place=inside[0], position=position, bookings=bookings)
        # One query serves both the known boundaries and the objects whose boundary is unknown.
        reach = max(WIDEST_KNOWN_BOUNDARY_M, registry.max_buffer_m(settlement))
        near = registry.prohibited_objects_near(settlement, position[0], position[1], day, reach)
        return PlaceFacts("outside", day, position=position, objects_near=tuple(near), bookings=bookings)
    if a.place.geometry is not None:
        inside = registry.places_containing_area(settlement, a.place.geometry, day)
        if inside:
            return PlaceFacts("in_place", day, place=inside[0], bookings=bookings)
        return PlaceFacts("outside", day, bookings=bookings)
    return PlaceFacts("no_position", day, bookings=bookings)


_NAMES: dict[tuple[str, str, dt.date], dict[str, str]] = {}


def _name(place: SpecializedPlace) -> dict[str, str]:
    """The place's name as facts (`name`, `name_kk`, `name_ru`: `_base.named`)."""
    # Keyed by identity and version, not by the entry itself: hashing an entry hashes its geometry.
    key = (place.settlement, place.id, place.valid_from)
    name = _NAMES.get(key)
    if name is None:
        name = _NAMES[key] = named("name", place.name)
    return name


@cache
def _decision_label(decision: MaslikhatDecision) -> dict[str, str]:
    """The decision as facts: `decision` (the registry's English label) and `decision_kk`, `decision_ru`,
    built from its number, date, registration and Adilet id in each language (`fact_words.decision_words`)."""
    return {
        "decision": decision.label(),
        "decision_kk": decision_words(decision, "kk"),
        "decision_ru": decision_words(decision, "ru"),
    }


# --- rules -------------------------------------------------------------------------------------------


@rule
def registry_consulted(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 8(2): the maslikhat's registry decides the place questions; say when it could not."""
    f = c.place
    if f.status == "no_registry":
        return [finding("place.registry_not_given", "info", cite(8, 2, 1))]
    if f.status == "unusable_geometry":
        return [finding("place.geometry_not_usable", "warning", cite(8, 2, 1), problem=f.problem)]
    if f.status == "not_checked":
        return [
            finding(
                "place.not_checked",
                "info",
                cite(8, 2, 1),
                settlement=a.settlement or "-",
                day=f.day.isoformat() if f.day else "-",
            )
        ]
    return []


@rule
def specialized_place_known(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 1(3), 9(1): a specialized place or route named by id must be one in force that day."""
    f = c.place
    if f.status == "unknown_id":
        return [
            finding(
                "place.unknown_specialized_place",
                "blocking",
                cite(9, 1),
                place_id=f.place_id,
                settlement=a.settlement,
            )
        ]
    if f.status == "not_in_force":
        return [
            finding(
                "place.specialized_place_not_in_force",
                "blocking",
                cite(9, 1),
                place_id=f.place_id,
                day=f.day.isoformat() if f.day else None,
                periods=f.versions,
                **(_name(f.known) if f.known is not None else {}),
            )
        ]
    return []


@rule
def held_in_specialized_place(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 9(1), 1(3): meetings, rallies, demonstrations and marches only in specialized places or
    on specialized routes; pickets may be elsewhere (with 9(5)-(6))."""
    f = c.place
    if f.status == "in_place" and f.place is not None:
        code = "place.on_specialized_route" if f.place.is_route else "place.in_specialized_place"
        return [
            finding(
                code,
                "info",
                cite(9, 1),
                **_name(f.place),
                **_decision_label(f.place.decision),
                geometry_quality=f.place.geometry_quality,
            )
        ]
    form = form_of(a, c)
    if f.status != "outside" or form == "picket":
        return []
    if procedure.moves_along_route(form, p):
        return [
            finding(
                "place.route_not_specialized",
                "blocking",
                cite(9, 1),
                day=f.day.isoformat() if f.day else None,
                deviation_m=round(f.route_deviation_m) if f.route_deviation_m is not None else None,
                tolerance_m=round(DEFAULT_ROUTE_TOLERANCE_M),
            )
        ]
    return [
        finding(
            "place.outside_specialized_places",
            "blocking",
            cite(9, 1),
            form=form,
            day=f.day.isoformat() if f.day else None,
        )
    ]


@rule
def occupancy_within_norm(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 14(1)(9) with 8(2): expected participants above the place's maximum occupancy; the akimat
    may rather propose a larger place (11(1)(3), 13(1)(4))."""
    f = c.place
    if f.place is None or a.expected_participants is None or form_of(a, c) == "picket":
        return []
    fits = f.place.fits(a.expected_participants)
    if fits is None:
        return [finding("place.occupancy_unknown", "info", cite(8, 2, 1), **_name(f.place))]
    if fits:
        return []
    return [
        finding(
            "place.over_occupancy",
            "refusal_ground",
            ground_cite(9),
            ground=ground(9),
            expected_participants=a.expected_participants,
            **_name(f.place),
            max_occupancy=f.place.max_occupancy,
        )
    ]


def _picket_outside_places(a: PlannedAssembly, c: Context) -> tuple[float, float] | None:
    """The position of a picket held outside specialized places, if the registry could check it."""
    f = c.place
    if form_of(a, c) != "picket" or f.status != "outside" or f.position is None or a.settlement is None:
        return None
    return f.position


@rule
def picket_outside_prohibited_territory(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 9(5) -> 14(1)(8): no picket inside the boundary the maslikhat set around an object. The
    ground needs an object an official source puts in its category (the law or the decision); an object only
    the project's reading classes gives an `info` finding (333-VI.md, "Picket-ban objects")."""
    if _picket_outside_places(a, c) is None:
        return []
    found: list[Finding] = []
    for hit in c.place.objects_near:
        if not hit.inside:
            continue
        official = hit.object.basis != "project_reading"
        found.append(
            finding(
                "place.picket_in_prohibited_territory" if official else "place.near_project_reading_object",
                "refusal_ground" if official else "info",
                cite(9, 5, hit.object.article_9_5_subparagraph),
                ground=ground(8) if official else None,
                **named("object", hit.object.name),
                distance_m=round(hit.distance_m),
                buffer_m=hit.buffer_m,
                **_decision_label(hit.object.decision),
                basis=hit.object.basis,
            )
        )
    return found


@rule
def prohibited_object_boundary_unknown(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 9(5), 8(2): an object near the picket whose boundary the registry does not know."""
    if _picket_outside_places(a, c) is None:
        return []
    return [
        finding(
            "place.prohibited_object_boundary_unknown",
            "info" if hit.object.basis == "project_reading" else "warning",
            cite(9, 5, hit.object.article_9_5_subparagraph),
            **named("object", hit.object.name),
            distance_m=round(hit.distance_m),
        )
        for hit in c.place.objects_near
        if hit.buffer_m is None and hit.distance_m <= WIDEST_KNOWN_BOUNDARY_M
    ]


@rule
def picket_time_limit_outside_places(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 9(6) -> 14(1)(8): outside specialized places a picket lasts at most 2 hours a day at the
    same place and object."""
    if _picket_outside_places(a, c) is None or a.starts_at is None or a.ends_at is None:
        return []
    limit = p.integer("picket_max_hours_per_day_outside_places")
    hours = (a.ends_at - a.starts_at).total_seconds() / 3600
    if hours <= limit:
        return []
    return [
        finding(
            "place.picket_too_long_outside_places",
            "refusal_ground",
            p.cite("picket_max_hours_per_day_outside_places"),
            ground=ground(8),
            hours=round(hours, 2),
            max_hours=limit,
        )
    ]


def _span(b: BookingInput, zone_name: str) -> str:
    """The booking's period in the settlement's local time, with its offset (the message reads it as a day
    and two times; the fact keeps RFC 3339)."""
    local = zone(zone_name)
    start, end = b.starts_at.astimezone(local), b.ends_at.astimezone(local)
    return f"{start.isoformat(timespec='minutes')}-{end.isoformat(timespec='minutes')}"


def _overlaps(a: PlannedAssembly, b: BookingInput) -> bool:
    return (
        a.starts_at is not None
        and a.ends_at is not None
        and a.starts_at < b.ends_at
        and b.starts_at < a.ends_at
    )


@rule
def one_picket_at_a_time(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 9(6) -> 14(1)(8): outside specialized places, one picket at a time at the same place."""
    position = _picket_outside_places(a, c)
    if position is None:
        return []
    found: list[Finding] = []
    for booking in c.place.bookings:
        if booking.point is None or booking.form not in (None, "picket") or not _overlaps(a, booking):
            continue
        distance = geodesic_distance_m(position[0], position[1], booking.point[0], booking.point[1])
        if distance <= SAME_PICKET_PLACE_M:
            found.append(
                finding(
                    "place.picket_already_booked",
                    "refusal_ground",
                    cite(9, 6),
                    ground=ground(8),
                    other=booking.reference or _span(booking, c.zone_name),
                    distance_m=round(distance),
                )
            )
    return found


@rule
def local_order_of_use(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 8(2): limits the maslikhat's order of use adds for pickets in a place, e.g. pickets at
    least N m apart, or at most N hours a day."""
    f = c.place
    place = f.place
    limits = place.usage_limits if place is not None else None
    if form_of(a, c) != "picket" or place is None or limits is None:
        return []
    found: list[Finding] = []
    max_hours = limits.max_picket_hours_per_day
    if max_hours is not None and a.starts_at is not None and a.ends_at is not None:
        hours = (a.ends_at - a.starts_at).total_seconds() / 3600
        if hours > max_hours:
            found.append(
                finding(
                    "place.local_limit_picket_hours",
                    "warning",
                    cite(8, 2, 1),
                    **_name(place),
                    max_hours=max_hours,
                    hours=round(hours, 2),
                    **_decision_label(place.decision),
                )
            )
    min_distance = limits.min_distance_between_pickets_m
    if min_distance and f.position is not None:
        for booking in f.bookings:
            if booking.point is None or booking.form not in (None, "picket") or not _overlaps(a, booking):
                continue
            distance = geodesic_distance_m(f.position[0], f.position[1], booking.point[0], booking.point[1])
            if distance < min_distance:
                found.append(
                    finding(
                        "place.local_limit_picket_distance",
                        "warning",
                        cite(8, 2, 1),
                        **_name(place),
                        min_distance_m=min_distance,
                        distance_m=round(distance),
                        **_decision_label(place.decision),
                    )
                )
    return found


@rule
def place_free_at_that_time(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 9(3) and 14(1)(10): the specialized place already taken at that time.

    By an earlier filing: first received, first served (9(3)); the later filing cannot go ahead as filed and
    the akimat's fitting answer is to propose another place or time (11(1)(3), 13(1)(4)), never 14(1)(10).
    By another event (official, cultural, sports...) or works planned at the place: ground 14(1)(10), by
    itself as adopted in 2020; under CC 61-NP only after another place or time was offered."""
    f = c.place
    if f.place is None:
        return []
    taken = [b for b in f.bookings if b.place_id == f.place.id and _overlaps(a, b)]
    if not taken:
        return []
    found: list[Finding] = []
    filings = [b for b in taken if b.kind == "filing"]
    if filings:
        found.append(
            finding(
                "place.taken_by_earlier_filing",
                "blocking",
                cite(9, 3),
                **_name(f.place),
                other=", ".join(f"{b.reference or b.kind} {_span(b, c.zone_name)}" for b in filings),
            )
        )
    events = [b for b in taken if b.kind != "filing"]
    if not events:
        return found
    other = ", ".join(f"{b.reference or b.kind} {_span(b, c.zone_name)}" for b in events)
    if p.flag("occupied_place_refusal_needs_alternative"):
        found.append(
            finding(
                "place.occupied_offer_alternative",
                "warning",
                p.cite("occupied_place_refusal_needs_alternative"),
                **_name(f.place),
                other=other,
            )
        )
    else:
        found.append(
            finding(
                "place.occupied",
                "refusal_ground",
                ground_cite(10),
                ground=ground(10),
                **_name(f.place),
                other=other,
            )
        )
    return found
