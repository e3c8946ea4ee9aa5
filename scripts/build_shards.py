#!/usr/bin/env python3
"""Build the site in shards and join them into one site with one search index.

    python scripts/build_shards.py --shards 2 --jobs 2 --site-dir site       # both cores of one machine
    python scripts/build_shards.py --shards auto --site-dir site             # as scripts/build.sh: see auto_parts
    python scripts/build_shards.py --shard 3/8 --site-dir del-3               # one part, e.g. in a CI matrix job
    python scripts/build_shards.py --join del-1 del-2 ... del-8 --site-dir site   # the parts → one site + search

A part is a strict `mkdocs build` with SITE_SHARD=k/n (macros/site/plugin.py, macros/site/shards.py): it renders
the nav's pages and its share of the other pages, and links to every page are still checked. The join takes each
file from the part that wrote it, checks that the files several parts wrote are identical, and runs Pagefind once
over the joined site. Like scripts/build.sh, the site is put in place only when everything succeeded. The data
check (`python -m macros check`) runs first, unless --no-check. SITE_DATA_DIR, SITE_URL and REPO_URL are passed on.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.data.catalog import KINDS  # noqa: E402
from macros.site import search, shards  # noqa: E402

# From this many records, `--shards auto` builds one part per core: below it, the fixed cost of each part (loading
# the data, the nav's pages) outweighs the second core. Measured on 2 cores: the repository's 75 records build whole
# in 4 s; 1,000 records whole in 22 s, in 2 parts 15 s (docs/benchmark-shards.json).
AUTO_FROM_RECORDS = 500


def auto_parts(data_root: Path) -> int:
    """The parts `--shards auto` builds: one per core this process may use when the data in `data_root` has
    AUTO_FROM_RECORDS records (YAML files of the record kinds) or more, else 1 (a whole build)."""
    if record_count(data_root) < AUTO_FROM_RECORDS:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, cores or 1)


def record_count(data_root: Path) -> int:
    """How many records (YAML files of the record kinds: offers, contacts, policies ...) `data_root` holds."""
    return sum(1 for kind in KINDS for _ in (data_root / kind).glob("*.yaml"))


def data_root() -> Path:
    """SITE_DATA_DIR, or the repository."""
    return Path(os.environ.get("SITE_DATA_DIR") or ROOT)


def check_data() -> None:
    """`python -m macros check` of SITE_DATA_DIR (or the repository); exits with its code on errors."""
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--root", str(data_root())], cwd=ROOT)
    if result.returncode:
        sys.exit(result.returncode)


def build_part(
    shard: shards.Shard | None, site_dir: Path, config_file: Path | None
) -> tuple[shards.Shard | None, int, float, str]:
    """A strict `mkdocs build` of one part (None: the whole site, with its search index) into `site_dir`:
    (the part, exit code, seconds, what it said).

    A part's output is kept, in the order it was written, without MkDocs' INFO lines (a part logs one for each link
    to a page of another part), for the caller to show if the part fails. The whole site's build writes to the
    terminal as it goes, as `mkdocs build` does; what it said is then ''.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_SHARD=str(shard) if shard else "")
    started = time.perf_counter()
    # Not --quiet: it silences MkDocs' warnings, and --strict then has none to count (a broken link would pass).
    result = subprocess.run(
        [
            *(sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)),
            *(("--config-file", str(config_file)) if config_file else ()),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE if shard else None,
        stderr=subprocess.STDOUT if shard else None,
        text=True,
    )
    said = [line for line in (result.stdout or "").splitlines() if not line.startswith("INFO")]
    return shard, result.returncode, time.perf_counter() - started, "\n".join(said)


def join_and_index(parts: list[Path], site_dir: Path, *, move: bool) -> None:
    """Join the parts into a new folder beside `site_dir`, index it, then put it in place as `site_dir`.

    Raises shards.ShardError or search.SearchIndexError; `site_dir` is then left as it was.
    """
    site_dir = site_dir.resolve()
    new = site_dir.with_name(site_dir.name + ".new")
    shutil.rmtree(new, ignore_errors=True)
    try:
        started = time.perf_counter()
        joined = shards.join_sites(parts, new, move=move)
        print(
            f"Samlet: {joined.files} filer fra {len(parts)} dele ({joined.shared} ens i flere dele) "
            f"på {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        result = search.index_site(new)
        for warning in result.warnings:
            print(f"Pagefind: {warning}", file=sys.stderr)
        print(f"Søgeindeks: {result.pages} sider på {result.seconds:.1f} s", flush=True)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    put_in_place(new, site_dir)


def put_in_place(new: Path, site_dir: Path) -> None:
    """The finished site `new` becomes `site_dir`; the one there before is removed."""
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument(
        "--shards",
        metavar="N",
        help="Byg alle N dele og saml dem. 'auto': én del pr. kerne, når der er mange poster, ellers ét helt build.",
    )
    mode.add_argument("--shard", metavar="K/N", help="Byg kun del K af N (fx i et CI-job pr. del).")
    mode.add_argument("--join", nargs="+", type=Path, metavar="DEL", help="Saml de byggede dele.")
    parser.add_argument("--jobs", type=int, default=1, help="Dele, der bygges på én gang (én pr. kerne).")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="Hvor sitet (eller delen) skal ligge.")
    parser.add_argument("--config-file", type=Path, help="En anden mkdocs.yml (standard: arkivets).")
    parser.add_argument("--no-check", action="store_true", help="Spring datatjekket over (er kørt i forvejen).")
    args = parser.parse_args(argv)
    try:
        if args.join:
            join_and_index(args.join, args.site_dir, move=False)
            print(f"Sitet er samlet i {args.site_dir}")
            return 0
        wanted = [shards.parse_shard(args.shard)] if args.shard else []
        if args.shards == "auto":
            count = auto_parts(data_root())
            args.jobs = count
            if count > 1:
                print(
                    f"{record_count(data_root())} poster (fra {AUTO_FROM_RECORDS} deles buildet): "
                    f"bygges i {count} dele på én gang, én pr. kerne",
                    flush=True,
                )
        elif args.shards is not None:
            count = int(args.shards) if args.shards.isdigit() else 0
            if count < 1:
                raise shards.ShardError("--shards skal være et tal, mindst 1, eller auto")
        if args.shards is not None:
            wanted = [shards.Shard(k, count) for k in range(1, count + 1)]
    except (shards.ShardError, search.SearchIndexError) as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 1
    if not args.no_check:
        check_data()
    if args.shards == "auto" and len(wanted) == 1:
        return build_whole(args.site_dir, args.config_file)
    with tempfile.TemporaryDirectory(prefix="dele-", dir=args.site_dir.resolve().parent) as work:
        targets = {shard: (args.site_dir if args.shard else Path(work) / f"del-{shard.index}") for shard in wanted}
        failed = False
        with ThreadPoolExecutor(max(1, args.jobs)) as pool:
            for shard, rc, seconds, output in pool.map(lambda s: build_part(s, targets[s], args.config_file), wanted):
                print(f"Del {shard}: {'bygget' if rc == 0 else 'FEJL'} på {seconds:.1f} s", flush=True)
                if rc:
                    failed = True
                    print(output, file=sys.stderr)
        if failed:
            print(
                "Mindst én del kunne ikke bygges; sitet er ikke samlet, og det forrige site er urørt.", file=sys.stderr
            )
            return 1
        if args.shard:
            print(f"Del {args.shard} ligger i {args.site_dir}; saml delene med --join")
            return 0
        try:
            join_and_index(list(targets.values()), args.site_dir, move=True)
        except (shards.ShardError, search.SearchIndexError) as exc:
            print(f"Fejl: {exc}", file=sys.stderr)
            return 1
    print(f"Sitet er bygget i {args.site_dir}")
    return 0


def build_whole(site_dir: Path, config_file: Path | None) -> int:
    """One strict build of the whole site (with its search index) beside `site_dir`, put in place on success."""
    site_dir = site_dir.resolve()
    new = site_dir.with_name(site_dir.name + ".new")
    shutil.rmtree(new, ignore_errors=True)
    _, rc, seconds, _ = build_part(None, new, config_file)
    if rc:
        shutil.rmtree(new, ignore_errors=True)
        print("Sitet kunne ikke bygges; det forrige site er urørt.", file=sys.stderr)
        return 1
    put_in_place(new, site_dir)
    print(f"Sitet er bygget i {site_dir} på {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
