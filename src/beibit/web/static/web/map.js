// Leaflet maps declared by data attributes; no inline script is needed (CSP).
//
//   <div class="map" data-map data-center="43.238,76.945" data-zoom="13"
//        data-layers="places-json zones-json"       ids of json_script blocks holding GeoJSON
//        data-tiles="{{ map_tiles }}" data-attribution="{{ map_attribution }}"
//        data-draw="point|line"  data-input="id of a hidden input that receives the drawn GeoJSON geometry"
//        data-select-input="id of an input that receives properties.id of a clicked feature"
//        data-base="URL of a bundled GeoJSON of the city's outline and main streets (OpenStreetMap, ODbL)"
//        data-clear-label="..."></div>
//
// Without tiles (empty data-tiles, or offline) the features are still drawn on a plain background, each one
// labelled by its name (a permanent tooltip), and the view is fitted to all of them. Tiles, when configured,
// are only a background. The list under each map (web/_map_text.html) says the same in words.
(function () {
  "use strict";
  var KIND_STYLE = {
    specialized_place: { color: "#0b5cad", weight: 2, fillOpacity: 0.25 },
    specialized_route: { color: "#1d7a3e", weight: 5 },
    picketing_prohibited_territory: { color: "#b3261e", weight: 1, fillOpacity: 0.15, dashArray: "4" },
    booking: { color: "#9a5b00", weight: 2, fillOpacity: 0.3 },
    assembly: { color: "#6a1b9a", weight: 4, fillOpacity: 0.3 },
    proposal: { color: "#00695c", weight: 4, fillOpacity: 0.35 }
  };

  function readJson(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function popupText(props) {
    var parts = [];
    ["name", "kind_label", "max_occupancy_label", "validity_label", "decision_label", "note"].forEach(function (key) {
      if (props && props[key] !== undefined && props[key] !== null && props[key] !== "") { parts.push(String(props[key])); }
    });
    var div = document.createElement("div");
    parts.forEach(function (text, i) {
      var p = document.createElement(i === 0 ? "strong" : "div");
      p.textContent = text;
      div.appendChild(p);
    });
    return div;
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  // Labels are placed as Leaflet puts them; one that covers an earlier one is moved down (or up) until it
  // is free, and when a label sticks out of the map the view zooms out a step (at most twice), so that every
  // name can be read in full without tiles.
  function arrangeLabels(map, el, tries) {
    var box = el.getBoundingClientRect();
    var tips = Array.prototype.slice.call(el.querySelectorAll(".leaflet-tooltip.map-label"));
    var outside = tips.some(function (tip) {
      var r = tip.getBoundingClientRect();
      return r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom;
    });
    if (outside && tries > 0 && map.getZoom() > map.getMinZoom()) {
      map.once("zoomend", function () { arrangeLabels(map, el, tries - 1); });
      map.zoomOut(1, { animate: false });
      return;
    }
    var placed = [];
    tips.forEach(function (tip) { tip.style.marginTop = ""; });
    tips.forEach(function (tip) {
      var r = tip.getBoundingClientRect();
      var shift = 0;
      var step = r.height + 2;
      for (var i = 0; i < 8; i += 1) {
        var moved = { left: r.left, right: r.right, top: r.top + shift, bottom: r.bottom + shift };
        if (!placed.some(function (p) { return overlaps(p, moved); })) { break; }
        shift = i % 2 === 0 ? Math.abs(shift) + step : -Math.abs(shift);
      }
      if (shift) { tip.style.marginTop = shift + "px"; }
      placed.push({ left: r.left, right: r.right, top: r.top + shift, bottom: r.bottom + shift });
    });
  }

  function setup(el) {
    if (typeof L === "undefined") { return; }
    var center = (el.getAttribute("data-center") || "48.0,68.0").split(",").map(Number);
    var zoom = Number(el.getAttribute("data-zoom") || "12");
    // The zoom buttons' labels come translated from the page (base.html puts them on <body>).
    var labels = document.body.dataset;
    var map = L.map(el, { scrollWheelZoom: false, zoomControl: false }).setView(center, zoom);
    L.control.zoom({
      zoomInTitle: labels.mapZoomIn || "Zoom in",
      zoomOutTitle: labels.mapZoomOut || "Zoom out"
    }).addTo(map);
    var tiles = el.getAttribute("data-tiles");
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 19, attribution: el.getAttribute("data-attribution") || "" }).addTo(map);
    }
    var selectInput = document.getElementById(el.getAttribute("data-select-input") || "");
    var bounds = null;
    (el.getAttribute("data-layers") || "").split(/\s+/).filter(Boolean).forEach(function (id) {
      var data = readJson(id);
      if (!data) { return; }
      var layer = L.geoJSON(data, {
        style: function (feature) { return KIND_STYLE[(feature.properties || {}).kind] || KIND_STYLE.assembly; },
        pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, { radius: 7 }); },
        onEachFeature: function (feature, lyr) {
          var props = feature.properties || {};
          lyr.bindPopup(popupText(props));
          if (props.name) {
            lyr.bindTooltip(String(props.name), {
              permanent: true, direction: "top", className: "map-label map-label-" + (props.kind || "assembly")
            });
          }
          if (selectInput && feature.properties && feature.properties.selectable) {
            lyr.on("click", function () {
              selectInput.value = feature.properties.id;
              selectInput.dispatchEvent(new Event("change", { bubbles: true }));
            });
          }
        }
      }).addTo(map);
      var b = layer.getBounds();
      if (b.isValid()) { bounds = bounds ? bounds.extend(b) : b; }
    });
    // Every feature in view, the alternative place of a proposal included (data-center only when none).
    if (bounds) { map.fitBounds(bounds, { maxZoom: 16, padding: [30, 30], animate: false }); }
    arrangeLabels(map, el, 2);
    map.on("zoomend", function () { arrangeLabels(map, el, 0); });
    var base = el.getAttribute("data-base");
    if (base && window.fetch) {
      window.fetch(base, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) { return; }
          if (data.attribution) { map.attributionControl.addAttribution(String(data.attribution)); }
          L.geoJSON(data, {
            interactive: false,
            style: function (f) {
              var outline = (f.properties || {}).kind === "outline";
              return outline ? { color: "#5b6472", weight: 2, fill: false, dashArray: "6 4" }
                : { color: "#8a93a0", weight: 2 };
            }
          }).addTo(map).bringToBack();
        }).catch(function () { return null; });
    }

    var draw = el.getAttribute("data-draw");
    var input = document.getElementById(el.getAttribute("data-input") || "");
    if (draw && input) {
      var drawn = null;
      var vertices = [];
      var show = function () {
        if (drawn) { map.removeLayer(drawn); drawn = null; }
        if (!vertices.length) { input.value = ""; return; }
        var geometry;
        if (draw === "point") {
          drawn = L.circleMarker(vertices[0], { radius: 8, color: KIND_STYLE.assembly.color }).addTo(map);
          geometry = { type: "Point", coordinates: [vertices[0].lng, vertices[0].lat] };
        } else {
          drawn = L.polyline(vertices, KIND_STYLE.assembly).addTo(map);
          geometry = { type: "LineString", coordinates: vertices.map(function (v) { return [v.lng, v.lat]; }) };
        }
        input.value = JSON.stringify(geometry);
        input.dispatchEvent(new Event("change", { bubbles: true }));
      };
      try {
        var start = input.value ? JSON.parse(input.value) : null;
        if (start && start.type === "Point") { vertices = [L.latLng(start.coordinates[1], start.coordinates[0])]; }
        if (start && start.type === "LineString") {
          vertices = start.coordinates.map(function (c) { return L.latLng(c[1], c[0]); });
        }
      } catch (e) { vertices = []; }
      show();
      map.on("click", function (event) {
        if (draw === "point") { vertices = [event.latlng]; } else { vertices.push(event.latlng); }
        show();
      });
      var clear = document.createElement("button");
      clear.type = "button";
      clear.className = "secondary map-clear";
      clear.textContent = el.getAttribute("data-clear-label") || labels.mapClear || "Clear";
      clear.addEventListener("click", function () { vertices = []; show(); });
      el.insertAdjacentElement("afterend", clear);
    }
    el.beibitMap = map;
  }

  function init() { document.querySelectorAll("[data-map]").forEach(setup); }
  if (document.readyState !== "loading") { init(); } else { document.addEventListener("DOMContentLoaded", init); }
})();
