"""Reconcile stage: link actions across plan editions (record linkage in separate steps).

``editions`` (which documents to link) -> ``block`` (candidate pairs) ->
``compare`` (features) -> ``score`` (match weight) -> ``cluster`` (same /
merged / split / related) -> ``overrides`` -> the store.  ``evaluate`` measures
the result against hand labels.

>>> from actionplans.reconcile import LinkSettings
>>> LinkSettings().match_threshold
0.5
"""

from .cluster import assign, components
from .editions import EditionStep, edition_steps
from .errors import LabelError, OverrideError, ReconcileError, SettingsError
from .evaluate import Evaluation, Labels, evaluate
from .link import StepResult, link_actions
from .overrides import Override, apply_overrides, read_overrides
from .run import ReconcileReport, reconcile, reconcile_after_ingest, review_links
from .settings import LinkSettings
from .tokens import Tokeniser, normalise_text

__all__ = [
    "reconcile",
    "review_links",
    "reconcile_after_ingest",
    "ReconcileReport",
    "LinkSettings",
    "link_actions",
    "StepResult",
    "edition_steps",
    "EditionStep",
    "assign",
    "components",
    "evaluate",
    "Evaluation",
    "Labels",
    "read_overrides",
    "apply_overrides",
    "Override",
    "Tokeniser",
    "normalise_text",
    "ReconcileError",
    "SettingsError",
    "OverrideError",
    "LabelError",
]
