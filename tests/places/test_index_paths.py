"""The two ways an index answers a WGS 84 query — a scan of bounding boxes for a city-sized registry, STRtrees
for a large one (SCAN_LIMIT) — give the same answers on the bundled registry, for random positions and lines
around both cities, on days before and after the amending decisions."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from shapely.geometry import LineString

from beibit.places import default_registry
from beibit.places import index as index_module
from beibit.places.index import SettlementIndex

CENTRES = {"almaty": (76.93, 43.245), "astana": (71.43, 51.13)}
DAYS = (dt.date(2021, 5, 1), dt.date(2024, 1, 10), dt.date(2026, 6, 1))


def _indexes(settlement: str, monkeypatch: pytest.MonkeyPatch) -> tuple[SettlementIndex, SettlementIndex]:
    registry = default_registry()
    entries = registry._index(settlement)
    assert entries is not None
    scan = SettlementIndex(settlement, entries.places, entries.objects)
    monkeypatch.setattr(index_module, "SCAN_LIMIT", -1)
    tree = SettlementIndex(settlement, entries.places, entries.objects)
    monkeypatch.undo()
    assert scan._area_boxes is not None and tree._area_boxes is None
    return scan, tree


@pytest.mark.parametrize("settlement", sorted(CENTRES))
def test_scan_and_tree_agree(settlement: str, monkeypatch: pytest.MonkeyPatch) -> None:
    scan, tree = _indexes(settlement, monkeypatch)
    rng = random.Random(61)
    lon0, lat0 = CENTRES[settlement]
    hits = {"places": 0, "zones": 0, "routes": 0}
    # Lines near the routes' own vertices, so that some follow a route and some leave it.
    vertices = [c for p in scan.places if p.is_route for c in p.geometry.coords]
    for _ in range(1500):
        lon, lat = lon0 + rng.uniform(-0.04, 0.04), lat0 + rng.uniform(-0.03, 0.03)
        day = rng.choice(DAYS)
        assert scan.places_at(lon, lat, day) == tree.places_at(lon, lat, day)
        for radius in (None, 800.0):
            assert scan.objects_near(lon, lat, day, radius) == tree.objects_near(lon, lat, day, radius)
        hits["places"] += bool(scan.places_at(lon, lat, day))
        hits["zones"] += bool(scan.objects_near(lon, lat, day, None))
        if vertices:
            x, y = rng.choice(vertices)
            jitter = rng.choice((0.00005, 0.0002, 0.002))
            line = LineString(
                [(x + rng.uniform(-jitter, jitter), y + rng.uniform(-jitter, jitter)) for _ in "ab"]
            )
            assert scan.route_followed(line, day) == tree.route_followed(line, day)
            hits["routes"] += scan.route_followed(line, day) is not None
    # The comparison means something only if both kinds of answer occurred.
    assert hits["places"] > 0
    if settlement == "almaty":
        assert hits["zones"] > 0 and hits["routes"] > 0
