/*
 * The offer catalogue on tilbud/ and tilbud/kommune/<id>/ (markup: macros/site/templates/catalogue.html.j2).
 *
 * Without this script the filter form stays hidden, and the page is a plain list: every offer (or, in
 * a catalogue of more than 50 offers, the first 50 by name and a link to each municipality's complete
 * list). With it the form is shown, and every change narrows the list at once, states the number of
 * hits in an aria-live region, and keeps the filters in the URL query (?kommune=...&problem=...&soeg=...)
 * with history.replaceState, so a filtered view can be shared as a link and is restored when loaded.
 *
 * Two sources of cards:
 * - the cards in the page (every offer is there): each card's facet ids are read once from its data-*
 *   attributes and its searchable text once into a lower-cased string; filtering hides the others
 *   with a class of our own, not the `hidden` attribute (the theme's stylesheet has selectors like
 *   `.md-sidebar:not([hidden]) ~ .md-content`, so every change of `hidden` makes Chromium re-check all
 *   following siblings), and only when a card's state changes;
 * - the offers index (when the list root names one in data-catalogue-index; tilbud/tilbud.json, made by
 *   macros/site/catalogue.py), fetched once when the page loads, so that the first filter answers at once,
 *   also for a shared link: the script filters the index's rows and draws the matching cards itself,
 *   exactly as the template writes them (tests/test_catalogue.py compares the two), with textContent
 *   only. The cards the page came with stay until the first filter.
 * Either way at most PAGE_SIZE matching cards are shown at a time; the next ones follow when the end
 * of the list scrolls near, or with the "Vis flere" button under the list.
 *
 * No libraries, no requests to other hosts, no cookies, no storage. Loaded on every page: does nothing
 * where there is no catalogue, and sets a catalogue up only once (also under Material's instant
 * navigation, which would emit on document$). If the index cannot be fetched, the page stays as it is
 * without JavaScript.
 */
(function () {
  "use strict";

  var SEARCH_PARAM = "soeg"; // not "q": Material opens its own site search for ?q=
  var PAGE_SIZE = 50; // matching cards shown at a time
  var ANNOUNCE_DELAY_MS = 500; // while typing, the count is announced once the typing pauses
  var HIDDEN_CLASS = "offer-card--hidden";
  var NL = "\n"; // the line breaks between a card's elements, as in the template's markup

  function normalise(text) {
    return (text || "").normalize("NFC").toLocaleLowerCase("da").replace(/\s+/g, " ").trim();
  }

  function danishNumber(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function countText(matching, total) {
    return matching === total ? "Viser alle " + danishNumber(total) + " tilbud"
      : "Viser " + danishNumber(matching) + " af " + danishNumber(total) + " tilbud";
  }

  function setShown(card, shown) {
    if (card.shown !== shown) {
      card.el.classList.toggle(HIDDEN_CLASS, !shown);
      card.shown = shown;
    }
  }

  /* --- drawing a card from the index (the template's offer_card, node for node) ------------------ */

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function append(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return parent;
  }

  function fact(list, term, value) {
    append(list, append(element("div"), element("dt", null, term), " ", value), NL);
  }

  function tags(labels) {
    var dd = element("dd");
    labels.forEach(function (label, i) {
      if (i) append(dd, " ");
      append(dd, element("span", "offer-tag", label));
    });
    return dd;
  }

  function OffersIndex(data) {
    var at = {};
    data.fields.forEach(function (name, i) { at[name] = i; });
    this.at = at;
    this.facets = data.facets; // [{key, ids, labels}] in the order of the cards' data-* attributes
    this.combinations = data.facet_combinations;
    this.statuses = data.statuses;
    this.stale = data.stale;
    this.rows = data.offers;
    this.positions = {}; // facet key → id → position in the facet's ids
    this.facets.forEach(function (facet) {
      var positions = new Map();
      facet.ids.forEach(function (id, i) { positions.set(id, i); });
      this.positions[facet.key] = positions;
    }, this);
  }

  OffersIndex.prototype.cards = function () {
    var at = this.at;
    var cards = new Array(this.rows.length);
    for (var i = 0; i < this.rows.length; i++) {
      var row = this.rows[i];
      var facets = [[row[at.kommune]]].concat(this.combinations[row[at.facets]]);
      var id = row[at.id];
      if (id.charAt(0) === "-") id = this.facets[0].ids[row[at.kommune]] + id;
      var alternate = row[at.alternate_name];
      var text = [row[at.name], alternate ? "Også kaldet " + alternate : "", row[at.summary]].join(" ");
      cards[i] = { el: null, row: row, id: id, facets: facets, text: normalise(text) };
    }
    return cards;
  };

  OffersIndex.prototype.labels = function (card, facet) {
    var labels = this.facets[facet].labels;
    return card.facets[facet].map(function (position) { return labels[position]; });
  };

  OffersIndex.prototype.draw = function (card) {
    var at = this.at, row = card.row, self = this;
    var li = element("li", "offer-card");
    this.facets.forEach(function (facet, f) {
      li.setAttribute("data-" + facet.key, card.facets[f].map(function (p) { return facet.ids[p]; }).join(" "));
    });
    var link = element("a", null, row[at.name]);
    link.setAttribute("href", card.id + "/");
    append(li, NL, append(element("h2", "offer-card__name"), link), NL);
    if (row[at.alternate_name]) append(li, element("p", "offer-card__alt", "Også kaldet " + row[at.alternate_name]), NL);
    var status = row[at.status], stale = row[at.stale];
    if (status != null || stale != null) {
      var badges = append(element("p", "offer-card__badges"), NL);
      if (status != null) {
        var kind = this.statuses[status];
        append(badges, element("span", "offer-badge offer-badge--" + kind[0], kind[1]), NL);
        if (row[at.status_note]) append(badges, element("span", "offer-card__status-note", row[at.status_note]), NL);
      }
      if (stale != null) append(badges, element("span", "offer-badge offer-badge--stale", this.stale[stale]), NL);
      append(li, badges, NL);
    }
    append(li, element("p", "offer-card__summary", row[at.summary]), NL);
    var facts = append(element("dl", "offer-card__facts"), NL);
    var label = {};
    this.facets.forEach(function (facet, f) { label[facet.key] = self.labels(card, f); });
    fact(facts, "Kommune:", element("dd", null, label.kommune.join(", ")));
    fact(facts, "Type:", element("dd", null, label.type.join(", ")));
    fact(facts, "Adgang:", label.adgang.length ? element("dd", null, label.adgang.join(", "))
      : append(element("dd"), element("span", "offer-card__missing", "oplysning mangler")));
    if (label.maalgruppe.length) fact(facts, "Målgruppe:", tags(label.maalgruppe));
    if (label.problem.length) fact(facts, "Problem:", tags(label.problem));
    if (label.lovgrundlag.length) fact(facts, "Lovgrundlag:", element("dd", null, label.lovgrundlag.join(", ")));
    append(li, facts, NL);
    return li;
  };

  /* --- the catalogue ------------------------------------------------------------------------------ */

  function Catalogue(root) {
    this.root = root;
    this.form = root.querySelector("form.catalogue-filters");
    this.selects = Array.prototype.slice.call(this.form.querySelectorAll("select[data-facet]"));
    this.search = this.form.querySelector("input[type=search]");
    this.count = root.querySelector(".catalogue-count");
    this.empty = root.querySelector(".catalogue-empty");
    this.list = root.querySelector(".catalogue-list");
    this.announceTimer = 0;
    this.index = null; // an OffersIndex once fetched; without one, the cards in the page
  }

  Catalogue.prototype.readCards = function () {
    this.keys = this.selects.map(function (select) { return select.name; });
    var items = this.list.querySelectorAll("li.offer-card");
    var cards = new Array(items.length);
    for (var i = 0; i < items.length; i++) {
      var el = items[i];
      var facets = this.keys.map(function (key) {
        var value = el.getAttribute("data-" + key);
        return value ? value.split(" ") : [];
      });
      var text = [];
      var parts = el.querySelectorAll(".offer-card__name, .offer-card__alt, .offer-card__summary");
      for (var p = 0; p < parts.length; p++) text.push(parts[p].textContent);
      cards[i] = { el: el, facets: facets, text: normalise(text.join(" ")), shown: !el.classList.contains(HIDDEN_CLASS) };
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

  Catalogue.prototype.filtered = function () {
    return this.search.value.trim() !== "" || this.selects.some(function (select) { return select.value; });
  };

  Catalogue.prototype.apply = function () {
    var active = []; // [position of the facet in card.facets, the value (an id, or its position in the index)]
    var index = this.index, keys = this.keys;
    this.selects.forEach(function (select) {
      if (!select.value) return;
      var facet = keys.indexOf(select.name);
      active.push([facet, index ? index.positions[select.name].get(select.value) : select.value]);
    });
    var terms = normalise(this.search.value).split(" ").filter(Boolean);
    var cards = this.cards;
    var matches = [];
    for (var i = 0; i < cards.length; i++) {
      var card = cards[i];
      var match = true;
      for (var a = 0; a < active.length && match; a++) {
        match = card.facets[active[a][0]].indexOf(active[a][1]) !== -1;
      }
      for (var t = 0; t < terms.length && match; t++) {
        match = card.text.indexOf(terms[t]) !== -1;
      }
      if (match) matches.push(card);
      if (!index) setShown(card, match && matches.length <= PAGE_SIZE);
    }
    this.matches = matches;
    this.empty.hidden = matches.length !== 0;
    if (index) {
      this.list.textContent = "";
      this.visible = 0;
      this.showMore();
    } else {
      this.visible = Math.min(matches.length, PAGE_SIZE);
      this.updateMore();
    }
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
    if (this.index) {
      var cards = document.createDocumentFragment();
      for (var i = start; i < end; i++) {
        var card = this.matches[i];
        cards.appendChild(card.el || (card.el = this.index.draw(card)));
      }
      this.list.appendChild(cards);
    } else {
      for (var j = start; j < end; j++) setShown(this.matches[j], true);
    }
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
      this.more.textContent = "Vis flere tilbud (" + danishNumber(rest) + " endnu ikke vist)";
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
    var indexUrl = this.root.getAttribute("data-catalogue-index");
    if (!indexUrl) {
      this.cards = this.readCards();
      this.begin();
      return;
    }
    window.fetch(indexUrl, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (data) {
      self.index = new OffersIndex(data);
      self.keys = self.index.facets.map(function (facet) { return facet.key; });
      self.cards = self.index.cards();
      self.begin();
    }, function () {
      /* Offline, or the file is missing: the page stays a list with a link to every municipality's list. */
    });
  };

  Catalogue.prototype.begin = function () {
    var self = this;
    this.more = this.makeMoreButton();
    this.readUrl();
    if (this.index && !this.filtered()) {
      // The page came with the first cards of the whole list: keep them (and the reader's place and focus).
      this.matches = this.cards;
      this.visible = this.list.querySelectorAll("li.offer-card").length;
      this.updateMore();
    } else {
      this.apply();
    }
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
    var partial = this.root.querySelector("[data-catalogue-partial]");
    if (partial) partial.hidden = true; // it says the list stops after the first cards: no longer so
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
