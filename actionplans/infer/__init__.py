"""Profile inference: a layout profile guessed from one plan, with a confidence per decision.

>>> from actionplans.infer import infer_profile
>>> inferred = infer_profile("data/raw/seeds/000_c9542ef99ac075f4.txt")  # doctest: +SKIP
>>> print(inferred.yaml)  # doctest: +SKIP
"""

from .build import infer_profile, read_for_inference
from .errors import InferError, InferSettingsError, NothingToInfer
from .preview import preview_actions
from .records import Decision, InferredProfile
from .settings import DEFAULT_INFER_SETTINGS, InferSettings

__all__ = [
    "infer_profile",
    "read_for_inference",
    "preview_actions",
    "InferredProfile",
    "Decision",
    "InferSettings",
    "DEFAULT_INFER_SETTINGS",
    "InferError",
    "InferSettingsError",
    "NothingToInfer",
]
