"""Generate a corpus of broken and hostile files, one or more per family (issue 9).

    python bench/hostile/make_corpus.py OUT_DIR

Families: the usual (empty, random bytes, truncated at several points, byte
flips, encrypted, zero pages, blank page, no tables, huge and zero-size
pages) and the ones known to hurt PDF libraries (object cycles, a 200 x 200
ruled grid, 60,000 tiny coloured rects, a page tree 3,000 levels deep, a
wrong password, zeroed xref offsets, a page count that lies, streams that
inflate to hundreds of MB).  Everything is made here, deterministically.
"""

from __future__ import annotations

import io
import random
import sys
import zlib
from pathlib import Path


def _pdf(
    objects: list[bytes], root: int = 1, zero_xref: bool = False, trailer_extra: bytes = b""
) -> bytes:
    """Assemble a PDF from object bodies (object n is objects[n-1]) with a correct (or zeroed)
    xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % (0 if zero_xref else off))
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, root, trailer_extra, xref)
    )
    return out.getvalue()


def _stream(content: bytes, compress: bool = True, extra: bytes = b"") -> bytes:
    data = zlib.compress(content, 9) if compress else content
    filt = b"/Filter /FlateDecode " if compress else b""
    return b"<< /Length %d %s%s>>\nstream\n" % (len(data), filt, extra) + data + b"\nendstream"


def _page(
    contents_obj: int,
    parent: int = 2,
    media: bytes = b"[0 0 842 595]",
    resources: bytes = b"<< /Font << /F1 5 0 R >> >>",
) -> bytes:
    return b"<< /Type /Page /Parent %d 0 R /MediaBox %s /Contents %d 0 R /Resources %s >>" % (
        parent,
        media,
        contents_obj,
        resources,
    )


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def simple_pdf(
    content: bytes, media: bytes = b"[0 0 842 595]", count: int = 1, zero_xref: bool = False
) -> bytes:
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
            _page(4, media=media),
            _stream(content),
            FONT,
        ],
        zero_xref=zero_xref,
    )


TEXT_PAGE = b"BT /F1 12 Tf 72 500 Td (Annual report: no action table on this page.) Tj ET"


def grid_content(n: int) -> bytes:
    ops = [b"0.5 w"]
    for i in range(n + 1):
        ops.append(b"20 %.2f m 820 %.2f l S" % (20 + i * 2.7, 20 + i * 2.7))
        ops.append(b"%.2f 20 m %.2f 560 l S" % (20 + i * 4.0, 20 + i * 4.0))
    for r in range(0, n, 7):
        for c in range(0, n, 9):
            ops.append(b"BT /F1 2 Tf %.2f %.2f Td (x) Tj ET" % (21 + c * 4.0, 21 + r * 2.7))
    return b"\n".join(ops)


def rects_content(n: int) -> bytes:
    rng = random.Random(7)
    ops = []
    for i in range(n):
        ops.append(
            b"%.3f %.3f %.3f rg %.1f %.1f 2 2 re f"
            % (rng.random(), rng.random(), rng.random(), (i % 400) * 2.0, (i // 400) * 2.0)
        )
    return b"\n".join(ops)


def deep_tree(depth: int) -> bytes:
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        objs.append(
            b"<< /Type /Pages /Kids [%d 0 R] /Count 1 %s>>"
            % (level + 3, b"" if level == 0 else b"/Parent %d 0 R " % (level + 1))
        )
    page_no = depth + 2
    objs.append(_page(page_no + 1, parent=page_no - 1))
    objs.append(_stream(TEXT_PAGE))
    objs.append(FONT)
    # fix the font reference (object 5 in _page) to the real font object
    objs[page_no - 1] = objs[page_no - 1].replace(b"/F1 5 0 R", b"/F1 %d 0 R" % (page_no + 2))
    return _pdf(objs)


def cyclic_pages() -> bytes:
    # the page tree's Kids point back at the tree itself
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>",
        ]
    )


def cyclic_resources() -> bytes:
    # an XObject that draws itself
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _page(4, resources=b"<< /XObject << /X0 6 0 R >> /Font << /F1 5 0 R >> >>"),
            _stream(b"/X0 Do " + TEXT_PAGE),
            FONT,
            _stream(
                b"/X0 Do",
                compress=False,
                extra=(
                    b"/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject <<"
                    b" /X0 6 0 R >> >> "
                ),
            ),
        ]
    )


def reference_cycles() -> dict[str, bytes]:
    """Objects 6 and 7 that are only references to each other, used where a reader must resolve
    them: pdfminer follows such a chain for ever (issue 18)."""
    cycle = [b"7 0 R", b"6 0 R"]
    catalog, pages = (
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    )
    return {
        "ref-cycle-contents.pdf": _pdf(
            [catalog, pages, _page(6), _stream(TEXT_PAGE), FONT, *cycle]
        ),
        "ref-cycle-mediabox.pdf": _pdf(
            [catalog, pages, _page(4, media=b"6 0 R"), _stream(TEXT_PAGE), FONT, *cycle]
        ),
        "ref-cycle-pages.pdf": _pdf(
            [
                b"<< /Type /Catalog /Pages 6 0 R >>",
                pages,
                _page(4),
                _stream(TEXT_PAGE),
                FONT,
                *cycle,
            ]
        ),
        "ref-cycle-font.pdf": _pdf(
            [
                catalog,
                pages,
                _page(4, resources=b"<< /Font << /F1 6 0 R >> >>"),
                _stream(TEXT_PAGE),
                FONT,
                *cycle,
            ]
        ),
    }


def inflate_bomb(mb: int) -> bytes:
    comp = zlib.compressobj(9)
    chunk = b"0 0 m " * 10000
    data = (
        b"".join(comp.compress(chunk) for _ in range(mb * 1_000_000 // len(chunk))) + comp.flush()
    )
    body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _page(4),
            body,
            FONT,
        ]
    )


def image_bomb(side: int) -> bytes:
    raw = zlib.compress(b"\x00" * (side * side), 9)
    img = (
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Length %d /Filter /FlateDecode >>\nstream\n"
        % (side, side, len(raw))
        + raw
        + b"\nendstream"
    )
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _page(4, resources=b"<< /XObject << /Im0 6 0 R >> /Font << /F1 5 0 R >> >>"),
            _stream(b"q 800 0 0 550 20 20 cm /Im0 Do Q"),
            FONT,
            img,
        ]
    )


def encrypted(user: str, owner: str) -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption(user, ownerPassword=owner, canPrint=1)
    c = canvas.Canvas(buf, encrypt=enc)
    c.drawString(72, 720, "Action ID   Action   Timescale")
    c.drawString(72, 700, "T1   Encrypted action text   S")
    c.showPage()
    c.save()
    return buf.getvalue()


def good_table_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate, Table

    buf = io.BytesIO()
    rows = [["Action ID", "Action", "Timescales"]] + [
        [f"T{i}", f"Deliver action number {i} of the plan.", "S"] for i in range(1, 30)
    ]
    doc = SimpleDocTemplate(buf, pagesize=landscape(A4))
    doc.build([Table(rows, style=[("GRID", (0, 0), (-1, -1), 0.5, "black")], repeatRows=1)])
    return buf.getvalue()


def long_table_pdf(rows: int = 120) -> bytes:
    """A ruled table over several pages, its streams Flate-compressed only (as most producers write
    them)."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate, Table

    buf = io.BytesIO()
    table = [["Action ID", "Action", "Timescales"]] + [
        [f"T{i}", f"Deliver action number {i} of the plan.", "S"] for i in range(1, rows + 1)
    ]
    saved, rl_config.useA85 = rl_config.useA85, 0
    try:
        doc = SimpleDocTemplate(buf, pagesize=landscape(A4))
        doc.build([Table(table, style=[("GRID", (0, 0), (-1, -1), 0.5, "black")], repeatRows=1)])
    finally:
        rl_config.useA85 = saved
    return buf.getvalue()


def zero_xref_offsets(pdf: bytes) -> bytes:
    """The same PDF with every cross-reference offset zeroed: recoverable by a library that
    rescans."""
    import re

    return re.sub(rb"\d{10} (\d{5}) n", lambda m: b"0000000000 " + m.group(1) + b" n", pdf)


def families(bomb_mb: int = 300) -> dict[str, bytes]:
    rng = random.Random(2024)
    good = good_table_pdf()
    files: dict[str, bytes] = {
        "empty.pdf": b"",
        "random-bytes.pdf": bytes(rng.getrandbits(8) for _ in range(20_000)),
        "random-bytes-with-header.pdf": (
            b"%PDF-1.4\n" + bytes(rng.getrandbits(8) for _ in range(20_000))
        ),
        "zip-named-pdf.pdf": b"PK\x03\x04" + bytes(200),
        "html-named-pdf.pdf": b"<html><body>Not found</body></html>",
        "zero-pages.pdf": _pdf(
            [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
        ),
        "blank-page.pdf": simple_pdf(b""),
        "no-tables.pdf": simple_pdf(TEXT_PAGE),
        "huge-page.pdf": simple_pdf(TEXT_PAGE, media=b"[0 0 14400 14400]"),
        "zero-size-page.pdf": simple_pdf(TEXT_PAGE, media=b"[0 0 0 0]"),
        "count-lies.pdf": simple_pdf(TEXT_PAGE, count=1_000_000),
        "xref-zeroed.pdf": simple_pdf(TEXT_PAGE, zero_xref=True),
        "cycle-page-tree.pdf": cyclic_pages(),
        "cycle-xobject.pdf": cyclic_resources(),
        "deep-page-tree.pdf": deep_tree(3000),
        "grid-200x200.pdf": simple_pdf(grid_content(200)),
        "rects-60000.pdf": simple_pdf(rects_content(60_000)),
        f"inflate-bomb-{bomb_mb}mb.pdf": inflate_bomb(bomb_mb),
        "image-bomb-20000px.pdf": image_bomb(20_000),
        "encrypted-user-password.pdf": encrypted("secret", "owner"),
        "encrypted-owner-only.pdf": encrypted("", "owner"),
        "good-table.pdf": good,
        "good-table-xref-zeroed.pdf": zero_xref_offsets(good),
    }
    files.update(reference_cycles())
    long = long_table_pdf()
    files["damaged-streams.pdf"] = damage_content_streams(long, pages=(2, 3))
    files["damaged-streams-a85.pdf"] = damage_content_streams(good, pages=(1,))
    for frac in (0.1, 0.5, 0.9, 0.99):
        files[f"truncated-{int(frac * 100):02d}pct.pdf"] = good[: int(len(good) * frac)]
    for i in range(3):
        flipped = bytearray(good)
        for _ in range(40):
            pos = rng.randrange(len(flipped))
            flipped[pos] ^= 1 << rng.randrange(8)
        files[f"byte-flips-{i}.pdf"] = bytes(flipped)
    return files


def main(out_dir: str, bomb_mb: int = 300) -> Path:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = families(bomb_mb)
    for name, data in files.items():
        (out / name).write_bytes(data)
    print(f"{len(files)} files in {out}")
    return out


def damage_content_streams(
    pdf: bytes, pages: tuple[int, ...] = (2, 3), flips: int = 300, seed: int = 18
) -> bytes:
    """The same PDF with ``flips`` bytes overwritten inside the content stream of each of
    ``pages`` (1-based).

    The file still parses: only the compressed drawing instructions of those pages
    are damaged, so a reader sees those pages as empty or cut short (issue 18).
    """
    import re

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef

    doc = PDFDocument(PDFParser(io.BytesIO(pdf)))
    wanted = set()
    for number, page in enumerate(PDFPage.create_pages(doc), start=1):
        if number in pages:
            refs = page.attrs.get("Contents")
            refs = refs if isinstance(refs, list) else [refs]
            wanted |= {r.objid for r in refs if isinstance(r, PDFObjRef)}
    out = bytearray(pdf)
    rng = random.Random(seed)
    for objid in sorted(wanted):
        found = re.search(rb"(?<![0-9])%d 0 obj.*?stream\r?\n" % objid, pdf, re.S)
        start = found.end()
        end = pdf.index(b"endstream", start)
        # leave the start, so the page is cut short rather than empty
        lo = start + (end - start) // 4
        for _ in range(min(flips, max(1, (end - lo) // 2))):
            out[rng.randrange(lo, end - 2)] = rng.getrandbits(8)
    return bytes(out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
