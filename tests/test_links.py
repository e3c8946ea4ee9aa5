"""No broken internal link or anchor: linkchecker over the built site, served by a real HTTP server."""
from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import ROOT


class _Handler(SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("LinkChecker", "allow")  # lifts linkchecker's 10 requests a second limit
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002
        pass


def run_linkchecker(site: Path) -> subprocess.CompletedProcess:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        exe = shutil.which("linkchecker") or str(Path(sys.executable).parent / "linkchecker")
        return subprocess.run([exe, "--config", str(ROOT / "tests" / "linkcheckerrc"), "--no-status",
                               f"http://127.0.0.1:{server.server_address[1]}/"],
                              capture_output=True, text=True, timeout=900)
    finally:
        server.shutdown()
        server.server_close()


def test_no_broken_internal_links_or_anchors(built_site):
    result = run_linkchecker(built_site)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert "0 errors found" in result.stdout, result.stdout[-3000:]


def test_linkchecker_does_find_a_broken_link_and_anchor(tmp_path):
    (tmp_path / "index.html").write_text('<html lang="da"><body><a href="mangler/">x</a> '
                                         '<a href="side.html#findes-ikke">y</a></body></html>', "utf-8")
    (tmp_path / "side.html").write_text('<html lang="da"><body><h1 id="findes">z</h1></body></html>', "utf-8")
    result = run_linkchecker(tmp_path)
    assert result.returncode == 1
    assert "mangler/" in result.stdout and "findes-ikke" in result.stdout
