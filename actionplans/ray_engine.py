"""Run document tasks on a Ray cluster (``actionplans ingest --engine ray``).

Ray schedules, retries and moves data; we only keep a few tasks queued
beyond the running ones, and each task stops itself when it overruns its
time limit (with a cancel from the driver as the backstop).  Ray is an optional extra:
``pip install 'actionplans[ray]'``.
"""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from .errors import ActionplansError
from .worker import Limits, Outcome, failure_message


class RayUnavailable(ActionplansError, RuntimeError):
    """--engine ray without Ray installed, or no cluster at --address."""


def start_ray(address: str | None, workers: int) -> Any:
    try:
        import ray
    except ImportError:
        raise RayUnavailable("the ray engine needs Ray: pip install 'actionplans[ray]'") from None
    if not ray.is_initialized():
        quiet: dict[str, Any] = dict(
            log_to_driver=False, include_dashboard=False, logging_level=logging.ERROR
        )
        if address:
            ray.init(address=address, **quiet)
        else:
            ray.init(num_cpus=workers, object_store_memory=200 * 1024 * 1024, **quiet)
    return ray


class _Overran(BaseException):
    """Raised in a task by its own alarm; a BaseException so that readers' ``except Exception`` let
    it by."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (Ray runs a task on its worker's main thread, where
    signals land)."""
    if not seconds:
        yield
        return

    def overran(signum: int, frame: object) -> None:
        raise _Overran

    previous = signal.signal(signal.SIGALRM, overran)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _timed_out(limits: Limits) -> str:
    return f"timed out after {limits.timeout:g} s (raise --timeout)"


def _run_one(fn: Callable, task: Any, shard_dir: str, limits: Limits) -> Outcome:
    """Inside a Ray worker: run the task under its time limit and turn any error into a one-line
    outcome."""
    import resource

    from .worker import quiet_libraries

    quiet_libraries()
    started = time.monotonic()
    try:
        with _time_limit(limits.timeout):
            value = fn(task, shard_dir)
        ok, message = True, ""
    except _Overran:
        value, ok, message = None, False, _timed_out(limits)
    except Exception as exc:  # noqa: BLE001 - one document's failure
        value, ok, message = None, False, failure_message(exc, limits.max_memory_mb)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Outcome(ok, value, message, seconds=time.monotonic() - started, peak_mb=peak)


def run_tasks_ray(
    tasks: Iterable[Any],
    fn: Callable[[Any, str], Any],
    shard_dir: str,
    workers: int = 2,
    address: str | None = None,
    limits: Limits | None = None,
) -> Iterator[tuple[Any, Outcome]]:
    """Yield (task, Outcome) for ``fn(task, shard_dir)`` run as Ray tasks.

    Twice as many tasks as there are workers are handed to Ray, so that a
    worker finds its next document queued while this process stores the last
    one.  Each task enforces its own time limit; a task stuck where the alarm
    cannot reach it (inside a C library) is cancelled from here once it has
    overrun twice the limit since it could have started (counted from when it
    became one of the oldest ``workers`` tasks outstanding).
    """
    limits = limits or Limits()
    pending = list(tasks)
    if not pending:
        return
    ray = start_ray(address, workers)
    remote = ray.remote(max_retries=0, num_cpus=1)(_run_one)
    width = (
        workers if not address else max(workers, int(ray.cluster_resources().get("CPU", workers)))
    )
    backstop = 2 * limits.timeout if limits.timeout else None
    # in submission order: ref -> (task, running since)
    in_flight: dict[Any, tuple[Any, float | None]] = {}
    try:
        while pending or in_flight:
            while pending and len(in_flight) < 2 * width:
                task = pending.pop(0)
                in_flight[remote.remote(fn, task, shard_dir, limits)] = (task, None)
            ready, _ = ray.wait(list(in_flight), num_returns=1, timeout=0.5)
            for ref in ready:
                task, _since = in_flight.pop(ref)
                try:
                    yield task, ray.get(ref)
                except Exception as exc:  # noqa: BLE001 - the worker died (e.g. killed by Ray's memory monitor)
                    yield (
                        task,
                        Outcome(False, message=f"cluster task failed ({exc.__class__.__name__})"),
                    )
            now = time.monotonic()
            for ref, (task, since) in list(in_flight.items())[:width]:
                if since is None:
                    in_flight[ref] = (task, now)
                elif backstop and now - since > backstop:
                    ray.cancel(ref, force=True)
                    in_flight.pop(ref)
                    yield task, Outcome(False, message=_timed_out(limits), seconds=now - since)
    finally:
        for ref in in_flight:  # the caller stopped early: leave nothing running
            ray.cancel(ref, force=True)
