"""Labelled edition pairs (``data/raw/lineage/<pair>/``) and training the link model on them.

A pair folder holds ``pair.toml``, ``crosswalk.csv`` (and, where a second person
labelled the pair on their own, ``crosswalk.second.csv``) and, unless its actions
come from documents the project ingests, ``old.csv``/``new.csv`` (the layout
is in ``data/raw/lineage/README.md``).  ``read_pairs`` gives one
``LabelledPair`` per folder: both editions as frames shaped like the
``actions`` table, and the crosswalk as ``Labels``.  ``train`` fits
``LinkModel`` on the candidate pairs of some of them.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import LabelError
from .evaluate import CONTINUES, Labels, evaluate
from .link import candidate_features, link_scored
from .model import LinkModel, add_context
from .score import model_scores
from .settings import LinkSettings
from .tokens import Tokeniser

ACTION_CSV_COLUMNS = [
    "key",
    "action_id",
    "theme",
    "description",
    "lead",
    "partners",
    "timescale",
    "stage",
    "rag",
    "update_text",
]


@dataclass
class LabelledPair:
    name: str  # folder name
    council: str
    old: pd.DataFrame  # actions of the earlier edition(s), columns of the actions table
    new: pd.DataFrame
    labels: Labels
    made: str  # "real: ..." or "hand-written next edition"
    # a second labeller's crosswalk of the same pair (crosswalk.second.csv), scored beside, never
    # trained on: how much the figures depend on who labelled
    second: Labels | None = None

    @property
    def old_docs(self) -> list[str]:
        return sorted(self.old["doc_id"].unique())


def read_pairs(root: str | Path, stored: pd.DataFrame | None = None) -> list[LabelledPair]:
    """Every pair folder under ``root`` (sorted by name).

    ``stored``: actions from the database, for pairs whose editions are ingested
    documents (no old.csv/new.csv); such a pair is skipped when they are not given.
    """
    out = []
    for folder in sorted(p for p in Path(root).iterdir() if (p / "pair.toml").exists()):
        pair = read_pair(folder, stored)
        if pair is not None:
            out.append(pair)
    return out


def read_pair(folder: str | Path, stored: pd.DataFrame | None = None) -> LabelledPair | None:
    folder = Path(folder)
    try:
        meta = tomllib.loads((folder / "pair.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LabelError(f"{folder / 'pair.toml'}: {exc}") from exc
    council = meta.get("council") or folder.name
    olds = meta["old"] if isinstance(meta.get("old"), list) else [meta.get("old") or {}]
    new_meta = meta.get("new") or {}
    if (folder / "old.csv").exists():
        old_doc, new_doc = (
            olds[0].get("doc_id", f"{folder.name}-old"),
            new_meta.get("doc_id", f"{folder.name}-new"),
        )
        old = read_actions_csv(folder / "old.csv", old_doc, council, olds[0].get("edition"))
        new = read_actions_csv(folder / "new.csv", new_doc, council, new_meta.get("edition"))
        # bare keys in the crosswalks are rows of these two documents
        docs: dict[str, str] = {"from_doc": old_doc, "to_doc": new_doc}
    else:
        if stored is None:
            return None
        old_ids = [o["doc_id"] for o in olds]
        old = stored[stored["doc_id"].isin(old_ids)].reset_index(drop=True)
        new = stored[stored["doc_id"] == new_meta["doc_id"]].reset_index(drop=True)
        if not len(old) or not len(new):
            raise LabelError(
                f"{folder}: documents {old_ids + [new_meta['doc_id']]} are not all in the database"
            )
        docs = {}  # the crosswalks name rows by their stored keys (doc:ID)
    labels = Labels.read(folder / "crosswalk.csv", **docs)
    second_path = folder / "crosswalk.second.csv"
    second = Labels.read(second_path, **docs) if second_path.exists() else None
    return LabelledPair(folder.name, council, old, new, labels, str(meta.get("made", "")), second)


def read_actions_csv(path: Path, doc_id: str, council: str, edition: str | None) -> pd.DataFrame:
    """An old.csv/new.csv as a frame shaped like the actions table (``action_key`` =
    ``doc_id:key``)."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise LabelError(f"{path}: {exc}") from exc
    if rows and "key" not in rows[0]:
        raise LabelError(f"{path}: no `key` column (columns: {', '.join(rows[0])})")
    records = []
    for i, r in enumerate(rows, start=2):
        printed = (r.get("action_id") or "").strip()
        key = (r.get("key") or "").strip()
        if not key:
            raise LabelError(f"{path}:{i}: empty key")
        records.append(
            {
                "doc_id": doc_id,
                "council": council,
                "plan": "main",
                "edition": edition,
                "action_id": printed or key,
                "action_id_raw": printed or None,
                "theme": _text(r.get("theme")),
                "section": None,
                "description": _text(r.get("description")),
                "lead": _text(r.get("lead")),
                "partners": [p.strip() for p in (r.get("partners") or "").split(";") if p.strip()],
                "timescale": _text(r.get("timescale")),
                "start_period": None,
                "end_period": None,
                "stage": _text(r.get("stage")),
                "rag": _text(r.get("rag")),
                "update_text": _text(r.get("update_text")),
                "source_row": i,
                "action_key": f"{doc_id}:{key}",
            }
        )
    frame = pd.DataFrame(records)
    if frame["action_key"].duplicated().any():
        dup = frame.loc[frame["action_key"].duplicated(), "action_key"].iloc[0]
        raise LabelError(f"{path}: key {dup.split(':', 1)[1]!r} twice")
    return frame


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _training_rows(pair: LabelledPair, old_p, new_p, features) -> tuple[pd.DataFrame, np.ndarray]:
    """The pair's candidate pairs with features and context, and a 0/1 label each.

    1: the crosswalk links the two (same/merged/split).  0: the crosswalk
    speaks for either end and does not link them.  Pairs labelled ``related``
    are left out (neither a continuation nor unrelated).
    """
    x = add_context(features)
    if not len(x):
        return x, np.zeros(0)
    src = old_p["key"].to_numpy()[x["o"].to_numpy()]
    dst = new_p["key"].to_numpy()[x["n"].to_numpy()]
    rel = [pair.labels.pairs.get((s, d)) for s, d in zip(src, dst, strict=True)]
    judged = np.array(
        [
            (s in pair.labels.sources or d in pair.labels.targets) and r != "related"
            for s, d, r in zip(src, dst, rel, strict=True)
        ]
    )
    y = np.array([r in CONTINUES for r in rel], dtype="float64")
    return x[judged].reset_index(drop=True), y[judged]


def train(
    pairs: Iterable[LabelledPair], settings: LinkSettings | None = None, l2: float = 1.0
) -> LinkModel:
    """Fit the link model on the candidate pairs of ``pairs``."""
    return fit([PreparedPair.of(p, settings) for p in pairs], l2)


@dataclass
class PreparedPair:
    """A labelled pair with its candidate pairs compared once (training and scoring reuse them)."""

    pair: LabelledPair
    old: pd.DataFrame  # prepared
    new: pd.DataFrame
    features: pd.DataFrame
    tokeniser: Tokeniser
    x: pd.DataFrame  # training rows
    y: np.ndarray

    @classmethod
    def of(cls, pair: LabelledPair, settings: LinkSettings | None = None) -> PreparedPair:
        old_p, new_p, features, tok = candidate_features(pair.old, pair.new, settings)
        x, y = _training_rows(pair, old_p, new_p, features)
        return cls(pair, old_p, new_p, features, tok, x, y)

    def link(self, model: LinkModel, settings: LinkSettings | None = None):
        """This pair linked with ``model`` (a ``StepResult``)."""
        return link_scored(
            self.old,
            self.new,
            model_scores(self.features, model),
            self.tokeniser,
            settings or LinkSettings(),
        )


def fit(prepared: list[PreparedPair], l2: float = 1.0) -> LinkModel:
    rows = [p for p in prepared if len(p.x)]
    if not rows:
        raise LabelError("no labelled candidate pairs to train on")
    x = pd.concat([p.x for p in rows], ignore_index=True)
    return LinkModel.fit(
        x, np.concatenate([p.y for p in rows]), l2=l2, trained_on=tuple(p.pair.name for p in rows)
    )


# The assignment thresholds tried by ``choose_thresholds``: (match_threshold, merge_min_weight,
# mutual_threshold).  A pair that is each other's best candidate may need less than the match
# threshold: how much less is chosen too (never more than the match threshold).
THRESHOLD_GRID = [
    (m, w, u)
    for m in (0.5, 0.6, 0.7, 0.8)
    for w in (-1.0, 0.0, 1.0, 2.0)
    for u in (0.3, 0.4, 0.5)
    if u <= m
]


def objective(e) -> float:
    """How near an evaluation is to the targets (precision 0.95, recall of `same` 0.90, at most one
    new action linked): each capped at its target, so nothing is bought beyond it at the others'
    expense.
    """
    return (
        min(e.cont_precision, 0.95) / 0.95
        + min(e.same_recall, 0.90) / 0.90
        - 0.1 * max(0, len(e.new_wrongly_linked) - 1)
    )


def choose_thresholds(
    prepared: list[PreparedPair], grid=THRESHOLD_GRID
) -> tuple[float, float, float]:
    """The (match_threshold, merge_min_weight, mutual_threshold) with the best mean ``objective``
    over ``prepared``,
    each pair scored by a model trained without its council (so the choice is not made on fitted
    data)."""
    totals = {g: 0.0 for g in grid}
    for p in prepared:
        others = [q for q in prepared if q.pair.council != p.pair.council]
        if not others:
            continue
        model = fit(others)
        scored = model_scores(p.features, model)
        for m, w, u in grid:
            settings = LinkSettings(match_threshold=m, mutual_threshold=u, merge_min_weight=w)
            links = link_scored(p.old, p.new, scored.copy(), p.tokeniser, settings, False).links
            totals[(m, w, u)] += objective(evaluate(links, p.pair.labels))
    return max(grid, key=lambda g: (totals[g], g))
