#!/usr/bin/env python3
"""Compare two built sites page by page: the visible text of each page's <article>, its table of contents and
the targets of its links.

    python scripts/compare_sites.py SITE_BEFORE SITE_AFTER [--pages 'tilbud/*/index.html' ...]

Meant for a change to how pages are rendered that must not change what a reader sees. Text is compared with
whitespace collapsed (HTML shows any run of whitespace as one space); markup that shows no text is not compared.
Prints each difference and a summary; exits 1 when a page differs.
"""

from __future__ import annotations

import argparse
import html
import sys
from html.parser import HTMLParser
from pathlib import Path

DEFAULT_PAGES = ("tilbud/*/index.html", "kontakter/*/index.html")


class _Page(HTMLParser):
    """The article's text, the table of contents' (href, text) items and the article's link targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = {"article": 0, "toc": 0}
        self.text: list[str] = []
        self.toc: list[list[str]] = []
        self.links: list[str] = []
        self._nav_stack: list[bool] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.depth["article"] += 1
        if tag == "nav":
            is_toc = "md-nav--secondary" in (a.get("class") or "")
            self._nav_stack.append(is_toc)
            if is_toc:
                self.depth["toc"] += 1
        if tag == "a":
            if self.depth["toc"] and a.get("class") == "md-nav__link":
                self.toc.append([a.get("href") or "", ""])
            elif self.depth["article"]:
                self.links.append(a.get("href") or "")

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth["article"] -= 1
        if tag == "nav" and self._nav_stack and self._nav_stack.pop():
            self.depth["toc"] -= 1

    def handle_data(self, data):
        if self.depth["article"]:
            self.text.append(data)
        if self.depth["toc"] and self.toc:
            self.toc[-1][1] += data


def read(path: Path) -> tuple[str, list[tuple[str, str]], list[str]]:
    parser = _Page()
    parser.feed(path.read_text("utf-8"))
    text = " ".join(html.unescape("".join(parser.text)).split())
    toc = [(href, " ".join(label.split())) for href, label in parser.toc]
    return text, toc, parser.links


def first_difference(a: str, b: str, context: int = 80) -> str:
    n = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"før: …{a[max(0, n - context) : n + context]!r}\n    efter: …{b[max(0, n - context) : n + context]!r}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--pages", nargs="*", default=list(DEFAULT_PAGES))
    parser.add_argument("--show", type=int, default=10, help="Print at most this many differences of each kind.")
    args = parser.parse_args(argv)
    names = sorted({p.relative_to(args.before).as_posix() for g in args.pages for p in args.before.glob(g)})
    after_names = sorted({p.relative_to(args.after).as_posix() for g in args.pages for p in args.after.glob(g)})
    problems: dict[str, list[str]] = {"missing": sorted(set(names) ^ set(after_names))}
    problems |= {"text": [], "toc": [], "links": []}
    for name in names:
        if not (args.after / name).is_file():
            continue
        text_a, toc_a, links_a = read(args.before / name)
        text_b, toc_b, links_b = read(args.after / name)
        if text_a != text_b:
            problems["text"].append(f"{name}\n    {first_difference(text_a, text_b)}")
        if toc_a != toc_b:
            problems["toc"].append(f"{name}\n    før: {toc_a}\n    efter: {toc_b}")
        if links_a != links_b:
            problems["links"].append(f"{name}\n    før: {links_a}\n    efter: {links_b}")
    for kind, items in problems.items():
        for item in items[: args.show]:
            print(f"[{kind}] {item}")
    print(
        f"{len(names)} sider sammenlignet: "
        + ", ".join(f"{kind} forskellig på {len(items)}" for kind, items in problems.items())
    )
    return 1 if any(problems.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
