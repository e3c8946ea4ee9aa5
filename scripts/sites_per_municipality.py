#!/usr/bin/env python3
"""Build one site per municipality from one combined data root: out/<kommune-id>/ each, plus out/index.html.

    python scripts/sites_per_municipality.py --root . --out kommunesites --base-url https://udsatte.example.dk/
    python scripts/sites_per_municipality.py --root /tmp/syntetisk --out /tmp/sites --municipality aarhus --jobs 2

Each municipality's data is cut out of the combined root with `macros.synthetic.municipality_subset`
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

from macros.synthetic import municipality_subset  # noqa: E402


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


def build_one(root: Path, out: Path, municipality: str, base_url: str, work: Path) -> tuple[str, int, str]:
    data = work / municipality
    municipality_subset(root, data, [municipality])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_DATA_DIR=str(data),
               SITE_URL=f"{base_url.rstrip('/')}/{municipality}/")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "--site-dir", str(out / municipality)], cwd=ROOT, env=env, capture_output=True,
                            text=True)
    return municipality, result.returncode, (result.stdout + result.stderr)[-3000:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="The combined data root.")
    parser.add_argument("--out", type=Path, required=True, help="Where the sites go: <out>/<kommune-id>/.")
    parser.add_argument("--municipality", action="append", help="Only these (repeat); default: all with records.")
    parser.add_argument("--base-url", default="http://127.0.0.1:8000/", help="The address <out> is published at.")
    parser.add_argument("--jobs", type=int, default=1, help="Builds at a time (one per core).")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    names = args.municipality or municipalities_with_records(root)
    args.out.mkdir(parents=True, exist_ok=True)
    failed = []
    with tempfile.TemporaryDirectory(prefix="kommunedata-") as tmp, ThreadPoolExecutor(args.jobs) as pool:
        for municipality, rc, errors in pool.map(
                lambda m: build_one(root, args.out.resolve(), m, args.base_url, Path(tmp)), names):
            print(f"{municipality}: {'ok' if rc == 0 else 'FEJL'}", flush=True)
            if rc:
                failed.append(municipality)
                print(errors, file=sys.stderr)
    import yaml
    items = "\n".join(
        f'<li><a href="{html.escape(m)}/">{html.escape(yaml.safe_load((root / "municipalities" / f"{m}.yaml").read_text("utf-8"))["name"])} Kommune</a></li>'
        for m in names if m not in failed)
    (args.out / "index.html").write_text(
        '<!doctype html>\n<html lang="da">\n<head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<title>Voksne i udsatte positioner – kommunerne</title></head>\n'
        f'<body><main><h1>Voksne i udsatte positioner</h1>\n<p>Vælg en kommune:</p>\n<ul>\n{items}\n</ul></main></body>\n'
        '</html>\n', "utf-8")
    print(f"{len(names) - len(failed)} sites i {args.out}" + (f"; {len(failed)} fejlede" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
