"""The worker server (multiprocessing's forkserver), and starting it before the package loads.

``ingest`` and ``reextract`` read each document in a worker process forked from a server that
has imported the pipeline once (``PRELOAD``).  Started when the first document is submitted,
the server imports the pipeline (~0.7 s) only after the command has imported the package
(~0.9 s), one after the other.  When the ``actionplans`` command is about to read documents,
the package's ``__init__`` therefore starts the server first (``start_early``), so the two
imports run side by side on two cores: about 0.5-0.8 s less for each ``ingest``
(docs/reading-pdfs.md, "A faster start").  Anything else (the Python API, tests, other
commands, ``--jobs 0``, ``--engine ray``) starts nothing here.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import re
import sys
from multiprocessing.context import ForkServerContext

# What the server imports once, so that workers fork warm (a module that is missing is skipped).
PRELOAD = [
    "actionplans.ingest",
    "actionplans.extract.schema",
    "actionplans.normalise.schema",
    "actionplans.extract.pdf",
    "pdfplumber",
    "pandera.pandas",
    "actionplans.warm_schemas",
]
# One worker per core: numerical libraries must not start a thread pool each (oversubscription).
_ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
_READING_COMMANDS = ("ingest", "reextract")


def worker_context() -> ForkServerContext:
    """The forkserver context the workers start from, with its preload and thread limits set."""
    for var in _ONE_THREAD:
        os.environ.setdefault(var, "1")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


def reads_documents(argv: list[str]) -> bool:
    """Whether the command line ``argv`` (``sys.argv``) runs the ``actionplans`` command on a
    subcommand that reads documents in worker processes.

    >>> reads_documents(["/venv/bin/actionplans", "ingest", "plan.pdf", "--jobs", "2"])
    True
    >>> reads_documents(["/venv/bin/actionplans", "--debug", "reextract"])
    True
    >>> reads_documents(["/venv/bin/actionplans", "ingest", "plan.pdf", "--jobs=0"])
    False
    >>> reads_documents(["/venv/bin/actionplans", "sql", "SELECT 1"])
    False
    >>> reads_documents(["/usr/bin/pytest", "ingest"])
    False
    """
    if not argv or os.path.basename(argv[0]) != "actionplans":
        return False
    words = [a for a in argv[1:] if not a.startswith("-")]
    if not words or words[0] not in _READING_COMMANDS:
        return False
    line = " ".join(argv[1:])
    return not re.search(r"--jobs[= ]0\b|--engine[= ]ray\b|--help\b", line)


def start_early(argv: list[str] | None = None) -> bool:
    """Start the worker server now if this process is the ``actionplans`` command about to read
    documents; True if it was started.  Never raises: the server then starts on demand."""
    if not reads_documents(sys.argv if argv is None else argv):
        return False
    if mp.current_process().name != "MainProcess" or mp.parent_process() is not None:
        return False
    saved = {var: os.environ.get(var) for var in _ONE_THREAD}
    try:
        worker_context()
        from multiprocessing import forkserver

        forkserver.ensure_running()
        return True
    except Exception:  # noqa: BLE001 - an early start is only an optimisation
        return False
    finally:
        # the server has its one-thread environment; this process keeps its own (its BLAS links
        # editions after the documents are read)
        for var, value in saved.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value
