#!/usr/bin/env bash
# Type-check the package with mypy (issue 21); settings in [tool.mypy] of pyproject.toml.
# As in tools/lint_imports.sh, the stage folders install under the actionplans namespace
# by a package-dir mapping that mypy cannot follow, so the package is laid out as
# installed (symbolic links, so nothing is copied) in a temporary folder and checked
# there; the paths in mypy's report are written back as they are in the repository.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/actionplans"
for entry in "$root"/actionplans/*; do ln -s "$entry" "$tmp/actionplans/"; done
for stage in extract normalise reconcile; do ln -s "$root/$stage" "$tmp/actionplans/$stage"; done
cd "$tmp"
status=0
"${MYPY:-mypy}" --config-file "$root/pyproject.toml" --cache-dir "$root/.mypy_cache" -p actionplans "$@" \
    | sed -e "s#^actionplans/\(extract\|normalise\|reconcile\)/#\1/#" || status=$?
exit "$status"
