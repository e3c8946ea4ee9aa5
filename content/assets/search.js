// The search results page (soeg/): searches the Pagefind index that macros/site/search.py writes at build time.
// Pagefind fetches only the index chunks a query needs, and a result's text only when it is shown (ten at a
// time). The query and filters live in the URL (?q=…&type=…&kommune=…), so a search can be shared.
// Loaded on every page (mkdocs.yml); it does nothing on pages without [data-search-page].
(function () {
  "use strict";

  var page = document.querySelector("[data-search-page]");
  if (!page) return;

  // assets/search.js → the site's root, also when the site lives below a path on its host.
  var SITE_ROOT = new URL("..", document.currentScript.src);
  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 300;
  var TYPE_ORDER = ["Politik", "Tilbud", "Kontakt", "Vejledning", "Øvrige"];
  var LOAD_FAILED = "Søgningen kunne ikke indlæses. Genindlæs siden, eller find det, du leder efter, " +
    "i oversigterne over politikker, tilbud og kontakter.";

  var form = page.querySelector("form");
  var input = form.elements.q;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var status = page.querySelector(".search-status");
  var list = page.querySelector(".search-results");
  var more = page.querySelector(".search-more");

  var pagefind = null;
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
    return pagefind.search(query || null, {filters: filters}).then(function (found) {
      if (run !== generation) return;
      results = found.results;
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
