"""The officer's case map: the filed place or route, the other bookings of that day, the places free for a
proposal and the place the akimat proposed; with its text alternative (web.maptext), distances counted from
the filed place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from shapely.geometry import mapping  # type: ignore[import-untyped, unused-ignore]

from beibit.cases.bookings import active_bookings
from beibit.cases.models import Case
from beibit.places import Registry
from beibit.web.akimat.slots import free_slots
from beibit.web.maptext import basemap_url, map_items
from beibit.web.organizer.display import localized

BOOKING_KINDS = {
    "assembly": gettext_lazy("Assembly"),
    "official_event": gettext_lazy("Official event"),
    "cultural_event": gettext_lazy("Cultural event"),
    "sports_event": gettext_lazy("Sports event"),
    "works": gettext_lazy("Works"),
    "other": gettext_lazy("Other"),
}


def place_entry(registry: Registry, settlement: str, place_id: str | None, day: dt.date | None) -> Any:
    """The version of a registry entry in force on `day` (else its latest), or None."""
    if not place_id:
        return None
    versions = registry.place_versions(settlement, place_id)
    if not versions:
        return None
    return next((v for v in versions if day is not None and v.in_force(day)), versions[-1])


def plan_fields(plan: Any) -> dict[str, Any]:
    """A plan as a dict (place_id, point, address): a typed `PlanView`, a stored plan or a proposal's."""
    if plan is None:
        return {}
    if isinstance(plan, Mapping):
        return dict(plan)
    return {"place_id": plan.place_id, "point": plan.point, "address": plan.address}


def _feature(geometry: Any, kind: str, name: str, **extra: Any) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": {"kind": kind, "name": name, **extra}}


def planned_feature(registry: Registry, case: Case, plan: Any, kind: str, **extra: Any) -> Any:
    """The feature of a plan (the filed one or the proposed one): its registry place, or its drawn point."""
    plan = plan_fields(plan)
    entry = place_entry(registry, case.settlement, plan.get("place_id"), case.assembly_day)
    if entry is not None:
        return _feature(mapping(entry.geometry), kind, localized(entry.name), **extra)
    if plan.get("point"):
        lon, lat = plan["point"]
        return _feature(
            {"type": "Point", "coordinates": [lon, lat]}, kind, plan.get("address") or "", **extra
        )
    return None


def _bookings(case: Case, registry: Registry, day: dt.date, tz: dt.tzinfo) -> list[dict[str, Any]]:
    features = []
    first = dt.datetime.combine(day, dt.time.min, tz)
    for b in active_bookings(case.settlement, first, first + dt.timedelta(days=1), exclude_case=case.pk):
        entry = place_entry(registry, case.settlement, b.place_id, day)
        geometry = mapping(entry.geometry) if entry is not None else None
        if geometry is None and b.lon is not None and b.lat is not None:
            geometry = {"type": "Point", "coordinates": [b.lon, b.lat]}
        if geometry is None:
            continue
        when = f"{b.starts_at.astimezone(tz):%H:%M}–{b.ends_at.astimezone(tz):%H:%M}"
        name = localized(entry.name) if entry is not None else ""
        kind = BOOKING_KINDS.get(b.kind, b.kind)
        features.append(_feature(geometry, "booking", name, note=f"{kind} {when}", kind_label=kind))
    return features


def case_map(case: Case, registry: Registry, plan: Any, tz: dt.tzinfo, proposal: Any) -> dict[str, Any]:
    """The map's FeatureCollection and its list in words (the filed place first, then nearest first)."""
    day = case.assembly_day
    plan = plan_fields(plan)
    features: list[dict[str, Any]] = []
    own = planned_feature(registry, case, plan, "assembly", kind_label=_("the filed place or route"))
    if own is not None:
        features.append(own)
    shown = {plan.get("place_id")}
    new_plan = plan_fields(proposal.new_plan if proposal is not None else None)
    offered = planned_feature(
        registry, case, new_plan, "proposal", kind_label=_("the place the akimat proposed")
    )
    if offered is not None:
        features.append(offered)
        shown.add(new_plan.get("place_id"))
    if case.starts_at and day is not None:
        features.extend(_bookings(case, registry, day, tz))
        for s in free_slots(case, registry):
            entry = place_entry(registry, case.settlement, s.place_id, day)
            if entry is None or s.place_id in shown:
                continue
            shown.add(s.place_id)
            label = _("Free for a proposal")
            features.append(
                _feature(
                    mapping(entry.geometry),
                    "specialized_place",
                    localized(entry.name),
                    note=label,
                    kind_label=label,
                )
            )
    layer = {"type": "FeatureCollection", "features": features}
    return {
        "features": layer,
        "text": map_items(layer, own["geometry"] if own is not None else None),
        "origin": own["properties"]["name"] if own is not None else "",
        "base": basemap_url(case.settlement),
    }
