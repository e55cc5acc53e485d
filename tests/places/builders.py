"""Builders of GeoJSON features for the registry tests."""

from __future__ import annotations

from typing import Any


def square(lon: float, lat: float, half: float = 0.001) -> dict[str, Any]:
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [lon - half, lat - half],
                [lon + half, lat - half],
                [lon + half, lat + half],
                [lon - half, lat + half],
                [lon - half, lat - half],
            ]
        ],
    }


def place_feature(
    fid: str = "almaty-test-square",
    *,
    geometry: dict[str, Any] | None = None,
    kind: str = "square",
    settlement: str = "almaty",
    valid_from: str = "2030-01-01",
    valid_to: str | None = None,
    max_occupancy: int | None = 100,
    **extra: Any,
) -> dict[str, Any]:
    props: dict[str, Any] = {
        "id": fid,
        "registry_type": "specialized_place",
        "settlement": settlement,
        "name": {"en": "Test square"},
        "kind": kind,
        "max_occupancy": max_occupancy,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "decision": {"number": "77", "date": "2029-12-01"},
        "geometry_quality": "approximate",
    }
    props.update(extra)
    return {
        "type": "Feature",
        "geometry": geometry if geometry is not None else square(76.90, 43.20),
        "properties": props,
    }


def object_feature(
    fid: str = "almaty-test-object",
    *,
    geometry: dict[str, Any] | None = None,
    buffer_m: int | None = 200,
    valid_from: str = "2030-01-01",
    valid_to: str | None = None,
) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": geometry or {"type": "Point", "coordinates": [76.91, 43.21]},
        "properties": {
            "id": fid,
            "registry_type": "prohibited_object",
            "settlement": "almaty",
            "name": {"en": "Test object"},
            "article_9_5_subparagraph": 3,
            "buffer_m": buffer_m,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "decision": {"number": "77", "date": "2029-12-01"},
            "geometry_quality": "approximate",
        },
    }


def collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}
