"""Generated files whose content is made when MkDocs first reads it, not when the file is added.

A shard build (shards.py) keeps every file in MkDocs' Files, so that a link to any page or download is checked, but
writes only its own share: a file made here costs nothing until it is read, so a vCard or a download left to
another shard is never made. A whole build reads each file once, when it writes it.

MkDocs' File keeps a generated file's content in `_content`, which its content_bytes, content_string, copy_file and
is_modified read (File.generated; the attribute's docstring names those as its readers). DeferredFile makes
`_content` a property that calls `make` the first time it is read; tests/test_shards.py checks that MkDocs' File
still reads it that way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel


class DeferredFile(File):
    """A generated file whose content `make` returns (str or bytes), called once, when MkDocs first reads it.

    An exception from `make` reaches whoever read the file (MkDocs, while it writes the file).
    """

    _make: Callable[[], str | bytes] | None = None
    _made: str | bytes | None = None
    # While set (hold_writes), MkDocs' copy_file only notes the file here: write_held writes it later.
    _held: list[tuple[DeferredFile, bool]] | None = None

    @classmethod
    def deferred(
        cls,
        config: MkDocsConfig,
        src_uri: str,
        make: Callable[[], str | bytes],
        inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
    ) -> DeferredFile:
        """A file at `src_uri` in docs_dir, as File.generated makes it, with its content from `make`."""
        file = cls.generated(config, src_uri, content=b"", inclusion=inclusion)
        assert isinstance(file, DeferredFile)
        file._make = make
        return file

    def copy_file(self, dirty: bool = False) -> None:
        """Write the file into site_dir (File.copy_file), or, while its writing is held, note it for write_held."""
        if self._held is not None:
            self._held.append((self, dirty))
            return
        super().copy_file(dirty)

    @property
    def _content(self) -> str | bytes | None:
        if self._make is not None:
            self._made, self._make = self._make(), None
        return self._made

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self._made, self._make = value, None


def hold_writes(files: Iterable[File]) -> list[tuple[DeferredFile, bool]]:
    """Hold the writing of every DeferredFile of `files`: MkDocs' copy of the static files only notes them.

    The list it notes them in (with MkDocs' `dirty`) is returned; `write_held` writes them. So their content can be
    made at the end of the build, while Pagefind builds the search index on the other core (plugin.on_post_build).
    """
    held: list[tuple[DeferredFile, bool]] = []
    for file in files:
        if isinstance(file, DeferredFile):
            file._held = held
    return held


def write_held(held: list[tuple[DeferredFile, bool]]) -> None:
    """Write the files `hold_writes` held, in the order MkDocs asked for them; an error from `make` is raised."""
    for file, dirty in held:
        file._held = None
        file.copy_file(dirty)
    held.clear()
