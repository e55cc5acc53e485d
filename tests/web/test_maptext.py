"""The map in words (web.maptext): names, kinds and geodesic distances from the chosen point, nearest first,
written per language."""

from __future__ import annotations

from django.utils import translation

from beibit.web.maptext import distance_label, map_items, origin_of

# Two squares about 1.4 km apart along Abay avenue (43.24 N): 0.0165 degrees of longitude is about 1,340 m.
A = {
    "type": "Polygon",
    "coordinates": [
        [[76.940, 43.240], [76.941, 43.240], [76.941, 43.241], [76.940, 43.241], [76.940, 43.240]]
    ],
}
B = {"type": "Point", "coordinates": [76.9575, 43.2405]}
LAYER = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "geometry": B, "properties": {"id": "b", "name": "B", "kind_label": "square"}},
        {"type": "Feature", "geometry": A, "properties": {"id": "a", "name": "A", "kind_label": "park"}},
        {"type": "Feature", "geometry": A, "properties": {"kind": "booking"}},  # unnamed: not listed
    ],
}


def test_distances_are_counted_from_the_origin_nearest_first() -> None:
    with translation.override("en"):
        items = map_items(LAYER, A)
    assert [i.name for i in items] == ["A", "B"]
    assert items[0].metres == 0.0 and items[0].distance == "0 m"
    assert items[1].metres is not None and 1300 < items[1].metres < 1400
    assert items[1].distance == "1.3 km"
    assert [i.id for i in items] == ["a", "b"]


def test_without_an_origin_the_layer_order_stays_and_no_distance_is_said() -> None:
    items = map_items(LAYER, None)
    assert [(i.name, i.distance) for i in items] == [("B", ""), ("A", "")]


def test_distances_are_written_in_the_pages_language() -> None:
    with translation.override("ru"):
        assert distance_label(1340.0) == "1,3 км"
        assert distance_label(344.0) == "340 м"
    with translation.override("kk"):
        assert distance_label(12500.0) == "12,5 км"


def test_the_origin_is_the_chosen_feature_or_the_first() -> None:
    assert origin_of(LAYER, "a") == (A, "A")
    assert origin_of(LAYER, "missing") == (B, "B")
    assert origin_of({"features": []}, None) == (None, "")


def test_the_background_layer_is_offered_only_when_the_repository_has_it(settings: object) -> None:
    from beibit.web.maptext import basemap_url

    assert basemap_url("no-such-settlement") == ""
