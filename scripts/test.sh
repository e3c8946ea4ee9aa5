#!/usr/bin/env bash
# Set up a fresh clone and run every check: lint, format and types (ruff, mypy), the data check, the schema
# check, and the whole test suite (strict builds, accessibility with axe-core in Chromium, links, privacy,
# hostile input) on both cores.
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser tests use Debian's Chromium (never a browser download).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Bemærk: Chromium mangler (apt-get install chromium); browsertestene bliver sprunget over." >&2
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m macros check
.venv/bin/python -m macros schemas --check
# Both cores (pytest-xdist): each worker builds the shared site once, and takes the next test when it is free.
exec .venv/bin/python -m pytest -n auto --dist worksteal "$@"
