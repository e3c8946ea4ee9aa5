/*
 * The offer catalogue on tilbud/ (markup: macros/templates/catalogue.html.j2).
 *
 * Without this script the page is the complete list and the filter form stays hidden. With it the
 * form is shown, and every change narrows the list at once, states the number of hits in an
 * aria-live region, and keeps the filters in the URL query (?kommune=...&problem=...&q=...) with
 * history.replaceState, so a filtered view can be shared as a link and is restored when loaded.
 *
 * Each card's facet ids are read once into Sets, and its searchable text once into a lower-cased
 * string; a filter pass then only compares, and writes `hidden` only on cards whose state changes.
 * No libraries, no requests, no cookies, no storage. Loaded on every page; does nothing where there
 * is no catalogue, and initialises a catalogue only once (also under Material's instant navigation).
 */
(function () {
  "use strict";

  var SEARCH_PARAM = "q";
  var ANNOUNCE_DELAY_MS = 500; // while typing, the count is announced once the typing pauses
  var EMPTY = new Set();

  function normalise(text) {
    return (text || "").normalize("NFC").toLocaleLowerCase("da").replace(/\s+/g, " ").trim();
  }

  function countText(shown, total) {
    return shown === total ? "Viser alle " + total + " tilbud" : "Viser " + shown + " af " + total + " tilbud";
  }

  function Catalogue(root) {
    this.root = root;
    this.form = root.querySelector("form.catalogue-filters");
    this.selects = Array.prototype.slice.call(this.form.querySelectorAll("select[data-facet]"));
    this.search = this.form.querySelector("input[type=search]");
    this.count = root.querySelector(".catalogue-count");
    this.empty = root.querySelector(".catalogue-empty");
    this.announceTimer = null;
    this.cards = this.readCards();
  }

  Catalogue.prototype.readCards = function () {
    var keys = this.selects.map(function (select) { return select.name; });
    var items = this.root.querySelectorAll("li.offer-card");
    var cards = new Array(items.length);
    for (var i = 0; i < items.length; i++) {
      var el = items[i];
      var sets = {};
      for (var k = 0; k < keys.length; k++) {
        var value = el.getAttribute("data-" + keys[k]);
        sets[keys[k]] = value ? new Set(value.split(" ")) : EMPTY;
      }
      var text = [];
      var parts = el.querySelectorAll(".offer-card__name, .offer-card__alt, .offer-card__summary");
      for (var p = 0; p < parts.length; p++) text.push(parts[p].textContent);
      cards[i] = { el: el, sets: sets, text: normalise(text.join(" ")), shown: !el.hidden };
    }
    return cards;
  };

  /* --- state <-> URL ------------------------------------------------------------------------ */

  Catalogue.prototype.readUrl = function () {
    var params = new URLSearchParams(window.location.search);
    this.selects.forEach(function (select) {
      var wanted = params.get(select.name) || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
      select.value = known ? wanted : "";
    });
    this.search.value = params.get(SEARCH_PARAM) || "";
  };

  Catalogue.prototype.writeUrl = function () {
    var params = new URLSearchParams(window.location.search);
    this.selects.forEach(function (select) {
      params.delete(select.name);
      if (select.value) params.set(select.name, select.value);
    });
    params.delete(SEARCH_PARAM);
    var query = this.search.value.trim();
    if (query) params.set(SEARCH_PARAM, query);
    var search = params.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    if (url === window.location.pathname + window.location.search + window.location.hash) return;
    try {
      window.history.replaceState(window.history.state, "", url);
    } catch (error) {
      /* Browsers throttle very frequent replaceState calls; the next change writes the URL again. */
    }
  };

  /* --- filtering ---------------------------------------------------------------------------- */

  Catalogue.prototype.apply = function () {
    var active = [];
    this.selects.forEach(function (select) {
      if (select.value) active.push([select.name, select.value]);
    });
    var terms = normalise(this.search.value).split(" ").filter(Boolean);
    var cards = this.cards;
    var shown = 0;
    for (var i = 0; i < cards.length; i++) {
      var card = cards[i];
      var match = true;
      for (var a = 0; a < active.length && match; a++) {
        match = card.sets[active[a][0]].has(active[a][1]);
      }
      for (var t = 0; t < terms.length && match; t++) {
        match = card.text.indexOf(terms[t]) !== -1;
      }
      if (match !== card.shown) {
        card.el.hidden = !match;
        card.shown = match;
      }
      if (match) shown++;
    }
    this.shown = shown;
    this.empty.hidden = shown !== 0;
    return shown;
  };

  Catalogue.prototype.announce = function (later) {
    var self = this;
    window.clearTimeout(this.announceTimer);
    var update = function () {
      var text = countText(self.shown, self.cards.length);
      if (self.count.textContent !== text) self.count.textContent = text;
    };
    if (later) this.announceTimer = window.setTimeout(update, ANNOUNCE_DELAY_MS);
    else update();
  };

  Catalogue.prototype.update = function (typing) {
    this.apply();
    this.writeUrl();
    this.announce(typing);
  };

  Catalogue.prototype.reset = function () {
    this.selects.forEach(function (select) { select.value = ""; });
    this.search.value = "";
    this.update(false);
  };

  Catalogue.prototype.start = function () {
    var self = this;
    this.readUrl();
    this.apply();
    this.announce(false);
    this.form.addEventListener("change", function (event) {
      if (event.target !== self.search) self.update(false);
    });
    this.search.addEventListener("input", function () { self.update(true); });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.update(false);
    });
    this.form.addEventListener("reset", function (event) {
      event.preventDefault();
      self.reset();
    });
    this.form.hidden = false;
  };

  function init() {
    var roots = document.querySelectorAll("[data-catalogue]");
    for (var i = 0; i < roots.length; i++) {
      var root = roots[i];
      if (root.getAttribute("data-catalogue-ready") === "true") continue;
      if (!root.querySelector("form.catalogue-filters")) continue;
      root.setAttribute("data-catalogue-ready", "true");
      new Catalogue(root).start();
    }
  }

  // Material's instant navigation (if enabled) swaps the page and emits on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
