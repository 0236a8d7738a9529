"""``reconcile``: link every edition of each council's plans to the previous one, in the database.

>>> import actionplans
>>> report = actionplans.reconcile(db="data/clean/actionplans.duckdb")  # doctest: +SKIP
>>> print(report.summary())  # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..store import Database, default_db_path
from ..store.database import now_utc
from ..store.links import (
    CANDIDATE_COLUMNS,
    LINK_COLUMNS,
    LinkRun,
    action_keys,
    find_action,
    latest_step,
    read_actions,
    read_candidates,
    read_documents,
    stored_links,
    write_links,
)
from ..version import __version__
from .editions import EditionStep, edition_steps
from .errors import ReconcileError
from .explain import Explanation, explain, unlinked
from .link import link_actions
from .overrides import DEFAULT_OVERRIDES, OverrideResult, apply_overrides, read_overrides
from .settings import LinkSettings

log = logging.getLogger(__name__)


@dataclass
class StepSummary:
    council: str
    edition: str
    from_docs: tuple[str, ...]
    to_docs: tuple[str, ...]
    old_actions: int = 0
    new_actions: int = 0
    candidates: int = 0
    relations: dict[str, int] = field(default_factory=dict)
    unlinked: pd.DataFrame | None = None  # new and dropped actions, best rejected candidate and why


@dataclass
class ReconcileReport:
    run_id: str
    steps: list[StepSummary]
    links: pd.DataFrame
    overrides_file: str | None
    overrides: OverrideResult

    @property
    def unlinked(self) -> pd.DataFrame:
        """Every step's new and dropped actions with their best rejected candidate and the
        reason."""
        frames = [
            s.unlinked.assign(council=s.council, edition=s.edition)
            for s in self.steps
            if s.unlinked is not None and len(s.unlinked)
        ]
        cols = [
            "council",
            "edition",
            "status",
            "key",
            "description",
            "best_candidate",
            "best_score",
            "why_rejected",
        ]
        return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)

    def counts(self) -> dict[str, int]:
        return (
            self.links["relation"].value_counts().sort_index().to_dict() if len(self.links) else {}
        )

    def summary(self) -> str:
        lines = []
        for s in self.steps:
            if not s.from_docs:
                lines.append(
                    f"{s.council} {s.edition}: no earlier edition, nothing to link"
                    f" ({', '.join(s.to_docs)})"
                )
                continue
            rel = ", ".join(f"{v} {k}" for k, v in sorted(s.relations.items())) or "no links"
            lines.append(
                f"{s.council} {s.edition}: {s.old_actions} actions in {', '.join(s.from_docs)} -> "
                f"{s.new_actions} in {', '.join(s.to_docs)}; {s.candidates} candidate pairs; {rel}"
            )
            if s.unlinked is not None and len(s.unlinked):
                status = s.unlinked["status"].value_counts()
                lines.append(
                    f"  {status.get('new', 0)} new and {status.get('dropped', 0)} dropped actions "
                    "(each with its best rejected candidate: `reconcile --report FILE`)"
                )
        if self.overrides_file:
            lines.append(
                f"overrides {self.overrides_file}: {len(self.overrides.applied)} applied, "
                f"{len(self.overrides.skipped)} skipped (other councils or documents not loaded)"
            )
        total = ", ".join(f"{v} {k}" for k, v in self.counts().items()) or "none"
        lines.append(f"links: {total}")
        return "\n".join(lines)


def _open(db: str | Path | Database | None) -> tuple[Database, bool]:
    if isinstance(db, Database):
        return db, False
    return Database(db or default_db_path()), True


def reconcile(
    db: str | Path | Database | None = None,
    *,
    council: str | None = None,
    overrides: str | Path | None = None,
    settings: LinkSettings | None = None,
) -> ReconcileReport:
    """Link actions across editions for every council (or one), apply overrides, write links.

    ``overrides`` defaults to ``data/overrides.csv`` when that file exists.
    Re-running with the same documents, settings and overrides writes the same links.
    """
    settings = settings or LinkSettings()
    database, owned = _open(db)
    try:
        docs = read_documents(database)
        if council and not (docs["council"].str.lower() == council.lower()).any():
            known = ", ".join(sorted(docs["council"].dropna().unique())) or "none loaded"
            raise ReconcileError(f"no documents for council {council!r}; councils: {known}")
        steps = edition_steps(docs, settings, council)
        councils = {s.council for s in steps}
        doc_ids = sorted(docs[docs["council"].isin(councils)]["doc_id"])
        run_id = f"{now_utc():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
        summaries, all_links, all_cands = [], [], []
        scope: list[tuple[str, str, str]] = []  # (council, from doc, to doc)
        for step in steps:
            summary, links, cands = _link_step(database, step, settings, run_id)
            summaries.append(summary)
            all_links.append(links)
            all_cands.append(cands)
            scope.extend((step.council, f, t) for f in step.from_docs for t in step.to_docs)
        links = (
            pd.concat(all_links, ignore_index=True)
            if all_links
            else pd.DataFrame(columns=LINK_COLUMNS)
        )
        cands = pd.concat(all_cands, ignore_index=True) if all_cands else pd.DataFrame()
        path = (
            Path(overrides)
            if overrides
            else (DEFAULT_OVERRIDES if DEFAULT_OVERRIDES.exists() else None)
        )
        result = OverrideResult()
        if path is not None:
            linked_docs = {d for _, f, t in scope for d in (f, t)}
            links, result = apply_overrides(
                links,
                read_overrides(path),
                linked_docs,
                action_keys(database, sorted(linked_docs)),
                str(path),
            )
        links = links.reindex(columns=LINK_COLUMNS)
        steps_json = json.dumps(
            [
                {
                    "council": s.council,
                    "edition": s.edition,
                    "from_docs": list(s.from_docs),
                    "to_docs": list(s.to_docs),
                }
                for s in steps
            ]
        )
        run = LinkRun(
            run_id,
            council,
            now_utc(),
            settings.to_json(),
            steps_json,
            str(path) if path else None,
            int(sum(s.candidates for s in summaries)),
            len(links),
            __version__,
        )
        write_links(database, run, doc_ids, scope, links, cands)
        for s in summaries:
            mine = links[
                links["to_doc_id"].isin(s.to_docs) & links["from_doc_id"].isin(s.from_docs)
            ]
            s.relations = mine["relation"].value_counts().to_dict()
        return ReconcileReport(run_id, summaries, links, str(path) if path else None, result)
    finally:
        if owned:
            database.close()


def _link_step(database: Database, step: EditionStep, settings: LinkSettings, run_id: str):
    summary = StepSummary(step.council, step.edition, step.from_docs, step.to_docs)
    if not step.has_predecessor:
        return summary, pd.DataFrame(columns=LINK_COLUMNS), pd.DataFrame()
    old = read_actions(database, step.from_docs)
    new = read_actions(database, step.to_docs)
    result = link_actions(old, new, settings)
    summary.old_actions, summary.new_actions, summary.candidates = (
        len(old),
        len(new),
        len(result.scored),
    )
    summary.unlinked = unlinked(result, settings)
    return summary, result.links, _candidates(result, settings, run_id)


def _candidates(result, settings: LinkSettings, run_id: str) -> pd.DataFrame:
    """The best ``keep_candidates`` pairs per old and per new action, with the link made from
    each."""
    s = result.scored
    if not len(s):
        return pd.DataFrame()
    s = s.sort_values(["score", "o", "n"], ascending=[False, True, True], kind="mergesort")
    keep = (
        s.groupby("o")
        .head(settings.keep_candidates)
        .index.union(s.groupby("n").head(settings.keep_candidates).index)
    )
    s = s.loc[keep].sort_values(["o", "n"])
    old, new = result.old, result.new
    made = {
        (r.from_key, r.to_key): (r.relation, r.evidence)
        for r in result.links.itertuples(index=False)
    }
    rows = []
    for rec in s.itertuples(index=False):
        o, n = old.iloc[rec.o], new.iloc[rec.n]
        relation, evidence = made.get((o["key"], n["key"]), (None, f"text {rec.desc_cos:.2f}"))
        rows.append(
            (
                run_id,
                o["doc_id"],
                o["action_id"],
                n["doc_id"],
                n["action_id"],
                round(float(rec.score), 4),
                relation,
                evidence,
                o["key"],
                n["key"],
            )
        )
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)


def review_links(
    db: str | Path | Database | None = None,
    *,
    out: str | Path,
    low: float | None = None,
    high: float | None = None,
) -> pd.DataFrame:
    """Write the uncertain candidates of the latest runs to ``out`` (CSV), both texts side by side.

    Uncertain: ``low <= score < high`` (defaults from LinkSettings) or made as
    merged/split.  Fill in ``relation`` (or ``reject``) and ``note`` and append
    the rows to ``data/overrides.csv``.
    """
    defaults = LinkSettings()
    low = defaults.review_low if low is None else low
    high = defaults.review_high if high is None else high
    database, owned = _open(db)
    try:
        df = read_candidates(database, low, high)
    finally:
        if owned:
            database.close()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(out, index=False)
    return df


def reconcile_after_ingest(database: Database, loaded_doc_ids: list[str]) -> ReconcileReport | None:
    """Re-link the councils that just got a document with an earlier edition; None if there is
    none."""
    if not loaded_doc_ids:
        return None
    docs = read_documents(database)
    councils = sorted(docs[docs["doc_id"].isin(loaded_doc_ids)]["council"].dropna().unique())
    reports = []
    for name in councils:
        steps = edition_steps(docs, LinkSettings(), name)
        if any(
            s.has_predecessor and (set(s.to_docs) | set(s.from_docs)) & set(loaded_doc_ids)
            for s in steps
        ):
            reports.append(reconcile(database, council=name))
    return reports[-1] if reports else None


def explain_link(ref: str, db: str | Path | Database | None = None) -> Explanation:
    """Why action ``ref`` (``DOC:ID`` or the row key ``DOC:ID#2``) was linked as it was.

    Re-runs the latest reconcile step that holds its document, with that run's
    settings, and explains the action's candidates (``reconcile.explain``).  The
    links as stored (analyst overrides applied) are in ``Explanation.stored``.

    >>> print(explain_link("leics-2025-appendix-b:T6",
    ...                    db="data/clean/actionplans.duckdb").text())  # doctest: +SKIP
    """
    database, owned = _open(db)
    try:
        found = find_action(database, ref)
        if found is None:
            raise LookupError(f"no action {ref!r}; give DOC:ID, e.g. leics-2025-appendix-b:T6")
        doc_id, _, key = found
        latest = latest_step(database, doc_id)
        if latest is None:
            raise LookupError(
                f"document {doc_id!r} has no linked edition yet; run `actionplans reconcile`"
            )
        settings_json, step = latest
        settings = LinkSettings.from_json(settings_json)
        old = read_actions(database, step["from_docs"])
        new = read_actions(database, step["to_docs"])
        result = link_actions(old, new, settings)
        explanation = explain(result, key, settings)
        explanation.stored = stored_links(database, key)
        return explanation
    finally:
        if owned:
            database.close()
