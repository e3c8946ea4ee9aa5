// Wide tables scroll sideways on small screens; make each such scroll area reachable and
// scrollable by keyboard (WCAG 2.1.1) and named for screen readers.
(function () {
  "use strict";
  function markScrollAreas() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        var caption = wrap.closest(".md-typeset") && wrap.previousElementSibling;
        var label = caption && /^H[2-4]$/.test(caption.tagName) ? caption.textContent.replace("¶", "").trim() : "";
        wrap.setAttribute("aria-label", label ? "Tabel: " + label : "Tabel, der kan rulles vandret");
      } else if (wrap.getAttribute("tabindex") === "0") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
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
