// cables: layer toggles and side panels of the article page, auto-submitting filters.
// Everything here is an enhancement: without it, links and forms reload the page with the same result.
(function () {
  "use strict";

  var PANEL_PARAMS = { "entity-panel": "entity", "quote-panel": "quote", "cable-panel": "ref" };

  function reader() {
    return document.querySelector("[data-reader]");
  }

  function hiddenLayers() {
    var hidden = [];
    document.querySelectorAll(".layer-toggle").forEach(function (toggle) {
      if (toggle.getAttribute("aria-pressed") === "false") hidden.push(toggle.dataset.layer);
    });
    return hidden;
  }

  // Rewrite ?hide= in every same-page link so following one (or opening it in a tab) keeps the layers.
  function withHide(href, hidden, toggledLayer) {
    var url = new URL(href, window.location.href);
    var list = hidden.slice();
    if (toggledLayer) {
      var at = list.indexOf(toggledLayer);
      if (at >= 0) list.splice(at, 1);
      else list.push(toggledLayer);
    }
    if (list.length) url.searchParams.set("hide", list.join(","));
    else url.searchParams.delete("hide");
    return url.pathname + url.search.replace(/%2C/g, ",") + url.hash;
  }

  function syncLinks(root) {
    var hidden = hiddenLayers();
    var base = root.dataset.baseUrl;
    root.querySelectorAll("a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (href.indexOf(base) !== 0) return;
      var toggled = link.classList.contains("layer-toggle") ? link.dataset.layer : null;
      link.setAttribute("href", withHide(href, hidden, toggled));
    });
    var page = new URL(window.location.href);
    history.replaceState(history.state, "", withHide(page.pathname + page.search + page.hash, hidden, null));
  }

  function toggleLayer(toggle) {
    var root = reader();
    var layer = toggle.dataset.layer;
    var nowShown = toggle.getAttribute("aria-pressed") === "false";
    toggle.setAttribute("aria-pressed", nowShown ? "true" : "false");
    toggle.title = (nowShown ? "Hide " : "Show ") + toggle.textContent.trim();
    var body = document.getElementById("article-body");
    body.classList.toggle("hide-" + layer, !nowShown);
    // Hidden marks stay in the text but leave the tab order.
    body.querySelectorAll(".ann-" + layer + "[href], .ann-label-" + layer + "[href]").forEach(function (mark) {
      if (nowShown) mark.removeAttribute("tabindex");
      else mark.setAttribute("tabindex", "-1");
    });
    syncLinks(root);
  }

  // The marks of whatever the open panel shows (every mention of the entity, say) are outlined.
  function markActive() {
    var body = document.getElementById("article-body");
    if (!body) return;
    body.querySelectorAll(".is-active").forEach(function (mark) { mark.classList.remove("is-active"); });
    var params = new URL(window.location.href).searchParams;
    [["entity", "data-entity"], ["quote", "data-quote"], ["ref", "data-ref"]].forEach(function (pair) {
      var value = params.get(pair[0]);
      if (!value || !/^\d+$/.test(value)) return;
      body.querySelectorAll(".ann[" + pair[1] + '="' + value + '"]').forEach(function (mark) {
        mark.classList.add("is-active");
      });
    });
  }

  function closePanel(panel) {
    panel.hidden = true;
    panel.innerHTML = "";
    panel.className = "panel";
    var url = new URL(window.location.href);
    url.searchParams.delete(PANEL_PARAMS[panel.id]);
    url.hash = "";
    history.replaceState(history.state, "", url.pathname + url.search.replace(/%2C/g, ","));
    markActive();
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".layer-toggle");
    if (toggle && reader()) {
      event.preventDefault();
      toggleLayer(toggle);
      return;
    }
    var close = event.target.closest("[data-close-panel]");
    if (close && reader()) {
      event.preventDefault();
      var panel = close.closest(".panel");
      var opener = document.querySelector("[data-last-opener]");
      closePanel(panel);
      if (opener) {
        opener.removeAttribute("data-last-opener");
        opener.focus();
      }
      return;
    }
    // A click anywhere in a quoted passage opens its panel, as its speaker label does.
    var quote = event.target.closest("#article-body .ann-quote");
    if (quote && !event.target.closest("a")) {
      var label = document.querySelector('#article-body a.ann-label[data-quote="' + quote.dataset.quote + '"]');
      if (label) label.click();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".panels .panel:not([hidden])").forEach(closePanel);
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (!elt || !reader()) return;
    document.querySelectorAll("[data-last-opener]").forEach(function (e) { e.removeAttribute("data-last-opener"); });
    elt.setAttribute("data-last-opener", "");
  });

  // After a panel arrives: close the others, put the panel's state in the URL, move focus to it.
  document.addEventListener("htmx:afterSettle", function (event) {
    var panel = event.target;
    if (!panel || !(panel.id in PANEL_PARAMS) || !reader()) return;
    document.querySelectorAll(".panels .panel").forEach(function (other) {
      if (other !== panel && !other.hidden) closePanel(other);
    });
    var asked = new URL(event.detail.pathInfo.requestPath, window.location.href);
    var url = new URL(window.location.href);
    Object.keys(PANEL_PARAMS).forEach(function (id) { url.searchParams.delete(PANEL_PARAMS[id]); });
    var param = PANEL_PARAMS[panel.id];
    url.searchParams.set(param, asked.searchParams.get(param));
    url.hash = panel.id;
    history.replaceState(history.state, "", url.pathname + url.search.replace(/%2C/g, ",") + url.hash);
    markActive();
    var heading = panel.querySelector("h2[tabindex]");
    if (heading) heading.focus({ preventScroll: true });
    if (window.matchMedia("(min-width: 60rem)").matches) {
      var box = panel.getBoundingClientRect();
      if (box.top < 0 || box.top > window.innerHeight) panel.scrollIntoView({ block: "start", behavior: "smooth" });
    }
  });

  markActive();

  // Filters of the article list submit themselves when changed.
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosubmit]")) event.target.form.requestSubmit();
  });
})();
