"""Under `mkdocs serve`: the operating system's file events instead of MkDocs' polling, so an edit is seen at once.

MkDocs 1.6's LiveReloadServer watches with watchdog's PollingObserver, which looks at every watched file twice a
second: an edit waits 0.25 s on average (up to 0.5 s) before the rebuild starts, and the looking costs CPU all the
time. `use_native_events` gives the server watchdog's native observer (inotify on Linux, FSEvents on macOS ...)
with the same paths and MkDocs' own handlers, before the server starts it. It relies on three things of MkDocs'
that are not its public API: the server's `observer` attribute (a watchdog observer, not yet started when plugins'
on_serve runs), its `_watched_paths` (path → how often watched) and `_watch_refs` (path → watchdog's watch), kept
by its public watch()/unwatch(). When any of them is missing or different, or the native observer cannot start
(say the system's inotify limits are reached), the server is left exactly as it was, polling, and the reason is
logged: a change in MkDocs costs speed, never the server.

Two differences from polling are handled here. A native observer also reports reads (a file opened or closed
without writing), which MkDocs would take for edits, and the build itself reads the watched files, so only events
that change something are passed on (`CHANGES`), and none about Python's caches (__pycache__, as live_update.py
ignores them). A single watched file (mkdocs.yml) is watched through its folder, so an editor that saves by writing
a new file and renaming it over the old one is still seen.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.udsatte")

CHANGES = frozenset({"created", "deleted", "modified", "moved", "closed", "attrib"})
"""The watchdog event types that mean a file changed ('closed' is a close after writing); reads are left out."""


class _OnlyChanges(FileSystemEventHandler):
    """Passes on to `handler` the events that change a file, and, when `only` is set, only those about that path."""

    def __init__(self, handler: FileSystemEventHandler, only: str | None = None) -> None:
        super().__init__()
        self.handler = handler
        self.only = only

    def dispatch(self, event: FileSystemEvent) -> None:
        """Pass `event` on when it changes a file that counts."""
        if event.event_type not in CHANGES:
            return
        paths = {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")} - {""}
        if self.only is not None and self.only not in paths:
            return
        if all("__pycache__" in path.split(os.sep) for path in paths):
            return  # Python's compiled modules, written when the code is reloaded: not an edit (as in live_update)
        self.handler.dispatch(event)


class ChangeObserver(Observer):  # type: ignore[misc,valid-type]  # Observer is the platform's class, chosen at import
    """The platform's native watchdog observer, passing on only changes, and watching a single file through its folder.

    start() may be called again while it runs (the server calls it after use_native_events has), and does nothing then.
    """

    def schedule(
        self, event_handler: FileSystemEventHandler, path: str | os.PathLike[str], *, recursive: bool = False, **kw: Any
    ) -> ObservedWatch:
        """Watch `path` (a folder, or a file through its folder) for changes, as watchdog's own scheduling does."""
        path = os.path.abspath(os.fspath(path))
        if os.path.isfile(path):
            return super().schedule(_OnlyChanges(event_handler, path), os.path.dirname(path), recursive=False, **kw)
        return super().schedule(_OnlyChanges(event_handler), path, recursive=recursive, **kw)

    def start(self) -> None:
        """Start watching, unless already started."""
        if not self.is_alive():
            super().start()


def use_native_events(server: Any) -> bool:
    """Give MkDocs' LiveReloadServer `server` the native observer instead of its polling one, with the same watches.

    Returns whether it did; when not (MkDocs' server is not as described above, the platform has no native observer,
    or it cannot start), `server` is as it was and still polls. Must run before the server starts (plugins' on_serve).
    """
    old = getattr(server, "observer", None)
    watched = getattr(server, "_watched_paths", None)
    refs = getattr(server, "_watch_refs", None)
    if Observer is PollingObserver:
        return _polling("watchdog har ingen hændelser fra styresystemet her")
    if not (
        isinstance(old, PollingObserver)
        and not old.is_alive()
        and isinstance(watched, dict)
        and isinstance(refs, dict)
        and callable(getattr(server, "watch", None))
    ):
        return _polling("MkDocs' server overvåger ikke, som denne version af sitet forventer")
    native = ChangeObserver()
    try:
        server.observer, server._watched_paths, server._watch_refs = native, {}, {}
        for path, count in watched.items():
            for _ in range(count):
                server.watch(path)
        native.start()
    except Exception as exc:  # any failure leaves MkDocs' own polling in place
        server.observer, server._watched_paths, server._watch_refs = old, watched, refs
        if native.is_alive():
            native.stop()
        return _polling(f"{type(exc).__name__}: {exc}")
    old.unschedule_all()
    log.debug("Filerne overvåges med styresystemets hændelser (watchdog)")
    return True


def _polling(reason: str) -> bool:
    log.info(f"Filerne overvåges ved at se efter ændringer to gange i sekundet: {reason}")
    return False
