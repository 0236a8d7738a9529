"""Run document tasks on a Ray cluster (``actionplans ingest --engine ray``).

Ray schedules, retries and moves data; we only keep at most ``workers``
tasks in flight (so a task's clock starts when it starts) and cancel one
that overruns its time limit.  Ray is an optional extra:
``pip install 'actionplans[ray]'``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .worker import Limits, Outcome, describe_error


class RayUnavailable(RuntimeError):
    pass


def start_ray(address: str | None, workers: int) -> Any:
    try:
        import ray
    except ImportError:
        raise RayUnavailable("the ray engine needs Ray: pip install 'actionplans[ray]'") from None
    if not ray.is_initialized():
        quiet = dict(log_to_driver=False, include_dashboard=False, logging_level=logging.ERROR)
        if address:
            ray.init(address=address, **quiet)
        else:
            ray.init(num_cpus=workers, object_store_memory=200 * 1024 * 1024, **quiet)
    return ray


def _run_one(fn: Callable, task: Any, shard_dir: str, max_memory_mb: int | None) -> Outcome:
    """Inside a Ray worker: run the task and turn any error into a one-line outcome."""
    import resource

    from .worker import quiet_libraries

    quiet_libraries()
    started = time.monotonic()
    try:
        value = fn(task, shard_dir)
        ok, message = True, ""
    except MemoryError:
        value, ok, message = None, False, f"exceeded the memory limit of {max_memory_mb} MB"
    except Exception as exc:  # noqa: BLE001 - one document's failure
        value, ok, message = None, False, describe_error(exc)
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
    """Yield (task, Outcome) for ``fn(task, shard_dir)`` run as Ray tasks."""
    limits = limits or Limits()
    pending = list(tasks)
    if not pending:
        return
    ray = start_ray(address, workers)
    remote = ray.remote(max_retries=0, num_cpus=1)(_run_one)
    in_flight: dict[Any, tuple[Any, float]] = {}
    width = workers if not address else max(workers, int(ray.cluster_resources().get("CPU", workers)))
    while pending or in_flight:
        while pending and len(in_flight) < width:
            task = pending.pop(0)
            in_flight[remote.remote(fn, task, shard_dir, limits.max_memory_mb)] = (task, time.monotonic())
        ready, _ = ray.wait(list(in_flight), num_returns=1, timeout=0.5)
        for ref in ready:
            task, _started = in_flight.pop(ref)
            try:
                yield task, ray.get(ref)
            except Exception as exc:  # noqa: BLE001 - the worker died (e.g. killed by Ray's memory monitor)
                yield task, Outcome(False, message=f"cluster task failed ({exc.__class__.__name__})")
        now = time.monotonic()
        for ref, (task, started) in list(in_flight.items()):
            if limits.timeout and now - started > limits.timeout:
                ray.cancel(ref, force=True)
                in_flight.pop(ref)
                yield task, Outcome(False, message=f"timed out after {limits.timeout:g} s (raise --timeout)",
                                    seconds=now - started)
