/*
 * The offer catalogue on tilbud/ and tilbud/kommune/<id>/ (markup: macros/site/templates/catalogue.html.j2).
 *
 * Without this script the filter form stays hidden, and the page is a plain list: every offer (or, in
 * a catalogue of more than 50 offers, the first 50 and a link to each municipality's complete list).
 * With it the form is shown, and every change narrows the list at once, shows the number of hits (and
 * announces it in a polite live region once the changes pause), and keeps the filters in the URL query
 * (?kommune=...&problem=a&problem=b&soeg=...) with history.replaceState, so a filtered view can be shared
 * as a link and is restored when loaded.
 *
 * Faceted filtering: each facet is a group of checkboxes; the values of one facet are OR-ed, the facets
 * and the free text are AND-ed. Beside each value stands the number of offers the list would show if
 * that value were chosen too, given the choices in the OTHER facets and the free text (the standard
 * count of faceted search), updated at every change; a value that would give none stays, marked. When
 * nothing matches, the empty state names the filter to loosen, with a button per active filter that
 * removes it and says how many offers its removal gives.
 *
 * The free text is folded by `fold` (assets/fold.js, the same steps as macros/site/catalogue_search.py), and
 * each of its words must begin a word of the offer's search text, which the server built: a card's data-soeg, or
 * for a row of the index, the folded words of its name, other name and summary (`udsatteWords`, assets/fold.js), its other
 * words and the words of its facet values ("nat" finds "natcafe", not "international"; the rule of
 * catalogue_search.matches). When the free text alone finds nothing, the empty
 * state also shows the server's notes on what the site has no offer for (a paragraph, a problem...) whose words
 * the free text matches, by the same rule.
 *
 * Two sources of cards:
 * - the cards in the page (every offer is there): each card's facet ids and search text are read once
 *   from its data-* attributes; filtering hides the others with a class of our own, not the `hidden`
 *   attribute (the theme's stylesheet has selectors like `.md-sidebar:not([hidden]) ~ .md-content`, so
 *   every change of `hidden` makes Chromium re-check all following siblings), and only when a card's
 *   state changes;
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
  var ANNOUNCE_CLICK_DELAY_MS = 300; // several quick clicks are announced once
  var HIDDEN_CLASS = "offer-card--hidden";
  var NONE_CLASS = "catalogue-option--none";
  var NL = "\n"; // the line breaks between a card's elements, as in the template's markup

  var fold = window.udsatteFold; // assets/fold.js, loaded first (mkdocs.yml)
  var foldWords = window.udsatteWords; // ditto

  function joined(parts) {
    return parts.filter(Boolean).join(" ");
  }

  function danishNumber(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function countText(matching, total) {
    return matching === total ? "Viser alle " + danishNumber(total) + " tilbud"
      : "Viser " + danishNumber(matching) + " af " + danishNumber(total) + " tilbud";
  }

  function offersText(n) {
    return danishNumber(n) + " tilbud";
  }

  /* The folded words of a query, each with a space before it: `words` (" " + a search text) holds " nat" when a
     word of the text begins with "nat". */
  function queryTerms(text) {
    return fold(text).split(" ").filter(Boolean).map(function (term) { return " " + term; });
  }

  function hasAll(words, terms) {
    for (var t = 0; t < terms.length; t++) if (words.indexOf(terms[t]) === -1) return false;
    return true;
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
    this.facets = data.facets; // [{key, ids, labels, search}] in the order of the cards' data-* attributes
    this.combinations = data.facet_combinations;
    this.statuses = data.statuses;
    this.notices = data.notices;
    this.rows = data.offers;
  }

  /* Cards whose facet values are positions in this.facets[f].ids. */
  OffersIndex.prototype.cards = function () {
    var at = this.at;
    var cards = new Array(this.rows.length);
    for (var i = 0; i < this.rows.length; i++) {
      var row = this.rows[i];
      var facets = [[row[at.kommune]]].concat(this.combinations[row[at.facets]]);
      var id = row[at.id];
      if (id.charAt(0) === "-") id = this.facets[0].ids[row[at.kommune]] + id;
      // The offer's own words: those of the texts the row has, then the others it names (catalogue_search.py).
      var parts = [foldWords([row[at.name], row[at.alternate_name], row[at.summary]]), row[at.other_words]];
      for (var f = 0; f < facets.length; f++) {
        var valueWords = this.facets[f].search;
        for (var v = 0; v < facets[f].length; v++) parts.push(valueWords[facets[f][v]]);
      }
      var text = joined(parts);
      cards[i] = { el: null, row: row, id: id, facets: facets, text: text, words: " " + text };
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
    li.setAttribute("data-soeg", card.text);
    var link = element("a", null, row[at.name]);
    link.setAttribute("href", card.id + "/");
    append(li, NL, append(element("h2", "offer-card__name"), link), NL);
    if (row[at.alternate_name]) append(li, element("p", "offer-card__alt", "Også kaldet " + row[at.alternate_name]), NL);
    var status = row[at.status], notice = row[at.notice];
    if (status != null || notice != null) {
      var badges = append(element("p", "offer-card__badges"), NL);
      if (status != null) {
        var kind = this.statuses[status];
        append(badges, element("span", "offer-badge offer-badge--" + kind[0], kind[1]), NL);
        if (row[at.status_note]) append(badges, element("span", "offer-card__status-note", row[at.status_note]), NL);
      }
      if (notice != null) {
        var marker = this.notices[notice];
        append(badges, element("span", "offer-badge offer-badge--" + marker[0], marker[1]), NL);
      }
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

  /* --- the form's facets ---------------------------------------------------------------------- */

  /* One fieldset of checkboxes: its key, and its values in the order of the checkboxes. */
  function Facet(fieldset) {
    this.key = fieldset.getAttribute("data-facet");
    this.label = fieldset.querySelector("legend").textContent;
    this.boxes = Array.prototype.slice.call(fieldset.querySelectorAll("input[type=checkbox]"));
    this.positions = new Map(); // value id → position among the boxes
    this.boxes.forEach(function (box, i) { this.positions.set(box.value, i); }, this);
    this.counts = this.boxes.map(function (box) {
      return box.parentNode.querySelector(".catalogue-option__count");
    });
    this.shownCounts = this.boxes.map(function () { return null; });
  }

  Facet.prototype.chosen = function () {
    var chosen = [];
    this.boxes.forEach(function (box, i) { if (box.checked) chosen.push(i); });
    return chosen;
  };

  Facet.prototype.valueLabel = function (i) {
    var label = this.boxes[i].parentNode.querySelector("label");
    return label.firstChild.textContent.trim(); // the label without its count
  };

  Facet.prototype.showCounts = function (counts) {
    for (var i = 0; i < this.boxes.length; i++) {
      var n = counts[i];
      if (this.shownCounts[i] === n) continue;
      this.shownCounts[i] = n;
      this.counts[i].textContent = "(" + danishNumber(n) + ")";
      this.boxes[i].parentNode.classList.toggle(NONE_CLASS, n === 0);
    }
  };

  /* A long facet (catalogue-options--long) scrolls in a box that ends in the middle of a value, so that it plainly
     goes on, also where scroll bars are overlays. The stylesheet's height, in rows, does so while values fit on one
     line; here the box ends in the middle of the value at that height, wherever values that wrap have moved it. */
  function fitLongFacet(list) {
    list.style.maxHeight = "";
    var limit = list.clientHeight; // the stylesheet's height, inside the borders
    if (list.scrollHeight <= limit) return;
    var top = list.getBoundingClientRect().top + list.clientTop - list.scrollTop;
    for (var i = 0; i < list.children.length; i++) {
      var box = list.children[i].getBoundingClientRect();
      if (box.bottom - top > limit - 4) { // the value at the cut, or just above it
        list.style.maxHeight = (box.top - top + box.height / 2 + list.offsetHeight - list.clientHeight) + "px";
        return;
      }
    }
  }

  /* --- the catalogue ------------------------------------------------------------------------------ */

  function Catalogue(root) {
    this.root = root;
    this.form = root.querySelector("form.catalogue-filters");
    this.facetList = Array.prototype.slice.call(this.form.querySelectorAll("fieldset[data-facet]"))
      .map(function (fieldset) { return new Facet(fieldset); });
    this.search = this.form.querySelector("input[type=search]");
    this.count = root.querySelector(".catalogue-count");
    this.announcer = root.querySelector(".catalogue-announce");
    this.empty = root.querySelector(".catalogue-empty");
    this.advice = root.querySelector(".catalogue-empty__advice");
    this.loosen = root.querySelector(".catalogue-loosen");
    this.absences = Array.prototype.map.call(root.querySelectorAll(".catalogue-absent > li"), function (li) {
      return { el: li, words: " " + li.getAttribute("data-soeg") };
    });
    this.list = root.querySelector(".catalogue-list");
    this.announceTimer = 0;
    this.adviceText = "";
    this.absentText = "";
    this.index = null; // an OffersIndex once fetched; without one, the cards in the page
  }

  /* Cards whose facet values are positions among the form's checkboxes (-1: a value the form lacks). */
  Catalogue.prototype.readCards = function () {
    var facetList = this.facetList;
    var items = this.list.querySelectorAll("li.offer-card");
    var cards = new Array(items.length);
    for (var i = 0; i < items.length; i++) {
      var el = items[i];
      var facets = facetList.map(function (facet) {
        var value = el.getAttribute("data-" + facet.key);
        return value ? value.split(" ").map(function (id) {
          var position = facet.positions.get(id);
          return position === undefined ? -1 : position;
        }) : [];
      });
      var text = el.getAttribute("data-soeg") || "";
      cards[i] = { el: el, facets: facets, text: text, words: " " + text, shown: !el.classList.contains(HIDDEN_CLASS) };
    }
    return cards;
  };

  /* The index's cards, their facet values mapped to positions among the form's checkboxes. */
  Catalogue.prototype.indexCards = function () {
    var index = this.index;
    var maps = this.facetList.map(function (facet) {
      var f = index.facets.map(function (indexFacet) { return indexFacet.key; }).indexOf(facet.key);
      var table = index.facets[f].ids.map(function (id) {
        var position = facet.positions.get(id);
        return position === undefined ? -1 : position;
      });
      return { at: f, table: table };
    });
    return index.cards().map(function (card) {
      card.formFacets = maps.map(function (map) {
        return card.facets[map.at].map(function (p) { return map.table[p]; });
      });
      return card;
    });
  };

  Catalogue.prototype.valuesOf = function (card) {
    return card.formFacets || card.facets;
  };

  /* --- state <-> URL ------------------------------------------------------------------------ */

  Catalogue.prototype.readUrl = function () {
    var params = new URLSearchParams(window.location.search);
    this.facetList.forEach(function (facet) {
      var wanted = params.getAll(facet.key);
      facet.boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) !== -1; });
    });
    this.search.value = params.get(SEARCH_PARAM) || "";
  };

  Catalogue.prototype.writeUrl = function () {
    var params = new URLSearchParams(window.location.search);
    this.facetList.forEach(function (facet) {
      params.delete(facet.key);
      facet.boxes.forEach(function (box) { if (box.checked) params.append(facet.key, box.value); });
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
    return this.search.value.trim() !== "" || this.facetList.some(function (facet) { return facet.chosen().length; });
  };

  /*
   * One pass over the cards: a card that fails no filter matches; one that fails exactly one filter would
   * match without it. So the count of a value v of facet F (the offers with v among those that pass every
   * filter but F) sums the matching cards and the cards failing only F; and what removing one filter would
   * give is the matches plus the cards failing only that filter.
   */
  Catalogue.prototype.apply = function () {
    var facetList = this.facetList;
    var groups = []; // the active filters: {facet: position in facetList, or -1 for the free text, chosen: flags}
    facetList.forEach(function (facet, f) {
      var chosen = facet.chosen();
      if (!chosen.length) return;
      var flags = new Uint8Array(facet.boxes.length);
      chosen.forEach(function (i) { flags[i] = 1; });
      groups.push({ facet: f, flags: flags, chosen: chosen });
    });
    var terms = queryTerms(this.search.value);
    if (terms.length) groups.push({ facet: -1, terms: terms });
    var counts = facetList.map(function (facet) { return new Array(facet.boxes.length).fill(0); });
    var onlyFailing = groups.map(function () { return 0; });
    var cards = this.cards, index = this.index;
    var matches = [];
    for (var i = 0; i < cards.length; i++) {
      var card = cards[i];
      var values = this.valuesOf(card);
      var failed = -1, failures = 0;
      for (var g = 0; g < groups.length && failures < 2; g++) {
        var group = groups[g], pass = false;
        if (group.facet === -1) {
          pass = hasAll(card.words, group.terms);
        } else {
          var own = values[group.facet];
          for (var v = 0; v < own.length && !pass; v++) pass = own[v] >= 0 && group.flags[own[v]] === 1;
        }
        if (!pass) { failed = g; failures++; }
      }
      if (failures === 0) {
        matches.push(card);
        for (var f = 0; f < values.length; f++) {
          for (var w = 0; w < values[f].length; w++) if (values[f][w] >= 0) counts[f][values[f][w]]++;
        }
      } else if (failures === 1) {
        onlyFailing[failed]++;
        var facetOfFailure = groups[failed].facet;
        if (facetOfFailure !== -1) {
          var theirs = values[facetOfFailure];
          for (var x = 0; x < theirs.length; x++) if (theirs[x] >= 0) counts[facetOfFailure][theirs[x]]++;
        }
      }
      if (!index) setShown(card, failures === 0 && matches.length <= PAGE_SIZE);
    }
    this.matches = matches;
    this.groups = groups;
    this.removalCounts = onlyFailing.map(function (n) { return n + matches.length; });
    facetList.forEach(function (facet, f) { facet.showCounts(counts[f]); });
    this.showEmpty();
    if (index) {
      this.list.textContent = "";
      this.visible = 0;
      this.showMore();
    } else {
      this.visible = Math.min(matches.length, PAGE_SIZE);
      this.updateMore();
    }
  };

  /* --- nothing matches: which filter to loosen ------------------------------------------------- */

  /* "søgningen «natcafé»" or (with `filter`) "filteret Kommune: Rødovre" (without: "Kommune: Rødovre"). */
  Catalogue.prototype.groupName = function (group, filter) {
    if (group.facet === -1) return "søgningen «" + this.search.value.trim() + "»";
    var facet = this.facetList[group.facet];
    return (filter ? "filteret " : "") + facet.label + ": "
      + group.chosen.map(function (i) { return facet.valueLabel(i); }).join(" eller ");
  };

  Catalogue.prototype.removeGroup = function (group) {
    if (group.facet === -1) this.search.value = "";
    else this.facetList[group.facet].boxes.forEach(function (box) { box.checked = false; });
  };

  Catalogue.prototype.showEmpty = function () {
    var self = this;
    var empty = this.matches.length === 0;
    this.empty.hidden = !empty;
    this.loosen.textContent = "";
    this.adviceText = "";
    this.showAbsences(empty);
    if (!empty) return;
    var order = this.groups.map(function (group, g) { return g; });
    order.sort(function (a, b) { return self.removalCounts[b] - self.removalCounts[a] || a - b; });
    var best = order[0];
    if (best === undefined) {
      this.adviceText = "Der er ingen tilbud i kataloget.";
    } else if (this.removalCounts[best] > 0) {
      this.adviceText = "Prøv at fjerne " + this.groupName(this.groups[best], true) + " – så viser listen "
        + offersText(this.removalCounts[best]) + ".";
    } else {
      this.adviceText = "Det hjælper ikke at fjerne ét filter alene. Fjern flere filtre, eller nulstil filtrene.";
    }
    this.advice.textContent = this.adviceText;
    order.forEach(function (g) {
      var group = self.groups[g];
      var button = element("button", null, "Fjern " + self.groupName(group, false) + " ("
        + offersText(self.removalCounts[g]) + ")");
      button.type = "button";
      button.addEventListener("click", function () {
        self.removeGroup(group);
        self.update(false);
        self.count.focus(); // the button is gone: go on from the new count, just above the list
      });
      append(self.loosen, append(element("li"), button));
    });
  };

  /* When the free text alone finds no offer: the notes on what the site has none of that the free text matches. */
  Catalogue.prototype.showAbsences = function (empty) {
    var text = empty && this.groups.filter(function (group) { return group.facet === -1; })[0];
    var terms = text ? text.terms : [];
    var none = terms.length > 0 && !this.cards.some(function (card) { return hasAll(card.words, terms); });
    var spoken = [];
    this.absences.forEach(function (note) {
      var shown = none && hasAll(note.words, terms);
      if (note.el.hidden === shown) note.el.hidden = !shown;
      if (shown) spoken.push(note.el.textContent);
    });
    this.absentText = spoken.join(" ");
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

  /* --- showing and announcing the count, events ------------------------------------------------ */

  Catalogue.prototype.showCount = function (delay) {
    var self = this;
    var text = countText(this.matches.length, this.cards.length);
    if (this.count.textContent !== text) this.count.textContent = text;
    var spoken = this.matches.length ? text : [text + ".", this.absentText, this.adviceText].filter(Boolean).join(" ");
    window.clearTimeout(this.announceTimer);
    if (!delay) return; // the page's first state is on the page, not news
    this.announceTimer = window.setTimeout(function () {
      if (self.announcer.textContent !== spoken) self.announcer.textContent = spoken;
    }, delay);
  };

  Catalogue.prototype.update = function (typing) {
    this.writeUrl(); // before the list changes: replaceState can make the browser lay out the page
    this.apply();
    this.showCount(typing ? ANNOUNCE_DELAY_MS : ANNOUNCE_CLICK_DELAY_MS);
  };

  Catalogue.prototype.reset = function () {
    this.facetList.forEach(function (facet) { facet.boxes.forEach(function (box) { box.checked = false; }); });
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
      self.cards = self.indexCards();
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
      this.groups = [];
      this.visible = this.list.querySelectorAll("li.offer-card").length;
      this.updateMore();
    } else {
      this.apply();
    }
    this.showCount(0);
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
    var longFacets = Array.prototype.slice.call(this.form.querySelectorAll("ul.catalogue-options--long"));
    var fitFrame = 0;
    function fit() { longFacets.forEach(fitLongFacet); }
    fit();
    if (longFacets.length) {
      window.addEventListener("resize", function () {
        window.cancelAnimationFrame(fitFrame);
        fitFrame = window.requestAnimationFrame(fit);
      });
    }
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
