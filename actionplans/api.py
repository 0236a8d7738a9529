"""The Python API; each function mirrors one CLI command."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .store import Database, default_db_path
from .store.database import SANDBOX
from .store.export import ExportReport, export_connection


def connect(db: str | Path | None = None, read_only: bool = False) -> Database:
    """Open (and create if needed) an actionplans database."""
    return Database(db or default_db_path(), read_only=read_only)


def sql(query: str, db: str | Path | None = None, unsafe: bool = False) -> pd.DataFrame:
    """Run a query on the database opened read-only, and return a DataFrame (``actionplans sql``).

    The query runs in a sandbox: it cannot touch the file system or the network
    (``COPY ... TO``, ``ATTACH``, ``read_csv('/etc/passwd')``, ``glob``, ``INSTALL``
    raise ``duckdb.PermissionException``), load extensions, or change settings.
    ``unsafe=True`` lifts the sandbox (still read-only) for a query you trust.

    >>> sql("SELECT 1 AS one", db=":memory:")
       one
    0    1
    """
    database = Database(db or default_db_path(), read_only=True, config=None if unsafe else SANDBOX)
    try:
        return database.sql(query).df()
    finally:
        database.close()


def documents(db: str | Path | None = None) -> pd.DataFrame:
    """What is loaded: one row per document with its action count (``actionplans documents``)."""
    return sql(
        """
        SELECT d.doc_id, d.council, d.edition, array_to_string(d.plans, ',') AS plans, d.format,
               count(a.action_id) AS actions,
               (SELECT count(*) FROM findings f WHERE f.doc_id = d.doc_id) AS findings
        FROM documents d LEFT JOIN actions a USING (doc_id)
        GROUP BY ALL ORDER BY d.council, d.edition, d.doc_id
        """,
        db,
    )


def export(db: str | Path | None = None, format: str = "parquet",
           out: str | Path = "data/clean/export") -> ExportReport:
    """Write every table and view to ``out`` as Parquet, CSV or JSON files with a
    Frictionless ``datapackage.json`` (``actionplans export``).

    >>> report = export(db="data/clean/actionplans.duckdb", format="csv", out="/tmp/export")  # doctest: +SKIP
    >>> [(r.name, r.rows) for r in report.resources]  # doctest: +SKIP
    [('actions', 324), ('corrections', 760), ...]
    """
    path = Path(db) if db else default_db_path()
    if str(path) != ":memory:" and not path.exists():
        raise FileNotFoundError(f"{path}: no database here yet; run `actionplans ingest data/raw` first")
    database = connect(path, read_only=True)
    try:
        return export_connection(database.conn, out, format, db_label=path.name)
    finally:
        database.close()


def report(db: str | Path | None = None, doc: list[str] | None = None,
           out: str | Path = "data/clean/reports", strict: bool = False):
    """Write validation reports for each document (``actionplans report``); see :mod:`actionplans.reports`.

    >>> result = report(db="data/clean/actionplans.duckdb", out="data/clean/reports")  # doctest: +SKIP
    >>> result.strict_ok  # no error-level findings, no failed files
    True
    """
    from .reports import report as write_reports

    return write_reports(db=db, doc=doc, out=out, strict=strict)
