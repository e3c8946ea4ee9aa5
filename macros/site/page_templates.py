"""Check the macro code of the hand-written pages before the macros plugin renders them.

The macros plugin answers an unknown macro (`{{ unknown_macro() }}`) or broken macro code with an
English Python traceback and stops the build. Checked here first, each mistake becomes a Danish
problem with the page, the line in the file, the unknown name and a "Mente du ...?" suggestion.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from jinja2 import Environment, TemplateSyntaxError, meta, nodes

from ..data.problems import Problem

# Names the macros plugin gives each page while it renders it (besides its own variables and macros).
PAGE_VARIABLES = frozenset({"page", "navigation", "files", "config"})


def template_problems(
    source: str, markdown: str, shown: str, env: Environment, known: Iterable[str], macros: Iterable[str]
) -> list[Problem]:
    """Problems in the macro code of one page.

    `source` is the whole file (with its front matter), `markdown` the part the macros plugin renders,
    `shown` the file as the editor knows it (content/x.md), `env` the plugin's Jinja environment,
    `known` every name a page may use, `macros` the names of the registered macros (for suggestions).
    """
    offset = _front_matter_lines(source, markdown)
    try:
        tree = env.parse(markdown)
    except TemplateSyntaxError as exc:
        return [Problem(shown, (exc.lineno or 1) + offset, "", _syntax_message(exc, env))]
    problems = []
    try:
        undeclared = meta.find_undeclared_variables(tree)
    except TemplateSyntaxError as exc:  # an unknown filter stops the analysis; still look for unknown names
        problems.append(Problem(shown, (exc.lineno or 1) + offset, "", _syntax_message(exc, env)))
        defined = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
        undeclared = (
            {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"}
            - defined
            - {m.name for m in tree.find_all(nodes.Macro)}
        )
    unknown = undeclared - set(known)
    called = {call.node.name for call in tree.find_all(nodes.Call) if isinstance(call.node, nodes.Name)}
    seen: set[str] = set()
    for name in tree.find_all(nodes.Name):
        if name.ctx != "load" or name.name not in unknown or name.name in seen:
            continue
        seen.add(name.name)
        candidates = sorted(macros) if name.name in called else sorted(set(known) - PAGE_VARIABLES)
        close = difflib.get_close_matches(name.name, candidates, n=3, cutoff=0.6)
        hint = f" Mente du {' eller '.join(repr(c) for c in close)}?" if close else ""
        if name.name in called:
            message = f"makroen '{name.name}' findes ikke." + (
                hint or f" Makroerne, en side kan bruge: {', '.join(sorted(macros))}"
            )
        else:
            message = f"'{name.name}' er hverken en makro eller en variabel, siden kan bruge.{hint}"
        problems.append(Problem(shown, name.lineno + offset, "", message))
    return sorted(problems)


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
