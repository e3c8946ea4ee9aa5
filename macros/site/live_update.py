"""Under `mkdocs serve`: after an edit to the data alone, re-render only the pages that the edit changes.

MkDocs rebuilds the whole site for every saved file. When every file changed since the last build lies in the
data folders (municipalities/, offers/, vocabularies/ ...), `Builder` instead keeps the last build's config, files,
navigation and theme and

1. loads the data again through the plugins' own on_config (ours reads it, the record cache makes unchanged files
   cheap, and an error stops with the same Danish message as a build; the macros plugin registers the macros on it,
   with the git facts of the build before: `_git_info_as_before`);
2. makes the generated files again (SitePlugin.generated_files): a page added or removed, or a page's address or
   edit link moved, takes a full rebuild; a changed page or export replaces the old one's content;
3. makes every page's Markdown again (MkDocs' steps up to on_page_markdown, the macros included) and compares it,
   the page's meta and the HTML of a page rendered straight to HTML (html_pages.py) with what the page was last
   rendered from (SitePlugin.page_key, page_keys); only the pages that differ
   (the record's own page and every index, guide or comparison that quotes it) are rendered and written, through
   MkDocs' own steps (mkdocs/commands/build.py: the second half of _populate_page, then _build_page);
4. checks the anchors of every page and writes the theme's 404 page and sitemap, as a build does;
5. writes the search index again, in a thread, so the edited page shows without waiting for it: the pages
   rendered went to the running Pagefind as in a build (the plugin's on_post_page, search_feed.py), each replacing
   its old text, so the index is that of a fresh build.

What a page shows besides its Markdown is compared too: a change to the glossary or the municipalities' names
(SitePlugin.content_key), to the secrets the last guard looks for (SitePlugin.guard_key) or to a title in the
navigation takes a full rebuild, as does any edit outside the data (the code in macros/, content/, mkdocs.yml,
overrides/) and any failure after the first page has changed.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from mkdocs.commands.build import _build_page, _build_theme_template
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

log = logging.getLogger("mkdocs.plugins.udsatte")

Stamps = dict[str, tuple[int, int]]
"""A file's path → (modification time in ns, size)."""


@contextlib.contextmanager
def _git_info_as_before(config) -> Iterator[None]:
    """While it lasts, mkdocs-macros' `git` variable is the one of the build before, not asked of git again.

    The macros plugin runs a dozen `git` processes in every on_config (mkdocs_macros.context.get_git_info), tens of
    milliseconds that a data edit does not change and no page can show: a page may use only the site's macros and its
    own fields (page_templates.py). Relies on that function and the plugin's `variables` (mkdocs-macros 1.x); when
    either is missing, git is asked as before.
    """
    context = sys.modules.get("mkdocs_macros.context")
    plugin = config.plugins.get("macros")
    before = getattr(plugin, "variables", None) if plugin is not None else None
    asked = getattr(context, "get_git_info", None)
    if not callable(asked) or not isinstance(before, Mapping) or not isinstance(before.get("git"), dict):
        yield
        return
    kept = copy.deepcopy(before["git"])
    context.get_git_info = lambda: copy.deepcopy(kept)  # type: ignore[union-attr]
    try:
        yield
    finally:
        context.get_git_info = asked  # type: ignore[union-attr]


class FullBuildNeededError(Exception):
    """The edit changes more than some pages: the site is rebuilt as a whole."""


def stamps(paths: Iterable[Path]) -> Stamps:
    """(modification time, size) of every file below `paths` (files or folders); Python's caches left out."""
    found: Stamps = {}
    for path in paths:
        if path.is_file():
            stat = path.stat()
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, dirs, names in os.walk(path):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for name in names:
                if not name.endswith(".pyc"):
                    try:
                        stat = os.stat(os.path.join(folder, name))
                    except OSError:  # removed while we looked: the next look sees it gone
                        continue
                    found[os.path.join(folder, name)] = (stat.st_mtime_ns, stat.st_size)
    return found


def changed(before: Stamps, after: Stamps) -> set[str]:
    """The files added, removed or changed between two looks."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def only_data(paths: Iterable[str], data_folders: Iterable[Path]) -> bool:
    """Whether every one of `paths` lies in one of the data folders."""
    folders = [Path(folder) for folder in data_folders]
    return all(any(Path(path).is_relative_to(folder) for folder in folders) for path in paths)


class Builder:
    """Stands in for `mkdocs serve`'s builder: a partial rebuild when only data changed, else MkDocs' full one.

    `plugin` is the SitePlugin, `full` the builder MkDocs gave the server, `config` the config of the first build
    (which has just finished when this is made).
    """

    def __init__(self, plugin, full: Callable[[], None], config) -> None:
        self.plugin = plugin
        self.full = full
        self.data_folders = plugin.data_folders()
        package = Path(__file__).resolve().parent.parent
        self.watched = [
            *self.data_folders,
            Path(config.docs_dir),
            Path(config.config_file_path),
            package,
            *([Path(config.theme.custom_dir)] if config.theme.custom_dir else []),
            *(Path(item) for item in config.watch),
        ]
        self.site: LiveSite | None = LiveSite(plugin, stamps(self.watched))
        self.rendered: list[str] | None = None  # the pages the last rebuild rendered when partial; None when full

    def __call__(self) -> None:
        """Rebuild after an edit: only the changed pages when only data changed and that suffices, else all."""
        now = stamps(self.watched)
        site = self.site
        if site is not None and only_data(changed(site.stamps, now), self.data_folders):
            self.site = None  # until the update is through: a failure half-way leaves a full rebuild next
            try:
                rendered = site.update(now)
            except FullBuildNeededError as why:
                log.info(f"Hele sitet bygges igen: {why}")
            except _Refused:
                self.site = site  # the data has errors and nothing has changed: the next edit may mend them
                raise
            else:
                self.site, self.rendered = site, rendered
                return
        self.site = self.rendered = None
        self.full()
        self.site = LiveSite(self.plugin, now)


class _Refused(Abort):
    """The data has errors (the plugin's Abort, with its Danish message); nothing of the last build has changed."""


class LiveSite:
    """What the last build made (kept by the plugin's on_nav, on_env and on_page_content), and the partial rebuild."""

    def __init__(self, plugin, stamps_: Stamps) -> None:
        self.plugin = plugin
        self.stamps = stamps_  # the files as they were when the build began
        built = plugin.built
        self.config = built["config"]
        self.files: Files = built["files"]
        self.nav = built["nav"]
        self.env = built["env"]
        self.content_key = plugin.content_key()
        self.guard_key = plugin.guard_key
        self.titles = self._nav_titles()
        self.generated = {file.src_uri for file in self.files if file.generated_by is not None}

    def _nav_titles(self) -> list[str | None]:
        return [page.title for page in self.nav.pages]

    def update(self, now: Stamps) -> list[str]:
        """Re-render the pages the data's edit changes; return their sources (docs_dir paths), in the site's order.

        Raises Abort (as `_Refused`) for data with errors, Abort for a page the last guard or strict mode refuses,
        FullBuildNeededError when the edit changes more than pages.
        """
        started = time.perf_counter()
        config, files, plugin = self.config, self.files, self.plugin
        counter = CountHandler()
        counter.setLevel(logging.WARNING)
        if config.strict:
            logging.getLogger("mkdocs").addHandler(counter)
        try:
            try:
                with _git_info_as_before(config):
                    config = config.plugins.on_config(config)
            except Abort as exc:
                raise _Refused(exc.message) from None
            config.plugins.on_pre_build(config=config)
            plugin.wait_for_search_index()  # the last partial rebuild's, written in a thread
            if plugin.search_feed is None or not plugin.search_feed.running:
                raise FullBuildNeededError("søgeindekseringen (Pagefind) kører ikke længere")
            if plugin.content_key() != self.content_key:
                raise FullBuildNeededError("ordlisten eller kommunernes navne er ændret, og de står på alle sider")
            if plugin.guard_key != self.guard_key:
                raise FullBuildNeededError("de hemmelige oplysninger er ændret, så alle sider tjekkes igen")
            plugin.sandbox_macros(config)
            rewritten = self._replace_generated(config)
            config.plugins.on_nav(self.nav, config=config, files=files)
            doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            pages = [file.page for file in doc_files if file.page is not None]
            stale = [page for page in pages if self._read(page)]
            for page in stale:
                self._render(page)
            if self._nav_titles() != self.titles:
                raise FullBuildNeededError("en titel i menuen er ændret")
            for name in config.theme.static_templates:  # the 404 page and the sitemap, as a build writes them
                _build_theme_template(name, self.env, files, config, self.nav)
            plugin.page_problems = []
            for page in stale:
                _build_page(page, config, doc_files, self.nav, self.env, excluded=page.file.inclusion.is_excluded())
            for file in rewritten:
                file.copy_file()
            for page in pages:
                page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
            if plugin.page_problems:
                raise Abort("Sitet kan ikke bygges, fordi en færdig side har fejl:\n" + "\n".join(plugin.page_problems))
            plugin.write_search_index_soon(config)
            if counts := counter.get_counts():
                raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
        finally:
            logging.getLogger("mkdocs").removeHandler(counter)
        self.stamps = now
        log.info(
            f"Kun de berørte sider er bygget igen: {len(stale)} af {len(pages)} på "
            f"{time.perf_counter() - started:.2f} s; søgeindekset skrives nu"
        )
        return [page.file.src_uri for page in stale]

    def _replace_generated(self, config) -> list[File]:
        """Make the generated files again; give the changed ones their new content; return the non-page ones.

        Raises FullBuildNeededError when the set of files, an address or an edit link differs from the last build's.
        """
        made = {file.src_uri: file for file in self.plugin.generated_files(self.files, config)}
        old = {uri: self.files.get_file_from_path(uri) for uri in made}
        if set(made) != self.generated:
            raise FullBuildNeededError("en side er kommet til eller forsvundet")
        rewritten = []
        for uri, new in made.items():
            before = old[uri]
            assert before is not None
            if (new.dest_uri, new.edit_uri) != (before.dest_uri, before.edit_uri):
                raise FullBuildNeededError(f"{uri} har fået en anden adresse eller fil")
            content = new.content_bytes
            if content != before.content_bytes:
                before.content_bytes = content
                if not before.is_documentation_page():
                    rewritten.append(before)
        return rewritten

    def _read(self, page: Page) -> bool:
        """MkDocs' reading of a page up to on_page_markdown (_populate_page); whether it changed since rendered."""
        config = self.config
        with self._current(page):
            page = config.plugins.on_pre_page(page, config=config, files=self.files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=self.files)
        return self.plugin.page_keys.get(page.file.src_uri) != self.plugin.page_key(page)

    def _render(self, page: Page) -> None:
        """The rest of MkDocs' _populate_page: Markdown to HTML and on_page_content."""
        config = self.config
        with self._current(page):
            page.render(config, self.files)
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=self.files)

    @contextlib.contextmanager
    def _current(self, page: Page) -> Iterator[None]:
        """`page` as the config's current page while MkDocs' steps run on it; an error is logged as MkDocs does."""
        self.config._current_page = page
        try:
            yield
        except Exception as exc:
            log.error(f"Error reading page '{page.file.src_uri}': {exc}")
            raise
        finally:
            self.config._current_page = None
