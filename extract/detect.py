"""Decide what a file is by its content, not its name, and decode text safely."""

from __future__ import annotations

import codecs

from .errors import EmptyFile, UnsupportedFormat

_MAGIC = {
    b"PK\x03\x04": "a zip archive (e.g. .docx/.xlsx)",
    b"\xd0\xcf\x11\xe0": "an OLE2 Office file (e.g. .doc/.xls)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"{\\rtf": "an RTF document",
}


def sniff(data: bytes, name: str) -> str:
    """Return ``pdf`` or ``text``; raise a one-line error for anything else."""
    if not data.strip():
        raise EmptyFile(f"{name}: empty file")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise UnsupportedFormat(f"{name}: unsupported format: {what}, not a PDF or text dump")
    return "text"


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode a text dump: UTF-8 (with or without BOM), UTF-16 (with or without BOM), or
    Windows-1252.

    Returns (text, encoding).  Binary junk is rejected rather than turned into mojibake.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _normalise_newlines(data[3:].decode("utf-8", errors="strict")), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _normalise_newlines(data.decode("utf-16")), "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _normalise_newlines(data.decode(utf16, errors="strict")), utf16
        except UnicodeDecodeError:
            pass
    if data.count(b"\x00") > len(data) // 20:
        raise UnsupportedFormat(f"{name}: binary data (NUL bytes), not a PDF or text dump")
    data = data.replace(b"\x00", b"")
    try:
        return _normalise_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n") or ch == "\ufffd")
    if controls > max(3, len(text) // 100):
        raise UnsupportedFormat(f"{name}: binary data, not a PDF or text dump")
    return _normalise_newlines(text), "cp1252"


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the NUL bytes say so, else None (issue 18).

    Text in the Latin alphabet saved as UTF-16 without a byte order mark has a NUL
    as the high byte of nearly every character: at odd offsets (little-endian) or
    even ones (big-endian), and almost never at the other.
    """
    sample = data[:65536]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 8:
        return None
    even = sample[0::2].count(0) / (len(sample) // 2)
    odd = sample[1::2].count(0) / (len(sample) // 2)
    if odd > 0.7 and even < 0.05:
        return "utf-16-le"
    if even > 0.7 and odd < 0.05:
        return "utf-16-be"
    return None


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_layout(text: str) -> str:
    """``markdown`` for pipe tables, ``tsv`` for tab-separated rows, else ``prose``."""
    lines = text.splitlines()
    pipes = sum(1 for line in lines if line.lstrip().startswith("|") and line.count("|") >= 3)
    tabs = sum(1 for line in lines if line.count("\t") >= 2)
    if pipes >= 2 and pipes >= tabs:
        return "markdown"
    if tabs >= 2:
        return "tsv"
    return "prose"
