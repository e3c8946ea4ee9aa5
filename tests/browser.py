"""Drive the built site in a real browser: Debian's Chromium, headless, through Playwright for Python.

    with serve(site_dir) as base_url, launch() as browser:
        page = open_page(browser, base_url + "/tilbud/")

- `serve` serves a built site directory over HTTP on 127.0.0.1 (a threaded http.server on a free
  port, in this process) and stops it afterwards.
- `launch` starts /usr/bin/chromium headless. Playwright's own browser downloads are never used
  (never run `playwright install`).
- `open_page` opens a page that may reach only 127.0.0.1: any other request is blocked and
  recorded in `page.foreign_requests`, and uncaught script errors land in `page.script_errors`.
- `require_browser()` skips a test when Chromium (or Playwright) is missing, with the reason, but
  fails it when the environment variable CI is set: in CI a missing browser is an error.
"""
from __future__ import annotations

import contextlib
import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
LOCAL_HOSTS = {"127.0.0.1"}


def require_browser() -> None:
    """Skip (locally) or fail (in CI) unless Chromium and Playwright are both here."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} is missing (install Debian's package: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the Python package playwright is missing (pip install playwright; "
                       "never run `playwright install`)")
    if not missing:
        return
    reason = "browser tests need a browser: " + "; ".join(missing)
    if os.environ.get("CI"):
        pytest.fail(reason + " — in CI this is an error", pytrace=False)
    pytest.skip(reason)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature of the base class
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 on a free port; yields the base URL without a trailing slash."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextlib.contextmanager
def launch():
    """Debian's Chromium, headless, driven by Playwright; yields a playwright Browser."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, url: str | None = None, *, javascript: bool = True, **context_options):
    """A page in a fresh context (no shared cookies or storage) that can reach only 127.0.0.1.

    The page carries `foreign_requests` (URLs to other hosts, blocked) and `script_errors`
    (uncaught exceptions in the page). Close it with `page.context.close()`."""
    context = browser.new_context(java_script_enabled=javascript, locale="da-DK",
                                  service_workers="block", **context_options)
    page = context.new_page()
    page.foreign_requests = []
    page.script_errors = []

    def guard(route):
        url_ = route.request.url
        if urlsplit(url_).scheme in ("data", "blob") or urlsplit(url_).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            page.foreign_requests.append(url_)
            route.abort()

    page.route("**/*", guard)
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    if url is not None:
        page.goto(url, wait_until="load")
    return page
