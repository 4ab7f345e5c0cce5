// How /api/sites.geojson answers are drawn on the site finder's map (site-finder.js asks):
// groups counted by the server when zoomed out, each site coloured by its type when zoomed
// in (points grouped by leaflet.markercluster where they crowd, areas drawn as they are),
// each with the popup of site-finder-map.js.
//
// KEYBOARD: the list below the map is the keyboard's (and the screen reader's) way to the
// sites; the map itself pans and zooms from the keyboard. Groups of sites on the map are
// mouse and touch shortcuts (select one to zoom in), not tab stops: a crowded map would
// otherwise put hundreds of small, overlapping buttons between the search and the list.
(function () {
  "use strict";

  if (!window.L) {
    return;
  }
  if (L.MarkerCluster) {
    L.MarkerCluster.mergeOptions({ keyboard: false });
  }

  function plural(count, word) {
    return count.toLocaleString("en-GB") + " " + word + (count === 1 ? "" : "s");
  }

  // One look for every group of sites, whether the server or markercluster grouped them.
  function clusterSize(count) {
    return count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : count < 10000 ? 50 : 58;
  }

  function clusterIcon(count) {
    var size = clusterSize(count);
    var text = count < 10000 ? count.toLocaleString("en-GB") : Math.round(count / 1000) + "k";
    return L.divIcon({ className: "site-cluster", html: "<span>" + text + "</span>", iconSize: [size, size] });
  }

  function popup(feature) {
    return function () {
      return window.PortalSiteMap.popup(feature);
    };
  }

  function pointLayer(feature) {
    var c = feature.geometry.coordinates;
    var marker = L.circleMarker([c[1], c[0]], {
      radius: 7,
      color: "#0b0c0c",
      weight: 1.5,
      fillColor: feature.properties.colour,
      fillOpacity: 0.9
    });
    marker.feature = feature;
    return marker.bindPopup(popup(feature));
  }

  function shapeLayer(feature) {
    return L.geoJSON(feature, {
      style: { color: "#0b0c0c", weight: 1.5, fillColor: feature.properties.colour, fillOpacity: 0.7 }
    }).bindPopup(popup(feature));
  }

  // The server counts per grid cell; groups from neighbouring cells can overlap on the
  // screen (too small to tap: WCAG 2.5.8). Merge those that touch, adding their counts
  // and weighting their positions, until none do.
  function separate(map, features) {
    var groups = features.map(function (feature) {
      var c = feature.geometry.coordinates;
      return { lon: c[0], lat: c[1], count: feature.properties.count };
    });
    var merged = true;
    while (merged) {
      merged = false;
      groups.sort(function (a, b) {
        return b.count - a.count;
      });
      var kept = [];
      groups.forEach(function (group) {
        var at = map.latLngToLayerPoint([group.lat, group.lon]);
        var into = kept.find(function (other) {
          var gap = (clusterSize(group.count) + clusterSize(other.count)) / 2 + 4;
          return at.distanceTo(map.latLngToLayerPoint([other.lat, other.lon])) < gap;
        });
        if (into) {
          var total = into.count + group.count;
          into.lon = (into.lon * into.count + group.lon * group.count) / total;
          into.lat = (into.lat * into.count + group.lat * group.count) / total;
          into.count = total;
          merged = true;
        } else {
          kept.push(group);
        }
      });
      groups = kept;
    }
    return groups;
  }

  function groupMarker(map, group) {
    var marker = L.marker([group.lat, group.lon], {
      icon: clusterIcon(group.count),
      title: plural(group.count, "site") + ": zoom in to see them",
      keyboard: false // see KEYBOARD above
    });
    marker.on("click", function () {
      map.setView(marker.getLatLng(), Math.min(map.getZoom() + 2, 18));
    });
    return marker;
  }

  // The layers of one map, inside its "Sites" layer (folium made it: mapping/maps.py).
  function create(map, sitesLayer) {
    var points = L.markerClusterGroup
      ? L.markerClusterGroup({
          disableClusteringAtZoom: 18,
          showCoverageOnHover: false,
          chunkedLoading: true,
          maxClusterRadius: 50,
          iconCreateFunction: function (cluster) {
            return clusterIcon(cluster.getChildCount());
          }
        })
      : L.featureGroup();
    var shapes = L.featureGroup();
    var groups = L.featureGroup();
    sitesLayer.addLayer(shapes);
    sitesLayer.addLayer(points);
    sitesLayer.addLayer(groups);

    // Draw an API answer instead of the last one; how many features it drew.
    function render(body) {
      points.clearLayers();
      shapes.clearLayers();
      groups.clearLayers();
      if (body.clustered) {
        separate(map, body.features).forEach(function (group) {
          groups.addLayer(groupMarker(map, group));
        });
        return body.features.length;
      }
      var markers = [];
      body.features.forEach(function (feature) {
        if (feature.geometry.type === "Point") {
          markers.push(pointLayer(feature));
        } else {
          shapes.addLayer(shapeLayer(feature));
        }
      });
      if (points.addLayers) {
        points.addLayers(markers);
      } else {
        markers.forEach(function (marker) {
          points.addLayer(marker);
        });
      }
      return body.features.length;
    }

    return { render: render };
  }

  window.PortalSiteLayers = { create: create, clusterIcon: clusterIcon };
})();
