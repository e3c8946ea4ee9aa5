"""Private by default: no page asks another host for anything, and nothing is stored on page load."""
from __future__ import annotations

import re

from browser import launch, open_page, serve
from test_accessibility import sitemap_paths

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


def test_browser_sees_no_foreign_request_and_no_storage(built_site):
    """Every page, loaded in Chromium: no request leaves 127.0.0.1, no cookie, no web storage."""
    with serve(built_site) as base, launch() as browser:
        page = open_page(browser)
        for path in sitemap_paths(built_site):
            page.goto(base + path, wait_until="networkidle")
            stored = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
            assert stored == [0, 0, ""], (path, stored)
        assert page.context.cookies() == []
        assert page.foreign_requests == [], page.foreign_requests
        assert page.script_errors == [], page.script_errors
        page.context.close()
