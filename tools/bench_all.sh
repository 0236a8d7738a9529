#!/bin/bash
# Every accuracy benchmark, one at a time, into a folder: to compare two commits (a refactor
# must print the same accuracy before and after; `python tools/bench_diff.py BEFORE AFTER`).
# Usage: bash tools/bench_all.sh WORKTREE OUTDIR
#   WORKTREE: a checkout at the commit to measure, with its own .venv
#   (`git worktree add --detach ../at-abc123 abc123 && cd ../at-abc123 && python3 -m venv .venv
#    && .venv/bin/pip install -e '.[dev,ocr]'`); `.` for this checkout.
# Each run: stdout+stderr into OUTDIR/<name>.txt; start time, wall seconds and exit code in
# OUTDIR/TIMES.txt. OCR cache off (every page read again). Limit 15 min per run (LIMIT=seconds).
set -u
WT=${1:?usage: bench_all.sh WORKTREE OUTDIR}
OUT=${2:?usage: bench_all.sh WORKTREE OUTDIR}
LIMIT=${LIMIT:-900}
WT=$(cd "$WT" && pwd) || exit 1
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd) || exit 1
cd "$WT" || exit 1
export ACTIONPLANS_OCR_CACHE=off
unset ACTIONPLANS_DB ACTIONPLANS_OCR_ENGINE
PY="$WT/.venv/bin/python"
{
  echo "== $(date -u +%FT%TZ) worktree $WT at $(git -C "$WT" rev-parse HEAD)"
  echo "   actionplans from: $("$PY" -c 'import actionplans; print(actionplans.__file__)')"
  echo "   $("$PY" --version 2>&1); nproc $(nproc); load $(cut -d' ' -f1-3 /proc/loadavg)"
} >> "$OUT/TIMES.txt"
"$PY" -m pip freeze > "$OUT/pip-freeze.txt" 2>/dev/null
run() {  # run NAME script args...
  name=$1; shift
  start=$(date +%s.%N)
  echo "== $(date -u +%FT%TZ) start $name: $* (load $(cut -d' ' -f1-3 /proc/loadavg))" >> "$OUT/TIMES.txt"
  timeout -s INT -k 30 "$LIMIT" "$PY" "$@" > "$OUT/$name.txt" 2>&1; rc=$?
  end=$(date +%s.%N)
  printf '%-40s wall %8.1f s  exit %s%s\n' "$name" "$(echo "$end - $start" | bc)" "$rc" \
    "$([ "$rc" = 124 ] && echo "  (TIMED OUT at $LIMIT s, stopped)")" >> "$OUT/TIMES.txt"
}
run pdf_benchmark                 bench/pdf_benchmark.py
run profile_benchmark             bench/profile_benchmark.py
run ocr_benchmark                 bench/ocr_benchmark.py
run ocr_benchmark--variants       bench/ocr_benchmark.py --variants
run reconcile_benchmark           bench/reconcile_benchmark.py --skip-scale
run hostile_benchmark             bench/hostile_benchmark.py
run collection_benchmark--docs200 bench/collection_benchmark.py --skip-ray --docs 200
run real_benchmark                bench/real_benchmark.py
echo "== $(date -u +%FT%TZ) all done" >> "$OUT/TIMES.txt"
