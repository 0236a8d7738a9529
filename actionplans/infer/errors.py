"""Errors of profile inference."""

from ..profile import ProfileError


class InferError(ProfileError):
    """A profile could not be inferred."""


class NothingToInfer(InferError):
    """The document has no table (or list of items) that looks like actions."""


class InferSettingsError(InferError):
    """An :class:`~actionplans.infer.settings.InferSettings` field has a wrong type or range."""
