"""Per-document limits: a document that hangs or eats memory costs one failure, not the run
(issue 9)."""

from __future__ import annotations

from conftest import SEEDS

from actionplans import ingest
from actionplans.store import Database

# A profile whose prose pattern backtracks catastrophically on the text below:
# a reader that never returns, as some hostile PDFs make pdfplumber do.
HANGING_PROFILE = "extends: base\nname: hangs\nprose_item_pattern: '^(a+)+$'\n"


def test_timeout_kills_only_that_document(tmp_path):
    profile = tmp_path / "hangs.yaml"
    profile.write_text(HANGING_PROFILE)
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("a" * 40 + "!\n")
    good = next(SEEDS.glob("000_*"))
    db = tmp_path / "t.duckdb"
    report = ingest(
        [hostile],
        db=db,
        council="X",
        edition="2024-01",
        plan="p",
        profile=str(profile),
        timeout=2,
        progress=False,
    )
    assert report.results[0].status == "failed"
    assert report.results[0].message.startswith("timed out after 2 s")
    report = ingest([good], db=db, timeout=20, progress=False)
    assert report.ok
    with Database(db) as con:
        assert con.sql("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_memory_limit_kills_only_that_document(tmp_path):
    db = tmp_path / "m.duckdb"
    seeds = sorted(SEEDS.glob("00[01]_*"))
    # a worker needs more than 20 MB
    report = ingest(seeds[:1], db=db, max_memory=20, progress=False)
    assert report.results[0].status == "failed"
    assert "exceeded the memory limit of 20 MB" in report.results[0].message
    report = ingest(seeds, db=db, progress=False, jobs=2)
    assert [r.status for r in report.results] == ["loaded", "loaded"]


def test_parallel_jobs_give_the_same_database(tmp_path):
    seeds = sorted(SEEDS.glob("*.txt"))
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    ingest(seeds, db=one, jobs=1, progress=False)
    ingest(seeds, db=two, jobs=2, progress=False)
    q = (
        "SELECT doc_id, plan, action_id, description, partners, attributes FROM actions ORDER"
        " BY ALL"
    )
    with Database(one) as a, Database(two) as b:
        assert a.sql(q).fetchall() == b.sql(q).fetchall()
        assert (
            a.sql("SELECT count(*) FROM corrections").fetchone()
            == b.sql("SELECT count(*) FROM corrections").fetchone()
        )


def test_a_worker_that_cannot_start_reports_why():
    """A worker multiprocessing refuses to start (here: a function it cannot send to the worker
    process) raises that refusal, and the slot can still be stopped; the clean-up used to raise
    "'NoneType' object has no attribute 'kill'" and hide it."""
    import multiprocessing as mp
    import pickle

    import pytest

    from actionplans.worker import Limits, _Slot

    slot = _Slot(mp.get_context("forkserver"), lambda task: task, Limits())
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)) as refused:
        slot.start()
    assert "kill" not in str(refused.value)
    slot.stop()  # nothing started, nothing to stop
    assert slot.proc is None and slot.conn is None


def _quick(task, on_page):
    return task * 2


def test_a_document_read_before_the_memory_check_still_answers_to_the_limit():
    # a worker forked from the server already holds more than 1 MB; it answers at once, before
    # the parent samples its memory, so only its own high-water mark can tell
    from actionplans.worker import Limits, run_tasks

    results = dict(run_tasks([1, 2], _quick, jobs=1, limits=Limits(max_memory_mb=1)))
    assert not results[1].ok and not results[2].ok
    # by its high-water mark ('(peak ...'), or, on a loaded machine where the parent sampled the
    # worker before it answered, 'before its first page': the limit holds either way
    assert "exceeded the memory limit of 1 MB" in results[1].message
    results = dict(run_tasks([1, 2], _quick, jobs=1, limits=Limits(max_memory_mb=4096)))
    assert [results[1].value, results[2].value] == [2, 4]


class _NoRoomToUnpack:
    """A task that runs out of memory as the worker takes it off the pipe, before any document's
    error can be sent back."""

    def __reduce__(self):
        return (_raise_memory_error, ())


def _raise_memory_error():
    raise MemoryError


def test_a_worker_out_of_memory_before_it_can_answer_reports_the_memory_limit():
    """A worker whose memory ran out where it could send no answer (taking its task, here) used
    to be reported as 'worker process died (exit code 1)'; the clean-clone CI saw it once for a
    worker limited to 20 MB. It exits with its own code, and the memory limit is named."""
    from actionplans.worker import Limits, run_tasks

    results = dict(
        run_tasks([1], _quick, jobs=1, limits=Limits(max_memory_mb=4096))
    )  # a worker that answers, for comparison
    assert results[1].ok
    ((_, out),) = list(
        run_tasks([_NoRoomToUnpack()], _quick, jobs=1, limits=Limits(max_memory_mb=4096))
    )
    assert not out.ok
    assert (
        out.message
        == "exceeded the memory limit of 4096 MB before its first page (raise --max-memory)"
    )
