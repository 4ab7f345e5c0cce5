// What every site map shares: the page's settings (the JSON in #site-finder-config), the
// popup of a site (its page, what it is, and the shortlist form for a supplier), and the
// popups of the sites folium embedded (an asset page, a shortlist). folium registered each
// map and its layers in window.portalMaps (mapping/maps.py). No inline script: CSP.
(function () {
  "use strict";

  var configElement = document.getElementById("site-finder-config");
  var config = configElement ? JSON.parse(configElement.textContent) : {};
  var shortlist = config.shortlist || { enabled: false, ids: [] };
  var onShortlist = new Set(shortlist.ids || []);

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function hidden(name, value) {
    var input = element("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    return input;
  }

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) {
      return input.value;
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // The same form as templates/mapping/finder/includes/shortlist_button.html.
  function shortlistForm(assetId, reference) {
    var listed = onShortlist.has(assetId);
    var form = element("form", "site-shortlist-form");
    form.method = "post";
    form.action = listed ? shortlist.remove : shortlist.add;
    if (!shortlist.plain) {
      form.setAttribute("data-shortlist-form", ""); // sent with fetch by shortlist.js
    }
    form.setAttribute("data-asset", String(assetId));
    form.appendChild(hidden("csrfmiddlewaretoken", csrfToken()));
    form.appendChild(hidden("asset", String(assetId)));
    form.appendChild(hidden("next", window.location.pathname + window.location.search));
    var button = element("button", "govuk-button govuk-button--secondary site-shortlist-form__button");
    button.type = "submit";
    button.appendChild(document.createTextNode(listed ? "Remove" : "Add"));
    button.appendChild(element("span", "govuk-visually-hidden", " " + reference));
    button.appendChild(document.createTextNode(listed ? " from shortlist" : " to shortlist"));
    form.appendChild(button);
    return form;
  }

  function metres(value) {
    return value === null || value === undefined ? null : Number(value).toLocaleString("en-GB", { maximumFractionDigits: 1 });
  }

  // A site's popup, from an /api/sites.geojson feature (or one folium embedded).
  function popup(feature) {
    var p = feature.properties || {};
    var box = element("div", "site-popup");
    var title = element("p", "govuk-body-s site-popup__title");
    var link = element("a", "govuk-link", p.reference);
    link.href = p.url;
    title.appendChild(link);
    box.appendChild(title);
    var what = [p.type_name, p.name, p.street].filter(Boolean).join(", ");
    box.appendChild(element("p", "govuk-body-s site-popup__line", what));
    if (p.council) {
      box.appendChild(element("p", "govuk-body-s site-popup__line", p.council));
    }
    var facts = [];
    if (p.height_m !== null && p.height_m !== undefined) {
      facts.push(metres(p.height_m) + " m high");
    }
    if (p.distance_m !== undefined) {
      facts.push(metres(p.distance_m) + " m away");
    }
    facts.push(p.availability === "available" ? "available" : "unavailable");
    box.appendChild(element("p", "govuk-body-s site-popup__line", facts.join(", ")));
    if (shortlist.enabled && typeof feature.id === "number") {
      box.appendChild(shortlistForm(feature.id, p.reference));
    }
    return box;
  }

  function setShortlisted(assetId, listed) {
    if (listed) {
      onShortlist.add(assetId);
    } else {
      onShortlist.delete(assetId);
    }
  }

  window.PortalSiteMap = {
    config: config,
    popup: popup,
    shortlistForm: shortlistForm,
    setShortlisted: setShortlisted,
    element: element
  };

  // Popups for the sites folium embedded in the small maps.
  var maps = window.portalMaps || {};
  Object.keys(maps).forEach(function (key) {
    var sites = maps[key].layers && maps[key].layers.sites;
    if (key === "site-finder" || !sites || !sites.eachLayer) {
      return;
    }
    sites.eachLayer(function (layer) {
      if (layer.feature) {
        layer.bindPopup(function () {
          return popup(layer.feature);
        });
      }
    });
  });
})();
