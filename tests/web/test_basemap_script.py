"""scripts/basemap_from_osm.py: from an OpenStreetMap extract (GeoJSON, as osmium exports it) to the small
background layer of a city's maps: the outline and the named main streets, simplified, attributed (ODbL).

The extract here is a made-up square town for the test, not real geometry."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import basemap_from_osm as basemap  # noqa: E402

TOWN = [[[70.0, 50.0], [70.1, 50.0], [70.1, 50.1], [70.0, 50.1], [70.0, 50.0]]]
EXTRACT = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": TOWN},
            "properties": {"boundary": "administrative", "name": "Town", "name:kk": "Қала"},
        },
        {
            "type": "Feature",
            "geometry": {
                "type": "LineString",
                "coordinates": [[70.0, 50.05], [70.05, 50.0500001], [70.1, 50.05]],
            },
            "properties": {"highway": "primary", "name": "Main avenue", "name:ru": "Главный проспект"},
        },
        {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [[70.02, 50.0], [70.02, 50.1]]},
            "properties": {"highway": "residential", "name": "Side street"},
        },
        {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [[70.03, 50.0], [70.03, 50.1]]},
            "properties": {"highway": "secondary"},
        },
    ],
}


def test_the_layer_keeps_the_outline_and_the_named_main_streets(tmp_path: Path) -> None:
    source = tmp_path / "town.geojson"
    source.write_text(json.dumps(EXTRACT), encoding="utf-8")
    out = tmp_path / "town-base.geojson"
    assert basemap.main([str(source), "--settlement", "town", "--boundary", "Town", "--out", str(out)]) == 0
    layer = json.loads(out.read_text(encoding="utf-8"))
    assert "OpenStreetMap" in layer["attribution"] and "ODbL" in layer["attribution"]
    kinds = [(f["properties"]["kind"], f["properties"].get("name")) for f in layer["features"]]
    assert kinds == [("outline", "Town"), ("street", "Main avenue")]
    outline, street = layer["features"]
    assert outline["geometry"]["type"] == "LineString" and outline["properties"]["name:kk"] == "Қала"
    assert street["geometry"]["coordinates"] == [[70.0, 50.05], [70.1, 50.05]]  # simplified, rounded
    assert street["properties"]["name:ru"] == "Главный проспект"


def test_an_extract_without_the_boundary_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "town.geojson"
    source.write_text(json.dumps(EXTRACT), encoding="utf-8")
    out = tmp_path / "none.geojson"
    assert basemap.main([str(source), "--settlement", "x", "--boundary", "Elsewhere", "--out", str(out)]) == 1
    assert not out.exists()
