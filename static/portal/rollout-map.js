// The public rollout maps (mapping/rollout/maps.py builds them with folium).
// PortalRollout.sites fetches the sites from /rollout/sites.geojson (with the page's
// filters) and draws them on the map's canvas, coloured by status; wardDetails gives
// each ward a tooltip and a popup linking to its page. Text is always set with
// textContent, never as HTML. The same sites are listed in the table on the page.
(function () {
  "use strict";

  var OUTLINE = "#0b0c0c";

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function facts(pairs) {
    var list = make("dl", "portal-map-popup__facts");
    pairs.forEach(function (pair) {
      if (!pair[1]) return;
      list.appendChild(make("dt", "portal-map-popup__key", pair[0]));
      list.appendChild(make("dd", "portal-map-popup__value", pair[1]));
    });
    return list;
  }

  function link(href, text) {
    var a = make("a", "govuk-link", text);
    a.href = href;
    return a;
  }

  function sitePopup(id, properties, labels, siteUrl) {
    var box = make("div", "portal-map-popup");
    box.appendChild(make("p", "portal-map-popup__title", properties.type));
    box.appendChild(
      facts([
        ["Status", labels[properties.status] || properties.status],
        ["Technology", properties.technology],
        ["Operator", properties.operator],
        ["Ward", properties.ward],
      ])
    );
    box.appendChild(link(siteUrl.replace("{id}", encodeURIComponent(id)), "More about this site"));
    return box;
  }

  function sites(map, url, options) {
    var status = options.statusElement ? document.getElementById(options.statusElement) : null;
    var layer = L.geoJSON(null, {
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, {
          radius: 6,
          color: OUTLINE,
          weight: 1,
          fillColor: options.colours[feature.properties.status] || "#505a5f",
          fillOpacity: 0.95,
        });
      },
      onEachFeature: function (feature, marker) {
        marker.bindPopup(function () {
          return sitePopup(feature.id, feature.properties, options.labels, options.siteUrl);
        });
      },
    }).addTo(map);

    function say(text) {
      if (status) status.textContent = text;
    }

    fetch(url, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        layer.addData(data);
        var count = data.features.length;
        say(
          count === 0
            ? "No sites to show on the map."
            : "The map shows " + count.toLocaleString("en-GB") + (count === 1 ? " site." : " sites.")
        );
        if (options.fit && count > 0) map.fitBounds(layer.getBounds(), { maxZoom: 16 });
        document.documentElement.setAttribute("data-rollout-sites", String(count));
      })
      .catch(function () {
        say("The sites could not be shown on the map. The table lists them.");
      });
    return layer;
  }

  function wardDetails(feature, layer) {
    var p = feature.properties;
    var words = p.sites.toLocaleString("en-GB") + (p.sites === 1 ? " site" : " sites");
    layer.bindTooltip(make("span", "", p.name + ": " + words), { sticky: true });
    layer.bindPopup(function () {
      var box = make("div", "portal-map-popup");
      box.appendChild(make("p", "portal-map-popup__title", p.name));
      box.appendChild(make("p", "portal-map-popup__text", words));
      box.appendChild(link(p.url, "Open the ward page"));
      return box;
    });
  }

  window.PortalRollout = { sites: sites, wardDetails: wardDetails };
})();
