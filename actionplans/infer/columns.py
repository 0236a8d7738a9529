"""Which column holds which canonical field: header words first, then what the cells hold.

A header that names a field (``Lead officer`` -> lead) is kept when the cells
agree; cells overrule the header when they clearly say otherwise (a
``Status`` column of ``On track`` / ``At risk`` words is the RAG column).
Columns whose header names nothing are typed by their cells: IDs, long text,
dates, team names, tick marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..extract import RawRow
from ..normalise import (
    GANTT_PREFIX,
    canon_choice,
    clean_text,
    fold_lookalikes,
    match_header_cell,
    rag_from_colour,
    rag_from_grey,
    read_id_cell,
    slug,
    year_columns,
)
from ..profile import Profile
from .legend import is_symbol, legend
from .records import Decision, hints
from .settings import DEFAULT_INFER_SETTINGS, InferSettings
from .tables import HeaderGroup

_DATE = re.compile(
    r"^(?:(?:q[1-4]|quarter [1-4]|spring|summer|autumn|winter|early|mid|late|end(?: of)?|by)\s*)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s\-/']*)?"
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-])?(?:19|20)?\d{2}(?:\s*[/\-–]\s*(?:20)?\d{2})?$"
    r"|^(?:ongoing|on-going|complete[d]?|tbc|annual(?:ly)?|quarterly|monthly|continuous)$",
    re.I,
)
# a rank, not a theme
_PRIORITY = re.compile(r"^(?:\d{1,2}|[HML]|high|medium|med|low|very high|very low|top)$", re.I)
_SML = re.compile(r"^[SML](?:\s*[/\-]?\s*[SML]){0,2}$", re.I)


@dataclass
class ColumnStats:
    index: int
    header: str
    values: list[str]
    fills: list[str | None]
    n_rows: int
    id_frac: float = 0.0
    avg_len: float = 0.0
    avg_words: float = 0.0
    date_frac: float = 0.0
    rag_frac: float = 0.0
    stage_frac: float = 0.0
    glyph_frac: float = 0.0
    sml_frac: float = 0.0
    title_frac: float = 0.0
    distinct: int = 0
    rag_fill_frac: float = 0.0
    rag_fill_kinds: int = 0  # how many of red, amber and green its fills show
    # on a greyscale scan (every fill of the table a pure grey): the share of rows whose grey is
    # one rating's alone by the profile's RAG colours, and how many ratings those show
    rag_grey_frac: float = 0.0
    rag_grey_kinds: int = 0
    # (text, fill) of each cell with text: which words a column's colours go with
    filled_values: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def filled(self) -> float:
        return len(self.values) / self.n_rows if self.n_rows else 0.0


def rag_vocab() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in hints()["rag_words"].items()}


def _frac(values: list[str], test) -> float:
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


def is_id_text(
    text: str, base: Profile, *, settings: InferSettings = DEFAULT_INFER_SETTINGS
) -> bool:
    cell = read_id_cell(text, base)
    return bool(cell.token) and len(cell.rest) <= settings.id_rest_max_chars


def is_glyph(text: str, base: Profile, *, settings: InferSettings = DEFAULT_INFER_SETTINGS) -> bool:
    t = text.strip()
    return (
        len(t) <= settings.glyph_max_chars
        and (not re.search(r"[A-Za-z]{2}", t))
        or t in base.tick_glyphs
    )


def column_stats(
    group: HeaderGroup,
    rows: list[RawRow],
    base: Profile,
    doc_text: str = "",
    *,
    settings: InferSettings = DEFAULT_INFER_SETTINGS,
) -> list[ColumnStats]:
    """Statistics of each column's cells.  Rows narrower than the header lost a
    column and have their cells shifted: only full-width rows count, if there are enough."""
    s = settings
    full = [r for r in rows if len(r.cells) >= group.width]
    if len(full) >= max(s.full_rows_min, s.full_rows_min_share * len(rows)):
        rows = full
    out = []
    rag = rag_vocab()
    all_fills = [c.fill for r in rows for c in r.cells if c.fill]
    grey_page = bool(all_fills) and all(_pure_grey(f) for f in all_fills)
    for idx in range(group.width):
        values, fills = [], []
        filled: list[tuple[str, str | None]] = []
        for r in rows:
            cell = r.cells[idx] if idx < len(r.cells) else None
            fills.append(cell.fill if cell else None)
            text = clean_text(cell.text) if cell else ""
            if cell and text:
                values.append(text)
                filled.append((text, cell.fill))
        st = ColumnStats(idx, clean_text(group.texts[idx]), values, fills, len(rows))
        st.filled_values = filled
        if values:
            st.id_frac = _frac(values, lambda v: is_id_text(v, base, settings=s))
            st.avg_len = sum(len(v) for v in values) / len(values)
            st.avg_words = sum(len(v.split()) for v in values) / len(values)
            st.date_frac = _frac(values, lambda v: bool(_DATE.match(v)))
            symbols = {v for v in values if is_symbol(v, settings=s)}
            meaning = legend(doc_text, symbols) if symbols else {}
            st.rag_frac = _frac(
                [meaning.get(v, v) for v in values],
                lambda v: (
                    len(v) <= s.rag_word_max_chars
                    and canon_choice(v, rag, s.rag_cell_match_score)[0] is not None
                ),
            )
            st.stage_frac = _frac(
                values,
                lambda v: (
                    canon_choice(v, base.stage_vocab, s.stage_cell_match_score)[0] is not None
                ),
            )
            st.glyph_frac = _frac(values, lambda v: is_glyph(v, base, settings=s))
            st.sml_frac = _frac(values, lambda v: bool(_SML.match(fold_lookalikes(v))))
            st.title_frac = _frac(
                values,
                lambda v: (
                    v[:1].isupper() and len(v.split()) <= s.name_max_words and not v.endswith(".")
                ),
            )
            st.distinct = len({v.lower() for v in values})
        colours = [rag_from_colour(f) for f in fills if f]
        st.rag_fill_frac = sum(1 for c in colours if c) / len(rows) if rows else 0.0
        st.rag_fill_kinds = len({c for c in colours if c})
        if grey_page and base.rag_palette:
            greys = [rag_from_grey(f, base.rag_palette).rating for f in fills if f]
            st.rag_grey_frac = sum(1 for g in greys if g) / len(rows) if rows else 0.0
            st.rag_grey_kinds = len({g for g in greys if g})
        out.append(st)
    return out


def _pure_grey(hex_colour: str) -> bool:
    """A fill with no hue at all, as every fill of a greyscale scan is (``#7c7c7c``)."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return max(r, g, b) - min(r, g, b) <= 2


@dataclass
class ColumnPlan:
    """The fields chosen for one header group's columns."""

    fields: dict[int, str] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    group_label: int | None = None  # column whose header is a group name (the walker reads it)
    ticks: list[int] = field(default_factory=list)
    stats: list[ColumnStats] = field(default_factory=list)

    def index_of(self, name: str) -> int | None:
        return next((i for i, f in self.fields.items() if f == name), None)


def header_field(
    text: str, base: Profile, *, settings: InferSettings = DEFAULT_INFER_SETTINGS
) -> str | None:
    """The field a header names; a long header that explains itself
    (``RAG Status Green = on track ...``) is read by its first words."""
    name = match_header_cell(text, base)
    words = text.split()
    if name or len(words) < settings.long_header_min_words:
        return name
    for n in range(settings.long_header_lead_words, 0, -1):
        name = match_header_cell(" ".join(words[:n]), base)
        if name:
            return name
    return None


def _is_garbage_header(text: str, base: Profile, settings: InferSettings) -> bool:
    """Header text that names nothing: empty, or overlapping labels read as one line."""
    return not text or (
        header_field(text, base, settings=settings) is None
        and len(text.split()) >= settings.garbage_header_min_words
    )


def plan_columns(
    group: HeaderGroup,
    base: Profile,
    doc_text: str = "",
    *,
    settings: InferSettings = DEFAULT_INFER_SETTINGS,
) -> ColumnPlan:
    s = settings
    rows = group.data_rows()
    stats = column_stats(group, rows, base, doc_text, settings=s)
    plan = ColumnPlan(stats=stats)
    header_fields: dict[int, str] = {}
    for st in stats:
        if not st.header:
            continue
        name = header_field(st.header, base, settings=s)
        if name and name not in header_fields.values():
            header_fields[st.index] = name
    # calendar years side by side (a Gantt grid's 2024 | 2025 | ...), as the normaliser reads them
    years = year_columns([st.header for st in stats], header_fields)

    def decide(idx: int, name: str, conf: float, why: str) -> None:
        plan.fields[idx] = name
        hdr = stats[idx].header
        plan.decisions.append(
            Decision(
                f"columns.{name}",
                hdr or f"column {idx + 1}",
                conf,
                f"column {idx + 1} {hdr!r}: {why}",
            )
        )

    for idx, name in years.items():
        st = stats[idx]
        if st.filled * (1 - st.glyph_frac) >= s.year_column_text_min_share:
            decide(
                idx,
                f"attributes.{attribute_key(st.header)}",
                0.7,
                f"a year beside the next, but {st.filled * (1 - st.glyph_frac):.0%} of its rows"
                " hold text, not Gantt marks",
            )
        else:
            header_fields[idx] = name

    # 1. the ID column
    id_col = next((i for i, f in header_fields.items() if f == "action_id"), None)
    if (
        id_col is not None
        and stats[id_col].id_frac < s.header_id_min_share
        and stats[id_col].values
    ):
        header_fields.pop(id_col)
        id_col = None
    if id_col is None:
        cands = [
            c
            for c in stats[: s.id_column_max_position]
            if c.id_frac >= s.id_column_min_share
            and c.distinct >= s.id_column_min_distinct_share * len(c.values)
            and len(c.values) >= s.id_column_min_cells
        ]
        if cands:
            best = max(cands, key=lambda c: (c.id_frac * c.filled, -c.index))
            id_col = best.index
            header_fields.pop(id_col, None)
            decide(
                id_col,
                "action_id",
                round(0.6 + 0.3 * best.id_frac * best.filled, 2),
                f"{best.id_frac:.0%} of its cells are action IDs, though the header names no ID",
            )
    else:
        st = stats[id_col]
        decide(
            id_col,
            "action_id",
            round(min(0.99, 0.55 + 0.45 * st.id_frac), 2),
            f"header names the ID; {st.id_frac:.0%} of its cells are IDs",
        )

    # 2. the action text (a lone ``Title`` column is the action text)
    desc = next((i for i, f in header_fields.items() if f == "description"), None)
    title = next((i for i, f in header_fields.items() if f == "title"), None)
    if desc is None and title is not None:
        header_fields[title] = "description"
        desc = title
    if desc is not None and (stats[desc].avg_len < s.description_min_chars and stats[desc].values):
        header_fields.pop(desc)
        desc = None
    if desc is not None:
        st = stats[desc]
        decide(
            desc,
            "description",
            0.95 if st.avg_len >= s.description_sure_chars else 0.75,
            f"header names the action; its cells average {st.avg_len:.0f} characters",
        )
    else:
        free = [
            c
            for c in stats
            if c.index not in plan.fields
            and c.index not in header_fields
            and c.avg_len >= s.unnamed_description_min_chars
        ]
        if free:
            best = max(free, key=lambda c: c.avg_len * c.filled)
            first_unmapped = next(
                (
                    c.index
                    for c in stats
                    if c.header and c.index not in header_fields and c.index not in plan.fields
                ),
                None,
            )
            if (
                best.header
                and first_unmapped == best.index
                and len(best.header.split()) <= s.group_label_max_words
                and not _is_garbage_header(best.header, base, s)
            ):
                plan.group_label = best.index
                plan.decisions.append(
                    Decision(
                        "columns.description",
                        best.header,
                        0.75,
                        f"column {best.index + 1} holds the longest text ({best.avg_len:.0f}"
                        f" characters on average) under {best.header!r}, a group name; the"
                        " normaliser reads it as the section",
                    )
                )
            else:
                decide(
                    best.index,
                    "description",
                    0.65,
                    f"longest text ({best.avg_len:.0f} characters on average) though the header"
                    " names no action",
                )

    # 3. columns the header names: check the cells agree
    for idx, name in sorted(header_fields.items()):
        if idx in plan.fields or name in plan.fields.values():
            continue
        st = stats[idx]
        if name.startswith(GANTT_PREFIX):
            plan.fields[idx] = name
            continue
        if (
            name == "theme"
            and st.values
            and _frac(st.values, lambda v: bool(_PRIORITY.match(v))) >= s.priority_min_share
        ):
            decide(
                idx,
                f"attributes.{attribute_key(st.header.split('(')[0])}",
                0.75,
                f"the header says {st.header!r} but its cells are ranks (1-5, High/Medium/Low), not"
                " theme names",
            )
            continue
        if (
            name == "stage"
            and st.rag_frac >= s.status_as_rag_min_share
            and "rag" not in header_fields.values()
        ):
            decide(
                idx,
                "rag",
                round(0.5 + 0.4 * st.rag_frac, 2),
                f"the header says status but {st.rag_frac:.0%} of its cells are RAG words",
            )
            continue
        if name == "stage" and st.values and st.date_frac >= s.status_as_date_min_share:
            decide(
                idx,
                f"attributes.{attribute_key(st.header)}",
                0.7,
                f"the header says {st.header!r} but {st.date_frac:.0%} of its cells are dates, not"
                " stages",
            )
            continue
        if (
            name == "rag"
            and st.values
            and st.rag_frac < s.rag_as_stage_max_rag_share
            and st.stage_frac >= s.rag_as_stage_min_share
            and "stage" not in header_fields.values()
        ):
            decide(
                idx,
                "stage",
                0.7,
                f"the header says RAG but {st.stage_frac:.0%} of its cells are stage words",
            )
            continue
        if (
            name in ("target_date", "timescale", "start_period", "end_period")
            and st.values
            and st.avg_len > s.date_as_text_over_chars
        ):
            decide(
                idx,
                (
                    "update_text"
                    if "update_text" not in header_fields.values()
                    else f"attributes.{attribute_key(st.header)}"
                ),
                0.55,
                f"the header names a date but its cells are long text ({st.avg_len:.0f}"
                " characters)",
            )
            continue
        conf = 0.9 if st.values else 0.75
        decide(
            idx,
            name,
            conf,
            "header names it" + ("" if st.values else "; the column is empty in the text"),
        )

    # 4. columns the header does not name: type them by their cells
    id_col = plan.index_of("action_id")
    desc = plan.index_of("description")
    if desc is None and plan.group_label is not None:
        desc = plan.group_label
    if id_col is not None and desc is not None and desc > id_col + 1:
        between = [stats[i] for i in range(id_col + 1, desc) if i not in plan.fields]
        ticks = [c for c in between if not c.values or c.glyph_frac >= s.tick_min_share]
        if ticks and len(ticks) == len(between) and any(c.values for c in ticks):
            plan.ticks = [c.index for c in ticks]
            plan.decisions.append(
                Decision(
                    "tick_columns",
                    [c.header for c in ticks],
                    0.8,
                    f"{len(ticks)} columns between the ID and the action hold only tick marks",
                )
            )
    for st in stats:
        if (
            st.index in plan.fields
            or st.index in plan.ticks
            or st.index == plan.group_label
            or (not st.values and not _rag_fills(st, s))
        ):
            continue  # an empty column counts only for its fills
        taken = set(plan.fields.values())
        garbage = _is_garbage_header(st.header, base, s)
        if "rag" not in taken and st.rag_frac >= s.rag_words_min_share:
            decide(st.index, "rag", 0.7, f"{st.rag_frac:.0%} of its cells are RAG words")
        elif "rag" not in taken and _rag_fills(st, s) and st.avg_words <= s.rag_fill_max_words:
            decide(
                st.index,
                "rag",
                0.7,
                f"{st.rag_fill_frac:.0%} of its cells are filled red, amber or green"
                if st.rag_fill_frac >= st.rag_grey_frac
                else f"{st.rag_grey_frac:.0%} of its cells are greys of two or three ratings' "
                "colours (a greyscale scan)",
            )
        elif (
            "target_date" not in taken
            and st.date_frac >= s.target_date_min_share
            and header_field(st.header, base, settings=s) is None
        ):
            decide(
                st.index,
                "target_date",
                0.6,
                f"header names nothing; {st.date_frac:.0%} of its cells are dates or years",
            )
        elif (
            "lead" not in taken
            and garbage
            and st.title_frac >= s.lead_unreadable_min_share
            and st.avg_words <= s.lead_unreadable_max_words
            and st.id_frac < s.lead_max_id_share
        ):
            decide(
                st.index,
                "lead",
                0.55,
                f"header unreadable; {st.title_frac:.0%} of its cells are short names (teams)",
            )
        elif (
            "lead" not in taken
            and header_field(st.header, base, settings=s) is None
            and st.title_frac >= s.lead_unnamed_min_share
            and st.avg_words <= s.lead_unnamed_max_words
            and st.id_frac < s.lead_max_id_share
            and st.date_frac < s.lead_max_date_share
            and st.distinct > 1
        ):
            decide(
                st.index,
                "lead",
                0.5,
                f"header names nothing; {st.title_frac:.0%} of its cells are short names",
            )
        elif (
            "update_text" not in taken
            and desc is not None
            and st.index > desc
            and st.avg_len >= s.update_min_chars
            and garbage
        ):
            decide(
                st.index,
                "update_text",
                0.55,
                f"long text ({st.avg_len:.0f} characters) right of the action, header unreadable",
            )
    return plan


def attribute_key(header: str) -> str:
    """The key a column's values get in ``attributes``: its header as a slug."""
    return slug(header, "_", 40, "column")


def _rag_fills(st: ColumnStats, s: InferSettings) -> bool:
    """Is the column filled as a RAG column is: red, amber or green in most of its rows, or, when
    it holds no text, in fewer (a plan whose unrated actions leave their cell blank) but in more
    than one of the three (a Gantt column's marks are one colour)?"""
    if st.rag_fill_frac >= s.rag_fill_min_share:
        return True
    if st.values:
        return False
    # a greyscale scan's column only so: one grey (a Gantt bar's, a shaded band's) may be any
    # rating's colour, greys of two ratings in a column with no text are the RAG column's
    return (st.rag_fill_frac >= s.rag_fill_empty_min_share and st.rag_fill_kinds >= 2) or (
        st.rag_grey_frac >= s.rag_fill_empty_min_share and st.rag_grey_kinds >= 2
    )
