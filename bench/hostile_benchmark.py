"""Hostile-input benchmark (issue 9): ingest a generated corpus of broken and hostile files.

    python bench/hostile_benchmark.py [--jobs 2] [--timeout 20] [--max-memory 1536]

Prints, for the corpus: files, rejected with a reason, loaded, loaded with
findings, tracebacks (must be 0), hangs (must be 0: no file may run past its
time limit by more than the time it takes to kill it), the slowest file and
the peak memory of a worker, then one line per file.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench" / "hostile"))

from make_corpus import main as make_corpus  # noqa: E402

from actionplans import ingest  # noqa: E402
from actionplans.store import Database  # noqa: E402


def run(jobs: int, timeout: float, max_memory: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        make_corpus(str(corpus))
        good = sorted((ROOT / "data" / "raw" / "seeds").glob("00[0-3]_*.txt"))
        db = Path(tmp) / "hostile.duckdb"
        # The CLI run: its stderr is where a traceback would show.
        started = time.monotonic()
        cli = subprocess.run(
            [str(Path(sys.executable).parent / "actionplans"), "ingest", str(corpus), "--db", str(db),
             "--council", "Hostile", "--edition", "2024-01", "--plan", "county", "--profile", "base",
             "--jobs", str(jobs), "--timeout", str(timeout), "--max-memory", str(max_memory), "--quiet"],
            capture_output=True, text=True)
        wall = time.monotonic() - started
        tracebacks = cli.stderr.count("Traceback")
        failed_lines = [line for line in cli.stderr.splitlines() if line.startswith("FAILED")]
        # Per-file timings and memory through the API, on the same corpus plus good documents.
        db2 = Path(tmp) / "api.duckdb"
        report = ingest([corpus, *good], db=db2, council="Hostile", edition="2024-01", plan="county", profile="base",
                        jobs=jobs, timeout=timeout, max_memory=max_memory, progress=False)
        with Database(db2, read_only=True) as con:
            with_findings = dict(con.sql("SELECT d.path, count(f.doc_id) FROM documents d LEFT JOIN findings f USING (doc_id) GROUP BY 1").fetchall())
    results = report.results
    hostile = [r for r in results if str(corpus) in r.path]
    loaded = [r for r in results if r.status == "loaded"]
    hangs = [r for r in results if r.seconds > timeout + 10]
    slowest = max(results, key=lambda r: r.seconds)
    print(f"hostile corpus: {len(hostile)} files (+{len(good)} good text documents), jobs={jobs}, "
          f"timeout={timeout:g}s, max-memory={max_memory} MB")
    print(f"  CLI run: {len(failed_lines)} files rejected, each with a one-line reason; wall {wall:.1f}s; "
          f"exit code {cli.returncode}")
    print(f"  rejected with a reason : {sum(r.status == 'failed' and bool(r.message) for r in results)}")
    print(f"  loaded                 : {len(loaded)}")
    print(f"  loaded with findings   : {sum(1 for r in loaded if with_findings.get(r.path, 0) > 0)}")
    print(f"  tracebacks             : {tracebacks}")
    print(f"  hangs                  : {len(hangs)}")
    print(f"  slowest file           : {Path(slowest.path).name} ({slowest.seconds:.1f}s)")
    print(f"  peak memory per worker : {max(r.peak_mb for r in results):.0f} MB")
    print()
    for r in sorted(results, key=lambda r: Path(r.path).name):
        what = r.message if r.status == "failed" else f"{r.actions} actions"
        print(f"  {Path(r.path).name:34s} {r.status:8s} {r.seconds:6.1f}s {r.peak_mb:6.0f} MB  {what[:90]}")
    return 0 if tracebacks == 0 and not hangs else 1


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("--max-memory", type=int, default=1536)
    a = ap.parse_args()
    sys.exit(run(a.jobs, a.timeout, a.max_memory))
