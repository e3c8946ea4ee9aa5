"""Site search: index the built site with Pagefind, whose browser script loads only the index chunks a query needs.

A build indexes its pages as they are rendered (search_feed.py: Pagefind runs beside MkDocs as a service and the
plugin hands it each finished page). What both ways share lives here: the settings (EXCLUDE_SELECTORS), the
result, the Danish messages, the check of the written index and the spellings.

`index_site` indexes a finished site folder with Pagefind's own command-line program; the joined site of a
sharded build is indexed so (scripts/build_shards.py), since no single build saw all of its pages. Pagefind's
Python API (`pagefind.index.PagefindIndex`) is not used: its service answers "files written" while the
files are still being written in the background, and the API stops the service right after that answer,
so under load the index was left with empty or missing files (the build then failed on an empty
pagefind-entry.json, or passed with a broken search). The command-line program waits for every file
before it exits; search_feed.py fetches the files' contents from the service and writes them itself.

After indexing, the Danish spellings of the index's words are written next to it (search_spelling.py), read
from the index's own page records, so the results page can search 'bostotte' as 'bostøtte'.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import get_executable

from . import search_spelling

OUTPUT_DIR = "pagefind"
# The Danish spellings of the index's words, fetched by content/assets/search.js (keep its SPELLINGS the same).
SPELLINGS_DIR = "stavemaader"
# How Pagefind 1.x stores a page's record (pagefind/fragment/*.pf_fragment): gzip of this signature + JSON.
FRAGMENT_SIGNATURE = b"pagefind_dcd"
GLOB = "**/*.html"
# The indexed part of a page is the element marked data-pagefind-body (overrides/main.html); boxes that are
# not content carry data-pagefind-ignore (glossary.py). Marked here instead: the headings' "¶" links, and
# the offer catalogue on tilbud/ – its filter form is not content, and its card per offer would make the
# page match nearly every query and weigh megabytes at national size, while each offer has its own page.
EXCLUDE_SELECTORS = [".headerlink", "[data-catalogue]"]
# Well above the national size's indexing time; without it a hanging Pagefind process would hang the build.
TIMEOUT_SECONDS = 900
# How much of Pagefind's own output a message quotes: the end, where it says what went wrong.
QUOTED_LINES = 20


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message (Danish) names the step, and quotes Pagefind."""


@dataclass(frozen=True)
class IndexResult:
    """What an indexing run wrote: pages in the index, seconds taken, Pagefind's stderr lines, spelled words."""

    pages: int
    seconds: float
    warnings: tuple[str, ...] = ()  # what Pagefind wrote on stderr during a successful run
    spelled_words: int = 0  # folded words with other spellings in the index (search_spelling.py)


def index_site(site_dir: Path) -> IndexResult:
    """Index every HTML page in `site_dir` into `site_dir`/pagefind/; generated non-HTML files are left out.

    Then writes the Danish spellings of the index's words to `site_dir`/pagefind/stavemaader/ (search_spelling.py).

    Runs the Pagefind binary of the `pagefind[bin]` package (or PAGEFIND_BINARY_PATH) with a config file
    in a scratch folder, so no pagefind.* file or PAGEFIND_* variable of the caller changes the index.
    Raises SearchIndexError if the program is missing, fails, hangs, or leaves an index that cannot be read, or
    if the spellings cannot be written.
    """
    started = time.monotonic()
    binary = get_executable()
    if binary is None or not Path(binary).is_file():
        raise SearchIndexError(
            f"Pagefind-programmet blev ikke fundet ({binary or 'pagefind'}). Installér "
            "sitets afhængigheder igen: pip install -e ."
        )
    site_dir = Path(site_dir).resolve()
    config = {
        "site": str(site_dir),
        "output_path": str(site_dir / OUTPUT_DIR),
        "glob": GLOB,
        "exclude_selectors": EXCLUDE_SELECTORS,
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    with tempfile.TemporaryDirectory(prefix="pagefind-") as workdir:
        (Path(workdir) / "pagefind.json").write_text(json.dumps(config), "utf-8")
        try:
            run = subprocess.run(
                [str(binary)],
                cwd=workdir,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired as exc:
            raise SearchIndexError(
                _failed(
                    "indeksering",
                    site_dir,
                    f"Pagefind blev ikke færdig inden for {TIMEOUT_SECONDS} sekunder og blev stoppet",
                    exc.stdout,
                    exc.stderr,
                )
            ) from None
        except OSError as exc:  # not executable, wrong architecture, out of processes ...
            raise SearchIndexError(
                f"Søgeindeksering, trin 'start af Pagefind': programmet {binary} kunne ikke "
                f"startes: {exc.strerror or exc}."
            ) from None
    if run.returncode != 0:
        if run.returncode < 0:
            what = f"Pagefind blev stoppet af signal {-run.returncode} (fx fordi maskinen løb tør for hukommelse)"
        elif b"not able to build an index" in run.stderr:
            what = "Pagefind fandt ingen sider at indeksere (mangler data-pagefind-body?)"
        else:
            what = f"Pagefind stoppede med fejlkoden {run.returncode}"
        raise SearchIndexError(_failed("indeksering", site_dir, what, run.stdout, run.stderr))
    pages = indexed_pages(site_dir)
    if not pages:
        raise SearchIndexError("Pagefind fandt ingen sider at indeksere (mangler data-pagefind-body?).")
    warnings = tuple(line for line in _text(run.stderr).splitlines() if line.strip())
    spelled = write_spellings(site_dir, indexed_texts(site_dir))
    return IndexResult(pages=pages, seconds=time.monotonic() - started, warnings=warnings, spelled_words=spelled)


def write_spellings(site_dir: Path, texts: list[str]) -> int:
    """Write the Danish spellings of `texts` (the index's pages) to `site_dir`/pagefind/stavemaader/; their number.

    Raises SearchIndexError if the folder cannot be written.
    """
    folder = Path(site_dir) / OUTPUT_DIR / SPELLINGS_DIR
    try:
        return search_spelling.write_spellings(folder, texts)
    except OSError as exc:
        raise SearchIndexError(
            f"Søgeindeksering, trin 'stavemåder': {folder} kunne ikke skrives ({exc.strerror or exc})."
        ) from None


def indexed_texts(site_dir: Path) -> list[str]:
    """The text of every page in the written index (`site_dir`/pagefind/): its title and its indexed content.

    Read from Pagefind's own page records, so the words are exactly the ones a search can match.
    Raises SearchIndexError if a record cannot be read.
    """
    texts = []
    for file in sorted((Path(site_dir) / OUTPUT_DIR / "fragment").glob("*.pf_fragment")):
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise SearchIndexError(
                f"Søgeindeksering, trin 'stavemåder': Pagefinds side {file.name} kan ikke "
                f"læses ({exc.strerror or exc})."
            ) from None
        texts += fragment_texts(content, file.name)
    return texts


def fragment_texts(content: bytes, name: str) -> list[str]:
    """A page record's title and indexed content, from the bytes of its file `name` (fragment/*.pf_fragment).

    Pagefind 1.x stores a record as gzip of FRAGMENT_SIGNATURE + JSON. Raises SearchIndexError if it cannot be read.
    """
    try:
        raw = gzip.decompress(content)
        if not raw.startswith(FRAGMENT_SIGNATURE):
            raise ValueError("ukendt format (en anden version af Pagefind?)")
        record = json.loads(raw[len(FRAGMENT_SIGNATURE) :])
        return [record["meta"].get("title") or "", record["content"]]
    except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SearchIndexError(
            f"Søgeindeksering, trin 'stavemåder': Pagefinds side {name} kan ikke læses ({type(exc).__name__}: {exc})."
        ) from None


def indexed_pages(site_dir: Path) -> int:
    """How many pages the written index holds (Pagefind's own count also includes pages it skipped).

    Raises SearchIndexError if pagefind-entry.json or a language's metadata file is missing or unreadable.
    """
    bundle = Path(site_dir) / OUTPUT_DIR
    entry_file = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_file.read_text("utf-8"))
        languages = entry["languages"].values()
        count = sum(language["page_count"] for language in languages)
        for language in languages:
            meta = bundle / f"pagefind.{language['hash']}.pf_meta"
            if not meta.is_file() or meta.stat().st_size == 0:
                raise FileNotFoundError(f"{meta.name} mangler eller er tom")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SearchIndexError(
            f"Søgeindeksering, trin 'kontrol af det skrevne indeks': Pagefind sluttede uden "
            f"fejl, men indekset i {bundle} er ufuldstændigt ({entry_file.name}: "
            f"{type(exc).__name__}: {exc})."
        ) from None
    return count


def _failed(step: str, site_dir: Path, what: str, stdout: bytes | str | None, stderr: bytes | str | None) -> str:
    """A Danish message: the step, the site folder, what happened, and the end of Pagefind's own output.

    Pagefind indexes the pages in parallel and names a page in its own message when one is to blame.
    """
    return failed_message(
        step, str(site_dir), what, [("fejludskrift (stderr)", stderr), ("sidste linjer (stdout)", stdout)]
    )


def failed_message(step: str, where: str, what: str, outputs: list[tuple[str, bytes | str | None]]) -> str:
    """A Danish message: the step, what was indexed, what happened, and the end of each of Pagefind's outputs.

    `outputs` are (what it is, as in "Pagefinds <what>:", its text) in the order they are quoted.
    """
    quoted = "".join(f"\nPagefinds {label}:\n{_tail(text) or '  (tom)'}" for label, text in outputs)
    return f"Søgeindeksering, trin '{step}' af {where}: {what}.{quoted}"


def _text(output: bytes | str | None) -> str:
    if output is None:
        return ""
    return output.decode("utf-8", "replace") if isinstance(output, bytes) else output


def _tail(output: bytes | str | None) -> str:
    lines = [line for line in _text(output).splitlines() if line.strip()]
    return "\n".join(f"  {line}" for line in lines[-QUOTED_LINES:])
