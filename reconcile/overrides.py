"""Analyst overrides: a CSV applied after matching, on every run.

Columns ``from``, ``to`` (``doc_id:action_id``, or the row key ``doc_id:R3#2`` for
the second row printing an ID), ``relation`` (``same``,
``merged``, ``split``, ``related`` or ``reject``) and ``note``; other columns
are ignored and rows with an empty ``relation`` are skipped, so a file written
by ``actionplans links review`` can be filled in and used as it is.

- ``reject`` removes the link between the two actions, whatever its relation.
- Any other relation adds (or replaces) the link with ``method = 'override'``,
  ``score = 1``.  ``same`` also removes the machine's other continuation
  links out of ``from`` and into ``to`` (one-to-one).

Afterwards a machine ``merged`` link left alone on its new action (or a
``split`` link alone on its old action) becomes ``same``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import OverrideError

RELATIONS = ("same", "merged", "split", "related", "reject")
DEFAULT_OVERRIDES = Path("data/overrides.csv")


@dataclass(frozen=True)
class Override:
    src: str
    dst: str
    relation: str
    note: str
    line: int

    @property
    def from_doc(self) -> str:
        return self.src.split(":", 1)[0]

    @property
    def to_doc(self) -> str:
        return self.dst.split(":", 1)[0]


@dataclass
class OverrideResult:
    applied: list[Override] = field(default_factory=list)
    skipped: list[tuple[Override, str]] = field(default_factory=list)


def read_overrides(path: str | Path) -> list[Override]:
    """Parse the overrides CSV; errors name the file, line and value."""
    path = Path(path)
    if not path.exists():
        raise OverrideError(f"{path}: no such overrides file")
    out: list[Override] = []
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = {"from", "to", "relation"} - set(reader.fieldnames or [])
        if missing:
            raise OverrideError(
                f"{path}: missing column(s) {', '.join(sorted(missing))}; expected"
                " from,to,relation,note"
            )
        for line, row in enumerate(reader, start=2):
            rel = (row.get("relation") or "").strip().lower()
            if not rel:
                continue
            src, dst = (row.get("from") or "").strip(), (row.get("to") or "").strip()
            if rel not in RELATIONS:
                raise OverrideError(
                    f"{path}:{line}: relation {rel!r} is not one of {', '.join(RELATIONS)}"
                )
            for name, value in (("from", src), ("to", dst)):
                if ":" not in value:
                    raise OverrideError(
                        f"{path}:{line}: {name} {value!r} should be doc_id:action_id, e.g."
                        " leics-county-2023-12:T18"
                    )
            out.append(Override(src, dst, rel, (row.get("note") or "").strip(), line))
    return out


def apply_overrides(
    links: pd.DataFrame,
    overrides: list[Override],
    known_docs: set[str],
    known_actions: set[str],
    path: str = "",
) -> tuple[pd.DataFrame, OverrideResult]:
    """Apply ``overrides`` to ``links`` (columns of the links table).

    Overrides naming documents outside ``known_docs`` (another council, not
    loaded) are skipped; an unknown action in a known document is an error.
    """
    result = OverrideResult()
    df = links.copy()
    df["_from"] = _keys(df, "from")
    df["_to"] = _keys(df, "to")
    for ov in overrides:
        if ov.from_doc not in known_docs or ov.to_doc not in known_docs:
            result.skipped.append((ov, "document not in this run"))
            continue
        for value in (ov.src, ov.dst):
            if value not in known_actions:
                raise OverrideError(
                    f"{path}:{ov.line}: no action {value!r}; check the ID (see `actionplans sql`)"
                )
        pair = (df["_from"] == ov.src) & (df["_to"] == ov.dst)
        df = df[~pair]
        if ov.relation == "same":
            machine = df["method"] != "override"
            cont = df["relation"].isin(["same", "merged", "split"])
            clash = machine & cont & ((df["_from"] == ov.src) | (df["_to"] == ov.dst))
            df = df[~clash]
        if ov.relation != "reject":
            f_doc, f_act = ov.src.split(":", 1)
            t_doc, t_act = ov.dst.split(":", 1)
            row = {
                "from_doc_id": f_doc,
                "from_action_id": f_act.split("#")[0],
                "to_doc_id": t_doc,
                "to_action_id": t_act.split("#")[0],
                "relation": ov.relation,
                "score": 1.0,
                "method": "override",
                "evidence": f"analyst override: {ov.note}" if ov.note else "analyst override",
                "from_key": ov.src,
                "to_key": ov.dst,
                "_from": ov.src,
                "_to": ov.dst,
            }
            df = pd.concat([df, pd.DataFrame([row])], ignore_index=True)
        result.applied.append(ov)
    df = _renormalise(df).drop(columns=["_from", "_to"])
    df = df.sort_values(
        ["from_doc_id", "from_action_id", "to_doc_id", "to_action_id"], kind="mergesort"
    )
    return df.reset_index(drop=True), result


def _keys(df: pd.DataFrame, side: str) -> pd.Series:
    """Row keys of one end of each link (``doc:ID`` where a link has none)."""
    plain = df[f"{side}_doc_id"] + ":" + df[f"{side}_action_id"]
    if f"{side}_key" not in df.columns:
        return plain
    return df[f"{side}_key"].where(df[f"{side}_key"].notna() & (df[f"{side}_key"] != ""), plain)


def _renormalise(df: pd.DataFrame) -> pd.DataFrame:
    cont = df["relation"].isin(["same", "merged", "split"])
    into = df[cont].groupby("_to").size()
    out_of = df[cont].groupby("_from").size()
    machine = df["method"] != "override"
    lone_merge = machine & (df["relation"] == "merged") & (df["_to"].map(into) == 1)
    lone_split = machine & (df["relation"] == "split") & (df["_from"].map(out_of) == 1)
    df = df.copy()
    df.loc[lone_merge | lone_split, "relation"] = "same"
    return df
