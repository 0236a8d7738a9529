"""Themes, sections and plans: the headings that group actions.

Three places hold them: heading lines above a table (``Transport``), rows
inside a table with text only in their first cells (``Policy and St`` |
``rategy``), and rows with a repeated ``Label: value`` prefix
(``Workstream: Finance``).  Headings naming a plan (``... Action Plan``)
split a document that holds several plans.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..extract import RawDocument, RawRow
from ..normalise import JOINING_WORDS, clean_text, junk_row_rule, section_fragments, title_segments
from ..normalise import initials as text_initials
from ..profile import load_profile
from .columns import is_id_text
from .records import hints
from .settings import DEFAULT_INFER_SETTINGS, InferSettings
from .tables import HeaderGroup

_PREFIX_ROW = re.compile(r"^\s*([A-Za-z][A-Za-z ]{2,24}?)(?:\s*\d{1,2})?\s*:\s*(\S.{0,80})$")
_PLAN_WORD = re.compile(r"\bPlan\b")


@dataclass
class Groups:
    themes: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    # heading, table indexes under it
    plan_headings: list[tuple[str, list[int]]] = field(default_factory=list)
    context_themes: dict[int, str] = field(default_factory=dict)  # table index -> heading above it
    row_headings: list[str] = field(default_factory=list)


def is_heading_line(line: str, *, settings: InferSettings = DEFAULT_INFER_SETTINGS) -> bool:
    """A short title-like line: not a bullet, a sentence, a legend or page furniture."""
    text = clean_text(line)
    words = text.split()
    if (
        not words
        or len(words) > settings.heading_max_words
        or len(text) > settings.heading_max_chars
    ):
        return False
    if not (text[:1].isupper() or text[:1].isdigit()) or text.endswith((".", ",", ";")):
        return False
    if "=" in text or not re.search(r"[A-Za-z]{3}", text) or re.search(r"\([^)]{12,}", text):
        return False
    lower = {w.lower().strip(":") for w in words}
    return not (lower & set(hints()["not_headings"]))


def _prefix_rows(rows: list[RawRow], settings: InferSettings) -> tuple[list[str], list[str]]:
    labels: Counter[str] = Counter()
    values: dict[str, list[str]] = {}
    spelled: dict[str, Counter[str]] = {}
    for row in rows:
        texts = [t for t in row.texts if t.strip()]
        if not texts or len(texts) > settings.prefix_row_max_cells:
            continue
        joined = " ".join(clean_text(t) for t in texts)
        m = _PREFIX_ROW.match(joined)
        if not m:
            continue
        key = re.sub(r"\s+", "", m.group(1)).lower()
        match = next(
            (k for k in labels if fuzz.ratio(k, key) >= settings.prefix_label_match_score), key
        )
        labels[match] += 1
        spelled.setdefault(match, Counter())[m.group(1).strip()] += 1
        values.setdefault(match, []).append(clean_text(m.group(2)))
    prefixes: list[str] = []
    themes: list[str] = []
    for key, n in labels.items():
        if n >= settings.prefix_min_rows:
            prefixes.append(spelled[key].most_common(1)[0][0])
            themes.extend(v for v in values[key] if v not in themes)
    return prefixes, themes


def rejoin(frags: list[str], words: set[str]) -> str:
    """Join heading fragments; glue two pieces into one word only when a piece is no word of the
    document.

    >>> rejoin(["Policy and St", "rategy"], {"policy", "and", "strategy"})
    'Policy and Strategy'
    >>> rejoin(["Buildings", "and Energy"], {"buildings", "and", "energy"})
    'Buildings and Energy'
    >>> rejoin(["Travel", "and Transport"], {"and"})  # "travel" written nowhere else
    'Travel and Transport'
    """
    out = frags[0]
    for frag in frags[1:]:
        left = re.findall(r"[A-Za-z]+$", out)
        right = re.findall(r"^[A-Za-z]+", frag)
        glue = " "
        if left and right and frag[:1].islower():
            whole = right[0].lower() in JOINING_WORDS or (
                left[0].lower() in words and right[0].lower() in words
            )
            glue = " " if whole else ""
        out += glue + frag
    return out


def _heading_rows(
    rows: list[RawRow], prefixes: list[str], words: set[str], settings: InferSettings
) -> list[str]:
    out: list[str] = []
    for row in rows:
        texts = list(row.texts)
        if junk_row_rule(texts):
            continue
        frags = section_fragments(texts)
        if not frags:
            continue
        frags = [f for f in frags if re.search(r"[A-Za-z]", f)]
        if not frags or not frags[0][:1].isupper():
            continue
        heading = rejoin(frags, words)
        if any(
            heading.lower().replace(" ", "").startswith(p.lower().replace(" ", ""))
            for p in prefixes
        ):
            continue
        if len(heading.split()) > settings.row_heading_max_words or heading.endswith("."):
            continue
        if heading not in out:
            out.append(heading)
    return out


def running_title_themes(
    raw: RawDocument, *, settings: InferSettings = DEFAULT_INFER_SETTINGS
) -> dict[int, str]:
    """Themes printed only in each page's title (issue 16), by table index.

    A spreadsheet exported page by page prints ``Net Zero ... Action Plan - Transport -
    December 2023 progress update`` above each page's table: the same title in every
    segment but one, and that one names the theme.  Titles that share all segments but
    one, on two or more tables with at least two different values there, are read so.
    """
    s = settings
    lines: list[tuple[int, list[str]]] = []
    for table in raw.tables:
        for line in table.context:
            segments = title_segments(line)
            if (
                s.title_min_segments <= len(segments) <= s.title_max_segments
                and len(clean_text(line)) <= s.title_max_chars
            ):
                lines.append((table.index, segments))
    found: dict[int, str] = {}
    by_shape: dict[int, list[tuple[int, list[str]]]] = {}
    for index, segments in lines:
        by_shape.setdefault(len(segments), []).append((index, segments))
    for n, group in by_shape.items():
        if len({i for i, _ in group}) < s.title_min_tables:
            continue
        for pos in range(n):
            frames = Counter(tuple(s for k, s in enumerate(seg) if k != pos) for _, seg in group)
            frame, count = frames.most_common(1)[0]
            members = [
                (i, seg)
                for i, seg in group
                if tuple(s for k, s in enumerate(seg) if k != pos) == frame
            ]
            values = {seg[pos] for _, seg in members}
            if (
                count >= s.title_min_tables
                and len(values) >= s.title_min_values
                and all(len(v.split()) <= s.title_theme_max_words for v in values)
            ):
                for i, seg in members:
                    found.setdefault(i, seg[pos])
    return found


def find_groups(
    raw: RawDocument,
    groups: list[HeaderGroup],
    id_cols: dict[int, int | None],
    *,
    settings: InferSettings = DEFAULT_INFER_SETTINGS,
) -> Groups:
    """Collect the document's headings.  ``id_cols`` maps a header group to its ID column."""

    base = load_profile("base")
    out = Groups()
    all_rows = [r for g in groups for r in g.rows]
    s = settings
    out.prefixes, prefix_themes = _prefix_rows(all_rows, s)
    rows_without_id = []
    for gi, g in enumerate(groups):
        col = id_cols.get(gi)
        for r in g.rows:
            if (
                col is None
                or col >= len(r.cells)
                or not is_id_text(r.cells[col].text, base, settings=s)
            ):
                rows_without_id.append(r)
    words: set[str] = set()
    for table in raw.tables:
        for line in table.context:
            if len(line.split()) > s.vocabulary_line_over_words:
                words.update(w.lower() for w in re.findall(r"[A-Za-z]+", line))
        for r in table.rows:
            for t in r.texts:
                words.update(
                    w.lower()
                    for w in re.findall(r"[A-Za-z]+", t)
                    if len(t.split()) > s.vocabulary_line_over_words
                )
    out.row_headings = _heading_rows(rows_without_id, out.prefixes, words, s)
    current_plan: tuple[str, list[int]] | None = None
    for table in raw.tables:
        lines = list(table.context)
        if len(table.rows) <= s.tiny_table_max_rows:
            # a heading read as a tiny table (PDFs): its rows are lines above the next table
            lines += [" ".join(clean_text(t) for t in r.texts if clean_text(t)) for r in table.rows]
        heads = [clean_text(line) for line in lines if is_heading_line(line, settings=s)]
        plan_heads = [h for h in heads if _PLAN_WORD.search(h)]
        if plan_heads:
            current_plan = (plan_heads[-1], [])
            out.plan_headings.append(current_plan)
        if current_plan is not None:
            current_plan[1].append(table.index)
        others = [h for h in heads if not _PLAN_WORD.search(h)]
        if others:
            out.context_themes[table.index] = others[-1]
    titled = running_title_themes(raw, settings=s)
    if len(set(titled.values())) >= s.title_min_values:
        out.context_themes = titled
    context = list(dict.fromkeys(out.context_themes.values()))
    if len(context) < s.context_min_themes:  # one heading above the only table: the title
        out.context_themes, context = {}, []
    if prefix_themes:
        out.themes = prefix_themes
        out.sections = [h for h in out.row_headings if h not in prefix_themes]
    elif context:
        out.themes = context
        out.sections = [h for h in out.row_headings if h not in context]
    else:
        out.themes = out.row_headings
    return out


def initials(label: str) -> str:
    """A heading's ID prefix: its words' capitals, at most four, skipping the hints' small words."""
    return text_initials(label, {w.lower() for w in hints()["initials_skip"]}, limit=4)


def plan_key(heading: str, others: list[str], index: int) -> str:
    """A short key for a plan heading: its words that the other plan headings lack."""
    mine = re.findall(r"[A-Za-z]+", heading.lower())
    theirs = {w for h in others if h != heading for w in re.findall(r"[A-Za-z]+", h.lower())}
    distinct = [
        w for w in mine if w not in theirs and w not in {"plan", "action", "the", "and", "of"}
    ]
    return "-".join(distinct[:2]) or f"plan{index + 1}"
