"""Compare two folders of benchmark outputs, leaving out what depends on the machine's load.

    python tools/bench_diff.py BEFORE_DIR AFTER_DIR

Each folder holds one ``<benchmark>.txt`` per run (stdout and stderr of ``bench/*.py``, as
written by a runner such as ``bash run.sh WORKTREE OUTDIR``).  Lines about time and memory
(s/page, pages/s, wall, peak MB, seconds in brackets) and temporary paths are dropped; every
other line (recall, accuracy per field, links found, statuses) must match.  Prints one line per
benchmark, then the differing lines; exits 1 if any accuracy line differs.
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

# a line that reports time or memory, or a verdict that depends on them
TIMING = re.compile(
    r"s/page|pages/s|docs/s|wall|peak MB|peak memory|\[\d+s\]|throughput|scaling efficiency"
    r"|machine reference|projection:|time:|CPU to link|seconds|\bsecs?\b|--jobs \d"
    r"|targets: (met|MISSED)|\d+\.\d+ s\b"
)
TEMP = re.compile(r"/tmp/[\w.-]+")
SPEED_VERDICT = re.compile(r"\d+\.\d+ s/page (>=|<) \d+")
# a row of the hostile benchmark's table: file, status, named, seconds, peak MB, lost, reason
HOSTILE_ROW = re.compile(r"^\s*\S+\s+(loaded|failed)\s+(yes|no)\s+\d+\.\d+\s+\d+\s")


def accuracy_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    out = []
    last_is_time = False  # the current table's last column is seconds per page
    for line in lines:
        if line.rstrip().endswith("s/page") and not line.lstrip().startswith("s/page"):
            last_is_time = True  # a table header: its rows end with a time
            continue
        if not line.strip():
            last_is_time = False
        line = SPEED_VERDICT.sub("<speed>", line)  # "4.672 s/page >= 3" inside a verdict
        tokens = line.split()
        if HOSTILE_ROW.match(line):
            tokens = tokens[:3] + tokens[5:]  # file, status, named; not seconds and peak MB
        elif last_is_time and tokens:
            tokens = tokens[:-1]
        elif TIMING.search(line):
            continue
        out.append(TEMP.sub("<tmp>", " ".join(tokens)))
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    before, after = (Path(a) for a in argv)
    differs = 0
    for old in sorted(before.glob("*.txt")):
        new = after / old.name
        if old.name in ("TIMES.txt", "pip-freeze.txt") or not new.exists():
            continue
        a, b = accuracy_lines(old), accuracy_lines(new)
        diff = [
            d
            for d in difflib.unified_diff(a, b, lineterm="", n=0)
            if d[:1] in "+-" and not d.startswith(("+++", "---"))
        ]
        print(f"{old.stem:<32} {len(a):>4} lines compared: {'same' if not diff else 'DIFFER'}")
        for d in diff:
            print(f"    {d}")
        differs += bool(diff)
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
