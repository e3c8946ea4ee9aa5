"""Turn view data into Markdown: a Jinja environment in which every printed value is escaped.

Text from YAML lands in Markdown that may hold raw HTML, so it must mean nothing to either:
`md_escape` HTML-escapes it and writes every character that Markdown (or its extensions) could
read as syntax as a numeric character reference. Browsers show those characters unchanged, and
Python-Markdown passes references through untouched, so a title like `*Vigtigt* <script>` or
`{{ x }}` reaches the page as literal text. Values that are markup by construction are wrapped in
`Markup` by the Python code that builds them and printed as they are.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..data.models import format_partial_date

TEMPLATES = Path(__file__).parent / "templates"

# Characters with a meaning to HTML, Python-Markdown, pymdown-extensions, attr_list, tables or Jinja.
_SPECIAL = re.compile(r"[&<>\"'\\`*_{}\[\]()#+\-.!|~^=:$%]")


def md_escape(value: Any) -> str:
    """Plain text → text that Markdown and HTML both show literally, on one line."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    text = " ".join(str(value).split())  # a YAML string never starts a Markdown block of its own
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", text)


def _finalize(value: Any) -> Markup:
    # With autoescape on, macro results and our own markup arrive as Markup and pass unchanged;
    # everything else is escaped for Markdown and HTML at once.
    return value if isinstance(value, Markup) else Markup(md_escape(value))


def attr(value: str) -> Markup:
    """A value for an HTML attribute such as id or href (already checked to be safe by the models)."""
    return Markup(html.escape(value, quote=True))


def anchor(anchor_id: str) -> Markup:
    """An attr_list id for a Markdown heading: `## Vision {#vision}` (ids are ASCII ids from the data)."""
    return Markup("{#" + anchor_id + "}")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The templates' Jinja environment: strict about unknown names, escaping every value it prints (_finalize).

    Templates get `anchor` and the filter `partial_date`.
    """
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["anchor"] = anchor
    env.globals["attr"] = attr
    env.filters["partial_date"] = format_partial_date
    return env


def render(template: str, **view: Any) -> str:
    """Render a template from macros/site/templates with ready view data."""
    text = environment().get_template(template).render(**view)
    return re.sub(r"\n{3,}", "\n\n", text)
