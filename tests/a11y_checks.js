// Layout and focus checks that axe-core does not make, run inside the page by tests/test_focus_reflow.py.
// Defines window.a11yChecks = {focusRing(), focusRingSettled(), reflow(), clippedText(), lowContrastText(),
// TEXT_SPACING_CSS}; every check returns
// a list of problems as short English strings naming the element (empty: no problem).
(() => {
  "use strict";

  function describe(el) {
    if (!el || el.nodeType !== 1) return String(el);
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    if (typeof el.className === "string" && el.className.trim()) s += "." + el.className.trim().split(/\s+/).join(".");
    const text = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().replace(/\s+/g, " ");
    return text ? `${s} "${text.slice(0, 40)}"` : s;
  }

  // --- colours -------------------------------------------------------------------------------------
  function parseColour(value) {
    const m = /rgba?\(([^)]+)\)/.exec(value || "");
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(parseFloat);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  function over(top, bottom) {  // `top` (with alpha) painted over the opaque `bottom`
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  }
  function luminance(c) {
    const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  }
  function contrast(a, b) {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  }
  function canvasColour() {
    for (const el of [document.body, document.documentElement]) {
      const c = parseColour(getComputedStyle(el).backgroundColor);
      if (c && c[3] === 1) return c;
    }
    return matchMedia("(prefers-color-scheme: dark)").matches ? [18, 18, 18, 1] : [255, 255, 255, 1];
  }
  // The colour painted at a point of the viewport, below `el`'s descendants: the backgrounds of the
  // elements stacked there, composited from the first opaque one up.
  function backgroundAt(x, y, el) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return null;
    const stack = document.elementsFromPoint(x, y).filter(e => e === el || !el.contains(e));
    const layers = [];
    for (const e of stack) {
      const s = getComputedStyle(e);
      if (s.opacity === "0" || s.visibility === "hidden") continue;  // hit by the point, but not painted
      const c = parseColour(s.backgroundColor);
      if (c && c[3] > 0) {
        layers.push(c);
        if (c[3] === 1) break;
      }
    }
    let colour = layers.length && layers[layers.length - 1][3] === 1 ? layers.pop() : canvasColour();
    while (layers.length) colour = over(layers.pop(), colour);
    return colour;
  }

  // --- focus appearance (WCAG 2.2 2.4.11, 2.4.13; 1.4.11) ------------------------------------------
  // The indicator of the focused element: thickness and colour from outline (or a box-shadow ring),
  // contrast against what surrounds the ring on each side (the page outside it, and the gap or the
  // element's own background inside it), not clipped, not off screen, not covered.
  function focusRing() {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return {element: null, problems: []};
    const name = describe(el);
    const cs = getComputedStyle(el);
    let width = 0, offset = 0, colour = null;
    if (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) {
      width = parseFloat(cs.outlineWidth);
      offset = parseFloat(cs.outlineOffset) || 0;
      colour = parseColour(cs.outlineColor);
    } else if (cs.boxShadow && cs.boxShadow !== "none") {
      // A ring drawn as "colour 0 0 0 <spread>": the largest such spread counts.
      for (const part of cs.boxShadow.split(/,(?![^(]*\))/)) {
        const c = parseColour(part);
        const lengths = (part.replace(/rgba?\([^)]*\)/, "").match(/-?[\d.]+px/g) || []).map(parseFloat);
        if (c && lengths.length >= 4 && lengths[0] === 0 && lengths[1] === 0 && lengths[2] === 0 && lengths[3] > width
            && !/inset/.test(part)) {
          width = lengths[3]; colour = c; offset = 0;
        }
      }
    }
    const result = {element: name, width, offset, minContrast: null, problems: []};
    if (!colour || width === 0) {
      result.problems.push(`${name}: no focus indicator`);
      return result;
    }
    if (width < 2) result.problems.push(`${name}: focus indicator ${width} px thick (needs at least 2 px)`);
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) {
      result.problems.push(`${name}: focused but not rendered`);
      return result;
    }
    const ring = {left: r.left - offset - width, top: r.top - offset - width,
                  right: r.right + offset + width, bottom: r.bottom + offset + width};
    if (ring.right <= 0 || ring.left >= innerWidth || ring.bottom <= 0 || ring.top >= innerHeight) {
      result.problems.push(`${name}: focused element is off screen`);
      return result;
    }
    // Covered by something else (a sticky header, a drawer): WCAG 2.2 2.4.11 Focus Not Obscured.
    const cx = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const cy = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(cx, cy);
    if (top && !el.contains(top) && !top.contains(el) && !(el.labels && [...el.labels].some(l => l.contains(top)))) {
      result.problems.push(`${name}: covered by ${describe(top)}`);
    }
    // Clipped by an ancestor that hides overflow, or by the edge of the viewport.
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === "visible" && s.overflowY === "visible") continue;
      const ar = a.getBoundingClientRect();
      const box = {left: ar.left + a.clientLeft, top: ar.top + a.clientTop,
                   right: ar.left + a.clientLeft + a.clientWidth, bottom: ar.top + a.clientTop + a.clientHeight};
      const cutX = s.overflowX !== "visible" && (ring.left < box.left - 0.5 || ring.right > box.right + 0.5);
      const cutY = s.overflowY !== "visible" && (ring.top < box.top - 0.5 || ring.bottom > box.bottom + 0.5);
      // A scrolling ancestor clips only across its scroll direction for an element scrolled into view.
      if ((cutX && !(s.overflowX === "auto" || s.overflowX === "scroll") || cutX && a.scrollWidth <= a.clientWidth)
          || (cutY && !(s.overflowY === "auto" || s.overflowY === "scroll") || cutY && a.scrollHeight <= a.clientHeight)) {
        result.problems.push(`${name}: focus indicator clipped by ${describe(a).slice(0, 60)}`);
        break;
      }
    }
    if (ring.left < -0.5 || ring.right > innerWidth + 0.5 || ring.top < -0.5 || ring.bottom > innerHeight + 0.5) {
      result.problems.push(`${name}: focus indicator cut off by the edge of the screen`);
    }
    // Contrast of the ring against both its neighbours, sampled in the middle of each side.
    const inner = offset - 1, outer = offset + width + 1;
    const samples = [];
    for (const d of [inner, outer]) {
      samples.push([r.left + r.width / 2, r.top - d], [r.left + r.width / 2, r.bottom + d],
                   [r.left - d, r.top + r.height / 2], [r.right + d, r.top + r.height / 2]);
    }
    let least = Infinity, where = null;
    for (const [x, y] of samples) {
      const bg = backgroundAt(x, y, el);
      if (!bg) continue;
      const ratio = contrast(over(colour, bg), bg);
      if (ratio < least) { least = ratio; where = bg; }
    }
    result.minContrast = least === Infinity ? null : Math.round(least * 100) / 100;
    if (least < 3) {
      result.problems.push(`${name}: focus indicator contrast ${least.toFixed(2)}:1 against rgb(${where.slice(0, 3)}) `
                           + "(needs 3:1)");
    }
    return result;
  }

  // --- reflow (1.4.10) and text spacing (1.4.12) ---------------------------------------------------
  function clipsX(s) { return s.overflowX === "hidden" || s.overflowX === "clip"; }
  function clipsY(s) { return s.overflowY === "hidden" || s.overflowY === "clip"; }
  function scrollsX(s) { return s.overflowX === "auto" || s.overflowX === "scroll"; }
  function visuallyHidden(el) {  // the screen-reader-only pattern: a 1 px box that clips its content
    const s = getComputedStyle(el);
    return (clipsX(s) || s.clip === "rect(0px, 0px, 0px, 0px)") && el.clientWidth <= 1;
  }
  function offCanvas(el) {  // a closed drawer: fixed, and outside the viewport
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).position === "fixed") {
        const r = a.getBoundingClientRect();
        return r.right <= 0 || r.left >= innerWidth;
      }
    }
    return false;
  }
  function textNodes() {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: n => n.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT});
    const out = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n);
    return out;
  }
  function rendered(el) {
    return el.checkVisibility({visibilityProperty: true, opacityProperty: false});
  }

  // The page scrolls sideways, or text sticks out of the viewport (outside a scroll region).
  function reflow() {
    const problems = [];
    const root = document.scrollingElement;
    if (root.scrollWidth > root.clientWidth + 1) {
      problems.push(`the page scrolls sideways: ${root.scrollWidth} px content in ${root.clientWidth} px`);
    }
    const cache = new Map();
    const inScrollRegion = el => {
      if (cache.has(el)) return cache.get(el);
      let v = false;
      for (let a = el; a && a !== document.body; a = a.parentElement) {
        if (scrollsX(getComputedStyle(a)) && a.scrollWidth > a.clientWidth) { v = true; break; }
      }
      cache.set(el, v);
      return v;
    };
    const seen = new Set();
    for (const node of textNodes()) {
      const el = node.parentElement;
      if (seen.has(el) || !rendered(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      if (!rects.some(r => r.right > innerWidth + 1 || r.left < -1)) continue;
      if (inScrollRegion(el) || offCanvas(el)) continue;
      let hidden = false;
      for (let a = el; a && a !== document.body; a = a.parentElement) if (visuallyHidden(a)) { hidden = true; break; }
      if (hidden) continue;
      seen.add(el);
      problems.push(`text outside the screen: ${describe(el)}`);
      if (problems.length > 10) break;
    }
    return problems;
  }

  // Text cut off by a box that hides its overflow (after the text-spacing override). Text in an SVG
  // diagram is laid out by coordinates, not by CSS, and is left out: each diagram has a text alternative.
  function clippedText() {
    const problems = [];
    const seen = new Set();
    for (const node of textNodes()) {
      const el = node.parentElement;
      if (!rendered(el) || el.closest("svg")) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
      if (!rects.length) continue;
      for (let a = el; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (!clipsX(s) && !clipsY(s)) continue;
        if (visuallyHidden(a) || offCanvas(a)) break;
        const ar = a.getBoundingClientRect();
        const box = {left: ar.left + a.clientLeft, top: ar.top + a.clientTop,
                     right: ar.left + a.clientLeft + a.clientWidth, bottom: ar.top + a.clientTop + a.clientHeight};
        const cut = rects.some(r => (clipsX(s) && (r.left < box.left - 1 || r.right > box.right + 1))
                                 || (clipsY(s) && (r.top < box.top - 1 || r.bottom > box.bottom + 1)));
        if (cut && !seen.has(a)) {
          seen.add(a);
          problems.push(`text clipped by ${describe(a).slice(0, 70)}: ${describe(el).slice(0, 70)}`);
        }
        if (cut) break;
      }
      if (problems.length > 10) break;
    }
    return problems;
  }

  // Text contrast (1.4.3), computed from the styles: the text's colour (with the opacity of it and its
  // ancestors) against the background colours of its ancestors, composited up to the first opaque one.
  // Text on a background image or gradient is left to axe-core (it reports such text as incomplete).
  function lowContrastText() {
    const problems = [];
    const seen = new Set();
    for (const node of textNodes()) {
      const el = node.parentElement;
      if (seen.has(el)) continue;
      seen.add(el);
      // SVG text is painted with `fill`: the diagrams check their own contrast (macros/diagrams.py).
      if (el.closest("svg")) continue;
      if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
      let hidden = false, layers = [], opacity = 1, image = false;
      for (let a = el; a; a = a.parentElement) {
        if (visuallyHidden(a)) { hidden = true; break; }
        const s = getComputedStyle(a);
        opacity *= parseFloat(s.opacity);
        if (s.backgroundImage !== "none" && a !== document.documentElement) { image = true; break; }
        const c = parseColour(s.backgroundColor);
        if (c && c[3] > 0) { layers.push(c); if (c[3] === 1) break; }
      }
      if (hidden || image) continue;
      let bg = layers.length && layers[layers.length - 1][3] === 1 ? layers.pop() : canvasColour();
      while (layers.length) bg = over(layers.pop(), bg);
      const s = getComputedStyle(el);
      const fg = parseColour(s.color);
      if (!fg) continue;
      fg[3] *= opacity;
      const ratio = contrast(over(fg, bg), bg);
      const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight, 10) >= 700;
      const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      if (ratio < needed) {
        problems.push(`${describe(el).slice(0, 70)}: text contrast ${ratio.toFixed(2)}:1 (needs ${needed}:1), `
                      + `rgb(${over(fg, bg).slice(0, 3).map(Math.round)}) on rgb(${bg.slice(0, 3).map(Math.round)})`);
      }
      if (problems.length > 10) break;
    }
    return problems;
  }

  // WCAG 1.4.12's values, as in the W3C's text-spacing bookmarklet.
  const TEXT_SPACING_CSS = "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; "
    + "word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }";

  // The same, once the page has painted twice more (the theme moves sidebars and the header on scroll).
  function focusRingSettled() {
    return new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => resolve(focusRing()))));
  }

  window.a11yChecks = {focusRing, focusRingSettled, reflow, clippedText, lowContrastText, contrast, parseColour, TEXT_SPACING_CSS};
})();
