"""Row-level layout: realigning short rows, recognising section, junk and continuation rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..extract.records import RawCell
from .header import HeaderMap
from .text import clean_text, header_key

_JUNK = re.compile(r"^[\s\-–—_.|•·*]*$")
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*of\s*\d{1,4})?$", re.I)


def is_junk_cell(text: str) -> bool:
    t = text.strip()
    return not t or bool(_JUNK.match(t)) or len(t) == 1 or bool(_PAGE_NUMBER.match(t))


def junk_row_rule(texts: list[str]) -> str | None:
    """Why a row is no data at all (``_`` rows, page numbers), or None if it may be data."""
    nonempty = [t.strip() for t in texts if t.strip()]
    if not nonempty:
        return None
    if all(_PAGE_NUMBER.match(t) for t in nonempty) and len(nonempty) == 1:
        return "page_number_row"
    if all(_JUNK.match(t) or len(t) == 1 for t in nonempty):
        return "junk_row"
    return None


@dataclass
class Realigned:
    cells: list[RawCell]
    rule: str | None = None  # what was done to fit the row to the header
    inserted: tuple[int, ...] = ()  # where empty cells were put back (output positions)


def _insert(cells: list[RawCell], positions: list[int] | tuple[int, ...]) -> list[RawCell]:
    out = list(cells)
    for pos in sorted(positions):
        out.insert(min(pos, len(out)), RawCell(text=""))
    return out


def realign(
    cells: list[RawCell],
    header: HeaderMap,
    always_empty: set[int],
    id_rest: str | None,
    previous: tuple[int, ...] | None = None,
) -> Realigned:
    """Fit a row to the header's width.

    Rows longer than the header lose trailing empty cells (or have the extra
    text joined to their last cell).  Rows shorter than it lost columns, put
    back, in order of preference:

    1. the columns empty in every full-width row of the table (the RAG column
       that vanishes on continuation pages);
    2. for a row with no ID, the same places as the previous short row of the
       same length (rows of one page share a layout);
    3. next to the ID, when the first long text (the action) sits left of the
       action column: the ID cell swallowed its neighbour (``50 ✓``);
    4. at the end.
    """
    width = header.width
    if len(cells) >= width:
        extra = cells[width:]
        if any(c.text.strip() for c in extra):
            merged = list(cells[:width])
            tail = " ".join(c.text for c in extra if c.text.strip())
            last = max(i for i in range(width) if merged[i].text.strip() or i == width - 1)
            merged[last] = RawCell(
                text=f"{merged[last].text} {tail}".strip(),
                fill=merged[last].fill,
                bbox=merged[last].bbox,
            )
            return Realigned(merged, "extra_cells_joined")
        return Realigned(list(cells[:width]))
    missing = width - len(cells)
    id_col = header.index_of("action_id")
    desc_col = header.index_of("description")
    protected = {id_col, desc_col}
    candidates = [i for i in sorted(always_empty) if i not in protected]
    if len(candidates) >= missing:
        drop = candidates[-missing:] if candidates[-1] == width - 1 else candidates[:missing]
        names = ",".join(header.columns.get(i, str(i)) for i in sorted(drop))
        return Realigned(_insert(cells, drop), f"vanished_column:{names}", tuple(sorted(drop)))
    has_id = id_col is not None and id_col < len(cells) and cells[id_col].text.strip()
    if previous is not None and len(previous) == missing and not has_id:
        return Realigned(_insert(cells, previous), "realigned_like_previous_row", previous)
    if id_col is not None and desc_col is not None:
        start = id_col + 1
        anchor = next(
            (i for i in range(start, len(cells)) if len(cells[i].text.strip()) >= 20), None
        )
        if anchor is not None and anchor < desc_col:
            before = min(missing, desc_col - anchor)
            positions = [id_col + 1 + j for j in range(before)]
            positions += [width - 1 - j for j in range(missing - before)]
            out = list(cells)
            if id_rest:
                out[id_col] = RawCell(
                    text=cells[id_col].text[: len(cells[id_col].text) - len(id_rest)].strip()
                )
            out = _insert(out, positions)
            if id_rest:
                out[id_col + 1] = RawCell(text=id_rest)
            return Realigned(out, "realigned_on_action_column", tuple(sorted(positions)))
    positions = list(range(len(cells), width))
    return Realigned(_insert(cells, positions), "padded_short_row", tuple(positions))


def section_fragments(texts: list[str], max_len: int = 80) -> list[str] | None:
    """The heading fragments of a section row (``Policy and St`` | ``rategy``), or None.

    A section row has text only in its leading cells; anything after them is
    single-character junk (page furniture, Gantt marks read as letters).
    """
    frags: list[str] = []
    i = 0
    while (
        i < len(texts)
        and texts[i].strip()
        and not (frags and len(texts[i].strip()) == 1 and texts[i].strip().isupper())
    ):
        frags.append(clean_text(texts[i]))
        i += 1
    if not frags or i == 0:
        return None
    if any(not is_junk_cell(t) for t in texts[i:]):
        return None
    joined = " ".join(frags)
    if len(joined) > max_len or not re.search(r"[A-Za-z]{2}", joined):
        return None
    return frags


# words that start a fragment of their own, never the rest of a word cut between cells
JOINING_WORDS = frozenset({"and", "of", "for", "the", "to", "in", "on", "with", "at", "by", "or"})


def resolve_heading(frags: list[str], vocabulary: tuple[str, ...]) -> tuple[str, str | None]:
    """Rejoin heading fragments, using the profile's vocabulary where one fits.

    Returns (heading, rule); rule is None when the plain space-join was kept.
    """
    plain = " ".join(frags)
    candidates = {plain, "".join(frags)}
    joined = frags[0]
    for frag in frags[1:]:
        # a word cut between cells (``St`` | ``rategy``) joins without a space; a fragment that
        # starts with a word of its own (``Energy`` | ``and Buildings``) does not
        first = frag.split()[0].lower() if frag.split() else ""
        cut = joined[-1:].islower() and frag[:1].islower() and first not in JOINING_WORDS
        joined += ("" if cut else " ") + frag
    candidates.add(joined)
    if vocabulary:
        scores: dict[str, float] = {}
        for cand in candidates:
            for term in vocabulary:
                score = fuzz.ratio(header_key(cand), header_key(term))
                scores[term] = max(scores.get(term, 0.0), score)
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        best_term, best = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        # a clear winner may be more damaged (``cills`` for Skills) than a close call
        if best >= 80 or (best >= 65 and best - runner_up >= 20):
            return best_term, (None if best_term == plain else "heading_vocabulary")
    return joined, (None if joined == plain else "split_word_rejoined")


def match_vocabulary(text: str, vocabulary: tuple[str, ...], min_score: float = 90) -> str | None:
    key = header_key(text)
    if not key:
        return None
    for term in vocabulary:
        if fuzz.ratio(key, header_key(term)) >= min_score:
            return term
    return None


_TITLE_SEPARATOR = re.compile(r"\s+[-–—|:]\s+|\s*[|]\s*")


def title_segments(line: str) -> list[str]:
    """A title line cut at its separators: ``Action Plan - Transport - December 2023`` -> three
    segments."""
    return [s for s in (clean_text(p) for p in _TITLE_SEPARATOR.split(line)) if s]


def theme_in_title(line: str, themes: tuple[str, ...]) -> str | None:
    """A theme named as one segment of a page title
    (``Net Zero Action Plan - Transport - December 2023``)."""
    segments = title_segments(line)
    if len(segments) < 2:
        return None
    return next((t for s in segments if (t := match_vocabulary(s, themes))), None)


def theme_prefix_match(texts: list[str], prefixes: tuple[str, ...]) -> tuple[str, str] | None:
    """``Workstrea`` | ``m: Finance`` -> ("Workstream", "Finance") for a profile prefix
    ``Workstream``."""
    joined = "".join(texts)
    compact = re.sub(r"\s+", "", joined).lower()
    head = compact.split(":", 1)[0] if ":" in compact else None
    for prefix in prefixes:
        p = re.sub(r"\s+", "", prefix).lower()
        # "Workstrea m:" and "Workstreamm:" are the same prefix, damaged
        if head is not None and (
            head == p or (len(head) <= len(p) + 2 and fuzz.ratio(head, p) >= 85)
        ):
            # find the colon in the original text and take what follows
            rest = joined.split(":", 1)[1] if ":" in joined else ""
            rest = clean_text(" ".join(t for t in [rest]))
            if not rest:
                rest = clean_text(" ".join(texts[1:]))
            return prefix, rest
    return None
