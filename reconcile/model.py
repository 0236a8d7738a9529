"""A learned match model: logistic regression over the comparison features, trained on labelled
pairs.

Why not the hand-set Fellegi-Sunter levels alone: those weights were read off
one council's revision, and a score of 0.6 did not mean the same on the next
council.  The model learns from every labelled edition pair in
``data/raw/lineage/`` what each comparison is worth, so its probability is
calibrated on several councils; ``bench/reconcile_benchmark.py`` checks that
by training without the council it scores (leave one council out).

Inputs are the features of ``compare`` plus context (``add_context``): how far
a pair's text similarity stands above the best *other* candidate of its new
action and of its old action, and above the new action's typical candidate.
That is how "new" is decided honestly: a new action whose best candidate is
no better than what its unrelated candidates score gets a low probability,
however many words it shares with an old action.

Each contribution is ``coef * (x - mean) / scale`` in log-odds, so
``explain`` can list them (the waterfall).

>>> import numpy as np, pandas as pd
>>> x = pd.DataFrame({"desc_cos": [0.9, 0.8, 0.1, 0.05]})
>>> m = LinkModel.fit(x, np.array([1, 1, 0, 0]), features=["desc_cos"], l2=0.1)
>>> bool(m.logit(x)[0] > 0 > m.logit(x)[3])
True
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import SettingsError

DEFAULT_MODEL = Path(__file__).with_name("model.json")

# Features the model reads.  NaN (unknown: no lead, no partners) counts as the feature's mean, i.e.
# 0 contribution.  The `has_lead`/`has_partners` flags (add_context) are not read: whether a plan
# prints leads or partners is the same for all its pairs, so such a flag only learns which labelled
# plans printed them (it gave every pair of a plan with leads +1.3 log-odds, a link for the wrong
# reason on an unseen council) and says nothing about whether two actions are one.
MODEL_FEATURES = [
    "desc_cos", "full_cos", "update_cos", "phrase_cos", "head_cos", "containment", "cont_old",
    "cont_new", "fuzz", "lead_overlap", "partner_overlap",
    "id_same_theme", "same_theme", "same_plan", "mention", "old_completed", "new_said", "new_stage",
    "gap_new", "gap_old", "lift_new", "best_of_new", "best_of_old", "mutual_best", "lsa_cos",
    "theme_sim", "lead_cited",
]  # fmt: skip


# The similarity the context columns compare: the text cosines, the head of the action (what it is:
# "Develop a strategy ..." / "Deliver the ... Strategy"), the later progress note about the
# earlier action, and the latent-semantic cosine (a reworded action whose words keep company with
# the old one's in the plans' other texts still stands out among its candidates).
SIM_FEATURES = ["desc_cos", "full_cos", "phrase_cos", "head_cos", "update_cos", "lsa_cos"]

# Evidence that can only make a link more likely.
MONOTONE = {
    "desc_cos",
    "full_cos",
    "update_cos",
    "phrase_cos",
    "head_cos",
    "containment",
    "cont_old",
    "cont_new",
    "fuzz",
    "lead_overlap",
    "partner_overlap",
    "id_same_theme",
    "same_theme",
    "same_plan",
    "mention",
    "gap_new",
    "gap_old",
    "lift_new",
    "best_of_new",
    "best_of_old",
    "mutual_best",
    "lsa_cos",
    "theme_sim",
    "lead_cited",
}


def add_context(features: pd.DataFrame) -> pd.DataFrame:
    """Context columns over each action's candidates (similarity ``sim`` = mean of
    ``SIM_FEATURES``).

    - ``gap_new``/``gap_old``: ``sim`` minus the best other candidate's ``sim`` of the same new/old
      action (capped to [-0.5, 0.5]; ``sim`` itself when it has no other candidate);
    - ``lift_new``: ``sim`` minus the mean ``sim`` of the new action's candidates, over their
      spread;
    - ``best_of_new``/``best_of_old``: 1 when the pair is its action's best candidate;
      ``mutual_best`` both.
    """
    out = features.copy()
    if not len(out):
        for col in (
            "sim",
            "gap_new",
            "gap_old",
            "lift_new",
            "best_of_new",
            "best_of_old",
            "mutual_best",
            "has_lead",
            "has_partners",
        ):
            out[col] = pd.Series(dtype="float64")
        return out
    sim = out[SIM_FEATURES].fillna(0.0).mean(axis=1).to_numpy()
    out["sim"] = sim
    for side, name in (("n", "new"), ("o", "old")):
        groups = out[side].to_numpy()
        s = pd.Series(sim)
        g = s.groupby(groups)
        best = g.transform("max").to_numpy()
        count = g.transform("size").to_numpy()
        # second best per group: the max after removing one occurrence of the best
        order = np.lexsort((-sim, groups))
        second = np.full(len(sim), np.nan)
        sorted_groups, sorted_sim = groups[order], sim[order]
        first = np.r_[True, sorted_groups[1:] != sorted_groups[:-1]]
        firsts = np.flatnonzero(first)
        sec_val = np.where(
            np.r_[firsts[1:], len(order)] - firsts > 1,
            sorted_sim[np.minimum(firsts + 1, len(order) - 1)],
            np.nan,
        )
        group_id = np.cumsum(first) - 1
        second[order] = sec_val[group_id]
        other_best = np.where(sim >= best, second, best)
        # an action with one candidate: measured against nothing (0), not given the benefit of the
        # doubt
        gap = np.where(count > 1, sim - np.nan_to_num(other_best, nan=0.0), sim)
        out[f"gap_{name}"] = np.clip(gap, -0.5, 0.5)
        out[f"best_of_{name}"] = (sim >= best).astype("float64")
        if side == "n":
            mean = g.transform("mean").to_numpy()
            std = g.transform("std").fillna(0.0).to_numpy()
            out["lift_new"] = np.clip((sim - mean) / np.maximum(std, 0.05), -5, 5)
    out["mutual_best"] = out["best_of_new"] * out["best_of_old"]
    out["has_lead"] = out["lead_overlap"].notna().astype("float64")
    out["has_partners"] = out["partner_overlap"].notna().astype("float64")
    return out


@dataclass(frozen=True)
class LinkModel:
    """Logistic regression on standardised features; everything needed to score and explain."""

    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    trained_on: tuple[str, ...] = ()  # the labelled pairs it was fitted on
    l2: float = 1.0

    @classmethod
    def fit(
        cls,
        x: pd.DataFrame,
        y: np.ndarray,
        features: list[str] | None = None,
        l2: float = 1.0,
        trained_on: tuple[str, ...] = (),
    ) -> LinkModel:
        """Fit, then refit without any evidence feature that came out with the wrong sign.

        The text similarities are strongly correlated, and a free fit gives some
        of them negative weights ("more shared words: less likely the same") that
        only cancel others.  Such a model explains nothing and generalises worse,
        so a feature of ``MONOTONE`` whose weight is negative is left out (weight
        0), the most negative first, until none is (as splink's levels are ordered).
        """
        features = list(features or MODEL_FEATURES)
        active = list(features)
        while True:
            model = cls._fit(x, y, active, l2, trained_on)
            wrong = [
                (c, f)
                for f, c in zip(model.features, model.coef, strict=True)
                if f in MONOTONE and c < 0
            ]
            if not wrong:
                break
            active.remove(min(wrong)[1])
        coef = dict(zip(model.features, model.coef, strict=True))
        mean = dict(zip(model.features, model.mean, strict=True))
        scale = dict(zip(model.features, model.scale, strict=True))
        return cls(
            tuple(features),
            tuple(coef.get(f, 0.0) for f in features),
            model.intercept,
            tuple(mean.get(f, 0.0) for f in features),
            tuple(scale.get(f, 1.0) for f in features),
            tuple(trained_on),
            l2,
        )

    @classmethod
    def _fit(
        cls,
        x: pd.DataFrame,
        y: np.ndarray,
        features: list[str],
        l2: float,
        trained_on: tuple[str, ...],
    ) -> LinkModel:
        """Newton's method on the L2-penalised log loss; the intercept is not penalised."""
        raw = _matrix(x, features)
        known = ~np.isnan(raw)
        count = np.maximum(known.sum(axis=0), 1)
        filled = np.where(known, raw, 0.0)
        mean = filled.sum(axis=0) / count
        scale = np.sqrt((np.where(known, raw - mean, 0.0) ** 2).sum(axis=0) / count)
        scale = np.where(scale < 1e-6, 1.0, scale)
        z = _standardise(raw, mean, scale)
        a = np.c_[np.ones(len(z)), z]
        y = np.asarray(y, dtype="float64")
        w = np.zeros(a.shape[1])
        penalty = np.r_[0.0, np.full(len(features), l2)]
        for _ in range(100):
            p = 1.0 / (1.0 + np.exp(-(a @ w)))
            grad = a.T @ (p - y) + penalty * w
            hess = (a * (p * (1 - p))[:, None]).T @ a + np.diag(penalty + 1e-9)
            step = np.linalg.solve(hess, grad)
            w -= step
            if np.max(np.abs(step)) < 1e-8:
                break
        return cls(
            tuple(features),
            tuple(float(v) for v in w[1:]),
            float(w[0]),
            tuple(float(v) for v in mean),
            tuple(float(v) for v in scale),
            tuple(trained_on),
            l2,
        )

    def contributions(self, x: pd.DataFrame) -> pd.DataFrame:
        """Per pair and feature, its share of the log-odds (the intercept not included)."""
        z = _standardise(_matrix(x, list(self.features)), np.array(self.mean), np.array(self.scale))
        return pd.DataFrame(z * np.array(self.coef), columns=list(self.features), index=x.index)

    def logit(self, x: pd.DataFrame) -> np.ndarray:
        return self.intercept + self.contributions(x).sum(axis=1).to_numpy()

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1)

    @classmethod
    def from_json(cls, text: str) -> LinkModel:
        data = json.loads(text)
        fields: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in data.items()
        }
        return cls(**fields)

    @classmethod
    def load(cls, path: str | Path | None = None) -> LinkModel:
        return _load(str(path or DEFAULT_MODEL))


@lru_cache(maxsize=8)
def _load(path: str) -> LinkModel:
    try:
        return LinkModel.from_json(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError) as exc:
        raise SettingsError(f"{path}: cannot read the link model ({exc})") from exc


def _matrix(x: pd.DataFrame, features: list[str]) -> np.ndarray:
    missing = [f for f in features if f not in x.columns]
    if missing:
        raise SettingsError(
            f"link model needs feature(s) {missing}; run compare + add_context first"
        )
    return x[features].to_numpy(dtype="float64")


def _standardise(raw: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    z = (raw - mean) / scale
    return np.where(np.isnan(z), 0.0, z)


def log2_odds(logit: np.ndarray) -> np.ndarray:
    return np.asarray(logit) / math.log(2.0)
