"""What inference decides, and how sure it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from ..extract import RawDocument
    from ..profile import Profile

HINTS_PATH = Path(__file__).parent / "hints.yaml"
UNCERTAIN = 0.7  # decisions below this confidence become findings


@lru_cache(maxsize=1)
def hints() -> dict[str, Any]:
    """The general knowledge inference uses (``hints.yaml``)."""
    return yaml.safe_load(HINTS_PATH.read_text(encoding="utf-8"))


@dataclass
class Decision:
    """One thing inference decided: a profile setting, its value, a confidence in [0, 1], why."""

    setting: str
    value: Any
    confidence: float
    evidence: str

    @property
    def level(self) -> str:
        return (
            "high"
            if self.confidence >= 0.85
            else "medium"
            if self.confidence >= UNCERTAIN
            else "low"
        )

    def comment(self) -> str:
        return f"{self.level} ({self.confidence:.2f}): {self.evidence}"


@dataclass
class InferredProfile:
    """A layout profile guessed from one document.

    ``yaml`` is the profile as text (commented), ``profile`` the loaded
    :class:`~actionplans.profile.Profile` (named ``auto:<hash>``), ``raw`` the
    document as read, ``decisions`` every choice with its confidence.
    """

    name: str
    yaml: str
    profile: Profile
    raw: RawDocument
    decisions: list[Decision] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)

    @property
    def uncertain(self) -> list[Decision]:
        return [d for d in self.decisions if d.confidence < UNCERTAIN]
