"""The text alternative of a map: each feature it draws, by name and kind, with its distance from the chosen
point (the place filed, the place picked in the wizard, the place chosen in the list).

Distances are geodesic (WGS 84, pyproj through `places.geo`) between the nearest points of the two shapes,
so a place touching the chosen one is 0 m away; numbers are written by Babel in the page's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from babel.numbers import format_decimal
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.translation import gettext
from shapely.geometry import shape  # type: ignore[import-untyped, unused-ignore]
from shapely.ops import nearest_points  # type: ignore[import-untyped, unused-ignore]

from beibit.places.geo import geodesic_distance_m
from beibit.web.labels import lang


@dataclass(frozen=True)
class MapItem:
    """One feature of a map as the list under it names it."""

    name: str
    kind_label: str
    metres: float | None
    distance: str
    id: str = ""


def distance_label(metres: float) -> str:
    """'350 m' under a kilometre (rounded to 10 m), '1.2 km' beyond, in the page's language."""
    locale = lang()
    if metres < 1000:
        return gettext("%(metres)s m") % {"metres": format_decimal(round(metres, -1), locale=locale)}
    return gettext("%(km)s km") % {
        "km": format_decimal(round(metres / 1000, 1), format="#,##0.0", locale=locale)
    }


def _metres(origin: Any, geometry: Mapping[str, Any]) -> float:
    a, b = nearest_points(origin, shape(geometry))
    return geodesic_distance_m(a.x, a.y, b.x, b.y)


def map_items(layer: Mapping[str, Any], origin: Mapping[str, Any] | None) -> list[MapItem]:
    """The named features of a GeoJSON FeatureCollection, nearest to `origin` (a GeoJSON geometry) first;
    without an origin, in the layer's order and with no distance."""
    start = shape(origin) if origin else None
    items: list[MapItem] = []
    for feature in layer.get("features", []):
        props = feature.get("properties") or {}
        if not props.get("name") or not feature.get("geometry"):
            continue
        metres = _metres(start, feature["geometry"]) if start is not None else None
        items.append(
            MapItem(
                name=str(props["name"]),
                kind_label=str(props.get("kind_label") or ""),
                metres=metres,
                distance=distance_label(metres) if metres is not None else "",
                id=str(props.get("id") or ""),
            )
        )
    if start is not None:
        items.sort(key=lambda item: item.metres or 0.0)
    return items


def origin_of(layer: Mapping[str, Any], feature_id: str | None) -> tuple[Mapping[str, Any] | None, str]:
    """The geometry and name of the feature `feature_id` (else of the layer's first feature): the point the
    list counts distances from."""
    features = [f for f in layer.get("features", []) if f.get("geometry")]
    chosen = next(
        (f for f in features if feature_id and (f.get("properties") or {}).get("id") == feature_id), None
    )
    chosen = chosen or (features[0] if features else None)
    if chosen is None:
        return None, ""
    return chosen["geometry"], str((chosen.get("properties") or {}).get("name") or "")


def basemap_url(settlement: str) -> str:
    """The address of the settlement's bundled background layer (outline and main streets from OpenStreetMap,
    made by scripts/basemap_from_osm.py), or "" when the repository has none for it."""
    path = f"web/basemap/{settlement}.geojson"
    return static(path) if finders.find(path) else ""
