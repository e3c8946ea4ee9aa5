"""Where the generated pages of every record land, and the check that no two pages take one address.

No record may take an address a hand-written page, a generated folder or another record already has.

The page paths are relative to docs_dir (content/); `{id}` is the record's id. The site builds with
directory URLs, where `tilbud/x.md` and `tilbud/x/index.md` both become `tilbud/x/index.html`, so two
paths collide when MkDocs gives them the same output file, not only when the paths are equal. The
data package imports nothing from MkDocs, so `output_of` restates MkDocs' rule in four lines; a test
holds it to MkDocs' own `File`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

GUIDE_FOLDER = "ny-medarbejder"
MUNICIPALITY_FOLDER = "kommune"  # tilbud/kommune/<municipality id>.md: each municipality's offer catalogue
COMPARISON_FOLDER = "politikker/sammenlign"  # a generated page per theme

POLICY_PAGE = "politikker/{id}.md"
OFFER_PAGE = "tilbud/{id}.md"
CONTACT_PAGE = "kontakter/{id}.md"
CONTACT_CARD = "kontakter/{id}.vcf"
GUIDE_PAGE = GUIDE_FOLDER + "/{id}.md"  # the municipality's start page of the onboarding path
GUIDE_PRINT_PAGE = GUIDE_FOLDER + "/{id}/print.md"  # the path for that municipality's new employees, to print
CATALOGUE_PAGE = "tilbud/" + MUNICIPALITY_FOLDER + "/{id}.md"
COMPARISON_PAGE = COMPARISON_FOLDER + "/{id}.md"  # a theme's page: each municipality's focus areas with the theme
COMPARISON_INDEX = COMPARISON_FOLDER + "/index.md"  # content/: the theme × municipality matrix (hand-written page)

# Hand-written pages in content/ that generated text links to.
WELCOME_PAGE = GUIDE_FOLDER + "/index.md"  # the first page of the onboarding path; it lists the start pages
GENERAL_PRINT_PAGE = GUIDE_FOLDER + "/print.md"  # the whole path for every municipality, to print
GLOSSARY_PAGE = GUIDE_FOLDER + "/ordliste.md"
CATALOGUE_INDEX = "tilbud/index.md"  # the offer catalogue of every municipality (macro offer_catalogue)

RECORD_PAGES: dict[str, tuple[str, ...]] = {
    "policies": (POLICY_PAGE,),
    "offers": (OFFER_PAGE,),
    "contacts": (CONTACT_PAGE, CONTACT_CARD),
    "municipalities": (GUIDE_PAGE, GUIDE_PRINT_PAGE, CATALOGUE_PAGE),
}
"""Data folder → the paths of the pages generated for each of its records."""

RESERVED_IDS = {"index", "readme"}
"""Names that are a folder's own page in MkDocs (index.md, README.md), whatever files exist today."""


def page_of(folder: str, record_id: str, anchor: str | None = None, base: str = "") -> str:
    """The Markdown path of a record's own page, from a page `base` away from the site root.

    `folder` is the record's data folder ('offers'), `anchor` an optional section on the page. MkDocs turns the
    path into the page's address and checks that it exists: `page_of('offers', 'x', base='../')` →
    '../tilbud/x.md'. Raises KeyError for a folder without pages.
    """
    path = base + RECORD_PAGES[folder][0].format(id=record_id)
    return f"{path}#{anchor}" if anchor else path


def card_of(contact_id: str, base: str = "") -> str:
    """The path of a contact's vCard file, from a page `base` away from the site root: 'kontakter/x.vcf'."""
    return base + CONTACT_CARD.format(id=contact_id)


def start_page_of(municipality_id: str, base: str = "") -> str:
    """The Markdown path of a municipality's start page of the onboarding path: 'ny-medarbejder/roedovre.md'."""
    return base + GUIDE_PAGE.format(id=municipality_id)


def print_page_of(municipality_id: str, base: str = "") -> str:
    """The Markdown path of a municipality's print page of the onboarding path: 'ny-medarbejder/roedovre/print.md'."""
    return base + GUIDE_PRINT_PAGE.format(id=municipality_id)


def catalogue_page_of(municipality_id: str, base: str = "") -> str:
    """The Markdown path of a municipality's offer catalogue: 'tilbud/kommune/roedovre.md'."""
    return base + CATALOGUE_PAGE.format(id=municipality_id)


def comparison_page_of(theme_id: str, base: str = "") -> str:
    """The Markdown path of a theme's comparison page: 'politikker/sammenlign/recovery.md'."""
    return base + COMPARISON_PAGE.format(id=theme_id)


LEGAL_BASES_PAGE = "tilbud/lovgrundlag.md"  # the Serviceloven table; each paragraph is a section (#sel-85)


def legal_basis_of(basis_id: str, base: str = "") -> str:
    """The Markdown path of a paragraph's section on the table of legal bases: 'tilbud/lovgrundlag.md#sel-85'."""
    return f"{base}{LEGAL_BASES_PAGE}#{basis_id}"


def href(path: str, here: str) -> str:
    """The address of the page `path` as a link on the page `here` gives it, for raw HTML that MkDocs leaves alone.

    Both are Markdown paths in docs_dir: ('tilbud/x.md', 'tilbud/index.md') → 'x/',
    ('tilbud/x.md', 'tilbud/kommune/roedovre.md') → '../../x/'. MkDocs' own rule (get_relative_url) for its
    directory URLs; Markdown links need none of this, as MkDocs rewrites them itself.
    """
    target, origin = url_of(output_of(path)), url_of(output_of(here))
    relative = posixpath.relpath("/" + target, "/" + posixpath.dirname(origin))
    return relative + "/" if target.endswith("/") else relative


def output_of(path: str) -> str:
    """'tilbud/x.md' → 'tilbud/x/index.html'.

    The file MkDocs writes for a file of docs_dir, with directory URLs (index.md and README.md are their folder's page;
    other files keep their path).
    """
    source = PurePosixPath(path)
    if source.suffix.lower() not in (".md", ".markdown"):
        return path
    folder = source.parent if source.stem in ("index", "README") else source.parent / source.stem
    return (folder / "index.html").as_posix().removeprefix("./")


def url_of(output: str) -> str:
    """'tilbud/x/index.html' → 'tilbud/x/', the address a visitor sees."""
    return output[: -len("index.html")] if output.endswith("index.html") else output


def record_id(page: str, path: str) -> str | None:
    """The id of the record whose page `page` (a pattern above) is `path`, or None.

    ('ny-medarbejder/{id}/print.md', 'ny-medarbejder/roedovre/print.md') → 'roedovre'.
    """
    head, tail = page.split("{id}")
    if not (path.startswith(head) and path.endswith(tail)) or len(path) <= len(head) + len(tail):
        return None
    found = path[len(head) : len(path) - len(tail)]
    return None if "/" in found else found


def generated_folders() -> set[str]:
    """Folders that hold generated pages below a section: 'tilbud/kommune', 'politikker/sammenlign'."""
    folders = {
        page.rsplit("/", 1)[0]
        for pages in RECORD_PAGES.values()
        for page in pages
        if "{id}" not in page.rsplit("/", 1)[0]
    }
    return {f for f in folders | {COMPARISON_FOLDER} if "/" in f}


def claims(records: dict[str, Iterable[str]], hand_written: Iterable[str]) -> Iterator[tuple[str, str, str]]:
    """(folder, id, why) for every record whose generated page would take an address already taken.

    `records` maps a data folder to its ids; `hand_written` are the paths of the files in docs_dir
    ('tilbud/lovgrundlag.md', 'assets/site.css'). `why` is Danish and names the page or file in the way.
    """
    taken: dict[str, str] = {}  # output file → who has it, as the editor reads it
    inside: dict[str, str] = {}  # every folder of a hand-written file → one file in it
    for path in sorted(hand_written):
        output = output_of(path)
        taken.setdefault(output, f"den håndskrevne side content/{path}")
        parts = output.split("/")[:-1]
        for end in range(1, len(parts) + 1):
            inside.setdefault("/".join(parts[:end]) + "/", f"content/{path}")
    reserved_in: dict[str, set[str]] = {}
    for folder in generated_folders():
        section, name = folder.rsplit("/", 1)
        reserved_in.setdefault(section, set()).add(name)
    # The rule once per kind of page, with a stand-in for the id (quicker for 15,000 records); it holds
    # for every id but the reserved ones, which are refused before their output is used.
    outputs = {page: output_of(page.format(id="\0")) for pages in RECORD_PAGES.values() for page in pages}
    for folder, ids in records.items():
        for record_id in sorted(ids):
            for page in RECORD_PAGES.get(folder, ()):
                section = page.rsplit("/", 1)[0]
                output = outputs[page].replace("\0", record_id)
                url = url_of(output)
                if record_id.casefold() in RESERVED_IDS:
                    yield (
                        folder,
                        record_id,
                        (f"'{record_id}' er navnet på forsiden af mappen {section}/ og kan ikke være et id"),
                    )
                elif output in taken:
                    yield folder, record_id, f"siden ville få adressen {url}, som {taken[output]} allerede har"
                elif record_id in reserved_in.get(section, ()):
                    yield folder, record_id, f"adressen {url} er en mappe med sider, som sitet laver selv"
                elif output.endswith("/index.html") and url in inside:
                    yield folder, record_id, f"siden ville få adressen {url}, som er mappen med {inside[url]}"
                else:
                    taken[output] = f"siden for {folder}/{record_id}.yaml"
                    continue
                break


def refusal(record_id: str, why: str) -> str:
    """The Danish message for an id that `claims` refuses, as the check and `python -m macros new` both say it."""
    return f"id'et '{record_id}' kan ikke bruges: {why}. Vælg et andet id"
