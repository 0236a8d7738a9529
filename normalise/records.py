"""Records that leave the normalise stage: clean actions, the corrections made, the findings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..checks import severity_of

# Fields of a clean action, in database order (doc_id/council/edition are added by the store).
ACTION_FIELDS = (
    "plan",
    "action_id",
    "action_id_raw",
    "theme",
    "section",
    "description",
    "role",
    "lead",
    "partners",
    "objectives",
    "timescale",
    "start_period",
    "end_period",
    "stage",
    "rag",
    "update_text",
    "target_date",
    "attributes",
    "page",
    "source_row",
    "title",  # added after the first release: stored last, like its column
    "source_table",  # added with issue 21, stored last too
    "bbox",
)


@dataclass
class Correction:
    """One change normalisation made: raw value in, clean value out, and the rule that did it."""

    action_id: str | None
    field: str
    raw_value: str | None
    clean_value: str | None
    rule: str
    evidence: str | None = None


@dataclass
class Finding:
    """A problem found and not fixed, for a person to judge.

    ``check`` is a name in the registry (:mod:`actionplans.checks`), which
    says its stage, meaning and severity; a name not there, or a severity its
    check does not allow, is refused (a bug in the emitter, not bad input).
    """

    action_id: str | None
    check: str
    severity: str  # info | warning | error
    message: str

    def __post_init__(self) -> None:
        severity_of(self.check, self.severity)

    @classmethod
    def of(
        cls, check: str, message: str, action_id: str | None = None, severity: str | None = None
    ) -> Finding:
        """A finding of ``check`` with the registry's severity (or ``severity``, if it allows
        it)."""
        return cls(action_id, check, severity_of(check, severity), message)


_PAGE_PREFIX = re.compile(r"^pages? (\d+(?:, \d+)*): ")


def merge_repeated(findings: list[Finding]) -> list[Finding]:
    """One finding per cause: the same check and message on several pages become one with a page
    list.

    ``page 3: header 'Notes' matches no field`` on every page of a long table is one
    problem, not thirty; the merged message names every page (``pages 3, 4, 7: ...``).
    """
    merged: dict[tuple, tuple[Finding, list[int]]] = {}
    out: list[Finding] = []
    for f in findings:
        m = _PAGE_PREFIX.match(f.message)
        pages = [int(p) for p in m.group(1).split(", ")] if m else []
        key = (f.action_id, f.check, f.severity, f.message[m.end() :] if m else f.message)
        if key in merged:
            first, seen = merged[key]
            seen.extend(p for p in pages if p not in seen)
            continue
        merged[key] = (f, list(pages))
        out.append(f)
    for f, pages in (merged[k] for k in merged):
        if len(pages) > 1:
            f.message = (
                f"pages {', '.join(str(p) for p in sorted(pages))}:"
                f" {_PAGE_PREFIX.sub('', f.message)}"
            )
    return out


@dataclass
class Action:
    plan: str
    action_id: str
    action_id_raw: str | None
    theme: str | None = None
    section: str | None = None
    description: str | None = None
    role: str | None = None
    lead: str | None = None
    partners: list[str] = field(default_factory=list)
    objectives: str | None = None
    timescale: str | None = None
    start_period: str | None = None
    end_period: str | None = None
    stage: str | None = None
    rag: str | None = None
    update_text: str | None = None
    target_date: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    page: int | None = None
    source_row: int | None = None
    # a short title printed beside the description (``Title`` + ``Description``)
    title: str | None = None
    source_table: int | None = None  # the extracted table the row came from (RawRow.table_index)
    bbox: list[float] | None = None  # the row's box on its page, PDF points (x0, top, x1, bottom)
    # not stored as columns: the changes made to this row, re-keyed if the ID is repaired
    corrections: list[Correction] = field(default_factory=list, repr=False)
    findings: list[Finding] = field(default_factory=list, repr=False)

    def as_row(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in ACTION_FIELDS}


@dataclass
class NormalisedDocument:
    actions: list[Action]
    corrections: list[Correction]
    findings: list[Finding]
    plans: list[str]

    def all_corrections(self) -> list[Correction]:
        out = list(self.corrections)
        for action in self.actions:
            for c in action.corrections:
                c.action_id = action.action_id
                out.append(c)
        return out

    def all_findings(self) -> list[Finding]:
        out = list(self.findings)
        for action in self.actions:
            for f in action.findings:
                f.action_id = action.action_id
                out.append(f)
        return out


def actions_frame(actions: list[Action]) -> pd.DataFrame:
    """Clean actions as one DataFrame, a column per field of :data:`ACTION_FIELDS`.

    The frame normalise's schema (:mod:`.schema`) validates is the frame the store writes
    (:func:`actionplans.store.database.document_frames` starts from it).
    """
    df = pd.DataFrame([a.as_row() for a in actions], columns=list(ACTION_FIELDS))
    for col in ("page", "source_row", "source_table"):
        df[col] = pd.array(df[col].tolist(), dtype="Int64")
    return df
