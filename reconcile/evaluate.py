"""Evaluation against hand labels (``data/labels/*.csv``).

A label file has columns ``from``, ``to``, ``relation``, ``note``; ``from``/``to``
are written ``doc_id:action_id`` (the row key: ``doc_id:R3#2`` for the second row
printing an ID).  ``relation`` is ``same``, ``merged``,
``split``, ``related``, ``dropped`` (no ``to``) or ``new`` (no ``from``).

Scope: a predicted link is judged when its ``from`` is a labelled source (any
``from`` in the file) or its ``to`` is a fully labelled target (a ``to`` with a
``same``/``merged``/``split``/``new`` label).  Links elsewhere are not judged.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import LabelError

CONTINUES = {"same", "merged", "split"}
LABEL_RELATIONS = CONTINUES | {"related", "dropped", "new"}


@dataclass
class Labels:
    pairs: dict[tuple[str, str], str]  # (from, to) -> relation
    sources: set[str]
    targets: set[str]
    new: set[str]
    dropped: set[str]

    @classmethod
    def read(
        cls, path: str | Path, from_doc: str | None = None, to_doc: str | None = None
    ) -> Labels:
        """Read a label CSV; with ``from_doc``/``to_doc``, bare keys (no ``doc:``) are those
        documents' rows."""

        def full(value: str, doc: str | None) -> str:
            return f"{doc}:{value}" if value and doc and ":" not in value else value

        pairs: dict[tuple[str, str], str] = {}
        sources: set[str] = set()
        targets: set[str] = set()
        new: set[str] = set()
        dropped: set[str] = set()
        with open(path, newline="", encoding="utf-8") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                src = full((row.get("from") or "").strip(), from_doc)
                dst = full((row.get("to") or "").strip(), to_doc)
                rel = (row.get("relation") or "").strip()
                if rel not in LABEL_RELATIONS:
                    raise LabelError(
                        f"{path}:{line}: relation {rel!r} not one of {sorted(LABEL_RELATIONS)}"
                    )
                if rel == "new":
                    if not dst:
                        raise LabelError(f"{path}:{line}: a `new` label needs `to`")
                    new.add(dst)
                    targets.add(dst)
                    continue
                if not src:
                    raise LabelError(f"{path}:{line}: relation {rel!r} needs `from`")
                sources.add(src)
                if rel == "dropped":
                    dropped.add(src)
                    continue
                if not dst:
                    raise LabelError(f"{path}:{line}: relation {rel!r} needs `to`")
                pairs[(src, dst)] = rel
                if rel in CONTINUES:
                    targets.add(dst)
        return cls(pairs, sources, targets, new, dropped)

    def groups(self, relation: str) -> dict[str, set[str]]:
        """merged: new action -> its old actions; split: old action -> its new actions."""
        out: dict[str, set[str]] = {}
        for (src, dst), rel in self.pairs.items():
            if rel == relation == "merged":
                out.setdefault(dst, set()).add(src)
            elif rel == relation == "split":
                out.setdefault(src, set()).add(dst)
        return out


@dataclass
class Evaluation:
    same_precision: float
    same_recall: float
    same_tp: int
    same_predicted: int
    same_labelled: int
    cont_precision: float
    cont_recall: float
    merges_found: int
    merges_labelled: int
    splits_found: int
    splits_labelled: int
    new_wrongly_linked: list[str]
    dropped_wrongly_linked: list[str]
    false_links: list[str] = field(default_factory=list)
    missed_links: list[str] = field(default_factory=list)

    def found(self, src: str, dst: str) -> bool:
        return f"{src} -> {dst}" not in self.missed_links


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _predicted(links: pd.DataFrame, labels: Labels) -> dict[tuple[str, str], str]:
    """(from key, to key) -> relation of the links that touch a labelled action (by row key, or
    doc:ID for links made before row keys)."""
    pred: dict[tuple[str, str], str] = {}
    for r in links.itertuples(index=False):
        src = getattr(r, "from_key", None) or f"{r.from_doc_id}:{r.from_action_id}"
        dst = getattr(r, "to_key", None) or f"{r.to_doc_id}:{r.to_action_id}"
        if src in labels.sources or dst in labels.targets:
            pred[(src, dst)] = r.relation
    return pred


def evaluate(links: pd.DataFrame, labels: Labels) -> Evaluation:
    """Compare ``links`` (columns of the links table) with ``labels``."""
    pred = _predicted(links, labels)
    same_pred = {k for k, v in pred.items() if v == "same"}
    same_lab = {k for k, v in labels.pairs.items() if v == "same"}
    cont_pred = {k for k, v in pred.items() if v in CONTINUES}
    cont_lab = {k for k, v in labels.pairs.items() if v in CONTINUES}
    merges = labels.groups("merged")
    splits = labels.groups("split")
    merges_found = sum(
        all(pred.get((s, d)) == "merged" for s in srcs) for d, srcs in merges.items()
    )
    splits_found = sum(all(pred.get((s, d)) == "split" for d in dsts) for s, dsts in splits.items())
    new_wrong = sorted({d for (s, d) in cont_pred if d in labels.new})
    dropped_wrong = sorted({s for (s, d) in cont_pred if s in labels.dropped})
    false_links = sorted(
        f"{s} -> {d} ({pred[(s, d)]}; label {labels.pairs.get((s, d), 'none')})"
        for (s, d) in cont_pred
        if labels.pairs.get((s, d)) != pred[(s, d)]
    )
    missed = sorted(f"{s} -> {d}" for (s, d) in cont_lab if (s, d) not in cont_pred)
    return Evaluation(
        same_precision=_ratio(len(same_pred & same_lab), len(same_pred)),
        same_recall=_ratio(len(same_pred & same_lab), len(same_lab)),
        same_tp=len(same_pred & same_lab),
        same_predicted=len(same_pred),
        same_labelled=len(same_lab),
        cont_precision=_ratio(len(cont_pred & cont_lab), len(cont_pred)),
        cont_recall=_ratio(len(cont_pred & cont_lab), len(cont_lab)),
        merges_found=merges_found,
        merges_labelled=len(merges),
        splits_found=splits_found,
        splits_labelled=len(splits),
        new_wrongly_linked=new_wrong,
        dropped_wrongly_linked=dropped_wrong,
        false_links=false_links,
        missed_links=missed,
    )


def error_report(
    links: pd.DataFrame, labels: Labels, scored: pd.DataFrame | None = None
) -> list[str]:
    """A linker's errors against ``labels``, one line each, grouped by what they cost.

    - ``false link``: a continuation link the labels do not have (precision);
    - ``missed same``: a labelled `same` pair not linked as `same` (recall of `same`);
    - ``missed part``: a labelled merge/split pair not linked as a continuation;
    - ``relation``: the pair is right, its relation is not (e.g. `same` for a `split`);
    - ``new linked`` / ``dropped linked``: an action labelled new (dropped) given a predecessor
      (successor).

    With ``scored`` (candidate pairs with ``from_key``/``to_key``/``score``), each line also gives
    the pair's probability and, for a miss, what each end was linked to or its best candidate.

    >>> labels = Labels({("a:1", "b:1"): "same", ("a:2", "b:2"): "same"}, {"a:1", "a:2"},
    ...     {"b:1", "b:2"}, {"b:3"}, set())
    >>> links = pd.DataFrame({"from_key": ["a:1", "a:2"], "to_key": ["b:1", "b:3"],
    ...     "relation": ["same", "same"]})
    >>> for line in error_report(links, labels): print(line)
    false link     a:2 -> b:3 (same; label none)
    missed same    a:2 -> b:2 (not linked); a:2 linked to b:3 (same)
    new linked     b:3 <- a:2
    """
    pred = _predicted(links, labels)
    prob: dict[tuple[str, str], float] = {}
    best_of: dict[str, tuple[str, float]] = {}
    if scored is not None and len(scored) and "from_key" in scored.columns:
        for s, d, p in zip(scored["from_key"], scored["to_key"], scored["score"], strict=True):
            prob[(s, d)] = float(p)
            for a, b in ((s, d), (d, s)):
                if a not in best_of or p > best_of[a][1]:
                    best_of[a] = (b, float(p))

    def p_of(s: str, d: str) -> str:
        if not prob:
            return ""
        return f"; p {prob[(s, d)]:.2f}" if (s, d) in prob else "; not a candidate"

    def ends(s: str, d: str) -> str:
        parts = []
        for a in (s, d):
            linked = [
                f"{y if x == a else x} ({rel})" for (x, y), rel in pred.items() if a in (x, y)
            ]
            if linked:
                parts.append(f"{a} linked to {', '.join(linked)}")
            elif a in best_of:
                b, p = best_of[a]
                parts.append(f"{a} best candidate {b} p {p:.2f}")
        return f"; {'; '.join(parts)}" if parts else ""

    cont = {k: v for k, v in pred.items() if v in CONTINUES}
    out: list[str] = []
    for (s, d), rel in sorted(cont.items()):
        said = labels.pairs.get((s, d))
        if said not in CONTINUES:
            out.append(f"false link     {s} -> {d} ({rel}; label {said or 'none'}{p_of(s, d)})")
    for (s, d), label in sorted(labels.pairs.items()):
        got = pred.get((s, d))
        if label == "same" and got != "same":
            out.append(f"missed same    {s} -> {d} ({got or 'not linked'}{p_of(s, d)}){ends(s, d)}")
        elif label in ("merged", "split") and got not in CONTINUES:
            out.append(
                f"missed part    {s} -> {d} ({label}; {got or 'not linked'}{p_of(s, d)})"
                f"{ends(s, d)}"
            )
        elif label in CONTINUES and got in CONTINUES and got != label:
            out.append(f"relation       {s} -> {d} ({got}; label {label}{p_of(s, d)})")
    for s, d in sorted(cont):
        if d in labels.new:
            out.append(f"new linked     {d} <- {s}{p_of(s, d)}")
        if s in labels.dropped:
            out.append(f"dropped linked {s} -> {d}{p_of(s, d)}")
    return out
