"""Errors of the normalise stage."""

from ..errors import ActionplansError


class NormaliseError(ActionplansError):
    """Base class: raw rows could not be turned into actions."""


class UnmappedHeader(NormaliseError):
    """No header row maps to the action table's key columns."""


class StrictModeError(NormaliseError):
    """Noise was found and ``strict=True`` asked for it to be an error."""
