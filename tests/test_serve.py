"""`mkdocs serve` shows an editor's YAML edit on the rebuilt page (the time it takes is measured by
scripts/benchmark.py, not here)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except Exception:
        return None


def _wait_for(url: str, text: str, proc: subprocess.Popen, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, "mkdocs serve stopped"
        body = _get(url)
        if body and text in body:
            return body
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {text!r}")


@pytest.mark.long
def test_a_yaml_edit_shows_on_the_page_under_serve(data_copy: Path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    offer = data_copy / "offers" / "roedovre-skaeve-boliger.yaml"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_DATA_DIR=str(data_copy))
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}/tilbud/roedovre-skaeve-boliger/"
        _wait_for(url, "<h1", proc)
        time.sleep(1)  # let the watcher settle after the first build
        text = offer.read_text("utf-8")
        offer.write_text(text.replace("\nname: ", "\nname: Rettet navn – ", 1), "utf-8")
        _wait_for(url, "Rettet navn – ", proc)
        # A data edit writes the search index again (live_update.py): it still answers.
        assert _get(f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
