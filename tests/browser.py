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
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# No host but 127.0.0.1 resolves: a request to another host fails even where a page is not routed.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
LOCAL_HOSTS = {"127.0.0.1"}


def require_browser() -> None:
    """Skip (locally) or fail (in CI) unless Chromium and Playwright are both here."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} is missing (install Debian's package: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append(
            "the Python package playwright is missing (pip install playwright; never run `playwright install`)"
        )
    if not missing:
        return
    reason = "browser tests need a browser: " + "; ".join(missing)
    if os.environ.get("CI"):
        pytest.fail(reason + " — in CI this is an error", pytrace=False)
    pytest.skip(reason)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _ErrorPageHandler(_QuietHandler):
    """Answers a missing file with the site's error page and status 404, as `error_page 404` in nginx does."""

    error_page: Path

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = self.error_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


@contextlib.contextmanager
def serve(directory: Path, error_page: Path | None = None) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 on a free port; yields the base URL without a trailing slash.

    With `error_page` (a file), every missing address is answered with that file and status 404."""
    if error_page is not None:
        handler_class = type("ErrorPageHandler", (_ErrorPageHandler,), {"error_page": Path(error_page)})
    else:
        handler_class = _QuietHandler
    handler = functools.partial(handler_class, directory=str(directory))
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


def open_page(browser, url: str | None = None, *, javascript: bool = True, routed: bool = True, **context_options):
    """A page in a fresh context (no shared cookies or storage) that can reach only 127.0.0.1.

    The page carries `foreign_requests` (URLs to other hosts, blocked) and `script_errors`
    (uncaught exceptions in the page). Close it with `page.context.close()`. With `routed=False` the
    requests are only watched, not routed through this process (which halves the time a page takes to
    load); other hosts are then blocked by the browser's host rules (CHROMIUM_ARGS)."""
    context = browser.new_context(
        java_script_enabled=javascript, locale="da-DK", service_workers="block", **context_options
    )
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

    def watch(request):
        if urlsplit(request.url).scheme not in ("data", "blob") and urlsplit(request.url).hostname not in LOCAL_HOSTS:
            page.foreign_requests.append(request.url)

    if routed:
        page.route("**/*", guard)
    else:
        page.on("request", watch)
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    if url is not None:
        page.goto(url, wait_until="load")
    return page
