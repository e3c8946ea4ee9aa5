"""HTML typed into a plain-text field of the data.

Every text field of the YAML files is plain text (models.Text, models.Line): the site escapes it wherever it
stands, so a reader sees `<b>NY</b>` with its brackets, never bold text. An editor who typed markup therefore
publishes a broken text, and `html_tag(text)` finds it so that the check can refuse it.

What counts as markup: an HTML element by its name (`<b>`, `<br/>`, `<a href="...">`, `<script>`), an end tag
(`</b>`), any tag with an attribute (`<x onclick="...">`), a comment (`<!-- -->`) or a doctype. Honest text with
angle brackets is left alone: `< 18 år`, `3 < 5`, `borgere <25 år`, `<<`, a word in brackets that is no element
(`<ikke oplyst>`), an e-mail address written `Navn <navn@example.dk>` and a web address written `<https://...>`,
which are no HTML and are shown exactly as written.
"""

from __future__ import annotations

import re

# The elements of HTML (the living standard, and the obsolete ones an editor may still know: font, center ...)
# and the roots of SVG and MathML.
_ELEMENT_NAMES = """
    a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink blockquote
    body br button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl
    dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr
    html i iframe image img input ins isindex kbd keygen label legend li link listing main map mark marquee math
    menu menuitem meta meter multicol nav nextid nobr noembed noframes noscript object ol optgroup option output p
    param picture plaintext portal pre progress q rb rp rt rtc ruby s samp script search section select slot small
    source spacer span strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time
    title tr track tt u ul var video wbr xmp
"""
HTML_ELEMENTS = frozenset(_ELEMENT_NAMES.split())

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?/?>|<!--|<!doctype", re.IGNORECASE)


def html_tag(text: str) -> str | None:
    """The first piece of HTML in `text`, as typed (a tag, '<!--' or '<!doctype'), or None if it has none."""
    if "<" not in text:
        return None
    for match in _TAG.finditer(text):
        closing, name, attributes = match.group(1), match.group(2), match.group(3) or ""
        if name is None or closing or name.lower() in HTML_ELEMENTS or "=" in attributes:
            return match.group()
    return None


def html_message(tag: str) -> str:
    """The Danish reason a plain-text field refuses `tag` (found by `html_tag`), with what to write instead."""
    shown = tag if len(tag) <= 40 else tag[:37] + "..."
    name = re.match(r"</?([A-Za-z][A-Za-z0-9-]*)", tag)
    element = name.group(1).lower() if name else ""
    hint = ""
    if element == "a":
        hint = "; et link skrives i feltet til webadressen (fx website eller url), ikke i teksten"
    elif element in ("br", "p"):
        hint = "; et nyt afsnit skrives som et nyt punkt, hvor feltet er en liste (fx description)"
    return (
        f"teksten indeholder HTML-koden '{shown}'; feltet er almindelig tekst og vises præcis som skrevet, så "
        f"læserne ville se koden. Skriv teksten uden HTML – sitet sætter den selv op{hint}"
    )
