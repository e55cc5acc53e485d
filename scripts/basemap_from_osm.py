"""Make the small background layer of a city's maps (its outline and main streets) from an OpenStreetMap
extract, for `static/web/map.js` (`data-base`): the maps stay readable without a tile server.

Input: the extract as GeoJSON, e.g. from Geofabrik's Kazakhstan file cut to the city and exported with
osmium-tool (Debian package `osmium-tool`):

    osmium extract -b 76.75,43.10,77.15,43.40 kazakhstan-latest.osm.pbf -o almaty.osm.pbf
    osmium export almaty.osm.pbf -o almaty.geojson
    python scripts/basemap_from_osm.py almaty.geojson --settlement almaty --boundary "Алматы"

Kept: the administrative boundary whose `name` is --boundary (the outline) and the named ways whose
`highway` is motorway, trunk, primary or secondary (the main streets), simplified (--tolerance, degrees)
and rounded to 5 decimals (about 1 m). Written to src/beibit/web/static/web/basemap/<settlement>.geojson
with the attribution OpenStreetMap's licence (ODbL 1.0) asks for; the pages draw it under the registry's
places when the file exists.

The repository holds no such file yet: its working environment reaches no OpenStreetMap service, and no
package registry ships the city's streets (issue 15's closing note).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape  # type: ignore[import-untyped, unused-ignore]

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "src" / "beibit" / "web" / "static" / "web" / "basemap"
MAIN_STREETS = frozenset({"motorway", "trunk", "primary", "secondary"})
ATTRIBUTION = "© OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright)"


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 5)
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def _kept(feature: Mapping[str, Any], boundary: str) -> str | None:
    """'outline', 'street' or None for a feature of the extract."""
    props = feature.get("properties") or {}
    geometry = (feature.get("geometry") or {}).get("type", "")
    if props.get("boundary") == "administrative" and props.get("name") == boundary and "Polygon" in geometry:
        return "outline"
    if props.get("highway") in MAIN_STREETS and props.get("name") and "LineString" in geometry:
        return "street"
    return None


def basemap(features: Iterable[Mapping[str, Any]], *, boundary: str, tolerance: float) -> dict[str, Any]:
    """The layer: the outline (as its boundary line) and the main streets, simplified, with their names."""
    out = []
    for feature in features:
        kind = _kept(feature, boundary)
        if kind is None:
            continue
        geometry = shape(feature["geometry"])
        if kind == "outline":
            geometry = geometry.boundary
        geometry = geometry.simplify(tolerance, preserve_topology=False)
        if geometry.is_empty:
            continue
        props = feature.get("properties") or {}
        names = {k: props[k] for k in ("name", "name:kk", "name:ru", "name:en") if props.get(k)}
        shaped = mapping(geometry)
        out.append(
            {
                "type": "Feature",
                "geometry": {"type": shaped["type"], "coordinates": _rounded(shaped["coordinates"])},
                "properties": {"kind": kind, **names},
            }
        )
    out.sort(key=lambda f: (f["properties"]["kind"] != "outline", f["properties"].get("name", "")))
    return {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": out}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("extract", type=Path, help="the OpenStreetMap extract as GeoJSON (osmium export)")
    parser.add_argument("--settlement", required=True, help="the settlement's id, e.g. almaty")
    parser.add_argument("--boundary", required=True, help="the name of the city's administrative boundary")
    parser.add_argument("--tolerance", type=float, default=0.0002, help="simplification, degrees (~20 m)")
    parser.add_argument("--out", type=Path, help=f"default: {TARGET.relative_to(ROOT)}/<settlement>.geojson")
    args = parser.parse_args(argv)
    extract = json.loads(args.extract.read_text(encoding="utf-8"))
    layer = basemap(extract.get("features", []), boundary=args.boundary, tolerance=args.tolerance)
    if not any(f["properties"]["kind"] == "outline" for f in layer["features"]):
        print(f"no administrative boundary named {args.boundary!r} in {args.extract}", file=sys.stderr)
        return 1
    out = args.out or TARGET / f"{args.settlement}.geojson"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(layer, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{out}: {len(layer['features'])} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
