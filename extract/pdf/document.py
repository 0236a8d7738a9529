"""A whole PDF: open it safely, read its pages one at a time (or in parallel), stitch tables.

Pages are read independently (so that ``jobs`` processes can share them)
and closed as soon as they are read, so memory stays flat however long the
document.  Stitching then walks the pages in order: a table fragment at the
top of a page with the same columns as the one that ended the previous page
continues it; lines repeated on many pages (running headers, footers, page
numbers) are page furniture and never become context.
"""

from __future__ import annotations

import io
import re
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..errors import DamagedPDF, EmptyPDF, EncryptedPDF, ExtractError, NoActionTable
from ..records import Note, RawDocument, RawRow, RawTable
from .damage import OVERSIZED, content_damage, reference_cycle
from .objects import forget
from .page import read_page
from .records import Fragment, FreeLine, PageResult
from .stream import HeaderTest

VERSION = "0.3.0"
_SHORT = 100  # page furniture is a short line
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.I)


def _open(source, name: str, password: str | None):
    import pdfplumber  # noqa: PLC0415
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect  # noqa: PLC0415
    from pdfplumber.utils.exceptions import PdfminerException  # noqa: PLC0415

    try:
        try:
            pdf = pdfplumber.open(source, password=password or "")
            n = len(pdf.pages)
        except PdfminerException as exc:  # pdfplumber wraps pdfminer's own errors
            inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__context__
            raise inner or exc from None
    except PDFPasswordIncorrect:
        raise EncryptedPDF(
            f"{name}: encrypted: needs --password" if not password else f"{name}: encrypted: the password is wrong"
        ) from None
    except PDFEncryptionError as exc:
        raise EncryptedPDF(f"{name}: encrypted with an unsupported scheme ({exc})") from None
    except RecursionError:
        raise DamagedPDF(f"{name}: damaged PDF, its page tree or objects are nested too deeply to read") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for damaged files
        raise DamagedPDF(f"{name}: damaged or truncated PDF, cannot be parsed ({_short(exc)})") from None
    if n == 0:
        pdf.close()
        raise EmptyPDF(f"{name}: PDF has no pages (truncated or empty document)")
    return pdf, n


def _rebuild(data: bytes, password: str | None) -> bytes | None:
    """The PDF rewritten by pypdfium2 (PDFium recovers broken cross-reference tables), or None.

    pdfplumber reads a PDF whose xref offsets are wrong as having no pages;
    PDFium rebuilds the table by scanning the objects.  Saving its copy gives
    pdfplumber a well-formed file with the same pages.
    """
    try:
        import pypdfium2 as pdfium  # noqa: PLC0415

        doc = pdfium.PdfDocument(data, password=password)
        try:
            if len(doc) == 0:
                return None
            buf = io.BytesIO()
            doc.save(buf)
            return buf.getvalue()
        finally:
            doc.close()
    except Exception:  # noqa: BLE001 - PDFium could not recover it either
        return None


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    return text[:120]


def _read_range(source, name: str, password: str | None, numbers: list[int],
                header_test: HeaderTest | None, carry: list[float] | None = None, ocr: str = "auto") -> list[PageResult]:
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    pdf, _ = _open(source, name, password)
    out = []
    try:
        for number in numbers:
            out.append(_read_one(pdf, number, header_test, carry, ocr))
    finally:
        pdf.close()
    return out


def _read_one(pdf, number: int, header_test, carry, ocr: str = "auto", prefetch=None,
              damaged: dict[int, str] | None = None) -> PageResult:
    """Read page ``number``; ``damaged``: pages whose drawing instructions are damaged, checked
    beforehand (once a page is read its streams are decoded and can no longer be checked)."""
    try:
        page = pdf.pages[number - 1]
    except Exception as exc:  # noqa: BLE001
        result = PageResult(number, 0.0)
        result.notes.append(Note(number, "damaged_page", f"page cannot be read ({_short(exc)})"))
        return result
    # before reading: pdfminer would decode what it can of a damaged stream without a word
    damage = damaged.get(number) if damaged is not None else content_damage(page)
    try:
        if ocr != "never":  # issue 7: pages without a usable text layer are read by OCR
            from ..ocr import needs_ocr, read_scanned_page  # noqa: PLC0415

            # a page the prefetcher analysed was already found to need OCR
            analysis = prefetch.take(number) if prefetch is not None else None
            if analysis is not None or needs_ocr(page, ocr):
                scanned = read_scanned_page(page, number, header_test, carry, analysis=analysis)
                return _noted(scanned, damage)
        return _noted(read_page(page, number, header_test, carry), damage)
    except ExtractError:
        raise  # OCR engine missing: one line for the whole file
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop the document
        result = PageResult(number, float(page.height or 0))
        result.notes.append(Note(number, "damaged_page", f"page cannot be read ({_short(exc)})"))
        return result
    finally:
        forget(page)
        page.close()


def _damaged_pages(pdf, n: int) -> dict[int, str]:
    """Page number -> why its content stream is damaged, for every page (see :mod:`.damage`)."""
    out = {}
    for number in range(1, n + 1):
        try:
            why = content_damage(pdf.pages[number - 1])
        except Exception:  # noqa: BLE001 - a page that cannot be had is reported when it is read
            why = None
        if why:
            out[number] = why
    return out


def _noted(result: PageResult, damage: str | None) -> PageResult:
    """The page's result with a note when its drawing instructions were damaged (issue 18)."""
    if damage and not any(note.check == "damaged_page" for note in result.notes):
        result.notes.append(Note(result.number, "damaged_page",
                             f"{damage}: what the page draws after the damage is lost, so rows of it may be missing"))
    return result


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
    from tqdm import tqdm  # noqa: PLC0415

    name = str(path)
    if data is None:
        data = Path(path).read_bytes()
    if sha256 is None:
        import hashlib  # noqa: PLC0415

        sha256 = hashlib.sha256(data).hexdigest()
    loop = reference_cycle(data, password)  # pdfminer would follow it until the time limit (issue 18)
    if loop:
        raise DamagedPDF(f"{name}: damaged PDF: {loop}; not read (a reader would follow them for ever)")
    recovered: Note | None = None
    try:
        pdf, n = _open(io.BytesIO(data), name, password)
    except (DamagedPDF, EmptyPDF) as exc:
        rebuilt = _rebuild(data, password)
        if rebuilt is None:
            raise
        try:
            pdf, n = _open(io.BytesIO(rebuilt), name, password)
        except (DamagedPDF, EmptyPDF):
            raise exc from None
        reason = str(exc)[len(name) + 2:] if str(exc).startswith(name + ": ") else str(exc)
        recovered = Note(None, "recovered", f"pdfplumber could not read it ({reason}); "
                                       f"pypdfium2 rebuilt its structure, {n} pages read from that copy")
        data = rebuilt
    bar = tqdm(total=n, desc=Path(name).name[:30], unit="page", file=sys.stderr, leave=False,
               disable=progress is not True or None)
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
                futures = [pool.submit(_read_range, data, name, password, c, header_test, None, ocr) for c in chunks]
                for fut in futures:
                    got = fut.result()
                    results.extend(got)
                    tick(len(got))
            results.sort(key=lambda r: r.number)
            pdf, _ = _open(io.BytesIO(data), name, password)
        else:
            damaged = _damaged_pages(pdf, n)  # before the prefetcher decodes pages ahead of the reader
            bombs = [(p, why) for p, why in damaged.items() if OVERSIZED in why]
            if bombs:
                raise DamagedPDF(f"{name}: page {bombs[0][0]}: {bombs[0][1]}; not read")
            prefetch = _prefetch(pdf, ocr, ocr_pages)
            try:
                for number in range(1, n + 1):
                    if prefetch is not None:
                        prefetch.advance(number)
                    results.append(_read_one(pdf, number, header_test, _carry(results), ocr, prefetch, damaged))
                    tick(1)
            finally:
                if prefetch is not None:
                    prefetch.close()
        # pages without a header of their own that follow a whitespace table: read again with its columns
        for k in range(1, len(results)):
            here = results[k]
            carry = _carry(results[:k])
            if carry and not here.has_header and not any(isinstance(it, Fragment) for it in here.items):
                again = _read_one(pdf, here.number, header_test, carry, ocr, damaged={})
                again.notes += [note for note in here.notes if note.check == "damaged_page" and note not in again.notes]
                results[k] = again
    finally:
        bar.close()
        pdf.close()
    doc = _assemble(name, sha256, results, header_test)
    if recovered:
        doc.notes.insert(0, recovered)
    return doc


def _prefetch(pdf, ocr: str, pages: int | None = None):
    """Scanned pages OCRed ahead of the reader (``pages`` at once), or None when OCR is off."""
    if ocr == "never":
        return None
    from ..ocr import needs_ocr  # noqa: PLC0415
    from ..ocr.page import PAGES_AT_ONCE, PagePrefetch  # noqa: PLC0415

    pages = pages or PAGES_AT_ONCE
    if pages < 2:
        return None
    return PagePrefetch(pdf, lambda page: needs_ocr(page, ocr), pages)


def _carry(results: list[PageResult]) -> list[float] | None:
    """The columns of a whitespace table that ended the previous page, for a page without a header."""
    frags = [it for it in results[-1].items if isinstance(it, Fragment)] if results else []
    if not frags or frags[-1].kind != "stream" or frags[-1].bbox[3] < 0.6 * results[-1].height:
        return None  # no whitespace table running off the bottom of the page
    return frags[-1].bounds


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _same_columns(a: list[float], b: list[float], tol: float = 4.0) -> bool:
    if len(a) != len(b):
        return False
    return sum(abs(x - y) <= tol for x, y in zip(a, b, strict=False)) >= 0.8 * len(a)


def _similar(a: list[float], b: list[float], tol: float = 6.0) -> bool:
    """Same columns, or the same table with a column or two gone (the RAG column on later pages)."""
    if _same_columns(a, b):
        return True
    return abs(a[0] - b[0]) <= tol and abs(a[-1] - b[-1]) <= tol and abs(len(a) - len(b)) <= 2


def _assemble(name: str, sha256: str, results: list[PageResult], header_test) -> RawDocument:
    n = len(results)
    counts: Counter[str] = Counter()
    for res in results:
        keys = {_furniture_key(it.text) for it in res.items if isinstance(it, FreeLine)}
        for frag in (it for it in res.items if isinstance(it, Fragment)):
            # a footer read as the last row of a whitespace table, a running header as its first
            keys |= {_furniture_key(t) for t in frag.text_lines[-2:] + frag.text_lines[:1] if len(t) <= _SHORT}
        counts.update(keys)
    threshold = max(3, n // 2)
    furniture = {k for k, c in counts.items() if c >= threshold}

    tables: list[RawTable] = []
    notes: list[Note] = []
    text_parts: list[str] = []
    context: list[str] = []
    last: Fragment | None = None
    last_page = 0
    rejected: list[tuple[int, str]] = []
    no_text = [r.number for r in results if any(n.check in ("no_text_layer", "ocr_unreadable") for n in r.notes)]
    ocr_ran = any(n.check == "ocr_unreadable" for r in results for n in r.notes)
    for res in results:
        notes.extend(res.notes)
        first_on_page = True
        for item in res.items:
            if isinstance(item, FreeLine):
                text_parts.append(item.text)
                key = _furniture_key(item.text)
                if key in furniture or _PAGE_NUMBER.match(item.text.strip()):
                    continue
                context.append(item.text)
                continue
            frag = item
            text_parts.extend(frag.text_lines)
            same_table = last is not None and (
                # runs on from the bottom of the previous page (a column may vanish there) ...
                (first_on_page and last_page == res.number - 1 and _similar(frag.bounds, last.bounds))
                # ... or a header drawn as a grid of its own right above its body
                or (last_page == res.number and not context and _same_columns(frag.bounds, last.bounds))
            )
            continues = same_table and not context
            if frag.header_row is None and not same_table:
                header_like = " | ".join(c.text for c in frag.rows[0] if c.text)[:80]
                rejected.append((res.number, header_like))
                context.extend(frag.text_lines)
                continue
            start = frag.header_row or 0
            if start > 1 and not same_table:
                context.extend(frag.text_lines[: start - 1])  # a title row drawn inside the grid
            rows, boxes = frag.rows[start:], frag.row_boxes[start:]  # the row above a header is its upper level
            if continues and tables:
                table = tables[-1]
            else:
                table = RawTable(index=len(tables), rows=[], context=tuple(context), page=res.number)
                tables.append(table)
            context = []
            for k, (cells, box) in enumerate(zip(rows, boxes, strict=False)):
                text = " ".join(c.text for c in cells if c.text)
                edge = k >= len(rows) - 2 or (k == 0 and start == 0)
                if k and edge and len(text) <= _SHORT and _furniture_key(text) in furniture:
                    continue  # a running header or footer read as a row of a whitespace table
                table.rows.append(RawRow(tuple(cells), table.index, len(table.rows), page=res.number, bbox=box))
            last, last_page = frag, res.number
            first_on_page = False
    if not tables:
        damaged = [note for note in notes if note.check == "damaged_page"]
        if damaged and len(damaged) == n:
            raise DamagedPDF(f"{name}: damaged PDF: none of its {n} pages can be read (page {damaged[0].page}: {damaged[0].message})")
        if no_text and len(no_text) == n:
            which = "page 1 has" if n == 1 else f"pages 1-{n} have"
            why = "OCR found no text in them" if ocr_ran else "OCR is off (--ocr never)"
            raise NoActionTable(f"{name}: {which} no text layer (images only: a scanned PDF?); {why}")
        if rejected:
            page, header = rejected[0]
            raise NoActionTable(
                f"{name}: no action table found: {len(rejected)} table(s) but none has a header the profile knows "
                f"(page {page}: {header!r}); add its column names to the profile's synonyms"
            )
        fine = [note for note in notes if note.check == "grid_too_fine"]
        if fine:
            raise NoActionTable(f"{name}: no action table found on any of its {n} pages (page {fine[0].page}: {fine[0].message})")
        raise NoActionTable(f"{name}: no action table found on any of its {n} pages")
    for page, header in rejected:
        if header_test is not None:
            notes.append(Note(page, "unknown_table", f"a table with no known header was left out ({header!r})"))
    return RawDocument(
        path=name, sha256=sha256, format="pdf", extractor=f"pdf@{VERSION}", tables=tables,
        pages=n, text="\n".join(text_parts), notes=notes,
    )
