"""Private by default: no page asks another host for anything, and nothing is stored on page load.

The static scan is here; every page loaded in Chromium (no request leaves 127.0.0.1, no cookie, no web
storage) is checked on the one walk over every page in test_focus_reflow.py."""

from __future__ import annotations

import re

EXTERNAL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?(?:https?:)?//(?!127\.0\.0\.1)""", re.I)


def test_no_page_refers_to_another_host_for_resources(built_site):
    """A static scan: scripts, styles, images, fonts, frames and forms all come from the site itself."""
    for file in list(built_site.rglob("*.html")) + list(built_site.rglob("*.css")) + list(built_site.rglob("*.js")):
        text = file.read_text("utf-8", errors="replace")
        for tag in re.findall(r"<(?:script|link|img|iframe|source|video|audio|embed|object|form)\b[^>]*>", text):
            if 'rel="canonical"' in tag or "rel=canonical" in tag:
                continue  # the page's own address, not a request
            assert not EXTERNAL.search(tag), f"{file}: {tag}"
        if file.suffix == ".css":
            assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text), file
            assert "@import" not in text or "//" not in text.split("@import", 1)[1][:200], file
    for name in ("google-analytics", "googletagmanager", "fonts.googleapis", "plausible", "matomo", "hotjar"):
        assert not any(name in f.read_text("utf-8", errors="replace") for f in built_site.rglob("*.html")), name
