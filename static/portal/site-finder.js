// The site finder's map (/sites/): what moves with the user. folium built the map, its base
// tiles, the ward layer, an empty "Sites" layer and the layer control (mapping/maps.py) and
// registered them in window.portalMaps["site-finder"]. With site-finder-layers.js (which
// draws the API's answers), this script:
//
// - fetches the sites in view from /api/sites.geojson with the page's search (the server
//   gives it as data-api-query) as the map moves: clusters with counts when zoomed out
//   (counted by the server), each site coloured by type when zoomed in (grouped by
//   leaflet.markercluster where they crowd), with a popup that links to the site's page
//   and holds the shortlist form;
// - draws the searched place: the radius around the point, the drawn area, the map view;
// - lets the user draw an area (leaflet-draw) or pick the point on the map, which fill in
//   the form's `within` or `near` input: the search is then the form's, as without JavaScript;
// - in "In the map view" searches, keeps the form's bbox, the URL and the list below in
//   step with the map as it moves (the list is fetched from the server, the same page).
(function () {
  "use strict";

  // The inputs of the place chosen ("Where") show; the others hide. Before anything that
  // needs the map, so the form is tidy even if the map cannot start.
  var searchForm = document.getElementById("site-search");
  function showChosenPlace() {
    var chosen = searchForm.querySelector('input[name="where"]:checked');
    searchForm.querySelectorAll("[data-place]").forEach(function (inputs) {
      inputs.hidden = !chosen || inputs.getAttribute("data-place") !== chosen.value;
    });
  }
  if (searchForm) {
    showChosenPlace();
    searchForm.addEventListener("change", function (event) {
      if (event.target.name === "where") {
        showChosenPlace();
      }
    });
  }

  var root = document.querySelector("[data-site-finder]");
  var maps = window.portalMaps || {};
  if (!root || !window.L || !window.PortalSiteMap || !window.PortalSiteLayers || !maps[root.getAttribute("data-map-key")]) {
    return;
  }
  var handle = maps[root.getAttribute("data-map-key")];
  var map = handle.map;
  var sitesLayer = handle.layers.sites;
  var form = document.getElementById("site-search");
  var statusLine = root.querySelector("[data-map-status]");
  var apiUrl = root.getAttribute("data-api");
  var apiQuery = root.getAttribute("data-api-query") || "";
  var where = root.getAttribute("data-where") || "";
  var AREA_STYLE = {
    color: "#0b0c0c",
    weight: 3,
    dashArray: "8 6",
    fill: true,
    fillColor: "#ffdd00",
    fillOpacity: 0.08,
    interactive: false
  };
  // The place an "In the map view" search covers: the searched box until the user moves the map.
  var searchedBox = root.getAttribute("data-bbox");
  var areaGroup = L.featureGroup().addTo(map);
  var sites = window.PortalSiteLayers.create(map, sitesLayer);

  function input(name) {
    return form ? form.elements.namedItem(name) : null;
  }

  function say(message, isError) {
    statusLine.textContent = message;
    statusLine.classList.toggle("site-map__status--error", Boolean(isError));
  }

  function plural(count, word) {
    return count.toLocaleString("en-GB") + " " + word + (count === 1 ? "" : "s");
  }

  function round(value) {
    return Math.round(value * 1e6) / 1e6;
  }

  function viewBox() {
    var b = map.getBounds();
    var west = Math.max(b.getWest(), -180);
    var east = Math.min(b.getEast(), 180);
    var south = Math.max(b.getSouth(), -90);
    var north = Math.min(b.getNorth(), 90);
    return [west, south, east, north].map(round).join(",");
  }

  // Sites from the API, and what the status line says about them.
  function render(body) {
    var shown = sites.render(body);
    var inView = where === "" || where === "view" ? " in view" : " on the map";
    if (body.clustered) {
      say(plural(body.count, "site") + inView + ", grouped by area. Zoom in or select a group to see each site.");
    } else if (body.capped) {
      say("Showing " + shown.toLocaleString("en-GB") + " of " + plural(body.count, "site") + inView + ". Zoom in to see them all.");
    } else {
      say(plural(body.count, "site") + inView + ".");
    }
  }

  var pending = null;
  var timer = null;

  function load() {
    var params = new URLSearchParams(apiQuery);
    if (where === "" || where === "view") {
      params.set("bbox", where === "view" && searchedBox ? searchedBox : viewBox());
      params.set("zoom", String(map.getZoom()));
    }
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    say("Loading sites…");
    fetch(apiUrl + "?" + params.toString(), {
      credentials: "same-origin",
      headers: { Accept: "application/geo+json" },
      signal: pending.signal
    })
      .then(function (response) {
        return response.json().then(function (body) {
          return { ok: response.ok, body: body };
        });
      })
      .then(function (result) {
        if (!result.ok) {
          var errors = result.body.errors || {};
          var first = Object.keys(errors)[0];
          say("The map cannot show these sites: " + (first ? errors[first][0] : "the search was refused."), true);
          return;
        }
        render(result.body);
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          say("The map could not load the sites. Try again, or use the list below.", true);
        }
      });
  }

  function scheduleLoad() {
    window.clearTimeout(timer);
    timer = window.setTimeout(load, 200);
  }

  // The list follows the map view ("In the map view" searches) --------------------------------

  var listRequest = null;

  function refreshList() {
    var url = new URL(window.location.href);
    url.searchParams.set("where", "view");
    url.searchParams.set("bbox", viewBox());
    url.searchParams.delete("page");
    window.history.replaceState(null, "", url.pathname + url.search);
    var results = document.getElementById("site-results");
    if (listRequest) {
      listRequest.abort();
    }
    listRequest = new AbortController();
    results.setAttribute("aria-busy", "true");
    fetch(url.pathname + url.search, { credentials: "same-origin", headers: { Accept: "text/html" }, signal: listRequest.signal })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("site-results");
        if (fresh) {
          results.replaceWith(fresh);
        } else {
          results.setAttribute("aria-busy", "false");
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          results.setAttribute("aria-busy", "false");
        }
      });
  }

  // The searched place --------------------------------------------------------------------------

  var fitting = false; // the first move is ours (fitting the searched place), not the user's

  function showSearchedPlace() {
    fitting = true;
    window.setTimeout(function () {
      fitting = false;
    }, 1500);
    var near = root.getAttribute("data-near");
    var within = root.getAttribute("data-within");
    var bbox = root.getAttribute("data-bbox");
    if (where === "radius" && near) {
      var lonLat = near.split(",").map(Number);
      var circle = L.circle([lonLat[1], lonLat[0]], Object.assign({ radius: Number(root.getAttribute("data-radius")) }, AREA_STYLE));
      areaGroup.addLayer(circle);
      areaGroup.addLayer(L.circleMarker([lonLat[1], lonLat[0]], { radius: 4, color: "#0b0c0c", fillOpacity: 1, interactive: false }));
      map.fitBounds(circle.getBounds(), { padding: [20, 20], animate: false });
    } else if (where === "area" && within) {
      var area = L.geoJSON(JSON.parse(within), { style: AREA_STYLE, interactive: false });
      areaGroup.addLayer(area);
      map.fitBounds(area.getBounds(), { padding: [20, 20], animate: false });
    } else if (where === "view" && bbox) {
      var b = bbox.split(",").map(Number);
      var box = L.rectangle([[b[1], b[0]], [b[3], b[2]]], AREA_STYLE);
      areaGroup.addLayer(box);
      map.fitBounds(box.getBounds(), { animate: false });
    } else if (root.getAttribute("data-fit")) {
      var f = root.getAttribute("data-fit").split(",").map(Number); // the wards searched
      map.fitBounds([[f[1], f[0]], [f[3], f[2]]], { animate: false });
    } else {
      fitting = false;
    }
  }

  // Drawing an area, picking a point --------------------------------------------------------

  function submitSearch() {
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  function choose(value) {
    var radio = form.querySelector('input[name="where"][value="' + value + '"]');
    if (radio && !radio.checked) {
      radio.click(); // as the user would: GOV.UK Frontend shows the chosen place's inputs
    }
  }

  function roundCoordinates(coordinates) {
    return typeof coordinates[0] === "number" ? coordinates.map(round) : coordinates.map(roundCoordinates);
  }

  // The draw handler's one path: fill in the area, choose it, search. Exposed for tests.
  function setDrawnArea(geometry) {
    var withinInput = input("within");
    withinInput.value = JSON.stringify({ type: geometry.type, coordinates: roundCoordinates(geometry.coordinates) });
    choose("area");
    submitSearch();
  }

  if (L.Control.Draw) {
    var drawControl = new L.Control.Draw({
      position: "topleft",
      draw: {
        polyline: false,
        circle: false,
        marker: false,
        circlemarker: false,
        polygon: { allowIntersection: false, showArea: false, shapeOptions: AREA_STYLE },
        rectangle: { showArea: false, shapeOptions: AREA_STYLE }
      },
      edit: false
    });
    map.addControl(drawControl);
    // leaflet-draw's tools are links to "#": say what they are, as Leaflet's zoom buttons do.
    drawControl.getContainer().querySelectorAll("a").forEach(function (tool) {
      tool.setAttribute("role", "button");
    });
    map.on(L.Draw.Event.CREATED, function (event) {
      areaGroup.clearLayers();
      areaGroup.addLayer(event.layer);
      say("Searching inside the area you drew…");
      setDrawnArea(event.layer.toGeoJSON().geometry);
    });
  }

  var pickButton = form && form.querySelector("[data-pick-point]");
  if (pickButton) {
    pickButton.hidden = false;
    pickButton.addEventListener("click", function () {
      root.classList.add("site-map--picking");
      root.scrollIntoView({ block: "start" });
      say("Select the point on the map to search around.");
      map.once("click", function (event) {
        root.classList.remove("site-map--picking");
        var lon = round(event.latlng.lng);
        var lat = round(event.latlng.lat);
        input("near").value = lon + "," + lat;
        input("near_en").value = "";
        choose("radius");
        areaGroup.clearLayers();
        var radius = Number(input("radius").value) || 1000;
        areaGroup.addLayer(L.circle(event.latlng, Object.assign({ radius: radius }, AREA_STYLE)));
        say("Point chosen: " + lon + ", " + lat + ". Select Search to find sites within " + radius.toLocaleString("en-GB") + " m.");
        pickButton.focus();
      });
    });
  }

  // Wiring ------------------------------------------------------------------------------------

  map.on("portal:layererror", function (event) {
    say("The map could not load the " + event.name.toLowerCase() + ".", true);
  });

  map.on("movestart", function () {
    window.clearTimeout(timer);
  });

  map.on("moveend", function () {
    var bboxInput = input("bbox");
    if (bboxInput && where !== "view") {
      bboxInput.value = viewBox(); // ready for "In the map view"
    }
    if (fitting) {
      fitting = false;
    } else if (where === "view") {
      searchedBox = viewBox(); // the map view is now the place searched
      bboxInput.value = searchedBox;
      areaGroup.clearLayers();
      refreshList();
    }
    if (where === "" || where === "view") {
      scheduleLoad();
    }
  });

  showSearchedPlace();
  if (where !== "" && where !== "view") {
    load(); // A radius or an area: every match, not clustered; the view does not change it.
  } else {
    scheduleLoad();
  }
  var bboxInput = input("bbox");
  if (bboxInput && !bboxInput.value) {
    bboxInput.value = viewBox();
  }

  window.portalSiteFinder = { map: map, setDrawnArea: setDrawnArea, reload: load };
})();
