"""Domain-aware tokens for comparing action texts.

Plans are rewritten between editions: "EV" becomes "Electric Vehicle",
"programme" is spelt "program", plurals come and go.  ``Tokeniser`` folds
look-alike letters, expands acronyms, maps US to UK spellings and synonyms,
drops stopwords and stems what is left, so that texts written differently
about the same thing share tokens.

>>> tok = Tokeniser.default()
>>> tok.tokens("Develop an EV strategy")
['ev', 'strategi']
>>> tok.tokens("Deliver the Electric Vehicles Charging Strategy")
['ev', 'charg', 'strategi']
>>> tok.normalise("  Electric-Vehicle   CHARGING ")
'electric vehicle charging'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..normalise.text import fold_lookalikes

VOCAB_PATH = Path(__file__).with_name("vocab.yaml")

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_SUFFIXES = (
    "isations", "izations", "isation", "ization", "ational", "ations", "ation",
    "ements", "ement", "ments", "ment", "ings", "ing", "ities", "ity", "ness",
    "ised", "ized", "ises", "izes", "ise", "ize", "able", "ible", "ies", "ied",
    "ers", "er", "ed", "es", "ly", "s",
)  # fmt: skip


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix-stripping stemmer (enough for plurals and -ing/-ed/-isation).

    >>> [stem(w) for w in ["vehicles", "vehicle", "strategies", "strategy", "planning", "plan"]]
    ['vehicl', 'vehicl', 'strategi', 'strategi', 'plan', 'plan']
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                continue
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                word += "i"
            break
    if word.endswith("y"):
        word = word[:-1] + "i"
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz" and word[-1].isalpha():
        word = word[:-1]
    return word


def normalise_text(text: str | None) -> str:
    """Lower case, look-alike letters folded, punctuation to spaces (the rapidfuzz ``processor``).

    >>> normalise_text("Т18: EV-Strategy (2024)")
    't18 ev strategy 2024'
    """
    if not isinstance(text, str) or not text:
        return ""
    text = fold_lookalikes(text).lower().replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


@lru_cache(maxsize=1 << 17)
def normalise_cached(text: str | None) -> str:
    """``normalise_text`` with a cache: the processor for many pairs sharing the same texts."""
    return normalise_text(text)


@dataclass(eq=False)
class Tokeniser:
    """Turns free text into comparable tokens using a domain vocabulary."""

    acronyms: dict[str, list[str]] = field(default_factory=dict)
    synonyms: dict[str, str] = field(default_factory=dict)
    spellings: dict[str, str] = field(default_factory=dict)
    stopwords: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self._canonical, self._expansions = _tables(self)
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for seq, acronym in self._expansions:  # longest first, kept in that order
            self._by_first.setdefault(seq[0], []).append((seq, acronym))

    @classmethod
    def default(cls) -> Tokeniser:
        return _load(str(VOCAB_PATH), None)

    @classmethod
    def from_files(cls, extra: str | Path | None = None) -> Tokeniser:
        """The bundled vocabulary plus an optional extra YAML file (same keys)."""
        return _load(str(VOCAB_PATH), str(extra) if extra else None)

    def with_stopwords(self, words: set[str]) -> Tokeniser:
        return Tokeniser(
            self.acronyms, self.synonyms, self.spellings, self.stopwords | frozenset(words)
        )

    def normalise(self, text: str | None) -> str:
        return normalise_text(text)

    def words(self, text: str | None) -> list[str]:
        """Normalised words with spellings and synonyms mapped, before stemming."""
        if not isinstance(text, str) or not text:
            return []
        text = fold_lookalikes(text).lower().replace("&", " and ")
        for phrase, target in self._phrases():
            text = text.replace(phrase, target)
        out: list[str] = []
        for raw in _WORD.findall(text):
            word = raw.replace("'", "")
            parts = [word] if word in self.acronyms or word in self.synonyms else word.split("-")
            for w in parts:
                w = self.spellings.get(w, w)
                w = self.synonyms.get(w, w)
                out.extend(w.split())
        return out

    def tokens(self, text: str | None) -> list[str]:
        """Stemmed content tokens of ``text``; spelled-out acronyms become the acronym."""
        stems = []
        for w in self.words(text):
            if w in self.acronyms:
                stems.append(self._canonical[w])
            elif w not in self.stopwords and len(w) > 1:
                stems.append(stem(w))
        return self._contract(stems)

    def _contract(self, stems: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(stems):
            for seq, acronym in self._by_first.get(stems[i], ()):
                if tuple(stems[i : i + len(seq)]) == seq:
                    out.append(acronym)
                    i += len(seq)
                    break
            else:
                out.append(stems[i])
                i += 1
        return out

    def _phrases(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in self.synonyms.items() if " " in k]


@lru_cache(maxsize=8)
def _load(path: str, extra: str | None) -> Tokeniser:
    data: dict = {}
    for p in (path, extra):
        if not p:
            continue
        loaded = yaml.safe_load(Path(p).read_text(encoding="utf-8")) or {}
        for key, value in loaded.items():
            if isinstance(value, dict):
                data.setdefault(key, {}).update(value)
            else:
                data[key] = (data.get(key, "") + " " + str(value)).strip()
    acronyms = {str(k).lower(): str(v).lower().split() for k, v in data.get("acronyms", {}).items()}
    synonyms = {str(k).lower(): str(v).lower() for k, v in data.get("synonyms", {}).items()}
    spellings = {str(k).lower(): str(v).lower() for k, v in data.get("uk_spellings", {}).items()}
    stop = frozenset(str(data.get("stopwords", "")).lower().split())
    return Tokeniser(acronyms, synonyms, spellings, stop)


def _tables(tok: Tokeniser) -> tuple[dict[str, str], list[tuple[tuple[str, ...], str]]]:
    """Acronym -> canonical acronym, and stemmed expansions (longest first) -> acronym."""
    canonical: dict[str, str] = {}
    first: dict[tuple[str, ...], str] = {}
    for acronym, words in tok.acronyms.items():
        seq = tuple(stem(w) for w in words if w not in tok.stopwords)
        if len(seq) == 1:  # a one-word expansion is a synonym: "co2e" -> "carbon"
            canonical[acronym] = seq[0]
            continue
        canonical[acronym] = first.setdefault(seq, acronym)
    expansions = sorted(
        ((seq, a) for seq, a in first.items() if seq), key=lambda kv: (-len(kv[0]), kv[1])
    )
    return canonical, expansions
