#!/usr/bin/env bash
# Set up a fresh clone and run every check: the data check, a strict build and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
.venv/bin/python -m macros check
exec .venv/bin/python -m pytest "$@"
