"""Errors raised while reading a source file.  Messages name the file and say what to do."""

from ..errors import ActionplansError


class ExtractError(ActionplansError):
    """Base class: the file could not be read as an action plan."""


class EmptyFile(ExtractError):
    pass


class UnsupportedFormat(ExtractError):
    pass


class NoActionTable(ExtractError):
    pass


class BadPDF(ExtractError):
    pass


class EncryptedPDF(BadPDF):
    """The PDF needs a password to open."""


class DamagedPDF(BadPDF):
    """The PDF is truncated or its structure cannot be parsed."""


class EmptyPDF(BadPDF):
    """The PDF has no pages."""


class ImageSettingsError(ExtractError, ValueError):
    """An ``ImageSettings`` value (OCR image thresholds) is of the wrong type or out of range."""
