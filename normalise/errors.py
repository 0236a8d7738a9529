"""Errors of the normalise stage."""

from ..errors import ActionplansError


class NormaliseError(ActionplansError):
    """Base class: raw rows could not be turned into actions."""


class StrictModeError(NormaliseError):
    """Noise was found and ``strict=True`` asked for it to be an error."""
