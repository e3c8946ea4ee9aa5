"""A cache of files already read and validated, so a repeated check or rebuild reads only what changed.

Each entry is keyed by the file's path and the SHA-256 of its bytes; the whole cache belongs to one
data root (one cache file each) and one version of the code (every module of this package and the
library versions count), so an edit to a file or to the rules simply misses. Checks across files (references, secrets,
dates) always run on the full set: only the work that depends on one file alone is kept.

The cache lives in the user's cache directory (XDG_CACHE_HOME or ~/.cache), never in the repository:
it is a pickle, and a pull request must not be able to plant one. UDSATTE_CACHE=0 turns it off.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).parent


# What one file's result depends on: the reading, guarding and validating code, which is all in this
# package (macros/data). The site and the exports may change without emptying the cache.
def _rule_modules() -> list[Path]:
    return sorted(_PACKAGE.glob("*.py"))


def _code_version() -> str:
    digest = hashlib.sha256()
    for module in _rule_modules():
        digest.update(module.name.encode() + module.read_bytes())
    for library in ("pydantic", "pydantic-core", "PyYAML"):
        digest.update(f"{library}={version(library)}".encode())
    return digest.hexdigest()


def _cache_file(root: Path) -> Path | None:
    if os.environ.get("UDSATTE_CACHE", "1") == "0":
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "udsatte-site"
    return base / f"{hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:32]}.pickle"


def _forget_old(folder: Path, days: int = 30) -> None:
    """Data roots come and go (clones, test folders): a cache unused for a month is removed."""
    limit = time.time() - days * 86400
    for stale in folder.glob("*.pickle"):
        try:
            if stale.stat().st_mtime < limit:
                stale.unlink()
        except OSError:
            pass


class RecordCache:
    """`get(path, raw)` → the stored result for exactly these bytes, or None; `put` stores a new one."""

    def __init__(self, root: Path):
        self.file = _cache_file(root)
        self.code = _code_version()
        self.entries: dict[str, tuple[str, Any]] = {}
        self.used: set[str] = set()
        self.changed = False
        if self.file is not None and self.file.is_file():
            gc.disable()  # a million small objects: the collector would run hundreds of times for nothing
            try:
                with self.file.open("rb") as handle:
                    if pickle.load(handle) == self.code:  # the entries are read only for this code
                        self.entries = pickle.load(handle)
            except Exception:  # a damaged or foreign cache is only a miss
                pass
            finally:
                gc.freeze()  # and later collections need not walk them again: they live as long as the build
                gc.enable()

    def get(self, path: str, raw: bytes) -> Any | None:
        """The result stored for the file `path` if it was read from exactly the bytes `raw`, else None."""
        self.used.add(path)
        entry = self.entries.get(path)
        if entry is not None and entry[0] == hashlib.sha256(raw).hexdigest():
            return entry[1]
        return None

    def put(self, path: str, raw: bytes, value: Any) -> None:
        """Store `value` (picklable) as the result for `path` read from `raw`; written by `save`."""
        self.used.add(path)
        self.entries[path] = (hashlib.sha256(raw).hexdigest(), value)
        self.changed = True

    def save(self) -> None:
        """Write the entries of the files seen in this run (deleted files drop out), atomically."""
        if self.file is None or not (self.changed or set(self.entries) != self.used):
            return
        keep = {path: entry for path, entry in self.entries.items() if path in self.used}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.file.parent, delete=False) as handle:
                pickle.dump(self.code, handle, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(keep, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, self.file)
            _forget_old(self.file.parent)
        except OSError:
            pass  # a read-only home is no reason to fail a check
