// The onboarding path for one municipality. The reader's choice lives only in the address
// (?kommune=<id>, or the municipality of the start page being read): no cookie, no storage.
// With a choice this script
// - shows the line "Du læser som ny medarbejder i ... Kommune" (macros/site/onboarding.py, reading_as),
// - moves the chosen municipality's block ([data-kommune], views.municipality_block) first within each group of
//   blocks (views.municipality_blocks: one subject, under one heading) and keeps it open, folds the other
//   municipalities' blocks (they stay on the page, in their order) and says so where the chosen one has none,
// - carries ?kommune=<id> on every link to a page of the path.
// Without script every block stays open and every page works as it is.
(function () {
  "use strict";

  function chosen(known) {
    var id = new URLSearchParams(window.location.search).get("kommune");
    if (!id) {
      var startPage = document.querySelector("[data-kommune-side]");
      id = startPage && startPage.getAttribute("data-kommune-side");
    }
    return id && Object.prototype.hasOwnProperty.call(known, id) ? id : null;
  }

  // The groups of blocks that take turns on one subject: each maximal run of adjacent sibling blocks. The server
  // puts every group in its own container (views.municipality_blocks), so that two groups never touch.
  function groups() {
    var found = [];
    document.querySelectorAll("[data-kommune]").forEach(function (block) {
      var previous = block.previousElementSibling;
      if (previous && previous.hasAttribute("data-kommune")) return;  // not the first of its run
      var run = [];
      for (var next = block; next && next.hasAttribute("data-kommune"); next = next.nextElementSibling) run.push(next);
      found.push(run);
    });
    return found;
  }

  // Within each group: the chosen municipality's blocks first and open, the others folded in their own order; a
  // group without the chosen municipality says so above the folded blocks.
  function reorder(id, name) {
    groups().forEach(function (blocks) {
      var parent = blocks[0].parentNode;
      var first = blocks[0];
      var own = blocks.filter(function (block) { return block.getAttribute("data-kommune") === id; });
      var others = blocks.filter(function (block) { return own.indexOf(block) < 0; });
      var placeholder = document.createComment("kommune");
      parent.insertBefore(placeholder, first);
      own.concat(others).forEach(function (block) { parent.insertBefore(block, placeholder); });
      parent.removeChild(placeholder);
      blocks.forEach(function (block) {
        var mine = own.indexOf(block) >= 0;
        block.classList.toggle("kommune-blok--valgt", mine);
        if (block.tagName === "DETAILS") block.open = mine;
      });
      if (!own.length && first.tagName === "DETAILS") {
        var note = document.createElement("p");
        note.className = "kommune-ingen";
        note.textContent = name + " Kommune har ikke noget her. De andre kommuners tekster er foldet sammen nedenfor.";
        parent.insertBefore(note, first);
      }
    });
  }

  function carry(id, folder) {
    document.querySelectorAll("a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!href || href.charAt(0) === "#" || link.closest(".reading-as")) return;
      var url = new URL(href, window.location.href);
      if (url.origin !== window.location.origin || url.pathname.indexOf(folder) !== 0) return;
      url.searchParams.set("kommune", id);
      link.setAttribute("href", url.pathname + url.search + url.hash);
    });
  }

  function start() {
    var line = document.querySelector(".reading-as[data-kommuner]");
    if (!line) return;
    var names = JSON.parse(line.getAttribute("data-kommuner"));
    var id = chosen(names);
    if (!id) return;
    var name = names[id];
    line.querySelector(".reading-as__name").textContent = name;
    var address = function (attribute) {
      return new URL(line.getAttribute(attribute).split("{id}").join(encodeURIComponent(id)), window.location.href);
    };
    var startPage = address("data-start");
    startPage.searchParams.set("kommune", id);
    line.querySelector(".reading-as__start").setAttribute("href", startPage.pathname + startPage.search);
    line.querySelector(".reading-as__print").setAttribute("href", address("data-print").pathname);
    line.hidden = false;
    reorder(id, name);
    carry(id, new URL(line.getAttribute("data-folder"), window.location.href).pathname);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
