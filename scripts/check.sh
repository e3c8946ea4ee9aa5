#!/usr/bin/env bash
# The fast check for developers (under a minute): lint and format (ruff), types (mypy), the unit tests, the
# data check and one strict build. The whole suite, with builds and browser tests, is ./scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m macros check
.venv/bin/python -m macros schemas --check
.venv/bin/python -m pytest -q -m unit
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
# Not --quiet: it silences MkDocs' warnings, and --strict then has none to count (a broken link would pass).
NO_MKDOCS_2_WARNING=1 .venv/bin/python -m mkdocs build --strict --site-dir "$site"
echo "Det hurtige tjek er bestået."
