"""Character-level cleaning: look-alike letters, markup, whitespace.

Text extracted from PDFs carries Cyrillic and Greek letters that look Latin
(``Т1`` with a Cyrillic Te), markup (``<b>–</b>``) and broken whitespace.

>>> fold_lookalikes("Т1")
'T1'
>>> clean_text("  <b>Deliver</b>   the  plan ")
'Deliver the plan'
"""

from __future__ import annotations

import re
import unicodedata

# Cyrillic and Greek letters that render like Latin ones.
_LOOKALIKE_PAIRS = {
    # Cyrillic capitals
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K",
    "М": "M", "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y",
    # Cyrillic small letters
    "а": "a", "в": "b", "е": "e", "і": "i", "ј": "j", "к": "k", "м": "m", "н": "h",
    "о": "o", "р": "p", "с": "c", "ѕ": "s", "т": "t", "у": "y", "х": "x",
    # Greek capitals and small letters
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v",
    "τ": "t", "κ": "k", "ι": "i", "α": "a",
    # Latin look-alikes
    "ı": "i", "ŀ": "l", "ℓ": "l",
}  # fmt: skip
_LOOKALIKES = str.maketrans(_LOOKALIKE_PAIRS)
_NON_LATIN_LOOKALIKE = set(_LOOKALIKE_PAIRS)

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\s*/?>")
_WS = re.compile(r"\s+")


def fold_lookalikes(text: str) -> str:
    """Replace look-alike letters by Latin ones and drop Latin diacritics (``Ĺ`` -> ``L``)."""
    folded = text.translate(_LOOKALIKES)
    if folded.isascii():
        return folded
    out = []
    for ch in folded:
        if ch.isascii() or not ch.isalpha():
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch)
        letters = [b for b in base if not unicodedata.combining(b)]
        out.append("".join(letters) if letters and all(b.isascii() for b in letters) else ch)
    return "".join(out)


def has_lookalikes(text: str) -> bool:
    return any(ch in _NON_LATIN_LOOKALIKE for ch in text)


def fold_mixed_script_words(text: str) -> str:
    """Fold look-alikes only inside words that also hold Latin letters (safe for free text)."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if has_lookalikes(word) and any("a" <= c.lower() <= "z" for c in word):
            return word.translate(_LOOKALIKES)
        return word

    return re.sub(r"\w+", fix, text)


def strip_markup(text: str) -> str:
    return _TAG.sub("", text)


_SOFT_HYPHEN = re.compile("\u00ad\\s*")  # invisible unless a line breaks there: the word goes on


def clean_text(text: str | None) -> str:
    r"""Markup stripped, soft hyphens taken out (the word joined again), whitespace collapsed, ends
    trimmed.

    >>> clean_text("decarbon\u00ad\nisation  of  fleet")
    'decarbonisation of fleet'
    """
    if text is None:
        return ""
    return _WS.sub(" ", _SOFT_HYPHEN.sub("", strip_markup(text))).strip()


def header_key(text: str) -> str:
    """A header reduced for matching: folded, lower case, letters and digits only, single spaces."""
    text = fold_lookalikes(clean_text(text)).lower()
    text = re.sub(r"[^a-z0-9?]+", " ", text).strip()
    return text


def initials(label: str, skip: set[str] | frozenset[str], limit: int | None = None) -> str:
    """The capitals of a label's words, ``skip`` words left out: an ID prefix for a group.

    >>> initials("Energy and Buildings", {"and"})
    'EB'
    """
    words = [w for w in re.findall(r"[A-Za-z]+", label) if w.lower() not in skip]
    return "".join(w[0].upper() for w in words)[:limit] or "X"


def slug(text: str, sep: str = "-", limit: int | None = None, default: str = "x") -> str:
    """Lower-case letters and digits, every other run of characters one ``sep``.

    >>> slug("Leics County: 2023 plan!")
    'leics-county-2023-plan'
    """
    return re.sub(r"[^a-z0-9]+", sep, text.lower()).strip(sep)[:limit] or default
