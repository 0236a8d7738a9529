"""Extract stage: read action tables out of a source file into raw rows.

>>> from actionplans.extract import read_document
>>> doc = read_document("data/raw/seeds/000_c9542ef99ac075f4.txt")  # doctest: +SKIP
>>> doc.format
'tsv'
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from .detect import decode_text, sniff, text_layout
from .errors import BadPDF, EmptyFile, ExtractError, NoActionTable, UnsupportedFormat
from .pages import read_pdf
from .records import Note, RawCell, RawDocument, RawRow, RawTable
from .text import read_markdown, read_prose, read_tsv

__all__ = [
    "read_document",
    "read_pdf",
    "check_readable",
    "current_extractor_version",
    "file_sha256",
    "RawCell",
    "RawRow",
    "RawTable",
    "RawDocument",
    "Note",
    "ExtractError",
    "EmptyFile",
    "UnsupportedFormat",
    "NoActionTable",
    "BadPDF",
]

VERSION = "0.1.0"  # of the text readers; bump when their output changes


def current_extractor_version(extractor: str) -> str | None:
    """The version this install would record for a reader (``pdf@0.1.0`` -> the PDF reader's version
    now)."""
    reader = extractor.split("@", 1)[0]
    if reader.startswith("text-"):
        return VERSION
    if reader.startswith("pdf"):
        try:
            from .pdf import VERSION as PDF_VERSION  # noqa: PLC0415
        except ImportError:
            return None
        return PDF_VERSION
    return None


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_readable(path: str | Path) -> str:
    """Fail early, with a one-line reason, on files that are no PDF or text dump; return the kind.

    Only the first 64 KiB are read: enough to see a PDF header, a zip or
    image signature, NUL bytes or undecodable text.
    """
    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
        more = bool(fh.read(1))
    if not head.strip() and more:
        head = b"?"  # whitespace-only start of a large file: let the reader decide
    kind = sniff(head, str(path))
    if kind == "text" and not more:
        decode_text(head, str(path))
    return kind


def read_document(
    path: str | Path,
    prose_item_pattern: str | None = None,
    progress: bool | Callable[[int, int | None], None] = False,
    **pdf_options,
) -> RawDocument:
    """Read one file (PDF or text dump) into a :class:`RawDocument`.

    ``prose_item_pattern`` is the layout profile's pattern for documents
    without a table.  ``progress`` is True for a page progress bar, or a
    callable ``(page, pages)`` called as each PDF page is read.  Raises an :class:`ExtractError`
    subclass with a one-line message naming the file when it cannot be read.
    """
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise UnsupportedFormat(f"{name}: is a directory, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractError(f"{name}: cannot read file ({exc.strerror})") from None
    sha = hashlib.sha256(data).hexdigest()
    kind = sniff(data, name)
    if kind == "pdf":
        return read_pdf(path, data=data, sha256=sha, progress=progress, **pdf_options)
    text, encoding = decode_text(data, name)
    layout = text_layout(text)
    if layout == "markdown":
        tables = read_markdown(text)
    elif layout == "tsv":
        tables = read_tsv(text)
    else:
        tables = read_prose(text, prose_item_pattern)
    if not tables:
        raise NoActionTable(
            f"{name}: no action table found (no pipe or tab-separated rows"
            + (", and no items matched the profile's prose pattern)" if prose_item_pattern else ")")
        )
    return RawDocument(
        path=name,
        sha256=sha,
        format=layout,
        extractor=f"text-{layout}@{VERSION}",
        tables=tables,
        pages=None,
        encoding=encoding,
        text=text,
    )
