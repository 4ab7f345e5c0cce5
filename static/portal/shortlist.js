// Shortlist forms without leaving the page: the same POST (form data, CSRF token) sent with
// fetch and `Accept: application/json`; every form for that site on the page (the list, the
// map's popup, the asset page) then flips between "Add" and "Remove", the count updates, and
// a live region says what happened. Without JavaScript, or if fetch fails, the form posts
// as it is and the server redirects back. Forms on the shortlist page itself post as they
// are (the page must redraw its table and map).
(function () {
  "use strict";

  if (!window.fetch || !window.FormData || !window.PortalSiteMap) {
    return;
  }
  var urls = window.PortalSiteMap.config.shortlist || {};
  var status = document.querySelector("[data-shortlist-status]");

  function announce(message) {
    if (status) {
      status.textContent = "";
      window.setTimeout(function () {
        status.textContent = message;
      }, 50);
    }
  }

  function showError(form, message) {
    var old = form.parentNode.querySelector(".site-shortlist-error");
    if (old) {
      old.remove();
    }
    var error = window.PortalSiteMap.element("p", "govuk-error-message site-shortlist-error");
    error.appendChild(window.PortalSiteMap.element("span", "govuk-visually-hidden", "Error: "));
    error.appendChild(document.createTextNode(message));
    form.parentNode.insertBefore(error, form.nextSibling);
    announce(message);
  }

  function flip(form, listed) {
    form.action = listed ? urls.remove : urls.add;
    var button = form.querySelector("button");
    var reference = button.querySelector(".govuk-visually-hidden");
    var label = reference ? reference.cloneNode(true) : null;
    button.textContent = listed ? "Remove" : "Add";
    if (label) {
      button.appendChild(label);
    }
    button.appendChild(document.createTextNode(listed ? " from shortlist" : " to shortlist"));
    var error = form.parentNode.querySelector(".site-shortlist-error");
    if (error) {
      error.remove();
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-shortlist-form]")) {
      return;
    }
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    })
      .then(function (response) {
        if (response.status === 403 || response.redirected) {
          throw new Error("signed out");
        }
        return response.json().then(function (body) {
          return { ok: response.ok, body: body };
        });
      })
      .then(function (result) {
        button.disabled = false;
        if (!result.ok) {
          var errors = (result.body.errors && result.body.errors.asset) || ["Your shortlist was not changed."];
          showError(form, errors[0]);
          return;
        }
        var assetId = result.body.asset;
        var listed = result.body.shortlisted;
        window.PortalSiteMap.setShortlisted(assetId, listed);
        document.querySelectorAll('form[data-shortlist-form][data-asset="' + assetId + '"]').forEach(function (other) {
          flip(other, listed);
        });
        document.querySelectorAll("[data-shortlist-count]").forEach(function (count) {
          count.textContent = result.body.count;
        });
        announce(result.body.message);
      })
      .catch(function () {
        button.disabled = false;
        form.submit(); // The plain POST: the server answers with a page.
      });
  });
})();
