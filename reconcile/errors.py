"""Errors of the reconcile stage."""

from __future__ import annotations

from ..errors import ActionplansError


class ReconcileError(ActionplansError):
    """Base class for reconcile errors."""


class SettingsError(ReconcileError, ValueError):
    """A LinkSettings value is out of range or unknown."""


class OverrideError(ReconcileError):
    """A row of the overrides CSV cannot be applied (names file, line and value)."""


class LabelError(ReconcileError):
    """A row of a hand-label CSV is malformed."""
