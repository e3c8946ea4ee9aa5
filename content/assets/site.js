// Wide tables scroll sideways on small screens; make each such scroll area reachable and
// scrollable by keyboard (WCAG 2.1.1) and named for screen readers.
(function () {
  "use strict";
  var hints = 0;
  var HINT = "Tabellen er bredere end skærmen. Rul vandret i den for at se resten.";
  function hintFor(wrap) {
    var hint = wrap.previousElementSibling;
    return hint && hint.classList.contains("scroll-hint") ? hint : null;
  }
  function markScrollAreas() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      var hint = hintFor(wrap);
      if (scrolls) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        var caption = wrap.closest(".md-typeset") && wrap.previousElementSibling;
        if (caption === hint && hint) caption = hint.previousElementSibling;
        var label = caption && /^H[2-4]$/.test(caption.tagName) ? caption.textContent.replace("¶", "").trim() : "";
        wrap.setAttribute("aria-label", label ? "Tabel: " + label : "Tabel, der kan rulles vandret");
        // A visible hint (WCAG 1.4.10): on a narrow screen the table continues to the right.
        if (!hint) {
          hint = document.createElement("p");
          hint.className = "scroll-hint";
          hint.id = "scroll-hint-" + (++hints);
          hint.textContent = HINT;
          wrap.parentNode.insertBefore(hint, wrap);
        }
        wrap.setAttribute("aria-describedby", hint.id);
      } else if (wrap.getAttribute("tabindex") === "0") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
        wrap.removeAttribute("aria-describedby");
        if (hint) hint.remove();
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markScrollAreas);
  } else {
    markScrollAreas();
  }
  window.addEventListener("resize", markScrollAreas);
})();

// The navigation drawer on narrow screens: Material opens it with a hidden checkbox and a <label>, which
// the keyboard cannot reach. The label is a button (overrides/partials/header.html); Enter and Space
// toggle the drawer, Escape closes it and returns the focus to the button.
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector('.md-header label[for="__drawer"]');
  if (!toggle || !button) return;
  function sync() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
  button.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      toggle.click();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      toggle.click();
      button.focus();
    }
  });
  toggle.addEventListener("change", sync);
  sync();
})();
