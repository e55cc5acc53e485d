"""The registry written back as GeoJSON: entries as features (the export, the public API's places, the map),
the inverse of `beibit.places.geojson`'s reader."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from shapely.geometry.base import BaseGeometry  # type: ignore[import-untyped, unused-ignore]

from beibit.places.model import Entry, MaslikhatDecision, ProhibitedObject, SpecializedPlace


def geometry_to_geojson(geometry: BaseGeometry) -> dict[str, Any]:
    """A shapely geometry as a GeoJSON geometry object (coordinates rounded to 7 decimals, ~1 cm)."""
    mapping = cast(Mapping[str, Any], geometry.__geo_interface__)

    def rounded(value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [rounded(v) for v in value]
        return round(float(value), 7)

    return {"type": str(mapping["type"]), "coordinates": rounded(mapping["coordinates"])}


def decision_to_dict(decision: MaslikhatDecision) -> dict[str, Any]:
    return {
        "number": decision.number,
        "date": decision.date.isoformat() if decision.date else None,
        "adilet_id": decision.adilet_id,
        "url": decision.url,
        "registration": decision.registration,
        "note": decision.note,
    }


def entry_properties(entry: Entry) -> dict[str, Any]:
    """The GeoJSON properties of an entry (the schema `parse_feature` reads)."""
    props: dict[str, Any] = {
        "id": entry.id,
        "registry_type": "prohibited_object" if isinstance(entry, ProhibitedObject) else "specialized_place",
        "settlement": entry.settlement,
        "name": entry.name.as_dict(),
    }
    if isinstance(entry, SpecializedPlace):
        limits = entry.usage_limits
        props.update(
            {
                "kind": entry.kind,
                "max_occupancy": entry.max_occupancy,
                "support_requirements": entry.support_requirements,
                "hours": (
                    {
                        "opens": entry.hours.opens.strftime("%H:%M"),
                        "closes": entry.hours.closes.strftime("%H:%M"),
                    }
                    if entry.hours
                    else None
                ),
                "usage_limits": (
                    {
                        "min_distance_between_pickets_m": limits.min_distance_between_pickets_m,
                        "max_picket_hours_per_day": limits.max_picket_hours_per_day,
                        "notes": limits.notes,
                    }
                    if limits
                    else None
                ),
            }
        )
    else:
        props.update(
            {
                "article_9_5_subparagraph": entry.article_9_5_subparagraph,
                "buffer_m": entry.buffer_m,
                "basis": entry.basis,
            }
        )
    props.update(
        {
            "valid_from": entry.valid_from.isoformat(),
            "valid_to": entry.valid_to.isoformat() if entry.valid_to else None,
            "decision": decision_to_dict(entry.decision),
            "geometry_quality": entry.geometry_quality,
            "notes": entry.notes,
            "source": (
                {"dataset": entry.source.dataset, "entry": entry.source.entry, "item": entry.source.item}
                if entry.source
                else None
            ),
        }
    )
    return props


def entry_to_feature(entry: Entry) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": entry.id,
        "geometry": geometry_to_geojson(entry.geometry),
        "properties": entry_properties(entry),
    }


def feature_collection(entries: Sequence[Entry], *, title: str | None = None) -> dict[str, Any]:
    """Entries as a FeatureCollection that `parse_feature_collection` reads back unchanged."""
    data: dict[str, Any] = {"type": "FeatureCollection"}
    if title:
        data["title"] = title
    data["features"] = [entry_to_feature(e) for e in entries]
    return data
