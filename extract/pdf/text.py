"""Characters to words, words to lines, lines to paragraphs.

pdfplumber gives characters with boxes; a table reader needs words it can
assign to cells and lines it can keep (partners, one per line).  Words are
built here from characters, not taken from ``extract_words``, so that a word
that straddles a cell border can be cut at the border.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median


@dataclass
class Word:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float
    bold: bool = False
    colour: object = None  # the text colour as drawn (grey, RGB or CMYK values)

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Line:
    words: list[Word] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return median(w.size for w in self.words)

    @property
    def text(self) -> str:
        return join_words(self.words)

    @property
    def bold(self) -> float:
        """Share of the line's letters in a bold font."""
        total = sum(len(w.text) for w in self.words) or 1
        return sum(len(w.text) for w in self.words if w.bold) / total

    def chunks(self, gap: float | None = None) -> list[list[Word]]:
        """Runs of words separated by more than ``gap`` points (default: one em)."""
        out: list[list[Word]] = []
        limit = gap if gap is not None else max(self.size * 1.0, 4.0)
        for w in self.words:
            if out and w.x0 - out[-1][-1].x1 <= limit:
                out[-1].append(w)
            else:
                out.append([w])
        return out


def join_words(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)


def _is_bold(fontname: str) -> bool:
    name = (fontname or "").lower()
    return "bold" in name or "black" in name or "heavy" in name or ",b" in name


def chars_to_words(chars: list[dict]) -> list[Word]:
    """Group characters of one visual line (sorted by x) into words."""
    words: list[Word] = []
    cur: list[dict] = []

    def flush() -> None:
        if cur:
            text = "".join(c["text"] for c in cur).translate(_LIGATURES)
            size = cur[0]["size"]
            words.append(
                Word(
                    cur[0]["x0"],
                    cur[-1]["x1"],
                    min(c["top"] for c in cur),
                    max(c["bottom"] for c in cur),
                    text,
                    size,
                    _is_bold(cur[0].get("fontname", "")),
                    cur[0].get("non_stroking_color"),
                )
            )
            cur.clear()

    prev = None
    for c in chars:
        t = c["text"]
        if not t.strip():
            flush()
            prev = None
            continue
        if prev is not None:
            if t == prev["text"] and abs(c["x0"] - prev["x0"]) < 0.5 * max(c["x1"] - c["x0"], 0.5):
                continue  # the same glyph drawn twice (fake bold)
            gap = c["x0"] - prev["x1"]
            if (
                gap > 0.2 * min(c["size"], prev["size"])
                or gap < -0.5 * c["size"]
                or c.get("word", -1) != prev.get("word", -1)  # OCR said where its words end
            ):
                flush()
        cur.append(c)
        prev = c
    flush()
    return words


def _vertical_lines(chars: list[dict]) -> list[Line]:
    """Text turned 90 degrees (year headers of a spreadsheet export): one line per column of
    glyphs."""
    groups: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: ((c["x0"] + c["x1"]) / 2, c["top"])):
        xc = (c["x0"] + c["x1"]) / 2
        if groups and abs(xc - (groups[-1][0]["x0"] + groups[-1][0]["x1"]) / 2) <= 2.0:
            groups[-1].append(c)
        else:
            groups.append([c])
    out = []
    for g in groups:
        m = g[0].get("matrix") or (0, 1, -1, 0)
        upward = m[1] > 0  # reads bottom to top
        g.sort(key=lambda c: -c["bottom"] if upward else c["top"])
        text = ""
        prev = None
        for c in g:
            if prev is not None:
                gap = (prev["top"] - c["bottom"]) if upward else (c["top"] - prev["bottom"])
                if gap > 0.2 * c["size"] and not text.endswith(" "):
                    text += " "
            text += c["text"]
            prev = c
        text = " ".join(text.split())
        if text:
            out.append(
                Line(
                    [
                        Word(
                            min(c["x0"] for c in g),
                            max(c["x1"] for c in g),
                            min(c["top"] for c in g),
                            max(c["bottom"] for c in g),
                            text,
                            g[0]["size"],
                            _is_bold(g[0].get("fontname", "")),
                        )
                    ]
                )
            )
    return out


def chars_to_lines(chars: list[dict]) -> list[Line]:
    """Cluster characters into visual lines (by their top), each a list of words."""
    turned = [c for c in chars if not c.get("upright", True)]
    chars = [c for c in chars if c.get("upright", True)]
    if turned:
        lines = chars_to_lines(chars) + _vertical_lines(turned)
        return sorted(lines, key=lambda ln: (ln.top, ln.x0))
    if not chars:
        return []
    chars = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    groups: list[list[dict]] = []
    ref_top = ref_size = (
        0.0  # set by the first character (the test reads them only once a group exists)
    )
    for c in chars:
        if groups and abs(c["top"] - ref_top) <= max(1.5, 0.45 * ref_size):
            groups[-1].append(c)
        else:
            groups.append([c])
            ref_top, ref_size = c["top"], c["size"]
    lines = []
    for g in groups:
        g.sort(key=lambda c: c["x0"])
        words = chars_to_words(g)
        if words:
            lines.append(Line(words))
    return lines


_CONNECTOR_END = ("and", "of", "for", "the", "to", "in", "on", "with", "&", "/", "-", ",", "(", "–")


def _continues(before: str, after: str) -> bool:
    """Does ``after`` read as the wrapped rest of ``before`` rather than a new item?"""
    if not after:
        return False
    if after[0].islower() or after[0] in "()/&-–,.;:" or after[0].isdigit():
        return True
    last = before.rstrip().split()[-1].lower() if before.strip() else ""
    return last in _CONNECTOR_END or before.rstrip().endswith(_CONNECTOR_END)


def paragraphs(lines: list[Line], right: float) -> list[str]:
    """Join wrapped lines back into the paragraphs (hard lines) they were typeset from.

    A line broke because the next word did not fit before ``right`` (a wrap)
    or because the writer pressed Enter (a hard break: the next word would
    have fitted).  A wrap that cannot be told from a break by geometry alone
    is joined only when the words say so (lower-case start, a trailing
    ``and``/``&``/``,``), so partners written one per line keep their lines
    and a long name that wrapped is joined again.
    """
    out: list[str] = []
    prev: Line | None = None
    for line in lines:
        if prev is not None and out:
            first = line.words[0]
            space = 0.28 * first.size
            would_end = prev.x1 + space + (first.x1 - first.x0)
            if would_end > right - 0.5 and _continues(prev.text, line.text):
                # a single word as wide as the cell was broken inside (a URL, "Leicestershi|re")
                broken = (
                    len(prev.words) == 1
                    and prev.x1 - prev.x0 >= 0.85 * (right - prev.x0)
                    and prev.text[-1:].isalpha()
                    and line.text[:1].islower()
                )
                # a line broken after a hyphen inside a word ("2025-|26", "low-|carbon") keeps no
                # space
                broken = broken or (prev.text[-1:] == "-" and prev.text[-2:-1].isalnum())
                out[-1] = f"{out[-1]}{'' if broken else ' '}{line.text}"
                prev = line
                continue
        out.append(line.text)
        prev = line
    return out
