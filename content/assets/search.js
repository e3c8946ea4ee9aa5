// The search results page (soeg/): searches the Pagefind index that macros/site/search.py writes at build time.
// Pagefind fetches only the index chunks a query needs, and a result's text only when it is shown (ten at a
// time). The query and filters live in the URL (?q=…&type=…&kommune=…), so a search can be shared.
// Loaded on every page (mkdocs.yml); it does nothing on pages without [data-search-page].
//
// Danish letters: Pagefind matches words as written, so each word of the query is folded (assets/fold.js:
// æ/ae/a, ø/oe/o, å/aa/a alike) and looked up in the index's own spellings of it (pagefind/stavemaader/,
// macros/site/search_spelling.py): 'bostotte', 'bostoette' and 'bostøtte' all search for 'bostøtte'. A query
// with several spellings runs one Pagefind search per combination and merges them by score.
// A query that is a municipality's name lists that municipality's own pages (its start page and policies,
// the filter `kommuneside` of overrides/main.html) first.
(function () {
  "use strict";

  var page = document.querySelector("[data-search-page]");
  if (!page) return;

  // assets/search.js → the site's root, also when the site lives below a path on its host.
  var SITE_ROOT = new URL("..", document.currentScript.src);
  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 300;
  var TYPE_ORDER = ["Politik", "Tilbud", "Kontakt", "Vejledning", "Øvrige"];
  var SPELLINGS = new URL("pagefind/stavemaader/", SITE_ROOT); // SPELLINGS_DIR in macros/site/search.py
  var MAX_SEARCHES = 8; // combinations of spellings searched for one query
  // A hit on another spelling ranks lower when the query spells the word with æ, ø, å (or another letter
  // outside ASCII) and the index has that spelling too; 'rodovre' typed on a keyboard without ø does not.
  var OTHER_SPELLING = 0.5;
  var NEAR_FORMS = 3; // how many shorter forms of an unknown word are tried
  var NEAR_LETTERS = 3; // how many letters longer than such a form the word may be ('bostotten' → 'bostøtte')
  var NEAR_STEM = 5; // how long such a form must be at least
  var MUNICIPALITY_WORDS = ["kommune", "kommunes", "kommunens"]; // 'Rødovre Kommune' names Rødovre too
  var fold = window.udsatteFold; // assets/fold.js, loaded first (mkdocs.yml)
  var LOAD_FAILED = "Søgningen kunne ikke indlæses. Genindlæs siden, eller find det, du leder efter, " +
    "i oversigterne over politikker, tilbud og kontakter.";

  var form = page.querySelector("form");
  var input = form.elements.q;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var status = page.querySelector(".search-status");
  var list = page.querySelector(".search-results");
  var more = page.querySelector(".search-more");

  var pagefind = null;
  var municipalities = []; // the values of the filter `kommuneside`: 'Rødovre Kommune', …
  var shards = {}; // file name → promise of {folded word: [spellings]}
  var results = [];
  var shown = 0;
  var generation = 0; // bumped by every search, so that a slow, older search never overwrites a newer one
  var loading = false; // a batch is on its way; the button stays enabled (and focused) meanwhile
  var timer = null;

  function format(number) {
    return number.toLocaleString("da-DK");
  }

  function chosenFilters() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) filters[select.dataset.filter] = select.value;
    });
    return filters;
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    selects.forEach(function (select) {
      select.dataset.wanted = params.get(select.name) || "";
    });
  }

  function writeUrl(query, filters) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    selects.forEach(function (select) {
      if (filters[select.dataset.filter]) params.set(select.name, filters[select.dataset.filter]);
    });
    var search = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
  }

  function fillSelects(available) {
    selects.forEach(function (select) {
      var values = Object.keys(available[select.dataset.filter] || {});
      if (select.dataset.filter === "type") {
        values.sort(function (a, b) { return TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b); });
      } else {
        values.sort(function (a, b) { return a.localeCompare(b, "da"); });
      }
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      });
      if (values.indexOf(select.dataset.wanted) !== -1) select.value = select.dataset.wanted;
    });
  }

  // --- Danish spellings ---------------------------------------------------------------------------

  function shardOf(folded) {
    var first = folded.charAt(0);
    return /^[a-z0-9]$/.test(first) ? first : "_"; // shard() in macros/site/search_spelling.py
  }

  // A missing or broken file only means that a word is searched as typed.
  function spellingsIn(name) {
    if (!shards[name]) {
      shards[name] = fetch(new URL(name + ".json", SPELLINGS)).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).catch(function () {
        delete shards[name];
        return {};
      });
    }
    return shards[name];
  }

  // The index's spellings of a word, or those of shorter forms of it (without an ending) if it has none
  // itself; [word] when the index has neither, so that Pagefind matches it as typed (and by its stem).
  function alternatives(word) {
    var folded = fold(word);
    if (!folded || folded.indexOf(" ") !== -1) return Promise.resolve({typed: word, spellings: [word]});
    return spellingsIn(shardOf(folded)).then(function (table) {
      var spellings = table[folded];
      if (!spellings) {
        // The word with an ending the index does not have: 'bostotten' is a form of 'bostøtte'. (Not the other
        // way: 'strategi' is a word of its own, not a misspelled 'strategimål'.)
        var near = Object.keys(table).filter(function (key) {
          return key.length >= NEAR_STEM && key.length < folded.length &&
            folded.length - key.length <= NEAR_LETTERS && folded.lastIndexOf(key, 0) === 0;
        }).sort(function (a, b) { return b.length - a.length; }).slice(0, NEAR_FORMS);
        // Every word of the index with another spelling is in the table: a word with near forms there is most
        // likely a misspelled form of them, and searched as typed Pagefind would match its first letters ('bo').
        spellings = near.length ? [] : [word];
        near.forEach(function (key) { spellings = spellings.concat(table[key]); });
      }
      return {typed: word, spellings: spellings};
    });
  }

  // Every combination of the words' spellings (the first MAX_SEARCHES), each with how far it is from the query
  // as typed: 1, or OTHER_SPELLING for each word spelled otherwise although its chosen spelling is in the index.
  function combinations(words) {
    var found = [{terms: [], factor: 1}];
    words.forEach(function (word) {
      var typedExists = /[^\x00-\x7f]/.test(word.typed) && word.spellings.indexOf(word.typed) !== -1;
      var next = [];
      found.forEach(function (combination) {
        word.spellings.forEach(function (spelling) {
          var factor = typedExists && spelling !== word.typed ? OTHER_SPELLING : 1;
          next.push({terms: combination.terms.concat(spelling), factor: combination.factor * factor});
        });
      });
      found = next.slice(0, MAX_SEARCHES);
    });
    return found;
  }

  function queryWords(query) {
    return query.normalize("NFC").toLowerCase().split(/(?:[^\p{L}\p{N}§]|_)+/u).filter(Boolean);
  }

  // Pagefind's results for the query in all its spellings, best first; each page once, at its best score.
  function searchSpellings(query, filters) {
    if (!query) return pagefind.search(null, {filters: filters}).then(function (found) { return found.results; });
    return Promise.all(queryWords(query).map(alternatives)).then(function (words) {
      var runs = words.length ? combinations(words) : [{terms: [query], factor: 1}];
      return Promise.all(runs.map(function (run) {
        return pagefind.search(run.terms.join(" "), {filters: filters}).then(function (found) {
          return found.results.map(function (result) { return {result: result, score: result.score * run.factor}; });
        });
      }));
    }).then(function (lists) {
      var best = {};
      lists.forEach(function (list) {
        list.forEach(function (hit) {
          if (!best[hit.result.id] || best[hit.result.id].score < hit.score) best[hit.result.id] = hit;
        });
      });
      return Object.keys(best).map(function (id) { return best[id]; })
        .sort(function (a, b) { return b.score - a.score; })
        .map(function (hit) { return hit.result; });
    });
  }

  // --- a municipality's own pages first ------------------------------------------------------------

  function withoutMunicipalityWords(text) {
    return fold(text).split(" ").filter(function (word) {
      return word && MUNICIPALITY_WORDS.indexOf(word) === -1;
    }).join(" ");
  }

  // The municipality (a value of the filter `kommuneside`) that the query names and nothing else, or null:
  // 'rodovre', 'Rødovres' and 'Rødovre Kommune' name 'Rødovre Kommune'.
  function municipalityNamed(query) {
    var wanted = withoutMunicipalityWords(query);
    if (!wanted) return null;
    var named = municipalities.filter(function (name) {
      var bare = withoutMunicipalityWords(name);
      return bare === wanted || bare === wanted + "s" || bare + "s" === wanted; // 'Rødovres', 'Københavns
    });
    return named.length === 1 ? named[0] : null;
  }

  function municipalityFirst(found, query, filters) {
    var municipality = municipalityNamed(query);
    if (!municipality) return Promise.resolve(found);
    var own = Object.assign({}, filters, {kommuneside: municipality});
    return pagefind.search(null, {filters: own}).then(function (pages) {
      var ids = {};
      pages.results.forEach(function (page) { ids[page.id] = true; });
      return found.filter(function (result) { return ids[result.id]; })
        .concat(found.filter(function (result) { return !ids[result.id]; }));
    });
  }

  function countText(count, query, filters) {
    var noun = count === 1 ? "resultat" : "resultater";
    var text = (count === 0 ? "Ingen" : format(count)) + " " + noun;
    if (query) text += " for »" + query + "«";
    var chosen = Object.keys(filters).map(function (key) { return filters[key]; });
    if (chosen.length) text += " (" + chosen.join(", ") + ")";
    if (count === 0) text += ". Prøv et andet ord" + (chosen.length ? " eller færre filtre." : ".");
    return text;
  }

  // Pagefind's excerpt is HTML-escaped text with <mark> around the hits; parse it inertly and keep only
  // the text and the marks, so nothing else from the index can become markup.
  function excerptNodes(excerpt) {
    var parsed = new DOMParser().parseFromString(excerpt || "", "text/html").body;
    var nodes = [];
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(node.textContent));
      }
    });
    return nodes;
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "search-result";
    var heading = document.createElement("h2");
    heading.className = "search-result__title";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    var filters = data.filters || {};
    var facts = [].concat(filters.type || [], filters.kommune || []);
    if (facts.length) {
      var meta = document.createElement("p");
      meta.className = "search-result__meta";
      meta.textContent = facts.join(" · ");
      item.appendChild(meta);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "search-result__excerpt";
    excerptNodes(data.excerpt).forEach(function (node) { excerpt.appendChild(node); });
    item.appendChild(excerpt);
    return item;
  }

  function showMore(moveFocus) {
    var run = generation;
    var batch = results.slice(shown, shown + PAGE_SIZE);
    loading = true;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (items) {
      if (run !== generation) return;
      var firstLink = null;
      items.forEach(function (data) {
        var item = resultItem(data);
        list.appendChild(item);
        firstLink = firstLink || item.querySelector("a");
      });
      shown += items.length;
      more.hidden = shown >= results.length;
      // Keyboard and screen reader users continue at the first new result, not back at the button.
      if (moveFocus && firstLink) firstLink.focus();
    }).finally(function () {
      loading = false;
    });
  }

  function search() {
    window.clearTimeout(timer);
    var run = ++generation;
    var query = input.value.trim();
    var filters = chosenFilters();
    writeUrl(query, filters);
    if (!query && !Object.keys(filters).length) {
      results = [];
      list.textContent = "";
      more.hidden = true;
      status.textContent = "Skriv et eller flere ord, eller vælg en type eller en kommune.";
      return Promise.resolve();
    }
    return searchSpellings(query, filters).then(function (found) {
      return municipalityFirst(found, query, filters);
    }).then(function (found) {
      if (run !== generation) return;
      results = found;
      shown = 0;
      list.textContent = "";
      return showMore(false).then(function () {
        if (run === generation) status.textContent = countText(results.length, query, filters);
      });
    }).catch(function () {
      if (run === generation) status.textContent = LOAD_FAILED;
    });
  }

  function start() {
    readUrl();
    form.hidden = false;
    import(new URL("pagefind/pagefind.js", SITE_ROOT).href).then(function (module) {
      pagefind = module;
      return pagefind.options({baseUrl: SITE_ROOT.pathname});
    }).then(function () {
      return pagefind.filters();
    }).then(function (available) {
      municipalities = Object.keys(available.kommuneside || {});
      fillSelects(available);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        search();
      });
      input.addEventListener("input", function () {
        window.clearTimeout(timer);
        pagefind.preload(input.value.trim());
        timer = window.setTimeout(search, DEBOUNCE_MS);
      });
      selects.forEach(function (select) { select.addEventListener("change", search); });
      more.addEventListener("click", function () {
        if (!loading) showMore(true).catch(function () { status.textContent = LOAD_FAILED; });
      });
      return search();
    }).catch(function () {
      status.textContent = LOAD_FAILED;
    });
  }

  start();
})();
