"""Ingest: extract -> normalise -> store, one transaction per document.

>>> from actionplans import ingest
>>> report = ingest(["data/raw"], db=":memory:", progress=False)  # doctest: +SKIP
>>> report.ok
True
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb
from packaging.version import InvalidVersion, Version
from tqdm import tqdm

from .extract import ExtractError, check_readable, current_extractor_version, file_sha256
from .manifest import (
    DocumentMeta,
    MetadataError,
    check_edition,
    find_manifest_entries,
    manifest_entry_for,
)
from .normalise import VERSION as NORMALISE_VERSION
from .normalise import NormaliseError, slug
from .pipeline import AUTO_PROFILE, Processed, Sharded, Task, extract_to_shards, process, record
from .profile import ProfileError, load_profile
from .reconcile import reconcile_after_ingest
from .store import Database, DatabaseError, default_db_path
from .worker import Limits, run_tasks

# A database write that failed for want of space or a broken file (not a bug in a statement): the
# documents committed before stay, the rest are named as not loaded (issue 18).
DB_WRITE_ERRORS = (duckdb.IOException, duckdb.TransactionException, duckdb.FatalException)
STORAGE_ERRORS = (*DB_WRITE_ERRORS, OSError)  # storing also reads a worker's Parquet shards
SKIP_NAMES = {"manifest.toml", "README.md", "readme.md", ".gitkeep"}
SKIP_SUFFIXES = {".csv", ".json", ".py", ".yaml", ".yml", ".toml", ".png"}


@dataclass
class DocumentResult:
    path: str
    status: str  # loaded | unchanged | failed
    doc_id: str | None = None
    actions: int = 0
    corrections: int = 0
    findings: int = 0
    message: str = ""
    seconds: float = 0.0  # time in the worker
    peak_mb: float = 0.0  # worker's peak resident memory seen

    guessed: str = ""  # metadata read from the document itself (no manifest, no flag gave it)
    missing: str = ""  # what a loaded document lacks (damaged pages), said in its summary line

    def summary(self) -> str:
        shown = _display_path(self.path)
        if self.status == "failed":
            return f"FAILED    {shown}: {self.message}"
        if self.status == "unchanged" and self.message:
            return f"unchanged {shown}: {self.message}"
        if self.status == "unchanged":
            return f"unchanged {self.doc_id}: already loaded (same sha256), nothing to do"
        return (
            f"loaded    {self.doc_id}: {self.actions} actions, {self.corrections} corrections, "
            f"{self.findings} findings  ({shown})"
            + (f"; guessed {self.guessed}" if self.guessed else "")
            + (f"; INCOMPLETE: {self.missing}" if self.missing else "")
        )


@dataclass(frozen=True)
class IngestOptions:
    """What the caller said about the files (flags win over manifests; None: not said)."""

    council: str | None = None
    edition: str | None = None
    plan: str | None = None  # plan key(s), comma-separated
    profile: str | None = None  # a profile name or YAML path, or auto
    title: str | None = None
    ocr: str = "auto"
    password: str | None = None
    strict: bool = False


@dataclass
class IngestReport:
    results: list[DocumentResult] = field(default_factory=list)
    error: str | None = (
        None  # a failure of the database itself at the end of the run (a damaged file)
    )

    @property
    def ok(self) -> bool:
        return self.error is None and all(r.status != "failed" for r in self.results)

    @property
    def failed(self) -> list[DocumentResult]:
        return [r for r in self.results if r.status == "failed"]


def _display_path(path: str) -> str:
    """A path relative to the current folder where it lies below it, for shorter messages."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


def collect_inputs(paths: list[str | Path]) -> list[tuple[Path, DocumentMeta | None]]:
    """Expand files and folders into (file, manifest entry or None), in a stable order."""
    out: list[tuple[Path, DocumentMeta | None]] = []
    seen: set[Path] = set()
    for given in paths:
        p = Path(given)
        if p.is_dir():
            entries = find_manifest_entries(p)
            listed = sorted(entries.items(), key=lambda kv: str(kv[0]))
            found = len(listed)
            for file, meta in listed:
                if file not in seen:
                    seen.add(file)
                    out.append((file, meta))
            manifest_dirs = {m.parent for m in p.rglob("manifest.toml")}
            for file in sorted(p.rglob("*")):
                rf = file.resolve()
                if (
                    file.is_file()
                    and file.name not in SKIP_NAMES
                    and file.suffix.lower() not in SKIP_SUFFIXES
                    and not file.name.startswith(".")
                    and not any(d in file.parents for d in manifest_dirs)
                ):
                    found += 1
                    if rf in seen:
                        continue
                    seen.add(rf)
                    # a manifest in a folder above may list it
                    out.append((rf, manifest_entry_for(rf)))
            if not found:  # said, not passed over in silence (issue 18)
                out.append((p, None))
        else:
            rf = p.resolve() if p.exists() else p
            if rf not in seen:
                seen.add(rf)
                out.append((rf, manifest_entry_for(p) if p.exists() else None))
    return out


def ingest(
    paths: list[str | Path],
    db: str | Path | Database | None = None,
    *,
    council: str | None = None,
    edition: str | None = None,
    plan: str | None = None,
    profile: str | None = None,
    title: str | None = None,
    jobs: int = 1,
    timeout: float | None = Limits.timeout,
    max_memory: int | None = Limits.max_memory_mb,
    wait: bool | float = False,
    engine: str = "local",
    address: str | None = None,
    shards: str | Path | None = None,
    progress: bool = True,
    echo: bool = False,
    ocr: str = "auto",
    password: str | None = None,
    strict: bool = False,
    reconcile: bool = True,
) -> IngestReport:
    """Load documents into the database; each in its own transaction.

    Files listed in a ``manifest.toml`` take their metadata from it; others
    need ``council``, ``edition``, ``plan`` and ``profile``.  A file whose
    bytes are already loaded is skipped.  Documents are read in ``jobs``
    worker processes, each under ``timeout`` seconds and ``max_memory`` MB
    (``jobs=0`` reads in this process, without limits).  A failing document
    leaves the database as it was and the others still load.  ``wait`` (True
    or seconds) waits for another process holding the database.

    ``engine="ray"`` reads the documents as Ray tasks on the cluster at
    ``address`` (a local one with ``jobs`` workers if None); each task writes
    the document as Parquet shards under ``shards`` (default
    ``data/clean/shards``, which must be shared storage on a real cluster),
    and this process loads them, one transaction per document.

    ``ocr`` says which PDF pages are read by OCR: ``auto`` those without a
    usable text layer, ``always`` every page, ``never`` none.  ``password``
    opens encrypted PDFs.  ``reconcile=False`` skips linking the councils
    that got a new edition (run ``actionplans reconcile`` later; for bulk loads).
    ``strict=True`` fails a document in which anything was repaired or found
    wrong, instead of loading it with its corrections and findings logged.
    """

    wait_seconds = 365 * 86400.0 if wait is True else float(wait or 0)
    database = (
        db if isinstance(db, Database) else Database(db or default_db_path(), wait=wait_seconds)
    )
    report = IngestReport()
    options = IngestOptions(
        council=council,
        edition=edition,
        plan=plan,
        profile=profile,
        title=title,
        ocr=ocr,
        password=password,
        strict=strict,
    )
    inputs = collect_inputs(paths)
    show = None if progress else True  # None: tqdm shows bars only on a terminal
    docs_bar = tqdm(
        total=len(inputs),
        desc="documents",
        unit="doc",
        disable=show,
        file=sys.stderr,
        leave=False,
        position=0,
    )
    pages_bar = tqdm(
        desc="pages", unit="page", disable=show, file=sys.stderr, leave=False, position=1
    )
    seen_pages: dict[str, int] = {}

    def emit(result: DocumentResult) -> None:
        report.results.append(result)
        docs_bar.update(1)
        if echo:
            stream = sys.stderr if result.status == "failed" else sys.stdout
            print(result.summary(), file=stream, flush=True)

    def on_progress(task: Task, page: int, pages: int | None) -> None:
        if pages and task.path not in seen_pages:
            pages_bar.total = (pages_bar.total or 0) + pages
        pages_bar.update(max(0, page - seen_pages.get(task.path, 0)))
        seen_pages[task.path] = page
        pages_bar.set_postfix_str(Path(task.path).name[:40])

    try:
        tasks: list[Task] = []
        claimed: set[str] = set()
        same_bytes: dict[str, str] = {}  # sha256 -> the path that will load it in this run
        broken = ""
        for file, meta in inputs:
            if broken:
                emit(DocumentResult(str(file), "failed", message=f"not loaded: {broken}"))
                continue
            try:
                prepared = _prepare(database, file, meta, options, claimed, same_bytes)
            except DB_WRITE_ERRORS as exc:  # recording a failure or a skip could not be written
                broken = write_failure(exc, database.path)
                prepared = DocumentResult(str(file), "failed", message=f"not loaded: {broken}")
            if isinstance(prepared, DocumentResult):
                emit(prepared)
            else:
                tasks.append(prepared)
        if broken:
            for task in tasks:
                emit(DocumentResult(task.path, "failed", message=f"not loaded: {broken}"))
            tasks = []
        tasks = [replace(t, ocr_pages=pages_at_once(jobs, len(tasks))) for t in tasks]
        limits = Limits(timeout=timeout, max_memory_mb=max_memory)
        for result in _run(database, tasks, engine, jobs, limits, address, shards, on_progress):
            emit(result)
            if result.message.startswith("not loaded: the database"):
                broken = result.message
        if reconcile and not broken:
            _relink(
                database,
                [r.doc_id for r in report.results if r.status == "loaded" and r.doc_id],
                echo,
            )
    finally:
        docs_bar.close()
        pages_bar.close()
        if not isinstance(db, Database):
            if not broken and any(r.status == "loaded" for r in report.results):
                try:
                    database.checkpoint()  # a damaged block shows here, not silently at close
                except DatabaseError as exc:
                    report.error = str(exc)
                    print(f"Error: {exc}", file=sys.stderr, flush=True)
            try:
                database.close()
            # after a failed write; what was committed is in the file and its log
            except duckdb.Error:
                pass
    return report


def pages_at_once(jobs: int, documents: int, cores: int | None = None) -> int:
    """Scanned pages of one document OCRed at once: as many as leave no core idle and none
    shared, one page per core over the documents read at once.

    One scan with ``--jobs 1`` on 2 cores reads 2 pages at once (the second keeps the second core
    busy); one 60-page scan on 8 workers, 8.  Ten scans with ``--jobs 2`` on 2 cores read one
    page each: two pages a worker ran four page readings on two cores, and the ten took a fifth
    longer for it (docs/reading-pdfs.md, "Speed, greyscale and JPEG-50").
    """
    jobs = max(1, jobs)
    cores = max(1, cores or os.cpu_count() or 1)
    return max(1, max(jobs, cores) // max(1, min(jobs, documents)))


def _run(
    database, tasks, engine, jobs, limits, address, shards, on_progress
) -> Iterator[DocumentResult]:
    """Read the tasks with the chosen engine and store each as it finishes."""
    if engine == "ray":
        from .ray_engine import run_tasks_ray

        shard_dir = Path(shards or Path(database.path).parent / "shards").resolve()
        outcomes = run_tasks_ray(
            tasks,
            extract_to_shards,
            str(shard_dir),
            workers=max(jobs, 1),
            address=address,
            limits=limits,
        )
    elif engine == "local":
        outcomes = run_tasks(tasks, process, jobs=jobs, limits=limits, on_progress=on_progress)
    else:
        raise ValueError(f"unknown engine {engine!r}: use local or ray")
    done: set[str] = set()
    broken = ""  # why the database stopped taking writes (a full disk): the rest are then not read
    for task, outcome in outcomes:
        done.add(task.path)
        try:
            if outcome.ok:
                result = _store(database, task, outcome.value)
            else:
                result = _failed(
                    database,
                    Path(task.path),
                    task.path,
                    _strip_name(outcome.message, task.path),
                    sha=task.sha256,
                )
        except STORAGE_ERRORS as exc:
            broken = write_failure(exc, database.path)
            result = DocumentResult(task.path, "failed", message=f"not loaded: {broken}")
        result.seconds, result.peak_mb = outcome.seconds, outcome.peak_mb
        yield result
        if broken:
            break
    if broken:
        close = getattr(outcomes, "close", None)
        if close:
            close()  # stop the workers: nothing more can be stored
        for task in tasks:
            if task.path not in done:
                yield DocumentResult(task.path, "failed", message=f"not loaded: {broken}")


def write_failure(exc: BaseException, db_path: str) -> str:
    """One line for a database write that failed: the real cause (issue 18), not the transaction's
    complaint.

    >>> write_failure(OSError(27, "File too large"), "x.duckdb")
    'the database x.duckdb could not be written: File too large (disk full, or a file size limit such as ulimit -f)'
    """  # noqa: E501
    text = (str(exc).splitlines() or [""])[0]
    if isinstance(exc, OSError) and exc.strerror:
        cause = exc.strerror
    else:
        found = re.search(r'(?:write|open|create|sync)[^"]*"[^"]+": (.+)$', text, re.IGNORECASE)
        cause = found.group(1) if found else text
    if re.search(r"too large|no space|disk full|quota", cause, re.IGNORECASE):
        cause += " (disk full, or a file size limit such as ulimit -f)"
    return f"the database {db_path} could not be written: {cause}"


def reextract(
    db: str | Path | Database | None = None,
    *,
    since: str | None = None,
    jobs: int = 1,
    timeout: float | None = Limits.timeout,
    max_memory: int | None = Limits.max_memory_mb,
    engine: str = "local",
    address: str | None = None,
    progress: bool = True,
    echo: bool = False,
) -> IngestReport:
    """Re-read documents whose extractor version is out of date, keeping their ids, links and
    overrides.

    Without ``since``: documents recorded with another version than this
    install's reader or normaliser (``documents.normaliser``).  With ``since="0.2.0"``: documents
    read by a version older than 0.2.0.  A file that changed on disk since it was loaded is a new
    edition, not a re-extraction: it is reported and left alone.
    """

    database = db if isinstance(db, Database) else Database(db or default_db_path())
    report = IngestReport()
    try:
        rows = database.sql(
            "SELECT doc_id, path, sha256, council, title, edition, plans, profile, extractor,"
            " normaliser FROM documents ORDER BY doc_id"
        ).fetchall()
        tasks = []
        normaliser_now = f"normalise@{NORMALISE_VERSION}"
        for (
            doc_id,
            path,
            sha,
            council,
            title,
            edition,
            plans,
            profile,
            extractor,
            normaliser,
        ) in rows:
            recorded = (extractor or "").rpartition("@")[2]
            current = current_extractor_version(extractor or "")
            try:
                if since:
                    stale = Version(recorded) < Version(since)
                else:
                    stale = (
                        current is not None and recorded != current
                    ) or normaliser != normaliser_now
            except InvalidVersion:
                stale = True
            if not stale:
                continue
            file = Path(path)
            if not file.is_file() or file_sha256(file) != sha:
                report.results.append(
                    DocumentResult(
                        path,
                        "failed",
                        doc_id=doc_id,
                        message=(
                            "file missing or changed since it was loaded; ingest it as a new"
                            " document"
                        ),
                    )
                )
                continue
            if (profile or "").startswith(AUTO_PROFILE + ":"):
                profile = AUTO_PROFILE  # inferred profiles are inferred again (deterministically)
            meta = DocumentMeta(
                path=file,
                council=council,
                title=title,
                edition=edition,
                plans=tuple(plans),
                profile=profile,
                doc_id=doc_id,
            )
            tasks.append(Task(path=path, sha256=sha, meta=meta, profile=profile, doc_id=doc_id))
        limits = Limits(timeout=timeout, max_memory_mb=max_memory)
        for result in _run(database, tasks, engine, jobs, limits, address, None, None):
            report.results.append(result)
            if echo:
                print(
                    result.summary(),
                    file=sys.stderr if result.status == "failed" else sys.stdout,
                    flush=True,
                )
        _relink(
            database, [r.doc_id for r in report.results if r.status == "loaded" and r.doc_id], echo
        )
    finally:
        if not isinstance(db, Database):
            database.close()
    return report


def _relink(database: Database, doc_ids: list[str], echo: bool) -> None:
    """Re-link councils that got a new edition (issue 5); a failure here never fails the ingest.

    Documents an earlier run loaded but did not link (killed while linking, or
    ``--no-reconcile``) are still marked in ``pending_links`` and are linked now too (issue 18).
    """
    try:
        earlier = [d for d in database.pending_links() if d not in doc_ids]
        if earlier and echo:
            print(
                f"linking {len(earlier)} document(s) loaded earlier but not linked yet:"
                f" {', '.join(earlier)}",
                flush=True,
            )
        doc_ids = [*doc_ids, *earlier]
        if not doc_ids:
            return

        linked = reconcile_after_ingest(database, doc_ids)
        database.clear_pending_links(doc_ids)  # linked now, or no other edition to link them to
        if linked is not None and echo:
            print(f"reconciled {linked.summary().splitlines()[-1]}", flush=True)
    except Exception as exc:  # noqa: BLE001 - linking is a convenience after loading
        first = (str(exc).splitlines() or [""])[0]
        print(
            f"reconcile after ingest skipped: {exc.__class__.__name__}: {first} "
            "(the next ingest or `actionplans reconcile` links them)",
            file=sys.stderr,
            flush=True,
        )


def _prepare(
    database: Database,
    file: Path,
    meta: DocumentMeta | None,
    options: IngestOptions,
    claimed: set[str],
    same_bytes: dict[str, str] | None = None,
) -> Task | DocumentResult:
    """Cheap checks in the parent: the file exists, is new, looks readable, has metadata.

    ``same_bytes`` maps the sha256 of each file already taken in this run to its path:
    a second copy of the same bytes is read once, not loaded twice (issue 18).
    """
    same_bytes = {} if same_bytes is None else same_bytes
    name = str(file)
    if meta is not None and meta.refused:  # never opened: not even hashed
        database.record_failure(name, None, meta.refused)
        return DocumentResult(name, "failed", message=meta.refused)
    try:
        if not file.exists():
            raise ExtractError(f"{name}: no such file")
        if file.is_dir():
            raise ExtractError(
                f"{name}: no documents here: no manifest.toml lists any, and no file in it "
                "could be one (folders are read with their manifest.toml)"
            )
        if not file.is_file():
            raise ExtractError(f"{name}: not a regular file")
        sha = file_sha256(file)
        existing = database.document_by_sha(sha)
        if existing:
            database.clear_failure(name)
            return DocumentResult(name, "unchanged", doc_id=existing)
        if sha in same_bytes:
            return DocumentResult(
                name,
                "unchanged",
                message=(
                    f"same bytes (sha256) as {_display_path(same_bytes[sha])}, "
                    "read once in this run, under that name"
                ),
            )
        check_readable(file)
        meta = meta or DocumentMeta(path=file)
        meta = DocumentMeta(
            path=file,
            council=options.council or meta.council,
            title=options.title or meta.title,
            edition=options.edition or meta.edition,
            plans=tuple(options.plan.split(",")) if options.plan else meta.plans,
            # no profile named anywhere: infer it (issue 16); council, edition and plans are then
            # read from the document itself in the worker where no flag or manifest gives them
            profile=options.profile or meta.profile or AUTO_PROFILE,
            doc_id=meta.doc_id,
        )
        check_edition(meta.edition, name)
        if meta.profile != AUTO_PROFILE:
            load_profile(meta.profile)  # a bad profile fails here, before any worker starts
        doc_id = _doc_id(database, meta, file, sha, claimed)
        claimed.add(doc_id)
        same_bytes[sha] = name
        return Task(
            path=name,
            sha256=sha,
            meta=meta,
            profile=meta.profile or AUTO_PROFILE,
            doc_id=doc_id,
            ocr=options.ocr or "auto",
            password=options.password,
            strict=options.strict,
        )
    except (ExtractError, NormaliseError, MetadataError, ProfileError) as exc:
        return _failed(database, file, name, _strip_name(str(exc), name))
    except OSError as exc:  # the file itself cannot be read: this file fails, not the run
        return _failed(database, file, name, f"cannot be read ({exc.strerror or exc})")


def _store(database: Database, task: Task, processed: Processed | Sharded) -> DocumentResult:
    """Write one processed document in one transaction (parent only)."""
    if processed.profile_yaml:
        database.save_profile(processed.profile, processed.profile_yaml, task.path)
    if isinstance(processed, Sharded):
        database.write_frames(task.doc_id, processed.paths)
        counts = (processed.actions, processed.corrections, processed.findings)
    else:
        doc = processed.doc
        database.write_document(record(task, processed), doc)
        counts = (len(doc.actions), len(doc.all_corrections()), len(doc.all_findings()))
    database.clear_failure(task.path)
    return DocumentResult(
        task.path,
        "loaded",
        doc_id=task.doc_id,
        actions=counts[0],
        corrections=counts[1],
        findings=counts[2],
        guessed=processed.guessed,
        missing=processed.missing,
    )


def _failed(
    database: Database, file: Path, name: str, message: str, sha: str | None = None
) -> DocumentResult:
    """Record the failure in the database (``ingest_failures``) so that reports can list it.

    ``sha`` is the hash already taken while preparing the file; only failures
    found before that hash the file here.
    """
    if sha is None:
        try:
            sha = file_sha256(file) if file.is_file() else None
        except OSError:
            sha = None
    database.record_failure(name, sha, message)
    return DocumentResult(name, "failed", message=message)


def _strip_name(message: str, name: str) -> str:
    return message[len(name) + 2 :] if message.startswith(name + ": ") else message


def _doc_id(
    database: Database,
    meta: DocumentMeta,
    file: Path,
    sha: str,
    claimed: set[str] | frozenset[str] = frozenset(),
) -> str:
    """The manifest's id or the file's stem; another file already holding it gets a hash suffix."""
    doc_id = meta.doc_id or slug(file.stem, default="document")
    row = database.document_row(doc_id)
    if (row and row[1] != str(file)) or doc_id in claimed:
        doc_id = f"{doc_id}-{sha[:8]}"
    return doc_id
