"""Check the macro code of the hand-written pages before the macros plugin renders them.

A page may call the site's registered macros (site_macros.py, onboarding.py) and read the fields of its own
front matter; nothing else. The macros plugin would otherwise answer an unknown macro with an English
traceback, run `{{ cycler.__init__.__globals__.os.environ }}` (Jinja reaches all of Python through
attributes that begin with `_`), and include any file (`{% include "../README.md" %}`). Checked here first,
each mistake becomes a Danish problem with the page, the line in the file and what to write instead.

`python -m macros check` (through `check_site_pages`, without building) and the build (plugin.py) run the
same check on the same pages, so they agree; the build then renders the pages in a sandboxed Jinja
environment (`sandbox`), which refuses the same attributes at run time.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, cast

import pathspec
from jinja2 import Environment, Template, TemplateSyntaxError, meta, nodes
from jinja2 import sandbox as jinja_sandbox

from ..data.problems import Problem

# Attributes that reach Python's internals without a leading underscore (str.format reads attributes from its
# format string; the rest are frames and code objects), as Jinja's own sandbox lists them.
UNSAFE_ATTRIBUTES = frozenset(
    {"format", "format_map", "mro"}
    | jinja_sandbox.UNSAFE_GENERATOR_ATTRIBUTES
    | jinja_sandbox.UNSAFE_COROUTINE_ATTRIBUTES
    | jinja_sandbox.UNSAFE_ASYNC_GENERATOR_ATTRIBUTES
    | jinja_sandbox.UNSAFE_METHOD_ATTRIBUTES
    | jinja_sandbox.UNSAFE_FUNCTION_ATTRIBUTES
)
# Filters that look up an attribute named by a string: `x|attr("__class__")`, `map(attribute="__class__")`.
_ATTRIBUTE_FILTERS = frozenset({"attr"})

# Jinja's own filters and tests, as the macros plugin has them, and no globals: `cycler`, `range` and the rest
# are not macros of the site, so a page that uses one is told so.
_PARSER = jinja_sandbox.SandboxedEnvironment()
_PARSER.globals.clear()


@dataclass(frozen=True)
class MacroSettings:
    """Which pages the macros plugin renders, and where its includes come from (its settings in mkdocs.yml)."""

    render_by_default: bool
    force_render: pathspec.PathSpec
    include_dir: Path | None
    include_shown: str  # include_dir as the editor knows it: macros/site/templates
    printed: frozenset[str]  # pages the onboarding print page renders whatever they say (onboarding.py)

    def renders(self, src_uri: str, front_matter: dict) -> bool:
        """Whether the macros plugin renders the page at `src_uri` with this front matter."""
        wanted = front_matter.get("render_macros")
        if src_uri in self.printed:
            return True
        if wanted is False:
            return False
        return bool(wanted or self.render_by_default or self.force_render.match_file(src_uri))


def settings_of(config: Any) -> MacroSettings | None:
    """The macros plugin's settings in a validated MkDocs configuration; None if the site has no macros plugin."""
    from .onboarding import GLOSSARY_PAGE, guides

    plugin = config["plugins"].get("macros")
    if plugin is None:
        return None
    options = plugin.config
    base = Path(config["config_file_path"]).parent
    include = options.get("include_dir")
    return MacroSettings(
        render_by_default=bool(options.get("render_by_default", True)),
        force_render=pathspec.PathSpec.from_lines(
            "gitwildmatch", (options.get("force_render_paths") or "").splitlines()
        ),
        include_dir=(base / include).resolve() if include else None,
        include_shown=str(include or "").strip("/"),
        printed=frozenset([*(g.path for g in guides(config.get("nav"))), GLOSSARY_PAGE]),
    )


def check_site_pages(config: Any) -> list[Problem]:
    """Problems in the macro code of every hand-written page of a site: what the check reports, the build refuses.

    `config` is the site's validated MkDocs configuration.

    The macro names come from site_macros.macro_names(), without data or a build.
    """
    from .site_macros import macro_names

    settings = settings_of(config)
    if settings is None:
        return []
    docs = Path(config["docs_dir"])
    problems = []
    for path, src_uri in _pages(docs):
        from mkdocs.utils.meta import get_data

        source = path.read_text("utf-8", errors="replace")
        markdown, front_matter = get_data(source)
        if settings.renders(src_uri, front_matter):
            problems += template_problems(
                source,
                markdown,
                f"{docs.name}/{src_uri}",
                macro_names(),
                set(front_matter),
                settings.include_dir,
                settings.include_shown,
            )
    return sorted(problems)


def _pages(docs: Path) -> Iterator[tuple[Path, str]]:
    """Every Markdown page below `docs` (hidden files and links left out, as elsewhere), with its path in it."""
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs)
        if path.is_file() and not path.is_symlink() and not any(p.startswith(".") for p in relative.parts):
            yield path, relative.as_posix()


def template_problems(
    source: str,
    markdown: str,
    shown: str,
    macros: Iterable[str],
    variables: Iterable[str] = (),
    include_dir: Path | None = None,
    include_shown: str = "macros/site/templates",
) -> list[Problem]:
    """Problems in the macro code of one page.

    `source` is the whole file (with its front matter), `markdown` the part the macros plugin renders,
    `shown` the file as the editor knows it (content/x.md), `macros` the names of the registered macros,
    `variables` the fields of the page's front matter, `include_dir` the folder of the files a page may
    include (None: includes are refused), `include_shown` that folder as the editor knows it.
    """
    macros = set(macros)
    offset = _front_matter_lines(source, markdown)
    try:
        tree = _PARSER.parse(markdown)
    except TemplateSyntaxError as exc:
        return [Problem(shown, (exc.lineno or 1) + offset, "", _syntax_message(exc, _PARSER))]
    problems = [
        Problem(shown, line + offset, "", message)
        for line, message in [*_escapes(tree), *_includes(tree, include_dir, include_shown), *_made_text(tree)]
    ]
    try:
        undeclared = meta.find_undeclared_variables(tree)
    except TemplateSyntaxError as exc:  # an unknown filter stops the analysis; still look for unknown names
        problems.append(Problem(shown, (exc.lineno or 1) + offset, "", _syntax_message(exc, _PARSER)))
        defined = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
        undeclared = (
            {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"}
            - defined
            - {m.name for m in tree.find_all(nodes.Macro)}
        )
    known = macros | set(variables)
    unknown = undeclared - known
    called = {call.node.name for call in tree.find_all(nodes.Call) if isinstance(call.node, nodes.Name)}
    seen: set[str] = set()
    for name in tree.find_all(nodes.Name):
        if name.ctx != "load" or name.name not in unknown or name.name in seen:
            continue
        seen.add(name.name)
        candidates = sorted(macros) if name.name in called else sorted(known)
        close = difflib.get_close_matches(name.name, candidates, n=3, cutoff=0.6)
        hint = f" Mente du {' eller '.join(repr(c) for c in close)}?" if close else ""
        if name.name in called:
            message = f"makroen '{name.name}' findes ikke." + (
                hint or f" Makroerne, en side kan bruge: {', '.join(sorted(macros))}"
            )
        else:
            message = (
                f"'{name.name}' er hverken en makro eller et felt øverst på siden; en side kan kun kalde "
                f"sitets makroer og læse sine egne felter.{hint}"
            )
        problems.append(Problem(shown, name.lineno + offset, "", message))
    return sorted(problems)


_ESCAPE = (
    "en side kan kun kalde sitets makroer og læse deres resultater og sine egne felter; navne, der begynder "
    "med _, og opslag, der beregnes, når ind i Python bag sitet og er ikke tilladt"
)


def _unsafe(name: object) -> bool:
    """Whether an attribute or key name reaches Python's internals (`__globals__`, `_private`, `format`)."""
    return isinstance(name, str) and any(p.startswith("_") or p in UNSAFE_ATTRIBUTES for p in name.split("."))


def _escapes(tree: nodes.Template) -> list[tuple[int, str]]:
    """(line, message) for every attribute or item access that could leave the page's own data.

    In a chain (`a.__init__.__globals__`) only the first, as typed.
    """
    found = list(_unsafe_accesses(tree))
    return [(node.lineno, message) for node, message in found if not _has_unsafe_inside(node, found)]


def _has_unsafe_inside(node: nodes.Node, found: list[tuple[nodes.Node, str]]) -> bool:
    inside = {id(n) for n in node.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Test))}
    return any(id(other) in inside for other, _ in found)


def _unsafe_accesses(tree: nodes.Template) -> Iterator[tuple[nodes.Node, str]]:
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Test)):
        if isinstance(node, nodes.Getattr) and _unsafe(node.attr):
            yield node, f"'.{node.attr}' er ikke tilladt: {_ESCAPE}"
        elif isinstance(node, nodes.Getitem):
            key = node.arg
            if isinstance(key, nodes.Slice):
                continue
            if not isinstance(key, nodes.Const):
                yield node, f"et opslag med [...], hvor nøglen beregnes, er ikke tilladt: {_ESCAPE}"
            elif _unsafe(key.value):
                yield node, f"[{key.value!r}] er ikke tilladt: {_ESCAPE}"
        elif isinstance(node, nodes.Filter | nodes.Test):
            if isinstance(node, nodes.Filter) and node.name in _ATTRIBUTE_FILTERS:
                yield node, f"filteret '{node.name}' er ikke tilladt: {_ESCAPE}"
                continue
            for arg in [*node.args, *(k.value for k in node.kwargs)]:
                if isinstance(arg, nodes.Const) and _unsafe(arg.value):
                    yield node, f"'{arg.value}' er ikke tilladt i filteret '{node.name}': {_ESCAPE}"


# Blocks that make text or markup in the macro code rather than on the page, where the check can read it.
_TEXT_MAKERS = {
    nodes.Macro: "{% macro %}",
    nodes.CallBlock: "{% call %}",
    nodes.FilterBlock: "{% filter %}",
    nodes.AssignBlock: "{% set %}",
    nodes.Assign: "{% set %}",
    nodes.Concat: "~",
}


def _made_text(tree: nodes.Template) -> Iterator[tuple[int, str]]:
    """(line, message) for text or HTML put together in the macro code instead of written on the page.

    Only the macros' results and the page's own text reach the reader: what the page's code assembles
    (`{{ "<scr" ~ "ipt>" }}`) would pass the check of the page's text (active_content.py) unseen.
    """
    for node in tree.find_all((*_TEXT_MAKERS, nodes.Output)):
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if isinstance(child, nodes.Const) and isinstance(child.value, str):
                    yield (
                        child.lineno,
                        ("en tekst i anførselstegn mellem {{ og }} er ikke tilladt; skriv teksten direkte på siden"),
                    )
        else:
            yield (
                node.lineno,
                (
                    f"{_TEXT_MAKERS[type(node)]} er ikke tilladt i en side: siden må kalde sitets makroer, men ikke "
                    "sætte tekst sammen i makrokoden; skriv teksten direkte på siden, eller bed en udvikler om en makro"
                ),
            )
    for const in tree.find_all(nodes.Const):
        if isinstance(const.value, str) and re.search(r"[<>]", const.value):
            yield (
                const.lineno,
                (f"teksten {const.value!r} i makrokoden indeholder < eller >; HTML skrives direkte på siden"),
            )


def _includes(tree: nodes.Template, include_dir: Path | None, folder: str) -> Iterator[tuple[int, str]]:
    """(line, message) for every include, import or extends of a file that is not in `include_dir` (`folder`)."""
    for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        target = getattr(node, "template", None)  # every one of these four node types has it
        if not isinstance(target, nodes.Const) or not isinstance(target.value, str):
            yield node.lineno, 'filnavnet i {% include %} skal stå i anførselstegn, fx {% include "navn.md.j2" %}'
            continue
        name = target.value
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if not parts or name.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", name):
            yield (
                node.lineno,
                f"'{name}' peger uden for mappen med skabeloner ({folder}/): en side kan kun indsætte filer "
                "derfra, angivet uden .. og uden / først",
            )
        elif include_dir is None or not (include_dir / name).is_file():
            known = sorted(p.name for p in include_dir.iterdir() if p.is_file()) if include_dir else []
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f" Mente du '{close[0]}'?" if close else ""
            yield node.lineno, f"filen '{name}' findes ikke i mappen med skabeloner ({folder}/).{hint}"


class _CompiledOnce:
    """A Jinja environment mixin: `from_string` compiles each source once per build.

    The macros plugin compiles every page from its text; the print pages render the same guides again for each
    municipality, so the same sources come back (about 100 times each at national size). A template is
    immutable and renders from the variables it is given, so the compiled one is reused.
    """

    _compiled: dict[str, Template]

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)  # type: ignore[misc]
        compiled = self.__dict__.setdefault("_compiled", {})
        if source not in compiled:
            compiled[source] = super().from_string(source)  # type: ignore[misc]
        return compiled[source]


def sandbox(env: Environment) -> Environment:
    """Make the macros plugin's Jinja environment `env` a sandboxed one, in place, and return it.

    At run time it refuses what `template_problems` refuses before the build (attributes beginning with `_`,
    str.format): the second wall, should a page get past the first. Templates compiled before are dropped.
    The same page source is compiled once (`_CompiledOnce`).
    """
    if not isinstance(env, jinja_sandbox.SandboxedEnvironment):
        env.__class__ = type(
            "SandboxedMacrosEnvironment", (_CompiledOnce, jinja_sandbox.SandboxedEnvironment, type(env)), {}
        )
        # What SandboxedEnvironment.__init__ sets up beyond Environment's.
        env.globals["range"] = jinja_sandbox.safe_range
        sandboxed = cast(jinja_sandbox.SandboxedEnvironment, env)
        sandboxed.binop_table = dict(jinja_sandbox.SandboxedEnvironment.default_binop_table)
        sandboxed.unop_table = dict(jinja_sandbox.SandboxedEnvironment.default_unop_table)
        if env.cache is not None:
            env.cache.clear()
    return env


def _front_matter_lines(source: str, markdown: str) -> int:
    """How many lines of the file come before the rendered part (the front matter between ---)."""
    body = markdown.strip("\n")
    at = source.rfind(body) if body else -1
    return source.count("\n", 0, at) if at >= 0 else 0


def _syntax_message(exc: TemplateSyntaxError, env: Environment) -> str:
    unknown_filter = re.match(r"No filter named '([^']+)'", exc.message or "")
    if unknown_filter:
        name = unknown_filter.group(1)
        close = difflib.get_close_matches(name, sorted(env.filters), n=1, cutoff=0.6)
        hint = f" Mente du '{close[0]}'?" if close else ""
        return f"filteret '{name}' findes ikke.{hint}"
    unknown_tag = re.match(r"Encountered unknown tag '([^']+)'", exc.message or "")
    if unknown_tag:
        return (
            f"'{{% {unknown_tag.group(1)} %}}' er ikke en kendt blok; brug {{{{ makro() }}}} for at kalde en "
            "makro, og luk hver {% if %} og {% for %} med {% endif %} og {% endfor %}"
        )
    return (
        "makrokoden kan ikke læses: tjek, at hver {{ lukkes med }}, hver {% med %}, og at parenteser og "
        "anførselstegn i makrokaldet er lukket"
    )
