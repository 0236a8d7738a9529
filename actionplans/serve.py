"""``actionplans serve``: a local, read-only web view of the database in Datasette.

Datasette reads SQLite, so the DuckDB database is mirrored into a SQLite file beside it
(``actionplans.duckdb`` -> ``actionplans.sqlite``), rebuilt only when the DuckDB file is newer
than the mirror (or the mirror was written by another version of this module):

- every table, and the views ``action_lineage``, ``status_history``, ``new_actions`` and
  ``dropped_actions`` materialised as tables (Datasette's facets, sorting and canned queries
  are then plain index-backed SQLite, and a view's recursive DuckDB SQL never has to run);
- lists (``VARCHAR[]``) as JSON arrays and JSON columns as JSON text (Datasette shows both as
  JSON and facets a JSON-array column with ``_facet_array``), timestamps as ISO 8601 text,
  integers as INTEGER, doubles as REAL, booleans as 0/1, primary keys kept;
- the tables and columns read, and described, exactly as ``actionplans export`` does
  (:mod:`actionplans.store.export`).

Beside it goes the Datasette metadata (``actionplans.datasette.json``): the descriptions of
each table and column from ``schema.sql``, facets, sortable columns, and the SQL cookbook's
questions as canned queries (:mod:`actionplans.serve_queries`).  Datasette then serves the
mirror immutable (``-i``: read-only, counted once) on 127.0.0.1, with a small plugin
(:mod:`actionplans.serve_plugin`) that links each action to its ``lineage`` query.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ActionplansError
from .serve_queries import QUERIES
from .store import Database, existing_database
from .store.database import DatabaseInUse
from .store.export import (
    _TABLE_DESCRIPTIONS,
    _columns,
    _primary_key,
    _relations,
    _schema_comments,
    _select_list,
    frictionless_type,
)

# Bump when the mirror's layout changes: a mirror written by another version is rebuilt.
MIRROR_VERSION = 1

LOOPBACK = ("127.0.0.1", "localhost", "::1")
IN_USE_WAIT = 2.0  # s to wait for an ingest holding the database when an older mirror can be served
INSTALL_HINT = "Datasette is not installed: pip install 'actionplans[serve]'"

# Facets shown on each table's page (Datasette's `facets`); {"array": col} facets a JSON list.
FACETS: dict[str, list] = {
    "actions": ["council", "edition", "plan", "theme", "stage", "rag", {"array": "partners"}],
    "documents": ["council", "edition", "format"],
    "corrections": ["doc_id", "rule", "field"],
    "findings": ["doc_id", "severity", "check"],
    "links": ["relation", "method"],
    "action_lineage": ["edition", "plan", "stage", "rag"],
    "status_history": ["edition", "plan", "changed"],
    "new_actions": ["edition", "plan", "theme"],
    "dropped_actions": ["edition", "plan", "theme", "stage", "rag"],
}
# Indexes so that facets, the lineage query and the links stay fast as the database grows.
INDEXES: dict[str, list[tuple[str, ...]]] = {
    "actions": [
        ("doc_id", "action_id"),
        ("council",),
        ("edition",),
        ("plan",),
        ("theme",),
        ("stage",),
        ("rag",),
    ],
    "action_lineage": [("doc_id", "action_id"), ("chain_id", "step")],
    "status_history": [("doc_id", "action_id"), ("chain_id", "step")],
    "links": [("from_doc_id", "from_action_id"), ("to_doc_id", "to_action_id")],
    "corrections": [("doc_id", "action_id")],
    "findings": [("doc_id", "action_id")],
}
_VIEW_DESCRIPTIONS = {
    "action_lineage": (
        "Lineage chains: one row per edition of each chain of same/merged/split links, "
        "with the action's stage and RAG there (a view in DuckDB, materialised here)."
    ),
    "new_actions": (
        "Actions of a reconciled edition with no predecessor (the best `related` link, if any, "
        "as a hint). A view in DuckDB, materialised here."
    ),
    "dropped_actions": (
        "Actions of an edition that has a reconciled successor but with no successor "
        "themselves. A view in DuckDB, materialised here."
    ),
}


class ServeError(ActionplansError, RuntimeError):
    """The web view cannot be started (no database, Datasette missing, a host that is not local)."""


@dataclass
class Site:
    """What ``serve`` needs: the SQLite mirror, the Datasette metadata, and how to start it."""

    db: Path  # the DuckDB file
    sqlite: Path  # its mirror
    metadata: Path  # Datasette metadata (JSON)
    rebuilt: bool  # False: the mirror was already up to date
    in_use: bool = (
        False  # True: the database was held by another process; the previous mirror is served
    )
    rows: dict[str, int] = field(default_factory=dict)  # per table of the mirror

    @property
    def name(self) -> str:
        """The database's name in Datasette URLs (the mirror's stem)."""
        return self.sqlite.stem

    def url(self, host: str = "127.0.0.1", port: int = 8001) -> str:
        return f"http://{'[::1]' if host == '::1' else host}:{port}/{self.name}/actions"

    def datasette_args(
        self, host: str = "127.0.0.1", port: int = 8001, open_browser: bool = False
    ) -> list[str]:
        """Arguments of ``datasette serve`` for this site (without the plugin; see :func:`run`)."""
        args = [
            "serve",
            "-i",
            str(self.sqlite),
            "--metadata",
            str(self.metadata),
            "--host",
            host,
            "--port",
            str(port),
            "--setting",
            "sql_time_limit_ms",
            "5000",
            "--setting",
            "facet_time_limit_ms",
            "1000",
            "--setting",
            "default_page_size",
            "50",
        ]
        return args + (["--open"] if open_browser else [])

    def command(
        self, host: str = "127.0.0.1", port: int = 8001, open_browser: bool = False
    ) -> list[str]:
        """The shell command that serves this site with Datasette alone (no action->lineage
        links)."""
        return ["datasette", *self.datasette_args(host, port, open_browser)]

    def app(self):
        """The Datasette ASGI app (immutable, with the plugin), e.g. for ``datasette.client`` in
        tests."""
        datasette = _datasette()
        _register_plugin()
        return datasette.app.Datasette(
            immutables=[str(self.sqlite)],
            metadata=json.loads(self.metadata.read_text(encoding="utf-8")),
        )


# -- the mirror -----------------------------------------------------------------


def mirror_path(db: str | Path) -> Path:
    return Path(db).with_suffix(".sqlite")


def _stale(db: Path, mirror: Path) -> bool:
    if not mirror.exists():
        return True
    newest = max(p.stat().st_mtime for p in (db, Path(f"{db}.wal")) if p.exists())
    if newest > mirror.stat().st_mtime:
        return True
    try:
        with sqlite3.connect(f"file:{mirror}?mode=ro", uri=True) as con:
            return con.execute("PRAGMA user_version").fetchone()[0] != MIRROR_VERSION
    except sqlite3.DatabaseError:
        return True


_SQLITE_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}


def _sqlite_type(data_type: str) -> str:
    return _SQLITE_TYPES.get(str(frictionless_type(data_type)["type"]), "TEXT")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def write_mirror(
    db: str | Path, out: str | Path | None = None, wait: float = 0.0
) -> dict[str, int]:
    """Write the SQLite mirror of DuckDB file ``db`` to ``out`` (default: beside it, ``.sqlite``).

    Written to a temporary file and moved into place, so a reader never sees half a mirror.
    Returns the row count of each table written.
    """
    db = Path(db)
    out = Path(out) if out else mirror_path(db)
    tmp = out.with_name(out.name + ".tmp")
    tmp.unlink(missing_ok=True)
    rows: dict[str, int] = {}
    # wait 0: a reader's default wait for a writer
    database = Database(db, read_only=True, wait=wait)
    lite = sqlite3.connect(tmp)
    try:
        con = database.conn
        for name, _kind, _comment in _relations(con):
            columns = _columns(con, name)
            key = _primary_key(con, name)
            defs = [f"{_quote(c.name)} {_sqlite_type(c.data_type)}" for c in columns]
            if key:
                defs.append(f"PRIMARY KEY ({', '.join(map(_quote, key))})")
            lite.execute(f"CREATE TABLE {_quote(name)} ({', '.join(defs)})")
            # the export's CSV form: lists and JSON as JSON text, timestamps as ISO 8601 text
            result = con.execute(f"SELECT {_select_list(columns, 'csv')} FROM {_quote(name)}")
            insert = f"INSERT INTO {_quote(name)} VALUES ({', '.join('?' * len(columns))})"
            count = 0
            while batch := result.fetchmany(5000):
                lite.executemany(insert, batch)
                count += len(batch)
            rows[name] = count
            for index in INDEXES.get(name, []):
                lite.execute(
                    f"CREATE INDEX {_quote('idx_' + name + '_' + '_'.join(index))} "
                    f"ON {_quote(name)} ({', '.join(map(_quote, index))})"
                )
        lite.execute(f"PRAGMA user_version = {MIRROR_VERSION}")
        lite.commit()
    finally:
        lite.close()
        database.close()
    os.replace(tmp, out)
    return rows


# -- the metadata ---------------------------------------------------------------


def metadata(db: str | Path, name: str, wait: float = 0.0) -> dict:
    """Datasette metadata for the mirror of ``db`` served as database ``name``."""
    database = Database(db, read_only=True, wait=wait)
    try:
        con = database.conn
        tables = {}
        for relation, kind, comment in _relations(con):
            columns = _columns(con, relation)
            described = (
                comment
                or _TABLE_DESCRIPTIONS.get(relation)
                or _VIEW_DESCRIPTIONS.get(relation)
                or _schema_comments().get(relation, {}).get("")
                or f"The {relation} {kind}."
            )
            entry: dict = {
                "description": described,
                "columns": {c.name: _column_note(c) for c in columns if _column_note(c)},
                "sortable_columns": [
                    c.name
                    for c in columns
                    if not c.data_type.endswith("]") and c.data_type != "JSON"
                ],
            }
            if relation in FACETS:
                entry["facets"] = FACETS[relation]
            if relation == "actions":
                entry["description"] += (
                    " Click an action_id to see its lineage through the editions "
                    "(the lineage query)."
                )
            tables[relation] = entry
    finally:
        database.close()
    queries = {
        q.name: {
            "title": (f"{q.number}. " if q.number else "") + q.title,
            "sql": q.sql,
            "description": (
                q.note
                or (
                    "From the SQL cookbook (docs/sql-cookbook.md), translated to SQLite."
                    if q.number
                    else ""
                )
            ),
        }
        for q in QUERIES
    }
    return {
        "title": "actionplans: council climate action plans",
        "description": (
            "Read-only view of the actionplans database: every action of every plan edition, the"
            " corrections normalisation made, the validation findings, and the links between"
            " editions. The lineage views are materialised as tables; lists and JSON columns are"
            " JSON text."
        ),
        "source": "actionplans (docs/sql-cookbook.md for the queries)",
        "databases": {
            name: {
                "description": f"Mirror of {Path(db).name} (rebuilt when it changes).",
                "tables": tables,
                "queries": queries,
            }
        },
    }


def _column_note(column) -> str:
    note = column.comment or ""
    if column.data_type.endswith("]"):
        note = (note + "; " if note else "") + "a list, as a JSON array"
    elif column.data_type == "JSON":
        note = (note + "; " if note else "") + "JSON text"
    elif column.data_type.startswith("TIMESTAMP"):
        note = (note + "; " if note else "") + "ISO 8601, UTC"
    return note


# -- building and running ---------------------------------------------------------


def build_site(db: str | Path, force: bool = False) -> Site:
    """Write the mirror (if the DuckDB file is newer, or ``force``) and the metadata beside
    ``db``."""
    db = existing_database(db)
    mirror = mirror_path(db)
    meta = db.with_suffix(".datasette.json")
    rebuilt = force or _stale(db, mirror)
    # with a mirror to fall back on, wait only briefly for an ingest that holds the file
    wait = IN_USE_WAIT if mirror.exists() and meta.exists() else 0.0
    try:
        if rebuilt:
            rows = write_mirror(db, mirror, wait=wait)
        meta.write_text(
            json.dumps(metadata(db, mirror.stem, wait=wait), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    except DatabaseInUse:
        # an ingest holds the file: the previous mirror (if any) is still a consistent snapshot
        if not (mirror.exists() and meta.exists()):
            raise
        return Site(
            db=db,
            sqlite=mirror,
            metadata=meta,
            rebuilt=False,
            rows=_mirror_rows(mirror),
            in_use=True,
        )
    return Site(
        db=db,
        sqlite=mirror,
        metadata=meta,
        rebuilt=rebuilt,
        rows=rows if rebuilt else _mirror_rows(mirror),
    )


def _mirror_rows(mirror: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{mirror}?mode=ro", uri=True) as con:
        names = [
            n
            for (n,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {n: con.execute(f"SELECT count(*) FROM {_quote(n)}").fetchone()[0] for n in names}


def check_host(host: str) -> str:
    """The web view is local: only a loopback address may be bound."""
    if host not in LOOPBACK and not host.startswith("127."):
        raise ServeError(
            f"--host {host}: the web view binds a loopback address only (127.0.0.1, localhost, ::1)"
        )
    return host


def check_port(host: str, port: int) -> None:
    """A port another program listens on is one line and exit 1, not Uvicorn's exit 3 after
    startup."""
    if port == 0:
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Uvicorn binds
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ServeError(
                f"{host}:{port} is not free ({exc.strerror}); pass another --port"
            ) from None


def _datasette():
    try:
        import datasette.app
        import datasette.cli
    except ImportError:
        raise ServeError(INSTALL_HINT) from None
    return datasette


def _register_plugin() -> None:
    from datasette.plugins import pm

    from . import serve_plugin

    if not pm.is_registered(serve_plugin):
        pm.register(serve_plugin, name="actionplans")


def run(site: Site, host: str = "127.0.0.1", port: int = 8001, open_browser: bool = True) -> None:
    """Serve ``site`` with Datasette in this process until interrupted (Ctrl-C)."""
    datasette = _datasette()
    check_host(host)
    check_port(host, port)
    _register_plugin()
    datasette.cli.cli.main(
        site.datasette_args(host, port, open_browser), prog_name="datasette", standalone_mode=False
    )
    sys.stdout.flush()
