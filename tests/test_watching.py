"""Under `mkdocs serve`, the server learns of edits from the system's file events (macros/site/watching.py): an edit
starts a rebuild, reading a file does not, a file saved by renaming a new one over it is still seen, and a server
that is not as expected keeps MkDocs' polling. How fast is measured by scripts/benchmark.py, not here."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from macros.site import watching


class _Served:
    """A LiveReloadServer serving a folder in a thread, with a builder that counts its calls."""

    def __init__(self, tmp_path: Path) -> None:
        self.builds = 0
        self.thread: threading.Thread | None = None
        self.built = threading.Condition()
        site = tmp_path / "site"
        site.mkdir()
        self.server = LiveReloadServer(builder=self._build, host="127.0.0.1", port=0, root=str(site))

    def _build(self) -> None:
        with self.built:
            self.builds += 1
            self.built.notify_all()

    def wait_for_builds(self, count: int, seconds: float = 30) -> None:
        with self.built:
            assert self.built.wait_for(lambda: self.builds >= count, timeout=seconds), (
                f"{count} builds expected, {self.builds} seen"
            )

    def quiet(self) -> None:
        """Wait until events already under way have been taken (longer than the server's build_delay)."""
        time.sleep(self.server.build_delay + 0.4)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[_Served]:
    """The server, not yet serving; `_start` starts it, and it is shut down after the test."""
    served = _Served(tmp_path)
    yield served
    if served.thread is not None:
        served.server.shutdown(wait=True)
        served.thread.join(timeout=10)


def _start(served: _Served) -> None:
    served.thread = threading.Thread(target=served.server.serve, daemon=True)
    served.thread.start()
    deadline = time.monotonic() + 10
    while not served.server.serve_thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_an_edit_starts_a_rebuild_and_reading_does_not(served: _Served, tmp_path: Path):
    data = tmp_path / "offers"
    data.mkdir()
    offer = data / "tilbud.yaml"
    offer.write_text("name: Et tilbud\n", "utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", "utf-8")
    served.server.watch(str(data))
    served.server.watch(str(config))

    assert watching.use_native_events(served.server)
    assert not isinstance(served.server.observer, PollingObserver)
    _start(served)
    served.quiet()

    offer.read_text("utf-8")  # as a build reads the data: no rebuild
    config.read_text("utf-8")
    served.quiet()
    offer.write_text("name: Et rettet tilbud\n", "utf-8")
    served.wait_for_builds(1)
    served.quiet()
    assert served.builds == 1

    # Saved as many editors do: a new file renamed over the old one, also for the single file watched.
    fresh = tmp_path / "mkdocs.yml.tmp"
    fresh.write_text("site_name: y\n", "utf-8")
    os.replace(fresh, config)
    served.wait_for_builds(2)
    served.quiet()
    (data / "nyt-tilbud.yaml").write_text("name: Endnu et\n", "utf-8")
    served.wait_for_builds(3)
    # A file next to the watched single file, in no watched folder, is not an edit; nor is Python's cache.
    served.quiet()
    (tmp_path / "README.md").write_text("noget andet\n", "utf-8")
    (data / "__pycache__").mkdir()
    (data / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    served.quiet()
    assert served.builds == 3


def test_a_server_unlike_mkdocs_1_6_is_left_polling(tmp_path: Path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path))
    observer = server.observer
    del server._watched_paths  # say a later MkDocs keeps its watches elsewhere

    assert not watching.use_native_events(server)
    assert server.observer is observer
    server.server_close()

    class _NoObserver:  # what the tests' stand-in for the server has: watch() and a builder
        builder = None

        def watch(self, path: str) -> None:
            pass

    assert not watching.use_native_events(_NoObserver())


def test_when_the_native_observer_cannot_start_the_server_is_as_before(tmp_path: Path, monkeypatch):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path))
    server.watch(str(tmp_path))
    observer, watched, refs = server.observer, dict(server._watched_paths), dict(server._watch_refs)

    def refuse(self) -> None:
        raise OSError(24, "inotify instance limit reached")

    monkeypatch.setattr(watching.ChangeObserver, "start", refuse)
    assert not watching.use_native_events(server)
    assert server.observer is observer
    assert (server._watched_paths, server._watch_refs) == (watched, refs)
    server.server_close()
