"""Assignment: scored pairs -> links (same, merged, split, related), testable without PDFs.

0. ``cited``: a pair that one text names ("formerly T18", "replaces former
   actions 4 and 7") is linked first: ``same``, or ``merged``/``split`` when a
   new action cites several old ones or an old one is cited by several.  A new
   action whose progress note says it is new ("New action.", ``new_said``) is
   linked by nothing else (``LinkSettings.declared_new``).
1. ``same``: one-to-one, greedily by score (ties broken by position), pairs with
   ``score >= match_threshold``, or ``>= mutual_threshold`` when the two are each
   other's best candidate.
2. ``merged``: an old action left over whose best candidate is a new action
   already matched, when the pair's ``base_weight >= merge_min_weight`` (its own
   evidence, before context) and the new text holds terms that only this old
   action explains: the IDF-weighted share of the new description's terms found
   in the old action but in none of the new action's other predecessors is at
   least ``merge_novelty``.  A new action that merely repeats its one-to-one
   predecessor does not absorb a second one, nor does one whose predecessors a
   text names ("Formerly action 17"): the plan has said which they are.  The
   one-to-one link into that new action becomes ``merged`` too.
3. ``split``: the mirror image, for a new action left over whose best candidate
   is an old action already matched.
4. ``related``: the best remaining candidate of a leftover action, when
   ``score >= related_threshold``.
Everything else stays unlinked: a new action with no link is new, an old
action with no link was dropped.

>>> import pandas as pd
>>> scored = pd.DataFrame({"o": [0, 1, 1], "n": [0, 0, 1], "score": [0.9, 0.6, 0.01],
...     "base_weight": [6.0, 2.0, -7.0]})
>>> terms = Terms(old=[{"bus"}, {"rail"}], new=[{"bus", "rail"}, {"x"}], idf={})
>>> assign(scored, terms=terms)[["o", "n", "relation"]].values.tolist()
[[0, 0, 'merged'], [1, 0, 'merged']]
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .settings import LinkSettings

CONTINUES = ("same", "merged", "split")


@dataclass
class Terms:
    """Description (+ update) term sets of the old and new actions, by position, and their IDF."""

    old: list[set[str]]
    new: list[set[str]]
    idf: dict[str, float]
    min_idf: float = 0.0  # terms below this IDF (common words) do not count as novel

    def novelty(self, target: set[str], candidate: set[str], others: list[set[str]]) -> float:
        """IDF share of ``target`` explained by ``candidate`` and by none of ``others``.

        Common terms (IDF below ``min_idf``) count in the total but never as novel.
        """
        total = sum(self.idf.get(t, 1.0) for t in target)
        if not total:
            return 0.0
        covered = set().union(*others) if others else set()
        novel = [t for t in (target & candidate) - covered if self.idf.get(t, 1.0) >= self.min_idf]
        return sum(self.idf.get(t, 1.0) for t in novel) / total


def assign(
    scored: pd.DataFrame, settings: LinkSettings | None = None, terms: Terms | None = None
) -> pd.DataFrame:
    """Links as rows (o, n, relation) plus the pair's other columns."""
    settings = settings or LinkSettings()
    if not len(scored):
        return scored.assign(relation=pd.Series(dtype=object))
    slim = scored[
        ["o", "n", "score"] + (["base_weight"] if "base_weight" in scored.columns else [])
    ]
    if settings.declared_new and "new_said" in scored.columns:
        # the plan says the new action is new: no predecessor by text similarity (a citation still
        # links it, below)
        slim = slim[scored["new_said"].to_numpy() < 1]
    df = slim.sort_values(["score", "o", "n"], ascending=[False, True, True], kind="mergesort")
    relation: dict[tuple[int, int], str] = {}
    match_o: dict[int, list[int]] = {}
    match_n: dict[int, list[int]] = {}
    # 0. what the plan itself says: cited pairs link whatever their text score
    if settings.cited_links and "mention" in scored.columns:
        _cited(scored, relation, match_o, match_n)
    # 1. one-to-one; a pair that is each other's best candidate needs only ``mutual_threshold``
    mutual = _mutual_best(df)
    for o, n, s in zip(df["o"].to_numpy(), df["n"].to_numpy(), df["score"].to_numpy(), strict=True):
        if s < min(settings.match_threshold, settings.mutual_threshold):
            break
        if s < settings.match_threshold and (o, n) not in mutual:
            continue
        if o in match_o or n in match_n:
            continue
        match_o[o], match_n[n] = [n], [o]
        relation[(o, n)] = "same"
    best_o = _ranked(df, "o")
    best_n = _ranked(df, "n")
    one_to_one = {n: olds[0] for n, olds in match_n.items()}
    # a new action whose predecessors the plan names has those: it takes none more by text
    cited_new = (
        set(scored.loc[scored["mention"] >= 1, "n"].astype(int))
        if settings.cited_links and "mention" in scored.columns
        else set()
    )
    # 2. merges: leftover old -> matched new, in order of evidence
    for o, n, w in sorted(
        ((o, c[0][0], c[0][2]) for o, c in best_o.items() if o not in match_o),
        key=lambda t: (-t[2], t[0]),
    ):
        if n not in one_to_one or n in cited_new or w < settings.merge_min_weight:
            continue
        if terms is not None:
            others = [terms.old[p] for p in match_n[n]]
            if terms.novelty(terms.new[n], terms.old[o], others) < settings.merge_novelty:
                continue
        relation[(one_to_one[n], n)] = "merged"
        relation[(o, n)] = "merged"
        match_o[o] = [n]
        match_n[n].append(o)
    # 3. splits: leftover new <- matched old
    for n, o, w in sorted(
        ((n, c[0][0], c[0][2]) for n, c in best_n.items() if n not in match_n),
        key=lambda t: (-t[2], t[0]),
    ):
        if o not in match_o or w < settings.merge_min_weight:
            continue
        first = match_o[o][0]
        if relation.get((o, first)) not in ("same", "split"):
            continue  # an old action already merged is not also split
        if terms is not None:
            others = [terms.new[p] for p in match_o[o]]
            if terms.novelty(terms.old[o], terms.new[n], others) < settings.merge_novelty:
                continue
        relation[(o, first)] = "split"
        relation[(o, n)] = "split"
        match_n[n] = [o]
        match_o[o].append(n)
    # 4. related: best remaining candidate of each leftover action
    for side, best, matched in (("o", best_o, match_o), ("n", best_n, match_n)):
        for a, cands in best.items():
            if a in matched:
                continue
            b, s, _ = cands[0]
            if s < settings.related_threshold:
                continue
            key = (a, b) if side == "o" else (b, a)
            relation.setdefault(key, "related")
    links = pd.DataFrame(
        [(o, n, r) for (o, n), r in relation.items()], columns=["o", "n", "relation"]
    )
    out = links.merge(scored, on=["o", "n"], how="left")
    return out.sort_values(["o", "n"]).reset_index(drop=True)


def _mutual_best(df: pd.DataFrame) -> set[tuple[int, int]]:
    """Pairs that are the best candidate of both their old and their new action (``df`` sorted by
    score)."""
    best_o = df.drop_duplicates("o")[["o", "n"]]
    best_n = df.drop_duplicates("n")[["o", "n"]]
    both = best_o.merge(best_n, on=["o", "n"])
    return set(zip(both["o"].astype(int), both["n"].astype(int), strict=True))


def _cited(scored: pd.DataFrame, relation: dict, match_o: dict, match_n: dict) -> None:
    """Links from citations: a new action citing two old ones is a merge, an old one cited by two
    new a split."""
    cited = (
        scored.loc[scored["mention"] >= 1, ["o", "n"]]
        .astype(int)
        .itertuples(index=False, name=None)
    )
    pairs = sorted(set(cited))
    if not pairs:
        return
    olds_of: dict[int, list[int]] = {}
    news_of: dict[int, list[int]] = {}
    for o, n in pairs:
        olds_of.setdefault(n, []).append(o)
        news_of.setdefault(o, []).append(n)
    for o, n in pairs:
        if len(olds_of[n]) > 1 and len(news_of[o]) > 1:
            continue  # many-to-many: leave it to the text
        relation[(o, n)] = (
            "merged" if len(olds_of[n]) > 1 else "split" if len(news_of[o]) > 1 else "same"
        )
        match_o.setdefault(o, []).append(n)
        match_n.setdefault(n, []).append(o)


def _ranked(df: pd.DataFrame, side: str) -> dict[int, list[tuple[int, float, float]]]:
    """Per action on ``side``, its candidates best first: (other, score, base weight)."""
    other = "n" if side == "o" else "o"
    base = df["base_weight"] if "base_weight" in df.columns else df["score"]
    out: dict[int, list[tuple[int, float, float]]] = {}
    for a, b, s, w in zip(
        df[side].to_numpy(),
        df[other].to_numpy(),
        df["score"].to_numpy(),
        base.to_numpy(),
        strict=True,
    ):
        lst = out.setdefault(int(a), [])
        if len(lst) < 3:
            lst.append((int(b), float(s), float(w)))
    return out


def components(edges: list[tuple[str, str]]) -> dict[str, str]:
    """Connected components of a link graph: node -> smallest node of its component.

    >>> components([("a", "b"), ("c", "b"), ("d", "e")])
    {'a': 'a', 'b': 'a', 'c': 'a', 'd': 'd', 'e': 'd'}
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in sorted(parent)}
