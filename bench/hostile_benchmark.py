"""Hostile-input benchmark (issues 9, 18): ingest a generated corpus of broken and hostile files.

    python bench/hostile_benchmark.py [--jobs 2] [--timeout 300] [--max-memory 1536]

The defaults are the product's.  One ``actionplans ingest`` runs over the whole
corpus (``bench/hostile/make_corpus.py``) plus extras made here: a copy of a
good file (same bytes twice in one run), a manifest naming files outside its
folder (``../``, an absolute path, a link leading out) and the undamaged
originals of the damaged-stream files.  Prints the totals (tracebacks, files
not named, wall time, peak memory of the whole process tree), then one line
per file: status, named with a reason (yes/no), seconds, the worker's peak
memory and actions lost without a finding (damaged files with an undamaged
original only).  A separate run under ``ulimit -f`` checks a full disk.

Targets (issue 18): 0 tracebacks, 0 silent losses, every file named, every
hostile file named within 10 s, the corpus under 2 minutes, peak memory under 1.5 GB.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench" / "hostile"))

from make_corpus import long_table_pdf  # noqa: E402
from make_corpus import main as make_corpus  # noqa: E402

from actionplans import ingest  # noqa: E402

EXE = str(Path(sys.executable).parent / "actionplans")
FLAGS = ["--council", "Hostile", "--edition", "2024-01", "--plan", "county", "--profile", "base"]
ORIGINAL = {"damaged-streams.pdf": "long-table.pdf", "damaged-streams-a85.pdf": "good-table.pdf"}
GOOD_NAMES = {"good-table.pdf", "good-table-xref-zeroed.pdf", "long-table.pdf"}


def make_extras(root: Path, corpus: Path) -> Path:
    extras = root / "extras"
    (extras / "copies").mkdir(parents=True)
    shutil.copy(corpus / "good-table.pdf", extras / "copies" / "good-table-copy.pdf")
    (extras / "long-table.pdf").write_bytes(long_table_pdf())
    escape = extras / "escape"
    escape.mkdir()
    (escape / "link-out.pdf").symlink_to(corpus / "good-table.pdf")
    entry = 'council = "X"\nedition = "2024-01"\nplans = ["county"]\nprofile = "base"\n'
    (escape / "manifest.toml").write_text(
        f'[[document]]\nfile = "../../corpus/good-table.pdf"\n{entry}\n'
        f'[[document]]\nfile = "/etc/passwd"\n{entry}\n'
        f'[[document]]\nfile = "link-out.pdf"\n{entry}\n',
        encoding="utf-8",
    )
    return extras


class TreePeak:
    """Peak resident memory of a process and all its descendants, sampled every 0.1 s."""

    def __init__(self, pid: int):
        self.proc, self.peak, self._stop = psutil.Process(pid), 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                total = 0
                for p in procs:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total / 1e6)
            except psutil.Error:
                pass
            self._stop.wait(0.1)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


def disk_full(tmp: Path) -> str:
    """Ingest the seed documents with a 300 KB file size limit: the one-line cause, what stayed."""
    db = tmp / "full.duckdb"

    def limit() -> None:
        resource.setrlimit(
            resource.RLIMIT_FSIZE, (300 * 1024, resource.getrlimit(resource.RLIMIT_FSIZE)[1])
        )

    out = subprocess.run(
        [EXE, "ingest", str(ROOT / "data" / "raw"), "--db", str(db), "--quiet"],
        capture_output=True,
        text=True,
        preexec_fn=limit,
    )
    failed = [line for line in out.stderr.splitlines() if line.startswith("FAILED")]
    summary = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else "(no summary)"
    bad = "Traceback" in out.stderr or "rollback" in out.stderr
    cause = failed[0].split(": not loaded: ", 1)[-1] if failed else "(none)"
    return (
        f"disk full (ulimit -f 300): exit {out.returncode}; {summary}; traceback or rollback"
        f" message: {'yes' if bad else 'no'}\n    cause given: {cause}"
    )


def run(jobs: int, timeout: float, max_memory: int) -> int:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = make_corpus(str(tmp / "corpus"))
        extras = make_extras(tmp, corpus)
        limits = [
            "--jobs",
            str(jobs),
            "--timeout",
            str(timeout),
            "--max-memory",
            str(max_memory),
            "--quiet",
        ]
        started = time.monotonic()
        proc = subprocess.Popen(
            [
                EXE,
                "ingest",
                str(corpus),
                str(extras),
                "--db",
                str(tmp / "cli.duckdb"),
                *FLAGS,
                *limits,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        peak = TreePeak(proc.pid)
        stdout, stderr = proc.communicate()
        wall, tree_mb = time.monotonic() - started, peak.stop()
        lines = (stdout + stderr).splitlines()
        # Per-file seconds and worker memory through the API, on the same files.
        report = ingest(
            [corpus, extras],
            db=tmp / "api.duckdb",
            council="Hostile",
            edition="2024-01",
            plan="county",
            profile="base",
            jobs=jobs,
            timeout=timeout,
            max_memory=max_memory,
            progress=False,
        )
        full = disk_full(tmp)
    results = report.results
    by_name = {Path(r.path).name: r for r in results}
    tracebacks = stderr.count("Traceback")
    unnamed = [r for r in results if not (r.status in ("loaded", "unchanged") or r.message)]
    cli_unmentioned = [r for r in results if not any(r.path in line for line in lines)]
    hostile = [
        r for r in results if Path(r.path).name not in GOOD_NAMES and r.status != "unchanged"
    ]
    slow = [r for r in hostile if r.seconds > 10]
    silent = 0
    rows = []
    for r in sorted(results, key=lambda r: Path(r.path).name):
        name = Path(r.path).name
        lost = "-"
        if name in ORIGINAL and by_name.get(ORIGINAL[name]):
            n = max(0, by_name[ORIGINAL[name]].actions - r.actions) if r.status == "loaded" else 0
            quiet = n if n and not r.missing else 0
            silent += quiet
            lost = f"{quiet}" + (f" ({n} lost, said)" if n and not quiet else "")
        named = "yes" if r.status in ("loaded", "unchanged") or r.message else "no"
        what = (
            r.message
            if r.status != "loaded"
            else f"{r.actions} actions" + (f"; INCOMPLETE: {r.missing}" if r.missing else "")
        )
        rows.append(
            f"  {name[:34]:34s} {r.status:9s} {named:5s} {r.seconds:6.1f} {r.peak_mb:7.0f} "
            f" {lost:14s} {what[:100]}"
        )
    print(
        f"hostile corpus: {len(results)} files ({len(hostile)} hostile), one CLI ingest,"
        f" jobs={jobs}, timeout={timeout:g}s, max-memory={max_memory} MB"
    )
    print(f"  tracebacks                        : {tracebacks}   (target 0)")
    print(
        f"  files not named with a reason     : {len(unnamed)} (API), {len(cli_unmentioned)} (CLI) "
        "  (target 0)"
    )
    print(f"  actions lost without a finding    : {silent}   (target 0)")
    print(
        f"  hostile files over 10 s           : {len(slow)}"
        + (f" ({', '.join(Path(r.path).name for r in slow)})" if slow else "")
        + "   (target 0)"
    )
    print(
        f"  CLI wall time                     : {wall:.1f} s, exit code {proc.returncode}   (target"
        " < 120 s)"
    )
    print(f"  peak memory, whole process tree   : {tree_mb:.0f} MB   (target < 1536 MB)")
    print(f"  {full}")
    print()
    print(
        f"  {'file':34s} {'status':9s} {'named':5s} {'s':>6s} {'peak MB':>7s} "
        f" {'lost silently':14s} reason"
    )
    print("\n".join(rows))
    ok = not tracebacks and not unnamed and not cli_unmentioned and not silent
    return 0 if ok else 1


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--max-memory", type=int, default=1536)
    a = ap.parse_args()
    sys.exit(run(a.jobs, a.timeout, a.max_memory))
