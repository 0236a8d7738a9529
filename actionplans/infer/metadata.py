"""Council, edition and title of a document no manifest describes, read from its own text.

A new user ingests a downloaded PDF with nothing but its path.  Councils print
who they are and when they published on the first pages ("Bristol City
Council", "Climate Emergency Action Plan - progress update, March 2023"); these
are read from there.  Every guess keeps its evidence, so that it can be shown in
the summary line and stored as a finding; a flag or manifest entry always wins.

>>> guess_metadata(
...     "Net Zero Action Plan\\nMarch 2023\\nWiltshire Council\\n...", "plan.pdf"
... ).edition
'2023-03'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .settings import DEFAULT_INFER_SETTINGS, InferSettings

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH_ALIASES = {m[:3]: i for m, i in _MONTHS.items()} | {"sept": 9} | _MONTHS
_MONTH_YEAR = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+)?("
    + "|".join(sorted(_MONTH_ALIASES, key=len, reverse=True))
    + r")\.?,?\s+((?:19|20)\d{2})\b",
    re.I,
)
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.](\d{1,2})[/.]((?:19|20)\d{2})\b")
_YEAR = re.compile(r"(?<![\d/£$-])((?:19|20)\d{2})(?:\s*[/-]\s*(\d{2,4}))?(?![\d%])")
# "<Name> County/City/Borough/District Council", "London Borough of X", "City of X Council",
# "X Council"
_KINDS = (
    r"(?:County|City|Borough|District|Metropolitan Borough|Metropolitan"
    r" District|Town|Parish|Unitary|Combined)"
)
_NAME = r"(?:[A-Z][A-Za-z'’&-]+|of|and|upon|on|the|in|le)"
_COUNCIL = re.compile(
    r"\b((?:London Borough|Royal Borough|Borough|City|County|Metropolitan Borough) of"
    rf" (?:{_NAME}\s){{0,3}}[A-Z][A-Za-z'’-]+"
    rf"(?: Council)?"
    rf"|(?:[A-Z][A-Za-z'’&-]+\s(?:{_NAME}\s){{0,3}}){_KINDS}(?: Borough)? Council"
    rf"|[A-Z][A-Za-z'’-]+(?:\s[A-Z][A-Za-z'’-]+){{0,2}} Council)\b"
)
_NOT_COUNCIL_WORDS = {
    "the",
    "a",
    "our",
    "this",
    "each",
    "every",
    "your",
    "full",
    "county",
    "city",
    "district",
    "borough",
    "town",
    "parish",
    "climate",
    "youth",
    "research",
    "advisory",
    "arts",
    "sports",
    "scrutiny",
    "security",
    "privy",
    "european",
    "cabinet",
    "executive",
    "environment",
    "housing",
    "design",
    "planning",
    "local",
    "national",
    "metropolitan",
    "combined",
    "unitary",
    # a table's values, read on one line with the next cell's council name (a stage cell, then
    # "Leicestershire County Council" in the progress text beside it)
    "delivery",
    "discovery",
    "completed",
    "complete",
    "ongoing",
    "action",
    "actions",
    "update",
    "progress",
    "status",
    "lead",
    "partners",
    "project",
    # a plan's own name ("Net Zero Council Action Plan")
    "net",
    "zero",
    "carbon",
}
_TITLE_WORDS = re.compile(r"\b(plan|strategy|programme|report|update|tracker|framework)\b", re.I)
# a running header or footer, not a title: it carries the page number ("Page 23", "23 of 40",
# or OCR's "update age of 23" where the P of Page was lost)
_PAGE_MARK = re.compile(r"\bpage\s+\d+|\b\d+\s+of\s+\d+\s*$|\bof\s+\d+\s*$", re.I)


@dataclass
class GuessedMetadata:
    council: str | None = None
    edition: str | None = None
    title: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)  # field -> where the guess came from

    def describe(self) -> str:
        """``council 'X' (printed 7 times), edition 2023-03 ('March 2023' on page 1)``."""
        shown = []
        for name in ("council", "edition", "title"):
            value = getattr(self, name)
            if value:
                shown.append(f"{name} {value!r} ({self.evidence.get(name, 'guessed')})")
        return ", ".join(shown)


def guess_council(
    text: str, *, settings: InferSettings = DEFAULT_INFER_SETTINGS
) -> tuple[str | None, str]:
    """The council named most often (first pages counted twice), with its evidence."""
    counts: Counter[str] = Counter()
    for weight, part in ((2, text[: settings.head_chars]), (1, text)):
        for match in _COUNCIL.finditer(part.replace("\n", " ")):
            name = _tidy_council(match.group(1), settings)
            if name:
                counts[name] += weight
    if not counts:
        return None, ""
    name, n = counts.most_common(1)[0]
    # "Bristol City Council" beats "City Council" written alone; the longer of two names sharing an
    # end wins
    for other, m in counts.most_common(settings.council_rivals):
        if other != name and other.endswith(name) and m * settings.council_longer_factor >= n:
            name = other
    times = len(re.findall(re.escape(name), text))
    return name, "named once in the text" if times == 1 else f"named {times} times in the text"


def _tidy_council(name: str, settings: InferSettings) -> str | None:
    words = name.split()
    while words and words[0].lower() in {
        "the",
        "a",
        "our",
        "by",
        "and",
        "of",
        "to",
        "from",
        "with",
        "at",
        "for",
    }:
        words = words[1:]
    if len(words) < settings.council_min_words:
        return None
    if words[0].lower() in _NOT_COUNCIL_WORDS and not name.lower().startswith(
        (
            "city of",
            "county of",
            "borough of",
            "london borough",
            "royal borough",
            "metropolitan borough of",
        )
    ):
        return None
    tidy = " ".join(words)
    if not tidy.endswith("Council") and not re.match(
        r"(London|Royal|Metropolitan) Borough of|City of|County of|Borough of", tidy
    ):
        return None
    return tidy


def guess_edition(
    text: str, file_name: str = "", *, settings: InferSettings = DEFAULT_INFER_SETTINGS
) -> tuple[str | None, str]:
    """YYYY-MM of publication: the first month and year printed on the first pages, else a year."""
    head = text[: settings.head_chars]
    for match in _MONTH_YEAR.finditer(head):
        month = _MONTH_ALIASES[match.group(1).lower().rstrip(".")]
        return f"{match.group(2)}-{month:02d}", f"{match.group(0).strip()!r} on the first pages"
    for match in _NUMERIC_DATE.finditer(head):
        month = int(match.group(1))
        if 1 <= month <= 12:
            return f"{match.group(2)}-{month:02d}", f"{match.group(0)!r} on the first pages"
    years: Counter[int] = Counter()
    for match in _YEAR.finditer(head):
        year = int(match.group(1))
        # a financial year "2023/24" or a span "2021-2025": the first year is its edition
        if match.group(2):
            years[year] += 1
        elif settings.edition_min_year <= year <= settings.edition_max_year:
            years[year] += 1
    if years:
        year = years.most_common(1)[0][0]
        return (
            f"{year}-01",
            f"the year {year} on the first pages (no month printed: January assumed)",
        )
    named = _YEAR.search(file_name)
    if named:
        return f"{named.group(1)}-01", f"the year in the file name {file_name!r} (January assumed)"
    return None, ""


def guess_title(
    text: str, *, settings: InferSettings = DEFAULT_INFER_SETTINGS
) -> tuple[str | None, str]:
    """The first line of the first page that names a plan, strategy or report."""
    s = settings
    lines = [re.sub(r"\s+", " ", line).strip() for line in text[: s.head_chars].splitlines()]
    for i, line in enumerate(lines[: s.doc_title_max_line]):
        if (
            s.doc_title_min_chars <= len(line) <= s.doc_title_max_chars
            and _TITLE_WORDS.search(line)
            and not line.endswith((".", ",", ";"))
            and not _PAGE_MARK.search(line)
        ):
            return line, f"line {i + 1} of the text"
    return None, ""


def guess_metadata(
    text: str, file_name: str = "", *, settings: InferSettings = DEFAULT_INFER_SETTINGS
) -> GuessedMetadata:
    guessed = GuessedMetadata()
    for name, (value, why) in (
        ("council", guess_council(text, settings=settings)),
        ("edition", guess_edition(text, file_name, settings=settings)),
        ("title", guess_title(text, settings=settings)),
    ):
        if value:
            setattr(guessed, name, value)
            guessed.evidence[name] = why
    return guessed
