"""The one root of every error actionplans raises on purpose (issue 21).

Each stage keeps its own error classes (``ExtractError``, ``NormaliseError``,
``ReconcileError``, ``ProfileError``, ``DatabaseError``, ...), all subclasses of
:class:`ActionplansError`, so a caller catches one class for "the input or the
database was wrong" and lets real bugs through.  The CLI turns it into one line
on stderr.  This module imports nothing, so every stage may import it.

>>> from actionplans.extract import ExtractError
>>> issubclass(ExtractError, ActionplansError)
True
"""

from __future__ import annotations


class ActionplansError(Exception):
    """An error actionplans raises on purpose: bad input, a bad profile, an unusable database."""
