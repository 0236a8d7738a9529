"""The per-document path: extract -> normalise -> checks, as one function over typed records.

:func:`process` reads and normalises one document and touches no database; it
runs in a local worker process, in this process (``--jobs 0``) or as a Ray
task (:func:`extract_to_shards`) alike.  :mod:`actionplans.ingest` keeps the
orchestration: inputs, hashing, engines, progress, and storing the results.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .extract import ExtractError, RawDocument, read_document
from .extract.schema import raw_schema_failures
from .infer import infer_profile
from .infer.headerless import complete_header, header_from_body
from .infer.metadata import guess_metadata
from .manifest import DocumentMeta
from .normalise import VERSION as NORMALISE_VERSION
from .normalise import Finding, NormalisedDocument, NormaliseError, normalise_document, refuse_noise
from .normalise.header import HeaderTest
from .normalise.records import merge_repeated
from .normalise.schema import action_schema_failures
from .profile import Profile, ProfileError, load_profile
from .store import DocumentRecord
from .store.database import now_utc, write_shards

AUTO_PROFILE = "auto"  # --profile auto: infer the layout profile from the document itself


@dataclass(frozen=True)
class TableTest(HeaderTest):
    """What the PDF reader is told about action tables: is this row a header of the profile
    (:class:`~actionplans.normalise.HeaderTest`), and, for a scanned table whose header could not be
    read, or was read only in part, which header its body implies
    (:func:`actionplans.infer.headerless.header_from_body`, ``complete_header``).

    Handed down so that extract asks, and depends on no later stage; picklable for worker processes.
    """

    def header_from_body(self, rows):

        return header_from_body(rows, self.profile)

    def complete_header(self, texts, rows):

        return complete_header(tuple(texts), rows, self.profile)


@dataclass(frozen=True)
class Task:
    """One document to read: everything a worker process needs, nothing it must not touch."""

    path: str
    sha256: str
    meta: DocumentMeta
    profile: str
    doc_id: str = ""
    ocr: str = "auto"  # PDF pages read by OCR: auto (no usable text layer) | always | never
    password: str | None = None  # for encrypted PDFs
    ocr_pages: int = 2  # scanned pages of this document OCRed at once (spare --jobs go here)
    strict: bool = (
        False  # any repair or warning fails the document (StrictModeError) instead of being logged
    )


@dataclass
class Sharded:
    """What a cluster worker sends back: where it wrote the document's Parquet shards."""

    paths: dict[str, str]
    actions: int
    corrections: int
    findings: int
    profile: str
    profile_yaml: str | None = None
    meta: DocumentMeta | None = None  # the task's metadata completed from the document's own text
    guessed: str = ""
    missing: str = ""


@dataclass
class Processed:
    """What a worker sends back: the clean document and what the reader knew."""

    doc: NormalisedDocument
    pages: int | None
    extractor: str
    format: str
    encoding: str | None
    profile: str
    profile_yaml: str | None = (
        None  # the inferred profile (``--profile auto``), kept with the document
    )
    meta: DocumentMeta | None = None  # the task's metadata completed from the document's own text
    guessed: str = (
        ""  # what was read from the document, with its evidence (shown in the summary line)
    )
    missing: str = ""  # pages that could not be read whole (shown in the summary line)


def process(task: Task, on_page=None) -> Processed:
    """Read and normalise one document (runs in a worker process; touches no database)."""

    inferred = None
    try:
        if task.profile == AUTO_PROFILE:
            inferred = infer_profile(
                Path(task.path), plans=list(task.meta.plans), progress=on_page or False
            )
            prof, raw = inferred.profile, inferred.raw
        else:
            prof = load_profile(task.profile)
            raw = read_document(
                Path(task.path),
                prose_item_pattern=prof.prose_item_pattern,
                progress=on_page or False,
                header_test=TableTest(prof),
                ocr=task.ocr,
                password=task.password,
                ocr_pages=task.ocr_pages,
            )
    except (ExtractError, ProfileError, RecursionError):
        raise
    except Exception as exc:  # noqa: BLE001 - a reader library choking on a bad file fails this file only
        detail = str(exc).splitlines()[0] if str(exc) else "no message"
        raise ExtractError(
            f"{task.path}: could not be read ({exc.__class__.__name__}: {detail})"
        ) from None
    meta, guessed = _complete_meta(task.meta, raw, inferred.plans if inferred is not None else [])
    doc = normalise_document(raw, prof, list(meta.plans))
    _schema_findings(raw, doc)
    if not doc.actions:
        raise NormaliseError(
            f"{task.path}: no action rows found with profile {prof.name} (check the header names)"
        )
    for note in raw.notes:
        if note.check == "greyscale_scan" and not _rag_lost(prof, doc):
            continue  # nothing this plan shows is lost without colour
        message = f"page {note.page}: {note.message}" if note.page else note.message
        doc.findings.append(Finding.of(note.check, message))
    if inferred is not None:
        for decision in inferred.uncertain:
            doc.findings.append(
                Finding.of(
                    "profile_inference",
                    f"inferred profile {prof.name}, {decision.setting}: {decision.comment()}",
                )
            )
    doc.findings[:] = merge_repeated(doc.findings)  # one finding per cause, with its pages
    if task.strict:
        refuse_noise(task.path, doc)
    if guessed:
        doc.findings.append(
            Finding.of("metadata_guess", f"read from the document: {guessed.describe()}")
        )
    return Processed(
        doc=doc,
        pages=raw.pages,
        extractor=raw.extractor,
        format=raw.format,
        encoding=raw.encoding,
        profile=prof.name,
        profile_yaml=inferred.yaml if inferred else None,
        meta=meta,
        guessed=guessed.describe() if guessed else "",
        missing=_missing(raw),
    )


def _rag_lost(prof: Profile, doc: NormalisedDocument) -> bool:
    """The profile reads a RAG column and some action came out without a rating."""
    return "rag" in prof.columns and any(not a.rag for a in doc.actions)


def _missing(raw: RawDocument) -> str:
    """What a document read with damage lacks, for its summary line (issue 18): '' when complete."""
    pages = sorted({note.page for note in raw.notes if note.check == "damaged_page" and note.page})
    if not pages:
        return ""
    shown = ", ".join(map(str, pages[:10])) + (
        f" and {len(pages) - 10} more" if len(pages) > 10 else ""
    )
    return (
        f"{'page' if len(pages) == 1 else 'pages'} {shown} of {raw.pages or '?'} damaged, "
        "their rows may be missing (findings: damaged_page)"
    )


def _complete_meta(meta: DocumentMeta, raw, inferred_plans: list[str]):
    """Council, edition, title and plans that no flag or manifest gave, read from the document
    (issue 16).

    Returns the completed metadata and the guesses (None when nothing was guessed).
    """

    plans = meta.plans or tuple(inferred_plans) or ("main",)
    if meta.council and meta.edition and meta.title:
        return replace(meta, plans=plans), None
    guessed = guess_metadata(raw.text or "", Path(raw.path).name)
    for name in ("council", "edition", "title"):
        if getattr(meta, name):
            setattr(guessed, name, None)
            guessed.evidence.pop(name, None)
    completed = replace(
        meta,
        plans=plans,
        council=meta.council or guessed.council,
        edition=meta.edition or guessed.edition,
        title=meta.title or guessed.title,
    )
    return completed, (guessed if guessed.evidence else None)


def record(task: Task, processed: Processed) -> DocumentRecord:
    meta = processed.meta or task.meta
    return DocumentRecord(
        doc_id=task.doc_id,
        path=task.path,
        sha256=task.sha256,
        council=meta.council,
        title=meta.title,
        edition=meta.edition,
        plans=list(meta.plans),
        pages=processed.pages,
        extractor=processed.extractor,
        ingested_at=now_utc(),
        profile=processed.profile,
        format=processed.format,
        encoding=processed.encoding,
        normaliser=f"normalise@{NORMALISE_VERSION}",
    )


def extract_to_shards(task: Task, shard_dir: str) -> Sharded:
    """Read one document and write it as Parquet shards (runs as a cluster task; touches no
    database)."""

    processed = process(task)
    doc = processed.doc
    paths = write_shards(record(task, processed), doc, shard_dir)
    return Sharded(
        paths,
        len(doc.actions),
        len(doc.all_corrections()),
        len(doc.all_findings()),
        processed.profile,
        processed.profile_yaml,
        processed.meta,
        processed.guessed,
        processed.missing,
    )


def _schema_findings(raw, doc) -> None:
    """Validate both stage boundaries lazily (every failure, not the first) into findings."""

    for message in raw_schema_failures(raw):
        doc.findings.append(Finding.of("schema", f"raw rows: {message}", severity="warning"))
    for action_id, message in action_schema_failures(doc.actions):
        doc.findings.append(Finding.of("schema", f"clean actions: {message}", action_id=action_id))
