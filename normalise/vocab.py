"""Controlled vocabularies: ratings, stages, RAG words, roles, timescales, months.

Each function takes a raw cell and returns ``(clean, rule)``; ``rule`` is None
when nothing changed and ``clean`` is None when the value is not in the
vocabulary (the caller keeps the source's words and writes a finding).

>>> canon_rating("м/н", ("L", "M", "H", "M/H"))
('M/H', 'lookalike_letters')
>>> canon_timescale("S/M- L", ("S", "M", "L"))
('S/M/L', 'timescale_format')
>>> canon_month("Apr-25")
('2025-04', 'month_iso')
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from .text import clean_text, fold_lookalikes, has_lookalikes

# Letters that a rating cell shows for L when the glyph was damaged.
_RATING_L_LOOKALIKES = {"I": "L", "ı": "L", "|": "L", "1": "L", "Ĺ": "L", "Ł": "L"}


def _norm_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold_lookalikes(clean_text(text)).lower()).strip()


def canon_rating(raw: str, ratings: tuple[str, ...]) -> tuple[str | None, str | None]:
    """Read an L/M/H rating, with look-alike letters and ranges (``M/H``)."""
    text = clean_text(raw)
    if not text:
        return None, None
    rule = "lookalike_letters" if has_lookalikes(text) or not text.isascii() else None
    parts = [p for p in re.split(r"[/\s,\-–]+", text) if p]
    out = []
    for part in parts:
        if part in _RATING_L_LOOKALIKES:
            out.append("L")
            rule = rule or "rating_l_lookalike"
            continue
        letter = fold_lookalikes(part).upper()
        if letter in {"LOW"}:
            letter = "L"
        elif letter in {"MEDIUM", "MED"}:
            letter = "M"
        elif letter in {"HIGH"}:
            letter = "H"
        out.append(letter)
    value = "/".join(out)
    if value != text and rule is None:
        rule = "rating_format"
    if ratings and value not in ratings:
        return None, None
    return value, rule


def canon_timescale(raw: str, scale: tuple[str, ...]) -> tuple[str | None, str | None]:
    """Read an ordinal timescale such as ``S``, ``S/M``, ``S/M/L`` in any spacing or case."""
    text = clean_text(raw)
    if not text:
        return None, None
    folded = fold_lookalikes(text).upper()
    letters = re.findall(r"[A-Z]+", folded)
    rule = None
    if not letters or any(x not in scale for x in letters):
        # OCR: a lost slash ('ML' for 'M/L'), a digit for its look-alike letter ('5' for 'S') or
        # a slash read as a letter ('SIM'), accepted only when every letter then is on the scale
        spelled = folded.translate(_OCR_SCALE)
        split = [ch for ch in re.sub(r"[^A-Z]", "", spelled)]
        if not split or any(len(run) > 3 for run in re.findall(r"[A-Z]+", spelled)):
            return None, None  # a word, not run-together scale letters
        if any(x not in scale for x in split):
            return None, None
        letters, rule = split, "ocr_lookalike"
    ordered = [s for s in scale if s in letters]
    value = "/".join(ordered)
    if value == text:
        return value, None
    return value, rule or ("lookalike_letters" if has_lookalikes(text) else "timescale_format")


# ... and a slash read as an 'I' ('sim' for S/M, a photographed page's thin slash): no scale
# letter, so between two of them it can only be the slash
_OCR_SCALE = str.maketrans({"5": "S", "$": "S", "1": "L", "|": "L", "I": "/"})


# An OCR-read cell of a closed vocabulary (stages, roles): a reading this close to one term, and
# this much closer to it than to any other, is that term with letters misread ('Orscovery' is
# Discovery at 78, Delivery at 59; 'Oesign' is Design at 83). Typed text keeps the 85 above.
OCR_CHOICE_SCORE = 70
OCR_CHOICE_MARGIN = 12


def canon_choice(
    raw: str, vocab: dict[str, tuple[str, ...]], min_score: float = 85, ocr: bool = False
) -> tuple[str | None, str | None]:
    """Map a cell to a vocabulary term by its synonyms, exact first, then fuzzy.

    Returns (canonical, rule) or (None, None).  An ``ocr`` cell also takes the one term it
    clearly reads as (``OCR_CHOICE_SCORE``, ``OCR_CHOICE_MARGIN``), rule ``ocr_vocabulary``:

    >>> stages = {"Discovery": (), "Design": (), "Delivery": (), "Completed": ()}
    >>> canon_choice("Orscovery", stages), canon_choice("Orscovery", stages, ocr=True)
    ((None, None), ('Discovery', 'ocr_vocabulary'))
    >>> canon_choice("Ocetvery", stages, ocr=True)  # as near Discovery as Delivery: left alone
    (None, None)
    >>> canon_choice("Discoveryuiscovery", stages, ocr=True)  # read twice over
    ('Discovery', 'ocr_vocabulary')
    >>> canon_choice("Discoveryuiscovery", stages)  # typed: as written, no term
    (None, None)
    >>> canon_choice("Design Delivery", stages, ocr=True)  # two terms: no one term
    (None, None)
    """
    text = clean_text(raw)
    if not text:
        return None, None
    # symbols (``●``, ``✔``, ``▲``) have no letters: they match as written
    key = _norm_word(text) or text
    choices: dict[str, str] = {}
    for canonical, synonyms in vocab.items():
        for syn in (canonical, *synonyms):
            choices[_norm_word(str(syn)) or str(syn).strip()] = canonical
    if key in choices:
        canonical = choices[key]
        if canonical == text:
            return canonical, None
        if has_lookalikes(text):
            return canonical, "lookalike_letters"
        return canonical, "vocabulary_synonym"
    if not key.isascii() and not any(ch.isalnum() for ch in key):
        return None, None
    match = process.extractOne(key, list(choices), scorer=fuzz.ratio, score_cutoff=min_score)
    if match:
        return choices[match[0]], "vocabulary_fuzzy"
    if ocr:
        # one term read twice over, the second time with a letter wrong ('Discoveryuiscovery': a
        # second reading of the cell's ink joined to the first)
        for choice, canonical in choices.items():
            if (
                len(choice) >= 4
                and key.startswith(choice)
                and fuzz.ratio(key[len(choice) :], choice) >= OCR_CHOICE_SCORE
            ):
                return canonical, "ocr_vocabulary"
        best: dict[str, float] = {}
        for choice, score, _ in process.extract(key, list(choices), scorer=fuzz.ratio, limit=None):
            best[choices[choice]] = max(best.get(choices[choice], 0.0), score)
        ranked = sorted(best.values(), reverse=True) + [0.0]
        if ranked[0] >= OCR_CHOICE_SCORE and ranked[0] - ranked[1] >= OCR_CHOICE_MARGIN:
            return max(best, key=lambda c: best[c]), "ocr_vocabulary"
    return None, None


def find_stages(raw: str, vocab: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """Stages named inside a cell that holds several (``MMLe - Delivery Ivanhoe - Design``).

    Returns (label, stage) pairs in reading order; the label is the text before each stage word.
    """
    text = clean_text(raw)
    words: dict[str, str] = {}
    for canonical, synonyms in vocab.items():
        for syn in (canonical, *synonyms):
            if " " not in syn:
                words[syn.lower()] = canonical
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.I
    )
    found = []
    last = 0
    for m in pattern.finditer(text):
        label = text[last : m.start()].strip(" -–:;,")
        found.append((label, words[m.group(1).lower()]))
        last = m.end()
    return found


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}


def canon_month(raw: str) -> tuple[str | None, str | None]:
    """``Apr-25`` or ``April 2025`` -> ``2025-04``; other words (``Ongoing``) return None."""
    text = clean_text(raw)
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return text, None
    m = re.fullmatch(r"([A-Za-z]{3,9})[\s\-/']*(\d{2}|\d{4})", text)
    if not m:
        return None, None
    month = _MONTHS.get(m.group(1)[:3].lower())
    if not month:
        return None, None
    year = int(m.group(2))
    year = year + 2000 if year < 100 else year
    return f"{year:04d}-{month:02d}", "month_iso"


def canon_objectives(raw: str) -> tuple[str | None, str | None]:
    """``1,2, 5`` -> ``1, 2, 5``; ``All`` stays; other words return None."""
    text = clean_text(raw)
    if not text:
        return None, None
    if text.lower() == "all":
        return ("All", None) if text == "All" else ("All", "vocabulary_synonym")
    nums = re.findall(r"\d+", text)
    if nums and re.fullmatch(r"[\d,\s;&and]+", text):
        value = ", ".join(nums)
        return value, (None if value == text else "list_format")
    return None, None
