"""Vocabularies of rating columns and how RAG status is shown.

Stage and RAG cells hold a few words (``In progress``, ``Complete``), letters
(``G``/``A``/``R``), symbols explained by a key (``● On track``), or
nothing at all: then the status is the cell's fill colour.

>>> cluster_words(["In progress", "In Progress", "ln progress", "In progress", "Complete"])
{'In progress': ['In progress', 'In Progress', 'ln progress'], 'Complete': ['Complete']}
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz

from ..normalise import (
    RAG_COLUMN_SATURATION,
    canon_choice,
    clean_text,
    fold_lookalikes,
    rag_from_colour,
)
from .columns import ColumnStats, rag_vocab
from .legend import is_symbol as _is_symbol
from .legend import legend
from .records import Decision
from .settings import DEFAULT_INFER_SETTINGS, InferSettings


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold_lookalikes(text).lower().replace("ln ", "in ")).strip()


def cluster_words(
    values: list[str],
    min_score: float | None = None,
    *,
    settings: InferSettings = DEFAULT_INFER_SETTINGS,
) -> dict[str, list[str]]:
    """Group spellings of the same word; the most common spelling names the group.

    ``min_score`` overrides ``settings.vocab_cluster_score``.
    """
    min_score = settings.vocab_cluster_score if min_score is None else min_score
    counts = Counter(clean_text(v) for v in values if clean_text(v))
    groups: list[list[str]] = []
    for word, _ in counts.most_common():
        for g in groups:
            if fuzz.ratio(_key(word), _key(g[0])) >= min_score:
                g.append(word)
                break
        else:
            groups.append([word])
    return {g[0]: g for g in groups}


def stage_vocab(
    st: ColumnStats,
    base_stages: dict[str, tuple[str, ...]],
    doc_text: str,
    *,
    settings: InferSettings = DEFAULT_INFER_SETTINGS,
) -> tuple[dict[str, list[str]], Decision]:
    """The stage column's vocabulary: the base stages plus every word the plan uses."""
    s = settings
    values = [
        v
        for v in st.values
        if len(v) <= s.stage_word_max_chars
        and len(v.split()) <= s.stage_word_max_words
        and not v.endswith(".")
    ]
    symbols = {v for v in values if _is_symbol(v, settings=s)}
    meanings = legend(doc_text, symbols) if symbols else {}
    words = [meanings.get(v, v) for v in values]
    vocab: dict[str, list[str]] = {k: list(v) for k, v in base_stages.items()}
    new = 0
    for canonical, spellings in cluster_words(words, settings=s).items():
        hit, _ = canon_choice(
            canonical, {k: tuple(v) for k, v in vocab.items()}, s.stage_vocab_match_score
        )
        target = hit or canonical
        if hit is None:
            new += 1
        vocab.setdefault(target, [])
        for spelling in spellings:
            if spelling not in vocab[target]:
                vocab[target].append(spelling)
    for sym, meaning in meanings.items():
        for spellings in vocab.values():
            if meaning in spellings and sym not in spellings:
                spellings.append(sym)
    how = "symbols explained by a key" if meanings else "words"
    unexplained = symbols - set(meanings)
    conf = 0.9 if not unexplained else 0.5
    why = f"stage shown as {how}: {', '.join(sorted(set(words)))[:120]}"
    if unexplained:
        why += f"; no key explains {' '.join(sorted(unexplained))}"
    return vocab, Decision("vocab.stage", sorted(set(words)), conf, why)


def words_by_fill(
    st: ColumnStats, *, settings: InferSettings = DEFAULT_INFER_SETTINGS
) -> dict[str, list[str]]:
    """The status words of a filled RAG column, each with the colour its cells are filled with
    (``At risk`` on amber, ``Delayed`` on red): a word counts when at least 80% of its cells
    share one colour and it does not name another colour (``Green`` on red).  The document's own
    key, learned from its fills, so that the normaliser reads the word as a status, not as
    commentary."""
    colours: dict[str, Counter] = {}
    for text, fill in st.filled_values:
        if len(text) > settings.rag_word_max_chars or len(text.split()) > 3:
            continue
        colour = rag_from_colour(fill, RAG_COLUMN_SATURATION)
        colours.setdefault(text, Counter())[colour] += 1
    out: dict[str, list[str]] = {}
    for word, counts in sorted(colours.items()):
        colour, n = counts.most_common(1)[0]
        if colour is None or n < 0.8 * sum(counts.values()):
            continue
        named = _COLOUR_NAMES.get(word.lower())
        if named is not None and named != colour:
            continue  # "Green" printed on red says something else is wrong, not a key
        out.setdefault(colour, []).append(word)
    return out


_COLOUR_NAMES = {
    "green": "Green", "g": "Green", "amber": "Amber", "a": "Amber", "orange": "Amber",
    "yellow": "Amber", "red": "Red", "r": "Red",
}  # fmt: skip


def rag_representation(
    st: ColumnStats,
    doc_text: str,
    *,
    settings: InferSettings = DEFAULT_INFER_SETTINGS,
) -> tuple[dict[str, list[str]] | None, Decision]:
    """How the RAG column shows status: fill colour, words or letters, symbols, or commentary."""
    s = settings
    values = st.values
    if st.rag_fill_frac >= s.rag_fill_shown_min_share:
        words = words_by_fill(st, settings=s)
        return words or None, Decision(
            "rag",
            "fill",
            0.9,
            f"{st.rag_fill_frac:.0%} of the RAG cells are filled green, amber or red"
            + (
                "; their words read as the colour they are printed on: "
                + ", ".join(f"{w} = {c}" for c, ws in words.items() for w in ws)
                if words
                else ""
            ),
        )
    if not values or len(values) <= s.rag_text_max_share * st.n_rows:
        return None, Decision(
            "rag",
            "fill",
            0.6,
            "the RAG column has no text: the status is the cells' fill colour, which only a PDF"
            " carries",
        )
    symbols = {v for v in values if _is_symbol(v, settings=s)}
    if symbols and len([v for v in values if v in symbols]) >= s.rag_symbol_min_share * len(values):
        meanings = legend(doc_text, symbols)
        vocab: dict[str, list[str]] = {}
        rag = rag_vocab()
        for sym, meaning in meanings.items():
            colour, _ = canon_choice(meaning, rag, s.rag_meaning_match_score)
            if colour:
                vocab.setdefault(colour, []).extend(
                    x for x in (sym, meaning) if x not in vocab.get(colour, [])
                )
        unexplained = symbols - {x for v in vocab.values() for x in v}
        conf = 0.85 if not unexplained else 0.4
        return vocab or None, Decision(
            "rag",
            "symbol",
            conf,
            f"RAG shown as symbols {' '.join(sorted(symbols))}"
            + (
                f"; the key reads {', '.join(f'{k} = {v}' for k, v in meanings.items())}"
                if meanings
                else "; no key found"
            )
            + (f"; unexplained: {' '.join(sorted(unexplained))}" if unexplained else ""),
        )
    rag = rag_vocab()
    lead = re.compile(r"^([A-Za-z]{2,10}(?: [a-z]{2,5})?)\s*[-–—:(/]\s*\S")
    led = [
        m.group(1)
        for v in values
        if (m := lead.match(v)) and canon_choice(m.group(1), rag, s.rag_lead_word_match_score)[0]
    ]
    if st.avg_len > s.rag_commentary_over_chars and len(led) >= s.rag_lead_word_min_share * len(
        values
    ):
        vocab = {}
        for word in sorted(set(led)):
            colour = canon_choice(word, rag, s.rag_lead_word_match_score)[0]
            if colour:  # always: ``led`` holds only words that read as a RAG word
                vocab.setdefault(colour, []).append(word)
        return vocab, Decision(
            "rag",
            "word",
            round(0.5 + 0.45 * len(led) / len(values), 2),
            f"RAG shown as a word before a comment ({led[0]} - ...) in {len(led) / len(values):.0%}"
            " of the cells",
        )
    if st.avg_len > s.rag_commentary_over_chars:
        return None, Decision(
            "rag",
            "commentary",
            0.7,
            f"the RAG column holds commentary ({st.avg_len:.0f} characters on average); "
            "the status itself is a fill colour, the text is kept as the update",
        )
    rag = rag_vocab()
    vocab = {}
    unread = []
    for word in sorted(set(values)):
        colour, _ = canon_choice(word, rag, s.rag_meaning_match_score)
        if colour:
            vocab.setdefault(colour, []).append(word)
        else:
            unread.append(word)
    share = 1 - len(unread) / max(1, len(set(values)))
    why = (
        "RAG shown as words:"
        f" {', '.join(f'{w} -> {c}' for c, ws in vocab.items() for w in ws)[:160]}"
    )
    if unread:
        why += f"; not RAG words: {', '.join(unread)[:80]}"
    return vocab or None, Decision("rag", "word", round(0.5 + 0.45 * share, 2), why)
