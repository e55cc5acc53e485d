"""Small registry files built in the tests: a square, a route and a picket-free object inside Almaty."""

from __future__ import annotations

import json
from typing import Any


def square(entry_id: str = "almaty-test-square", **props: Any) -> dict[str, Any]:
    ring = [[76.930, 43.240], [76.934, 43.240], [76.934, 43.243], [76.930, 43.243], [76.930, 43.240]]
    properties: dict[str, Any] = {
        "id": entry_id,
        "registry_type": "specialized_place",
        "name": {"en": "Test square", "ru": "Тестовая площадь", "kk": "Сынақ алаңы"},
        "kind": "square",
        "max_occupancy": 300,
    }
    properties.update(props)
    return {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": [ring]},
        "properties": properties,
    }


def route(entry_id: str = "almaty-test-route", **props: Any) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "id": entry_id,
        "registry_type": "specialized_place",
        "name": {"en": "Test route", "ru": "Тестовый маршрут"},
        "kind": "route",
        "max_occupancy": 1000,
    }
    properties.update(props)
    line = [[76.940, 43.250], [76.945, 43.252], [76.950, 43.255]]
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": line},
        "properties": properties,
    }


def court(entry_id: str = "almaty-test-court", **props: Any) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "id": entry_id,
        "registry_type": "prohibited_object",
        "name": {"en": "Test court", "ru": "Тестовый суд"},
        "article_9_5_subparagraph": 3,
        "buffer_m": 200,
        "basis": "decision",
    }
    properties.update(props)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [76.955, 43.238]},
        "properties": properties,
    }


def collection(*features: dict[str, Any]) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}, ensure_ascii=False).encode()
