"""The Python API; each function mirrors one CLI command."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .reports import report as write_reports
from .serve import build_site, check_host
from .store import Database, default_db_path, existing_database
from .store.database import SANDBOX
from .store.export import ExportReport, export_connection
from .store.links import find_action


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
        SELECT d.doc_id, d.council, d.edition, d.plans, d.format,
               count(a.action_id) AS actions,
               (SELECT count(*) FROM findings f WHERE f.doc_id = d.doc_id) AS findings
        FROM documents d LEFT JOIN actions a USING (doc_id)
        GROUP BY ALL ORDER BY d.council, d.edition, d.doc_id
        """,
        db,
    )


def export(
    db: str | Path | None = None, format: str = "parquet", out: str | Path = "data/clean/export"
) -> ExportReport:
    """Write every table and view to ``out`` as Parquet, CSV or JSON files with a
    Frictionless ``datapackage.json`` (``actionplans export``).

    >>> report = export(  # doctest: +SKIP
    ...     db="data/clean/actionplans.duckdb", format="csv", out="/tmp/export"
    ... )
    >>> [(r.name, r.rows) for r in report.resources]  # doctest: +SKIP
    [('actions', 324), ('corrections', 760), ...]
    """
    path = existing_database(db)
    database = connect(path, read_only=True)
    try:
        return export_connection(database.conn, out, format, db_label=path.name)
    finally:
        database.close()


def report(
    db: str | Path | None = None,
    doc: list[str] | None = None,
    out: str | Path = "data/clean/reports",
    strict: bool = False,
):
    """Write validation reports for each document (``actionplans report``); see
    :mod:`actionplans.reports`.

    >>> result = report(  # doctest: +SKIP
    ...     db="data/clean/actionplans.duckdb", out="data/clean/reports"
    ... )
    >>> result.strict_ok  # no error-level findings, no failed files
    True
    """

    return write_reports(db=db, doc=doc, out=out, strict=strict)


def tables(db: str | Path | None = None, counts: bool = False) -> pd.DataFrame:
    """The tables and views of the database, with row counts if asked (``actionplans tables``)."""
    frame = sql(
        "SELECT table_name AS name, lower(table_type) AS kind FROM information_schema.tables "
        "WHERE table_schema = 'main' ORDER BY kind, name",
        db,
    )
    frame["kind"] = frame["kind"].str.replace("base table", "table")
    if counts:
        database = Database(db or default_db_path(), read_only=True)
        try:
            frame["rows"] = [
                database.sql(f'SELECT count(*) FROM "{name}"').fetchall()[0][0]
                for name in frame["name"]
            ]
        finally:
            database.close()
    return frame


def schema(table: str | None = None, db: str | Path | None = None) -> pd.DataFrame:
    """Columns of one table or view (or of all), with types (``actionplans schema``)."""
    frame = sql(
        'SELECT table_name AS "table", column_name AS column, data_type AS type, is_nullable ='
        " 'YES' AS nullable FROM information_schema.columns WHERE table_schema = 'main' ORDER BY"
        " table_name, ordinal_position",
        db,
    )
    if table is not None:
        if table not in set(frame["table"]):
            raise LookupError(f"no table or view {table!r}; `actionplans tables` lists them")
        frame = frame[frame["table"] == table].reset_index(drop=True)
    return frame


def lineage(ref: str, db: str | Path | None = None) -> pd.DataFrame:
    """The chain of one action through the editions: ``DOC:ID``, or ``DOC:ID#2`` for the second row
    printing that ID (``actionplans lineage``).

    One row per edition, oldest first, with the link that led there (same / merged /
    split and its score) and the action's stage and RAG in that edition.

    >>> lineage("leics-2025-appendix-b:T6", db="data/clean/actionplans.duckdb")  # doctest: +SKIP
    """
    doc_id, sep, action_id = ref.rpartition(":")
    if not sep or not doc_id or not action_id:
        raise ValueError(
            f"{ref!r}: give DOC:ID, e.g. leics-2025-appendix-b:T6 (`actionplans documents` lists"
            " the docs)"
        )
    database = Database(db or default_db_path(), read_only=True, config=SANDBOX)
    try:
        found = find_action(database, ref)
        if not found:
            raise LookupError(f"no action {action_id!r} in document {doc_id!r}")
        return database.sql(
            """
            SELECT chain_id AS chain, step, edition, doc_id, action_id, relation,
                   round(score, 3) AS score, stage, rag, description
            FROM action_lineage
            WHERE chain_id IN (SELECT chain_id FROM action_lineage WHERE action_key = ?)
            ORDER BY chain_id, step
            """,
            params=[found[2]],
        ).df()
    finally:
        database.close()


def serve(
    db: str | Path | None = None, host: str = "127.0.0.1", port: int = 8001, force: bool = False
):
    """Build what ``actionplans serve`` serves and return it (a :class:`actionplans.serve.Site`).

    Writes the SQLite mirror of the database beside it (only when the DuckDB file is newer)
    and the Datasette metadata; ``site.command(host, port)`` is the ``datasette`` command line,
    ``site.app()`` the Datasette app, and :func:`actionplans.serve.run` serves it.  Needs
    Datasette only to run: pip install 'actionplans[serve]'.

    >>> site = serve(db="data/clean/actionplans.duckdb")  # doctest: +SKIP
    >>> site.sqlite, site.url()  # doctest: +SKIP
    (PosixPath('data/clean/actionplans.sqlite'), 'http://127.0.0.1:8001/actionplans/actions')
    """

    check_host(host)
    return build_site(Path(db) if db else default_db_path(), force=force)
