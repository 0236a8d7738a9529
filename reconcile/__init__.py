"""Reconcile stage: link actions across plan editions (record linkage in separate steps).

``editions`` (which documents to link) -> ``block`` (candidate pairs) ->
``compare`` (features) -> ``score`` (match weight) -> ``cluster`` (same /
merged / split / related) -> ``overrides`` -> the store.  ``evaluate`` measures
the result against hand labels.

>>> from actionplans.reconcile import LinkSettings
>>> LinkSettings().match_threshold
0.5

The package itself is callable: ``actionplans.reconcile(db=...)`` runs
``reconcile.run.reconcile`` while ``import actionplans.reconcile.score`` still
finds the submodule (a plain function of the same name would shadow it).
"""

import sys
import types

from .cluster import assign, components
from .editions import EditionStep, edition_steps
from .errors import LabelError, OverrideError, ReconcileError, SettingsError
from .evaluate import Evaluation, Labels, evaluate
from .explain import Explanation, unlinked
from .link import StepResult, link_actions
from .overrides import Override, apply_overrides, read_overrides
from .run import ReconcileReport, explain_link, reconcile, reconcile_after_ingest, review_links
from .settings import LinkSettings
from .tokens import Tokeniser, normalise_text

__all__ = [
    "reconcile",
    "review_links",
    "explain_link",
    "unlinked",
    "Explanation",
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


class _CallablePackage(types.ModuleType):
    """``actionplans.reconcile(...)`` is ``actionplans.reconcile.reconcile(...)``."""

    def __call__(self, *args, **kwargs):
        return reconcile(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
