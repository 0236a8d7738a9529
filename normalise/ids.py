"""Action IDs: reading them out of cells and repairing damaged ones from the sequence.

>>> from actionplans.profile import load_profile
>>> read_id_cell("Т1", load_profile("base")).action_id
'T1'
>>> read_id_cell("50 ✓", load_profile("cambs-cces")).rest
'✓'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..profile import Profile
from .text import clean_text, fold_lookalikes, has_lookalikes

_TOKEN = re.compile(
    r"^((?:[A-Za-z]{1,4}[.\-]|[A-Za-z]{0,4})\d{1,3}(?:\.\d{1,3}){0,2}[A-Za-z]?)\.?(?=\s|$|[^\w.])\s*(.*)$",
    re.S,
)
_SPLIT_ID = re.compile(r"^([A-Z]*[.\-]?)(\d+)$")


@dataclass
class IdCell:
    action_id: str | None  # canonical ID if the cell holds a valid one
    token: str | None  # the ID-like token as written (raw, before folding)
    rest: str  # text after the ID in the same cell (a merged neighbour cell)
    rule: str | None  # why the canonical form differs from the token


# OCR's letter-for-digit confusions (issue 7): a letter read where the ID pattern wants a digit
_OCR_DIGITS = {
    "O": "0",
    "o": "0",
    "D": "0",
    "Q": "0",
    "I": "1",
    "L": "1",  # a serif 1 whose foot reads as an L ('DML.I' for DM1.1, 'EAL' for EA1)
    "l": "1",
    "i": "1",
    "|": "1",
    "!": "1",
    "Z": "2",
    "z": "2",
    "S": "5",
    "s": "5",
    "$": "5",
    "§": "5",
    "G": "6",
    "b": "6",
    "é": "6",
    "B": "8",
    "&": "8",
    "g": "9",
    "q": "9",
}


# ... and its lower-case letter confusions inside an ID's prefix ('Lec.1' for 'LCC.1')
_OCR_LETTERS = {"e": "c", "c": "e", "a": "o", "n": "h", "h": "n", "u": "v", "v": "u"}


def ocr_id_reading(token: str, profile: Profile, drop_letters: bool = True) -> str | None:
    """The one ID the profile accepts when letters OCR confuses with digits are read as digits.

    ``RS`` -> ``R5``, ``Ri`` -> ``R1``, ``RI1`` -> ``R11``, ``Lec.1`` -> ``LCC.1``; a word of
    more than four letters is no ID (``Energy``, whose ``g`` reads as ``9``).  The first
    character is kept (IDs start with their prefix), at least one character is changed, and
    the reading with the fewest changes wins; ``None`` when none or two equally good readings
    match.  ``drop_letters``: a letter too many may be left out (``Lcec.6``), a dearer reading.
    """
    if not 2 <= len(token) <= 7 or profile.matches_id(token.upper()):
        return None
    if token.isalpha() and len(token) > 4:
        # a word, not an ID whose digits were all misread (``Energy`` would read as ``ENER9Y``)
        return None
    best = _swap_readings(token, profile)
    if not best and drop_letters:
        # one letter too many in the prefix ('Lcec.6' for 'LCC.6'): each letter after the
        # first left out in turn, a dearer reading than any swap
        for i in range(1, len(token)):
            if token[i].isalpha():
                shorter = token[:i] + token[i + 1 :]
                hit = shorter.upper() if profile.matches_id(shorter.upper()) else None
                best += (
                    [(1, hit)] if hit else [(1 + n, c) for n, c in _swap_readings(shorter, profile)]
                )
    best.sort()
    if not best or (len(best) > 1 and best[0][0] == best[1][0] and best[0][1] != best[1][1]):
        return None
    return best[0][1]


def _swap_readings(token: str, profile: Profile) -> list[tuple[int, str]]:
    """(changes, ID) for each reading of ``token`` with confusable letters swapped that the profile
    accepts."""
    swaps = {**_OCR_LETTERS, **_OCR_DIGITS}
    spots = [i for i, ch in enumerate(token) if i > 0 and ch in swaps]
    if not spots or len(spots) > 5:
        return []
    out: list[tuple[int, str]] = []
    for mask in range(1, 2 ** len(spots)):
        chars = list(token)
        for k, i in enumerate(spots):
            if mask >> k & 1:
                chars[i] = swaps[chars[i]]
        candidate = "".join(chars).upper()
        if profile.matches_id(candidate):
            out.append((bin(mask).count("1"), candidate))
    return out


# a mark OCR read for an ID's dot, between two of its characters ('PM1,2', 'PMI>2')
_MISREAD_DOT = re.compile(r"(?<=[A-Za-z0-9])[,:;>·•'](?=[A-Za-z0-9])")
# a speck read beside an ID's dot ('LCC ,.3', 'PM1.,2'): no ID writes two marks together
_DOT_SPECK = re.compile(r"[,:;·•'`‘’]+(?=\.)|(?<=\.)[,:;·•'`‘’]+")
# a token that looks like a code rather than a word: a digit, a dot, or two capitals
_CODE_LIKE = re.compile(r"\d|\.|[A-Z].*[A-Z]")
# a speck OCR read as a quote or stop before an ID ('" B21'), or a cell's edge read as an opening
# bracket ('(LD1.2' on a photographed page)
_LEADING_SPECK = re.compile(r"^(?:[\"'‘’“”`,.]+|[(\[{](?![^)\]}]*[)\]}]))\s*(?=[A-Za-z0-9])")


def read_id_cell(text: str, profile: Profile) -> IdCell:
    raw = clean_text(text)
    folded = fold_lookalikes(raw)
    speck = _LEADING_SPECK.match(folded)
    if speck:
        cut = read_id_cell(folded[speck.end() :], profile)
        if cut.action_id:
            return IdCell(
                cut.action_id, raw[: speck.end()] + (cut.token or ""), cut.rest, "ocr_speck"
            )
    m = _TOKEN.match(folded)
    if (not m or not profile.matches_id(m.group(1).upper())) and folded:
        # the whole cell is one damaged ID, perhaps with a space read into it ('Lec. 3')
        joined = "".join(folded.split())
        as_written = "".join(raw.split())  # before folding: 'é' is OCR's '6', not an 'e'
        if len(joined) <= 7:
            spaced = profile.matches_id(joined.upper())
            reading = joined.upper() if spaced else ocr_id_reading(joined, profile)
            if reading is None and " " not in folded.strip():
                reading = ocr_id_reading(as_written, profile)
            if reading:
                return IdCell(reading, raw.strip(), "", "id_spacing" if spaced else "ocr_lookalike")
        spelt = _spelt_out(folded)
        if spelt and profile.matches_id(spelt):
            return IdCell(spelt, raw.strip(), "", "id_spacing")
        # its dot read as another mark between two digits or letters ('PM1,2', 'PMI > 2')
        dotted = _MISREAD_DOT.sub(".", _DOT_SPECK.sub("", joined))
        if dotted != joined and len(dotted) <= 7:
            upper = dotted.upper()
            reading = upper if profile.matches_id(upper) else ocr_id_reading(dotted, profile)
            if reading:
                return IdCell(reading, raw.strip(), "", "ocr_lookalike")
        # a damaged ID with text after it ('DML.I _business': a stray word of the action's text
        # read into the ID cell); the first word must look like a code (a digit, a dot, or two
        # capitals), not a word that happens to read as one ('Is' as I5)
        words = folded.split(maxsplit=1)
        if len(words) == 2 and len(words[0]) <= 7 and _CODE_LIKE.search(words[0]):
            # letters swapped only: with one left out, 'RAG' of a legend's 'RAG rating' is R6
            reading = ocr_id_reading(words[0], profile, drop_letters=False)
            if reading:
                token_raw = raw.strip().split(maxsplit=1)[0]
                return IdCell(reading, token_raw, clean_text(words[1]), "ocr_lookalike")
    if not m:
        return IdCell(None, None, raw, None)
    token_folded, rest = m.group(1), m.group(2).strip()
    token_raw = raw[: len(token_folded)]
    candidate = token_folded.upper()
    rule = None
    if has_lookalikes(token_raw):
        rule = "lookalike_letters"
    elif candidate != token_folded:
        rule = "id_case"
    if profile.matches_id(candidate):
        return IdCell(candidate, token_raw, rest, rule)
    return IdCell(None, token_raw, rest, None)


def _spelt_out(text: str) -> str | None:
    """An ID OCR read one character at a time with specks between (``D wa M vs 1 . 7``): its
    characters joined, the specks (small letters only, read between them) left out; None when
    the cell is no such reading."""
    tokens = text.split()
    kept = [t for t in tokens if not (t.isalpha() and t.islower())]
    if len(tokens) < 4 or len(kept) == len(tokens) or any(len(t) > 2 for t in kept):
        return None
    joined = "".join(kept).upper()
    return joined if 2 <= len(joined) <= 7 else None


def last_number(action_id: str) -> tuple[str, int] | None:
    """``F1.2`` -> ("F1.", 2): the ID up to its last number, and that number."""
    m = re.match(r"^(.*?)(\d+)$", action_id)
    return (m.group(1), int(m.group(2))) if m else None


def ocr_shape(token: str) -> str:
    """What OCR cannot tell apart taken as one: dots and dashes gone, each letter read for a digit
    the digit (``Fl.4`` and ``F1.4`` are both ``F14``)."""
    return "".join(
        _OCR_DIGITS.get(ch, _OCR_DIGITS.get(ch.lower(), ch)).upper()
        for ch in token
        if ch not in ".-, "
    )


def split_id(action_id: str) -> tuple[str, int] | None:
    """``B11`` -> ("B", 11); ``LCC.3`` -> ("LCC.", 3); ``F1.2`` -> None (hierarchical)."""
    m = _SPLIT_ID.match(action_id)
    return (m.group(1), int(m.group(2))) if m else None


def repair_from_sequence(
    token: str,
    prev_id: str | None,
    next_id: str | None,
    profile: Profile,
    steps: tuple[int, int] = (1, 1),
) -> tuple[str | None, str | None]:
    """Read a damaged ID (``811``) as the one its neighbours imply (``B11`` between B10 and B12).
    ``steps``: how many rows up and down the neighbours are (2 where a row whose ID fits no
    pattern lies between: ``Ea`` two rows under E2 is E4).

    Returns (repaired ID, evidence) or (None, None) when the neighbours do not agree.
    """
    sides = ((prev_id, steps[0]), (next_id, -steps[1]))
    expected: set[str] = set()
    for neighbour, step in sides:
        parts = split_id(neighbour) if neighbour else None
        if parts and parts[1] + step > 0:
            expected.add(f"{parts[0]}{parts[1] + step}")
    token = fold_lookalikes(token).upper()
    # the token itself, and each reading with one digit taken for the letter it resembles
    candidates = {token} | {
        token[:i] + profile.digit_letters[ch] + token[i + 1 :]
        for i, ch in enumerate(token)
        if ch in profile.digit_letters
    }
    hits = sorted(c for c in candidates & expected if profile.matches_id(c))
    evidence = f"neighbours {prev_id or '-'} and {next_id or '-'}"
    if len(hits) == 1:
        return hits[0], evidence
    # one letter of the prefix read as a symbol ('£32' for E32): the token is the one ID the
    # neighbours imply but for that character (a digit for a letter needs the profile's
    # digit_letters, above: '811' between T10 and T12 is no T11)
    if len(expected) == 1:
        (want,) = expected
        diff = [i for i, (a, b) in enumerate(zip(token, want, strict=False)) if a != b]
        if (
            len(token) == len(want)
            and profile.matches_id(want)
            and len(diff) == 1
            and want[diff[0]].isalpha()
            and not token[diff[0]].isalnum()
        ):
            return want, evidence
    # a numbered ID (``F1.3``) that OCR read with its dot lost or its digits as letters ('F13',
    # 'FLS' between F1.4 and F1.6): the one ID the neighbours imply that it looks like
    numbered = {
        f"{parts[0]}{parts[1] + step}"
        for neighbour, step in sides
        if neighbour and (parts := last_number(neighbour)) and parts[1] + step > 0
    }
    alike = sorted(
        c for c in numbered if profile.matches_id(c) and ocr_shape(c) == ocr_shape(token)
    )
    if len(alike) == 1 and token[:1] == alike[0][:1]:
        return alike[0], evidence
    # both neighbours name the same ID and the token is that ID's prefix with a damaged
    # number ('RW' between R10 and R12, as OCR reads a blurred '11')
    if len(expected) == 1 and prev_id and next_id:
        (want,) = expected
        parts = split_id(want)
        if (
            parts
            and profile.matches_id(want)
            and token.startswith(parts[0])
            and 0 < len(token) - len(parts[0]) <= len(str(parts[1])) + 1
            and not any(ch.isdigit() for ch in token[len(parts[0]) :])
        ):
            return want, evidence
    # the token is the letters of the one ID a neighbour implies, its number damaged past reading
    # ('CEL' above CE1.2, a blurred '1.1'; the first of its section, or of the page)
    lettered = [
        want
        for want in numbered
        if (letters := re.match(r"[A-Z]+", want))
        and profile.matches_id(want)
        and token.startswith(letters.group())
        and 0 < len(token) - letters.end() <= len(want) - letters.end()
        and not any(ch.isdigit() for ch in token[letters.end() :])
    ]
    if len(lettered) == 1:
        return lettered[0], evidence
    # an ID damaged past any of the readings above ('4o' for T6 at the top of a scanned page):
    # the rows just above and below name the same ID, and the token is a scrap as long as it,
    # of letters and digits but not in an ID's order (no word, no number, no other series'
    # ID such as F32; the caller checks the plan prints that ID nowhere else)
    if len(expected) == 1 and prev_id and next_id and steps == (1, 1):
        (want,) = expected
        if (
            profile.matches_id(want)
            and len(token) == len(want)
            and token.isalnum()
            and any(ch.isdigit() for ch in token)
            and any(ch.isalpha() for ch in token)
            and not re.fullmatch(r"[A-Z]+[0-9.]+[A-Z]?", token)
        ):
            return want, evidence
    # one letter more than the one ID both neighbours imply ('LBD1.2' between LD1.1 and LD1.3: a
    # stroke of the cell's edge or of a letter beside it read into the ID)
    if len(numbered) == 1 and prev_id and next_id and steps == (1, 1):
        (want,) = numbered
        if profile.matches_id(want) and one_letter_more(token, want):
            return want, evidence
    return None, None


def one_letter_more(token: str, want: str) -> bool:
    """``token`` is ``want`` with one letter put in (``LBD1.2`` for LD1.2).

    >>> one_letter_more("LBD1.2", "LD1.2"), one_letter_more("LD1.22", "LD1.2")
    (True, False)
    """
    return len(token) == len(want) + 1 and any(
        ch.isalpha() and token[:i] + token[i + 1 :] == want for i, ch in enumerate(token)
    )
