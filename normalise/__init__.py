"""Normalise stage: raw rows in, canonical actions out, every change logged.

>>> from actionplans.normalise import fold_lookalikes
>>> fold_lookalikes("В33")
'B33'
"""

from .document import normalise_document, refuse_noise
from .errors import NormaliseError, StrictModeError
from .records import ACTION_FIELDS, Action, Correction, Finding, NormalisedDocument
from .text import clean_text, fold_lookalikes

VERSION = "0.3.0"  # bump when the rows normalisation makes change; `actionplans reextract` re-reads older ones

__all__ = [
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
]
