"""A whole PDF as a container: open it safely, find damaged pages, stitch the pages' tables.

Reading the pages themselves is not done here: :mod:`actionplans.extract.pages`
walks them and gives each to the reader that fits it (the text layer,
:mod:`.page`, or OCR), so this package never needs the OCR one.  Stitching
then walks the pages' results in order: a table fragment at the top of a page
with the same columns as the one that ended the previous page continues it;
lines repeated on many pages (running headers, footers, page numbers) are page
furniture and never become context.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from ..errors import DamagedPDF, EmptyPDF, EncryptedPDF, NoActionTable
from ..records import Note, RawCell, RawDocument, RawRow, RawTable
from .damage import content_damage
from .records import Fragment, FreeLine, PageResult

VERSION = "0.3.21"
_SHORT = 100  # page furniture is a short line
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.I)


def open_pdf(source, name: str, password: str | None):
    import pdfplumber  # noqa: PLC0415
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect  # noqa: PLC0415
    from pdfplumber.utils.exceptions import PdfminerException  # noqa: PLC0415

    try:
        try:
            pdf = pdfplumber.open(source, password=password or "")
            n = len(pdf.pages)
        except PdfminerException as exc:  # pdfplumber wraps pdfminer's own errors
            inner = (
                exc.args[0]
                if exc.args and isinstance(exc.args[0], BaseException)
                else exc.__context__
            )
            raise inner or exc from None
    except PDFPasswordIncorrect:
        raise EncryptedPDF(
            f"{name}: encrypted: needs --password"
            if not password
            else f"{name}: encrypted: the password is wrong"
        ) from None
    except PDFEncryptionError as exc:
        raise EncryptedPDF(f"{name}: encrypted with an unsupported scheme ({exc})") from None
    except RecursionError:
        raise DamagedPDF(
            f"{name}: damaged PDF, its page tree or objects are nested too deeply to read"
        ) from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for damaged files
        raise DamagedPDF(
            f"{name}: damaged or truncated PDF, cannot be parsed ({short_reason(exc)})"
        ) from None
    if n == 0:
        pdf.close()
        raise EmptyPDF(f"{name}: PDF has no pages (truncated or empty document)")
    return pdf, n


def rebuild(data: bytes, password: str | None) -> bytes | None:
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


def short_reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    return text[:120]


def damaged_pages(pdf, n: int) -> dict[int, str]:
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


def noted(result: PageResult, damage: str | None) -> PageResult:
    """The page's result with a note when its drawing instructions were damaged (issue 18)."""
    if damage and not any(note.check == "damaged_page" for note in result.notes):
        result.notes.append(
            Note(
                result.number,
                "damaged_page",
                f"{damage}: what the page draws after the damage is lost, so rows of it may be"
                " missing",
            )
        )
    return result


def carry_columns(results: list[PageResult]) -> list[float] | None:
    """The columns of a whitespace table that ended the previous page, for a page without a
    header."""
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


def _leading_columns(frag: list[float], table: list[float], tol: float = 4.0) -> bool:
    """Does a fragment have the table's first columns, its last ones perhaps gone or cut otherwise
    (a table's narrow Gantt columns, lost or cut one edge apart on rows under a section heading)?
    The edges from the left agree, at least four of them and half of the shorter list's."""
    agree = 0
    for x, y in zip(frag, table, strict=False):
        if abs(x - y) > tol:
            break
        agree += 1
    return agree >= 4 and agree >= 0.5 * min(len(frag), len(table))


def _section_heading(lines: list[str]) -> bool:
    """Free lines that read as a section heading inside a table ('Enabling', 'Buildings and
    Energy'): one or two short lines, no sentence."""
    return 0 < len(lines) <= 2 and all(
        0 < len(t.strip()) <= 60 and not t.strip().endswith((".", ":", ";")) for t in lines
    )


def assemble(name: str, sha256: str, results: list[PageResult], header_test) -> RawDocument:
    n = len(results)
    counts: Counter[str] = Counter()
    for res in results:
        keys = {_furniture_key(it.text) for it in res.items if isinstance(it, FreeLine)}
        for frag in (it for it in res.items if isinstance(it, Fragment)):
            # a footer read as the last row of a whitespace table, a running header as its first
            keys |= {
                _furniture_key(t)
                for t in frag.text_lines[-2:] + frag.text_lines[:1]
                if len(t) <= _SHORT
            }
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
    no_text = [
        r.number
        for r in results
        if any(n.check in ("no_text_layer", "ocr_unreadable") for n in r.notes)
    ]
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
                (
                    first_on_page
                    and last_page == res.number - 1
                    and _similar(frag.bounds, last.bounds)
                )
                # ... or a header drawn as a grid of its own right above its body
                or (
                    last_page == res.number
                    and not context
                    and _same_columns(frag.bounds, last.bounds)
                )
            )
            # ... or rows with the table's columns under a section heading the grid did not hold
            # ('Enabling' between LCC.6 and LCC.7 on a scanned sheet): the heading is their row
            heading = (
                last is not None
                and not same_table
                and frag.header_row is None
                and last_page == res.number
                and _section_heading(context)
                and _leading_columns(frag.bounds, last.bounds)
            )
            if heading:  # (a fragment came before: `tables` holds its table)
                cells = [RawCell(" ".join(t.strip() for t in context))]
                cells += [RawCell("") for _ in range(len(frag.bounds) - 2)]
                table = tables[-1]
                table.rows.append(
                    RawRow(tuple(cells), table.index, len(table.rows), page=res.number)
                )
                context = []
                same_table = True
            continues = same_table and not context
            if frag.header_row is None and not same_table:
                header_like = " | ".join(c.text for c in frag.rows[0] if c.text)[:80]
                rejected.append((res.number, header_like))
                context.extend(frag.text_lines)
                continue
            start = frag.header_row or 0
            if start > 1 and not same_table:
                context.extend(frag.text_lines[: start - 1])  # a title row drawn inside the grid
            # the row above a header is its upper level
            rows, boxes = (
                frag.rows[start:],
                frag.row_boxes[start:],
            )
            if continues and tables:
                table = tables[-1]
            else:
                table = RawTable(
                    index=len(tables), rows=[], context=tuple(context), page=res.number
                )
                tables.append(table)
            context = []
            for k, (cells, box) in enumerate(zip(rows, boxes, strict=False)):
                text = " ".join(c.text for c in cells if c.text)
                edge = k >= len(rows) - 2 or (k == 0 and start == 0)
                if k and edge and len(text) <= _SHORT and _furniture_key(text) in furniture:
                    continue  # a running header or footer read as a row of a whitespace table
                table.rows.append(
                    RawRow(tuple(cells), table.index, len(table.rows), page=res.number, bbox=box)
                )
            last, last_page = frag, res.number
            first_on_page = False
    if not tables:
        damaged = [note for note in notes if note.check == "damaged_page"]
        if damaged and len(damaged) == n:
            raise DamagedPDF(
                f"{name}: damaged PDF: none of its {n} pages can be read (page {damaged[0].page}:"
                f" {damaged[0].message})"
            )
        if no_text and len(no_text) == n:
            which = "page 1 has" if n == 1 else f"pages 1-{n} have"
            why = "OCR found no text in them" if ocr_ran else "OCR is off (--ocr never)"
            raise NoActionTable(
                f"{name}: {which} no text layer (images only: a scanned PDF?); {why}"
            )
        if rejected:
            page, header = rejected[0]
            raise NoActionTable(
                f"{name}: no action table found: {len(rejected)} table(s) but none has a header the"
                f" profile knows (page {page}: {header!r}); add its column names to the profile's"
                " synonyms"
            )
        fine = [note for note in notes if note.check == "grid_too_fine"]
        if fine:
            raise NoActionTable(
                f"{name}: no action table found on any of its {n} pages (page {fine[0].page}:"
                f" {fine[0].message})"
            )
        raise NoActionTable(f"{name}: no action table found on any of its {n} pages")
    for page, header in rejected:
        if header_test is not None:
            notes.append(
                Note(
                    page, "unknown_table", f"a table with no known header was left out ({header!r})"
                )
            )
    return RawDocument(
        path=name,
        sha256=sha256,
        format="pdf",
        extractor=f"pdf@{VERSION}",
        tables=tables,
        pages=n,
        text="\n".join(text_parts),
        notes=notes,
    )
