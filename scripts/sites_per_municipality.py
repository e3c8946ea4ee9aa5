#!/usr/bin/env python3
"""Build one site per municipality from one combined data root: out/<kommune-id>/ each, plus out/index.html.

    python scripts/sites_per_municipality.py --root . --out kommunesites --base-url https://udsatte.example.dk/
    python scripts/sites_per_municipality.py --root /tmp/syntetisk --out /tmp/sites --municipality aarhus --jobs 2
    python scripts/sites_per_municipality.py --changed-since origin/main --out preview   # a pull request's preview

Each municipality's data is cut out of the combined root with `macros.tools.synthetic.municipality_subset`
(its records plus every record they refer to, e.g. a regional contact), and built strictly with the
same mkdocs.yml, with SITE_DATA_DIR pointing at the cut and SITE_URL at <base-url><kommune-id>/. The
result is plain static files for any web server or CDN (see docs/skalering.md).
"""

from __future__ import annotations

import argparse
import html
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.tools.synthetic import municipality_subset  # noqa: E402


def municipalities_with_records(root: Path) -> list[str]:
    """Municipalities that own at least one policy, offer or contact."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    owners = set()
    for folder in ("policies", "offers", "contacts"):
        for file in (root / folder).glob("*.yaml"):
            owner = (yaml.load(file.read_text("utf-8"), Loader=loader) or {}).get("municipality")
            if owner:
                owners.add(owner)
    return sorted(owners)


DATA_FOLDERS = ("municipalities", "policies", "offers", "contacts")


def _owner(record: dict, folder: str, rid: str) -> str | None:
    return rid if folder == "municipalities" else record.get("municipality")


def changed_municipalities(root: Path, since: str) -> list[str] | None:
    """The municipalities whose records changed since the git revision `since` (the working tree
    included), for a pull request's preview; None if the change reaches every page (tables, pages,
    code). A record without a municipality (e.g. a regional contact) counts for the municipalities
    whose records refer to it."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    top = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    changed = subprocess.run(
        ["git", "diff", "--name-only", "--relative", since, "--", "."],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    changed += subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    owners: set[str] = set()
    shared: set[str] = set()
    for path in dict.fromkeys(changed):
        folder, _, name = path.partition("/")
        if folder not in DATA_FOLDERS or "/" in name or not name.endswith(".yaml"):
            if folder in DATA_FOLDERS and not name.endswith(".yaml"):
                continue  # e.g. a README in a data folder
            return None
        file = root / path
        if file.is_file():
            text = file.read_text("utf-8")
        else:  # deleted: what it was
            rel = (root.resolve() / path).relative_to(top)
            text = subprocess.run(
                ["git", "show", f"{since}:{rel.as_posix()}"], cwd=root, capture_output=True, text=True
            ).stdout
        try:
            record = yaml.load(text, Loader=loader) or {}
        except yaml.YAMLError:
            record = {}
        rid = name.removesuffix(".yaml")
        owner = _owner(record, folder, rid) if isinstance(record, dict) else None
        if owner:
            owners.add(owner)
        elif folder == "contacts":
            shared.add(rid)
        else:
            return None  # a broken or ownerless record: only the full build can show its effect
    if shared:
        referred: set[str] = set()
        for folder in ("offers", "contacts"):
            for file in (root / folder).glob("*.yaml"):
                record = yaml.load(file.read_text("utf-8"), Loader=loader) or {}
                refers = {record.get("provider"), record.get("parent"), *record.get("contacts", ())} & shared
                if refers and record.get("municipality"):
                    owners.add(record["municipality"])
                    referred |= refers
        if shared - referred:
            return None  # a contact no municipality's record refers to is on no municipality's site
    known = {f.stem for f in (root / "municipalities").glob("*.yaml")}
    return sorted(owners & known)


def build_one(root: Path, out: Path, municipality: str, base_url: str, work: Path) -> tuple[str, int, str]:
    data = work / municipality
    municipality_subset(root, data, [municipality])
    env = dict(
        os.environ, NO_MKDOCS_2_WARNING="1", SITE_DATA_DIR=str(data), SITE_URL=f"{base_url.rstrip('/')}/{municipality}/"
    )
    # Not --quiet: it silences MkDocs' warnings, and --strict then has none to count (a broken link would pass).
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out / municipality)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    return municipality, result.returncode, (result.stdout + result.stderr)[-3000:]


def _municipality_name(root: Path, municipality: str) -> str:
    import yaml

    return yaml.safe_load((root / "municipalities" / f"{municipality}.yaml").read_text("utf-8"))["name"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="The combined data root.")
    parser.add_argument("--out", type=Path, required=True, help="Where the sites go: <out>/<kommune-id>/.")
    parser.add_argument("--municipality", action="append", help="Only these (repeat); default: all with records.")
    parser.add_argument(
        "--changed-since",
        metavar="REVISION",
        help="Only the municipalities whose records changed since this git revision (a preview).",
    )
    parser.add_argument("--base-url", default="http://127.0.0.1:8000/", help="The address <out> is published at.")
    parser.add_argument("--jobs", type=int, default=1, help="Builds at a time (one per core).")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    names = args.municipality or municipalities_with_records(root)
    if args.changed_since:
        names = changed_municipalities(root, args.changed_since)
        if names is None:
            print(
                "Ændringen rører ved mere end enkelte kommuners poster (tabeller, sider eller kode): "
                "se det fulde build."
            )
            return 0
        if not names:
            print("Ingen kommuners poster er ændret.")
            return 0
        print("Ændrede kommuner: " + ", ".join(names), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    failed = []
    with tempfile.TemporaryDirectory(prefix="kommunedata-") as tmp, ThreadPoolExecutor(args.jobs) as pool:
        for municipality, rc, errors in pool.map(
            lambda m: build_one(root, args.out.resolve(), m, args.base_url, Path(tmp)), names
        ):
            print(f"{municipality}: {'ok' if rc == 0 else 'FEJL'}", flush=True)
            if rc:
                failed.append(municipality)
                print(errors, file=sys.stderr)
    items = "\n".join(
        f'<li><a href="{html.escape(m)}/">{html.escape(_municipality_name(root, m))} Kommune</a></li>'
        for m in names
        if m not in failed
    )
    (args.out / "index.html").write_text(
        '<!doctype html>\n<html lang="da">\n<head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Voksne i udsatte positioner – kommunerne</title></head>\n"
        "<body><main><h1>Voksne i udsatte positioner</h1>\n<p>Vælg en kommune:</p>\n"
        f"<ul>\n{items}\n</ul></main></body>\n"
        "</html>\n",
        "utf-8",
    )
    print(f"{len(names) - len(failed)} sites i {args.out}" + (f"; {len(failed)} fejlede" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
