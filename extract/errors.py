"""Errors raised while reading a source file.  Messages name the file and say what to do."""


class ExtractError(Exception):
    """Base class: the file could not be read as an action plan."""


class EmptyFile(ExtractError):
    pass


class UnsupportedFormat(ExtractError):
    pass


class NoActionTable(ExtractError):
    pass


class BadPDF(ExtractError):
    pass
