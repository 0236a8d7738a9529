"""Imported by the worker server only (``forkserver.PRELOAD``), never by the command.

Tesseract is read through its library in the worker (``extract/ocr/engine.py``): the first
engine a worker used loaded the English model (about 0.1 s of a quiet core, 0.3 s of a busy
one), in every worker, for every scanned document.  Loaded here once, every worker forks with an
engine ready (its memory shared until written).  Loading starts no thread (OpenMP is held to one
thread, and starts its pool only when a page is read), so the server can still fork.
"""

from __future__ import annotations

from .extract.ocr.engine import preload

preload()
