"""Matching loaded actions against truth: recall and per-field accuracy (shared by the
benchmarks)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

FIELDS = (
    "action_id",
    "description",
    "theme",
    "section",
    "lead",
    "timescale",
    "target_date",
    "stage",
    "rag",
)


def norm(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    return re.sub(r"\s+", " ", str(value)).strip().lower()


def match(
    truth: list[dict], got: list[dict], min_score: float = 90
) -> list[tuple[dict, dict | None]]:
    """Pair each truth action with a loaded one: same plan and ID with a similar text, else the most
    similar text."""
    pairs: list[tuple[dict, dict | None]] = []
    used: set[int] = set()
    by_id: dict[tuple[str, str], list[int]] = {}
    for i, g in enumerate(got):
        by_id.setdefault((norm(g.get("plan")), norm(g.get("action_id"))), []).append(i)
    for t in truth:
        best, best_score = None, 0.0
        for i in by_id.get((norm(t.get("plan")), norm(t.get("action_id"))), []):
            score = fuzz.ratio(norm(t["description"]), norm(got[i]["description"]))
            if i not in used and score >= 60 and score > best_score:
                best, best_score = i, score
        if best is None:
            for i, g in enumerate(got):
                if i in used:
                    continue
                score = fuzz.ratio(norm(t["description"]), norm(g["description"]))
                if score >= min_score and score > best_score:
                    best, best_score = i, score
        if best is not None:
            used.add(best)
        pairs.append((t, got[best] if best is not None else None))
    return pairs


def score(
    truth: list[dict], got: list[dict], fields: Iterable[str] = FIELDS
) -> dict[str, float | int]:
    pairs = match(truth, got)
    out: dict[str, float | int] = {"truth": len(truth), "loaded": len(got)}
    found = [(t, g) for t, g in pairs if g is not None]
    out["recall"] = len(found) / len(truth) if truth else 1.0
    for f in fields:
        relevant = [(t, g) for t, g in pairs if norm(t.get(f))]
        if not relevant:
            continue
        if f == "description":
            ok = sum(
                1
                for t, g in relevant
                if g is not None and fuzz.ratio(norm(t[f]), norm(g.get(f))) >= 95
            )
        else:
            ok = sum(1 for t, g in relevant if g is not None and norm(t[f]) == norm(g.get(f)))
        out[f] = ok / len(relevant)
    return out
