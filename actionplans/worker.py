"""Run per-document work in worker processes, each under a wall-clock and a memory limit.

A hostile file (a PDF whose objects loop, a grid of 40,000 cells, a stream
that inflates to gigabytes) must cost one failed document, never the run.
So each document is read in a worker process; the parent watches its clock
and resident memory, kills a worker that exceeds either, says which page it
had reached, and starts a fresh worker for the next document.  The parent
alone writes the database.

Workers fork from a ``forkserver`` that has imported the pipeline once, so a
new worker costs milliseconds, not an interpreter start.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import resource
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from tqdm import tqdm

from .extract import ExtractError
from .forkserver import worker_context
from .manifest import MetadataError
from .normalise import NormaliseError
from .profile import ProfileError

_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
# a worker's exit code when memory ran out where it could send no answer (worker.py _worker_main)
OUT_OF_MEMORY_EXIT = 3


@dataclass(frozen=True)
class Limits:
    """Per-document limits; defaults fit a 2-core, 4 GB laptop."""

    timeout: float | None = 300.0  # seconds of wall-clock per document
    max_memory_mb: int | None = 1536  # resident memory of the worker


@dataclass
class Outcome:
    ok: bool
    value: Any = None  # the function's result when ok
    message: str = ""  # why not, when not ok
    page: int | None = None  # last page the worker reported
    pages: int | None = None
    seconds: float = 0.0
    peak_mb: float = 0.0


Progress = Callable[[Any, int, int | None], None]  # (task, page reached, pages in document)


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * _PAGE_SIZE / 1e6
    except (OSError, ValueError, IndexError):
        return 0.0


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def quiet_libraries() -> None:
    """PDF libraries log warnings about damaged files to stderr; we report problems ourselves."""
    for name in ("pdfminer", "pdfplumber", "camelot", "pypdfium2", "PIL"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", module="pdfminer")


def _worker_main(
    conn: Connection, fn: Callable, max_memory_mb: int | None, environ: dict[str, str]
) -> None:
    # a worker forks from the forkserver, whose environment is the one it started with: the
    # caller's own, as it is now (ACTIONPLANS_OCR_CACHE, ACTIONPLANS_OCR_ENGINE ...), replaces it
    os.environ.clear()
    os.environ.update(environ)
    quiet_libraries()
    # tqdm would create a process-shared lock (a semaphore) that a killed worker
    # can never release; a worker draws no bars, so a thread lock is enough.

    tqdm.set_lock(threading.RLock())
    if max_memory_mb:
        # A backstop for allocations faster than the parent's polling: the data
        # segment may grow to twice the limit before malloc fails in here.
        limit = max_memory_mb * 2 * 1024 * 1024
        try:
            soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
            resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
        except (ValueError, OSError):
            pass
    try:
        _serve(conn, fn, max_memory_mb)
    except Exception as exc:
        # out of memory where no document's error can be sent (taking the task off the pipe,
        # or sending the failure itself): the exit code says so, and the parent reports the
        # memory limit rather than a worker that died
        if _out_of_memory(exc):
            os._exit(OUT_OF_MEMORY_EXIT)
        raise


def _serve(conn: Connection, fn: Callable, max_memory_mb: int | None) -> None:
    """A worker's loop: each task taken off ``conn``, read by ``fn``, and answered."""
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return

        def on_page(page: int, pages: int | None = None) -> None:
            conn.send(("page", page, pages))

        try:
            value = fn(task, on_page)
            conn.send(("ok", value, _maxrss_mb()))
        except Exception as exc:  # noqa: BLE001 - reported per document, the worker lives on
            conn.send(("failed", failure_message(exc, max_memory_mb), _maxrss_mb()))


def failure_message(exc: Exception, max_memory_mb: int | None) -> str:
    """One line for a document whose worker raised ``exc``: running out of memory, or what went
    wrong."""
    if _out_of_memory(exc):
        return f"exceeded the memory limit of {max_memory_mb} MB"
    return describe_error(exc)


def _out_of_memory(exc: Exception) -> bool:
    """Whether ``exc`` is memory running out: a MemoryError, or a library that could not map or
    allocate memory."""
    return isinstance(exc, MemoryError) or (
        isinstance(exc, (ImportError, OSError))
        and ("failed to map segment" in str(exc) or "Cannot allocate memory" in str(exc))
    )


def describe_error(exc: BaseException) -> str:
    """One line: the error's own message if it names the problem, else its type and first line."""

    text = (str(exc).splitlines() or [""])[0]
    if isinstance(exc, (ExtractError, NormaliseError, MetadataError, ProfileError)):
        return text
    if isinstance(exc, RecursionError):
        return "could not be read (structure nested too deeply)"
    return f"could not be read ({exc.__class__.__name__}: {text or 'no message'})"


class _Slot:
    def __init__(self, ctx, fn: Callable, limits: Limits):
        self.ctx, self.fn, self.limits = ctx, fn, limits
        self.proc: mp.Process | None = None
        self.conn: Connection | None = None
        self.task: Any = None
        self.started = 0.0
        self.page: int | None = None
        self.pages: int | None = None
        self.peak = 0.0

    def start(self) -> None:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(
            target=_worker_main,
            args=(child, self.fn, self.limits.max_memory_mb, dict(os.environ)),
            daemon=True,
        )
        try:
            proc.start()
        except BaseException:
            # a worker that never started has nothing to kill: the error that stopped it is the
            # one to report (a script calling ingest() without the `if __name__ == "__main__"`
            # guard got "'NoneType' object has no attribute 'kill'" instead)
            parent.close()
            child.close()
            raise
        child.close()
        self.proc, self.conn = proc, parent

    def submit(self, task: Any) -> None:
        if self.proc is None or not self.proc.is_alive():
            self.start()
        self.task, self.started, self.page, self.pages, self.peak = (
            task,
            time.monotonic(),
            None,
            None,
            0.0,
        )
        assert self.conn is not None
        self.conn.send(task)

    def finish(self, ok: bool, value: Any = None, message: str = "") -> tuple[Any, Outcome]:
        out = Outcome(
            ok,
            value if ok else None,
            "" if ok else message,
            self.page,
            self.pages,
            time.monotonic() - self.started,
            self.peak,
        )
        task, self.task = self.task, None
        return task, out

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.join(5)
        if self.conn is not None:
            self.conn.close()
        self.proc, self.conn = None, None

    def stop(self) -> None:
        if self.conn is not None and self.proc is not None and self.proc.is_alive():
            try:
                self.conn.send(None)
                self.proc.join(2)
            except (OSError, BrokenPipeError):
                pass
        self.kill()

    def died(self) -> str:
        """Why the worker, found dead, failed its document (the worker is cleared away): out of
        memory, by its exit code, or died."""
        code = self.proc.exitcode if self.proc is not None else None
        self.kill()
        if code == OUT_OF_MEMORY_EXIT and self.limits.max_memory_mb:
            return _over_memory(self.limits.max_memory_mb, self.where())
        if code == OUT_OF_MEMORY_EXIT:
            return f"worker process ran out of memory {self.where()}"
        return f"worker process died (exit code {code}) {self.where()}"

    def where(self) -> str:
        if self.page is None:
            return "before its first page"
        return f"at page {self.page}" + (f" of {self.pages}" if self.pages else "")


def _over_memory(limit_mb: int, where: str) -> str:
    return f"exceeded the memory limit of {limit_mb} MB {where} (raise --max-memory)"


def run_tasks(
    tasks: Iterable[Any],
    fn: Callable[[Any, Callable[[int, int | None], None]], Any],
    jobs: int = 1,
    limits: Limits | None = None,
    on_progress: Progress | None = None,
) -> Iterator[tuple[Any, Outcome]]:
    """Run ``fn(task, on_page)`` for each task in up to ``jobs`` worker processes.

    Yields (task, Outcome) as each finishes (not in input order).  ``fn`` must
    be importable (a module-level function) and tasks and results picklable.
    ``jobs=0`` runs in this process, without limits (for debugging).
    """
    limits = limits or Limits()
    pending = list(tasks)
    if jobs <= 0:
        quiet_libraries()
        for task in pending:
            started = time.monotonic()

            def report(page: int, pages: int | None = None, t: Any = task) -> None:
                if on_progress:
                    on_progress(t, page, pages)

            try:
                value = fn(task, report)
                yield task, Outcome(True, value, seconds=time.monotonic() - started)
            except Exception as exc:  # noqa: BLE001
                yield (
                    task,
                    Outcome(False, message=describe_error(exc), seconds=time.monotonic() - started),
                )
        return
    # the server imports the whole pipeline once, so workers fork warm (forkserver.py); the
    # command may have started it already, while it imported the package
    ctx = worker_context()
    slots = [_Slot(ctx, fn, limits) for _ in range(max(1, min(jobs, len(pending) or 1)))]
    try:
        while pending or any(s.task is not None for s in slots):
            for slot in slots:
                if slot.task is None and pending:
                    slot.submit(pending.pop(0))
            busy = [s for s in slots if s.task is not None]
            ready = wait([s.conn for s in busy if s.conn is not None], timeout=0.2)
            for slot in busy:
                if slot.conn in ready:
                    try:
                        msg = slot.conn.recv()
                    except (EOFError, OSError):
                        if slot.proc is not None:
                            slot.proc.join(1)  # its exit code, when it is on its way out
                        yield slot.finish(False, message=slot.died())
                        continue
                    if msg[0] == "page":
                        slot.page, slot.pages = msg[1], msg[2]
                        if on_progress:
                            on_progress(slot.task, slot.page, slot.pages)
                    elif msg[0] == "ok":
                        slot.peak = max(slot.peak, msg[2])  # the worker's own high-water mark
                        if limits.max_memory_mb and slot.peak > limits.max_memory_mb:
                            # a document read faster than the polling below still answers to
                            # the limit: the worker's high-water mark says what it used (and
                            # stays with it, so a fresh worker takes the next document)
                            slot.kill()
                            yield slot.finish(
                                False,
                                message=_over_memory(
                                    limits.max_memory_mb, f"(peak {slot.peak:.0f} MB)"
                                ),
                            )
                            continue
                        yield slot.finish(True, msg[1])
                    else:
                        message = msg[1]
                        slot.peak = max(slot.peak, msg[2])
                        if "memory limit" in message:
                            message = f"{message} {slot.where()}"
                        yield slot.finish(False, message=message)
                    continue
                # no message: check the limits
                # a started process has its pid
                if slot.proc is not None and slot.proc.pid is not None:
                    slot.peak = max(slot.peak, _rss_mb(slot.proc.pid))
                elapsed = time.monotonic() - slot.started
                if limits.timeout and elapsed > limits.timeout:
                    slot.kill()
                    yield slot.finish(
                        False,
                        message=(
                            f"timed out after {limits.timeout:g} s {slot.where()} (raise --timeout)"
                        ),
                    )
                elif limits.max_memory_mb and slot.peak > limits.max_memory_mb:
                    slot.kill()
                    yield slot.finish(
                        False, message=_over_memory(limits.max_memory_mb, slot.where())
                    )
                elif slot.proc is not None and not slot.proc.is_alive():
                    yield slot.finish(False, message=slot.died())
    finally:
        for slot in slots:
            slot.stop()
