"""Links between actions of successive editions: reading what reconcile needs, writing its result.

The tables (``links``, ``link_runs``, ``link_scope``, ``link_candidates``) and
the lineage views are declared in ``schema.sql``.  ``write_links`` replaces
everything known about the councils of a run in one transaction, so a re-run
leaves the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from .database import Database, rollback

LINK_COLUMNS = ["from_doc_id", "from_action_id", "to_doc_id", "to_action_id", "relation", "score", "method", "evidence"]
CANDIDATE_COLUMNS = ["run_id", "from_doc_id", "from_action_id", "to_doc_id", "to_action_id", "score", "relation", "evidence"]


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
    df = db.sql("SELECT doc_id, council, edition, plans, format FROM documents ORDER BY doc_id").df()
    df["plans"] = [list(p) if p is not None else [] for p in df["plans"]]
    return df


def read_actions(db: Database, doc_ids: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """The actions of ``doc_ids`` in document order."""
    if not doc_ids:
        return db.sql("SELECT * FROM actions WHERE false").df()
    marks = ", ".join("?" for _ in doc_ids)
    return db.sql(f"SELECT * FROM actions WHERE doc_id IN ({marks}) ORDER BY doc_id, source_row", list(doc_ids)).df()


def action_keys(db: Database, doc_ids: list[str]) -> set[str]:
    """``doc_id:action_id`` of every action in ``doc_ids``."""
    if not doc_ids:
        return set()
    marks = ", ".join("?" for _ in doc_ids)
    rows = db.sql(f"SELECT DISTINCT doc_id || ':' || action_id FROM actions WHERE doc_id IN ({marks})", list(doc_ids))
    return {r[0] for r in rows.fetchall()}


def write_links(
    db: Database,
    run: LinkRun,
    doc_ids: list[str],
    scope: list[tuple[str, str, str]],
    links: pd.DataFrame,
    candidates: pd.DataFrame,
) -> None:
    """Replace the links, scope and candidates touching ``doc_ids``; record ``run``; one transaction.

    ``scope`` rows are (council, from_doc_id, to_doc_id).  Links whose documents
    are no longer loaded are removed too.
    """
    links = links.reindex(columns=LINK_COLUMNS)
    candidates = candidates.reindex(columns=CANDIDATE_COLUMNS)
    scope_df = pd.DataFrame(scope, columns=["council", "from_doc_id", "to_doc_id"]).assign(run_id=run.run_id)
    con = db.conn
    con.execute("BEGIN TRANSACTION")
    try:
        if doc_ids:
            marks = ", ".join("?" for _ in doc_ids)
            for table in ("links", "link_candidates"):
                con.execute(f"DELETE FROM {table} WHERE from_doc_id IN ({marks}) OR to_doc_id IN ({marks})",
                            list(doc_ids) * 2)
            con.execute(f"DELETE FROM link_scope WHERE from_doc_id IN ({marks}) OR to_doc_id IN ({marks})",
                        list(doc_ids) * 2)
            con.execute(f"DELETE FROM pending_links WHERE doc_id IN ({marks})", list(doc_ids))
        for table in ("links", "link_candidates", "link_scope"):
            con.execute(
                f"DELETE FROM {table} WHERE from_doc_id NOT IN (SELECT doc_id FROM documents) "
                "OR to_doc_id NOT IN (SELECT doc_id FROM documents)"
            )
        con.execute(
            "INSERT INTO link_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run.run_id, run.council, run.started_at, run.settings, run.steps, run.overrides,
             run.candidates, run.links, run.version],
        )
        for name, frame, table in (("_links_in", links, "links"), ("_cands_in", candidates, "link_candidates"),
                                   ("_scope_in", scope_df, "link_scope")):
            if len(frame):
                con.register(name, frame)
                con.execute(f"INSERT INTO {table} SELECT * FROM {name}")
                con.unregister(name)
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise


def read_candidates(db: Database, low: float, high: float) -> pd.DataFrame:
    """Candidates with ``low <= score < high``, or links made as merged/split, with both texts."""
    return db.sql(
        """
        WITH a AS (
            SELECT doc_id, action_id, plan, theme, description, update_text FROM actions
            QUALIFY row_number() OVER (PARTITION BY doc_id, action_id ORDER BY source_row) = 1
        )
        SELECT c.from_doc_id || ':' || c.from_action_id AS "from",
               c.to_doc_id || ':' || c.to_action_id AS "to",
               coalesce(c.relation, '') AS proposed,
               round(c.score, 4) AS score,
               '' AS relation, '' AS note,
               fa.plan AS from_plan, fa.theme AS from_theme, fa.description AS from_text,
               fa.update_text AS from_update,
               ta.plan AS to_plan, ta.theme AS to_theme, ta.description AS to_text,
               c.evidence
        FROM link_candidates c
        JOIN a fa ON fa.doc_id = c.from_doc_id AND fa.action_id = c.from_action_id
        JOIN a ta ON ta.doc_id = c.to_doc_id AND ta.action_id = c.to_action_id
        WHERE (c.score >= ? AND c.score < ?) OR c.relation IN ('merged', 'split')
        ORDER BY c.to_doc_id, c.to_action_id, c.score DESC, c.from_doc_id, c.from_action_id
        """,
        [low, high],
    ).df()

