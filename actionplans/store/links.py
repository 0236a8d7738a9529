"""Links between actions of successive editions: reading what reconcile needs, writing its result.

The tables (``links``, ``link_runs``, ``link_scope``, ``link_candidates``) and
the lineage views are declared in ``schema.sql``.  ``write_links`` replaces
everything known about the councils of a run in one transaction, so a re-run
leaves the same rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from .database import Database, rollback

LINK_COLUMNS = [
    "from_doc_id",
    "from_action_id",
    "to_doc_id",
    "to_action_id",
    "relation",
    "score",
    "method",
    "evidence",
    "from_key",
    "to_key",
]
CANDIDATE_COLUMNS = [
    "run_id",
    "from_doc_id",
    "from_action_id",
    "to_doc_id",
    "to_action_id",
    "score",
    "relation",
    "evidence",
    "from_key",
    "to_key",
]


@dataclass
class LinkRun:
    run_id: str
    council: str | None
    started_at: datetime
    settings: str  # JSON
    steps: str  # JSON
    overrides: str | None
    candidates: int
    links: int
    version: str


def read_documents(db: Database) -> pd.DataFrame:
    """doc_id, council, edition, plans, format of every loaded document."""
    df = db.sql(
        "SELECT doc_id, council, edition, plans, format FROM documents ORDER BY doc_id"
    ).df()
    df["plans"] = [list(p) if p is not None else [] for p in df["plans"]]
    return df


def read_actions(db: Database, doc_ids: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """The actions of ``doc_ids`` in document order."""
    if not doc_ids:
        return db.sql("SELECT * FROM actions WHERE false").df()
    marks = ", ".join("?" for _ in doc_ids)
    return db.sql(
        f"SELECT * FROM actions WHERE doc_id IN ({marks}) ORDER BY doc_id, source_row",
        list(doc_ids),
    ).df()


def action_keys(db: Database, doc_ids: list[str]) -> set[str]:
    """``doc_id:action_id`` and the row key (``doc_id:R3#2``) of every action in ``doc_ids``."""
    if not doc_ids:
        return set()
    marks = ", ".join("?" for _ in doc_ids)
    rows = db.sql(
        "SELECT DISTINCT doc_id || ':' || action_id, action_key FROM actions WHERE doc_id IN"
        f" ({marks})",
        list(doc_ids),
    )
    return {k for r in rows.fetchall() for k in r if k}


def write_links(
    db: Database,
    run: LinkRun,
    doc_ids: list[str],
    scope: list[tuple[str, str, str]],
    links: pd.DataFrame,
    candidates: pd.DataFrame,
) -> None:
    """Replace the links, scope and candidates touching ``doc_ids``; record ``run``; one
    transaction.

    ``scope`` rows are (council, from_doc_id, to_doc_id).  Links whose documents
    are no longer loaded are removed too.
    """
    links = links.reindex(columns=LINK_COLUMNS)
    candidates = candidates.reindex(columns=CANDIDATE_COLUMNS)
    scope_df = pd.DataFrame(scope, columns=["council", "from_doc_id", "to_doc_id"]).assign(
        run_id=run.run_id
    )
    con = db.conn
    con.execute("BEGIN TRANSACTION")
    try:
        if doc_ids:
            marks = ", ".join("?" for _ in doc_ids)
            for table in ("links", "link_candidates"):
                con.execute(
                    f"DELETE FROM {table} WHERE from_doc_id IN ({marks}) OR to_doc_id IN ({marks})",
                    list(doc_ids) * 2,
                )
            con.execute(
                f"DELETE FROM link_scope WHERE from_doc_id IN ({marks}) OR to_doc_id IN ({marks})",
                list(doc_ids) * 2,
            )
            con.execute(f"DELETE FROM pending_links WHERE doc_id IN ({marks})", list(doc_ids))
        for table in ("links", "link_candidates", "link_scope"):
            con.execute(
                f"DELETE FROM {table} WHERE from_doc_id NOT IN (SELECT doc_id FROM documents) "
                "OR to_doc_id NOT IN (SELECT doc_id FROM documents)"
            )
        con.execute(
            "INSERT INTO link_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run.run_id,
                run.council,
                run.started_at,
                run.settings,
                run.steps,
                run.overrides,
                run.candidates,
                run.links,
                run.version,
            ],
        )
        for name, frame, table in (
            ("_links_in", links, "links"),
            ("_cands_in", candidates, "link_candidates"),
            ("_scope_in", scope_df, "link_scope"),
        ):
            if len(frame):
                con.register(name, frame)
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
                con.unregister(name)
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise


def read_candidates(db: Database, low: float, high: float) -> pd.DataFrame:
    """Candidates with ``low <= score < high``, or links made as merged/split, with both texts."""
    return db.sql(
        """
        WITH a AS (SELECT action_key, plan, theme, description, update_text FROM actions)
        SELECT c.from_key AS "from", c.to_key AS "to",
               coalesce(c.relation, '') AS proposed,
               round(c.score, 4) AS score,
               '' AS relation, '' AS note,
               fa.plan AS from_plan, fa.theme AS from_theme, fa.description AS from_text,
               fa.update_text AS from_update,
               ta.plan AS to_plan, ta.theme AS to_theme, ta.description AS to_text,
               c.evidence
        FROM link_candidates c
        JOIN a fa ON fa.action_key = c.from_key
        JOIN a ta ON ta.action_key = c.to_key
        WHERE (c.score >= ? AND c.score < ?) OR c.relation IN ('merged', 'split')
        ORDER BY c.to_key, c.score DESC, c.from_key
        """,
        [low, high],
    ).df()


def find_action(db: Database, ref: str) -> tuple[str, str, str] | None:
    """(doc_id, action_id, action_key) of ``ref``: a row key (``doc:R3#2``) or ``doc:ID`` (its first
    row)."""
    row = db.sql(
        "SELECT doc_id, action_id, action_key FROM actions WHERE action_key = ?", params=[ref]
    ).fetchone()
    if row is None:
        doc_id, _, action_id = ref.rpartition(":")
        row = db.sql(
            "SELECT doc_id, action_id, action_key FROM actions WHERE doc_id = ? AND action_id = ? "
            "ORDER BY rowid LIMIT 1",
            params=[doc_id, action_id],
        ).fetchone()
    return tuple(row) if row else None


def latest_step(db: Database, doc_id: str) -> tuple[str, dict] | None:
    """(settings JSON, step) of the latest run whose links cover ``doc_id``, the step holding it as
    a later edition preferred; None when no run has."""
    rows = db.sql("SELECT settings, steps FROM link_runs ORDER BY started_at DESC").fetchall()
    for settings, steps in rows:
        parsed = json.loads(steps or "[]")
        for wanted in ("to_docs", "from_docs"):
            for step in parsed:
                if doc_id in step.get(wanted, []) and step.get("from_docs"):
                    return settings, step
    return None


def stored_links(db: Database, key: str) -> pd.DataFrame:
    """The links into or out of one action (row key), as written (after overrides)."""
    return db.sql(
        "SELECT from_key, to_key, relation, round(score, 4) AS score, method, evidence FROM links "
        "WHERE from_key = ? OR to_key = ? ORDER BY relation, score DESC",
        params=[key, key],
    ).df()
