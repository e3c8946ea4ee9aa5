#!/usr/bin/env python3
"""CPU per page of our build against plain Material for MkDocs on the same number of pages, in one run.

    python scripts/compare_material.py 1000            # synthetic data at size 1000 against as many plain pages
    python scripts/compare_material.py 1000 --json out.json

Our side: `python -m macros generate --seed 1 --size N` into a temporary folder, then
`mkdocs build --strict` of this repository with SITE_DATA_DIR pointing at it (Pagefind included).
Plain Material's side: a temporary MkDocs project with the Material theme and its default search plugin,
nothing of ours, holding as many plain 600-word Markdown pages as our build wrote HTML pages, none of them
in the nav. Both builds are measured the same way (scripts/benchmark.py, run_measured): the CPU time
(user+sys) of the build's process tree, divided by the HTML pages in the built site.

Used by scripts/benchmark.py (`--compare-material N`); a script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark import ENV, PY, ROOT, measure_build, run_measured

WORDS = (
    "borger",
    "bolig",
    "støtte",
    "kommune",
    "tilbud",
    "hjælp",
    "netværk",
    "samtale",
    "aftale",
    "misbrug",
    "behandling",
    "ophold",
    "herberg",
    "medarbejder",
    "recovery",
    "hverdag",
    "plan",
    "mål",
    "indsats",
    "kontakt",
    "rådgivning",
    "værested",
    "fællesskab",
    "sundhed",
    "job",
    "økonomi",
    "pårørende",
    "sted",
    "uge",
    "dag",
    "aften",
    "åben",
    "gratis",
    "anonym",
    "ret",
    "lov",
    "paragraf",
    "socialt",
    "arbejde",
    "voksen",
)


def plain_project(folder: Path, pages: int, seed: int = 1) -> Path:
    """A plain Material project in `folder` with `pages` pages of 600 words (4 sections), none in the nav.

    Returns the path of its mkdocs.yml. The front page is the one page in the nav.
    """
    shutil.rmtree(folder, ignore_errors=True)
    docs = folder / "docs"
    (docs / "sider").mkdir(parents=True)
    rng = random.Random(seed)
    (docs / "index.md").write_text("# Forside\n\nEn side.\n", "utf-8")
    for n in range(1, pages):
        parts = [f"# Side {n}\n"]
        for section in range(4):
            parts.append(f"## Afsnit {section + 1}\n")
            words = [rng.choice(WORDS) for _ in range(150)]
            parts.append(" ".join(words[:75]).capitalize() + ".\n\n" + " ".join(words[75:]).capitalize() + ".\n")
        (docs / "sider" / f"side-{n:05d}.md").write_text("\n".join(parts), "utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Sammenligning\n"
        "theme:\n  name: material\n  language: da\n"
        "plugins:\n  - search\n"
        "nav:\n  - Forside: index.md\n"
        "validation:\n  omitted_files: info\n",
        "utf-8",
    )
    return config


def html_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def compare(size: str, work: Path, seed: int = 1) -> dict:
    """Build ours at `size` and plain Material on as many pages; CPU ms per page of each and their ratio."""
    data = work / f"data-{size}"
    shutil.rmtree(data, ignore_errors=True)
    subprocess.run(
        [PY, "-m", "macros", "generate", "--seed", str(seed), "--size", size, "--out", str(data)],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
    )
    ours_site = work / "site-ours"
    ours = measure_build(data, ours_site, log=work / "build-ours.log")
    ours["pages"] = html_pages(ours_site)
    config = plain_project(work / "plain", ours["pages"])
    plain_site = work / "site-plain"
    plain = run_measured(
        [PY, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(plain_site), "--config-file", str(config)],
        cwd=config.parent,
        log=work / "build-plain.log",
    )
    plain["pages"] = html_pages(plain_site)
    for row in (ours, plain):
        row["cpu_ms_per_page"] = 1000 * row["cpu_s"] / row["pages"] if row.get("cpu_s") and row["pages"] else None
    a, b = ours["cpu_ms_per_page"], plain["cpu_ms_per_page"]
    ratio = a / b if a and b else None
    return {"size": size, "ours": ours, "plain_material": plain, "ratio": ratio}


def summary(result: dict) -> str:
    ours, plain = result["ours"], result["plain_material"]
    return (
        f"Størrelse {result['size']}: sitet {ours['pages']} sider, {ours['cpu_s']:.1f} s CPU = "
        f"{ours['cpu_ms_per_page']:.1f} ms CPU/side (rc {ours['rc']}); ren Material {plain['pages']} sider, "
        f"{plain['cpu_s']:.1f} s CPU = {plain['cpu_ms_per_page']:.1f} ms CPU/side (rc {plain['rc']}); "
        f"forhold {result['ratio']:.2f} ×"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("size", nargs="?", default="1000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, help="Working folder (default: a new temporary folder).")
    parser.add_argument("--json", type=Path, help="Write the raw figures here.")
    parser.add_argument("--keep", action="store_true", help="Keep the built sites in the working folder.")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="udsatte-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    result = compare(args.size, work, args.seed)
    if not args.keep:
        for name in ("site-ours", "site-plain"):
            shutil.rmtree(work / name, ignore_errors=True)
    print(summary(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 0 if result["ours"]["rc"] == 0 and result["plain_material"]["rc"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
