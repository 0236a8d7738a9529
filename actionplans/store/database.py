"""DuckDB access: schema, one transaction per document, readable errors."""

from __future__ import annotations

import json
import os
import re
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from ..errors import ActionplansError
from ..normalise.records import ACTION_FIELDS, NormalisedDocument, actions_frame

SCHEMA = (Path(__file__).parent / "schema.sql").read_text(encoding="utf-8")


def _create_whole(path: Path) -> None:
    """A new database file made beside ``path`` with its schema, then linked into place whole.

    DuckDB writes a new file in several steps: a process killed in between left a file of one
    block that no later run could open ("Could not read enough bytes"), so the next ingest
    failed instead of starting afresh. Made under another name and linked to ``path`` only when
    complete, a killed creation leaves nothing at ``path``; its half-made file is removed by the
    next creation. Two processes creating the same database: the first link wins, and the
    other's file is dropped.
    """
    for stale in path.parent.glob(f".{path.name}.creating-*"):
        pid = stale.name.rsplit("-", 1)[-1].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            stale.unlink(missing_ok=True)
    tmp = path.with_name(f".{path.name}.creating-{os.getpid()}")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(tmp))
        try:
            _create_schema(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it first: theirs is as good
        except OSError:
            # a file system without hard links: a rename is whole too, if it may replace
            if not path.exists():
                os.replace(tmp, path)
    except (OSError, duckdb.Error):
        pass  # the connect below makes it in place, as it always did, and reports any error
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)


def _create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """The schema in one transaction: a process killed while creating it leaves all of it or none,
    never a database whose readers find half the tables."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(SCHEMA)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: running
    return True


def default_db_path() -> Path:
    """``$ACTIONPLANS_DB`` if set, else ``data/clean/actionplans.duckdb`` under the current
    folder."""
    return Path(os.environ.get("ACTIONPLANS_DB") or "data/clean/actionplans.duckdb")


def find_database() -> Path:
    """An existing database to read: ``$ACTIONPLANS_DB``, else ``data/clean/actionplans.duckdb`` in
    the current folder or the nearest folder above that has one (a notebook runs in
    ``notebooks/``)."""
    if os.environ.get("ACTIONPLANS_DB"):
        return Path(os.environ["ACTIONPLANS_DB"])
    for folder in [Path.cwd(), *Path.cwd().parents]:
        candidate = folder / default_db_path()
        if candidate.exists():
            return candidate
    raise FileNotFoundError(
        f"no {default_db_path()} here or above: run `make setup` first, "
        "or set ACTIONPLANS_DB to a database made by `actionplans ingest`"
    )


# DuckDB settings for a query pasted from somewhere (``actionplans sql`` without --unsafe,
# issue 18):
# no file system or network (COPY TO, ATTACH, read_csv('/etc/passwd'), glob, INSTALL all fail),
# no extension loaded or installed behind the query's back, and no SET to undo any of it.
SANDBOX: dict[str, Any] = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "lock_configuration": True,
}


class DatabaseError(ActionplansError, RuntimeError):
    """The database file cannot be opened (corrupt, not DuckDB, unreadable)."""


class DatabaseInUse(DatabaseError):
    """Another process holds the database file."""


class NoDatabase(DatabaseError, FileNotFoundError):
    """No database file where one was named (or at the default path): nothing ingested yet."""


def existing_database(db: str | Path | None = None) -> Path:
    """The database file ``db`` names (the default when None), refusing one that does not exist.

    Every reader (queries, exports, reports, the browser) checks this way, so the
    message is the same wherever a user meets it.
    """
    path = Path(db) if db else default_db_path()
    if str(path) != ":memory:" and not path.exists():
        raise NoDatabase(f"{path}: no database here yet; run `actionplans ingest data/raw` first")
    return path


@dataclass
class DocumentRecord:
    doc_id: str
    path: str
    sha256: str
    council: str | None
    title: str | None
    edition: str | None
    plans: list[str]
    pages: int | None
    extractor: str
    ingested_at: datetime
    profile: str | None
    format: str | None
    encoding: str | None
    normaliser: str | None = None


# seconds a read-only open waits for a writer's lock (readers need no --wait);
# $ACTIONPLANS_READ_WAIT
READ_WAIT = 30.0


class Database:
    """A DuckDB file holding the actionplans schema.

    >>> db = Database(":memory:")
    >>> db.sql("SELECT count(*) AS n FROM documents").fetchall()
    [(0,)]
    """

    def __init__(
        self,
        path: str | Path = ":memory:",
        read_only: bool = False,
        wait: float = 0.0,
        config: dict[str, Any] | None = None,
    ):
        """Open or create the database; ``wait`` seconds to wait for another process's lock.

        ``config``: DuckDB settings fixed at connection (``SANDBOX`` for untrusted queries).
        """
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            if not read_only and not Path(self.path).exists():
                _create_whole(Path(self.path))
        if read_only and not wait:
            # a reader waits a while for a writer (an ingest) to finish rather than fail at once
            wait = float(os.environ.get("ACTIONPLANS_READ_WAIT", READ_WAIT))
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                self.conn = duckdb.connect(
                    self.path,
                    read_only=read_only and Path(self.path).exists(),
                    config=dict(config or {}),
                )
                break
            except duckdb.IOException as exc:
                message = str(exc)
                if not read_only and re.search(r"Permission denied|Read-only file system", message):
                    raise DatabaseError(
                        f"{self.path}: the database is read-only here (no permission to write the"
                        " file or its folder); reading works (sql, documents, report), loading"
                        " needs write access: change the permissions or use another --db"
                    ) from None
                if "lock" not in message.lower():
                    first = message.splitlines()[0] if message else "cannot open"
                    raise DatabaseError(
                        f"{self.path}: not a usable actionplans database ({first})"
                    ) from None
                if time.monotonic() >= deadline:
                    advice = (
                        f"still in use after {wait:.0f} s; try again when it has finished"
                        if read_only
                        else "wait for it to finish, or pass --wait"
                    )
                    raise DatabaseInUse(
                        f"{self.path}: database is in use by another actionplans process; {advice}"
                    ) from None
                if not told:
                    print(
                        f"{self.path}: in use by another actionplans process; waiting...",
                        file=sys.stderr,
                        flush=True,
                    )
                    told = True
                time.sleep(0.5)
            except duckdb.Error as exc:
                first = (str(exc).splitlines() or ["cannot open"])[0]
                raise DatabaseError(
                    f"{self.path}: not a usable actionplans database ({first})"
                ) from None
        if (
            read_only
            and self.path != ":memory:"
            and Path(self.path).exists()
            and not self._has_schema()
        ):
            self.conn.close()
            raise DatabaseError(
                f"{self.path}: no actionplans tables in it yet (an ingest stopped before creating "
                "them, or another program's file); run `actionplans ingest` to fill it"
            )
        if not read_only:
            _create_schema(self.conn)

    def checkpoint(self) -> None:
        """Write the log into the file; a damaged file (a block whose checksum fails) is a
        DatabaseError."""
        try:
            self.conn.execute("CHECKPOINT")
        except duckdb.Error as exc:
            first = (str(exc).splitlines() or [""])[0]
            cause = first.split("because of error: ", 1)[-1]
            raise DatabaseError(
                f"{self.path}: the database file is damaged ({cause}); what this run loaded is only"
                f" in its write-ahead log {self.path}.wal. Keep both files, restore the database"
                " from a copy or load the documents again into a new --db"
            ) from None

    def _has_schema(self) -> bool:
        return bool(
            self.conn.execute(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema = 'main' AND table_name = 'documents'"
            ).fetchall()[0][0]
        )

    # -- reading ----------------------------------------------------------
    def sql(self, query: str, params: list[Any] | None = None) -> duckdb.DuckDBPyConnection:
        return self.conn.execute(query, params or [])

    def document_by_sha(self, sha256: str) -> str | None:
        row = self.conn.execute(
            "SELECT doc_id FROM documents WHERE sha256 = ?", [sha256]
        ).fetchone()
        return row[0] if row else None

    def document_row(self, doc_id: str) -> tuple | None:
        return self.conn.execute(
            "SELECT doc_id, path, sha256 FROM documents WHERE doc_id = ?", [doc_id]
        ).fetchone()

    # -- writing ----------------------------------------------------------
    def write_document(self, record: DocumentRecord, doc: NormalisedDocument) -> None:
        """Replace everything known about ``record.doc_id`` in one transaction."""
        self.write_frames(record.doc_id, document_frames(record, doc))

    def write_frames(self, doc_id: str, frames: dict[str, pd.DataFrame | str]) -> None:
        """Replace ``doc_id``'s rows with ``frames`` (DataFrames, or Parquet paths) in one
        transaction."""
        con = self.conn
        con.execute("BEGIN TRANSACTION")
        try:
            self._delete(doc_id)
            _insert_frames(con, frames)
            # linked after loading; the mark commits with the document, so a crash before linking is
            # seen later
            con.execute(
                "INSERT INTO pending_links VALUES (?, ?) ON CONFLICT (doc_id) DO NOTHING",
                [doc_id, now_utc()],
            )
            con.execute("COMMIT")
        except BaseException:
            rollback(con)
            raise

    def pending_links(self) -> list[str]:
        """Documents loaded but not yet linked (a crash or ``--no-reconcile`` between loading and
        linking)."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT doc_id FROM pending_links ORDER BY doc_id"
            ).fetchall()
        ]

    def clear_pending_links(self, doc_ids: list[str]) -> None:
        """Forget the marks of ``doc_ids`` (linked, or nothing to link them to)."""
        if doc_ids:
            marks = ", ".join("?" for _ in doc_ids)
            self.conn.execute(f"DELETE FROM pending_links WHERE doc_id IN ({marks})", list(doc_ids))

    def save_profile(self, name: str, text: str, inferred_from: str | None = None) -> None:
        """Keep an inferred profile's YAML under its name (``auto:<hash>``); the same name is the
        same text."""
        self.conn.execute(
            "INSERT INTO profiles VALUES (?, ?, ?, ?) ON CONFLICT (profile) DO NOTHING",
            [name, text, inferred_from, now_utc()],
        )

    def record_failure(self, path: str, sha256: str | None, message: str) -> None:
        """Note that ``path`` failed to load (replacing an earlier note for the same path)."""
        self.conn.execute("DELETE FROM ingest_failures WHERE path = ?", [path])
        self.conn.execute(
            "INSERT INTO ingest_failures VALUES (?, ?, ?, ?)", [path, sha256, message, now_utc()]
        )

    def clear_failure(self, path: str) -> None:
        """Forget an earlier failure of ``path`` (it has now loaded)."""
        self.conn.execute("DELETE FROM ingest_failures WHERE path = ?", [path])

    def _delete(self, doc_id: str) -> None:
        for table in ("actions", "corrections", "findings"):
            self.conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
        self.conn.execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


DOCUMENT_TABLES = ("documents", "actions", "corrections", "findings")


def action_keys(doc_id: str, action_ids) -> list[str]:
    """Row keys in document order: ``doc:ID``, and ``doc:ID#2`` for the second row printing that ID.

    >>> action_keys("d", ["R1", "R3", "R3"])
    ['d:R1', 'd:R3', 'd:R3#2']
    """
    seen: dict[str, int] = {}
    out = []
    for aid in action_ids:
        seen[aid] = seen.get(aid, 0) + 1
        out.append(f"{doc_id}:{aid}" + (f"#{seen[aid]}" if seen[aid] > 1 else ""))
    return out


def document_frames(record: DocumentRecord, doc: NormalisedDocument) -> dict[str, pd.DataFrame]:
    """One document as DataFrames shaped like the tables (the unit of a transaction or a shard)."""
    actions = actions_frame(doc.actions)  # the frame normalise's schema checks
    for col, value in (
        ("doc_id", record.doc_id),
        ("council", record.council),
        ("edition", record.edition),
    ):
        actions[col] = value
    actions["attributes"] = [
        json.dumps(a, ensure_ascii=False, sort_keys=True) for a in actions["attributes"]
    ]
    actions["partners"] = [list(p) for p in actions["partners"]]
    actions["action_key"] = action_keys(record.doc_id, actions["action_id"])
    order = (
        ["doc_id", "council", "plan", "edition"]
        + [f for f in ACTION_FIELDS if f != "plan"]
        + ["action_key"]
    )
    documents = pd.DataFrame([asdict(record)])
    documents["pages"] = documents["pages"].astype("Int64")
    return {
        "documents": documents,
        "actions": actions[order],
        "corrections": pd.DataFrame(
            [
                (
                    record.doc_id,
                    c.action_id,
                    c.field,
                    c.raw_value,
                    c.clean_value,
                    c.rule,
                    c.evidence,
                )
                for c in doc.all_corrections()
            ],
            columns=[
                "doc_id",
                "action_id",
                "field",
                "raw_value",
                "clean_value",
                "rule",
                "evidence",
            ],
            dtype=object,
        ),
        "findings": pd.DataFrame(
            [
                (record.doc_id, f.action_id, f.check, f.severity, f.message)
                for f in doc.all_findings()
            ],
            columns=["doc_id", "action_id", "check", "severity", "message"],
            dtype=object,
        ),
    }


def _insert_frames(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame | str]) -> None:
    for table in DOCUMENT_TABLES:
        frame = frames.get(table)
        if frame is None:
            continue
        if isinstance(frame, (str, Path)):
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet(?)", [str(frame)])
        elif len(frame):
            con.register("_frame_in", frame)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _frame_in")
            con.unregister("_frame_in")


_scratch: Database | None = None  # per worker process: creating the schema costs more than a shard


def write_shards(
    record: DocumentRecord, doc: NormalisedDocument, out_dir: str | Path
) -> dict[str, str]:
    """Write one document as Parquet shards (``out_dir/<table>/<sha256>.parquet``), typed as the
    tables.

    Workers on a cluster write these; the driver loads them (``Database.write_frames``)
    or leaves them as a dataset DuckDB can query directly.  The rows pass through an
    in-memory database kept for the process's next document, inside a transaction
    that is rolled back, so it stays empty.
    """
    global _scratch
    out = Path(out_dir)
    paths: dict[str, str] = {}
    frames = document_frames(record, doc)
    if _scratch is None:
        _scratch = Database(":memory:")
        _scratch.conn.execute("SET threads = 1")  # a worker is one core
    con = _scratch.conn
    try:
        con.execute("BEGIN TRANSACTION")
        _insert_frames(con, frames)
        for table in DOCUMENT_TABLES:
            target = out / table / f"{record.sha256}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".parquet.tmp")
            con.execute(f"COPY (SELECT * FROM {table}) TO '{tmp}' (FORMAT parquet)")
            tmp.replace(target)  # whole shards only: a killed worker leaves no half file
            paths[table] = str(target)
        con.execute("ROLLBACK")
    except BaseException:
        # interrupted (e.g. by the time limit) in an unknown state: start afresh next time
        _scratch.close()
        _scratch = None
        raise
    return paths


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back after a failed statement; the original error matters, not one from the rollback.

    After an I/O error (a full disk, a file size limit) DuckDB may already have
    ended the transaction or invalidated the database; its "cannot rollback -
    no transaction is active" would then hide the real cause.
    """
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
