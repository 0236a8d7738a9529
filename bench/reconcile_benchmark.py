r"""Reconcile benchmark: leave-one-council-out quality on the labelled pairs, beside baselines;
time/memory at scale.

    python bench/reconcile_benchmark.py [--skip-scale | --skip-quality] [--councils 200] \
        [--per-council 100] [--seed 0]
    python bench/reconcile_benchmark.py --train  # refit the shipped model on every labelled pair

1. Quality, leave one council out: for each council, the link model is trained
   on the other councils' labelled pairs only (``data/raw/lineage/``) and the
   council's own pair is scored with it.  Beside it on the same pairs: the
   hand-set levels scorer (tuned on Leicestershire: not held out there) and a
   plain TF-IDF cosine over action + progress text with one-to-one assignment
   (its cut-off also chosen on the other councils).  Targets on every pair:
   precision >= 0.95, recall(same) >= 0.90, at most 1 new action linked.
2. Scale: two synthetic editions of councils x per-council actions (20,000
   each by default) made by perturbing the real actions: reworded, renumbered,
   merged, split, dropped, and new ones added.  Reports time, candidate pairs
   against all pairs, peak memory, and the synthetic ground truth's precision
   and recall.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actionplans.reconcile import LinkSettings, evaluate, link_actions  # noqa: E402
from actionplans.reconcile.evaluate import error_report  # noqa: E402
from actionplans.reconcile.labelled import (  # noqa: E402
    PreparedPair,
    choose_thresholds,
    fit,
    read_pairs,
)
from actionplans.reconcile.model import DEFAULT_MODEL  # noqa: E402

import actionplans  # noqa: E402
from actionplans.store import Database  # noqa: E402
from actionplans.store.links import LINK_COLUMNS  # noqa: E402

LINEAGE = ROOT / "data" / "raw" / "lineage"
T18 = ("leics-county-2023-12:T18", "leics-2025-appendix-b:T6")
TARGETS = {"precision": 0.95, "recall_same": 0.90, "new_linked": 1}


def load_stored(db_path: Path) -> pd.DataFrame:
    """Ingest the bundled documents; every stored action."""
    actionplans.ingest([ROOT / "data" / "raw"], db=db_path, progress=False)
    db = Database(db_path, read_only=True)
    try:
        return db.sql("SELECT * FROM actions ORDER BY doc_id, source_row").df()
    finally:
        db.close()


# -- the TF-IDF baseline ---------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")
_STOP = set(
    "a an and are as at be by for from has have in into is it its of on or our the their to we will"
    " with this that these all any more new work".split()
)


def _tokens(text) -> list[str]:
    return [w for w in _WORD.findall(str(text or "").lower()) if w not in _STOP and len(w) > 1]


def tfidf_links(old: pd.DataFrame, new: pd.DataFrame, cutoff: float) -> pd.DataFrame:
    """Plain TF-IDF cosine over action + progress text, one-to-one greedily, kept when >= cutoff."""
    docs = [
        _tokens(f"{d} {u}") for d, u in zip(old["description"], old["update_text"], strict=True)
    ]
    docs += [
        _tokens(f"{d} {u}") for d, u in zip(new["description"], new["update_text"], strict=True)
    ]
    df = Counter(t for d in docs for t in set(d))
    idf = {t: math.log((len(docs) + 1) / (c + 1)) + 1 for t, c in df.items()}
    vocab = {t: i for i, t in enumerate(idf)}
    m = np.zeros((len(docs), len(vocab)))
    for i, d in enumerate(docs):
        for t, c in Counter(d).items():
            m[i, vocab[t]] = (1 + math.log(c)) * idf[t]
    m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)
    sim = m[: len(old)] @ m[len(old) :].T
    order = np.dstack(np.unravel_index(np.argsort(-sim, axis=None), sim.shape))[0]
    used_o, used_n, rows = set(), set(), []
    okey, nkey = _keys(old), _keys(new)
    for o, n in order:
        if sim[o, n] < cutoff:
            break
        if o in used_o or n in used_n:
            continue
        used_o.add(o)
        used_n.add(n)
        rows.append(
            dict(
                from_doc_id=old["doc_id"].iloc[o],
                from_action_id=old["action_id"].iloc[o],
                to_doc_id=new["doc_id"].iloc[n],
                to_action_id=new["action_id"].iloc[n],
                relation="same",
                score=float(sim[o, n]),
                method="tfidf",
                evidence="",
                from_key=okey[o],
                to_key=nkey[n],
            )
        )
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def _keys(frame: pd.DataFrame) -> list[str]:
    from actionplans.reconcile.prepare import _row_keys

    return _row_keys(frame)


def _f1(e) -> float:
    p, r = e.cont_precision, e.cont_recall
    return 2 * p * r / (p + r) if p + r else 0.0


def best_cutoff(pairs) -> float:
    """The TF-IDF cut-off with the best mean F1 of continuation links over ``pairs``."""
    grid = [x / 100 for x in range(10, 80, 5)]
    if not pairs:
        return 0.3
    return max(
        grid,
        key=lambda c: sum(_f1(evaluate(tfidf_links(p.old, p.new, c), p.labels)) for p in pairs),
    )


# -- quality ---------------------------------------------------------------------------------------

HEADER = (
    f"{'pair':<30} {'scorer':<26} {'P cont':>6} {'R same':>6} {'R cont':>6} {'merges':>6}"
    f" {'splits':>6} {'new->linked':>11} {'drop->linked':>12}  target"
)


def row(pair, name: str, e, extra: str = "") -> str:
    ok = (
        e.cont_precision >= TARGETS["precision"]
        and e.same_recall >= TARGETS["recall_same"]
        and len(e.new_wrongly_linked) <= TARGETS["new_linked"]
    )
    return (
        f"{pair.name:<30} {name:<26} {e.cont_precision:6.2f} {e.same_recall:6.2f}"
        f" {e.cont_recall:6.2f} {e.merges_found:>3}/{e.merges_labelled:<2}"
        f" {e.splits_found:>3}/{e.splits_labelled:<2}"
        f" {len(e.new_wrongly_linked):>5}"
        f"/{len(e.labels_new) if hasattr(e, 'labels_new') else '':<5}"
        f" {len(e.dropped_wrongly_linked):>6}       {'met' if ok else 'NOT met'}{extra}"
    )


def quality(pairs, verbose: bool) -> dict[str, dict]:
    councils = sorted({p.council for p in pairs})
    print(
        f"== quality, leave one council out: {len(pairs)} labelled pairs from {len(councils)}"
        f" councils ({LINEAGE.relative_to(ROOT)})"
    )
    for p in pairs:
        lab = p.labels
        n_same = sum(v == "same" for v in lab.pairs.values())
        print(
            f"   {p.name}: {p.council}; {p.made}; {len(p.old)} -> {len(p.new)} actions; {n_same}"
            f" same, {len(lab.groups('merged'))} merges, {len(lab.groups('split'))} splits,"
            f" {len(lab.new)} new, {len(lab.dropped)} dropped"
        )
    print(HEADER)
    results = {}
    prepared = {p.name: PreparedPair.of(p) for p in pairs}
    for pair in pairs:
        others = [p for p in pairs if p.council != pair.council]
        inner = [prepared[p.name] for p in others]
        model = fit(inner)
        threshold, merge_weight, mutual = choose_thresholds(inner)
        t0 = time.perf_counter()
        ours = prepared[pair.name].link(
            model,
            LinkSettings(
                match_threshold=threshold, merge_min_weight=merge_weight, mutual_threshold=mutual
            ),
        )
        secs = time.perf_counter() - t0
        e = evaluate(ours.links, pair.labels)
        e.labels_new = pair.labels.new
        t18 = ""
        if T18[0] in pair.labels.sources:
            found = e.found(*T18) and any(k == T18 for k in pair.labels.pairs)
            t18 = f"  T18->T6 {'found' if found else 'MISSED'}"
        print(row(pair, f"model LOCO t={threshold}/{mutual} m={merge_weight:+.0f}", e, t18))
        if pair.second is not None:
            # the same links, scored against a second labeller's crosswalk of this pair
            e2 = evaluate(ours.links, pair.second)
            e2.labels_new = pair.second.new
            print(row(pair, "  same links, 2nd reader", e2))
            print(f"{'':<30}   readers agree: {agreement(pair.labels, pair.second)}")
        levels = evaluate(
            link_actions(pair.old, pair.new, LinkSettings(scorer="levels")).links, pair.labels
        )
        levels.labels_new = pair.labels.new
        print(row(pair, "hand levels (Leics-tuned)", levels))
        cutoff = best_cutoff(others)
        base = evaluate(tfidf_links(pair.old, pair.new, cutoff), pair.labels)
        base.labels_new = pair.labels.new
        print(row(pair, f"TF-IDF 1:1 >= {cutoff:.2f} (LOCO)", base))
        results[pair.name] = {"model": e, "levels": levels, "tfidf": base, "secs": secs}
        if verbose:  # the model's errors, with its probabilities (p) and what else it linked
            for line in error_report(ours.links, pair.labels, ours.scored):
                print(f"      model: {line}")
    print(
        f"{'means over the pairs':<30} {'scorer':<26} {'P cont':>6} {'R same':>6} {'R cont':>6}"
        f" {'new->linked':>24} {'drop->linked':>12}"
    )
    for name, label in (
        ("model", "model (LOCO)"),
        ("levels", "hand levels"),
        ("tfidf", "TF-IDF 1:1 (LOCO)"),
    ):
        es = [r[name] for r in results.values()]
        print(
            f"{'':<30} {label:<26} {np.mean([e.cont_precision for e in es]):6.3f}"
            f" {np.mean([e.same_recall for e in es]):6.3f}"
            f" {np.mean([e.cont_recall for e in es]):6.3f}"
            f" {sum(len(e.new_wrongly_linked) for e in es):>15}"
            f"/{sum(len(e.labels_new) for e in es):<8}"
            f" {sum(len(e.dropped_wrongly_linked) for e in es):>6}"
        )
    met = sum(1 for r in results.values() if _met(r["model"]))
    print(
        f"   targets (P >= {TARGETS['precision']}, R(same) >= {TARGETS['recall_same']}, <="
        f" {TARGETS['new_linked']} new linked) met on {met} of {len(results)} pairs by the model;"
        f" by TF-IDF on {sum(1 for r in results.values() if _met(r['tfidf']))}"
    )
    print(
        "   P cont: precision of same/merged/split links (pair right); R same: labelled `same`"
        " pairs linked as same; R cont: continuation pairs linked with any continuing relation"
    )
    print(
        "   model LOCO t=match/mutual threshold m=merge weight: the assignment settings chosen on"
        " the other councils"
    )
    return results


def agreement(first, second) -> str:
    """How far two labellers' crosswalks agree: continuation pairs in both, and `same` pairs."""
    cont_a = {k for k, v in first.pairs.items() if v in ("same", "merged", "split")}
    cont_b = {k for k, v in second.pairs.items() if v in ("same", "merged", "split")}
    same_a = {k for k, v in first.pairs.items() if v == "same"}
    same_b = {k for k, v in second.pairs.items() if v == "same"}
    return (
        f"continuation pairs {len(cont_a & cont_b)} in both of {len(cont_a | cont_b)} in either;"
        f" `same` {len(same_a & same_b)} of {len(same_a | same_b)}"
    )


def _met(e) -> bool:
    return (
        e.cont_precision >= TARGETS["precision"]
        and e.same_recall >= TARGETS["recall_same"]
        and len(e.new_wrongly_linked) <= TARGETS["new_linked"]
    )


# -- synthetic editions ---------------------------------------------------------------------------

SWAPS = {
    "deliver": "implement",
    "develop": "prepare",
    "support": "help",
    "explore": "investigate",
    "work": "collaborate",
    "increase": "grow",
    "provide": "offer",
    "continue": "keep",
    "reduce": "cut",
    "partners": "stakeholders",
    "strategy": "plan",
    "opportunities": "options",
    "council": "authority",
}


def reword(text: str, rng: random.Random) -> str:
    words = text.split()
    out = []
    for w in words:
        r = rng.random()
        if r < 0.12:
            continue  # dropped word
        key = w.lower().strip(".,;")
        out.append(SWAPS[key] if key in SWAPS and r < 0.6 else w)
    if rng.random() < 0.3 and len(out) > 6:
        cut = rng.randrange(3, len(out) - 2)
        out = out[cut:] + out[:cut]  # clauses reordered
    if rng.random() < 0.3:
        out.append(
            rng.choice(
                [
                    "as resources allow.",
                    "across the county.",
                    "with district partners.",
                    "subject to funding.",
                ]
            )
        )
    return " ".join(out)


def synthetic(pool: pd.DataFrame, councils: int, per: int, seed: int):
    """Old and new editions (frames) plus the true continuation pairs {(old_key, new_key):
    relation}."""
    rng = random.Random(seed)
    texts = pool[["description", "update_text", "theme", "partners", "lead"]].to_dict("records")
    olds, news, truth = [], [], {}
    for c in range(councils):
        council = f"Synthetic Council {c:03d}"
        old_doc, new_doc = f"syn{c:03d}-2023", f"syn{c:03d}-2025"
        place = f"Place{c:03d}"
        picks = rng.sample(range(len(texts)), min(len(texts), per + per // 5))
        old_rows = [dict(texts[i]) for i in picks[:per]]
        spare = [dict(texts[i]) for i in picks[per:]]
        for k, r in enumerate(old_rows):
            r.update(
                doc_id=old_doc,
                council=council,
                plan="county",
                edition="2023-12",
                action_id=f"A{k + 1}",
                source_row=k,
                description=f"{r['description']} ({place} project {rng.randrange(1000)})",
            )
        olds.extend(old_rows)
        new_rows = []
        order = list(range(per))
        rng.shuffle(order)  # renumbered: new IDs follow a new order
        i = 0
        while i < len(order):
            k = order[i]
            src = old_rows[k]
            fate = rng.random()
            if fate < 0.15:  # dropped
                i += 1
                continue
            if fate < 0.23 and i + 1 < len(order):  # merged with the next one
                other = old_rows[order[i + 1]]
                text = (
                    reword(src["description"], rng) + " Also: " + reword(other["description"], rng)
                )
                new_rows.append(
                    (dict(src, description=text), [(k, "merged"), (order[i + 1], "merged")])
                )
                i += 2
                continue
            if fate < 0.28:  # split in two
                words = src["description"].split()
                half = max(3, len(words) // 2)
                new_rows.append(
                    (dict(src, description=reword(" ".join(words[:half]), rng)), [(k, "split")])
                )
                new_rows.append(
                    (
                        dict(src, description=reword(" ".join(words[half:]), rng) + f" {place}"),
                        [(k, "split")],
                    )
                )
                i += 1
                continue
            new_rows.append((dict(src, description=reword(src["description"], rng)), [(k, "same")]))
            i += 1
        for r in spare[: per // 10]:  # new actions
            new_rows.append((dict(r, description=f"{r['description']} ({place})"), []))
        rng.shuffle(new_rows)
        for j, (r, sources) in enumerate(new_rows):
            r.update(
                doc_id=new_doc,
                council=council,
                plan="county",
                edition="2025-04",
                action_id=f"N{j + 1}",
                source_row=j,
                update_text=None,
            )
            news.append(r)
            for k, rel in sources:
                truth[(f"{old_doc}:A{k + 1}", f"{new_doc}:N{j + 1}")] = rel
    return pd.DataFrame(olds), pd.DataFrame(news), truth


def _link_in_child(old: pd.DataFrame, new: pd.DataFrame, queue) -> None:
    """Runs in a child process so that its peak memory is its own."""
    wall, cpu = time.perf_counter(), time.process_time()
    res = link_actions(old, new)  # one call: blocking keeps every comparison inside a council
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    with tempfile.TemporaryDirectory() as tmp:  # and writing the links through the store
        from actionplans.store.database import now_utc
        from actionplans.store.links import LinkRun, write_links

        db = Database(Path(tmp) / "scale.duckdb")
        t1 = time.perf_counter()
        write_links(
            db,
            LinkRun(
                "bench", None, now_utc(), "{}", "[]", None, len(res.scored), len(res.links), "bench"
            ),
            [],
            [],
            res.links,
            pd.DataFrame(),
        )
        write_s = time.perf_counter() - t1
        db.close()
    queue.put((wall, cpu, write_s, len(res.scored), res.links))


def scale(pool: pd.DataFrame, councils: int, per: int, seed: int) -> None:
    import multiprocessing as mp

    old, new, truth = synthetic(pool, councils, per, seed)
    print(
        f"\n== scale: two synthetic editions, {len(old):,} and {len(new):,} actions "
        f"({councils} councils x ~{per}); perturbed real actions"
    )
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_link_in_child, args=(old, new, queue))
    child.start()
    wall, cpu, write_s, pairs, links = queue.get()
    child.join()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    pred = {
        (f"{r.from_doc_id}:{r.from_action_id}", f"{r.to_doc_id}:{r.to_action_id}"): r.relation
        for r in links.itertuples(index=False)
        if r.relation in ("same", "merged", "split")
    }
    tp = sum(1 for k in pred if k in truth)
    rel_ok = sum(1 for k, v in pred.items() if truth.get(k) == v)
    within = sum(
        len(o) * len(n)
        for (_, o), (_, n) in zip(old.groupby("doc_id"), new.groupby("doc_id"), strict=True)
    )
    print(
        f"   time: {wall:.1f} s wall, {cpu:.1f} s CPU to link; {write_s:.1f} s to write"
        f" {len(links):,} links"
    )
    print(
        f"   candidate pairs: {pairs:,} (all pairs: {len(old) * len(new):,}; all pairs within"
        f" councils: {within:,})"
    )
    print(
        f"   peak memory (RSS of the linking process): {peak_mb:.0f} MB, of which {before_mb:.0f}"
        " MB were the benchmark's own (data, libraries) when it forked"
    )
    print(
        f"   synthetic truth: continuation links P {tp / max(len(pred), 1):.3f} R"
        f" {tp / max(len(truth), 1):.3f}; relation right on {rel_ok:,} of {tp:,} found"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--councils", type=int, default=200)
    ap.add_argument("--per-council", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip-scale", action="store_true")
    ap.add_argument(
        "--skip-quality",
        action="store_true",
        help="only the scale run (to time it again on a quieter machine)",
    )
    ap.add_argument(
        "--verbose",
        action="store_true",
        help="list the model's errors on each pair (false links, missed `same`, new linked, ...)",
    )
    ap.add_argument(
        "--train",
        action="store_true",
        help=f"refit {DEFAULT_MODEL.relative_to(ROOT)} on every pair",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        stored = load_stored(Path(tmp) / "bench.duckdb")
    pairs = read_pairs(LINEAGE, stored)
    if args.train:
        prepared = [PreparedPair.of(p) for p in pairs]
        model = fit(prepared)
        DEFAULT_MODEL.write_text(model.to_json() + "\n", encoding="utf-8")
        print(f"wrote {DEFAULT_MODEL.relative_to(ROOT)}: trained on {', '.join(model.trained_on)}")
        threshold, merge_weight, mutual = choose_thresholds(prepared)
        print(
            f"thresholds chosen leave-one-council-out on every pair: match_threshold={threshold}, "
            f"merge_min_weight={merge_weight}, mutual_threshold={mutual} (LinkSettings defaults: "
            "set them there)"
        )
        return
    if not args.skip_quality:
        quality(pairs, args.verbose)
    if not args.skip_scale:
        scale(stored[stored["description"].notna()], args.councils, args.per_council, args.seed)


if __name__ == "__main__":
    main()
