#!/usr/bin/env bash
# Build the site for publishing: check the data, build strictly, and only on success put the new site in
# place as site/. A failed build never leaves a half-written site where a deploy (or a web server pointed
# at site/) would pick it up. Many records are built in parts, one per core, joined into one site with one
# search index; a small site is built whole (scripts/build_shards.py --shards auto, see auto_parts).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}
export NO_MKDOCS_2_WARNING=1
"$PY" -m macros check  # mkdocs.yml, the hand-written pages and the repository's data
if [ -n "${SITE_DATA_DIR:-}" ]; then
  "$PY" -m macros check --root "$SITE_DATA_DIR"  # the data the site is built from
fi
"$PY" scripts/build_shards.py --shards auto --no-check --site-dir site
