"""``LinkSettings``: every threshold and weight of a reconcile run, saved with the run.

>>> s = LinkSettings()
>>> s.match_threshold
0.8
>>> LinkSettings.from_json(s.to_json()) == s
True
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields

from .errors import SettingsError

# Comparison levels: per feature, anchor points (value, log2 Bayes factor);
# values between anchors are interpolated, a missing value (NaN) contributes 0.  The factors are set
# by hand from reading the labelled Transport/Buildings pairs (see bench/reconcile_benchmark.py);
# they are the splink "m/u" ratios written as weights.
DEFAULT_LEVELS: dict[str, list[tuple[float, float]]] = {
    # TF-IDF cosine of the descriptions
    "desc_cos": [(0.55, 7.0), (0.40, 5.0), (0.28, 3.0), (0.18, 1.0), (0.10, -1.0), (0.0, -4.0)],
    # TF-IDF cosine of description + update text
    "full_cos": [(0.45, 3.0), (0.30, 2.0), (0.20, 1.0), (0.10, 0.0), (0.0, -2.0)],
    # TF-IDF cosine of skip-bigrams ("EV strategy" ~ "EV charging strategy")
    "phrase_cos": [(0.15, 3.0), (0.05, 2.0), (0.015, 1.0), (0.0, 0.0)],
    # TF-IDF cosine of the first terms of the descriptions (what the action is)
    "head_cos": [(0.5, 2.0), (0.3, 1.0), (0.15, 0.0), (0.0, -1.0)],
    # IDF-weighted share of the smaller text's terms found in the other
    "containment": [(0.6, 2.0), (0.4, 1.0), (0.25, 0.0), (0.0, -1.0)],
    # rapidfuzz token_set_ratio / 100 of the descriptions (with our normaliser)
    "fuzz": [(0.85, 3.0), (0.70, 1.0), (0.0, 0.0)],
    # lead team token overlap (NaN when either side has no lead)
    "lead_overlap": [(0.5, 1.0), (0.0, -0.5)],
    # partner overlap, share of the smaller list (NaN when either is empty)
    "partner_overlap": [(0.75, 1.5), (0.4, 0.5), (0.0, -0.5)],
    # same action ID within the same theme: weak, IDs are often renumbered
    "id_same_theme": [(1.0, 1.0), (0.0, 0.0)],
    # the same theme at all
    "same_theme": [(1.0, 0.5), (0.0, -0.5)],
    # an update or description names the other ID ("formerly T18", "now LCC.13")
    "mention": [(1.0, 8.0), (0.0, 0.0)],
    # timescale: both ongoing / compatible (1), unknown (NaN), clash (0)
    "timescale": [(1.0, 0.3), (0.0, -0.3)],
    # the old action was completed: completed actions seldom continue
    "old_completed": [(1.0, -1.5), (0.0, 0.0)],
}


@dataclass(frozen=True)
class LinkSettings:
    """Thresholds and comparisons for linking actions across editions."""

    # --- which documents are editions of a plan ------------------------------------
    # Narratives (prose format) list work packages, not plan actions.
    exclude_formats: tuple[str, ...] = ("prose",)
    # --- blocking -----------------------------------------------------------------
    # all pairs inside a theme when the theme block is at most this many pairs
    max_theme_block_pairs: int = 5000
    # a shared term makes a candidate pair when its block (old df x new df) is at most this
    max_term_block_pairs: int = 400
    # --- comparisons --------------------------------------------------------------
    update_weight: float = 0.5  # weight of update-text terms relative to description terms
    levels: dict[str, list[tuple[float, float]]] = field(
        default_factory=lambda: dict(DEFAULT_LEVELS)
    )
    # weight from a pair's gap to the best other candidate (see score.py)
    context_levels: list[tuple[float, float]] = field(
        default_factory=lambda: [(-6.0, -3.0), (0.0, 0.0), (6.0, 2.0)]
    )
    prior_log2: float = -6.0  # log2 prior odds that a candidate pair is a match (scorer "levels")
    # "model": the logistic model learned from the labelled pairs (model.py, default);
    # "levels": the hand-set comparison levels above (the scorer before issue 17, kept for
    # comparison)
    scorer: str = "model"
    model: str | None = None  # a model JSON other than the shipped reconcile/model.json
    cited_links: bool = True  # a reference in the plan's own text ("formerly T18") makes the link
    # a new action whose progress note says it is new ("New action.") gets no predecessor unless a
    # text cites one
    declared_new: bool = True
    # --- assignment ---------------------------------------------------------------
    # chosen leave-one-council-out on the labelled pairs
    # (`python bench/reconcile_benchmark.py --train`)
    match_threshold: float = 0.8  # one-to-one `same` links: the model's probability
    mutual_threshold: float = 0.4  # ... or this, when the two are each other's best candidate
    merge_min_weight: float = 1.0  # log2 odds an extra predecessor/successor needs (merged/split)
    merge_novelty: float = 0.12  # IDF share of the text only the extra action explains
    generic_share: float = 0.1  # terms in more than this share of actions are never "novel"
    related_threshold: float = 0.5  # best remaining candidate becomes `related`
    review_low: float = 0.15  # candidates in [review_low, review_high) go to review
    review_high: float = 0.8
    keep_candidates: int = 3  # best candidates kept per action (for review)
    vocabulary: str | None = None  # extra vocabulary YAML (acronyms, synonyms, stopwords)

    def __post_init__(self) -> None:
        for name in (
            "match_threshold",
            "mutual_threshold",
            "related_threshold",
            "review_low",
            "review_high",
            "merge_novelty",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise SettingsError(f"LinkSettings.{name}={value!r}: must be between 0 and 1")
        if self.scorer not in ("model", "levels"):
            raise SettingsError(f"LinkSettings.scorer={self.scorer!r}: must be 'model' or 'levels'")
        unknown = set(self.levels) - set(DEFAULT_LEVELS)
        if unknown:
            raise SettingsError(
                f"LinkSettings.levels: unknown comparison(s) {sorted(unknown)}; "
                f"known: {sorted(DEFAULT_LEVELS)}"
            )

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> LinkSettings:
        data = json.loads(text)
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in data.items() if k in known}
        if "levels" in data:
            data["levels"] = {k: [tuple(x) for x in v] for k, v in data["levels"].items()}
        if "context_levels" in data:
            data["context_levels"] = [tuple(x) for x in data["context_levels"]]
        if "exclude_formats" in data:
            data["exclude_formats"] = tuple(data["exclude_formats"])
        return cls(**data)

    def __hash__(self) -> int:  # levels is a dict; hash the JSON form
        return hash(self.to_json())
