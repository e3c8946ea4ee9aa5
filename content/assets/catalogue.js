/*
 * The offer catalogue on tilbud/ (markup: macros/templates/catalogue.html.j2).
 *
 * Without this script the page is the complete list and the filter form stays hidden. With it the
 * form is shown, and every change narrows the list at once, states the number of hits in an
 * aria-live region, and keeps the filters in the URL query (?kommune=...&problem=...&soeg=...) with
 * history.replaceState, so a filtered view can be shared as a link and is restored when loaded.
 *
 * Speed with thousands of cards (measured in Chromium with 10,000):
 * - each card's facet ids are read once into Sets and its searchable text once into a lower-cased
 *   string, so a filter pass only compares;
 * - a card is hidden with a class of our own, not the `hidden` attribute (the theme's stylesheet
 *   has selectors like `.md-sidebar:not([hidden]) ~ .md-content`, so every change of `hidden`
 *   makes Chromium re-check all following siblings: quadratic), and only when its state changes;
 * - the browser's work is what a change shows or hides, so at most PAGE_SIZE matching cards are
 *   shown at a time; the next ones follow when the end of the list scrolls near, or with the
 *   "Vis flere" button under the list. Filtering thus never lays out thousands of cards.
 *
 * No libraries, no requests, no cookies, no storage. Loaded on every page: does nothing where
 * there is no catalogue, and sets a catalogue up only once (also under Material's instant
 * navigation, which would emit on document$).
 */
(function () {
  "use strict";

  var SEARCH_PARAM = "soeg"; // not "q": Material opens its own site search for ?q=
  var PAGE_SIZE = 50; // matching cards shown at a time
  var ANNOUNCE_DELAY_MS = 500; // while typing, the count is announced once the typing pauses
  var HIDDEN_CLASS = "offer-card--hidden";
  var EMPTY = new Set();

  function normalise(text) {
    return (text || "").normalize("NFC").toLocaleLowerCase("da").replace(/\s+/g, " ").trim();
  }

  function countText(matching, total) {
    return matching === total ? "Viser alle " + total + " tilbud" : "Viser " + matching + " af " + total + " tilbud";
  }

  function setShown(card, shown) {
    if (card.shown !== shown) {
      card.el.classList.toggle(HIDDEN_CLASS, !shown);
      card.shown = shown;
    }
  }

  function Catalogue(root) {
    this.root = root;
    this.form = root.querySelector("form.catalogue-filters");
    this.selects = Array.prototype.slice.call(this.form.querySelectorAll("select[data-facet]"));
    this.search = this.form.querySelector("input[type=search]");
    this.count = root.querySelector(".catalogue-count");
    this.empty = root.querySelector(".catalogue-empty");
    this.list = root.querySelector(".catalogue-list");
    this.announceTimer = 0;
    this.cards = this.readCards();
    this.matches = this.cards.slice();
    this.visible = this.cards.length; // matches[0 .. visible) are shown
    this.more = this.makeMoreButton();
  }

  Catalogue.prototype.readCards = function () {
    var keys = this.selects.map(function (select) { return select.name; });
    var items = this.list.querySelectorAll("li.offer-card");
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
      cards[i] = { el: el, sets: sets, text: normalise(text.join(" ")), shown: !el.classList.contains(HIDDEN_CLASS) };
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
    var matches = [];
    for (var i = 0; i < cards.length; i++) {
      var card = cards[i];
      var match = true;
      for (var a = 0; a < active.length && match; a++) {
        match = card.sets[active[a][0]].has(active[a][1]);
      }
      for (var t = 0; t < terms.length && match; t++) {
        match = card.text.indexOf(terms[t]) !== -1;
      }
      if (match) matches.push(card);
      setShown(card, match && matches.length <= PAGE_SIZE);
    }
    this.matches = matches;
    this.visible = Math.min(matches.length, PAGE_SIZE);
    this.empty.hidden = matches.length !== 0;
    this.updateMore();
  };

  /* --- showing more of a long result -------------------------------------------------------- */

  Catalogue.prototype.makeMoreButton = function () {
    var self = this;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "catalogue-more";
    button.hidden = true;
    button.addEventListener("click", function () {
      var first = self.showMore();
      var link = first && first.el.querySelector("a");
      if (link) link.focus(); // keyboard users go on at the first card that was added
    });
    this.list.parentNode.insertBefore(button, this.list.nextSibling);
    if ("IntersectionObserver" in window) {
      // Shows the next cards before the reader reaches the end of the list.
      this.observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) self.showMoreSoon();
      }, { rootMargin: "0px 0px 1200px 0px" });
      this.observer.observe(button);
    }
    return button;
  };

  Catalogue.prototype.showMore = function () {
    var start = this.visible;
    var end = Math.min(start + PAGE_SIZE, this.matches.length);
    for (var i = start; i < end; i++) setShown(this.matches[i], true);
    this.visible = end;
    this.updateMore();
    return start < end ? this.matches[start] : null;
  };

  Catalogue.prototype.showMoreSoon = function () {
    var self = this;
    window.cancelAnimationFrame(this.moreFrame);
    this.moreFrame = window.requestAnimationFrame(function () {
      if (self.visible >= self.matches.length) return;
      self.showMore();
      // Still in reach after laying out the new cards? Then the observer reports no change: look again.
      if (self.observer) {
        self.observer.unobserve(self.more);
        self.observer.observe(self.more);
      }
    });
  };

  Catalogue.prototype.updateMore = function () {
    var rest = this.matches.length - this.visible;
    this.more.hidden = rest <= 0;
    if (rest > 0) {
      this.more.textContent = "Vis flere tilbud (" + rest + " endnu ikke vist)";
    }
  };

  /* --- announcing, events --------------------------------------------------------------------- */

  Catalogue.prototype.announce = function (later) {
    var self = this;
    window.clearTimeout(this.announceTimer);
    var update = function () {
      var text = countText(self.matches.length, self.cards.length);
      if (self.count.textContent !== text) self.count.textContent = text;
    };
    if (later) this.announceTimer = window.setTimeout(update, ANNOUNCE_DELAY_MS);
    else update();
  };

  Catalogue.prototype.update = function (typing) {
    this.writeUrl(); // before the list changes: replaceState can make the browser lay out the page
    this.apply();
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

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
