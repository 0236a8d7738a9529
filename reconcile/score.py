"""Scoring: a match weight (log2 odds) and probability per candidate pair.

By default the learned model of ``model.py`` scores; the hand-set levels below
remain as the ``"levels"`` scorer (the benchmark prints both).

The levels scorer: a Fellegi-Sunter match weight from the comparison levels.

Each feature's levels in ``LinkSettings.levels`` are anchor points (value,
log2 Bayes factor); a value between two anchors gets the interpolated factor
(so near-equal pairs do not tie), a value beyond the ends gets the end's
factor, a missing value (NaN) adds nothing.  The factors are added to the
prior log2 odds: that is the pair's own ``base_weight``.

Context then counts: a pair that is clearly the best candidate of its old
action (``gap_old``: its base weight minus the best other candidate's) and of
its new action (``gap_new``) gains weight, one that is beaten loses it
(``LinkSettings.context_levels``).  ``score`` is ``2**w / (1 + 2**w)``.

>>> import pandas as pd
>>> row = pd.DataFrame({"o": [0], "n": [0], "desc_cos": [0.55], "mention": [0.0]})
>>> # prior -6, desc_cos +7; the only candidate on both sides: +2 +2
>>> out = level_scores(row, LinkSettings())
>>> (float(out["base_weight"].iloc[0]), float(out["match_weight"].iloc[0]),
...  round(float(out["score"].iloc[0]), 3))
(1.0, 5.0, 0.97)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .model import LinkModel, add_context, log2_odds
from .settings import LinkSettings


def level_weights(values: pd.Series | np.ndarray, levels: list[tuple[float, float]]) -> np.ndarray:
    """log2 Bayes factor per value, interpolated between the level anchors; NaN -> 0.

    >>> level_weights(np.array([0.0, 0.5, 1.0, np.nan]), [(1.0, 4.0), (0.0, 0.0)]).tolist()
    [0.0, 2.0, 4.0, 0.0]
    """
    x = np.asarray(values, dtype="float64")
    anchors = sorted(levels)
    xs = np.array([a for a, _ in anchors], dtype="float64")
    ws = np.array([w for _, w in anchors], dtype="float64")
    out = np.interp(np.nan_to_num(x, nan=xs[0]), xs, ws)
    out[np.isnan(x)] = 0.0
    return out


def _gaps(side: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Each pair's weight minus the best weight among the other pairs of the same action (inf if
    none)."""
    order = np.lexsort((-weight, side))
    s_side, s_w = side[order], weight[order]
    starts = np.r_[True, s_side[1:] != s_side[:-1]]
    group = np.cumsum(starts) - 1
    first_pos = np.flatnonzero(starts)
    sizes = np.diff(np.r_[first_pos, len(s_side)])
    best = s_w[first_pos]
    second = np.where(sizes > 1, s_w[np.minimum(first_pos + 1, len(s_w) - 1)], np.nan)
    is_first = np.zeros(len(s_w), dtype=bool)
    is_first[first_pos] = True
    other = np.where(is_first, second[group], best[group])
    gap = s_w - other
    out = np.empty_like(gap)
    out[order] = gap
    return np.where(np.isnan(out), np.inf, out)


def score_pairs(features: pd.DataFrame, settings: LinkSettings | None = None) -> pd.DataFrame:
    """Add ``base_weight``, ``match_weight`` (log2 odds) and ``score`` (probability in [0, 1]).

    ``settings.scorer == "model"`` (the default): the learned logistic model
    (``model.py``) over the features and their context; ``"levels"``: the
    hand-set comparison levels, with ``w_<feature>`` columns.
    """
    settings = settings or LinkSettings()
    if settings.scorer == "model":
        return model_scores(features, LinkModel.load(settings.model))
    return level_scores(features, settings)


def model_scores(features: pd.DataFrame, model: LinkModel) -> pd.DataFrame:
    out = add_context(features)
    weight = log2_odds(model.logit(out)) if len(out) else np.zeros(0)
    out["base_weight"] = weight
    out["match_weight"] = weight
    out["score"] = 1.0 / (1.0 + np.power(2.0, -weight))
    return out


def level_scores(features: pd.DataFrame, settings: LinkSettings) -> pd.DataFrame:
    """The Fellegi-Sunter score from the hand-set levels (see the module docstring)."""
    out = features.copy()
    total = np.full(len(out), settings.prior_log2, dtype="float64")
    for name, levels in settings.levels.items():
        if name not in out.columns:
            continue
        w = level_weights(out[name], levels)
        out[f"w_{name}"] = w
        total += w
    out["base_weight"] = total
    if len(out) and "o" in out.columns and "n" in out.columns:
        out["gap_old"] = _gaps(out["o"].to_numpy(), total)
        out["gap_new"] = _gaps(out["n"].to_numpy(), total)
        ctx = settings.context_levels
        out["w_context"] = level_weights(np.minimum(out["gap_old"], 99.0), ctx) + level_weights(
            np.minimum(out["gap_new"], 99.0), ctx
        )
        total = total + out["w_context"].to_numpy()
    out["match_weight"] = total
    out["score"] = 1.0 / (1.0 + np.power(2.0, -total))
    return out
