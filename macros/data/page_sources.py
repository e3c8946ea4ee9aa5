"""The data file a hand-written page takes its facts from, named in its front matter, and the check that it exists.

A page such as content/tilbud/lovgrundlag.md is a few sentences and a macro that prints a table of
vocabularies/legal_bases.yaml; an editor who wants to correct a fact on it needs the table, not the Markdown. The
page says so in its front matter, `rediger: vocabularies/legal_bases.yaml`, and its edit link leads there too.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import yaml

from .problems import Problem

FIELD = "rediger"

# MkDocs' own rule for front matter (mkdocs.utils.meta.YAML_RE), restated: the data package imports nothing from
# MkDocs, and the page must be read here as the build reads it.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_FIELD_LINE = re.compile(rf"^{FIELD}[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)


def page_sources(
    pages: Iterable[tuple[str, str]], content_name: str, data_files: Iterable[str]
) -> tuple[dict[str, str], list[Problem]]:
    """The data file each hand-written page names in its front matter, and a problem for each it names wrongly.

    Args:
        pages: (path shown to the editor, text) of the files in the content folder ('content/tilbud/lovgrundlag.md');
            files other than Markdown are skipped.
        content_name: the content folder's name ('content'), the start of every shown path.
        data_files: the data files of the repository, as shown to the editor ('vocabularies/legal_bases.yaml',
            'municipalities/roedovre.yaml'): the only values `rediger` may take.

    Returns ({page's path in the content folder ('tilbud/lovgrundlag.md'): data file}, problems), each problem
    with the page, the line of `rediger`, the value as written and what is expected (Danish).
    """
    known = sorted(set(data_files))
    found: dict[str, str] = {}
    problems: list[Problem] = []
    for shown, text in pages:
        if not shown.endswith((".md", ".markdown")):
            continue
        front = _FRONT_MATTER.match(text)
        if front is None:
            continue
        try:
            meta = yaml.safe_load(front.group(1))
        except yaml.YAMLError:
            continue  # MkDocs ignores front matter it cannot read, and so does this check
        if not isinstance(meta, dict) or FIELD not in meta:
            continue
        written = _FIELD_LINE.search(front.group(1))
        line = 1 + front.group(1)[: written.start()].count("\n") + 1 if written else 1
        as_written = written.group(1) if written else repr(meta[FIELD])
        value = meta[FIELD]
        if isinstance(value, str) and value in known:
            found[shown.removeprefix(content_name + "/")] = value
            continue
        expected = (
            "skriv stien til den datafil i arkivet, som sidens oplysninger kommer fra, fx "
            "'vocabularies/legal_bases.yaml' eller 'municipalities/<id>.yaml'"
        )
        if isinstance(value, str):
            guess = difflib.get_close_matches(value, known, n=1)
            message = f"filen '{value}' findes ikke blandt sitets datafiler" + (
                f". Mente du '{guess[0]}'?" if guess else f"; {expected}"
            )
        else:
            message = f"der står '{as_written}'; {expected}"
        problems.append(Problem(shown, line, FIELD, message))
    return found, problems
