"""Why a link was made or not: an action's candidates, each comparison's contribution, the decision.

``explain(result, key)`` reads one edition step's ``StepResult`` (from
``link_actions``) and returns an ``Explanation`` for one action: its best
candidates on the other side, each with its probability, the log-odds each
comparison added (the model's waterfall, or the levels' weights), and what
became of the pair: the link made, or why it was rejected.  ``unlinked``
lists the step's new and dropped actions with their best rejected candidate
and the reason, for the reconcile report.

>>> import pandas as pd
>>> from .link import link_actions
>>> old = pd.DataFrame({"doc_id": ["a", "a"], "action_id": ["T1", "T2"], "theme": ["Transport"] * 2,
...     "description": ["Electric vehicle charging strategy for the county",
...                     "Plant trees on verges"]})
>>> new = pd.DataFrame({"doc_id": ["b", "b"], "action_id": ["T1", "T2"], "theme": ["Transport"] * 2,
...     "description": ["Deliver the electric vehicle charging strategy",
...                     "Run a cycling festival"]})
>>> e = explain(link_actions(old, new), "b:T1")
>>> e.decision
'same as a:T1'
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .model import LinkModel
from .settings import LinkSettings

SHOWN = 5  # candidates listed per action


@dataclass
class Candidate:
    key: str  # the other action's row key
    description: str
    score: float  # probability
    weight: float  # log2 odds
    relation: str | None  # the link made from this pair, None if rejected
    reason: str  # why it was made or rejected
    # comparison -> log-odds (natural log)
    contributions: dict[str, float] = field(default_factory=dict)


@dataclass
class Explanation:
    key: str
    # "new": the action is in the later edition (its candidates are predecessors);
    # "old": the earlier
    side: str
    description: str
    decision: str  # "same as X", "merged from X, Y", "new: ...", "dropped: ..."
    candidates: list[Candidate]
    scorer: str
    intercept: float | None = None
    stored: pd.DataFrame | None = (
        None  # the links as written in the database (overrides applied), if read from one
    )

    def text(self, top: int = 6, candidates: int = SHOWN) -> str:
        """A plain-text waterfall, best candidate first."""
        lines = [
            (
                f"{self.key} ({'later' if self.side == 'new' else 'earlier'} edition):"
                f" {_short(self.description, 90)}"
            ),
            f"decision: {self.decision}",
            f"scorer: {self.scorer}"
            + (f"; baseline log-odds {self.intercept:+.2f}" if self.intercept is not None else ""),
        ]
        if not self.candidates:
            lines.append(
                "no candidates: no shared theme, term, ID or citation with any action of the other"
                " edition"
            )
        for c in self.candidates[:candidates]:
            lines.append("")
            lines.append(f"  {c.key}  p={c.score:.3f}  ({c.relation or 'rejected'}: {c.reason})")
            lines.append(f"    {_short(c.description, 100)}")
            ranked = sorted(c.contributions.items(), key=lambda kv: -abs(kv[1]))[:top]
            if ranked:
                lines.append("    " + ", ".join(f"{name} {value:+.2f}" for name, value in ranked))
        if self.stored is not None:
            lines.append("")
            if len(self.stored):
                lines.append("stored links (after analyst overrides):")
                for r in self.stored.itertuples(index=False):
                    lines.append(
                        f"  {r.from_key} -> {r.to_key}  {r.relation}  {r.score}  {r.method}"
                    )
            else:
                lines.append("stored links: none")
        return "\n".join(lines)


def explain(result, key: str, settings: LinkSettings | None = None) -> Explanation:
    """The explanation for the action with row key ``key`` (``doc:ID`` or ``doc:ID#2``) in
    ``result``."""
    settings = settings or LinkSettings()
    old_keys = list(result.old["key"])
    new_keys = list(result.new["key"])
    if key in new_keys:
        side, pos, mine, other, frame = "new", new_keys.index(key), "n", "o", result.old
    elif key in old_keys:
        side, pos, mine, other, frame = "old", old_keys.index(key), "o", "n", result.new
    else:
        raise LookupError(f"{key}: not among the actions of this step")
    me = (result.new if side == "new" else result.old).iloc[pos]
    scored = result.scored
    cands = (
        scored[scored[mine] == pos].sort_values("score", ascending=False).head(SHOWN)
        if len(scored)
        else scored
    )
    contrib = _contributions(cands, settings)
    links = result.links
    taken = _continuations(links)
    col = "to_key" if side == "new" else "from_key"
    other_col = "from_key" if side == "new" else "to_key"
    mine_links = links[links[col] == key] if len(links) else links
    made = (
        dict(zip(mine_links[other_col], mine_links["relation"], strict=True))
        if len(mine_links)
        else {}
    )
    out = []
    best_key = frame["key"].iloc[int(cands[other].iloc[0])] if len(cands) else None
    for idx, rec in cands.iterrows():
        o_key = frame["key"].iloc[int(rec[other])]
        relation = made.get(o_key)
        reason = _reason(rec, relation, o_key, side, taken, settings)
        if o_key != best_key and relation not in ("same", "merged", "split"):
            reason += f"; {best_key} scores higher"
        out.append(
            Candidate(
                o_key,
                str(frame["description"].iloc[int(rec[other])] or ""),
                float(rec["score"]),
                float(rec["match_weight"]),
                relation,
                reason,
                contrib.get(idx, {}),
            )
        )
    decision = _decision(side, made, out)
    intercept = LinkModel.load(settings.model).intercept if settings.scorer == "model" else None
    return Explanation(
        key, side, str(me["description"] or ""), decision, out, settings.scorer, intercept
    )


def unlinked(result, settings: LinkSettings | None = None) -> pd.DataFrame:
    """New and dropped actions of a step, each with its best rejected candidate and the reason.

    One pass over the scored pairs (a national collection has hundreds of thousands).
    """
    settings = settings or LinkSettings()
    links = result.links
    made = (
        {
            (f, t): r
            for f, t, r in zip(links["from_key"], links["to_key"], links["relation"], strict=True)
        }
        if len(links)
        else {}
    )
    taken = _continuations(links)
    scored = result.scored.sort_values(
        ["score", "o", "n"], ascending=[False, True, True], kind="mergesort"
    )
    rows = []
    for side, mine, other, frame, other_frame in (
        ("new", "n", "o", result.new, result.old),
        ("dropped", "o", "n", result.old, result.new),
    ):
        linked = taken["to" if side == "new" else "from"]
        best = scored.drop_duplicates(mine).set_index(mine) if len(scored) else scored
        for pos, (key, desc) in enumerate(zip(frame["key"], frame["description"], strict=True)):
            if key in linked:
                continue
            if pos not in best.index:
                rows.append(
                    {
                        "status": side,
                        "key": key,
                        "description": desc,
                        "best_candidate": None,
                        "best_score": None,
                        "why_rejected": "no candidate shares a theme, term, ID or citation",
                    }
                )
                continue
            rec = best.loc[pos]
            o_key = other_frame["key"].iloc[int(rec[other])]
            pair = (o_key, key) if side == "new" else (key, o_key)
            relation = made.get(pair)
            why = _reason(rec, relation, o_key, "new" if side == "new" else "old", taken, settings)
            rows.append(
                {
                    "status": side,
                    "key": key,
                    "description": desc,
                    "best_candidate": o_key,
                    "best_score": round(float(rec["score"]), 4),
                    "why_rejected": ("related only; " if relation == "related" else "") + why,
                }
            )
    return pd.DataFrame(
        rows,
        columns=["status", "key", "description", "best_candidate", "best_score", "why_rejected"],
    )


def _continuations(links: pd.DataFrame) -> dict[str, dict[str, str]]:
    """``from``: old key -> a new key it continues as; ``to``: new key -> an old key it
    continues."""
    out: dict[str, dict[str, str]] = {"from": {}, "to": {}}
    if not len(links):
        return out
    cont = links[links["relation"].isin(["same", "merged", "split"])]
    for f, t in zip(cont["from_key"], cont["to_key"], strict=True):
        out["from"].setdefault(f, t)
        out["to"].setdefault(t, f)
    return out


def _contributions(cands: pd.DataFrame, settings: LinkSettings) -> dict:
    if not len(cands):
        return {}
    if settings.scorer == "model":
        frame = LinkModel.load(settings.model).contributions(cands)
    else:  # levels: log2 weights -> natural log, to read like the model's
        cols = [c for c in cands.columns if c.startswith("w_")]
        frame = cands[cols].rename(columns=lambda c: c[2:]) * np.log(2.0)
    return {
        idx: {k: float(v) for k, v in row.items() if abs(v) >= 0.005}
        for idx, row in frame.iterrows()
    }


def _reason(
    rec,
    relation: str | None,
    other_key: str,
    side: str,
    taken: dict[str, dict[str, str]],
    settings: LinkSettings,
) -> str:
    """Why the pair (this action, ``other_key``) was linked, or not.  ``side``: this action's
    edition."""
    if relation == "related":
        return _reason(rec, None, other_key, side, taken, settings)
    if relation is not None:
        if rec.get("mention", 0) > 0:
            return "the plan's text cites it"
        if relation != "same":
            return relation
        if rec["score"] >= settings.match_threshold:
            return f"p {rec['score']:.2f} >= {settings.match_threshold}"
        return (
            f"p {rec['score']:.2f} >= {settings.mutual_threshold}, and each is the other's best"
            " candidate"
        )
    if rec.get("mention", 0) >= 1:
        return "cited, but the citation is many-to-many"
    if settings.declared_new and rec.get("new_said", 0) >= 1:
        return "the new action's progress note says it is new"
    if rec["score"] < settings.match_threshold:
        return f"p {rec['score']:.2f} < match threshold {settings.match_threshold}"
    owner = taken["from" if side == "new" else "to"].get(other_key)
    if owner:
        return (
            f"{other_key} already continues as {owner}"
            if side == "new"
            else f"{other_key} already continues {owner}"
        )
    return "a better candidate of this action was linked"


def _decision(side: str, made: dict[str, str], cands: list[Candidate]) -> str:
    cont = {k: r for k, r in made.items() if r in ("same", "merged", "split")}
    if cont:
        rel = sorted(set(cont.values()))[0]
        keys = ", ".join(sorted(cont))
        if rel == "same":
            return f"same as {keys}"
        return f"{rel} {'from' if side == 'new' else 'into'} {keys}"
    best = f"; best candidate {cands[0].key} ({cands[0].reason})" if cands else "; no candidates"
    return ("new: no predecessor" if side == "new" else "dropped: no successor") + best


def _short(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"
