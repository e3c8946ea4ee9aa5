"""The MkDocs plugin that loads the data once per build, refuses a build from bad data, and adds the generated pages."""

from __future__ import annotations

import functools
import hashlib
import importlib
import logging
import threading
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

import jinja2
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.plugins.udsatte")

# Our modules in dependency order, so that `mkdocs serve` can pick up edits to the Python code.
_PACKAGE = Path(__file__).resolve().parent.parent
_MODULES = (
    "data.clock",
    "data.vocabulary",
    "data.problems",
    "data.characters",
    "data.links",
    "data.models",
    "data.loader",
    "data.routes",
    "data.messages",
    "data.active_content",
    "data.guards",
    "data.citations",
    "data.patterns",
    "data.secret_match",
    "data.collation",
    "data.glossary",
    "data.emergency",
    "data.record_cache",
    "data.public_view",
    "data.catalog",
    "data.formatting",
    "site.render",
    "site.blocks",
    "exports.vcard",
    "site.next_step",
    "site.views",
    "site.html_pages",
    "site.deferred_files",
    "site.scope",
    "site.quotes",
    "site.diagrams",
    "site.comparison",
    "site.glossary",
    "site.onboarding",
    "site.catalogue",
    "site.pages",
    "exports.open_data",
    "site.freshness",
    "site.field_reference",
    "tools.scaffold",
    "site.repository",
    "site.tonight",
    "site.todo",
    "site.site_macros",
    "site.search",
    "site.search_feed",
    "site.page_templates",
    "site.page_guard",
    "site.site_config",
    "site.live_update",
    "site.watching",
    "site.shards",
    "site.chrome",
)


def _code_stamp() -> tuple:
    """(path, modification time in ns) of every Python file of the package, to tell an edit to the code."""
    return tuple((str(f), f.stat().st_mtime_ns) for f in sorted(_PACKAGE.rglob("*.py")))


def _refuse_links(files: Files, docs_dir: Path) -> None:
    """The last guard behind the data check: a file of docs_dir that is not itself, under its own name, stops it.

    MkDocs follows symbolic links in docs_dir and would publish what they point at (say /etc/passwd). Raises Abort.
    """
    docs = docs_dir.resolve()
    for file in files:
        source = file.abs_src_path
        if source is None or Path(source) != docs_dir / file.src_uri:  # generated, or the theme's
            continue
        if Path(source).resolve() != docs / file.src_uri:
            raise Abort(
                f"Sitet kan ikke bygges: {docs_dir.name}/{file.src_uri} er et symbolsk link eller ligger i "
                "en mappe, der er det. Sitet følger ikke links; læg selve filen i arkivet"
            )


def _refusing_vcards(make: Callable[[], str]) -> Callable[[], str]:
    """`make` (a vCard's), with the vCard's refusal of a value it cannot hold safely (vcard.py) as Abort."""

    def made() -> str:
        try:
            return make()
        except ValueError as exc:
            raise Abort(f"Siderne kan ikke skrives: {exc}") from None

    return made


def _own_diagram_ids(body: Callable[[], str], keep: bool) -> Callable[[], str]:
    """`body` (a page rendered straight to HTML), numbering its diagrams' ids from 1 (diagrams.reset_ids).

    A page's ids then do not depend on which pages were rendered before it, or whether (a shard build renders only
    some). With `keep` (under `mkdocs serve`, where the body is compared after each edit), rendered once and kept.
    """

    def made() -> str:
        importlib.import_module("macros.site.diagrams").reset_ids()
        return body()

    return functools.cache(made) if keep else made


def _add(files: Files, outputs: dict[str, str], file: File) -> None:
    """Add a generated file, unless its path or its address is taken; raises Abort on a clash.

    The check in routes.py should have said so already: this is the last guard against one page silently replacing
    another. `outputs` maps every output path, and "src:" + every source path, to the source path.
    """
    if file.dest_uri in outputs or f"src:{file.src_uri}" in outputs:
        other = outputs.get(file.dest_uri) or file.src_uri
        raise Abort(
            f"Sitet kan ikke bygges: den genererede side {file.src_uri} får samme adresse "
            f"({file.dest_uri}) som {other}. Giv posten et andet id"
        )
    outputs[file.dest_uri] = outputs[f"src:{file.src_uri}"] = file.src_uri
    files.append(file)


class SiteConfig(Config):
    """The plugin's settings in mkdocs.yml.

    `data_dir`: the data's folder relative to mkdocs.yml (default '.'); `shard`: 'k/n' to build only part k of n
    of the site (see shards.py), empty for the whole site.
    """

    data_dir = config_options.Type(str, default=".")
    shard = config_options.Type(str, default="")


class SitePlugin(BasePlugin[SiteConfig]):
    """Loads the catalog in on_config and keeps only its public view, `self.catalog`.

    It runs before the macros plugin, which is listed after it; the public view is the one source of every page,
    macro, search entry and export.
    """

    serving = False
    live = None  # under serve: what the last full build knew, for the next partial rebuild (live_update.LiveSite)
    code_stamp: tuple | None = None  # our modules' modification times when they were (re)loaded
    shard = None  # shards.Shard when this build renders only one part of the site (SITE_SHARD)
    shard_excluded: frozenset[str] | set[str] = frozenset()  # src_uris left to the other shards (see on_nav)
    composite_pages: frozenset[str] | set[str] = frozenset()  # generated pages made of many records (see on_files)
    vcards: frozenset[str] | set[str] = frozenset()  # the src_uris of the vCards (see on_files)
    # A page's src_uri → the data file in the repository that its facts come from (see on_files).
    data_files: Mapping[str, str] = MappingProxyType({})
    # A page's src_uri → what renders its content, for the pages rendered straight to HTML (see html_pages.py,
    # generated_files); called when the page is rendered.
    html_pages: Mapping[str, Callable[[], str]] = MappingProxyType({})
    # The search index being fed with the finished pages (search_feed.IndexFeed), from on_files to on_post_build;
    # kept under serve, for the partial rebuilds. None in a shard build: the join indexes the joined site.
    search_feed = None
    index_writer: threading.Thread | None = None  # under serve: the thread writing the index (write_search_index_soon)
    chrome = None  # chrome.Chrome: this build's cache of the menu and tabs (see on_nav)
    # A page's src_uri → its HTML, compressed, from on_page_content to on_page_context (not under serve).
    held: dict[str, bytes]
    # The downloads and vCards MkDocs asked to write, written in on_post_build (deferred_files.hold_writes).
    held_files: list

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether MkDocs serves (then edits to the code are reloaded) and the code's state at start."""
        SitePlugin.serving = command == "serve"
        SitePlugin.code_stamp = _code_stamp()
        self.page_keys: dict[str, tuple] = {}  # under serve: page → what it was rendered from (page_key)
        self.built: dict = {}  # under serve: the last build's config, files, nav and theme (on_nav, on_env)

    def on_config(self, config):
        """Load the data from `data_dir` (its public view) and when each file and record last changed.

        Raises Abort, with every problem in Danish, when the data has errors; without `repo_url`, pages get no
        edit links. Under `mkdocs serve`, edited modules of the package are reloaded first.
        """
        if SitePlugin.serving and _code_stamp() != SitePlugin.code_stamp:
            # Only after an edit to the code: reloading rebuilds the models and recompiles the templates,
            # which an edit to the data does not need.
            for name in _MODULES:
                importlib.reload(importlib.import_module(f"macros.{name}"))
            SitePlugin.code_stamp = _code_stamp()
        if not config.repo_url:
            # No repository address: no edit links (rather than links to nowhere); `check --publish` refuses.
            config.edit_uri = None
            config.edit_uri_template = None
        # Too late to stop it: MkDocs has already read mkdocs.yml, and run any Python tag in it. The protection is
        # `python -m macros check`, which scripts/serve.sh, scripts/build.sh and CI run before MkDocs starts and
        # which does not load the file if it has one (site_config.py); this only keeps such a build unpublished.
        refused = importlib.import_module("macros.site.site_config").python_tag_problems(Path(config.config_file_path))
        if refused:
            raise Abort(
                "Sitet kan ikke bygges, fordi mkdocs.yml har et YAML-mærket, der kører kode. MkDocs har allerede "
                "læst filen; kør altid `python -m macros check` først (det gør scripts/build.sh, scripts/serve.sh "
                "og CI), så læses den slet ikke:\n" + importlib.import_module("macros.data.problems").report(refused)
            )
        self.repo_root = Path(config.config_file_path).parent.resolve()
        importlib.import_module("macros.site.diagrams").reset_ids()
        shards = importlib.import_module("macros.site.shards")
        try:
            self.shard = shards.parse_shard(self.config.shard) if self.config.shard.strip() else None
        except shards.ShardError as exc:
            raise Abort(f"Sitet kan ikke bygges: {exc}") from None
        if self.shard and SitePlugin.serving:
            raise Abort("Sitet kan ikke vises: SITE_SHARD gælder kun `mkdocs build`; fjern den for `mkdocs serve`")
        catalog_mod = importlib.import_module("macros.data.catalog")
        problems_mod = importlib.import_module("macros.data.problems")
        public_view = importlib.import_module("macros.data.public_view")
        self.root = (Path(config.config_file_path).parent / self.config.data_dir).resolve()
        try:
            # Only the public view is kept: every output below (pages, macros, search, exports, the field
            # reference) reads it, and the full catalog, with its secrets, is not reachable from here. The last
            # guard on the finished pages keeps only the secrets' patterns and where they belong.
            full = catalog_mod.load_catalog(self.root, content_dir=Path(config.docs_dir))
            self.catalog = public_view.public_view(full)
            secrets = public_view.secrets(full)
            self.page_guard = importlib.import_module("macros.site.page_guard").PageGuard(secrets)
            # What the guard looks for, as a digest (under serve, a change re-checks every page: live_update.py).
            self.guard_key = hashlib.sha256(repr(sorted(map(repr, secrets))).encode()).hexdigest()
            del full, secrets
        except problems_mod.DataError as exc:
            raise Abort("Sitet kan ikke bygges, fordi data har fejl:\n" + str(exc)) from None
        self.source_files: dict[str, str] = {}  # page source → the file it is made from, as shown to editors
        self.page_problems: list[str] = []  # what the last guard found in the finished pages (on_post_page)
        self.held = {}  # pages' HTML between on_page_content and on_page_context (see held)
        self.held_files = []
        for warning in self.catalog.warnings:
            log.info(str(warning))
        freshness = importlib.import_module("macros.site.freshness")
        docs = Path(config.docs_dir)
        self.file_dates = freshness.git_dates(
            self.root,
            [*freshness.FOLDERS, str(docs.relative_to(self.root))]
            if docs.is_relative_to(self.root)
            else list(freshness.FOLDERS),
        )
        self.changes = freshness.record_changes(self.catalog, self.file_dates)
        self.page_dates = {row["page"]: row["date"] for row in self.changes}
        if docs.is_relative_to(self.root):
            prefix = docs.relative_to(self.root).as_posix() + "/"
            self.page_dates.update(
                {path[len(prefix) :]: when for path, when in self.file_dates.items() if path.startswith(prefix)}
            )
        return config

    def on_page_markdown(self, markdown, page, config, files):
        """Every page says when its content last changed, and a page put together from many records says so.

        Both are shown by overrides/main.html, where other pages link to their file; a record page gets the link
        'Meld en fejl' when the repository's address is set.
        """
        repository = importlib.import_module("macros.site.repository")
        # The macros plugin renders the page's diagrams after this (it is listed after this plugin).
        importlib.import_module("macros.site.diagrams").reset_ids("p")
        when = self.page_dates.get(page.file.src_uri)
        if when:
            page.meta["sidst_aendret"] = importlib.import_module("macros.data.formatting").long_date(when)
        # What the theme shows comes from here only, never from a page's own front matter.
        for key in ("sammensat", "fejl_url", "data_fil", "data_url"):
            page.meta.pop(key, None)
        if page.file.src_uri in self.composite_pages:
            page.meta["sammensat"] = True
        data_file = self.data_files.get(page.file.src_uri)
        if config.repo_url and data_file:
            # The data file the page's facts come from, beside (or, for a page made of many records, instead of)
            # the page's own file: a table behind a hand-written page, a municipality's file behind its pages.
            page.meta["data_fil"] = data_file
            page.meta["data_url"] = repository.edit_url(config.repo_url, config.edit_uri, data_file)
        record_file = page.file.edit_uri or ""
        if config.repo_url and record_file.startswith(repository.RECORD_FOLDERS):
            # 'Meld en fejl' on every record page: a plain link to a prefilled issue, no request until clicked.
            page.meta["fejl_url"] = repository.report_url(
                config.repo_url,
                config.site_url,
                page.url,
                record_file,
                page.meta.get("title") or page.title or record_file,
            )
        return markdown

    def on_page_content(self, html, page, config, files):
        """Record pages get their HTML (html_pages.py); glossary terms are explained where they stand (glossary.py).

        A hand-written page whose rendered HTML holds code for the browser (a `<script>`, an `onclick=`, a
        `javascript:` link, see active_content.py) stops the build: the check of its text cannot see what its
        macro code puts together.
        """
        body = self.html_pages.get(page.file.src_uri)
        if body is not None:
            html = importlib.import_module("macros.site.html_pages").into_page(body(), page, config, files)
        if page.file.generated_by is None:
            found = importlib.import_module("macros.data.active_content").active_content(html)
            if found:
                raise Abort(
                    f"Sitet kan ikke bygges: {Path(config.docs_dir).name}/{page.file.src_uri}: efter makroerne "
                    f"indeholder siden kode, der kører i læserens browser: {found[0][1]}"
                )
        glossary = importlib.import_module("macros.site.glossary")
        target = files.get_file_from_path(glossary.GLOSSARY_PAGE)
        link = get_relative_url(target.url, page.url) if target else None
        html = glossary.explain_page(
            html, page.url, link, self.catalog, box=page.file.src_uri != glossary.GLOSSARY_PAGE
        )
        # On the onboarding path: the line that names the reader's municipality when the address has one.
        onboarding = importlib.import_module("macros.site.onboarding")
        if onboarding.shows_choice(page.file.src_uri):
            routes = importlib.import_module("macros.data.routes")
            html = onboarding.with_reading_as(
                html,
                onboarding.reading_as(
                    self.catalog, lambda path: get_relative_url(routes.url_of(routes.output_of(path)), page.url)
                ),
            )
        if SitePlugin.serving:  # what the page was made from, to tell later which pages an edit changes
            self.page_keys[page.file.src_uri] = self.page_key(page)
            return html
        # MkDocs renders every page's HTML before it puts any page in the theme: held compressed until then
        # (on_page_context), a build does not hold every page's HTML at once.
        self.held[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    def on_page_context(self, context, page, config, nav):
        """The page's HTML, held compressed since on_page_content, back for the theme (and let go in on_post_page)."""
        held = self.held.pop(page.file.src_uri, None)
        if held is not None:
            page.content = zlib.decompress(held).decode("utf-8")
        return context

    def page_key(self, page) -> tuple[str, str, str | None]:
        """What a page is made from: its Markdown, its meta and, for a page rendered straight to HTML, its HTML.

        Under `mkdocs serve`, a page whose key changed since it was rendered is rendered again (live_update.py).
        """
        body = self.html_pages.get(page.file.src_uri)
        return (page.markdown, repr(page.meta), body() if body else None)

    def content_key(self) -> tuple:
        """What on_page_content reads from the catalog besides the page: the glossary and the municipalities' names.

        Under `mkdocs serve`, a change to it makes the next rebuild a full one (live_update.py): keep the two in step.
        """
        glossary = importlib.import_module("macros.site.glossary")
        return (
            tuple(self.catalog.glossary.values()),
            tuple(glossary.entries(self.catalog).items()),
            tuple((m.id, m.name) for m in self.catalog.municipalities_sorted()),
        )

    def on_files(self, files: Files, config) -> Files:
        """Add the generated pages, the open-data exports and the catalogue's index to the files.

        Each page's edit link leads to its Markdown file or its record's YAML. Raises Abort for a hand-written page
        with broken macros, a symbolic link in docs_dir, a clash of addresses or a value a vCard cannot hold.
        """
        self._check_page_templates(files, config)
        _refuse_links(files, Path(config.docs_dir))
        outputs = {key: f.src_uri for f in files for key in (f.dest_uri, f"src:{f.src_uri}")}
        for file in self.generated_files(files, config):
            _add(files, outputs, file)
        self._start_search_feed(config)
        return files

    def _start_search_feed(self, config) -> None:
        """Start the search index that on_post_page feeds (search_feed.py); not in a shard build.

        Called from on_files, which only a full build runs (a partial rebuild under serve keeps the running one).
        Raises Abort if Pagefind cannot be started.
        """
        self.close_search_feed()
        if self.shard is not None:
            return
        search = importlib.import_module("macros.site.search")
        try:
            self.search_feed = importlib.import_module("macros.site.search_feed").IndexFeed(str(config.site_dir))
        except search.SearchIndexError as exc:
            raise Abort(f"Søgeindekset kunne ikke bygges, så sitet er ikke færdigt: {exc}") from None

    def close_search_feed(self) -> None:
        """Stop the search index's Pagefind, if one runs (a new full build, or a build that failed)."""
        self.wait_for_search_index()
        if self.search_feed is not None:
            self.search_feed.close()
            self.search_feed = None

    def write_search_index_soon(self, config) -> None:
        """Under serve, after a partial rebuild: write the index in a thread, so the edited page shows at once.

        The next use of the feed waits for it (wait_for_search_index). A failure is logged, and the feed is dropped,
        so the next edit rebuilds the whole site (live_update.py).
        """
        self.wait_for_search_index()

        def write() -> None:
            try:
                self.write_search_index(config)
            except Abort as exc:
                log.error(exc.message)

        self.index_writer = threading.Thread(target=write, name="search-index", daemon=True)
        self.index_writer.start()

    def wait_for_search_index(self) -> None:
        """Wait until the index a partial rebuild writes in a thread (write_search_index_soon) is written."""
        writer = getattr(self, "index_writer", None)
        if writer is not None:
            writer.join()
            self.index_writer = None

    def write_search_index(self, config) -> None:
        """Write the index of every page fed so far into the site (search_feed.IndexFeed.finish); log its figures.

        Under serve the feed is kept, so a partial rebuild (live_update.py) can send its pages again and call this.
        Raises Abort if the index cannot be written; a strict build stops on Pagefind's warnings.
        """
        search = importlib.import_module("macros.site.search")
        feed = self.search_feed
        if feed is None:
            raise Abort("Søgeindekset kunne ikke bygges, så sitet er ikke færdigt: indekseringen blev ikke startet")
        try:
            result = feed.finish(Path(config.site_dir), keep=SitePlugin.serving)
        except search.SearchIndexError as exc:
            self.search_feed = None
            raise Abort(f"Søgeindekset kunne ikke bygges, så sitet er ikke færdigt: {exc}") from None
        if not SitePlugin.serving:
            self.search_feed = None
        for warning in result.warnings:  # a strict build stops on them: Pagefind may have left pages out
            log.warning(f"Pagefind: {warning}")
        log.info(
            f"Søgeindeks: {result.pages} sider indekseret, skrevet på {result.seconds:.1f} s, "
            f"{result.spelled_words} ord med danske stavemåder"
        )

    def generated_files(self, files: Files, config) -> list[File]:
        """The generated pages, the open-data exports and the catalogue's index, made from `self.catalog`.

        Also sets the edit link of every hand-written page of `files` and notes, per page, the file it is made from
        and its data file (see on_page_markdown). Raises Abort for a value a vCard cannot hold.
        """
        pages = importlib.import_module("macros.site.pages")
        exports = importlib.import_module("macros.exports.open_data")
        repository = importlib.import_module("macros.site.repository")
        # Every page's edit link (MkDocs joins repo_url, edit_uri = the repository's root, and the file's edit_uri):
        # a hand-written page's Markdown file, a generated page's YAML record.
        docs = Path(config.docs_dir)
        data_files: dict[str, str | None] = {}
        for file in files.documentation_pages():
            if file.generated_by is not None:  # ours, from the build before (see live_update.py)
                continue
            file.edit_uri = repository.repository_path(self.repo_root, docs / file.src_uri)
            data_files[file.src_uri] = self._in_repository(self.catalog.page_sources.get(file.src_uri))
            self.source_files[file.src_uri] = f"{docs.name}/{file.src_uri}"
        self.composite_pages = set()
        html_pages: dict[str, Callable[[], str]] = {}
        deferred = importlib.import_module("macros.site.deferred_files").DeferredFile
        made = []
        self.vcards = set()
        for page in pages.generated_pages(self.catalog, config.nav):
            # Record pages are reached through indexes and search, not through an ever-growing sidebar.
            if callable(page.markdown):  # a vCard: made when it is written (a shard writes only its own)
                file = deferred.deferred(config, page.path, _refusing_vcards(page.markdown), InclusionLevel.NOT_IN_NAV)
                self.vcards.add(file.src_uri)
            else:
                file = File.generated(config, page.path, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            file.edit_uri = repository.repository_path(self.repo_root, self.root / page.source) if page.source else None
            if page.source is None and file.is_documentation_page():
                self.composite_pages.add(file.src_uri)
                data_files[file.src_uri] = self._in_repository(page.facts)
            self.source_files[file.src_uri] = page.source or f"den genererede side {file.src_uri}"
            made.append(file)
            if page.html is not None:
                html_pages[file.src_uri] = _own_diagram_ids(page.html, keep=SitePlugin.serving)
        self.html_pages = html_pages
        self.data_files = {page: path for page, path in data_files.items() if path}
        made += [deferred.deferred(config, path, make) for path, make in exports.deferred_export_files(self.catalog)]
        # The offer catalogue's index, fetched by content/assets/catalogue.js (see macros/site/catalogue.py).
        catalogue = importlib.import_module("macros.site.catalogue")
        made.append(
            deferred.deferred(
                config, catalogue.INDEX_PATH, functools.partial(catalogue.offers_index_json, self.catalog)
            )
        )
        return made

    def _leave_to_other_shards(self, shard, nav, files: Files) -> None:
        """In a shard build (SITE_SHARD=k/n), leave the pages and files of the other shards unrendered.

        Done after MkDocs has built the nav from all files, so the nav, and every page's HTML, is the same in every
        shard; the files stay in `files`, so a link to a page of another shard resolves and a link to no page still
        fails a strict build. Every shard renders the nav's pages; the other pages are split by estimated cost
        (shards.assign), and so are the vCards; static files and downloads belong to shard 1, which gets fewer pages
        for them.
        """
        shards = importlib.import_module("macros.site.shards")
        in_nav = {page.file.src_uri for page in nav.pages}
        split = [
            (f.src_uri, shards.page_cost(f.content_bytes, f.src_uri in self.html_pages))
            for f in files.documentation_pages()
            if f.src_uri not in in_nav
        ]
        split += [(f.src_uri, shards.VCARD_COST) for f in files if f.src_uri in self.vcards]
        records = sum(len(getattr(self.catalog, kind)) for kind in importlib.import_module("macros.data.catalog").KINDS)
        parts = shards.assign(split, shard.count, first=records * shards.DOWNLOADS_COST_PER_RECORD)
        self.shard_fingerprint = shards.fingerprint(parts, shard.count)
        self.shard_excluded = set()
        for file in files:
            if not file.inclusion.is_included() or file.src_uri in in_nav:
                continue
            part = parts.get(file.src_uri, 1)  # not a page: a static file or a download
            if part != shard.index:
                file.inclusion = InclusionLevel.EXCLUDED
                self.shard_excluded.add(file.src_uri)
        self.shard_files = files
        self.shard_pages = sum(1 for f in files.documentation_pages())
        log.info(f"Del {shard} af sitet: {self.shard_pages} af {len(split) + len(in_nav)} sider bygges her")

    def on_template_context(self, context, template_name, config):
        """In a shard build, the sitemap lists every page of the site, as the whole build's does.

        MkDocs lists only the pages it renders; the pages left to other shards got their Page (and address) when
        the nav was built, so every shard writes the same, complete sitemap.xml and the join checks they agree.
        """
        if self.shard is not None and template_name == "sitemap.xml":
            context["pages"] = [
                f
                for f in self.shard_files.documentation_pages(inclusion=InclusionLevel.all)
                if f.page is not None and (f.inclusion.is_included() or f.src_uri in self.shard_excluded)
            ]
        return context

    def _in_repository(self, data_file: str | None) -> str | None:
        """A data file's path in the repository ('municipalities/x.yaml').

        `data_file` is relative to the data root; None when it is None or lies outside the repository
        (SITE_DATA_DIR elsewhere).
        """
        if not data_file:
            return None
        return importlib.import_module("macros.site.repository").repository_path(self.repo_root, self.root / data_file)

    def _check_page_templates(self, files: Files, config) -> None:
        """Stop the build with Danish messages if a hand-written page's macro code is refused; then sandbox.

        Refused: an unknown macro, broken macro code, a file outside the templates or Python's internals (see
        page_templates.py; `python -m macros check` runs the same check). Then the macros plugin's Jinja
        environment is sandboxed for the rendering.
        """
        plugin = config.plugins.get("macros")
        if plugin is None or getattr(plugin, "env", None) is None:
            return
        check = importlib.import_module("macros.site.page_templates")
        problems_mod = importlib.import_module("macros.data.problems")
        problems = check.check_site_pages(config)
        if problems:
            raise Abort("Sitet kan ikke bygges, fordi en side har fejl:\n" + problems_mod.report(problems))
        self.sandbox_macros(config)

    def sandbox_macros(self, config) -> None:
        """Make the macros plugin's Jinja environment (new in each of its on_config) a sandboxed one."""
        plugin = config.plugins.get("macros")
        if plugin is not None and getattr(plugin, "env", None) is not None:
            importlib.import_module("macros.site.page_templates").sandbox(plugin.env)

    def on_post_page(self, output, page, config):
        """The last guard (page_guard.py): a finished page with a CPR-like number or a secret is refused.

        The page is not written (it is left empty), and the build stops in on_post_build, after every page is read.
        A page that passes goes to the search index (search_feed.py); raises Abort if Pagefind has failed.
        """
        if not SitePlugin.serving:  # the theme has rendered it: no later step reads the page's HTML
            page.content = None
        source = self.source_files.get(page.file.src_uri, page.file.src_uri)
        found = self.page_guard.problems(output, source, self.chrome.fragments(page) if self.chrome else [])
        if found:
            self.page_problems.extend(found)
            return ""
        self.wait_for_search_index()
        if self.search_feed is not None:
            search = importlib.import_module("macros.site.search")
            try:
                self.search_feed.add(page.file.dest_uri, output)
            except search.SearchIndexError as exc:
                self.search_feed = None
                raise Abort(f"Søgeindekset kunne ikke bygges, så sitet er ikke færdigt: {exc}") from None
        return output

    def on_build_error(self, error) -> None:
        """A failed build leaves no Pagefind running."""
        self.close_search_feed()

    def on_post_build(self, config) -> None:
        """Write the search index of the finished pages (also under `mkdocs serve`, whose site dir is a temporary one).

        Raises Abort for a page the last guard refused, or an index that cannot be written.
        """
        if self.page_problems:
            raise Abort("Sitet kan ikke bygges, fordi en færdig side har fejl:\n" + "\n".join(self.page_problems))
        if self.shard is None and self.search_feed is not None and self.held_files:
            # Every page is fed: Pagefind builds the index on the other core while the downloads are made here.
            self.search_feed.request_files()
        importlib.import_module("macros.site.deferred_files").write_held(self.held_files)
        if self.shard is not None:
            # The search index needs every page: it is written once, over the joined site (build_shards.py).
            shards = importlib.import_module("macros.site.shards")
            shards.write_manifest(Path(config.site_dir), self.shard, self.shard_fingerprint, self.shard_pages)
            log.info(f"Del {self.shard} er bygget uden søgeindeks; det skrives, når delene er samlet")
            return
        self.write_search_index(config)

    def on_nav(self, nav, config, files):
        """Under `mkdocs serve`, keep the build's config, files and navigation for the next partial rebuild.

        In a shard build (SITE_SHARD=k/n, never under serve), leave the other shards' pages unrendered.
        """
        if SitePlugin.serving:
            self.built.update(config=config, files=files, nav=nav)
        if self.shard is not None:
            self._leave_to_other_shards(self.shard, nav, files)
        # A new cache of the menu and tabs for every build, the partial ones under serve too.
        chrome = importlib.import_module("macros.site.chrome")
        self.chrome = chrome.Chrome(
            (page.file.src_uri for page in nav.pages),
            chrome.link_targets(nav, files, config),
            [d for d in config.theme.dirs if d != config.theme.custom_dir],
        )
        return nav

    def on_env(self, env, config, files):
        """Give the theme the cached menu and tabs (chrome.py); under serve, keep the environment for the next build."""
        env.globals["chrome_partial"] = self.chrome_partial
        env.globals["chrome_block"] = self.chrome_block
        if SitePlugin.serving:
            self.built.update(env=env)
        else:
            # MkDocs writes the static files next, before the pages: the downloads and vCards are made at the end
            # instead (on_post_build), beside Pagefind's work on the index.
            self.held_files = importlib.import_module("macros.site.deferred_files").hold_writes(files)
        return env

    @jinja2.pass_context
    def chrome_partial(self, context, name: str):
        """The theme's partial `name` from this build's cache of the chrome (chrome.Chrome.partial)."""
        if self.chrome is None:  # on_nav makes it, before MkDocs renders anything
            raise RuntimeError("the chrome is rendered before on_nav")
        return self.chrome.partial(context, name)

    @jinja2.pass_context
    def chrome_block(self, context, parent):
        """The theme's block that `parent` (its `super`) renders, from this build's cache (chrome.Chrome.block)."""
        if self.chrome is None:
            raise RuntimeError("the chrome is rendered before on_nav")
        return self.chrome.block(context, parent)

    def data_folders(self) -> list[Path]:
        """The folders of the data: one per kind of record and those of the tables (vocabularies/, about/)."""
        catalog = importlib.import_module("macros.data.catalog")
        names = dict.fromkeys([*catalog.KINDS, *(Path(table).parts[0] for table in catalog.TABLES)])
        return [self.root / name for name in names]

    def on_serve(self, server, config, builder):
        """Under `mkdocs serve`, rebuild on edits to the data, the package's code and the theme's overrides.

        The server learns of them from the system's file events where it can (watching.py). An edit to the data alone
        re-renders only the pages it changes (live_update.py); any other edit, or one the partial rebuild cannot take,
        rebuilds the whole site as MkDocs does.
        """
        for folder in self.data_folders():
            if folder.is_dir():
                server.watch(str(folder))
        server.watch(str(_PACKAGE))
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)
        # The system's file events instead of polling twice a second: an edit is seen at once (watching.py).
        importlib.import_module("macros.site.watching").use_native_events(server)
        live_update = importlib.import_module("macros.site.live_update")
        server.builder = live_update.Builder(self, server.builder, config)
        return server
