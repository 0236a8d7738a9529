"""Validation reports: how far each document's extraction can be trusted.

Per document a self-contained ``<doc>.html`` for people and a ``<doc>.json`` for programs (its
shape: ``docs/report.schema.json``), plus ``index.html`` and ``index.json`` over all documents and
the files that failed to load.

>>> from actionplans import report
>>> result = report(db="data/clean/actionplans.duckdb", out="data/clean/reports")  # doctest: +SKIP
>>> result.errors  # error-level findings over the documents reported
0
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..checks import CHECKS, describe
from ..errors import ActionplansError
from ..store import Database, existing_database
from .collect import SCHEMA_VERSION, document_ids, document_report, failure_report, ingest_failures
from .html import document_html, file_stem, index_html
from .thumbs import Thumbnailer
from .verdict import LEVELS, rank_key

__all__ = [
    "report",
    "ReportResult",
    "ReportError",
    "CHECKS",
    "describe",
    "SCHEMA_VERSION",
    "LEVELS",
]


class ReportError(ActionplansError):
    """The report could not be made (no such database or document)."""


@dataclass
class ReportResult:
    out: Path
    documents: list[dict[str, Any]] = field(default_factory=list)  # summary per document
    failures: list[dict[str, Any]] = field(default_factory=list)  # files that failed to ingest
    files: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """Error-level findings over all documents reported."""
        return sum(d["findings"]["error"] for d in self.documents)

    @property
    def strict_ok(self) -> bool:
        """What ``--strict`` asks: no error-level finding and no file that failed to load."""
        return self.errors == 0 and not self.failures


def _write(path: Path, text: str) -> None:
    """Write atomically: a reader never sees half a report."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; reports are for sharing
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _thumbnails(rep: dict[str, Any]) -> dict[int, str]:
    """One crop per group of findings (its first located finding: the action's row, or the whole
    page a page-level finding names), for PDFs whose file is at hand.  Keyed by the group's
    index."""
    doc = rep["document"]
    thumbs = Thumbnailer(doc.get("path"), doc.get("format"))
    out: dict[int, str] = {}
    if not thumbs.available:
        return out
    cache: dict[tuple, str | None] = {}
    try:
        for g, group in enumerate(rep["groups"]):
            located = [
                rep["findings"][i]
                for i in group["findings"]
                if rep["findings"][i]["page"] is not None
            ]
            if not located:
                continue
            f = next((x for x in located if x["bbox"]), located[0])
            key = (f["page"], tuple(f["bbox"] or ()))
            if key not in cache:
                cache[key] = thumbs.png_base64(f["page"], f["bbox"])
            png = cache[key]
            if png:
                out[g] = png
    finally:
        thumbs.close()
    return out


def browse_url(database: Database, doc_id: str, port: int = 8001) -> str | None:
    """Where ``actionplans serve`` (default port) shows this document's actions, faceted; None in
    memory."""
    if database.path == ":memory:":
        return None
    return (
        f"http://127.0.0.1:{port}/{quote(Path(database.path).stem)}/actions?doc_id={quote(doc_id)}"
    )


def report(
    db: str | Path | Database | None = None,
    doc: list[str] | tuple[str, ...] | str | None = None,
    out: str | Path = "data/clean/reports",
    strict: bool = False,
) -> ReportResult:
    """Write validation reports for ``doc`` (default: every document) into ``out``
    (``actionplans report``).

    Returns a :class:`ReportResult`; with ``strict=True`` its ``strict_ok`` decides the CLI's exit
    code (the reports are written either way).
    """
    del strict  # the reports are the same; the caller judges ``strict_ok`` (kept for CLI symmetry)
    database = db if isinstance(db, Database) else Database(existing_database(db), read_only=True)
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    generated_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    result = ReportResult(out=out_dir)
    try:
        known = document_ids(database)
        wanted = [doc] if isinstance(doc, str) else list(doc or [])
        unknown = [d for d in wanted if d not in known]
        if unknown:
            raise ReportError(
                f"no document {', '.join(map(repr, unknown))} in {getattr(database, 'path', db)}; "
                f"loaded: {', '.join(known) or 'none'}"
            )
        failures = ingest_failures(database) if not wanted else []
        reports = []
        for doc_id in wanted or known:
            rep = document_report(database, doc_id, generated_at)
            stem = file_stem(doc_id)
            _write(out_dir / f"{stem}.json", json.dumps(rep, ensure_ascii=False, indent=2) + "\n")
            _write(
                out_dir / f"{stem}.html",
                document_html(rep, _thumbnails(rep), browse_url(database, doc_id)),
            )
            result.files += [out_dir / f"{stem}.json", out_dir / f"{stem}.html"]
            reports.append(rep)
            result.documents.append({"doc_id": doc_id, **rep["summary"]})
        # least trusted first
        reports.sort(key=lambda r: (*rank_key(r["summary"]), r["document"]["doc_id"]))
        result.failures = [failure_report(f, generated_at) for f in failures]
        generator = reports[0]["generator"] if reports else "actionplans"
        index = {
            "schema_version": SCHEMA_VERSION,
            "generated_at": generated_at,
            "documents": [
                {
                    "doc_id": r["document"]["doc_id"],
                    "council": r["document"]["council"],
                    "title": r["document"]["title"],
                    "edition": r["document"]["edition"],
                    "format": r["document"]["format"],
                    "report": f"{file_stem(r['document']['doc_id'])}.html",
                    **r["summary"],
                }
                for r in reports
            ],
            "failures": result.failures,
        }
        _write(out_dir / "index.json", json.dumps(index, ensure_ascii=False, indent=2) + "\n")
        _write(
            out_dir / "index.html", index_html(reports, result.failures, generated_at, generator)
        )
        result.files += [out_dir / "index.json", out_dir / "index.html"]
    finally:
        if not isinstance(db, Database):
            database.close()
    return result
