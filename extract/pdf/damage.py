"""Cheap checks for damage a PDF reader would otherwise pass over in silence (issue 18).

pdfminer decodes a content stream whose compressed bytes are damaged as far
as it can and carries on: the page then reads as empty, or stops part way,
and its rows are lost without a word.  :func:`content_damage` inflates each
of a page's content streams itself (in bounded chunks, the output thrown
away) and says which one fails, so that the loss becomes a finding naming
the page.
"""

from __future__ import annotations

import base64
import re
import zlib

_CHUNK = 1 << 20  # inflate this much at a time
BOMB_MB = (
    128  # a page's drawing instructions inflating past this are a decompression bomb, not a plan
)
# how content_damage says so (read_pdf then refuses the document)
OVERSIZED = "inflate to more than"


def _inflate_error(data: bytes) -> str | None:
    """Why ``data`` is not a whole zlib stream (or inflates past ``BOMB_MB``), or None if it is
    one."""
    d = zlib.decompressobj()
    produced = 0
    try:
        while data:
            out = d.decompress(data, _CHUNK)
            produced += len(out)
            if produced > BOMB_MB << 20:
                return f"{OVERSIZED} {BOMB_MB} MB"
            if d.eof:
                return None
            if out:
                data = d.unconsumed_tail
            elif not d.unconsumed_tail:
                break
            else:
                data = d.unconsumed_tail
        return None if d.eof else "the compressed data ends early"
    except zlib.error as exc:
        return (
            "cannot be inflated:"
            f" {re.sub(r'^Error -?[0-9]+ while decompressing data: ', '', str(exc))}"
        )


def _ascii85(data: bytes) -> bytes:
    data = data.strip()
    if data.startswith(b"<~"):
        data = data[2:]
    end = data.find(b"~>")
    data = data[:end] if end >= 0 else data
    return base64.a85decode(re.sub(rb"\s+", b"", data))


def content_damage(page) -> str | None:
    """Why a pdfplumber page's drawing instructions are damaged, or None when they decode whole.

    Only Flate-compressed streams (optionally inside ASCII85) are checked: the
    form nearly every PDF uses.  Streams another page already decoded are skipped.
    """
    from pdfminer.pdftypes import PDFStream, resolve1  # noqa: PLC0415

    try:
        contents = resolve1(page.page_obj.attrs.get("Contents"))
    except Exception:  # noqa: BLE001 - the reader will say what is wrong with the page itself
        return None
    streams = contents if isinstance(contents, list) else [contents]
    for k, ref in enumerate(streams, start=1):
        try:
            stream = resolve1(ref)
        except Exception:  # noqa: BLE001
            continue
        if not isinstance(stream, PDFStream) or stream.rawdata is None:
            continue
        try:
            names = [getattr(f, "name", str(f)) for f, _params in stream.get_filters()]
        except Exception:  # noqa: BLE001
            continue
        data = stream.rawdata
        try:
            if stream.decipher:  # an encrypted PDF: decrypt as pdfminer will
                if stream.objid is None or stream.genno is None:
                    continue  # no object number to decrypt with (the decipher call would raise)
                data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        except Exception:  # noqa: BLE001
            continue
        try:
            if names[:1] in (["ASCII85Decode"], ["A85"]):
                data, names = _ascii85(data), names[1:]
        except ValueError as exc:
            return f"content stream {k} of {len(streams)} is damaged (ASCII85: {exc})"
        if names != ["FlateDecode"] and names != ["Fl"]:
            continue
        why = _inflate_error(data)
        if why and why.startswith(OVERSIZED):
            return f"its drawing instructions {why} (a decompression bomb?)"
        if why:
            return f"content stream {k} of {len(streams)} is damaged ({why})"
    return None


def reference_cycle(data: bytes, password: str | None = None, budget: float = 5.0) -> str | None:
    """Objects that are references to each other in a loop (``6 0 obj 7 0 R``, ``7 0 obj 6 0 R``),
    or None.

    pdfminer follows such a chain for ever wherever the file uses one of its
    objects (the page tree, a page's contents, a font), so the document would
    cost the whole time limit; looked for here in every object of the
    cross-reference table first (issue 18).  Gives up quietly after ``budget``
    seconds or on a file pdfminer cannot parse (the reader then says why).
    """
    import io  # noqa: PLC0415
    import time  # noqa: PLC0415

    from pdfminer.pdfdocument import PDFDocument  # noqa: PLC0415
    from pdfminer.pdfparser import PDFParser  # noqa: PLC0415
    from pdfminer.pdftypes import PDFObjRef  # noqa: PLC0415

    deadline = time.monotonic() + budget
    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)), password=password or "")
        objids = sorted({i for xref in doc.xrefs for i in xref.get_objids()})
    except Exception:  # noqa: BLE001
        return None
    done: set[int] = set()  # objects known to lead to something that is not a reference
    for objid in objids:
        if time.monotonic() > deadline:
            return None
        chain = [objid]
        try:
            obj = doc.getobj(objid)
            while isinstance(obj, PDFObjRef) and obj.objid not in done:
                if obj.objid in chain:
                    loop = chain[chain.index(obj.objid) :] + [obj.objid]
                    return (
                        "objects " + " -> ".join(map(str, loop)) + " refer to each other in a loop"
                    )
                chain.append(obj.objid)
                obj = doc.getobj(obj.objid)
        except Exception:  # noqa: BLE001 - a missing or broken object ends the chain
            pass
        done.update(chain)
    return None
