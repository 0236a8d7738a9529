#!/usr/bin/env bash
# Check the import contract in .importlinter (issue 21).
# The stage folders install under the actionplans namespace by a package-dir mapping,
# which import-linter cannot follow; so the package is laid out as installed, in a
# temporary folder, and checked there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/actionplans"
cp -r "$root/actionplans/." "$tmp/actionplans/"
for stage in extract normalise reconcile; do cp -r "$root/$stage" "$tmp/actionplans/$stage"; done
find "$tmp" -name __pycache__ -prune -exec rm -rf {} +
cd "$tmp" && PYTHONPATH="$tmp" "${LINT_IMPORTS:-lint-imports}" "$root/.importlinter"
