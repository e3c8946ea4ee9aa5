"""The onboarding path, the glossary and the policy comparison: built from the data, linked to their sources,
explained, comparable and printable."""

from __future__ import annotations

import html
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
import yaml
from conftest import ROOT, copy_data, run_build, run_check
from sitetext import page, pagefind_fragments, visible


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml holds tags such as !ENV; the nav needs none of them."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_ConfigLoader)
NAV = next(item["Ny medarbejder"] for item in CONFIG["nav"] if isinstance(item, dict) and "Ny medarbejder" in item)
SECTION = [(title, path) for entry in NAV for title, path in entry.items()]
GUIDES = [(t, p) for t, p in SECTION if p not in ("ny-medarbejder/ordliste.md", "ny-medarbejder/print.md")]
GLOSSARY = yaml.safe_load((ROOT / "vocabularies" / "glossary.yaml").read_text("utf-8"))["items"]
LEGAL = {b["id"]: b for b in yaml.safe_load((ROOT / "vocabularies" / "legal_bases.yaml").read_text("utf-8"))["items"]}
MUNICIPALITIES = sorted(
    (yaml.safe_load(p.read_text("utf-8")) for p in (ROOT / "municipalities").glob("*.yaml")), key=lambda m: m["name"]
)


def url_of(path: str) -> str:
    """ny-medarbejder/borgerne.md → ny-medarbejder/borgerne ; ny-medarbejder/index.md → ny-medarbejder."""
    stem = path.removesuffix(".md")
    return stem.removesuffix("/index").removesuffix("index").rstrip("/")


def article(html_text: str) -> str:
    return html_text[html_text.index("<article") : html_text.index("</article>")]


# --- reading a built page ----------------------------------------------------------------------


class Reader(HTMLParser):
    """The text of a page's article in order, noting for each piece whether it stands in an <abbr> (and its
    title) or in an element whose text is never explained (code, diagrams, form controls, definitions)."""

    SKIP = frozenset(
        {
            "script",
            "style",
            "svg",
            "code",
            "pre",
            "kbd",
            "samp",
            "option",
            "select",
            "textarea",
            "button",
            "label",
            "title",
            "dfn",
            "template",
        }
    )
    VOID = frozenset(
        {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "embed", "track", "base"}
    )

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.pieces: list[tuple[str, str | None, bool]] = []  # text, abbr title, skipped

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        abbr = next((a.get("title") for t, a in reversed(self.stack) if t == "abbr"), None)
        skipped = any(t in self.SKIP or "data-no-glossary" in a for t, a in self.stack)
        self.pieces.append((data, abbr, skipped))


def read(html_text: str) -> Reader:
    reader = Reader()
    reader.feed(article(html_text))
    return reader


def built_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("index.html")) if "<article" in p.read_text("utf-8")]


def definition(term: dict) -> str:
    if term.get("definition"):
        return " ".join(term["definition"].split())
    basis = LEGAL[term["legal_basis"]]
    return " ".join(f"{basis['law']} {basis['paragraph']}: {basis['title']}. {basis['meaning']}".split())


def term_pattern() -> tuple[re.Pattern, dict[str, str]]:
    """Every form of every term (as written, and with the first letter's case turned), longest first."""
    forms: dict[str, str] = {}
    for term in GLOSSARY:
        for form in [term["term"], *term.get("aliases", [])]:
            form = " ".join(form.split())
            forms.setdefault(form, term["id"])
            forms.setdefault(form[0].swapcase() + form[1:], term["id"])
    alternatives = sorted(forms, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, f.split(" "))) for f in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body})(?!\w|-\w)"), forms


# --- the path ----------------------------------------------------------------------------------


def test_the_section_lists_the_guides_in_order_then_the_glossary_and_the_print_page():
    assert SECTION[0][1] == "ny-medarbejder/index.md"
    assert [p for _, p in SECTION][-2:] == ["ny-medarbejder/ordliste.md", "ny-medarbejder/print.md"]
    assert len(GUIDES) == 11
    for _, path in SECTION:
        assert (ROOT / "content" / path).is_file(), path


@pytest.mark.parametrize(("title", "path"), GUIDES, ids=[p for _, p in GUIDES])
def test_every_guide_builds_with_self_check_and_previous_next(built_site, title, path):
    html_text = page(built_site, url_of(path))
    assert re.search(r"<h1[^>]*>", html_text)
    assert "citation-missing" not in html_text, "a guide cites a policy the data does not have"
    # A few questions with their answers behind a keyboard-operable disclosure.
    questions = re.findall(r'<details class="question">\s*<summary>(.*?)</summary>', html_text, re.S)
    assert len(questions) >= 2, path
    assert 'class="md-footer__link md-footer__link--next"' in html_text or path == GUIDES[-1][1]
    assert 'class="md-footer__link md-footer__link--prev"' in html_text or path == GUIDES[0][1]


def test_the_path_diagram_follows_the_nav_and_has_a_text_alternative(built_site):
    html_text = page(built_site, "ny-medarbejder")
    svg = re.search(r'(?s)<figure class="diagram diagram--path">.*?</figure>', html_text).group(0)
    assert all(html.escape(title, quote=True) in svg for title, _ in GUIDES)
    listed = re.search(r"(?s)</figure>\s*<ol>(.*?)</ol>", html_text[html_text.index(svg) :]).group(1)
    assert [visible(li) for li in re.findall(r"(?s)<li>(.*?)</li>", listed)] == [
        t + (" (du er her)" if i == 0 else "") for i, (t, _) in enumerate(GUIDES)
    ]


def test_every_municipality_has_a_start_page_with_its_policies_offers_and_contacts(built_site):
    policies = [yaml.safe_load(p.read_text("utf-8")) for p in (ROOT / "policies").glob("*.yaml")]
    offers = [yaml.safe_load(p.read_text("utf-8")) for p in (ROOT / "offers").glob("*.yaml")]
    contacts = [yaml.safe_load(p.read_text("utf-8")) for p in (ROOT / "contacts").glob("*.yaml")]
    welcome = page(built_site, "ny-medarbejder")
    for m in MUNICIPALITIES:
        html_text = page(built_site, f"ny-medarbejder/{m['id']}")
        text = visible(html_text)
        assert f"Ny medarbejder i {m['name']} Kommune" in text
        assert f'href="{m["id"]}/"' in welcome
        for p in (p for p in policies if p["municipality"] == m["id"]):
            assert f'href="../../politikker/{p["id"]}/"' in html_text
            for value_set in p.get("values", []):
                for value in value_set["items"]:
                    assert " ".join(value["title"].split()) in text
        for o in (o for o in offers if o["municipality"] == m["id"] and o.get("status", "aktiv") != "lukket"):
            assert f'href="../../tilbud/{o["id"]}/"' in html_text
        for c in (c for c in contacts if c.get("municipality") == m["id"]):
            assert f'href="../../kontakter/{c["id"]}/"' in html_text


# --- facts come from the data, with a link to where they stand --------------------------------


def anchors_of(site: Path, url: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', (site / url / "index.html").read_text("utf-8")))


def resolve(page_url: str, href: str) -> tuple[str, str]:
    parts = urlsplit(href)
    target = posixpath.normpath(posixpath.join(page_url, parts.path)) if parts.path else page_url.rstrip("/")
    return target.strip("/"), unquote(parts.fragment)


@pytest.mark.parametrize(("title", "path"), GUIDES, ids=[p for _, p in GUIDES])
def test_every_quote_links_to_an_existing_section_of_a_policy(built_site, title, path):
    url = url_of(path) + "/"
    html_text = page(built_site, url_of(path))
    captions = re.findall(r"(?s)<figure class=\"citat policy-quote\">.*?<figcaption>(.*?)</figcaption>", html_text)
    for caption in captions:
        href = re.search(r'<a href="([^"]+)"', caption).group(1)
        target, fragment = resolve(url, href)
        assert target.startswith("politikker/") and fragment, (path, href)
        assert fragment in anchors_of(built_site, target), (path, href)


def test_a_changed_policy_changes_every_guide_and_page_that_cites_it(tmp_path):
    data = copy_data(tmp_path / "data")
    policies = data / "policies"
    frederiksberg = policies / "frederiksberg-udsattepolitik-2023-2026.yaml"
    text = frederiksberg.read_text("utf-8")
    assert "Hjælp borgerne så tidligt som muligt" in text
    changed = "Hjælp borgerne <skrivebord> så tidligt som muligt NYT"  # a tag of no HTML element: the check lets it by
    frederiksberg.write_text(text.replace("Hjælp borgerne så tidligt som muligt", changed), "utf-8")
    ballerup = policies / "ballerup-socialstrategi-2024-2026.yaml"
    text = ballerup.read_text("utf-8")
    old = "Vi benytter indsatsrampen som et aktivt værktøj"
    assert old in text
    ballerup.write_text(text.replace(old, "Vi bruger indsatsrampen som et aktivt og ændret værktøj"), "utf-8")
    egedal = policies / "egedal-strategi-udsatte-positioner.yaml"
    egedal.write_text(
        egedal.read_text("utf-8").replace(
            "Og det er ofte mængden af vanskeligheder", "Og det er typisk mængden af vanskeligheder"
        ),
        "utf-8",
    )
    site = tmp_path / "site"
    result = run_build(site, data)
    assert result.returncode == 0, result.stderr

    recovery = page(site, "ny-medarbejder/recovery")
    assert changed in visible(recovery)
    assert "<skrivebord>" not in recovery  # escaped in the quote and in the diagram's SVG text
    assert "Hjælp borgerne så tidligt som muligt" not in visible(recovery)
    ladder = visible(page(site, "ny-medarbejder/indsatsrampen"))
    assert "Vi bruger indsatsrampen som et aktivt og ændret værktøj" in ladder and old not in ladder
    assert "Og det er typisk mængden af vanskeligheder" in visible(page(site, "ny-medarbejder/borgerne"))
    assert "så tidligt som muligt NYT" in visible(page(site, "ny-medarbejder/frederiksberg"))
    assert "så tidligt som muligt NYT" in visible(page(site, "ny-medarbejder/frederiksberg/print"))
    assert "Vi bruger indsatsrampen som et aktivt og ændret værktøj" in visible(
        page(site, "politikker/sammenlign/recovery")
    )


def test_a_data_root_without_a_glossary_or_a_cited_policy_still_builds(tmp_path):
    """Other data sets (synthetic test data) have neither; the guides say what is missing."""
    data = copy_data(tmp_path / "data")
    (data / "vocabularies" / "glossary.yaml").unlink()
    (data / "policies" / "egedal-strategi-udsatte-positioner.yaml").unlink()
    for offer in (data / "offers").glob("*.yaml"):
        if "egedal-strategi-udsatte-positioner" in offer.read_text("utf-8"):
            offer.unlink()
    for contact in (data / "contacts").glob("*.yaml"):
        if "egedal-strategi-udsatte-positioner" in contact.read_text("utf-8"):
            contact.unlink()
    site = tmp_path / "site"
    result = run_build(site, data)
    assert result.returncode == 0, result.stderr
    assert "findes ikke i sitets data" in visible(page(site, "ny-medarbejder/borgerne"))
    assert "<abbr" not in page(site, "ny-medarbejder/housing-first")
    assert "Ordlisten er tom." in visible(page(site, "ny-medarbejder/ordliste"))


# --- the glossary ------------------------------------------------------------------------------


def test_the_glossary_holds_the_terms_of_the_policies_and_the_law():
    ids = {t["id"] for t in GLOSSARY}
    assert {
        "recovery",
        "housing-first",
        "cti",
        "icm",
        "act",
        "bostoette",
        "skaeve-boliger",
        "sofasover",
        "dobbeltdiagnose",
        "udsatteraad",
        "indsatsrampen",
        "peer-to-peer",
        "visitation",
        "paragraf-85",
        "paragraf-104",
        "paragraf-110",
    } <= ids
    for term in GLOSSARY:
        assert term.get("definition") or term.get("legal_basis"), term["id"]
        assert term["sources"], term["id"]


def test_the_glossary_file_declares_and_satisfies_its_schema():
    path = ROOT / "vocabularies" / "glossary.yaml"
    assert path.read_text("utf-8").splitlines()[0] == "# yaml-language-server: $schema=../schemas/glossary.schema.json"
    schema = json.loads((ROOT / "schemas" / "glossary.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(path.read_text("utf-8")))
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["yaml.schemas"]["./schemas/glossary.schema.json"] == "vocabularies/glossary.yaml"


def test_the_check_refuses_a_glossary_with_dangling_references(tmp_path):
    data = copy_data(tmp_path / "data")
    path = data / "vocabularies" / "glossary.yaml"
    text = path.read_text("utf-8")
    text = text.replace("section: at-kunne-selv", "section: findes-ikke", 1)
    text = text.replace(
        "related: [recovery-orienteret-rehabilitering, rehabilitering, empowerment]",
        "related: [recovery-orienteret-rehabilitering, rehabiliteringen]",
        1,
    )
    text = text.replace("legal_basis: sel-85a\n", "legal_basis: sel-999\n", 1)
    text = text.replace("aliases: [Critical Time Intervention]", "aliases: [Critical Time Intervention, ACT]", 1)
    path.write_text(text, "utf-8")
    result = run_check(data)
    assert result.returncode == 1
    output = result.stderr
    assert "politikken 'ballerup-plads-til-alle' har intet afsnit 'findes-ikke'" in output
    assert "henviser til begrebet 'rehabiliteringen', som ikke findes" in output
    assert "henviser til lovgrundlaget 'sel-999'" in output
    assert (
        "'ACT' er allerede en form af begrebet 'cti'" in output
        or "'ACT' er allerede en form af begrebet 'act'" in output
    )
    assert re.search(r"vocabularies/glossary\.yaml:\d+: items\[\d+\]\.sources\[0\]\.section", output), output


def test_the_glossary_page_has_every_term_with_its_definition_and_anchor(built_site):
    html_text = page(built_site, "ny-medarbejder/ordliste")
    text = visible(html_text)
    for term in GLOSSARY:
        assert re.search(rf'<h2 id="{term["id"]}"[^>]*><dfn>', html_text), term["id"]
        assert definition(term) in text, term["id"]


def test_every_glossary_term_used_on_a_page_is_explained_where_it_first_stands(built_site):
    """On every page: the first use of each term is an <abbr> with the term's definition, and the page's
    box "Ord på siden" lists every term used, with a link to the glossary entry."""
    pattern, forms = term_pattern()
    definitions = {t["id"]: definition(t) for t in GLOSSARY}
    checked = 0
    for file in built_pages(built_site):
        html_text = file.read_text("utf-8")
        first: dict[str, str | None] = {}  # term id → abbr title at its first use (None: not explained)
        for text, title, skipped in read(html_text).pieces:
            if skipped:
                continue
            for match in pattern.finditer(text):
                first.setdefault(forms[" ".join(match.group(0).split())], title)
        where = file.parent.relative_to(built_site).as_posix()
        for term_id, title in first.items():
            assert title is not None, f"{where}: the first use of '{term_id}' is not explained"
            assert " ".join(html.unescape(title).split()) == definitions[term_id], (where, term_id)
        box = re.search(r'(?s)<details class="page-terms".*?</details>', html_text)
        if first and where != "ny-medarbejder/ordliste" and "<form" not in article(html_text):
            assert box, f"{where}: no box with the terms of the page"
            for term_id in first:
                assert f'ordliste/#{term_id}"' in box.group(0), (where, term_id)
        checked += bool(first)
    assert checked > 50


def test_explaining_terms_leaves_headings_links_code_and_attributes_whole():
    from macros.data import models
    from macros.site import glossary

    terms = [
        models.GlossaryTerm(
            id="housing-first",
            term="Housing First",
            definition='Først "bolig" <så> støtte.',
            sources=[{"title": "Kilde"}],
        ),
        models.GlossaryTerm(
            id="bostoette", term="Bostøtte", aliases=["bostøtten"], definition="Støtte.", sources=[{"title": "Kilde"}]
        ),
    ]
    matcher = glossary.Matcher(terms)
    defs = {t.id: t.definition for t in terms}
    source = (
        '<h2 id="housing-first">Housing First<a class="headerlink" href="#housing-first" title="Housing First">'
        '¶</a></h2>\n<p><a href="../housing-first/" title="Bostøtte">Om bostøtten</a> og Housing First-'
        "programmer, <code>Housing First</code>, housing-first, Bostøtteordning.</p>"
        "<svg><text>Bostøtte</text></svg><select><option>Bostøtte</option></select>"
        '<span title="x > Housing First">y</span>'
    )
    out, used = glossary.explain(source, matcher, defs)
    assert used == ["housing-first", "bostoette"]
    assert out.count("<abbr") == 2  # the first use of each, no more
    assert (
        '<h2 id="housing-first"><abbr title="Først &quot;bolig&quot; &lt;så&gt; støtte.">Housing First</abbr>'
        '<a class="headerlink" href="#housing-first" title="Housing First">¶</a></h2>' in out
    )
    assert '<a href="../housing-first/" title="Bostøtte">Om <abbr title="Støtte.">bostøtten</abbr></a>' in out
    assert "Housing First-programmer" in out and "<code>Housing First</code>" in out  # compounds and code left
    assert "<svg><text>Bostøtte</text></svg><select><option>Bostøtte</option></select>" in out
    assert '<span title="x > Housing First">y</span>' in out  # a tag is never read as text


# --- the comparison ----------------------------------------------------------------------------


def test_the_matrix_has_a_row_per_theme_and_a_column_per_municipality_with_linked_counted_cells(built_site):
    from macros.data.vocabulary import THEMES

    html_text = page(built_site, "politikker/sammenlign")
    table = re.search(r"(?s)<table>.*?</table>", article(html_text)).group(0)
    headers = re.findall(r'(?s)<th scope="col">(.*?)</th>', table)
    assert [visible(h) for h in headers] == ["Tema"] + [m["name"] for m in MUNICIPALITIES]
    rows = re.findall(r"(?s)<tr>\s*<th scope=\"row\">(.*?)</th>(.*?)</tr>", table)
    assert [visible(r[0]) for r in rows] == [t.label for t in THEMES.values()]
    policies = [yaml.safe_load(p.read_text("utf-8")) for p in (ROOT / "policies").glob("*.yaml")]
    for (theme_header, cells), theme_id in zip(rows, THEMES, strict=True):
        assert f'href="{theme_id}/"' in theme_header
        tds = re.findall(r"(?s)<td[^>]*>.*?</td>", cells)
        assert len(tds) == len(MUNICIPALITIES)
        for td, m in zip(tds, MUNICIPALITIES, strict=True):
            expected = [
                (p["id"], a["id"])
                for p in policies
                if p["municipality"] == m["id"]
                for a in p["focus_areas"]["areas"]
                if theme_id in a["themes"]
            ]
            links = re.findall(r'<a href="([^"]+)"', td)
            if not expected:
                assert 'class="matrix-empty"' in td and "Ingen fokusområder" in visible(td) and not links
                continue
            count = re.search(r'<p class="matrix-count">(\d+) fokusområder?</p>', td)
            assert count and int(count.group(1)) == len(expected) == len(links), (theme_id, m["id"])
            for href in links:
                target, fragment = resolve("politikker/sammenlign/", href)
                assert fragment in anchors_of(built_site, target), href
            assert sorted(resolve("politikker/sammenlign/", h) for h in links) == sorted(
                (f"politikker/{p}", a) for p, a in expected
            )


def test_the_heat_map_shows_the_same_counts_with_a_text_alternative(built_site):
    html_text = page(built_site, "politikker/sammenlign")
    figure = re.search(r'(?s)<figure class="diagram diagram--heatmap">.*?</figure>', html_text).group(0)
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="([\w-]+)-title \1-desc"', figure)
    assert "<figcaption>" in figure and "Tabellen nedenfor viser det samme" in figure


def test_each_theme_page_shows_every_municipality_side_by_side_in_its_own_words(built_site):
    from macros.data.vocabulary import THEMES

    policies = [yaml.safe_load(p.read_text("utf-8")) for p in (ROOT / "policies").glob("*.yaml")]
    for theme_id in THEMES:
        url = f"politikker/sammenlign/{theme_id}"
        html_text = page(built_site, url)
        text = visible(html_text)
        grid = re.search(r'(?s)<div class="compare-grid">(.*)</div>', html_text).group(1)
        assert len(re.findall(r'<section class="compare-col">', grid)) == len(MUNICIPALITIES)
        for m in MUNICIPALITIES:
            assert f'<h2 id="{m["id"]}">' in grid
        for p in policies:
            for area in p["focus_areas"]["areas"]:
                if theme_id in area["themes"]:
                    for item in area.get("guidelines", []) + area.get("paragraphs", []):
                        assert " ".join(item.split()) in text, (theme_id, item[:50])
                    assert f'href="../../{p["id"]}/#{area["id"]}"' in html_text


# --- pictures and print ------------------------------------------------------------------------


def test_diagrams_are_inline_named_images_with_their_content_as_text_beside(built_site):
    expected = {
        "ny-medarbejder": "path",
        "ny-medarbejder/indsatsrampen": "ladder",
        "ny-medarbejder/recovery": "wheel",
        "politikker/sammenlign": "heatmap",
    }
    for url, kind in expected.items():
        html_text = page(built_site, url)
        svg = re.search(rf'(?s)<figure class="diagram diagram--{kind}">\s*(<svg .*?</svg>)', html_text).group(1)
        uid = re.search(r'aria-labelledby="([\w-]+)-title \1-desc"', svg).group(1)
        assert f'<title id="{uid}-title">' in svg and f'<desc id="{uid}-desc">' in svg
        assert 'role="img"' in svg and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "mermaid" not in html_text.lower()
    ladder = page(built_site, "ny-medarbejder/indsatsrampen")
    for legal_id in ("sel-10", "sel-12", "sel-82a-d", "sel-85", "sel-85a", "sel-107", "sel-108"):
        assert f'href="../../tilbud/lovgrundlag/#{legal_id}"' in ladder
    assert "Sitets generelle forklaring" in visible(ladder)


def test_diagram_text_is_escaped():
    from macros.site import diagrams

    svg = diagrams.wheel('<b>"x"</b>', ["a & b", "<script>"], title="t<", desc="d&", caption="c>")
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg and "a &amp; b" in svg and "t&lt;" in svg


def test_the_print_page_holds_every_guide_in_order_with_the_answers_open(built_site):
    html_text = page(built_site, "ny-medarbejder/print")
    headings = [visible(h) for h in re.findall(r"(?s)<h2[^>]*>(.*?)</h2>", html_text)]
    positions = []
    for _, path in GUIDES + [("Ordliste", "ny-medarbejder/ordliste.md")]:
        guide_h1 = re.search(r"(?s)<h1[^>]*>(.*?)</h1>", page(built_site, url_of(path))).group(1)
        heading = visible(guide_h1).rstrip("¶").strip()
        assert heading + " ¶" in headings or heading in headings, heading
        positions.append(next(i for i, h in enumerate(headings) if h.startswith(heading)))
    assert positions == sorted(positions)
    assert '<details class="question" open="open">' in html_text and '<details class="question">' not in html_text
    assert 'href="../../assets/print.css"' in html_text
    css = (built_site / "assets" / "print.css").read_text("utf-8")
    assert "@media print" in css and "break-before: page" in css
    indexed = pagefind_fragments(built_site)
    assert "ny-medarbejder/print/" not in indexed and "ny-medarbejder/vaerdier/" in indexed  # each guide once


def test_no_id_is_used_twice_on_the_new_pages(built_site):
    """Diagrams, quotes, glossary anchors and the print page's chapters all keep their ids unique."""
    for folder in ("ny-medarbejder", "politikker/sammenlign"):
        for file in (built_site / folder).rglob("index.html"):
            ids = re.findall(r'\sid="([^"]+)"', file.read_text("utf-8"))
            assert len(ids) == len(set(ids)), (file, sorted({i for i in ids if ids.count(i) > 1}))


def test_contact_cards_show_each_field_as_one_term_and_its_value(built_site):
    """A card's address is the value of 'Adresse', not a term of a list nested in it (as a stray line once made it)."""
    cards = 0
    for path in sorted(built_site.glob("ny-medarbejder/**/index.html")):
        for card in re.findall(r'<div class="contact-card">(.*?)</div>', path.read_text("utf-8"), re.S):
            cards += 1
            assert card.count("<dl>") <= 1, f"{path.relative_to(built_site)}: a list nested in a card: {card[:300]}"
            for term, value in re.findall(r"<dt>([^<]*)</dt>\s*<dd>(.*?)</dd>", card, re.S):
                assert "<dt>" not in value, f"{path.relative_to(built_site)}: {term}: {value[:200]}"
    assert cards > 20


def test_the_guides_offer_lookups_answer_from_indexes_as_a_scan_of_every_offer_would():
    """find_offers and the legal overview answer from indexes kept per catalog (national size: 98 print pages ask
    again and again); the answers are those of reading every offer, and a caller's change to one does not stick."""
    from macros.data.catalog import load_catalog
    from macros.data.public_view import public_view
    from macros.data.vocabulary import OfferStatus
    from macros.site import onboarding

    catalog = public_view(load_catalog(ROOT))
    offers = catalog.offers_sorted()
    for m in catalog.municipalities:
        expected = [o for o in offers if o.municipality == m and o.status != OfferStatus.CLOSED]
        assert onboarding.find_offers(catalog, municipality=m) == expected
        assert catalog.contacts_of(m) == [c for c in catalog.contacts_sorted() if c.municipality == m]
    for lb in catalog.legal_bases:
        assert catalog.offers_under(lb) == [o for o in offers if lb in o.legal_basis]
    basis = next(b for o in offers for b in o.legal_basis)
    under = [o for o in offers if basis in o.legal_basis and o.status != OfferStatus.CLOSED]
    assert under and onboarding.find_offers(catalog, legal_basis=[basis]) == under
    first = onboarding.find_offers(catalog, legal_basis=[basis])
    first.clear()
    assert onboarding.find_offers(catalog, legal_basis=[basis]) == under
    overview = onboarding.legal_overview(catalog, "../", "roedovre")
    for o in offers:
        if basis in o.legal_basis and o.municipality == "roedovre":
            assert o.id in overview
