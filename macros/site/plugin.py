"""The MkDocs plugin that loads the data once per build, refuses a build from bad data, and adds the generated pages."""
from __future__ import annotations

import importlib
import logging
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.plugins.udsatte")

# Our modules in dependency order, so that `mkdocs serve` can pick up edits to the Python code.
_PACKAGE = Path(__file__).resolve().parent.parent
_MODULES = ("data.vocabulary", "data.problems", "data.models", "data.loader", "data.messages", "data.guards",
            "data.citations", "data.patterns", "data.collation", "data.glossary", "data.record_cache", "data.catalog",
            "data.formatting", "site.render", "exports.vcard", "site.views", "site.quotes", "site.diagrams",
            "site.comparison", "site.glossary", "site.onboarding", "site.catalogue", "site.pages",
            "exports.open_data", "site.freshness", "site.field_reference", "tools.scaffold", "site.site_macros",
            "site.search", "site.repository")


def _code_stamp() -> tuple:
    return tuple((str(f), f.stat().st_mtime_ns) for f in sorted(_PACKAGE.rglob("*.py")))


class SiteConfig(Config):
    data_dir = config_options.Type(str, default=".")


class SitePlugin(BasePlugin[SiteConfig]):
    """Loads the catalog in on_config (before the macros plugin, which is listed after it)."""

    serving = False
    code_stamp: tuple | None = None  # our modules' modification times when they were (re)loaded
    composite_pages: frozenset[str] | set[str] = frozenset()  # generated pages made of many records (see on_files)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        SitePlugin.serving = command == "serve"
        SitePlugin.code_stamp = _code_stamp()

    def on_config(self, config):
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
        self.repo_root = Path(config.config_file_path).parent.resolve()
        catalog_mod = importlib.import_module("macros.data.catalog")
        problems_mod = importlib.import_module("macros.data.problems")
        self.root = (Path(config.config_file_path).parent / self.config.data_dir).resolve()
        try:
            self.catalog = catalog_mod.load_catalog(self.root, content_dir=Path(config.docs_dir))
        except problems_mod.DataError as exc:
            raise Abort("Sitet kan ikke bygges, fordi data har fejl:\n" + str(exc)) from None
        for warning in self.catalog.warnings:
            log.info(str(warning))
        freshness = importlib.import_module("macros.site.freshness")
        docs = Path(config.docs_dir)
        self.file_dates = freshness.git_dates(self.root, [*freshness.FOLDERS, str(docs.relative_to(self.root))]
                                              if docs.is_relative_to(self.root) else list(freshness.FOLDERS))
        self.changes = freshness.record_changes(self.catalog, self.file_dates)
        self.page_dates = {row["page"]: row["date"] for row in self.changes}
        if docs.is_relative_to(self.root):
            prefix = docs.relative_to(self.root).as_posix() + "/"
            self.page_dates.update({path[len(prefix):]: when for path, when in self.file_dates.items()
                                    if path.startswith(prefix)})
        return config

    def on_page_markdown(self, markdown, page, config, files):
        """Every page says when its content last changed, and a page put together from many records says so
        where others link to their file (both shown by overrides/main.html)."""
        when = self.page_dates.get(page.file.src_uri)
        if when:
            page.meta["sidst_aendret"] = importlib.import_module("macros.data.formatting").long_date(when)
        if page.file.src_uri in self.composite_pages:
            page.meta["sammensat"] = True
        return markdown

    def on_page_content(self, html, page, config, files):
        """Glossary terms are explained wherever they stand (see glossary.py)."""
        glossary = importlib.import_module("macros.site.glossary")
        target = files.get_file_from_path(glossary.GLOSSARY_PAGE)
        link = get_relative_url(target.url, page.url) if target else None
        return glossary.explain_page(html, page.url, link, self.catalog,
                                     box=page.file.src_uri != glossary.GLOSSARY_PAGE)

    def on_files(self, files: Files, config) -> Files:
        pages = importlib.import_module("macros.site.pages")
        exports = importlib.import_module("macros.exports.open_data")
        repository = importlib.import_module("macros.site.repository")
        # Every page's edit link (MkDocs joins repo_url, edit_uri = the repository's root, and the file's edit_uri):
        # a hand-written page's Markdown file, a generated page's YAML record.
        docs = Path(config.docs_dir)
        for file in files.documentation_pages():
            file.edit_uri = repository.repository_path(self.repo_root, docs / file.src_uri)
        self.composite_pages = set()
        for page in pages.generated_pages(self.catalog):
            # Record pages are reached through indexes and search, not through an ever-growing sidebar.
            file = File.generated(config, page.path, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            file.edit_uri = repository.repository_path(self.repo_root, self.root / page.source) if page.source else None
            if page.source is None and file.is_documentation_page():
                self.composite_pages.add(file.src_uri)
            files.append(file)
        try:
            export_list = exports.export_files(self.catalog)
        except ValueError as exc:  # the exports' last guard against leaking a confidential detail
            raise Abort(f"De åbne data kan ikke skrives: {exc}") from None
        for export in export_list:
            files.append(File.generated(config, export.path, content=export.content))

        # The offer catalogue's index, fetched by content/assets/catalogue.js (see macros/site/catalogue.py).
        catalogue = importlib.import_module("macros.site.catalogue")
        files.append(File.generated(config, catalogue.INDEX_PATH, content=catalogue.offers_index_json(self.catalog)))
        return files

    def on_post_build(self, config) -> None:
        """Index the built site for search (also under `mkdocs serve`, whose site dir is a temporary one)."""
        search = importlib.import_module("macros.site.search")
        try:
            result = search.index_site(Path(config.site_dir))
        except search.SearchIndexError as exc:
            raise Abort(f"Søgeindekset kunne ikke bygges, så sitet er ikke færdigt: {exc}") from None
        log.info(f"Søgeindeks: {result.pages} sider indekseret på {result.seconds:.1f} s")

    def on_serve(self, server, config, builder):
        for folder in [*importlib.import_module("macros.data.catalog").KINDS, "vocabularies"]:
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        server.watch(str(_PACKAGE))
        return server
