"""The theme's chrome that is the same on many pages (menu, tabs, scripts), rendered once per build and folder.

Most pages (offers, contacts ...) are outside the menu (`nav` in mkdocs.yml): no item of the menu is active on them,
so the menu Material renders for one of them differs from another's only in its links, which are relative to the
page. Two pages in the same folder ('tilbud/a/' and 'tilbud/b/') get the same relative link to every address that
lies under neither of them, so the menu rendered for the first is the menu of the other. `Chrome` renders such a
partial (Material's own template, overridden in overrides/partials/ by a one-line call to this module) or a block of
Material's base.html (overridden in overrides/main.html by a call with its `super`) once per folder and build, and
gives it to every other page outside the menu in that folder; a page in the menu, a page whose own folder holds an
address the chrome links to, and a page at the site's root are rendered as always.

The last guard (page_guard.py) is told which fragments a page got, so it reads each distinct fragment once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import jinja2
from markupsafe import Markup

# What is rendered through `Chrome.partial` and `Chrome.block`: its output depends on the page only through relative
# links (to the menu's pages and the site's files, `link_targets`), the menu's active items (none on a page outside
# the menu) and `base_url`. Each partial has its one-line override in overrides/partials/, each block in main.html.
PARTIALS = ("partials/nav.html", "partials/tabs.html")
BLOCKS = ("styles", "config", "scripts")


def url_parts(url: str) -> tuple[str, ...]:
    """A URL's path as MkDocs compares it when it makes a link relative (mkdocs.utils.get_relative_url).

    'tilbud/x/' → ('tilbud', 'x'); '../a/./b' → ('a', 'b'); '' → ().
    """
    path = "/" + url.lstrip("/")
    parts = [part for part in path.split("/") if part and part != "."]
    normal: list[str] = []
    for part in parts:
        if part == "..":
            if normal:
                normal.pop()
        else:
            normal.append(part)
    return tuple(normal)


def page_folder(url: str) -> tuple[str, ...]:
    """The folder links on a page at `url` are relative to: 'tilbud/x/' → ('tilbud', 'x'); 'a/b.html' → ('a',)."""
    folder, _, name = url.rpartition("/")
    return url_parts(folder if "." in name else url)


def link_targets(nav, files: Iterable, config) -> list[str]:
    """Every address the cached chrome can link to: the menu's items, the home page, the logo, every non-page file.

    `nav` is MkDocs' Navigation, `files` its Files (or any iterable of File), `config` the MkDocs config.
    """
    targets: list[str] = []
    stack = list(nav.items)
    while stack:
        item = stack.pop()
        url = getattr(item, "url", None)
        if isinstance(url, str):
            targets.append(url)
        stack.extend(getattr(item, "children", None) or ())
    if nav.homepage is not None:
        targets.append(nav.homepage.url)
    for value in (config.extra.get("homepage"), config.theme.get("logo"), config.theme.get("favicon")):
        if isinstance(value, str):
            targets.append(value)
    targets += [file.url for file in files if not file.is_documentation_page()]
    return targets


class Chrome:
    """The cached partials of one build (see the module docstring); made in the plugin's on_nav.

    `in_nav`: the src_uri of every page in the menu; `targets`: every address a cached partial can link to
    (`link_targets`); `theme_dirs`: the theme's template folders without ours (overrides/), where Material's own
    partials are.
    """

    def __init__(self, in_nav: Iterable[str], targets: Iterable[str], theme_dirs: Sequence[str | Path]):
        self._in_nav = frozenset(in_nav)
        # Every folder that is, or holds, an address the chrome links to: a page there gets links of its own.
        holders: set[tuple[str, ...]] = set()
        for url in targets:
            parts = url_parts(url)
            holders.update(parts[:n] for n in range(len(parts) + 1))
        self._holders = frozenset(holders)
        self._loader = jinja2.FileSystemLoader([str(d) for d in theme_dirs])
        self._templates: dict[str, jinja2.Template] = {}
        self._cache: dict[tuple[str, tuple[str, ...]], Markup] = {}
        self._bare: dict[tuple[str, tuple[str, ...]], str] = {}  # each cached partial as plain text, without the
        # white space around it, for the guard
        self._page: object | None = None  # the page the fragments below were rendered for
        self._fragments: list[str] = []

    def key(self, page) -> tuple[str, ...] | None:
        """The folder whose pages share `page`'s chrome (its own folder's parent), or None if it gets its own."""
        if page is None or page.file.src_uri in self._in_nav:
            return None
        folder = page_folder(page.url)
        if folder in self._holders:  # also the root, which holds everything
            return None
        return folder[:-1]

    @jinja2.pass_context
    def partial(self, context: jinja2.runtime.Context, name: str) -> Markup:
        """Material's partial `name` (one of PARTIALS) as `{% include %}` renders it in `context`, from the cache.

        Raises ValueError for another name.
        """
        if name not in PARTIALS:
            raise ValueError(f"{name} is not a partial the chrome may cache")

        def render() -> str:
            template = self._templates.get(name)
            if template is None:
                template = self._templates[name] = self._loader.load(context.environment, name)
            return template.render(context.get_all())

        return self._cached(context.get("page"), name, render)

    @jinja2.pass_context
    def block(self, context: jinja2.runtime.Context, parent) -> Markup:
        """The theme's block that `parent` (the block's `super`, one of BLOCKS) renders, from the cache.

        Raises ValueError for another block.
        """
        if parent.name not in BLOCKS:
            raise ValueError(f"the block {parent.name} is not one the chrome may cache")
        return self._cached(context.get("page"), f"block {parent.name}", parent)

    def _cached(self, page, name: str, render) -> Markup:
        """What `render()` makes for `page`, rendered once per build for all pages that share `page`'s key."""
        key = self.key(page)
        if key is None:
            return Markup(render())
        cached = self._cache.get((name, key))
        if cached is None:
            cached = self._cache[(name, key)] = Markup(render())
            self._bare[(name, key)] = str.strip(cached)
        if page is not self._page:
            self._page, self._fragments = page, []
        self._fragments.append(self._bare[(name, key)])
        return cached

    def fragments(self, page) -> list[str]:
        """The cached fragments rendered for `page` (the page rendered last), in their order, as plain text."""
        return list(self._fragments) if page is self._page and page is not None else []
