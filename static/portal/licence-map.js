// The licence verification page's small map (templates/mapping/licences/licence.html): the
// licensed sites from the page's json_script "licence-features", drawn with Leaflet
// from our own static files. Base tiles only when the page names a tile URL.
// Text is set with textContent, never as HTML.
(function () {
  "use strict";

  var RED = "#d4351c";

  function popup(properties) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = properties.reference;
    box.appendChild(title);
    [properties.type, properties.street].forEach(function (text) {
      if (!text) return;
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(text));
    });
    return box;
  }

  function draw() {
    var element = document.getElementById("licence-map");
    var data = document.getElementById("licence-features");
    if (!element || !data || !window.L) return;
    var features = JSON.parse(data.textContent);
    if (!features.features || !features.features.length) return;
    element.style.height = "320px";
    var map = window.L.map(element, { scrollWheelZoom: false, keyboard: false });
    var tiles = element.getAttribute("data-tile-url");
    if (tiles) {
      window.L.tileLayer(tiles, {
        maxZoom: 19,
        attribution: element.getAttribute("data-tile-attribution") || "",
      }).addTo(map);
    }
    var layer = window.L.geoJSON(features, {
      style: function () {
        return { color: RED, weight: 3, fillOpacity: 0.3 };
      },
      pointToLayer: function (feature, latlng) {
        return window.L.circleMarker(latlng, {
          radius: 7,
          color: "#0b0c0c",
          weight: 2,
          fillColor: RED,
          fillOpacity: 0.9,
        });
      },
      onEachFeature: function (feature, item) {
        item.bindPopup(popup(feature.properties || {}));
      },
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { maxZoom: 17, padding: [24, 24] });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
