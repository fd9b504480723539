// The story map: places from /api/stories/ID/geojson on bundled country outlines (offline) or tiles.
// Untrusted names are set with textContent only: never innerHTML.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  // Radius in metres of the circle drawn for a place known only to this precision.
  var AREA = { district: 15000, region: 60000, country: 250000, continent: 1500000 };
  var map = L.map(el, { worldCopyJump: true, attributionControl: true }).setView([48.5, 35], 5);
  window.newstraceMap = map;

  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution || "" }).addTo(map);
  } else {
    graticule().addTo(map);
    fetch(el.dataset.outlines).then(function (r) { return r.json(); }).then(function (world) {
      L.geoJSON(world, {
        interactive: false,
        style: { color: "#8c959f", weight: 0.8, fillColor: "#f4f1e8", fillOpacity: 1 }
      }).addTo(map).bringToBack();
    }).catch(function () { /* the graticule stays */ });
    map.attributionControl.addAttribution("Natural Earth");
  }

  fetch(el.dataset.geojson).then(function (r) { return r.json(); }).then(function (data) {
    var layers = [];
    (data.features || []).forEach(function (f) {
      var c = f.geometry.coordinates, p = f.properties, latlng = [c[1], c[0]];
      var layer;
      if (p.precision === "point") {
        layer = L.circleMarker(latlng, {
          radius: 7, color: "#fff", weight: 2, fillColor: "#c2410c", fillOpacity: 1, className: "nt-place nt-point"
        });
      } else {
        layer = L.circle(latlng, {
          radius: AREA[p.precision] || 50000, color: "#2563eb", weight: 1, dashArray: "4 3",
          fillColor: "#2563eb", fillOpacity: 0.12, className: "nt-place nt-area"
        });
      }
      layer.bindPopup(popup(p), { maxWidth: 320 });
      // A string tooltip would be parsed as HTML by Leaflet: give it a text node.
      layer.bindTooltip(textNode(p.name + " · " + p.precision + " · " + p.mentions + " mention(s)"));
      layer.addTo(map);
      layers.push(layer);
    });
    el.dataset.places = String(layers.length);
    var points = layers.filter(function (l) { return l instanceof L.CircleMarker && !(l instanceof L.Circle); });
    var focus = points.length ? points : layers;
    if (focus.length) {
      map.fitBounds(L.featureGroup(focus).getBounds().pad(0.3), { maxZoom: 10 });
    }
    // Areas behind points, so every point can be clicked.
    layers.forEach(function (l) { if (l instanceof L.Circle) { l.bringToBack(); } });
  });

  function textNode(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function popup(p) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var title = document.createElement("strong");
    title.textContent = p.name;
    box.appendChild(title);
    var info = document.createElement("div");
    info.textContent = "precision: " + p.precision + " · " + (p.country_code || "?") + " · " + p.gazetteer_id +
      " · " + p.mentions + " mention(s) in " + p.documents.length + " article(s)";
    box.appendChild(info);
    var entity = document.createElement("a");
    entity.href = "/entities/" + encodeURIComponent(p.id);
    entity.textContent = "all mentions";
    box.appendChild(entity);
    var list = document.createElement("ul");
    list.className = "evidence";
    (p.evidence || []).forEach(function (ev) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "/documents/" + encodeURIComponent(ev.document) + "#" + Number(ev.start) + "-" + Number(ev.end);
      a.textContent = "“" + ev.text + "” in " + ev.document;
      li.appendChild(a);
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function graticule() {
    var lines = [];
    for (var lon = -180; lon <= 180; lon += 10) { lines.push([[-85, lon], [85, lon]]); }
    for (var lat = -80; lat <= 80; lat += 10) { lines.push([[lat, -180], [lat, 180]]); }
    return L.polyline(lines, { color: "#9fb7c9", weight: 0.6, interactive: false });
  }
})();
