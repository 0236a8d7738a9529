"""The per-page dispatcher: a PDF read page by page, each page by the reader that fits it.

A page with a usable text layer is read from it (:mod:`.pdf`); a page without
one (a scan) is read by OCR (:mod:`.ocr`).  The two readers meet only here,
through their public names: ``pdf/`` knows nothing of OCR, and ``ocr/`` uses
``pdf/``'s page layout (words and rules into table fragments) but not its
document walk (the contract is in ``.importlinter``).

Pages are read independently (so that ``jobs`` processes can share them) and
closed as soon as they are read, so memory stays flat however long the
document; :func:`.pdf.document.assemble` then stitches their tables.
"""

from __future__ import annotations

import hashlib
import io
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from tqdm import tqdm

from .errors import DamagedPDF, EmptyPDF, ExtractError
from .ocr import PAGES_AT_ONCE, PagePrefetch, image_cover, needs_ocr, read_scanned_page
from .pdf.damage import OVERSIZED, content_damage, reference_cycle
from .pdf.document import (
    assemble,
    carry_columns,
    damaged_pages,
    noted,
    open_pdf,
    rebuild,
    short_reason,
)
from .pdf.objects import forget, page_objects
from .pdf.page import read_page
from .pdf.records import Fragment, PageResult
from .pdf.stream import HeaderTest
from .records import Note, RawDocument

__all__ = ["read_pdf"]


def _read_range(
    source,
    name: str,
    password: str | None,
    numbers: list[int],
    header_test: HeaderTest | None,
    carry: list[float] | None = None,
    ocr: str = "auto",
) -> list[PageResult]:
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    pdf, _ = open_pdf(source, name, password)
    out = []
    try:
        for number in numbers:
            out.append(_read_one(pdf, number, header_test, carry, ocr))
    finally:
        pdf.close()
    return out


def _read_one(
    pdf,
    number: int,
    header_test,
    carry,
    ocr: str = "auto",
    prefetch=None,
    damaged: dict[int, str] | None = None,
) -> PageResult:
    """Read page ``number``; ``damaged``: pages whose drawing instructions are damaged, checked
    beforehand (once a page is read its streams are decoded and can no longer be checked)."""
    try:
        page = pdf.pages[number - 1]
    except Exception as exc:  # noqa: BLE001
        result = PageResult(number, 0.0)
        result.notes.append(
            Note(number, "damaged_page", f"page cannot be read ({short_reason(exc)})")
        )
        return result
    # before reading: pdfminer would decode what it can of a damaged stream without a word
    damage = damaged.get(number) if damaged is not None else content_damage(page)
    try:
        if ocr != "never":  # issue 7: pages without a usable text layer are read by OCR
            # a page the prefetcher analysed was already found to need OCR
            analysis = prefetch.take(number) if prefetch is not None else None
            if analysis is not None or needs_ocr(page, ocr):
                scanned = read_scanned_page(page, number, header_test, carry, analysis=analysis)
                return noted(scanned, damage)
        return noted(read_page(page, number, header_test, carry), damage)
    except ExtractError:
        raise  # OCR engine missing: one line for the whole file
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop the document
        result = PageResult(number, float(page.height or 0))
        result.notes.append(
            Note(number, "damaged_page", f"page cannot be read ({short_reason(exc)})")
        )
        return result
    finally:
        forget(page)
        page.close()


def read_pdf(
    path: str | Path,
    data: bytes | None = None,
    sha256: str | None = None,
    progress=False,
    header_test: HeaderTest | None = None,
    jobs: int = 1,
    password: str | None = None,
    ocr: str = "auto",
    ocr_pages: int | None = None,
    **_ignored,
) -> RawDocument:
    """Read the action tables of a born-digital PDF into a :class:`RawDocument`.

    ``header_test(texts) -> bool`` says whether a row of cell texts is a table
    header (the layout profile's synonyms); tables without one that do not
    continue a table are left out and their text becomes context.  ``jobs``
    reads pages in that many processes.  ``progress`` is True for a tqdm bar
    on stderr, or a callable ``(page, pages)`` called as each page is read.
    ``ocr``: ``auto`` reads pages without a usable text layer by OCR,
    ``always`` OCRs every page, ``never`` none (see :mod:`actionplans.extract.ocr`);
    ``ocr_pages`` scanned pages are OCRed at once (default two).
    """
    name = str(path)
    if data is None:
        data = Path(path).read_bytes()
    if sha256 is None:
        sha256 = hashlib.sha256(data).hexdigest()
    # pdfminer would follow it until the time limit (issue 18)
    loop = reference_cycle(data, password)
    if loop:
        raise DamagedPDF(
            f"{name}: damaged PDF: {loop}; not read (a reader would follow them for ever)"
        )
    recovered: Note | None = None
    try:
        pdf, n = open_pdf(io.BytesIO(data), name, password)
    except (DamagedPDF, EmptyPDF) as exc:
        rebuilt = rebuild(data, password)
        if rebuilt is None:
            raise
        try:
            pdf, n = open_pdf(io.BytesIO(rebuilt), name, password)
        except (DamagedPDF, EmptyPDF):
            raise exc from None
        reason = str(exc)[len(name) + 2 :] if str(exc).startswith(name + ": ") else str(exc)
        recovered = Note(
            None,
            "recovered",
            f"pdfplumber could not read it ({reason}); "
            f"pypdfium2 rebuilt its structure, {n} pages read from that copy",
        )
        data = rebuilt
    bar = tqdm(
        total=n,
        desc=Path(name).name[:30],
        unit="page",
        file=sys.stderr,
        leave=False,
        disable=progress is not True or None,
    )
    report = progress if callable(progress) else None
    done = 0

    def tick(k: int) -> None:
        nonlocal done
        done += k
        bar.update(k)
        if report is not None:
            report(done, n)

    results: list[PageResult] = []
    try:
        if jobs and jobs > 1 and n > 1:
            jobs = min(jobs, n)
            pdf.close()
            chunks = [list(range(i + 1, n + 1, jobs)) for i in range(jobs)]
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = [
                    pool.submit(_read_range, data, name, password, c, header_test, None, ocr)
                    for c in chunks
                ]
                for fut in futures:
                    got = fut.result()
                    results.extend(got)
                    tick(len(got))
            results.sort(key=lambda r: r.number)
            pdf, _ = open_pdf(io.BytesIO(data), name, password)
        else:
            # before the prefetcher decodes pages ahead of the reader
            damaged = damaged_pages(pdf, n)
            bombs = [(p, why) for p, why in damaged.items() if OVERSIZED in why]
            if bombs:
                raise DamagedPDF(f"{name}: page {bombs[0][0]}: {bombs[0][1]}; not read")
            prefetch = _prefetch(pdf, ocr, ocr_pages)
            try:
                for number in range(1, n + 1):
                    if prefetch is not None:
                        prefetch.advance(number)
                    results.append(
                        _read_one(
                            pdf, number, header_test, carry_columns(results), ocr, prefetch, damaged
                        )
                    )
                    tick(1)
            finally:
                if prefetch is not None:
                    prefetch.close()
        # pages without a header of their own that follow a whitespace table: read again with its
        # columns
        for k in range(1, len(results)):
            here = results[k]
            carry = carry_columns(results[:k])
            if (
                carry
                and not here.has_header
                and not any(isinstance(it, Fragment) for it in here.items)
            ):
                again = _read_one(pdf, here.number, header_test, carry, ocr, damaged={})
                again.notes += [
                    note
                    for note in here.notes
                    if note.check == "damaged_page" and note not in again.notes
                ]
                results[k] = again
        if ocr == "auto":
            _read_pictured_tables(pdf, results, header_test)
    finally:
        bar.close()
        pdf.close()
    doc = assemble(name, sha256, results, header_test)
    if recovered:
        doc.notes.insert(0, recovered)
    return doc


# share of a page its images must cover for the page to be read again by OCR: a table pasted as
# a picture fills half a page or more; a logo, a photo strip or a chart beside text seldom fills a
# quarter
PICTURE_COVER = 0.25
# in a document that gave tables from its text, a picture is read again only when it is mostly
# paper, as a screenshot of a table or a document is (a cover photograph is not: it would cost a
# page of OCR for nothing)
PICTURE_PAPER = 0.5


def _read_pictured_tables(pdf, results: list[PageResult], header_test) -> None:
    """Tables pasted in as pictures (a screenshot of a spreadsheet in a report): a page read from
    its text layer that carries a large image and gave no table is read again by OCR, the whole
    page rendered; its OCR reading is kept where it finds a table (in place).

    When no page of the document gave a table, every such page is read again.  When others did
    (a report with one table in its text and another pasted as a picture), only pages with no
    table rows of their own whose pictures are mostly paper are."""
    tables_elsewhere = any(r.has_header for r in results)
    for k, result in enumerate(results):
        if tables_elsewhere and (
            result.has_header or any(isinstance(it, Fragment) for it in result.items)
        ):
            continue
        if not _pictured(pdf, result.number, papery=tables_elsewhere):
            continue
        again = _read_one(
            pdf, result.number, header_test, carry_columns(results[:k]), "always", damaged={}
        )
        if again.has_header:
            again.notes.append(
                Note(
                    result.number,
                    "table_in_image",
                    "the page's table is a picture (no table in its text): read by OCR",
                )
            )
            results[k] = again


def _pictured(pdf, number: int, papery: bool = False) -> bool:
    """Whether page ``number`` is read from its text layer and its images cover
    ``PICTURE_COVER`` of it (and, if ``papery``, are mostly paper)."""
    try:
        page = pdf.pages[number - 1]
    except Exception:  # noqa: BLE001 - a page that cannot be opened was noted when read
        return False
    try:
        if image_cover(page) < PICTURE_COVER or needs_ocr(page, "auto"):
            return False
        return not papery or _paper_share(page) >= PICTURE_PAPER
    except Exception:  # noqa: BLE001 - nor one whose objects cannot be read
        return False
    finally:
        forget(page)


def _paper_share(page) -> float:
    """The share of the page's largest picture, rendered at 36 dpi, that is light (paper)."""
    image = max(
        page_objects(page).images, key=lambda i: (i["x1"] - i["x0"]) * (i["bottom"] - i["top"])
    )
    box = (
        max(0.0, float(image["x0"])),
        max(0.0, float(image["top"])),
        min(float(page.width), float(image["x1"])),
        min(float(page.height), float(image["bottom"])),
    )
    grey = np.asarray(page.crop(box).to_image(resolution=36).original.convert("L"))
    return float((grey > 200).mean()) if grey.size else 0.0


def _prefetch(pdf, ocr: str, pages: int | None = None):
    """Scanned pages OCRed ahead of the reader (``pages`` at once), or None when OCR is off."""
    if ocr == "never":
        return None
    pages = pages or PAGES_AT_ONCE
    if pages < 2:
        return None
    return PagePrefetch(pdf, lambda page: needs_ocr(page, ocr), pages)
