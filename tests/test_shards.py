"""Sharded builds: the parts joined are the very site one build makes, and a part still refuses a broken link."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, ROOT, copy_site

from macros.site import shards

SCRIPT = ROOT / "scripts" / "build_shards.py"


def build_shards(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {})),
        timeout=600,
    )


def files_of(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def pagefind_pages(site: Path) -> list[dict]:
    """Every page record of the search index, decoded (their file names are hashes of their content)."""
    records = []
    for file in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(file.read_bytes())
        records.append(json.loads(raw[len(b"pagefind_dcd") :]))
    return sorted(records, key=lambda r: r["url"])


def test_three_parts_joined_are_the_whole_site_byte_for_byte(built_site, tmp_path):
    site = tmp_path / "site"
    # Built as the shared build is: with the repository address, so every page has its edit link.
    result = build_shards(
        "--shards",
        "3",
        "--jobs",
        "2",
        "--site-dir",
        str(site),
        "--no-check",
        env={"REPO_URL": os.environ.get("REPO_URL") or REPO},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Søgeindeks: " in result.stdout
    whole, joined = files_of(built_site), files_of(site)
    # Pagefind itself names its filter and metadata files differently from one run to the next on the same site
    # (and so its entry file, which names them); its word index files are named by the pages' numbers, which
    # follow the order Pagefind got the pages in (as MkDocs rendered them in a build, as its program found the
    # files in the join): those are compared by what the index holds, the same pages with the same words, and
    # as many files of each kind.
    kept = {name for name in whole if not unstable(name)}
    assert {name for name in joined if not unstable(name)} == kept
    assert [name for name in sorted(kept) if whole[name].read_bytes() != joined[name].read_bytes()] == []
    assert pagefind_pages(site) == pagefind_pages(built_site)
    assert page_count(site) == page_count(built_site)
    assert kinds(joined) == kinds(whole)
    assert not (site / shards.MANIFEST).exists()


def unstable(name: str) -> bool:
    return bool(
        re.fullmatch(
            r"pagefind/(filter/.*\.pf_filter|index/.*\.pf_index|pagefind\.[^/]*\.pf_meta|pagefind-entry\.json)", name
        )
    )


def kinds(files: dict[str, Path]) -> list[str]:
    """The search index's files by kind: their names with the hashes left out."""
    return sorted(re.sub(r"[0-9a-f]{7,}", "#", name) for name in files if name.startswith("pagefind/"))


def page_count(site: Path) -> int:
    return json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))["languages"]["da"]["page_count"]


def test_a_broken_link_on_a_page_of_one_part_stops_the_sharded_build(tmp_path):
    site_root = tmp_path / "kopi"
    copy_site(site_root)
    search_page = site_root / "content" / "soeg.md"  # not in the nav: rendered by one part only
    search_page.write_text(search_page.read_text("utf-8") + "\n[Et link](findes-ikke.md)\n", "utf-8")
    site = tmp_path / "site"
    result = build_shards(
        "--shards", "2", "--site-dir", str(site), "--config-file", str(site_root / "mkdocs.yml"), "--no-check"
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "'findes-ikke.md'" in output
    assert output.count(": FEJL") == 1 and output.count(": bygget") == 1
    assert "sitet er ikke samlet" in output
    assert not site.exists()


def test_a_part_must_be_named_k_of_n():
    assert shards.parse_shard("2/4") == shards.Shard(2, 4)
    for wrong in ("0/4", "5/4", "2", "2/", "a/b", "-1/2", ""):
        with pytest.raises(shards.ShardError, match="skriv delen og antallet af dele som k/n"):
            shards.parse_shard(wrong)


def test_the_split_is_even_by_cost_and_the_same_every_time():
    # A municipality's start page and its large print page sort together: round-robin over two parts would put
    # every print page in the same part.
    costs = [
        (f"ny-medarbejder/k{i:02}/{page}", cost)
        for i in range(10)
        for page, cost in (("index.md", 1), ("print.md", 50))
    ]
    parts = shards.assign(costs, 2)
    assert parts == shards.assign(list(reversed(costs)), 2)
    prints = [parts[uri] for uri, _ in costs if uri.endswith("print.md")]
    assert prints.count(1) == prints.count(2) == 5
    totals = {k: sum(cost for uri, cost in costs if parts[uri] == k) for k in (1, 2)}
    assert totals[1] == totals[2]
    # Part 1 also writes the downloads: with their cost as its head start, it gets that much less of the pages.
    ahead = shards.assign(costs, 2, first=102)
    totals = {k: sum(cost for uri, cost in costs if ahead[uri] == k) for k in (1, 2)}
    assert totals[1] + 102 == totals[2]


def test_a_page_that_runs_macros_is_weighed_as_a_large_page():
    # A municipality's print page is a few lines calling a macro that renders every guide.
    print_page = b"---\ntitle: Udskriv\nrender_macros: true\n---\n\n{{ onboarding_print() }}\n"
    record_page = b"---\ntitle: Et tilbud\n---\n"
    assert shards.page_cost(print_page) == shards.MACRO_PAGE_COST
    assert shards.page_cost(record_page, True) == len(record_page) + shards.STRAIGHT_HTML_COST + shards.PAGE_COST
    assert shards.page_cost(b"# render_macros: true\n") < shards.MACRO_PAGE_COST  # only in the front matter


def _part(folder: Path, index: int, count: int, files: dict[str, str], digest: str = "x") -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, "utf-8")
    shards.write_manifest(folder, shards.Shard(index, count), digest, len(files))
    return folder


def test_the_join_takes_each_file_from_its_part_and_refuses_parts_that_do_not_fit(tmp_path):
    one = _part(tmp_path / "a", 1, 2, {"index.html": "forside", "tilbud/x/index.html": "x"})
    two = _part(tmp_path / "b", 2, 2, {"index.html": "forside", "tilbud/y/index.html": "y"})
    result = shards.join_sites([two, one], tmp_path / "site")
    assert (result.files, result.shared) == (3, 1)
    assert sorted(files_of(tmp_path / "site")) == ["index.html", "tilbud/x/index.html", "tilbud/y/index.html"]

    with pytest.raises(shards.ShardError, match="præcis én af hver del 1-2; fik 1"):
        shards.join_sites([one], tmp_path / "site-1")
    other = _part(tmp_path / "c", 2, 2, {"index.html": "forside"}, digest="y")
    with pytest.raises(shards.ShardError, match="hører ikke til samme build"):
        shards.join_sites([one, other], tmp_path / "site-2")
    changed = _part(tmp_path / "d", 2, 2, {"index.html": "en anden forside"})
    with pytest.raises(shards.ShardError, match=r"Delene er uenige om index\.html"):
        shards.join_sites([one, changed], tmp_path / "site-3")
    with pytest.raises(shards.ShardError, match="ikke en del af et delt build"):
        shards.join_sites([one, tmp_path / "site"], tmp_path / "site-4")


def test_a_deferred_file_is_made_once_and_only_when_mkdocs_reads_or_writes_it(tmp_path):
    """MkDocs' File still reads a generated file's content through `_content` (deferred_files.py relies on it):
    a file left to another part is never made, and one that is written is made once, with its content."""
    from mkdocs.config import load_config

    from macros.site.deferred_files import DeferredFile

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins._current_plugin = "udsatte"  # as while MkDocs runs the plugin's on_files
    made: list[str] = []

    def make(text: str):
        def content() -> str:
            made.append(text)
            return text

        return content

    never = DeferredFile.deferred(config, "data/ikke.json", make("aldrig"))
    page = DeferredFile.deferred(config, "kontakter/x.vcf", make("BEGIN:VCARD æ"))
    download = DeferredFile.deferred(config, "data/x.json", make('{"a": 1}'))
    assert made == [] and never.abs_src_path is None
    assert page.content_string == "BEGIN:VCARD æ" and page.content_bytes == "BEGIN:VCARD æ".encode()
    download.copy_file()
    assert (tmp_path / "site" / "data" / "x.json").read_text("utf-8") == '{"a": 1}'
    assert made == ["BEGIN:VCARD æ", '{"a": 1}']  # each once; `never` was never made
    page.content_string = "ny"  # as the partial rebuild under serve sets a changed file's content
    assert page.content_bytes == b"ny" and made == ["BEGIN:VCARD æ", '{"a": 1}']


def test_held_deferred_files_are_made_and_written_only_at_the_end_in_mkdocs_order(tmp_path):
    """While their writing is held (the build's on_env), MkDocs' copy of the static files only notes the deferred
    files; write_held (on_post_build, beside Pagefind) makes and writes them, each once; other files are untouched."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files

    from macros.site import deferred_files

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins._current_plugin = "udsatte"
    made: list[str] = []

    def make(text: str):
        return lambda: made.append(text) or text

    first = deferred_files.DeferredFile.deferred(config, "data/a.json", make("a"))
    second = deferred_files.DeferredFile.deferred(config, "kontakter/b.vcf", make("b"))
    plain = File.generated(config, "data/c.txt", content="c")
    files = Files([first, plain, second])
    held = deferred_files.hold_writes(files)
    files.copy_static_files()
    site = tmp_path / "site"
    assert made == [] and not (site / "data" / "a.json").exists() and (site / "data" / "c.txt").read_text() == "c"
    assert [file.src_uri for file, _ in held] == ["data/a.json", "kontakter/b.vcf"]
    deferred_files.write_held(held)
    assert made == ["a", "b"] and held == []
    assert (site / "data" / "a.json").read_text() == "a" and (site / "kontakter" / "b.vcf").read_text() == "b"
    first.copy_file()  # no longer held: written at once, and not made again
    assert made == ["a", "b"]


def test_auto_builds_a_small_site_whole_and_a_large_one_in_a_part_per_core(tmp_path, monkeypatch):
    """scripts/build.sh builds with --shards auto: the parts' fixed cost pays off only for many records."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_shards as script

    assert script.auto_parts(ROOT) == 1  # the repository's own data
    for i in range(script.AUTO_FROM_RECORDS):
        folder = tmp_path / ("offers" if i % 2 else "contacts")
        folder.mkdir(exist_ok=True)
        (folder / f"r{i}.yaml").write_text("id: x\n", "utf-8")
    monkeypatch.setattr(script.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert script.auto_parts(tmp_path) == 3
    (tmp_path / "offers" / "r1.yaml").unlink()
    assert script.auto_parts(tmp_path) == 1
