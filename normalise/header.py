"""Header rows: which column holds which canonical field.

Matching is fuzzy and tolerant of case, spacing, line breaks, plurals and
damaged letters; the longest synonym that fits wins, so ``Action Plan Target
Date`` is a target date, not an action.

>>> from actionplans.profile import load_profile
>>> match_header_cell("Timescales", load_profile("base"))
'timescale'
>>> match_header_cell("Cost to Leicestershir e", load_profile("base"))
'attributes.cost'
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ..profile import Profile
from .text import fold_lookalikes, header_key

_YEAR_COLUMN = re.compile(r"^(\d{4}) ?(\d{2}|\d{4})$")
# A reporting period as a column header (``Q1``, ``Qtr 3 2023/24``, ``Apr-24``, ``2024``):
# performance reports print one column per period.  Such cells neither make nor break a header row.
_PERIOD = re.compile(
    r"^(?:(?:q|qtr|quarter)\s*[1-4]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)?"
    r"[\s\-/']*(?:(?:19|20)?\d{2}(?:\s*[/\-]\s*(?:20)?\d{2})?)?$",
    re.I,
)
# one calendar year, the whole of a header cell: a Gantt column when its neighbours are the years
# before or after it (``2024 | 2025 | 2026``); alone (``2030``) it may head targets or figures
_CALENDAR_YEAR = re.compile(r"^(?:19|20)\d{2}$")
GANTT_PREFIX = "gantt:"
KEY_FIELDS = {"action_id", "description"}


@dataclass
class HeaderMap:
    # column index -> canonical field (or attributes.x / gantt:YYYY-YY / tick:name)
    columns: dict[int, str]
    texts: tuple[str, ...]
    unmapped: list[tuple[int, str]] = field(default_factory=list)
    group_label: str | None = (
        None  # a group name written where the action column's header should be
    )

    @property
    def width(self) -> int:
        return len(self.texts)

    def index_of(self, name: str) -> int | None:
        for idx, col in self.columns.items():
            if col == name:
                return idx
        return None

    def signature(self) -> tuple[tuple[int, str], ...]:
        return tuple(sorted(self.columns.items()))


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _key(text: str) -> str:
    return " ".join(_singular(w) for w in header_key(text).split())


@dataclass(frozen=True)
class _Synonyms:
    pairs: tuple[tuple[str, str], ...]  # (key, canonical), most specific first
    exact: dict[str, str]
    fuzzy_keys: tuple[str, ...]  # keys long enough for fuzzy matching
    fuzzy_fields: tuple[str, ...]
    compact: dict[str, str]  # key without spaces -> canonical, for headers wrapped inside a word


_SYNONYM_CACHE: dict[tuple[str, str], _Synonyms] = {}
_MATCH_CACHE: dict[tuple[str, str, str], str | None] = {}


def _synonyms(profile: Profile) -> _Synonyms:
    cache_key = (profile.name, profile.source)
    if cache_key in _SYNONYM_CACHE:
        return _SYNONYM_CACHE[cache_key]
    pairs: list[tuple[str, str]] = []
    for canonical, syns in profile.columns.items():
        pairs.append((_key(canonical.split(".")[-1].replace("_", " ")), canonical))
        for syn in syns:
            pairs.append((_key(syn), canonical))
    # longest first, so that the most specific synonym wins
    pairs.sort(key=lambda p: (-len(p[0].split()), -len(p[0])))
    exact: dict[str, str] = {}
    for key, canonical in pairs:
        exact.setdefault(key, canonical)
    fuzzy = [(k, c) for k, c in pairs if len(k) >= 4]
    compact: dict[str, str] = {}
    for key, canonical in pairs:
        compact.setdefault(key.replace(" ", ""), canonical)
    _SYNONYM_CACHE[cache_key] = _Synonyms(
        tuple(pairs), exact, tuple(k for k, _ in fuzzy), tuple(c for _, c in fuzzy), compact
    )
    return _SYNONYM_CACHE[cache_key]


def match_header_cell(text: str, profile: Profile) -> str | None:
    """The canonical field a header cell names, or None.  Results are cached per profile."""
    cache_key = (profile.name, profile.source, text)
    if cache_key not in _MATCH_CACHE:
        if len(_MATCH_CACHE) > 100_000:
            _MATCH_CACHE.clear()
        _MATCH_CACHE[cache_key] = _match_header_cell(text, profile)
    return _MATCH_CACHE[cache_key]


def _match_header_cell(text: str, profile: Profile) -> str | None:
    key = _key(text)
    if not key:
        return None
    syns = _synonyms(profile)
    whole = _match_key(key, syns)
    words = key.split()
    if len(words) < 2 or len(words) > 6 or key in syns.exact:
        return whole
    # A two-level header read as one cell (a scan whose band has no rule between its rows,
    # or a text dump): the group label comes first, the column's own label last --
    # 'Timescale Start' is the start, 'Delivery Period 2025-26' a year of the Gantt grid.
    # A cut never splits the synonym that names the whole cell ('RAG Status' is one label).
    span_end = _synonym_end(key, syns)
    for j in range(1, len(words)):
        if span_end is not None and span_end > j:
            continue
        group, own = " ".join(words[:j]), " ".join(words[j:])
        own_field = _match_key(own, syns)
        if own_field is None:
            continue
        group_field = _match_key(group, syns)
        if whole is None and own_field.startswith(GANTT_PREFIX):
            return own_field
        if group_field is not None and group_field != own_field and whole in (None, group_field):
            return own_field
    return whole


def _synonym_end(key: str, syns: _Synonyms) -> int | None:
    """Where (in words) the longest synonym found inside ``key`` ends, or None."""
    padded = f" {key} "
    for syn, _ in syns.pairs:
        at = padded.find(f" {syn} ")
        if at >= 0:
            return padded[: at + 1].count(" ") - 1 + syn.count(" ") + 1
    return None


def _rejoined_number(key: str) -> str | None:
    """A number a narrow column wrapped inside itself (``202`` / ``4``, ``202`` / ``4-25``):
    the key's digit groups joined again, when every word of it is digits; else None."""
    words = key.split()
    if len(words) < 2 or not all(w.isdigit() for w in words):
        return None
    return "".join(words)


def _match_key(key: str, syns: _Synonyms) -> str | None:
    year = _YEAR_COLUMN.match(key)
    joined = _rejoined_number(key)
    if year is None and joined is not None and re.match(r"(?:19|20)\d{4}(?:\d{2})?$", joined):
        year = re.match(r"^(\d{4})(\d{2}|\d{4})$", joined)
    if year:
        return f"{GANTT_PREFIX}{year.group(1)}-{year.group(2)[-2:]}"
    if key in syns.exact:
        return syns.exact[key]
    n_words = key.count(" ") + 1
    padded = f" {key} "
    for syn, canonical in syns.pairs:
        # a synonym as whole words inside a slightly longer header ("December 2023 Update")
        if n_words <= syn.count(" ") + 5 and f" {syn} " in padded:
            return canonical
    wrapped = _match_wrapped(key, syns)
    if wrapped:
        return wrapped
    match = process.extractOne(key, syns.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=88)
    if match:
        return syns.fuzzy_fields[match[2]]
    return _match_ocr_folded(key, syns)


def _match_wrapped(key: str, syns: _Synonyms) -> str | None:
    """A header that a narrow column wrapped inside a word (``RA G``, ``Timesc ales``,
    ``Deliverab ility Score``).

    Word processors break a long word where the column ends, and the text layer
    keeps the break as a space.  With the spaces taken out the header is a
    synonym again.  Only whole compacted keys count, or a compacted synonym of six
    letters or more at the start or end of a slightly longer one (``December 2023
    Upd ate``): a short one inside another word (``lead`` in ``leadership``) is not a match.
    """
    if " " not in key:
        return None
    compact = key.replace(" ", "")
    if len(compact) >= 3 and compact in syns.compact:
        return syns.compact[compact]
    best: tuple[int, str] | None = None
    for syn, canonical in syns.compact.items():
        if (
            len(syn) >= 6
            and len(compact) <= len(syn) + 12
            and (compact.startswith(syn) or compact.endswith(syn))
        ):
            if best is None or len(syn) > best[0]:
                best = (len(syn), canonical)
    return best[1] if best else None


_OCR_FOLD = str.maketrans({"1": "l", "i": "l", "|": "l", "!": "l", "0": "o", "5": "s", "$": "s"})


def _ocr_fold(key: str) -> str:
    """A header key with OCR's look-alike letters made one (``l``/``i``/``1``, ``rn``/``m``,
    ``5``/``s``)."""
    folded = key.translate(_OCR_FOLD).replace("rn", "m").replace("vv", "w")
    return " ".join(
        "".join(ch for ch in w if ch.isalnum())
        for w in folded.split()
        if any(c.isalnum() for c in w)
    )


def _match_ocr_folded(key: str, syns: _Synonyms) -> str | None:
    """Last resort for OCRed headers (``Timescaie $s`` for ``Timescales``): the same tests on folded
    keys."""
    folded = _ocr_fold(key)
    if not folded or folded == key:
        return None
    padded = f" {folded} "
    n_words = folded.count(" ") + 1
    for syn, canonical in syns.pairs:
        fs = _ocr_fold(syn)
        if fs and (
            fs == folded or (n_words <= fs.count(" ") + 5 and len(fs) >= 4 and f" {fs} " in padded)
        ):
            return canonical
    keys = [_ocr_fold(k) for k in syns.fuzzy_keys]
    match = process.extractOne(folded, keys, scorer=fuzz.ratio, score_cutoff=88)
    return syns.fuzzy_fields[match[2]] if match else None


def calendar_year(text: str) -> int | None:
    """The calendar year a header cell is, whole (``2024``, or ``202`` / ``4`` wrapped inside
    the number by a narrow column), else None."""
    key = header_key(text)
    joined = _rejoined_number(key) or key
    return int(joined) if _CALENDAR_YEAR.match(joined) else None


def year_columns(texts: Sequence[str], named: Collection[int] = ()) -> dict[int, str]:
    """Gantt columns headed by calendar years: a header cell that is a year (see
    :func:`calendar_year`) beside the cell of the year before or after it, among the columns not
    in ``named``.  ``{index: 'gantt:2024'}``; a filled cell under one is a delivery year."""
    years = {
        i: y for i, t in enumerate(texts) if i not in named and (y := calendar_year(t)) is not None
    }
    return {
        i: f"{GANTT_PREFIX}{y}"
        for i, y in years.items()
        if years.get(i - 1) == y - 1 or years.get(i + 1) == y + 1
    }


def map_header(texts: tuple[str, ...], profile: Profile) -> HeaderMap | None:
    """Return the column map if this row is a header row, else None."""
    nonempty = [(i, t) for i, t in enumerate(texts) if t.strip()]
    if len(nonempty) < 2:
        return None
    if profile.matches_id(fold_lookalikes(nonempty[0][1].strip()).upper()):
        return None  # a row that starts with an action ID is data, whatever its words say
    columns: dict[int, str] = {}
    unmapped: list[tuple[int, str]] = []
    periods = 0
    for idx, text in nonempty:
        name = match_header_cell(text, profile)
        if name and name not in columns.values():
            columns[idx] = name
        else:
            unmapped.append((idx, text))
            periods += bool(
                re.search(r"\d|q[1-4]", text.strip(), re.I) and _PERIOD.match(text.strip())
            )
    if len(columns) < 2 or len(columns) < 0.4 * (len(nonempty) - periods):
        return None
    _title_as_description(columns)
    if not (KEY_FIELDS & set(columns.values())) and len(columns) < 3:
        return None
    # the years of a Gantt grid make no header, but under one they are its delivery years
    years = year_columns(texts, columns)
    columns.update(years)
    unmapped = [(i, t) for i, t in unmapped if i not in years]
    header = HeaderMap(columns=columns, texts=texts, unmapped=[])
    _apply_profile_layout(header, unmapped, profile)
    return header


def chance_header(found: HeaderMap, current: HeaderMap | None) -> bool:
    """Whether ``found``, a row under ``current`` in the same table, maps as a header only by
    chance: a body row whose words happen to be labels (``Workstream:`` beside the last line of
    a description, ``action plan``).  A header repeated or changed mid-table names at least two
    of the fields the table's header names, or four of its own."""
    if current is None:
        return False
    named = lambda header: {  # noqa: E731
        name for name in header.columns.values() if not name.startswith("attributes.")
    }
    new = named(found)
    return len(new & named(current)) < 2 and len(new) < 4


def _title_as_description(columns: dict[int, str]) -> None:
    """A ``Title`` column with no description column beside it holds the action text: it is the
    description."""
    values = set(columns.values())
    if "title" in values and "description" not in values:
        for idx, name in list(columns.items()):
            if name == "title":
                columns[idx] = "description"


def _apply_profile_layout(
    header: HeaderMap, unmapped: list[tuple[int, str]], profile: Profile
) -> None:
    id_col = header.index_of("action_id")
    desc_col = header.index_of("description")
    ticks = profile.tick_columns
    tick_names = list((ticks or {}).get("names") or [])
    if ticks and id_col is not None and desc_col is not None:
        for n, idx in enumerate(range(id_col + 1, desc_col)):
            if idx in header.columns:
                continue
            name = tick_names[n] if n < len(tick_names) else f"target_{n + 1}"
            header.columns[idx] = f"tick:{name}"
    for idx, fallback in profile.header_fallback.items():
        if (
            idx not in header.columns
            and idx < len(header.texts)
            and fallback not in header.columns.values()
        ):
            header.columns[idx] = fallback
    if desc_col is None:
        # A table without an action column (e.g. cross-cutting actions whose first header
        # cell is a group name): the first unmapped column holds the action text.
        free = [i for i, _ in unmapped if i not in header.columns]
        if free:
            header.columns[free[0]] = "description"
            header.group_label = dict(unmapped)[free[0]].strip()
    header.unmapped = [(i, t) for i, t in unmapped if i not in header.columns]
    for idx, text in header.unmapped:
        slug = re.sub(r"[^a-z0-9]+", "_", header_key(text)).strip("_")[:40] or f"column_{idx}"
        header.columns[idx] = f"attributes.{slug}"


@dataclass(frozen=True)
class HeaderTest:
    """``HeaderTest(profile)(texts)``: is this row of cell texts a header row of the profile?

    A picklable callable, handed to the PDF reader so that it finds tables
    by their header (it has no other way to know an action table).
    """

    profile: Profile

    def __call__(self, texts) -> bool:
        return map_header(tuple(texts), self.profile) is not None
