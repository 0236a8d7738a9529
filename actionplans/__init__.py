"""actionplans: council climate action plans as queryable, trustworthy data.

The Python API mirrors the CLI:

>>> import actionplans
>>> report = actionplans.ingest(["data/raw"], db="data/clean/actionplans.duckdb")  # doctest: +SKIP
>>> actionplans.sql("SELECT plan, count(*) FROM actions GROUP BY plan")  # doctest: +SKIP
"""

from .forkserver import start_early as _start_early

# The `actionplans` command about to read documents starts its worker server first, so that the
# server imports the pipeline while this process imports the package (forkserver.py).
_start_early()

from . import reconcile  # a callable package: actionplans.reconcile(db=...) links editions
from .api import connect, documents, export, lineage, report, schema, sql, tables
from .ingest import DocumentResult, IngestReport, ingest
from .profile import Profile, available_profiles, load_profile
from .reconcile import review_links
from .store import find_database
from .version import __version__

__all__ = [
    "ingest",
    "sql",
    "tables",
    "schema",
    "lineage",
    "documents",
    "export",
    "report",
    "reconcile",
    "review_links",
    "connect",
    "find_database",
    "load_profile",
    "available_profiles",
    "Profile",
    "IngestReport",
    "DocumentResult",
    "__version__",
]
