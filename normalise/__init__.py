"""Normalise stage: raw rows in, canonical actions out, every change logged.

>>> from actionplans.normalise import fold_lookalikes
>>> fold_lookalikes("В33")
'B33'
"""

from .colour import RAG_COLUMN_SATURATION, rag_from_colour, rag_from_grey
from .document import normalise_document, refuse_noise
from .errors import NormaliseError, StrictModeError
from .header import GANTT_PREFIX, HeaderTest, map_header, match_header_cell, year_columns
from .ids import read_id_cell
from .records import ACTION_FIELDS, Action, Correction, Finding, NormalisedDocument, merge_repeated
from .rows import JOINING_WORDS, junk_row_rule, section_fragments, title_segments
from .text import clean_text, fold_lookalikes, initials, slug
from .vocab import canon_choice

# bump when the rows normalisation makes change; `actionplans reextract` re-reads older ones
VERSION = "0.4.45"

__all__ = [
    "RAG_COLUMN_SATURATION",
    "JOINING_WORDS",
    "VERSION",
    "normalise_document",
    "refuse_noise",
    "Action",
    "Correction",
    "Finding",
    "NormalisedDocument",
    "ACTION_FIELDS",
    "NormaliseError",
    "StrictModeError",
    "fold_lookalikes",
    "clean_text",
    "initials",
    "slug",
    "merge_repeated",
    # what profile inference and the pipeline read of normalise's decisions: one vocabulary for both
    "HeaderTest",
    "GANTT_PREFIX",
    "map_header",
    "match_header_cell",
    "year_columns",
    "read_id_cell",
    "rag_from_colour",
    "rag_from_grey",
    "canon_choice",
    "junk_row_rule",
    "section_fragments",
    "title_segments",
]
