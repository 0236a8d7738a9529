"""Imported by the worker server only (``forkserver.PRELOAD``), never by the command.

Pandera registers its pandas backends when a schema first validates (about 0.1 s: it imports
its strategies module).  Each document is read in a worker forked fresh from the server, so
each worker paid that again; validated once here, every worker forks with it done.
"""

from __future__ import annotations

import pandas as pd
from pandera.errors import SchemaError, SchemaErrors

from .extract.schema import RawRows
from .normalise.schema import CleanActions

for _schema in (RawRows, CleanActions):
    try:
        _schema.validate(pd.DataFrame(), lazy=True)
    except (SchemaError, SchemaErrors):
        pass  # an empty frame lacks the columns: the backends are registered all the same
