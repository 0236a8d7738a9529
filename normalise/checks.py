"""Document-level checks that write findings: duplicates, gaps, the deliverability rule, coverage,
text that ends mid-sentence, suspicious cell lengths, empty fields, rows that did not parse, RAG
colour.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict

from ..profile import Profile
from .ids import split_id
from .records import Correction, Finding, NormalisedDocument


def run_checks(doc: NormalisedDocument, profile: Profile) -> None:
    check_duplicates(doc)
    check_gaps(doc, profile)
    check_deliverability(doc, profile)
    check_required(doc)
    check_truncated_text(doc)
    check_cell_lengths(doc)
    check_empty_fields(doc)
    check_coverage(doc, profile)
    check_unparsed_rows(doc)
    check_rag_colour(doc)
    for action in doc.actions:
        action.attributes.pop("_unread", None)


def check_duplicates(doc: NormalisedDocument) -> None:
    counts = Counter((a.plan, a.action_id) for a in doc.actions)
    for (plan, action_id), n in counts.items():
        if n > 1:
            rows = [
                str(a.source_row) for a in doc.actions if (a.plan, a.action_id) == (plan, action_id)
            ]
            doc.findings.append(
                Finding.of(
                    "duplicate_id",
                    f"ID {action_id} appears {n} times in plan {plan} (rows {', '.join(rows)}); all"
                    " kept",
                    action_id=action_id,
                )
            )


def check_gaps(doc: NormalisedDocument, profile: Profile) -> None:
    seqs: dict[tuple[str, str], set[int]] = defaultdict(set)
    for a in doc.actions:
        if a.attributes.get("synthetic_id"):
            continue
        parts = split_id(a.action_id)
        if parts:
            seqs[(a.plan, parts[0])].add(parts[1])
    for (plan, prefix), nums in sorted(seqs.items()):
        missing = sorted(set(range(min(nums), max(nums) + 1)) - nums)
        for n in missing:
            doc.findings.append(
                Finding.of(
                    "id_gap",
                    f"{prefix}{n} is missing: plan {plan} has {prefix}{n - 1} and a later"
                    f" {prefix}{n + 1 if n + 1 in nums else ''}".rstrip(),
                    action_id=f"{prefix}{n}",
                )
            )


def check_deliverability(doc: NormalisedDocument, profile: Profile) -> None:
    weights = profile.deliverability
    if not weights:
        return
    for a in doc.actions:
        stated = a.attributes.get("deliverability")
        ts, cost, carbon = a.timescale, a.attributes.get("cost"), a.attributes.get("carbon_saving")
        unread = a.attributes.get("_unread", [])
        if stated is None:
            if ts is None and cost is None and carbon is None:
                continue  # a row of a table without ratings (cross-cutting actions)
            product = _product(weights, ts, cost, carbon)
            would = (
                f"; timescale {ts} x cost {cost} x carbon {carbon} would give {product:g}"
                if product is not None
                else ""
            )
            a.findings.append(Finding.of("missing_value", f"deliverability score is empty{would}"))
            continue
        if not isinstance(stated, float):
            continue
        for key in list(unread):
            others = {"cost": cost, "carbon_saving": carbon}
            fits = []
            for option in weights.get(key, {}):
                trial = dict(others, **{key: option})
                product = _product(weights, ts, trial["cost"], trial["carbon_saving"])
                if product is not None and abs(product - stated) < 1e-6:
                    fits.append(option)
            if len(fits) == 1:
                raw = a.attributes[key]
                a.attributes[key] = fits[0]
                a.corrections.append(
                    Correction(
                        None,
                        key,
                        raw,
                        fits[0],
                        "rating_from_deliverability",
                        f"deliverability {stated:g} = timescale x cost x carbon only with"
                        f" {fits[0]}",
                    )
                )
                unread.remove(key)
            else:
                a.findings.append(
                    Finding.of("vocabulary", f"{key} {a.attributes[key]!r} could not be read")
                )
        cost, carbon = a.attributes.get("cost"), a.attributes.get("carbon_saving")
        product = _product(weights, ts, cost, carbon)
        if product is None:
            continue
        # each has a weight, or product would be None
        assert ts is not None and cost is not None and carbon is not None
        if abs(product - stated) > 1e-6:
            a.findings.append(
                Finding.of(
                    "deliverability",
                    f"deliverability {stated:g} != timescale {ts} ({weights['timescale'].get(ts)})"
                    f" x cost {cost} ({weights['cost'].get(cost)}) x carbon {carbon}"
                    f" ({weights['carbon_saving'].get(carbon)}) = {product:g}",
                )
            )


def _product(weights, ts, cost, carbon) -> float | None:
    try:
        return (
            float(weights["timescale"][ts])
            * float(weights["cost"][cost])
            * float(weights["carbon_saving"][carbon])
        )
    except (KeyError, TypeError):
        return None


def check_required(doc: NormalisedDocument) -> None:
    for a in doc.actions:
        if not a.description:
            a.findings.append(Finding.of("required_field", "action has no description"))


# Words a sentence does not end on: a description ending with one was cut off.
_OPEN_ENDINGS = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "including",
    "into",
    "its",
    "of",
    "on",
    "or",
    "our",
    "such",
    "than",
    "that",
    "the",
    "their",
    "to",
    "which",
    "with",
    "within",
    "&",
}
_OPEN_PUNCTUATION = (",", "-", "–", "/", "(", "+")


def ends_mid_sentence(text: str | None) -> str | None:
    """Why ``text`` looks cut off (its last word or mark), or None.

    >>> ends_mid_sentence("Work with partners to deliver the")
    "ends on 'the'"
    >>> ends_mid_sentence("Deliver the EV charging strategy.") is None
    True
    """
    if not text or not text.strip():
        return None
    t = text.rstrip()
    if t.count("(") > t.count(")"):
        return "has an unclosed '('"
    if t.endswith(_OPEN_PUNCTUATION):
        return f"ends on {t[-1]!r}"
    last = t.split()[-1].lower()
    if last in _OPEN_ENDINGS:
        return f"ends on {last!r}"
    return None


def check_truncated_text(doc: NormalisedDocument) -> None:
    """A description that ends mid-sentence: the rest is lost, or in another row or cell."""
    for a in doc.actions:
        why = ends_mid_sentence(a.description)
        if why:
            tail = a.description[-60:] if a.description else ""
            a.findings.append(
                Finding.of(
                    "truncated_text", f"description {why}, as if cut off mid-sentence (...{tail!r})"
                )
            )


# Bounds for cells whose length says something went wrong (a fixed floor and ceiling,
# widened by the document's own spread of lengths).
_SHORT_DESCRIPTION = 20
_LONG_DESCRIPTION = 500
_LONG_SHORT_FIELDS = {"timescale": 40, "role": 40, "target_date": 60, "lead": 200, "objectives": 60}


def check_cell_lengths(doc: NormalisedDocument) -> None:
    """Suspiciously short descriptions (a status word), long ones (two rows run together), and
    long cells in columns that hold a word or two (commentary shifted into them)."""
    lengths = sorted(len(a.description) for a in doc.actions if a.description)
    if len(lengths) >= 4:
        q1, q3 = lengths[len(lengths) // 4], lengths[(3 * len(lengths)) // 4]
        long_limit = max(_LONG_DESCRIPTION, q3 + 3 * (q3 - q1))
    else:
        long_limit = _LONG_DESCRIPTION
    median = statistics.median(lengths) if lengths else 0
    for a in doc.actions:
        if a.description and len(a.description) < _SHORT_DESCRIPTION:
            a.findings.append(
                Finding.of(
                    "cell_length",
                    f"description is only {len(a.description)} characters ({a.description!r}); "
                    f"the document's median is {median:g}: a status or a shifted cell?",
                )
            )
        elif a.description and len(a.description) > long_limit:
            a.findings.append(
                Finding.of(
                    "cell_length",
                    f"description is {len(a.description)} characters (limit {long_limit}, "
                    f"median {median:g}): two rows run together?",
                )
            )
        for name, limit in _LONG_SHORT_FIELDS.items():
            value = getattr(a, name, None)
            if isinstance(value, str) and len(value) > limit:
                a.findings.append(
                    Finding.of(
                        "cell_length",
                        f"{name} is {len(value)} characters (expected at most {limit}): "
                        f"{value[:80]!r}",
                    )
                )


# Fields checked for gaps: a cell most rows of the same plan and theme fill but this one leaves
# empty.
_FILLED_FIELDS = (
    "role",
    "lead",
    "objectives",
    "timescale",
    "start_period",
    "end_period",
    "stage",
    "target_date",
)
_FILLED_ATTRIBUTES = ("cost", "carbon_saving")
_FILL_RATE = 0.8
_MIN_GROUP = 5


def check_empty_fields(doc: NormalisedDocument) -> None:
    """Empty required fields: where at least 80% of the actions of a plan and theme fill a field,
    the ones that leave it empty are listed (a lost cell, not a field the table lacks)."""
    groups: dict[tuple[str, str | None], list] = defaultdict(list)
    for a in doc.actions:
        groups[(a.plan, a.theme)].append(a)

    def value(a, name):
        return a.attributes.get(name) if name in _FILLED_ATTRIBUTES else getattr(a, name)

    for (_plan, theme), actions in groups.items():
        if len(actions) < _MIN_GROUP:
            continue
        for name in _FILLED_FIELDS + _FILLED_ATTRIBUTES:
            filled = [a for a in actions if value(a, name) not in (None, "", [])]
            if len(filled) == len(actions) or len(filled) < _FILL_RATE * len(actions):
                continue
            for a in actions:
                if a not in filled:
                    a.findings.append(
                        Finding.of(
                            "empty_field",
                            f"{name} is empty; {len(filled)} of {len(actions)} actions"
                            f"{' in ' + theme if theme else ''} fill it",
                        )
                    )


def check_coverage(doc: NormalisedDocument, profile: Profile) -> None:
    """Actions per theme against what the ID sequence implies (T1..T30 implies 30 actions),
    and sequences that do not start at 1 (their first actions lost)."""
    groups: dict[tuple[str, str | None], list] = defaultdict(list)
    starts: dict[tuple[str, str], int] = {}
    for a in doc.actions:
        groups[(a.plan, a.theme)].append(a)
        parts = None if a.attributes.get("synthetic_id") else split_id(a.action_id)
        if parts:
            key = (a.plan, parts[0])
            starts[key] = min(starts.get(key, parts[1]), parts[1])
    for (plan, prefix), first in sorted(starts.items()):
        if first > 1:
            doc.findings.append(
                Finding.of(
                    "coverage",
                    f"plan {plan}: the {prefix} sequence starts at {prefix}{first}; "
                    f"{prefix}1–{prefix}{first - 1} were not read",
                    action_id=f"{prefix}1",
                )
            )
    for (plan, theme), actions in groups.items():
        label = f"plan {plan}, theme {theme}" if theme else f"plan {plan}"
        numbered: dict[str, list[int]] = defaultdict(list)
        for a in actions:
            parts = None if a.attributes.get("synthetic_id") else split_id(a.action_id)
            if parts:
                numbered[parts[0]].append(parts[1])
        rows = sum(len(n) for n in numbered.values())
        unnumbered = len(actions) - rows
        if not numbered:
            doc.findings.append(
                Finding.of(
                    "coverage",
                    f"{label}: {len(actions)} actions without sequence numbers",
                    severity="info",
                )
            )
            continue
        implied = sum(max(n) - min(n) + 1 for n in numbered.values())
        ranges = ", ".join(f"{p}{min(n)}–{p}{max(n)}" for p, n in sorted(numbered.items()))
        extra = f" (+{unnumbered} without sequence numbers)" if unnumbered else ""
        if rows == implied and all(len(set(n)) == len(n) for n in numbered.values()):
            doc.findings.append(
                Finding.of(
                    "coverage",
                    f"{label}: {rows} actions, as IDs {ranges} imply{extra}",
                    severity="info",
                )
            )
            continue
        missing = [
            f"{p}{i}"
            for p, n in sorted(numbered.items())
            for i in range(min(n), max(n) + 1)
            if i not in n
        ]
        doubled = [
            f"{p}{i}"
            for p, n in sorted(numbered.items())
            for i, c in sorted(Counter(n).items())
            if c > 1
        ]
        detail = "; ".join(
            filter(
                None,
                [
                    f"missing {', '.join(missing)}" if missing else "",
                    f"repeated {', '.join(doubled)}" if doubled else "",
                ],
            )
        )
        doc.findings.append(
            Finding.of(
                "coverage",
                f"{label}: {rows} action rows, but IDs {ranges} imply {implied} ({detail}){extra}",
            )
        )
    used = {a.theme for a in doc.actions if a.theme}
    if used:
        for theme in profile.themes:
            if theme not in used and _theme_expected(theme, doc):
                doc.findings.append(
                    Finding.of(
                        "coverage",
                        f"theme {theme} is named in the document, but no action was read under it",
                    )
                )


def _theme_expected(theme: str, doc: NormalisedDocument) -> bool:
    """Only themes the walk met as headings or rows count (profiles are shared between
    documents)."""
    return any(
        c.rule in ("theme_row", "section_row", "heading_vocabulary") and c.clean_value == theme
        for c in doc.corrections
    )


_UNPARSED_RULES = {
    "junk_row": "info",
    "page_number_row": "info",
    "orphan_row": "warning",
    "before_header": "warning",
}


def check_unparsed_rows(doc: NormalisedDocument) -> None:
    """Rows that did not become part of any action, with their raw text."""
    for c in doc.corrections:
        if c.field == "row" and c.rule in _UNPARSED_RULES:
            doc.findings.append(
                Finding.of(
                    "unparsed_row",
                    f"{c.rule.replace('_', ' ')} dropped: {c.raw_value}",
                    severity=_UNPARSED_RULES[c.rule],
                )
            )


def check_rag_colour(doc: NormalisedDocument) -> None:
    """PDF rows (they carry a bbox) with no RAG colour where the same plan's other rows have one.

    An unclassifiable fill is reported where it is read (``fields._apply_rag``, with the colour)."""
    coloured_plans = {a.plan for a in doc.actions if a.rag or a.attributes.get("rag_fill")}
    for a in doc.actions:
        if (
            a.plan in coloured_plans
            and "bbox" in a.attributes
            and not a.rag
            and not a.attributes.get("rag_fill")
        ):
            vanished = any(
                c.rule.startswith("vanished_column") and "rag" in c.rule for c in a.corrections
            )
            a.findings.append(
                Finding.of(
                    "colour",
                    (
                        "no RAG status: the RAG column is missing from this row's page (other rows"
                        " of the plan have one)"
                        if vanished
                        else (
                            "no RAG colour: the row's RAG cell has no fill, or its page has no RAG"
                            " column (other rows of the plan have one)"
                        )
                    ),
                )
            )
