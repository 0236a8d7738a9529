"""Cited evidence: a plan's own words about which actions another edition's rows continue.

Councils often say it outright in a progress note: "This action replaces former
actions 4 and 7", "previously part of action 12", "(was T18)", "formerly action
21 in the 2019 plan"; an old edition's update may say "now T6" or "merged into
LCC.13".  ``parse`` finds such references in one text (a cue, then the IDs of
its clause); ``resolve`` turns them into (old position, new position) pairs
against the two editions' actual IDs.

The numbering ambiguity: "see action 8 below" in a 2025 note means the 2025
action 8, not the 2023 one.  Only a cue that looks back ("formerly",
"replaces", "was", "previously part of", "old/former/2019 action") makes a
new edition's reference an old ID; a plain cross-reference ("see action 8",
"links to action 3") is read in the citing document's own numbering and is
not lineage evidence.  A cue that looks back but names an ID only the new
edition has is dropped too.

Written IDs meet printed ones loosely: case and separators do not matter
(``t18`` = ``T18``, ``LCC 13`` = ``LCC.13``), and a bare number ("action 4")
matches an ID whose only number it is when no other ID has that number
(``4`` -> ``EB4`` when ``EB4`` is the only action numbered 4).

>>> [(c.direction, c.ids)
...  for c in parse("This action replaces former actions 4 and 7; see action 8 below.")]
[('back', ('4', '7'))]
>>> [(c.direction, c.ids) for c in parse("Feasibility done (was EB3).")]
[('back', ('EB3',))]
>>> [(c.direction, c.ids) for c in parse("Completed in 2023; now T6.")]
[('forward', ('T6',))]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# An ID as councils write them: T18, EB3, LCC.13, CC.RI1, 1.3, 4a.  Codes carry a letter and a
# digit; a bare number counts only after "action(s)"/"ref"/"no." or in a list after one that did.
_CODE = r"(?<![A-Za-z])[A-Z]{1,5}[.\-]?[A-Z]{0,3}\d{1,3}(?:\.\d{1,2})?[a-z]?"
_NUMBER = r"\d{1,3}(?:\.\d{1,2})?[a-z]?"
_LEAD = r"(?:actions?|refs?\.?|references?|items?|nos?\.|numbers?|#)"
_YEAR = re.compile(r"^(?:19|20)\d\d$")

# Cues that look back: the citing text belongs to the later edition and names an earlier action.
_BACK_CUES = (
    r"formerly",
    r"previously(?: part of| included in| under| in| numbered)?",
    r"was(?: part of| previously)?",
    r"were",
    r"replaces?",
    r"replacing",
    r"replaced",
    r"supersedes?",
    r"superseding",
    r"merges?",
    r"merging",
    r"merged (?:from|with)",
    r"combines?",
    r"combining",
    r"combined (?:from|with)",
    r"consolidates?",
    r"amalgamates?",
    r"brings together",
    r"incorporates?",
    r"renumbered from",
    r"moved from",
    r"carried (?:forward|over) from",
    r"continues(?: from)?",
    r"continuation of",
    r"builds on",
    r"follows on from",
    r"succeeds",
    r"split from",
    r"taken from",
    r"(?:old|former|previous|earlier|original)(?= (?:action|ref|item|no))",
    r"(?:19|20)\d\d(?:[-/]\d{2,4})? (?:plan|action plan)(?= (?:action|ref))",
)
# Cues that look forward: the citing text belongs to the earlier edition and names a later action.
_FORWARD_CUES = (
    r"now",
    r"became",
    r"becomes",
    r"moved to",
    r"merged into",
    r"merged with new",
    r"renumbered (?:as|to)",
    r"replaced by",
    r"superseded by",
    r"carried (?:forward|over) (?:as|to|into)",
    r"continues as",
    r"continued (?:as|in|under)",
    r"taken forward (?:as|in|under)",
    r"split into",
)


def _cue_pattern(cues: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"(?i)(?<![\w-])(?:" + "|".join(cues) + r")(?![\w-])")


_BACK = _cue_pattern(_BACK_CUES)
_FORWARD = _cue_pattern(_FORWARD_CUES)
_ID_IN_CLAUSE = re.compile(
    rf"(?P<lead>{_LEAD}\s*)?(?P<id>{_CODE}|{_NUMBER})(?![\w%])(?!\s*(?:%|per ?cent|percent))"
)
_NEGATED = re.compile(
    r"(?i)\b(?:not|no longer|unlike|separate(?:ly)? from|distinct from|rather than|instead of|"
    r"never|nor)\b[^.;]*$"
)
# Cues that only name an old action, without saying this one continues it.
_REFERENCE_ONLY = re.compile(
    r"(?i)(?:old|former|previous|earlier|original|(?:19|20)\d\d)\b(?! action plan)|"
    r"builds on|follows on from|taken from"
)
_HERE = re.compile(r"(?i)\s*(?:above|below|of this plan|in this plan|overleaf)\b")
_WEAK = re.compile(r"(?i)(?:was|were|continues|builds|follows)\b")
_UNIT = re.compile(
    r"(?i)\s*(?:%|per|tonnes?|t\b|kw|mw|gw|million|m\b|k\b|sites?|homes?|buildings?|schools?|years?|"
    r"months?|miles?|km|hectares?|ha\b|trees?|points?|vehicles?)"
)
_LIST_GLUE = re.compile(r"^\s*(?:,|and|&|/|or|to|-|–)\s*(?:and\s+)?$", re.I)


@dataclass(frozen=True)
class Citation:
    """One reference found in one text."""

    direction: str  # "back" (names an earlier edition's action) or "forward" (a later one)
    cue: str  # the cue as written ("replaces former")
    ids: tuple[str, ...]  # IDs as written ("4", "7", "EB3")
    text: str  # the clause the IDs were read from
    strength: str = "strong"  # "strong": says the action continues ("formerly", "replaces", "was");
    # "weak": only names an old action ("the study (former action 17) concluded ...")

    def __str__(self) -> str:
        return f"{self.cue} {', '.join(self.ids)}"


def parse(text: str | None) -> list[Citation]:
    """References with a cue in ``text``, in order; plain cross-references are left out."""
    if not isinstance(text, str) or not text.strip():
        return []
    found: list[tuple[int, Citation]] = []
    for direction, pattern in (("back", _BACK), ("forward", _FORWARD)):
        for cue in pattern.finditer(text):
            if _NEGATED.search(text[max(0, cue.start() - 30) : cue.start()]):
                continue  # "not a continuation of former action 30", "separate from the old B2"
            clause = _clause(text, cue.end())
            # "was": only "(was EB3)", "was action 31", not "was agreed ... action G2"
            if _WEAK.match(cue.group(0)):
                end = _near_end(clause)
                clause = "" if _UNIT.match(clause[end:]) else clause[:end]  # not "was 36% complete"
            ids = _ids(clause, bare_first=direction == "back")
            if ids:
                strength = "weak" if _REFERENCE_ONLY.match(cue.group(0)) else "strong"
                found.append(
                    (cue.start(), Citation(direction, cue.group(0), ids, clause.strip(), strength))
                )
    found.sort(key=lambda t: t[0])
    out: list[Citation] = []
    seen_ids: set[tuple[str, tuple[str, ...]]] = set()
    for _, c in found:  # "was previously" and "previously" read the same clause: keep the first
        if (c.direction, c.ids) not in seen_ids:
            seen_ids.add((c.direction, c.ids))
            out.append(c)
    return out


# A plan saying an action has no predecessor: "New action.", "New action, funded by ...", "(New)",
# "New for 2024", "This is a new action", "Added in this edition".  At the start of the text or of
# a sentence or bracket, so that "a new action plan" or "the new action on flats" do not count.
_DECLARED_NEW = re.compile(
    r"(?i)(?:^|[.;:!?]\s+|\(\s*)"
    r"(?:(?:this is )?an? )?(?:new(?: action| commitment| project| measure| initiative)?"
    r"(?:\s*(?:for|in) (?:(?:19|20)\d\d(?:[-/]\d{2,4})?|this (?:plan|edition|update))| to this "
    r"(?:plan|edition))?(?=\s*(?:[.,;:!)\-–]|$))|added (?:in|to|for) (?:this|the (?:19|20)\d\d)"
    r" (?:plan|edition|update|refresh)|not (?:in|part of) the (?:previous|earlier|original|"
    r"(?:19|20)\d\d(?:[-/]\d{2,4})?) (?:plan|edition|action plan))"
)


def declares_new(text: str | None) -> bool:
    """Whether ``text`` (an action's progress note or status) says that the action is new.

    >>> [declares_new(t) for t in ("New action. A grid study ...", "New action, funded by X.",
    ...     "(New)", "New", "New for 2024.", "This is a new action.", "Added in this edition.")]
    [True, True, True, True, True, True, True]
    >>> [declares_new(t) for t in ("New action plan agreed in May.", "A new action on flats.",
    ...     "New charging points opened.", "Newly adopted.", None)]
    [False, False, False, False, False]
    """
    return isinstance(text, str) and bool(_DECLARED_NEW.search(text.strip()))


def _clause(text: str, start: int, limit: int = 160) -> str:
    """From a cue to the end of its clause (a full stop, semicolon, 'see', or the bracket the cue
    sits in).

    Bracketed asides inside the clause are left out: "action 11 (offsetting ...) and action 27".
    """
    rest = text[start : start + limit]
    end = re.search(
        r"[;)\n]|\.(?!\d)|(?i:\bsee\b)",
        re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), rest),
    )
    clause = rest[: end.start()] if end else rest
    return re.sub(r"\([^()]*\)", " ", clause)


def _near_end(clause: str) -> int:
    """Where a 'was' clause stops being about an ID: after the ID and its 'action'/'previously'
    words."""
    m = re.match(
        rf"\s*(?:previously\s+|part of\s+|numbered\s+)?(?:{_LEAD}\s*)?(?:{_CODE}|{_NUMBER})", clause
    )
    return m.end() if m else 0


def _ids(clause: str, bare_first: bool = False) -> tuple[str, ...]:
    """The IDs a clause names: codes anywhere, bare numbers only after an 'action' word or in its
    list.

    ``bare_first``: a number right after the cue counts too ("previously 1.3 and 1.4"), unless a
    unit follows.
    """
    out: list[str] = []
    last_end = -1
    listing = False
    for m in _ID_IN_CLAUSE.finditer(clause):
        raw = m.group("id")
        if _HERE.match(clause[m.end() :]):
            listing = False
            continue  # "action G2 above", "see T4 below": this document's own numbering
        is_code = bool(re.search(r"[A-Za-z]", raw)) and bool(re.search(r"\d", raw))
        if is_code and not re.match(r"(?i)^(?:19|20)\d\d", raw) and _is_code(raw):
            out.append(_compact(raw))
            last_end, listing = m.end(), True
            continue
        if re.search(r"[A-Za-z]{2}", raw):
            continue
        number = raw
        if _YEAR.match(number.rstrip("abcdefghijklmnopqrstuvwxyz")):
            listing = False
            continue
        glued = listing and last_end >= 0 and _LIST_GLUE.match(clause[last_end : m.start()] or " ,")
        first = (
            bare_first
            and not out
            and not clause[: m.start()].strip()
            and not _UNIT.match(clause[m.end() :])
        )
        if m.group("lead") or glued or first:
            out.append(number)
            last_end, listing = m.end(), True
        else:
            listing = False
    return tuple(dict.fromkeys(out))


def _is_code(raw: str) -> bool:
    """A code such as T18 or LCC.13, not a word with a number glued on ("Phase2" is fine, "to2030"
    is not)."""
    letters = re.match(r"[A-Za-z]+", raw)
    return letters is not None and (letters.group(0).isupper() or len(letters.group(0)) <= 2)


def _compact(raw: str) -> str:
    return re.sub(r"[\s\-]+", "", raw)


def id_key(action_id: str) -> str:
    """The comparable form of an ID: upper case, no separators ("LCC.13" -> "LCC13", "1.3" ->
    "1.3").

    >>> id_key("lcc.13"), id_key("T 18"), id_key("1.3")
    ('LCC13', 'T18', '1.3')
    """
    s = re.sub(r"[\s\-_]+", "", str(action_id)).upper()
    return re.sub(r"(?<=[A-Z])\.(?=\d)", "", s)


class IdIndex:
    """Positions of one edition's actions by written ID, with the bare-number fallback."""

    def __init__(self, action_ids: Iterable[str]):
        self.exact: dict[str, list[int]] = {}
        by_number: dict[str, list[int]] = {}
        for pos, aid in enumerate(action_ids):
            key = id_key(aid)
            self.exact.setdefault(key, []).append(pos)
            number = re.search(r"\d+(?:\.\d+)?[A-Z]?$", key)
            if number and number.group(0) != key:
                by_number.setdefault(number.group(0), []).append(pos)
        # a bare number stands for a prefixed ID only when no other ID carries that number
        self.number = {k: v for k, v in by_number.items() if len(v) == 1}

    def find(self, written: str) -> list[int]:
        key = id_key(written)
        if key in self.exact:
            return self.exact[key]
        return self.number.get(key, []) if re.fullmatch(r"\d+(?:\.\d+)?[A-Z]?", key) else []

    def __contains__(self, written: str) -> bool:
        return bool(self.find(written))


@dataclass(frozen=True)
class Resolved:
    """A citation that names an action of the other edition: the pair it links and why."""

    o: int
    n: int
    citation: Citation
    side: str  # "new" (the new action's text cites the old ID) or "old"


def resolve(
    old_ids: Sequence[str],
    new_ids: Sequence[str],
    old_citations: Sequence[Sequence[Citation]],
    new_citations: Sequence[Sequence[Citation]],
    old_groups: Sequence[str] | None = None,
    new_groups: Sequence[str] | None = None,
) -> list[Resolved]:
    """Pairs (old position, new position) that a text names, within a group (council) only.

    A back reference in a new action's text is looked up among the old IDs, a
    forward reference in an old action's text among the new IDs.  A back
    reference to an ID that only the new edition has is the new numbering and
    is dropped; so is one to an ID that both editions print, unless the clause
    marks it as old ("former", "previous", a year), the cue cannot mean the
    citing document ("replaces", "was", "formerly"), or the new action with
    that ID is the citing one itself.
    """
    old_groups = list(old_groups) if old_groups is not None else [""] * len(old_ids)
    new_groups = list(new_groups) if new_groups is not None else [""] * len(new_ids)
    old_index = _by_group(old_ids, old_groups)
    new_index = _by_group(new_ids, new_groups)
    out: dict[tuple[int, int], Resolved] = {}  # the first citation of a pair wins
    for j, cites in enumerate(new_citations):
        g = new_groups[j]
        for c in (c for c in cites if c.direction == "back"):
            for written in c.ids:
                targets = old_index[g].find(written) if g in old_index else []
                if targets and g in new_index and written in new_index[g] and not _marked_old(c):
                    # both editions print this ID: only a cue that says "old" makes it the old one
                    if new_index[g].find(written) != [j] and not _strong_back(c):
                        continue
                for i in targets:
                    out.setdefault((i, j), Resolved(i, j, c, "new"))
    for i, cites in enumerate(old_citations):
        g = old_groups[i]
        for c in (c for c in cites if c.direction == "forward"):
            for j in (
                j
                for written in c.ids
                for j in (new_index[g].find(written) if g in new_index else [])
            ):
                out.setdefault((i, j), Resolved(i, j, c, "old"))
    return list(out.values())


def _by_group(ids: Sequence[str], groups: Sequence[str]) -> dict[str, IdIndex]:
    members: dict[str, list[tuple[int, str]]] = {}
    for pos, (aid, g) in enumerate(zip(ids, groups, strict=True)):
        members.setdefault(g, []).append((pos, str(aid)))
    out = {}
    for g, rows in members.items():
        index = IdIndex(a for _, a in rows)
        positions = [p for p, _ in rows]
        index.exact = {k: [positions[i] for i in v] for k, v in index.exact.items()}
        index.number = {k: [positions[i] for i in v] for k, v in index.number.items()}
        out[g] = index
    return out


def _marked_old(c: Citation) -> bool:
    return bool(
        re.search(
            r"(?i)\b(?:former|formerly|previous|previously|old|original|earlier|(?:19|20)\d\d)\b",
            c.cue + " " + c.text,
        )
    )


def _strong_back(c: Citation) -> bool:
    """Cues that cannot refer to the citing document's own numbering."""
    return bool(
        re.match(
            r"(?i)(?:replace|supersed|merg|combin|consolidat|amalgamat|renumbered from|moved from|"
            r"carried|split from|was|were|formerly)",
            c.cue,
        )
    )


def strength(resolved: Resolved) -> float:
    """The ``mention`` comparison of a cited pair: 1 for a strong citation, 0.5 for a weak one."""
    return 1.0 if resolved.citation.strength == "strong" else 0.5


def cited_pairs(old, new) -> list[Resolved]:
    """``resolve`` over two frames from ``prepare`` (columns action_id, citations, council)."""

    def groups(df) -> list[str]:
        if "council" not in df:
            return [""] * len(df)
        return [str(c) if isinstance(c, str) else "" for c in df["council"]]

    return resolve(
        [str(a) for a in old["action_id"]],
        [str(a) for a in new["action_id"]],
        list(old["citations"]),
        list(new["citations"]),
        groups(old),
        groups(new),
    )
