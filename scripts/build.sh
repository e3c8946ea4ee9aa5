#!/usr/bin/env bash
# Build the site for publishing: check the data, build strictly into a fresh folder, and only on
# success swap it in as site/. A failed build never leaves a half-written site where a deploy
# (or a web server pointed at site/) would pick it up.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}
export NO_MKDOCS_2_WARNING=1
rm -rf site.new
trap 'rm -rf site.new' ERR
"$PY" -m macros check
"$PY" -m mkdocs build --strict --site-dir site.new
rm -rf site.old
if [ -d site ]; then mv site site.old; fi
mv site.new site
rm -rf site.old
echo "Sitet er bygget i site/"
