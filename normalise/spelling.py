"""Words OCR misread, put right from the document's own words.

A scan read at 150 dpi loses strokes: ``plan`` becomes ``pian``, ``recycling``
``recycung``, ``and`` ``arid``.  The same document usually spells the word right
many times elsewhere.  A word written once, which one of OCR's typical confusions
(``l``/``i``, ``rn``/``m``, ``li``/``u`` ...) turns into a word the document uses at
least three times, is read as that word.  Only OCR-read cells are touched, and
each change is a correction with its evidence; a word seen twice is left alone
(it may be what the council wrote).

A soft ``a`` reads as ``u`` (``curbon``, ``und``), a soft ``s`` as ``a`` (``treea``) and a soft
``tr`` as ``u`` (``uavel``): those confusions are tried only on a word no plan writes (``run`` is
no misread ``ran``).

A phone photo's soft strokes run ``ti`` together: a ``-tion`` read ``-ton`` or ``-bon``
(``informaton``, ``organisabons``), and elsewhere a ``b`` for ``ti`` (``parbcipation``), the
latter only in a word that is no English word (``bed`` is no misread ``tied``).

A word of seven letters or more that is no English word (tesseract's own dictionary,
``english_words.txt.gz``) is also read as the one word that a single changed letter makes of it
(``Teduction``), first from the document's words, then from other plans'; ``product`` stays,
though the document writes ``produce``.

Last, such a word that is no English word and that neither the document nor other plans put
right is read as the one English word of seven letters or more that one of OCR's confusions
makes of it (``metenng``, ``intelhgence``: a photographed page of small print misreads more
words than the document writes twice).  A letter left out is not put back (``efficency`` is
how councils misspell, and the scan must say what they printed); nor is another form of the
word taken (``reframed``/``reframe``, British ``-ise``/American ``-ize``), nor a capitalised
word mid-sentence changed (a name: ``Loxford``).  Two readings of such a word are no evidence
that the council wrote it: a non-English long word written twice is still put right
(``tunding`` twice, a letter misread the same way).  A word cut in two whose pieces are no
words and make one is joined (``logist ics``), and an ``l`` read as ``!`` put back.

A capital drawn as its small letter larger (C, O, S, V, W, X, Z) is told from it by size alone,
and OCR reads one for the other: such a word read with a capital between two small words
(``the council's Own operational``), in no title, is read small where other plans seldom write
it so (``plan_words.txt``'s third column).  A word cut in two by a letter left unread
(``Inve tigate``) is joined with the letters that make it a word, and a long non-word with one
letter read for two (``wansport``) is the word the document or other plans write.

A short scan writes few words three times, so the words other councils' plans write
(``plan_words.txt``, made by ``tools/plan_words.py`` from the labelled edition pairs,
Leicestershire's left out) back the document up: a word the document writes at most once and
other plans never write, which one confusion turns into a word other plans write, is read as
that word.  The document's own words come first: with any candidate there, the list is not
asked; and a word English has (tesseract's dictionary, ``short_english_words.txt.gz``) is not
taken for another by an ``a`` read for an ``o`` or back: ``pian`` is read as ``plan``, but
``forms`` stays, though other plans write ``farms`` and the page does not.

>>> lexicon = Lexicon.from_texts(["the plan", "a plan", "our plan", "this pian"])
>>> lexicon.correct("Deliver the pian")
('Deliver the plan', [('pian', 'plan', 3)])
>>> Lexicon.from_texts(["one pian"]).correct("Deliver the pian")
('Deliver the plan', [('pian', 'plan', 0)])
>>> Lexicon.from_texts(["one word"]).correct("spend control forms")
('spend control forms', [])
>>> Lexicon.from_texts(["carbon reduction"] * 3).correct("carbon Teduction")
('carbon reduction', [('Teduction', 'reduction', 3)])
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
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
    ("j", "l"),
    ("u", "ti"),  # a serif face's 't' and 'i' run together at 150-200 dpi ('acuons', 'reducuon')
    # a phone photo's soft serif strokes: a 't' read for an 'i' ('tmpact'), 'ti' for 'n'
    # ('Invesngate'), an 'l' after an 'i' read as 'ri' or 'ti' ('buriding', 'butiding')
    ("t", "i"),
    ("n", "ti"),
    ("ri", "il"),
    ("ti", "il"),
    # and a '-tion' whose 'ti' ran into one stroke ('acton', 'informaton') or into a 'b'
    # ('organisabons', 'consumpbon'): in that ending only, where no English word is undone
    ("ton", "tion"),
    ("bon", "tion"),
    ("b", "ti"),  # elsewhere ('parbcipation'), in a word English does not have (_NO_WORD_ONLY)
    # a soft 'a' whose bowl closed at the top read as 'u' ('curbon', 'und'), a soft 's' read
    # as 'a' ('treea', 'householdera'): in a word no plan writes (_UNPLANNED_ONLY)
    ("u", "a"),
    ("a", "s"),
    ("u", "tr"),  # ... and a soft 'tr' run into a 'u' ('uavel', 'uansport', 'Suategy')
    # the first 'f' of 'ff' read as 'l', its bar lost in the second's ('stalf'): in a word no
    # plan writes (not any 'l' for an 'f': 'sale' is no misread 'safe')
    ("lf", "ff"),
)
# confusions tried only on a word that is no English word: a 'b' for 'ti' would make 'bed' 'tied'
_NO_WORD_ONLY = (("b", "ti"),)
# ... and only on a word no plan writes (tesseract's list of short words has 'und'; plans write
# 'run' and 'full', which are no misread 'ran' and 'fall')
_UNPLANNED_ONLY = (("u", "a"), ("a", "s"), ("u", "tr"), ("lf", "ff"))
_WORD = re.compile(r"[A-Za-z]{3,}")
_PIECE = re.compile(r"[A-Za-z]+")
_BANG_L = re.compile(r"\b([A-Za-z]{2,})!(?=[\s.,;:)]|$)")
MIN_SEEN = 3  # how often the document must write the meant word
# a word this long is put right from any one letter misread, not only the confusions above: one
# letter in seven or more leaves one word it can be, where in a short word it leaves several
MIN_LONG = 7
_VOWEL_SWAPS = (("a", "o"), ("o", "a"))


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_letter_off(low: str, known: Callable[[str], bool]) -> set[str]:
    """The known words ``low`` becomes with one letter changed."""
    return {
        candidate
        for i, ch in enumerate(low)
        for other in _LETTERS
        if other != ch and known(candidate := low[:i] + other + low[i + 1 :])
    }


def _one_for_two(low: str, known: Callable[[str], bool]) -> set[str]:
    """The known words ``low`` becomes with one letter read for two others, neither of them the
    letter read (that would be a letter left out, which is how councils misspell)."""
    return {
        candidate
        for i, ch in enumerate(low)
        for x in _LETTERS
        for y in _LETTERS
        if ch not in (x, y) and known(candidate := low[:i] + x + y + low[i + 1 :])
    }


def _same_word_otherwise(low: str, candidate: str) -> bool:
    """``candidate`` differs from ``low`` only in an ending (``Bootcamps``/``Bootcamp``,
    ``reframed``/``reframe``) or in British spelling (``localising``/``localizing``): another
    form of what was written, not a misreading of it.  A letter misread for another of the same
    place is no other ending (``individuats``/``individuals``)."""
    ending = len(low) != len(candidate) and low[-2:] != candidate[-2:]
    return ending or candidate.replace("z", "s") == low


PLAN_WORDS_PATH = Path(__file__).with_name("plan_words.txt")


ENGLISH_WORDS_PATH = Path(__file__).with_name("english_words.txt.gz")
SHORT_ENGLISH_WORDS_PATH = Path(__file__).with_name("short_english_words.txt.gz")


def _word_list(path: Path) -> frozenset[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return frozenset(fh.read().split())


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """English words of seven letters or more, from tesseract's dictionary
    (``english_words.txt.gz``, made by ``tools/english_words.py``)."""
    return _word_list(ENGLISH_WORDS_PATH)


@lru_cache(maxsize=1)
def short_english_words() -> frozenset[str]:
    """English words of three to six letters, from the same dictionary
    (``short_english_words.txt.gz``)."""
    return _word_list(SHORT_ENGLISH_WORDS_PATH)


@lru_cache(maxsize=1)
def _plan_word_counts() -> dict[str, tuple[int, int]]:
    """Per word of ``plan_words.txt``: how often other plans write it, and how often with a
    capital mid-sentence."""
    lines = PLAN_WORDS_PATH.read_text(encoding="utf-8").splitlines()
    out = {}
    for line in lines:
        if line and not line.startswith("#"):
            word, count, capitals = line.split()
            out[word] = (int(count), int(capitals))
    return out


@lru_cache(maxsize=1)
def plan_words() -> frozenset[str]:
    """Words other councils' plans write (``plan_words.txt``)."""
    return frozenset(_plan_word_counts())


def mid_sentence_capitals(text: str) -> list[str]:
    """The words ``text`` writes with a capital mid-sentence, after a word in small letters or a
    comma (``Council`` in 'the Council will'; not a sentence's first word, nor a name's second),
    in lower case.

    >>> mid_sentence_capitals("Work with the Council, Schools and our own partners. Own it")
    ['council', 'schools']
    """
    out = []
    for m in _WORD.finditer(text):
        word = m.group(0)
        if word[0].isupper() and word[1:].islower() and _mid_sentence(text, m.start()):
            out.append(word.lower())
    return out


def _mid_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` in ``text`` stands mid-sentence: after a word in small letters
    (``the``, ``council's``; not ``Recovery`` in a name) or a comma.  Only the text just before
    it is looked at (a long cell is not split again for each of its words)."""
    end = at
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    last = text[start:end].lstrip("([\"'‘“")
    return last.endswith(",") or (last[:1].islower() and last[-1:] not in ".!?:;")


# capitals OCR tells from small letters by size alone (the same stroke drawn larger); P, p and
# their descender are told by the ink (extract.ocr.page._letter_case)
_SIZE_ONLY_CAPITALS = "COSVWXZ"
# a word other plans write this often, and with a capital mid-sentence at most this share of it,
# is a small letter misread where it is read with one between two small words
CASE_MIN_COUNT = 4
CASE_MAX_CAPITAL_SHARE = 0.12
_CAPITALISED = re.compile(rf"\b([{_SIZE_ONLY_CAPITALS}][a-z]{{2,}})\b(?=(\s+)?(.?))")


# the small words a title leaves small between its capitalised ones ('Heat as a Service')
_TITLE_SMALL_WORDS = frozenset("a an the of and as for to in on at by with or &".split())


def _in_title(back: list[str], ahead: list[str]) -> bool:
    """Whether a capitalised word between the words ``back`` (nearest first) and ``ahead``
    stands in a title: the nearest word either way that is no small word of a title is
    capitalised ('the Value of Trees project', 'Local Authority and Schools catering')."""
    for words, backwards in ((back, True), (ahead, False)):
        at = next(
            (
                k
                for k, w in enumerate(words)
                if w.strip("(),.;:\"'‘’“”").lower() not in _TITLE_SMALL_WORDS
            ),
            None,
        )
        if at is None or not words[at].lstrip("(\"'‘“")[:1].isupper():
            continue
        # a sentence's first word is capitalised for that ('Engage with Staff to')
        opens = backwards and (at + 1 == len(words) or words[at + 1][-1:] in ".!?:;")
        if not opens:
            return True
    return False


@dataclass(frozen=True)
class Lexicon:
    counts: Counter
    background: frozenset[str] = frozenset()
    capitals: Counter = field(default_factory=Counter)  # the document's mid_sentence_capitals

    @classmethod
    def from_texts(cls, texts: Iterable[str], background: bool = True) -> Lexicon:
        counts: Counter = Counter()
        capitals: Counter = Counter()
        for text in texts:
            words = _WORD.findall(text)
            counts.update(w.lower() for w in words)
            capitals.update(mid_sentence_capitals(text))
        return cls(counts, plan_words() if background else frozenset(), capitals)

    def _small_letters(self, text: str, changes: list[tuple[str, str, int]]) -> str:
        """``text`` with a small first letter read as its capital put back (``the council's Own
        operations``, ``natural Capital in``): a word whose capital differs from its small
        letter by size alone (C, O, S, V, W, X, Z), read with a capital between two small words
        (after a word in small letters or a comma, before a small word or a stop), that other plans
        write often and seldom with a capital there, and that this document writes with one
        nowhere else.  A name runs on in capitals (``Home Office``, ``Carbon Trust``), and a
        title leaves its small words small between them (``the Value of Trees project``): a
        capitalised word the nearest way either side, not a sentence's first, keeps the word's.
        """
        if not self.background:
            return text
        counts = _plan_word_counts()

        def small(m: re.Match) -> str:
            word, low, after = m.group(1), m.group(1).lower(), m.group(3)
            written, capitalised = counts.get(low, (0, 0))
            # the counts first: the words about it are split only for a word they let through
            if (
                written < CASE_MIN_COUNT
                or capitalised > CASE_MAX_CAPITAL_SHARE * written
                or self.capitals.get(low, 0) > 1
                or (after and not (after.islower() or after in ".,;:)"))
                or not _mid_sentence(text, m.start())
                or _in_title(text[: m.start()].split()[::-1], text[m.end() :].split())
            ):
                return word
            changes.append((word, low, self.counts.get(low, 0)))
            return low

        return _CAPITALISED.sub(small, text)

    def _candidates(
        self, low: str, known: Callable[[str], bool], skip: Sequence[tuple[str, str]] = ()
    ) -> set[str]:
        found = set()
        for seen, meant in _CONFUSIONS:
            if (seen, meant) in skip:
                continue
            start = low.find(seen)
            while start >= 0:
                candidate = low[:start] + meant + low[start + len(seen) :]
                if known(candidate):
                    found.add(candidate)
                start = low.find(seen, start + 1)
        return found

    def _twice_confused(self, low: str, known: Callable[[str], bool]) -> set[str]:
        """The known words two of OCR's confusions, one after the other, turn ``low`` into."""
        once = self._candidates(low, lambda _w: True)
        return {w for c in once for w in self._candidates(c, known)} - {low}

    def meant(self, word: str, mid_sentence: bool = False) -> tuple[str, int] | None:
        """The one word OCR's confusions turn ``word`` into that the document writes often (else
        that other plans write), with the document's count of it; else None.  A misread first
        letter says nothing of its case: mid-sentence the word is read in lower case."""
        low = word.lower()
        foreign = len(low) >= MIN_LONG and low not in self.background and low not in english_words()
        # a word written twice may be what the council wrote, unless it is no word at all, long
        # or short ('nsk' twice on a photographed page: 'risk' with its 'ri' run together)
        english = english_words() if len(low) >= MIN_LONG else short_english_words()
        no_word = low not in self.background and low not in english
        if self.counts.get(low, 0) > (2 if no_word else 1):
            return None
        often = lambda w: self.counts.get(w, 0) >= MIN_SEEN  # noqa: E731
        english_only: tuple[tuple[str, str], ...] = () if no_word else _NO_WORD_ONLY
        if low in self.background or low in english_words():
            english_only += _UNPLANNED_ONLY
        found = self._candidates(low, often, skip=english_only)
        if not found and low not in self.background:
            # an English word is not taken for another by one vowel read for the other: an 'a' for
            # an 'o' turns English words into English words too often ('forms' is no misread
            # 'farms' because other plans write about farms and this page does not; 'past',
            # 'post'; 'mode', 'made'), where a stroke misread ('fight', 'pian') seldom does
            vowels = _VOWEL_SWAPS if low in short_english_words() else ()
            found = self._candidates(
                low, lambda w: w in self.background, skip=vowels + english_only
            )
        if not found and foreign:
            # a long word with one letter misread in a way the list does not name ('Teduction');
            # an English word as read stays ('product' is no misread 'produce')
            found = _one_letter_off(low, often) or _one_letter_off(
                low, self.background.__contains__
            )
        if not found and foreign:
            # two letters run into one other ('wansport': a soft 'tr' read as 'w'); not a letter
            # left out beside one read ('efficency' is the council's typo, not 'efficiency')
            found = _one_for_two(low, often) or _one_for_two(low, self.background.__contains__)
        if not found and foreign:
            # two of the confusions in one long word ('aitematives', 'matenais' on a photographed
            # page), read as a word only this document's own frequent words back
            found = self._twice_confused(low, often)
        if not found and foreign and not (mid_sentence and word[0].isupper()):
            # last, English itself (a name mid-sentence, 'Loxford', is left alone), by one of the
            # confusions only.  Not any one letter changed: the dictionary lacks words councils
            # write ('insetting' is no misread 'inserting').  Not a letter added: a letter left
            # out is the council's own commonest typo ('efficency', 'opportunties'), and the
            # scan must say what the council printed
            found = self._candidates(low, english_words().__contains__)
            found = {w for w in found if not _same_word_otherwise(low, w)}
            # among several, the one this document or other plans write
            written = {w for w in found if self.counts.get(w) or w in self.background}
            found = written if len(found) > 1 and len(written) == 1 else found
        if len(found) != 1:
            return None
        (candidate,) = found
        seen_times = self.counts.get(candidate, 0)
        if word[0].isupper() and not (mid_sentence and candidate[0] != low[0]):
            candidate = (
                candidate.upper() if word.isupper() else candidate[0].upper() + candidate[1:]
            )
        return candidate, seen_times

    def _written(self, low: str) -> bool:
        """A word this document writes twice or more, other plans write, or English has."""
        return self.counts.get(low, 0) >= 2 or low in self.background or low in english_words()

    def _gap_filled(self, first: str, second: str) -> str | None:
        """The one word ``first`` + one or two letters + ``second`` make (``Inve tigate``,
        ``organi tions``: a photo's faint ``s`` left a gap, not a letter): first among the words
        this document writes twice or more, then among other plans' words, then in English."""
        fills = [*_LETTERS, *(x + y for x in _LETTERS for y in _LETTERS)]
        words = [(first + fill + second).lower() for fill in fills]
        for known in (
            lambda w: self.counts.get(w, 0) >= 2,
            self.background.__contains__,
            english_words().__contains__,
        ):
            found = {w for w in words if known(w)}
            if found:
                return found.pop() if len(found) == 1 else None
        return None

    def _joined(self, text: str, changes: list[tuple[str, str, int]]) -> str:
        """``text`` with each word OCR cut in two (``logist ics``) joined: the two pieces, of
        three letters or more, the second in lower case, make a word written here, in other plans
        or in English, and neither piece is one.  Where the pieces make no word, the one word
        that one or two letters between them make is taken: the gap was a letter left unread
        (a letter left out with no gap is the council's own typo, and stays)."""
        pieces = list(_PIECE.finditer(text))
        out, last, i = [], 0, 0
        while i < len(pieces) - 1:
            a, b = pieces[i], pieces[i + 1]
            joined = a.group(0) + b.group(0)
            cut = (
                text[a.end() : b.start()] == " "
                and len(a.group(0)) >= 3
                and len(b.group(0)) >= 3
                and b.group(0).islower()
                and not self._written(a.group(0).lower())
                and not self._written(b.group(0).lower())
            )
            if cut and not self._written(joined.lower()):
                filled = self._gap_filled(a.group(0), b.group(0))
                if filled is not None:
                    joined = a.group(0) + filled[len(a.group(0)) :]
            if cut and self._written(joined.lower()):
                out += [text[last : a.start()], joined]
                changes.append(
                    (text[a.start() : b.end()], joined, self.counts.get(joined.lower(), 0))
                )
                last, i = b.end(), i + 2
            else:
                i += 1
        return "".join(out) + text[last:]

    def correct(self, text: str) -> tuple[str, list[tuple[str, str, int]]]:
        """``text`` with misread words replaced, and (seen, meant, count) for each change."""
        changes: list[tuple[str, str, int]] = []

        text = self._joined(text, changes)

        def swap(m: re.Match) -> str:
            before = text[: m.start()].rstrip()
            got = self.meant(m.group(0), mid_sentence=before[-1:].islower() or before[-1:] == ",")
            if got is None:
                return m.group(0)
            changes.append((m.group(0), got[0], got[1]))
            return got[0]

        text = _WORD.sub(swap, text)
        text = self._small_letters(text, changes)

        def bang(m: re.Match) -> str:
            # 'contro!': an 'l' at a word's end read as '!' (the word with it is a known one)
            meant = m.group(1) + "l"
            low = meant.lower()
            if self.counts.get(low, 0) >= 1 or low in self.background or low in english_words():
                changes.append((m.group(0), meant, self.counts.get(low, 0)))
                return meant
            return m.group(0)

        return _BANG_L.sub(bang, text), changes


def evidence(seen: str, meant: str, times: int, seen_times: int = 1) -> str:
    """Why ``seen`` was read as ``meant``, for the correction's log (``times``: how often the
    document writes ``meant``, as :meth:`Lexicon.correct` gives it; ``seen_times``: how often it
    writes ``seen``)."""
    if seen.lower() == meant.lower():
        count, capitalised = _plan_word_counts().get(meant.lower(), (0, 0))
        return (
            f"{seen!r} read with a capital mid-sentence: other plans write {meant!r}"
            f" {count} times, with a capital there {capitalised} times; OCR tells"
            f" {seen[0]!r} from {meant[0]!r} by size alone"
        )
    if times >= MIN_SEEN:
        written = (
            "once" if seen_times <= 1 else "twice" if seen_times == 2 else f"{seen_times} times"
        )
        return f"{meant!r} is written {times} times in this document, {seen!r} {written}"
    if meant.lower() in plan_words():
        return (
            f"{seen!r} is written in no other council's plan;"
            f" OCR's confusions make it {meant!r}, which other plans write"
        )
    return (
        f"{seen!r} is no English word and no plan writes it; one OCR confusion or one letter"
        f" makes it {meant!r}, the one English word it can be"
    )


# A speck the engine read as a full stop: mid-sentence, after a word that is no abbreviation, of
# three letters or more or a two-letter word no one shortens ('such as. biodiversity',
# photographed; none of the project's hand-transcribed texts has such a word before a stop and a
# small letter, while 'e.g. hybrid' and 'eg. the' are common)
_SPECK_STOP = re.compile(
    r"\b([A-Za-z]{3,}|as|to|of|on|at|by|or|an|is|it|be|we|if|so|up|us)\.(?= [a-z])"
)
_ABBREVIATIONS = {"etc", "approx", "incl", "est", "ref", "misc", "nos", "dept", "govt"}
_SPACED_STOP = re.compile(r"(?<=[A-Za-z]) ([.,;:])(?= |$)")  # 'techniques .'
_DOUBLED_STOP = re.compile(r"(?<=[.,;:]) [.,;:](?= |$)")  # 'techniques. .'
_LETTER_DASH = re.compile(r"(?<= )([A-Za-z])- (?=[a-z]{2,})")  # 'Develop a- vision'
# one quote mark read in two shapes
_HALF_QUOTE = re.compile(r'"([^"\'\n]{1,80}?)\'(?=[\s.,;:)]|$)')
_TRAILING_DEBRIS = re.compile(r"(?<=[.!?\w)\"']) [»«|_~•*]+$")  # 'delivery. »'
# a speck between two words read as a symbol no sentence of a plan puts there ('31 March = 2026',
# 'carbon storage = benefits' on greyscale and photographed pages)
# (not '|', '«' or '»': OCR reads them for a letter, 'develop « Local' for 'develop a Local')
_LONE_SYMBOL = re.compile(r"(?<=[A-Za-z0-9,]) [=¦] (?=[A-Za-z0-9])(?<![0-9] [=¦] (?=[0-9]))")
# a dash between two words read as a tilde, which no sentence of a plan sets apart so ('action
# plan ~ to include'): the dash Word sets between words, an en dash
_LONE_TILDE = re.compile(r"(?<=[A-Za-z0-9,]) ~ (?=[A-Za-z0-9])")
# a speck read as an apostrophe in a word space ("the move'to a"): no contraction goes on so
# ('s, 't, 'd, 'm, 'll, 're, 've are left, as is a name's O')
_SPACE_QUOTE = re.compile(r"(?<=[a-z]{2})['’](?!(?:s|t|d|m|ll|re|ve)\b)(?=[a-z]{2,})")
# a shaded band's edge read at a cell's end as letter scraps about a lone underscore
# ('guidance ee _ oe', 'guidance a _ a -'), and a dash alone at a cell's end ('use. —', 'staff —')
_TRAILING_SCRAPS = re.compile(
    r"(?<=[.!?\w)\"'])(?: [a-z]{1,2})* [_~]+(?: (?:[a-z]{1,2}|[-–—_~]+))*$"
)
_TRAILING_DASH = re.compile(r"(?<=[\w.!?)\"']) [-–—]+$")
# a speck before a word read as an opening quote that nothing closes ("battery 'storage.")
_UNCLOSED_QUOTE = re.compile(r"(?<=\s)['‘`](?=[a-z])(?![^'’]*[a-z]['’](?![a-z]))")
# ... and at a cell's very start, before any word ("'Work with others to plan", photographed)
_OPENING_SPECK = re.compile(r"^['‘`](?=[A-Za-z])(?![^'’]*[A-Za-z]['’](?![a-z]))")


# a bracket read in the other shape: '(LEVI}', '{EAV)' (no plan's sentence writes a brace)
_BRACE_CLOSE = re.compile(r"\(([^(){}\n]{1,60})\}")
_BRACE_OPEN = re.compile(r"\{([^(){}\n]{1,60})\)")


# each speck's pattern and what is kept of a match, applied in this order
_DEBRIS_RULES = (
    (_SPECK_STOP, lambda m: m.group(0) if m.group(1).lower() in _ABBREVIATIONS else m.group(1)),
    (_SPACED_STOP, lambda m: m.group(1)),
    (_DOUBLED_STOP, lambda m: ""),
    (_LETTER_DASH, lambda m: f"{m.group(1)} "),
    (_HALF_QUOTE, lambda m: f'"{m.group(1)}"'),
    (_TRAILING_SCRAPS, lambda m: ""),
    (_TRAILING_DASH, lambda m: ""),
    (_TRAILING_DEBRIS, lambda m: ""),
    (_LONE_SYMBOL, lambda m: " "),
    (_LONE_TILDE, lambda m: " – "),
    (_SPACE_QUOTE, lambda m: " "),
    (_UNCLOSED_QUOTE, lambda m: ""),
    (_OPENING_SPECK, lambda m: ""),
    (_BRACE_CLOSE, lambda m: f"({m.group(1)})"),
    (_BRACE_OPEN, lambda m: f"({m.group(1)})"),
)


def ocr_debris(text: str) -> tuple[str, list[tuple[str, str]]]:
    r"""``text`` without the specks OCR reads as punctuation, and (seen, kept) for each change.

    >>> ocr_debris("through the Grants. programme .")
    ('through the Grants programme.', [('Grants.', 'Grants'), (' .', '.')])
    >>> ocr_debris("public goods such as. biodiversity, e.g. hybrid and eg. the")[0]
    'public goods such as biodiversity, e.g. hybrid and eg. the'
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
    >>> ocr_debris("report templates and guidance ee _ oe")[0]
    'report templates and guidance'
    >>> ocr_debris("for reports to use. —")[0]
    'for reports to use.'
    >>> ocr_debris("management for key staff —")[0]
    'management for key staff'
    >>> ocr_debris("a rise of 2 - 3")[0]
    'a rise of 2 - 3'
    >>> ocr_debris("by 31 March = 2026 as per the carbon storage = benefits")[0]
    'by 31 March 2026 as per the carbon storage benefits'
    >>> ocr_debris("review the action plan ~ to include new actions")[0]
    'review the action plan – to include new actions'
    >>> ocr_debris("Local Electric Vehicle Infrastructure (LEVI} fund")[0]
    'Local Electric Vehicle Infrastructure (LEVI) fund'
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
