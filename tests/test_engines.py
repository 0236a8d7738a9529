"""Engines: the Ray engine gives the same database as local workers; resumption; re-extraction
(issue 11)."""

from __future__ import annotations

import shutil
import signal
import time

import pytest
from conftest import SEEDS

from actionplans import ingest
from actionplans.ingest import reextract
from actionplans.store import Database

SAME = [
    (
        "SELECT doc_id, path, sha256, council, title, edition, plans, pages, extractor, profile,"
        " format, encoding FROM documents ORDER BY ALL"
    ),
    "SELECT * EXCLUDE (attributes), attributes::VARCHAR FROM actions ORDER BY ALL",
    "SELECT * FROM corrections ORDER BY ALL",
    "SELECT * FROM findings ORDER BY ALL",
]


def snapshot(path) -> list:
    with Database(path, read_only=True) as db:
        return [db.sql(q).fetchall() for q in SAME]


def test_ray_engine_equals_local_engine(tmp_path):
    pytest.importorskip("ray")
    seeds = sorted(SEEDS.glob("*.txt"))
    local, ray_db = tmp_path / "local.duckdb", tmp_path / "ray.duckdb"
    assert ingest(seeds, db=local, jobs=2, progress=False).ok
    report = ingest(
        seeds, db=ray_db, engine="ray", jobs=2, shards=tmp_path / "shards", progress=False
    )
    assert report.ok, [r.summary() for r in report.failed]
    assert snapshot(local) == snapshot(ray_db)
    # the shards are a Parquet dataset DuckDB can query without our code
    with Database(":memory:") as db:
        n = db.sql(
            f"SELECT count(*) FROM read_parquet('{tmp_path}/shards/actions/*.parquet')"
        ).fetchone()[0]
    assert n == 324


def test_ray_task_over_its_time_limit_fails_alone(tmp_path):
    """With tasks queued behind the running ones, each task's clock starts when it runs, not when
    queued."""
    pytest.importorskip("ray")
    from actionplans.ray_engine import run_tasks_ray
    from actionplans.worker import Limits

    def nap(task, shard_dir):
        seconds, deaf = task
        if deaf:  # stuck where the task's own alarm cannot reach: the driver cancels it
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(seconds)
        return seconds

    # six short naps: queued, then 2.1 s per worker
    tasks = [(30, False), (30, True)] + [(0.7, False)] * 6
    started = time.monotonic()
    outcomes = list(run_tasks_ray(tasks, nap, str(tmp_path), workers=2, limits=Limits(timeout=2)))
    assert time.monotonic() - started < 25
    by_task = {}
    for task, outcome in outcomes:
        by_task.setdefault(task, []).append(outcome)
    assert [o.message for o in by_task[(30, False)]] == ["timed out after 2 s (raise --timeout)"]
    assert [o.message for o in by_task[(30, True)]] == ["timed out after 2 s (raise --timeout)"]
    assert [(o.ok, o.value) for o in by_task[(0.7, False)]] == [(True, 0.7)] * 6


def test_resume_does_only_what_is_missing(tmp_path):
    seeds = sorted(SEEDS.glob("*.txt"))
    db = tmp_path / "r.duckdb"
    first = ingest(seeds[:2], db=db, progress=False)
    assert [r.status for r in first.results] == ["loaded", "loaded"]
    second = ingest(seeds, db=db, progress=False)
    assert [r.status for r in second.results] == [
        "unchanged",
        "unchanged",
        "loaded",
        "loaded",
        "loaded",
    ]


def test_reextract_only_stale_documents(tmp_path):
    copies = []
    for src in sorted(SEEDS.glob("*.txt"))[:2]:
        dst = tmp_path / src.name
        shutil.copy(src, dst)
        copies.append(dst)
    db = tmp_path / "x.duckdb"
    ingest(
        copies,
        db=db,
        council="C",
        edition="2024-01",
        plan="county",
        profile="leics-county-2023",
        progress=False,
    )
    with Database(db) as con:
        before = con.sql("SELECT doc_id, count(*) FROM actions GROUP BY 1 ORDER BY 1").fetchall()
        # one document was read by an old extractor
        con.sql("UPDATE documents SET extractor = 'text-markdown@0.0.1' WHERE path LIKE '%001_%'")
    report = reextract(db=db, progress=False)
    assert [(r.status, r.doc_id) for r in report.results] == [("loaded", "001-e91ab0a0c3cf4197")]
    # nothing older than 0.0.5 remains
    assert reextract(db=db, since="0.0.5", progress=False).results == []
    with Database(db) as con:
        assert (
            con.sql("SELECT count(*) FROM documents WHERE extractor LIKE '%@0.0.1'").fetchone()[0]
            == 0
        )
        assert (
            con.sql("SELECT doc_id, count(*) FROM actions GROUP BY 1 ORDER BY 1").fetchall()
            == before
        )
        con.sql("UPDATE documents SET extractor = 'text-tsv@0.0.1'")
    copies[0].write_text("changed", encoding="utf-8")
    report = reextract(db=db, since="0.1.0", progress=False)
    by_status = {r.status: r for r in report.results}
    assert sorted(by_status) == ["failed", "loaded"]
    assert "changed since it was loaded" in by_status["failed"].message
