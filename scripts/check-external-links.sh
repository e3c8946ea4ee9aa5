#!/usr/bin/env bash
# Optional: check the links to other websites in the built site (needs internet access; not part of
# the test suite, which only checks internal links and anchors).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d site ] || ./scripts/build.sh
exec .venv/bin/linkchecker --check-extern --no-status --no-robots "site/index.html"
