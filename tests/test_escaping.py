"""Text from YAML reaches the page as literal text: no HTML, no Markdown, no Jinja, on any path."""

from __future__ import annotations

import markdown
import pytest

from macros.site.render import md_escape

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "**fed** _kursiv_ `kode` [link](javascript:alert(1))",
    "{{ config.site_name }} {% if true %}x{% endif %}",
    "# Overskrift",
    "- punkt",
    "1. punkt",
    "> citat",
    "| a | b |",
    "Tekst {#anker .klasse}",
    "&amp; &lt; &#60;",
    "    indrykket kodeblok",
    "Rødovre – æøå ÆØÅ “citat” 'enkelt'",
]


def render(md_text: str) -> str:
    return markdown.markdown(
        md_text, extensions=["attr_list", "md_in_html", "tables", "abbr", "def_list", "admonition"]
    )


def visible_text(html_text: str) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", html_text)).strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_text_survives_markdown_literally(text):
    html_out = render(md_escape(text))
    assert visible_text(html_out) == " ".join(text.split())
    assert "<script" not in html_out and "<img" not in html_out and "<strong>" not in html_out
    assert "<a " not in html_out and "<h1" not in html_out and "<table" not in html_out


@pytest.mark.parametrize("text", HOSTILE)
def test_text_survives_as_list_item_and_heading(text):
    html_out = render(f"## {md_escape(text)}\n\n- {md_escape(text)}\n")
    assert html_out.count("<li>") == 1 and html_out.count("<h2") == 1
    assert "<script" not in html_out


def test_escaped_text_is_safe_inside_a_raw_html_block():
    html_out = render(f'<div class="x">\n<p>{md_escape("</div><script>alert(1)</script>")}</p>\n</div>')
    assert "<script" not in html_out
