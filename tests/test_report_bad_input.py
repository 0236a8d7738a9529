"""Bad input end to end (issue 6): good documents load and get reports; a random binary named
.pdf, a truncated PDF and an empty file each get one stderr line and an index entry saying why."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SEEDS
from test_report import make_pdf

GOOD = {
    "000_c9542ef99ac075f4.txt": ("leics-council-2023-12", "leics-council-2023", "council"),
    "003_899c2d34bbda78f4.txt": ("cambs-cces-progress", "cambs-cces", "cces"),
}
BAD = ("random.pdf", "truncated.pdf", "empty.pdf")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "actionplans"
    return subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "200"},
    )


def make_folder(folder: Path) -> None:
    folder.mkdir()
    entries = []
    for name, (doc_id, profile, plan) in GOOD.items():
        shutil.copy(SEEDS / name, folder / name)
        entries.append((name, doc_id, profile, plan))
    (folder / "random.pdf").write_bytes(random.Random(6).randbytes(8192))
    make_pdf(folder / "whole.pdf")
    data = (folder / "whole.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (folder / "whole.pdf").unlink()
    (folder / "empty.pdf").write_bytes(b"")
    for name in BAD:  # listed like good documents, so that only their content can fail them
        entries.append((name, Path(name).stem, "leics-county-2023", "county"))
    manifest = "\n".join(
        f'[[document]]\nfile = "{f}"\nid = "{i}"\ncouncil = "Test Council"\ntitle = "{f}"\n'
        f'edition = "2024-01"\nplans = ["{p}"]\nprofile = "{prof}"\n'
        for f, i, prof, p in entries
    )
    (folder / "manifest.toml").write_text(manifest, encoding="utf-8")


def test_bad_input_end_to_end(tmp_path):
    folder = tmp_path / "inbox"
    make_folder(folder)
    db = tmp_path / "db.duckdb"
    res = run("ingest", str(folder), "--db", str(db), "--quiet", cwd=tmp_path)
    assert res.returncode != 0
    lines = res.stderr.strip().splitlines()
    assert len(lines) == len(BAD), res.stderr
    for name in BAD:
        assert sum(name in line for line in lines) == 1, (name, lines)
    assert "2 loaded" in res.stdout

    out = tmp_path / "reports"
    res = run("report", "--db", str(db), "--out", str(out), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    names = {p.name for p in out.iterdir()}
    for doc_id, _, _ in GOOD.values():
        assert {f"{doc_id}.html", f"{doc_id}.json"} <= names
    # no report for a file that did not load
    assert not any(Path(b).stem in n for b in BAD for n in names)

    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [d["doc_id"] for d in index["documents"]] != []
    failures = {Path(f["path"]).name: f["message"] for f in index["failures"]}
    assert set(failures) == set(BAD)
    assert "empty" in failures["empty.pdf"]
    assert "binary" in failures["random.pdf"] or "not a PDF" in failures["random.pdf"]
    html = (out / "index.html").read_text(encoding="utf-8")
    for name, message in failures.items():
        assert name in html
        assert message.replace("'", "&#x27;").replace('"', "&quot;") in html
    assert html.count("failed to load:") == 3
    assert html.index("failed to load:") < html.index("cambs-cces-progress.html")  # worst first

    res = run("report", "--db", str(db), "--out", str(out), "--strict", cwd=tmp_path)
    assert res.returncode == 1 and "3 files failed to load" in res.stderr


def test_a_fixed_file_leaves_the_failure_list(tmp_path):
    folder = tmp_path / "inbox"
    make_folder(folder)
    db = tmp_path / "db.duckdb"
    run("ingest", str(folder), "--db", str(db), "--quiet", cwd=tmp_path)
    # now a readable text dump
    shutil.copy(SEEDS / "001_e91ab0a0c3cf4197.txt", folder / "empty.pdf")
    res = run("ingest", str(folder), "--db", str(db), "--quiet", cwd=tmp_path)
    assert len(res.stderr.strip().splitlines()) == 2, res.stderr
    out = tmp_path / "reports"
    run("report", "--db", str(db), "--out", str(out), cwd=tmp_path)
    failures = {
        Path(f["path"]).name for f in json.loads((out / "index.json").read_text())["failures"]
    }
    assert failures == {"random.pdf", "truncated.pdf"}
