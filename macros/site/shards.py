"""Sharded builds: which part of the site shard k of n renders, and joining the parts into one site.

A shard build (SITE_SHARD=k/n, plugin.py) keeps every file in MkDocs' Files, so strict link validation still knows
every page, but leaves the pages of the other shards unrendered. Every shard renders the pages in the nav (few,
and the sitemap and 404 page): the join checks that those are byte-identical in every part. The other pages are
split by estimated cost, and so are the vCards; the static files and open-data downloads are written by shard 1
only, which gets fewer pages for them.
scripts/build_shards.py runs the shards and the join; docs/architecture.md describes the workflow.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

# Written by each shard into its site folder; read and left out by the join.
MANIFEST = ".udsatte-shard.json"
# A page's estimated cost is the length of its Markdown plus this many bytes: the theme, the nav and the page's own
# hooks cost about the same for every page, so a part of many small pages is not mistaken for a light one.
PAGE_COST = 1500
# A page rendered straight to HTML (html_pages.py) is weighed without rendering it (a shard renders only its own):
# its front matter, PAGE_COST and this, about the length of an offer's page content at 1,000 records.
STRAIGHT_HTML_COST = 6000
# A page whose Markdown runs macros (front matter `render_macros: true`) is a few lines that may render a whole
# guide (a municipality's print page: 290 kB at 1000 records); it is weighed as a large page, so such pages are
# dealt out evenly over the parts first.
MACRO_PAGE_COST = 200_000
# A vCard (about a ninth of an offer's page: vobject's serialisation) is dealt out like a page.
VCARD_COST = 900
# The open-data downloads and the catalogue's index, written by shard 1, cost about this much per record of the data
# (JSON, CSV and HSDS of every record): shard 1 starts with it, so it gets fewer pages.
DOWNLOADS_COST_PER_RECORD = 700
_MACROS = re.compile(rb"\A---\s*\n(?:.*\n)*?render_macros:\s*true\s*\n(?:.*\n)*?---", re.MULTILINE)


def page_cost(markdown: bytes, straight_to_html: bool = False) -> int:
    """The estimated cost of rendering a page (PAGE_COST, STRAIGHT_HTML_COST, MACRO_PAGE_COST): output bytes, roughly.

    `straight_to_html`: a page rendered straight to HTML (html_pages.py), whose `markdown` is its front matter.
    """
    if _MACROS.match(markdown):
        return MACRO_PAGE_COST
    return len(markdown) + (STRAIGHT_HTML_COST if straight_to_html else 0) + PAGE_COST


class ShardError(Exception):
    """A shard cannot be chosen or the parts cannot be joined; the message (Danish) says why."""


@dataclass(frozen=True)
class Shard:
    """Part `index` (1-based) of `count`."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """'k/n' → Shard(k, n) with 1 ≤ k ≤ n; raises ShardError (Danish) for anything else."""
    index, sep, count = text.strip().partition("/")
    if not (sep and index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise ShardError(
            f"SITE_SHARD={text!r} kan ikke bruges: skriv delen og antallet af dele som k/n, "
            "fx 2/4 (del 2 af 4, fra 1 til n)"
        )
    return Shard(int(index), int(count))


def assign(costs: Iterable[tuple[str, int]], count: int, first: int = 0) -> dict[str, int]:
    """Split pages into `count` parts of about equal cost: {src_uri: part 1..count}.

    `costs` gives each page's src_uri and estimated cost (page_cost). Largest first, each page to the part with the
    least cost so far (ties: the lowest part), so the same pages always give the same split in every shard. Not
    round-robin over the sorted paths: a municipality's pages sort together, and with two parts every large print
    page (ny-medarbejder/<kommune>/print/) could land in the same one. Part 1 starts with the cost `first` (the
    downloads it writes besides its pages).
    """
    totals = [first] + [0] * (count - 1)
    parts = {}
    for uri, cost in sorted(costs, key=lambda item: (-item[1], item[0])):
        part = min(range(count), key=lambda i: (totals[i], i))
        totals[part] += cost
        parts[uri] = part + 1
    return parts


def fingerprint(parts: dict[str, int], count: int) -> str:
    """A digest of the split (every page and its part): shards of the same site and data agree on it."""
    text = "\n".join(f"{uri}\t{part}" for uri, part in sorted(parts.items()))
    return hashlib.sha256(f"{count}\n{text}".encode()).hexdigest()


def write_manifest(site_dir: Path, shard: Shard, digest: str, pages: int) -> None:
    """Note in the shard's site folder which part it is, of which split, and how many pages it rendered."""
    data = {"shard": shard.index, "shards": shard.count, "fingerprint": digest, "pages": pages}
    (Path(site_dir) / MANIFEST).write_text(json.dumps(data) + "\n", "utf-8")


def read_manifest(site_dir: Path) -> dict:
    """The manifest a shard build wrote; raises ShardError if it is missing or unreadable."""
    path = Path(site_dir) / MANIFEST
    try:
        data = json.loads(path.read_text("utf-8"))
        int(data["shard"]), int(data["shards"]), str(data["fingerprint"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ShardError(
            f"{site_dir} er ikke en del af et delt build ({MANIFEST} mangler eller kan ikke læses: "
            f"{type(exc).__name__}). Byg delen med SITE_SHARD=k/n"
        ) from None
    return data


@dataclass(frozen=True)
class JoinResult:
    """What a join wrote: files in the joined site, and files that several parts wrote identically."""

    files: int
    shared: int


def join_sites(parts: Sequence[Path], dest: Path, *, move: bool = False) -> JoinResult:
    """Join the site folders of shards 1..n (in any order) into `dest`, which must not exist.

    Every file is taken from the part that wrote it; a file several parts wrote (the nav's pages, the 404 page, the
    sitemap) must be byte-identical in all of them. With `move`, files are moved rather than copied (the parts are
    used up). Raises ShardError (Danish) if the parts are not exactly shards 1..n of one split, or disagree on a file.
    The search index is not written here (search.index_site on `dest` does that).
    """
    manifests = [(Path(part), read_manifest(part)) for part in parts]
    counts = {m["shards"] for _, m in manifests}
    prints = {m["fingerprint"] for _, m in manifests}
    if len(counts) != 1 or len(prints) != 1:
        raise ShardError(
            "Delene hører ikke til samme build (forskelligt antal dele eller forskellige data/kode): "
            + ", ".join(f"{part} = del {m['shard']}/{m['shards']}" for part, m in manifests)
        )
    count = counts.pop()
    got = sorted(m["shard"] for _, m in manifests)
    if got != list(range(1, count + 1)):
        raise ShardError(
            f"Der skal være præcis én af hver del 1-{count}; fik " + ", ".join(str(k) for k in got) + ". "
            "Byg de manglende dele, eller fjern dubletterne"
        )
    dest = Path(dest)
    if dest.exists():
        raise ShardError(f"{dest} findes allerede; de samlede filer skal i en ny mappe")
    dest.mkdir(parents=True)
    files = shared = 0
    for part, _ in sorted(manifests, key=lambda item: item[1]["shard"]):
        for folder, dirnames, filenames in os.walk(part):
            dirnames.sort()
            rel = Path(folder).relative_to(part)
            for name in sorted(filenames):
                if rel == Path(".") and name == MANIFEST:
                    continue
                source, target = Path(folder) / name, dest / rel / name
                if target.exists():
                    if not filecmp.cmp(source, target, shallow=False):
                        raise ShardError(
                            f"Delene er uenige om {(rel / name).as_posix()}: {part} har en anden udgave end en "
                            "tidligere del. Siderne i menuen skal blive ens i alle dele; er data eller kode "
                            "ændret mellem delene?"
                        )
                    shared += 1
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                if move:
                    os.replace(source, target)
                else:
                    shutil.copy2(source, target)
                files += 1
    return JoinResult(files=files, shared=shared)
