"""Words OCR misread, put right from the document's own words.

A scan read at 150 dpi loses strokes: ``plan`` becomes ``pian``, ``recycling``
``recycung``, ``and`` ``arid``.  The same document usually spells the word right
many times elsewhere.  A word written once, which one of OCR's typical confusions
(``l``/``i``, ``rn``/``m``, ``li``/``u`` ...) turns into a word the document uses at
least three times, is read as that word.  Only OCR-read cells are touched, and
each change is a correction with its evidence; a word seen twice is left alone
(it may be what the council wrote).

A word of seven letters or more that is no English word (tesseract's own dictionary,
``english_words.txt.gz``) is also read as the one word that a single changed letter makes of it
(``Teduction``), first from the document's words, then from other plans'; ``product`` stays,
though the document writes ``produce``.

A short scan writes few words three times, so the words other councils' plans write
(``plan_words.txt``, made by ``tools/plan_words.py`` from the labelled edition pairs,
Leicestershire's left out) back the document up: a word the document writes at most once and
other plans never write, which one confusion turns into a word other plans write, is read as
that word.  The document's own words come first: with any candidate there, the list is not
asked.

>>> lexicon = Lexicon.from_texts(["the plan", "a plan", "our plan", "this pian"])
>>> lexicon.correct("Deliver the pian")
('Deliver the plan', [('pian', 'plan', 3)])
>>> Lexicon.from_texts(["one pian"]).correct("Deliver the pian")
('Deliver the plan', [('pian', 'plan', 0)])
>>> Lexicon.from_texts(["carbon reduction"] * 3).correct("carbon Teduction")
('carbon reduction', [('Teduction', 'reduction', 3)])
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# OCR's confusions, as (seen, meant); each is tried once at every place it occurs
_CONFUSIONS = (
    ("i", "l"),
    ("l", "i"),
    ("rn", "m"),
    ("m", "rn"),
    ("ri", "n"),
    ("n", "ri"),
    ("cl", "d"),
    ("d", "cl"),
    ("li", "h"),
    ("h", "li"),
    ("u", "li"),
    ("li", "u"),
    ("f", "t"),
    ("t", "f"),
    ("e", "c"),
    ("c", "e"),
    ("a", "o"),
    ("o", "a"),
    ("vv", "w"),
    ("t", "l"),
    ("l", "t"),
    ("f", "r"),
    ("r", "f"),
    ("ii", "u"),
)
_WORD = re.compile(r"[A-Za-z]{3,}")
MIN_SEEN = 3  # how often the document must write the meant word
# a word this long is put right from any one letter misread, not only the confusions above: one
# letter in seven or more leaves one word it can be, where in a short word it leaves several
MIN_LONG = 7


def _one_letter_off(low: str, known: Callable[[str], bool]) -> set[str]:
    """The known words ``low`` becomes with one letter changed."""
    return {
        candidate
        for i, ch in enumerate(low)
        for other in "abcdefghijklmnopqrstuvwxyz"
        if other != ch and known(candidate := low[:i] + other + low[i + 1 :])
    }


PLAN_WORDS_PATH = Path(__file__).with_name("plan_words.txt")


ENGLISH_WORDS_PATH = Path(__file__).with_name("english_words.txt.gz")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """English words of seven letters or more, from tesseract's dictionary
    (``english_words.txt.gz``, made by ``tools/english_words.py``)."""
    with gzip.open(ENGLISH_WORDS_PATH, "rt", encoding="utf-8") as fh:
        return frozenset(fh.read().split())


@lru_cache(maxsize=1)
def plan_words() -> frozenset[str]:
    """Words other councils' plans write (``plan_words.txt``)."""
    lines = PLAN_WORDS_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split()[0] for line in lines if line and not line.startswith("#"))


@dataclass(frozen=True)
class Lexicon:
    counts: Counter
    background: frozenset[str] = frozenset()

    @classmethod
    def from_texts(cls, texts: Iterable[str], background: bool = True) -> Lexicon:
        counts: Counter = Counter()
        for text in texts:
            counts.update(w.lower() for w in _WORD.findall(text))
        return cls(counts, plan_words() if background else frozenset())

    def _candidates(self, low: str, known: Callable[[str], bool]) -> set[str]:
        found = set()
        for seen, meant in _CONFUSIONS:
            start = low.find(seen)
            while start >= 0:
                candidate = low[:start] + meant + low[start + len(seen) :]
                if known(candidate):
                    found.add(candidate)
                start = low.find(seen, start + 1)
        return found

    def meant(self, word: str, mid_sentence: bool = False) -> tuple[str, int] | None:
        """The one word OCR's confusions turn ``word`` into that the document writes often (else
        that other plans write), with the document's count of it; else None.  A misread first
        letter says nothing of its case: mid-sentence the word is read in lower case."""
        low = word.lower()
        if self.counts.get(low, 0) > 1:
            return None
        often = lambda w: self.counts.get(w, 0) >= MIN_SEEN  # noqa: E731
        found = self._candidates(low, often)
        if not found and low not in self.background:
            found = self._candidates(low, lambda w: w in self.background)
        if (
            not found
            and len(low) >= MIN_LONG
            and low not in self.background
            and low not in english_words()
        ):
            # a long word with one letter misread in a way the list does not name ('Teduction');
            # an English word as read stays ('product' is no misread 'produce')
            found = _one_letter_off(low, often) or _one_letter_off(
                low, self.background.__contains__
            )
        if len(found) != 1:
            return None
        (candidate,) = found
        seen_times = self.counts.get(candidate, 0)
        if word[0].isupper() and not (mid_sentence and candidate[0] != low[0]):
            candidate = (
                candidate.upper() if word.isupper() else candidate[0].upper() + candidate[1:]
            )
        return candidate, seen_times

    def correct(self, text: str) -> tuple[str, list[tuple[str, str, int]]]:
        """``text`` with misread words replaced, and (seen, meant, count) for each change."""
        changes: list[tuple[str, str, int]] = []

        def swap(m: re.Match) -> str:
            before = text[: m.start()].rstrip()
            got = self.meant(m.group(0), mid_sentence=before[-1:].islower() or before[-1:] == ",")
            if got is None:
                return m.group(0)
            changes.append((m.group(0), got[0], got[1]))
            return got[0]

        return _WORD.sub(swap, text), changes


# A speck the engine read as a full stop: mid-sentence, after a word that is no abbreviation
_SPECK_STOP = re.compile(r"\b([A-Za-z]{3,})\.(?= [a-z])")
_ABBREVIATIONS = {"etc", "approx", "incl", "est", "ref", "misc", "nos", "dept", "govt"}
_SPACED_STOP = re.compile(r"(?<=[A-Za-z]) ([.,;:])(?= |$)")  # 'techniques .'
_DOUBLED_STOP = re.compile(r"(?<=[.,;:]) [.,;:](?= |$)")  # 'techniques. .'
_LETTER_DASH = re.compile(r"(?<= )([A-Za-z])- (?=[a-z]{2,})")  # 'Develop a- vision'
# one quote mark read in two shapes
_HALF_QUOTE = re.compile(r'"([^"\'\n]{1,80}?)\'(?=[\s.,;:)]|$)')
_TRAILING_DEBRIS = re.compile(r"(?<=[.!?\w)\"']) [»«|_~•*]+$")  # 'delivery. »'
# a speck before a word read as an opening quote that nothing closes ("battery 'storage.")
_UNCLOSED_QUOTE = re.compile(r"(?<=\s)['‘`](?=[a-z])(?![^'’]*[a-z]['’](?![a-z]))")


# each speck's pattern and what is kept of a match, applied in this order
_DEBRIS_RULES = (
    (_SPECK_STOP, lambda m: m.group(0) if m.group(1).lower() in _ABBREVIATIONS else m.group(1)),
    (_SPACED_STOP, lambda m: m.group(1)),
    (_DOUBLED_STOP, lambda m: ""),
    (_LETTER_DASH, lambda m: f"{m.group(1)} "),
    (_HALF_QUOTE, lambda m: f'"{m.group(1)}"'),
    (_TRAILING_DEBRIS, lambda m: ""),
    (_UNCLOSED_QUOTE, lambda m: ""),
)


def ocr_debris(text: str) -> tuple[str, list[tuple[str, str]]]:
    r"""``text`` without the specks OCR reads as punctuation, and (seen, kept) for each change.

    >>> ocr_debris("through the Grants. programme .")
    ('through the Grants programme.', [('Grants.', 'Grants'), (' .', '.')])
    >>> ocr_debris('campaigns such as "Love Food Hate Waste' + "'")[0]
    'campaigns such as "Love Food Hate Waste"'
    >>> ocr_debris("Develop a- vision and techniques. .")[0]
    'Develop a vision and techniques.'
    >>> ocr_debris("the council's plan")[0]
    "the council's plan"
    >>> ocr_debris("solar panels and battery 'storage.")[0]
    'solar panels and battery storage.'
    >>> ocr_debris("the 'green travel' plan")[0]
    "the 'green travel' plan"
    """
    changes: list[tuple[str, str]] = []
    for pattern, kept in _DEBRIS_RULES:

        def sub(m: re.Match, kept=kept) -> str:
            new = kept(m)
            if new != m.group(0):
                changes.append((m.group(0), new))
            return new

        text = pattern.sub(sub, text)
    return text, changes
