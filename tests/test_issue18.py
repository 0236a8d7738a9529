"""Issue 18: nothing lost, nothing silent, nothing outside its folder (each test fails without its
fix)."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS

from actionplans import ingest
from actionplans.store import Database

EXE = str(Path(sys.executable).parent / "actionplans")
SEED_FILES = [str(p) for p in sorted(SEEDS.glob("*.txt"))]

# The CLI with the linking step replaced by kill -9 of the whole process: documents are committed,
# the links never are (as when the machine dies while `ingest` links new editions).
KILLED_WHILE_LINKING = """
import os, signal, sys
import actionplans.reconcile.run as run
run.write_links = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
from actionplans.cli import main
sys.argv = ["actionplans", *sys.argv[1:]]
main()
"""


def _count(db: Path, query: str) -> int:
    with Database(db, read_only=True) as con:
        return con.sql(query).fetchone()[0]


def test_links_made_by_the_next_ingest_after_a_kill_while_linking(tmp_path):
    db = tmp_path / "killed.duckdb"
    args = [*SEED_FILES, "--db", str(db), "--quiet"]
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_LINKING, "ingest", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert killed.returncode == -9, killed.stderr
    assert _count(db, "SELECT count(*) FROM documents") == len(SEED_FILES)
    assert _count(db, "SELECT count(*) FROM links") == 0
    rerun = subprocess.run([EXE, "ingest", *args], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert "0 loaded, 5 unchanged, 0 failed" in rerun.stdout
    assert "loaded earlier but not linked yet" in rerun.stdout
    clean = tmp_path / "clean.duckdb"
    assert ingest(SEED_FILES, db=clean, progress=False).ok
    expected = _count(clean, "SELECT count(*) FROM links")
    assert expected > 0
    assert _count(db, "SELECT count(*) FROM links") == expected
    assert _count(db, "SELECT count(*) FROM pending_links") == 0
    again = subprocess.run([EXE, "ingest", *args], capture_output=True, text=True, timeout=300)
    assert "not linked yet" not in again.stdout  # the marks are gone once linked


def test_no_reconcile_leaves_the_mark_and_a_later_ingest_links(tmp_path):
    db = tmp_path / "bulk.duckdb"
    assert ingest(SEED_FILES, db=db, progress=False, reconcile=False).ok
    assert _count(db, "SELECT count(*) FROM links") == 0
    assert _count(db, "SELECT count(*) FROM pending_links") == len(SEED_FILES)
    report = ingest(SEED_FILES, db=db, progress=False)
    assert {r.status for r in report.results} == {"unchanged"}
    assert _count(db, "SELECT count(*) FROM links") > 0
    assert _count(db, "SELECT count(*) FROM pending_links") == 0


def test_the_same_bytes_twice_in_one_run_load_once(tmp_path):
    seed = Path(SEED_FILES[3]).read_bytes()
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(seed)
    db = tmp_path / "twice.duckdb"
    out = subprocess.run(
        [
            EXE,
            "ingest",
            str(tmp_path / "a.txt"),
            str(tmp_path / "b.txt"),
            "--db",
            str(db),
            "--council",
            "X",
            "--edition",
            "2024-01",
            "--plan",
            "cces",
            "--profile",
            "cambs-cces",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "1 loaded, 1 unchanged, 0 failed" in out.stdout
    [line] = [x for x in out.stdout.splitlines() if x.startswith("unchanged")]
    assert "b.txt: same bytes (sha256) as" in line and "a.txt" in line
    assert _count(db, "SELECT count(*) FROM documents") == 1
    assert (
        _count(
            db,
            "SELECT count(*) FROM (SELECT action_id FROM actions GROUP BY ALL HAVING count(*) > 1)",
        )
        == 0
    )


def test_a_manifest_cannot_name_files_outside_its_folder(tmp_path):
    folder = tmp_path / "plans" / "2024"
    folder.mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    # a loadable file, so following the path would load it
    secret.write_bytes(Path(SEED_FILES[3]).read_bytes())
    (folder / "ok.txt").write_bytes(Path(SEED_FILES[0]).read_bytes())
    (folder / "link.txt").symlink_to(secret)
    entry = 'council = "X"\nedition = "2024-01"\nplans = ["cces"]\nprofile = "cambs-cces"\n'
    (folder / "manifest.toml").write_text(
        f'[[document]]\nfile = "../../secret.txt"\n{entry}\n'
        f'[[document]]\nfile = "{secret}"\n{entry}\n'
        f'[[document]]\nfile = "link.txt"\n{entry}\n'
        '[[document]]\nfile = "ok.txt"\ncouncil = "Y"\nedition = "2023-12"\nplans = ["council"]\n'
        'profile = "leics-council-2023"\n',
        encoding="utf-8",
    )
    db = tmp_path / "m.duckdb"
    out = subprocess.run(
        [EXE, "ingest", str(folder), "--db", str(db), "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 1
    failed = out.stderr.splitlines()
    assert len(failed) == 3, out.stderr
    manifest = folder / "manifest.toml"
    assert failed[0].startswith(
        f"FAILED    {manifest} [[document]] 1: file '../../secret.txt' lies outside the manifest's"
        " folder"
    )
    assert failed[1].startswith(
        f"FAILED    {manifest} [[document]] 2: file '{secret}' is an absolute path; refused"
    )
    assert failed[2].startswith(
        f"FAILED    {manifest} [[document]] 3: file 'link.txt' lies outside"
    )
    assert "1 loaded, 0 unchanged, 3 failed" in out.stdout
    with Database(db, read_only=True) as con:
        assert con.sql("SELECT council FROM documents").fetchall() == [("Y",)]
        assert (
            con.sql("SELECT count(*) FROM ingest_failures WHERE sha256 IS NOT NULL").fetchone()[0]
            == 0
        )


@pytest.mark.parametrize(
    "query",
    [
        "COPY (SELECT * FROM documents) TO '{tmp}/out.csv'",
        "ATTACH '{tmp}/other.duckdb' AS other (READ_ONLY false)",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM glob('/root/*')",
        "SELECT * FROM read_text('/etc/hostname')",
        "INSTALL httpfs",
        "SET enable_external_access = true",
        "EXPORT DATABASE '{tmp}/dump'",
    ],
)
def test_sql_is_a_sandbox_by_default(loaded_db_path, tmp_path, query):
    import duckdb

    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t AS SELECT 1 AS a").close()
    out = subprocess.run(
        [EXE, "sql", query.format(tmp=tmp_path), "--db", str(loaded_db_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1
    [line] = out.stderr.splitlines()
    assert line.startswith("Error: query refused: ") and "pass --unsafe" in line, line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.duckdb"]  # nothing written


def test_sql_unsafe_lifts_the_sandbox_but_stays_read_only(loaded_db_path, tmp_path):
    target = tmp_path / "out.csv"
    out = subprocess.run(
        [
            EXE,
            "sql",
            f"COPY (SELECT doc_id FROM documents) TO '{target}'",
            "--db",
            str(loaded_db_path),
            "--unsafe",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert len(target.read_text().splitlines()) == 6
    out = subprocess.run(
        [EXE, "sql", "DELETE FROM documents", "--db", str(loaded_db_path), "--unsafe"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1 and "read-only" in out.stderr


def test_sql_sandbox_still_answers_the_cookbook_queries(loaded_db_path):
    import actionplans

    df = actionplans.sql(
        "SELECT attributes->>'cost' AS cost, regexp_matches(action_id, '^T') AS t FROM actions "
        "JOIN documents USING (doc_id) LIMIT 3",
        db=loaded_db_path,
    )
    assert len(df) == 3
    assert len(actionplans.documents(db=loaded_db_path)) == 5


def _file_size_limit(kb: int):
    def limit() -> None:
        import resource

        resource.setrlimit(
            resource.RLIMIT_FSIZE, (kb * 1024, resource.getrlimit(resource.RLIMIT_FSIZE)[1])
        )

    return limit


def test_disk_full_names_the_cause_keeps_what_committed_and_names_the_rest(tmp_path):
    from conftest import RAW

    db = tmp_path / "full.duckdb"
    args = [EXE, "ingest", str(RAW), "--db", str(db), "--quiet"]
    out = subprocess.run(
        args, capture_output=True, text=True, timeout=300, preexec_fn=_file_size_limit(300)
    )
    assert out.returncode == 1
    assert (
        "Traceback" not in out.stderr
        and "rollback" not in out.stderr
        and "TransactionException" not in out.stderr
    )
    loaded = [line for line in out.stdout.splitlines() if line.startswith("loaded")]
    failed = out.stderr.splitlines()
    assert loaded and failed, (out.stdout, out.stderr)
    assert len(loaded) + len(failed) == 5
    for line in failed:
        assert line.startswith("FAILED ") and line.endswith(
            f"not loaded: the database {db} could not be written: File too large "
            "(disk full, or a file size limit such as ulimit -f)"
        ), line
    assert f"{len(loaded)} loaded, 0 unchanged, {len(failed)} failed" in out.stdout
    assert _count(db, "SELECT count(*) FROM documents") == len(loaded)  # what committed stays
    # space again: the rest load
    rerun = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(failed)} loaded, {len(loaded)} unchanged, 0 failed" in rerun.stdout
    assert _count(db, "SELECT count(*) FROM links") > 0


def test_reports_of_ids_differing_in_punctuation_do_not_overwrite_each_other(tmp_path):
    import json

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_bytes(Path(SEED_FILES[0]).read_bytes())
    (folder / "b.txt").write_bytes(Path(SEED_FILES[3]).read_bytes())
    (folder / "manifest.toml").write_text(
        '[[document]]\nfile = "a.txt"\nid = "plan 2023"\ncouncil = "X"\nedition = "2023-12"\nplans'
        ' = ["council"]\nprofile = "leics-council-2023"\n\n[[document]]\nfile = "b.txt"\nid ='
        ' "plan/2023"\ncouncil = "Y"\nedition = "2023-04"\nplans = ["cces"]\nprofile ='
        ' "cambs-cces"\n',
        encoding="utf-8",
    )
    db = tmp_path / "r.duckdb"
    assert ingest([folder], db=db, progress=False).ok
    out = subprocess.run(
        [EXE, "report", "--db", str(db), "--out", str(tmp_path / "reports")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "wrote 2 reports" in out.stdout
    pages = sorted(p.name for p in (tmp_path / "reports").glob("*.json") if p.name != "index.json")
    assert len(pages) == 2, pages
    ids = {json.loads((tmp_path / "reports" / p).read_text())["document"]["doc_id"] for p in pages}
    assert ids == {"plan 2023", "plan/2023"}
    index = json.loads((tmp_path / "reports" / "index.json").read_text())
    linked = {d["report"] for d in index["documents"]}
    assert len(linked) == 2 and all((tmp_path / "reports" / name).exists() for name in linked)


def test_a_folder_with_no_documents_is_said_and_fails(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.csv").write_text("a,b\n")  # skipped kinds of file only
    out = subprocess.run(
        [EXE, "ingest", str(empty), "--db", str(tmp_path / "e.duckdb"), "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1
    assert (
        out.stderr.strip()
        == f"FAILED    {empty}: no documents here: no manifest.toml lists any, and no file "
        "in it could be one (folders are read with their manifest.toml)"
    )
    assert "0 loaded, 0 unchanged, 1 failed" in out.stdout


def test_errors_say_error_once(tmp_path):
    # csv.Error's class is called Error: the last-resort message once read "Error: Error: field
    # larger ..."
    big = tmp_path / "overrides.csv"
    big.write_text("from,to,relation,note\n" + "a" * 200_000 + ",b,same,\n", encoding="utf-8")
    db = tmp_path / "e.duckdb"
    assert ingest([SEED_FILES[3]], db=db, progress=False).ok
    out = subprocess.run(
        [EXE, "reconcile", "--db", str(db), "--overrides", str(big)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1
    [line] = out.stderr.splitlines()
    assert line.startswith("Error: field larger than field limit") and line.count("Error") == 1, (
        line
    )
    # a manifest error is one plain line: no exception class, no --debug hint
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "manifest.toml").write_text(
        '[[document]]\nfile = "a.txt"\nedition = "2024"\n', encoding="utf-8"
    )
    out = subprocess.run(
        [EXE, "ingest", str(folder), "--db", str(db), "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1
    assert (
        out.stderr.strip()
        == f"Error: {folder / 'manifest.toml'} (a.txt): edition '2024' is not YYYY-MM (e.g."
        " 2023-12)"
    )


def test_a_read_only_database_says_read_only(tmp_path, loaded_db_path):
    import os
    import shutil
    import tempfile

    # root writes any file: run as nobody, as an ordinary user would be
    prefix = (
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.getuid() == 0 else []
    )
    if prefix and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: a read-only file is writable")
    # outside pytest's private tmp, so another user can reach it
    folder = Path(tempfile.mkdtemp(prefix="ro-"))
    try:
        folder.chmod(0o777)
        db = folder / "ro.duckdb"
        shutil.copy(loaded_db_path, db)
        db.chmod(0o444)
        out = subprocess.run(
            [*prefix, EXE, "ingest", SEED_FILES[0], "--db", str(db), "--quiet"],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=folder,
        )
        assert out.returncode == 1
        [line] = out.stderr.splitlines()
        assert line.startswith(f"Error: {db}: the database is read-only here"), line
        reader = subprocess.run(
            [*prefix, EXE, "documents", "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=folder,
        )
        assert reader.returncode == 0, reader.stderr  # reading still works
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_damaged_content_streams_are_named_page_by_page(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench" / "hostile"))
    from make_corpus import damage_content_streams, long_table_pdf

    whole = tmp_path / "whole.pdf"
    whole.write_bytes(long_table_pdf())
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(damage_content_streams(whole.read_bytes(), pages=(2, 3)))
    meta = dict(council="X", edition="2024-01", plan="p", profile="base", progress=False)
    [ok] = ingest([whole], db=tmp_path / "w.duckdb", **meta).results
    [result] = ingest([damaged], db=tmp_path / "d.duckdb", **meta).results
    assert result.status == "loaded" and result.actions < ok.actions  # rows were lost ...
    assert "INCOMPLETE" not in ok.summary()
    # ... and the summary line says where
    assert result.summary().endswith(
        "; INCOMPLETE: pages 2, 3 of 6 damaged, their rows may be missing (findings: damaged_page)"
    )
    with Database(tmp_path / "d.duckdb", read_only=True) as con:
        messages = [
            m
            for (m,) in con.sql(
                "SELECT message FROM findings WHERE \"check\" = 'damaged_page'"
            ).fetchall()
        ]
    assert messages and all(
        "content stream 1 of 1 is damaged (cannot be inflated" in m for m in messages
    )
    assert any(m.startswith("pages 2, 3:") or m.startswith("page 2:") for m in messages), messages


def test_reference_cycles_are_named_within_seconds(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench" / "hostile"))
    from make_corpus import reference_cycles

    for name, data in reference_cycles().items():
        (tmp_path / name).write_bytes(data)
    # the default 300 s limit
    report = ingest(
        sorted(tmp_path.glob("*.pdf")),
        db=tmp_path / "c.duckdb",
        council="X",
        edition="2024-01",
        plan="p",
        profile="base",
        progress=False,
        jobs=1,
    )
    assert len(report.results) == 4
    for r in report.results:
        assert r.status == "failed" and r.seconds < 10, (r.path, r.seconds, r.message)
        assert (
            r.message == "damaged PDF: objects 6 -> 7 -> 6 refer to each other in a loop; "
            "not read (a reader would follow them for ever)"
        ), r.message


def test_an_inflate_bomb_is_named_within_seconds(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench" / "hostile"))
    from make_corpus import inflate_bomb

    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(inflate_bomb(200))
    # default limits: 300 s, 1536 MB
    [r] = ingest(
        [bomb],
        db=tmp_path / "b.duckdb",
        council="X",
        edition="2024-01",
        plan="p",
        profile="base",
        progress=False,
    ).results
    assert r.status == "failed" and r.seconds < 10, (r.seconds, r.message)
    assert (
        r.message
        == "page 1: its drawing instructions inflate to more than 128 MB (a decompression bomb?);"
        " not read"
    )


def test_a_grid_too_fine_for_a_table_is_named_within_seconds(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench" / "hostile"))
    from make_corpus import grid_content, simple_pdf

    grid = tmp_path / "grid.pdf"
    grid.write_bytes(simple_pdf(grid_content(200)))
    [r] = ingest(
        [grid],
        db=tmp_path / "g.duckdb",
        council="X",
        edition="2024-01",
        plan="p",
        profile="base",
        progress=False,
    ).results
    # was 35 s in pdfplumber's cell finder
    assert r.status == "failed" and r.seconds < 10, (
        r.seconds,
        r.message,
    )
    assert "a grid of 201 x 201 rules (40,401 cells) is too fine for an action table" in r.message


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_an_unreadable_file_fails_alone_not_as_a_database_failure(tmp_path):
    # /proc/self/mem is a regular file whose first bytes cannot be read (EIO): an input error, not a
    # full disk
    report = ingest(
        ["/proc/self/mem", SEED_FILES[3]],
        db=tmp_path / "u.duckdb",
        progress=False,
        council="X",
        edition="2024-01",
        plan="cces",
        profile="cambs-cces",
    )
    bad, good = report.results
    assert bad.status == "failed" and bad.message == "cannot be read (Input/output error)"
    assert good.status == "loaded"


def test_a_damaged_database_block_fails_the_run_with_its_cause(tmp_path):
    """(8) A block of the database file whose checksum fails: one line saying so and exit 1, not
    exit 0 with the write-ahead log silently left behind."""
    db = tmp_path / "damaged.duckdb"
    seeds = sorted(
        (Path(__file__).resolve().parent.parent / "data" / "raw" / "seeds").glob("*.txt")
    )
    subprocess.run(
        [EXE, "ingest", str(seeds[0]), "--db", str(db), "--quiet"], check=True, capture_output=True
    )
    size = db.stat().st_size
    with open(db, "r+b") as fh:
        fh.seek(size // 2)
        fh.write(random.Random(7).randbytes(4096))  # garbage over one block
    out = subprocess.run(
        [EXE, "ingest", str(seeds[1]), "--db", str(db), "--quiet"], capture_output=True, text=True
    )
    assert out.returncode == 1
    assert "the database file is damaged (Corrupt database file" in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
