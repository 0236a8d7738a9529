"""Document-level checks that write findings: duplicates, gaps, the deliverability rule, coverage."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..profile import Profile
from .ids import split_id
from .records import Correction, Finding, NormalisedDocument


def run_checks(doc: NormalisedDocument, profile: Profile) -> None:
    check_duplicates(doc)
    check_gaps(doc, profile)
    check_deliverability(doc, profile)
    check_required(doc)
    for action in doc.actions:
        action.attributes.pop("_unread", None)


def check_duplicates(doc: NormalisedDocument) -> None:
    counts = Counter((a.plan, a.action_id) for a in doc.actions)
    for (plan, action_id), n in counts.items():
        if n > 1:
            rows = [str(a.source_row) for a in doc.actions if (a.plan, a.action_id) == (plan, action_id)]
            doc.findings.append(Finding(action_id, "duplicate_id", "warning",
                                        f"ID {action_id} appears {n} times in plan {plan} (rows {', '.join(rows)}); all kept"))


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
            doc.findings.append(Finding(f"{prefix}{n}", "id_gap", "warning",
                                        f"{prefix}{n} is missing: plan {plan} has {prefix}{n - 1} and a later {prefix}{n + 1 if n + 1 in nums else ''}".rstrip()))


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
            a.findings.append(Finding(None, "missing_value", "warning", "deliverability score is empty"))
            continue
        if not isinstance(stated, float):
            continue
        for key in list(unread):
            others = {"cost": cost, "carbon_saving": carbon}
            fits = []
            for option, w in weights.get(key, {}).items():
                trial = dict(others, **{key: option})
                product = _product(weights, ts, trial["cost"], trial["carbon_saving"])
                if product is not None and abs(product - stated) < 1e-6:
                    fits.append(option)
            if len(fits) == 1:
                raw = a.attributes[key]
                a.attributes[key] = fits[0]
                a.corrections.append(Correction(None, key, raw, fits[0], "rating_from_deliverability",
                                                f"deliverability {stated:g} = timescale x cost x carbon only with {fits[0]}"))
                unread.remove(key)
            else:
                a.findings.append(Finding(None, "vocabulary", "warning", f"{key} {a.attributes[key]!r} could not be read"))
        cost, carbon = a.attributes.get("cost"), a.attributes.get("carbon_saving")
        product = _product(weights, ts, cost, carbon)
        if product is None:
            continue
        if abs(product - stated) > 1e-6:
            a.findings.append(Finding(None, "deliverability", "warning",
                                      f"deliverability {stated:g} != timescale {ts} ({weights['timescale'].get(ts)}) x cost {cost} "
                                      f"({weights['cost'].get(cost)}) x carbon {carbon} ({weights['carbon_saving'].get(carbon)}) = {product:g}"))


def _product(weights, ts, cost, carbon) -> float | None:
    try:
        return float(weights["timescale"][ts]) * float(weights["cost"][cost]) * float(weights["carbon_saving"][carbon])
    except (KeyError, TypeError):
        return None


def check_required(doc: NormalisedDocument) -> None:
    for a in doc.actions:
        if not a.description:
            a.findings.append(Finding(None, "required_field", "error", "action has no description"))
