// Draws the GeoJSON in an admin geometry field on a small Leaflet map, and redraws it
// as the text changes. No tiles are needed: the shape is drawn on a plain background.
(function () {
  "use strict";
  function draw(container, textarea) {
    var map = L.map(container, { attributionControl: false });
    var layer = null;
    function refresh() {
      if (layer) { map.removeLayer(layer); layer = null; }
      try {
        layer = L.geoJSON(JSON.parse(textarea.value), {
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, { radius: 7, color: "#d4351c", weight: 3 });
          },
          style: { color: "#d4351c", weight: 3 }
        }).addTo(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) { map.fitBounds(bounds, { maxZoom: 17, padding: [20, 20] }); }
      } catch (e) {
        map.setView([55.8642, -4.2518], 11);
      }
    }
    textarea.addEventListener("change", refresh);
    refresh();
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof L === "undefined") { return; }
    document.querySelectorAll("[data-geometry-for]").forEach(function (container) {
      var textarea = document.getElementById(container.getAttribute("data-geometry-for"));
      if (textarea) { draw(container, textarea); }
    });
  });
})();
