"""Every threshold profile inference decides by, in one validated settings object (issue 21).

Inference types columns, IDs, headings and vocabularies from shares of cells
("60% of the cells look like IDs") and lengths ("the cells average 40
characters").  Each such number is one field of :class:`InferSettings`, in the
style of pdfplumber's ``TableSettings``: frozen, checked when made, passed down
as ``settings=`` and defaulting to :data:`DEFAULT_INFER_SETTINGS`.

Field names say what a number is: ``*_share`` is a fraction of cells or rows in
[0, 1], ``*_score`` a rapidfuzz similarity in [0, 100]; every other field is a
whole number of characters, words, cells, rows or years (0 or more).  ``*_over_*`` is
exceeded strictly ("more than"); each comment says how its field is compared.

>>> from dataclasses import replace
>>> replace(DEFAULT_INFER_SETTINGS, id_column_min_share=0.8).id_column_min_share
0.8
>>> InferSettings(id_column_min_share=1.5)
Traceback (most recent call last):
...
actionplans.infer.errors.InferSettingsError: InferSettings.id_column_min_share must be \
a share between 0 and 1, not 1.5 (the default is 0.6)
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from .errors import InferSettingsError


@dataclass(frozen=True)
class InferSettings:
    """The thresholds of profile inference; the defaults are the ones the seeds were tuned on."""

    # -- column statistics (columns.py) ------------------------------------------------------
    # only full-width rows count if there are at least this many (fewer is no evidence) ...
    full_rows_min: int = 2
    # ... and at least this share of the rows (narrower rows lost a cell: their cells are shifted)
    full_rows_min_share: float = 0.3
    # an ID cell may carry this many characters beside the ID (``T1 *``), more is a sentence
    id_rest_max_chars: int = 2
    # a tick mark is at most this long (``✓``, ``x``, ``Yes`` is not: it has two letters)
    glyph_max_chars: int = 3
    # a RAG word is at most this long (``Amber``, ``On track``); longer cells are commentary
    rag_word_max_chars: int = 20
    # a cell is a RAG word when it matches the RAG vocabulary this well (OCR-damaged spellings)
    rag_cell_match_score: float = 90
    # a cell is a stage word when it matches the profile's stage vocabulary this well
    stage_cell_match_score: float = 90
    # a short name (a team, an officer) has at most this many words
    name_max_words: int = 6
    # a symbol is at most this many characters (``●``, ``▲▲``)
    symbol_max_chars: int = 2

    # -- headers (columns.py) ----------------------------------------------------------------
    # a header of fewer words is matched whole; a longer one explains itself and is read by ...
    long_header_min_words: int = 5
    # ... its first words, up to this many (``RAG Status Green = on track ...`` -> ``RAG Status``)
    long_header_lead_words: int = 3
    # a header naming no field with this many words is overlapping labels read as one line
    garbage_header_min_words: int = 6

    # -- the ID column (columns.py) ----------------------------------------------------------
    # a column the header calls the ID keeps the name only if this share of its cells are IDs
    header_id_min_share: float = 0.3
    # an ID column the header does not name is looked for among this many first columns
    id_column_max_position: int = 4
    # ... and needs this share of its cells to be IDs
    id_column_min_share: float = 0.6
    # ... and this share of distinct values (a column of ``1``, ``1``, ``2`` is a rank, not IDs)
    id_column_min_distinct_share: float = 0.6
    # ... and at least this many cells (one ID is no column)
    id_column_min_cells: int = 2

    # -- the action text (columns.py) --------------------------------------------------------
    # a column the header calls the action keeps the name only if its cells average this long
    description_min_chars: int = 12
    # ... and is sure (0.95, not 0.75) from this mean length on: actions are sentences
    description_sure_chars: int = 25
    # a column no header names is the action text from this mean length on
    unnamed_description_min_chars: int = 20
    # the longest text under a header of at most this many words is a group name, not a field
    group_label_max_words: int = 4

    # -- cells overruling their header (columns.py) ------------------------------------------
    # a ``theme`` column is a priority when this share of its cells are ranks (1-5, High/Low)
    priority_min_share: float = 0.8
    # a ``status`` column is the RAG column when this share of its cells are RAG words
    status_as_rag_min_share: float = 0.7
    # a ``status`` column is a date attribute when this share of its cells are dates
    status_as_date_min_share: float = 0.6
    # a ``RAG`` column with fewer than this share of RAG words ...
    rag_as_stage_max_rag_share: float = 0.3
    # ... and at least this share of stage words is the stage column
    rag_as_stage_min_share: float = 0.6
    # a column the header calls a date holds progress text when its cells average more than this
    date_as_text_over_chars: int = 60

    # -- columns typed by their cells alone (columns.py) -------------------------------------
    # a column headed by a calendar year beside the next (2024 | 2025) is a Gantt grid's, unless
    # at least this share of its rows hold text that is no mark (progress written year by year):
    # then it is an attribute
    year_column_text_min_share: float = 0.3
    # columns between the ID and the action are tick columns when this share are tick marks
    tick_min_share: float = 0.6
    # a column is the RAG column when this share of its cells are RAG words
    rag_words_min_share: float = 0.8
    # a column is the RAG column when this share of its rows are filled red, amber or green
    # (an empty column is looked at only for this) ...
    rag_fill_min_share: float = 0.6
    # ... or, in a column with no text, this share filled in at least two of the three colours
    # (a header-less page whose unrated actions leave their RAG cell blank: 53% on one), or, on a
    # greyscale scan, in the greys of at least two ratings' colours alone
    rag_fill_empty_min_share: float = 0.3
    # ... and its cells average at most this many words (a filled prose column is not RAG)
    rag_fill_max_words: int = 3
    # a column whose header names nothing is the target date when this share are dates
    target_date_min_share: float = 0.8
    # under an unreadable header, a column is the lead when this share are short names ...
    lead_unreadable_min_share: float = 0.6
    # ... of at most this many words on average
    lead_unreadable_max_words: int = 6
    # under a header naming nothing, a column is the lead when this share are short names ...
    lead_unnamed_min_share: float = 0.8
    # ... of at most this many words on average
    lead_unnamed_max_words: int = 4
    # ... and fewer than this share are dates
    lead_max_date_share: float = 0.2
    # a lead column has fewer than this share of IDs (a short ID column looks like names)
    lead_max_id_share: float = 0.2
    # a column right of the action under an unreadable header is the update from this mean length
    update_min_chars: int = 40

    # -- header-less tables, typed from their body (headerless.py) ---------------------------
    # a table narrower than this is no action table (an ID, an action and one more field)
    headerless_min_columns: int = 3
    # action rows a header-less table needs before its body is trusted
    headerless_min_rows: int = 3
    # of the rows with text in two cells (but for the wrapped lines of the row above: an empty ID
    # cell, or one going on in lower case), this share starts with an ID in the ID column
    headerless_id_share: float = 0.6
    # a column right of the ID is prose (the action, then the update) from this mean length
    body_prose_min_chars: int = 20
    # a column is the stage when this share of its cells are stage words
    body_stage_min_share: float = 0.6
    # a column is the timescale when this share of its cells are dates
    body_date_min_share: float = 0.6

    # -- ID patterns (ids.py) ----------------------------------------------------------------
    # an ID shape becomes a pattern when at least this many IDs have it ...
    id_shape_min_count: int = 2
    # ... and at least this share of all IDs (rarer shapes are damaged IDs, repaired later)
    id_shape_min_share: float = 0.05
    # a pattern spells out its letter prefixes when there are at most this many (else [A-Z]{m,n})
    id_max_prefixes: int = 12
    # numbers in a pattern allow at least this many digits (T1 ... T12 in a later edition)
    id_min_digits: int = 2
    # the ID patterns' confidence grows with their coverage only from this many IDs on
    id_confidence_min_tokens: int = 3
    # IDs written in the action cell (``12 - Title``) need this many action cells ...
    embedded_min_cells: int = 2
    # ... of which this share start with an ID
    embedded_id_min_share: float = 0.6
    # a later separator replaces the best one only when its share is this much higher
    embedded_separator_margin: float = 0.1

    # -- headings, themes and plans (groups.py, build.py) ------------------------------------
    # a heading line has at most this many words ...
    heading_max_words: int = 7
    # ... and at most this many characters (longer lines are sentences)
    heading_max_chars: int = 60
    # a ``Label: value`` theme row has text in at most this many cells
    prefix_row_max_cells: int = 3
    # two ``Label:`` spellings are one label when they match this well (``Work stream``)
    prefix_label_match_score: float = 85
    # a ``Label:`` prefix opens themes when at least this many rows carry it
    prefix_min_rows: int = 2
    # a heading row inside a table has at most this many words
    row_heading_max_words: int = 8
    # words of the document's own vocabulary come from lines and cells of more words than this
    vocabulary_line_over_words: int = 3
    # a table of at most this many rows is a heading read as a table (PDFs)
    tiny_table_max_rows: int = 2
    # headings above the tables are themes only when there are at least this many different ones
    context_min_themes: int = 2
    # a running page title has at least this many segments (``Plan - Transport``) ...
    title_min_segments: int = 2
    # ... and at most this many
    title_max_segments: int = 5
    # ... and at most this many characters
    title_max_chars: int = 160
    # running titles name themes when they stand above at least this many tables ...
    title_min_tables: int = 2
    # ... and the changing segment takes at least this many values
    title_min_values: int = 2
    # ... each of at most this many words
    title_theme_max_words: int = 6
    # a plan heading's regex skips words of at most this many letters (``of``, ``the``)
    plan_heading_short_word_chars: int = 2
    # ... and keeps its last this many words
    plan_heading_regex_words: int = 5
    # a document with no table is read as a list of items when a pattern finds this many
    prose_min_items: int = 2

    # -- vocabularies (vocab.py, build.py) ---------------------------------------------------
    # two spellings are one word when they match this well (``ln progress``, ``In Progress``)
    vocab_cluster_score: float = 85
    # a stage word is at most this many characters ...
    stage_word_max_chars: int = 30
    # ... and at most this many words (longer cells are commentary)
    stage_word_max_words: int = 4
    # a plan's stage word is a base stage when it matches the base vocabulary this well
    stage_vocab_match_score: float = 88
    # RAG is shown by fill colour when this share of the RAG cells are filled
    rag_fill_shown_min_share: float = 0.3
    # a RAG column with text in at most this share of its rows shows status by fill colour
    rag_text_max_share: float = 0.1
    # RAG is shown by symbols when this share of the cells are symbols
    rag_symbol_min_share: float = 0.6
    # a key's meaning or a plan's word is a RAG colour when it matches this well
    rag_meaning_match_score: float = 85
    # a RAG column averaging more than this many characters holds comments, not words
    rag_commentary_over_chars: int = 30
    # a comment opens with a RAG word (``Green - on track``) when it matches this well ...
    rag_lead_word_match_score: float = 95
    # ... and RAG is shown so when this share of the comments open with one
    rag_lead_word_min_share: float = 0.6
    # a role name has at most this many words
    role_max_words: int = 3
    # timescales are S/M/L letters when this share of the cells are
    sml_min_share: float = 0.8
    # a known name (team, partner) has at least this many words ...
    known_name_min_words: int = 2
    # ... and at most this many
    known_name_max_words: int = 6

    # -- council, edition and title (metadata.py) --------------------------------------------
    # the first this many characters of the text count as "the first pages"
    head_chars: int = 4000
    # a council name has at least this many words (``Leeds Council``)
    council_min_words: int = 2
    # a longer name sharing the end of the most named council is looked for among this many
    council_rivals: int = 6
    # ... and wins when named at least 1 / this as often (``Bristol City Council``)
    council_longer_factor: int = 2
    # a four-digit number is a year of publication from this year ...
    edition_min_year: int = 1990
    # ... to this one
    edition_max_year: int = 2100
    # the title is looked for in this many first lines
    doc_title_max_line: int = 60
    # a title line has at least this many characters ...
    doc_title_min_chars: int = 8
    # ... and at most this many
    doc_title_max_chars: int = 140

    def __post_init__(self) -> None:
        for f in fields(self):
            _check(f.name, getattr(self, f.name))
        for low, high in _ORDERED:
            if getattr(self, low) > getattr(self, high):
                raise InferSettingsError(
                    f"InferSettings.{low} ({getattr(self, low)}) must not exceed "
                    f"InferSettings.{high} ({getattr(self, high)})"
                )


# pairs (low, high) of fields that bound one range
_ORDERED = (
    ("title_min_segments", "title_max_segments"),
    ("known_name_min_words", "known_name_max_words"),
    ("edition_min_year", "edition_max_year"),
    ("doc_title_min_chars", "doc_title_max_chars"),
)


def _check(name: str, value: Any) -> None:
    """Raise :class:`InferSettingsError` naming the field unless ``value`` fits its kind."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if name.endswith("_share"):
        ok, kind = number and 0 <= value <= 1, "a share between 0 and 1"
    elif name.endswith("_score"):
        ok, kind = number and 0 <= value <= 100, "a rapidfuzz score between 0 and 100"
    elif name == "embedded_separator_margin":
        ok, kind = number and 0 <= value <= 1, "a difference of shares between 0 and 1"
    else:
        ok, kind = number and isinstance(value, int) and value >= 0, "a whole number, 0 or more"
    if not ok:
        default = _DEFAULTS[name]
        raise InferSettingsError(
            f"InferSettings.{name} must be {kind}, not {value!r} (the default is {default!r})"
        )


_DEFAULTS = {f.name: f.default for f in fields(InferSettings)}

DEFAULT_INFER_SETTINGS = InferSettings()
