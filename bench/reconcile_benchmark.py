"""Reconcile benchmark: quality on the hand labels, beside a plain baseline, and time/memory at scale.

    python bench/reconcile_benchmark.py [--councils 200] [--per-council 100] [--seed 0]

1. Quality: the bundled 2023 plans -> the 2025 document, judged against
   data/labels/links-transport-buildings.csv (Transport and Buildings; the
   development set: the thresholds were set by reading these pairs, so these
   are not held-out figures).  The baseline links each old action to its best
   new action by rapidfuzz token_set_ratio (our normaliser as processor) when
   the ratio reaches a cutoff.
2. Scale: two synthetic editions of councils x per-council actions (20,000
   each by default) made by perturbing the real actions: reworded, renumbered,
   merged, split, dropped, and new ones added.  Reports time, candidate pairs
   against all pairs, peak memory, and the synthetic ground truth's precision
   and recall.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actionplans.reconcile import Labels, evaluate, link_actions, normalise_text  # noqa: E402

import actionplans  # noqa: E402
from actionplans.store import Database  # noqa: E402

LABELS = ROOT / "data" / "labels" / "links-transport-buildings.csv"
OLD_DOCS = ("leics-council-2023-12", "leics-county-2023-12")
NEW_DOC = "leics-2025-appendix-b"


def load_real(db_path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    actionplans.ingest([ROOT / "data" / "raw"], db=db_path, progress=False)
    db = Database(db_path, read_only=True)
    try:
        old = db.sql("SELECT * FROM actions WHERE doc_id IN (?, ?) ORDER BY doc_id, source_row", list(OLD_DOCS)).df()
        new = db.sql("SELECT * FROM actions WHERE doc_id = ? ORDER BY source_row", [NEW_DOC]).df()
        every = db.sql("SELECT * FROM actions WHERE description IS NOT NULL").df()
    finally:
        db.close()
    return old, new, every


def baseline(old: pd.DataFrame, new: pd.DataFrame, cutoff: float) -> pd.DataFrame:
    """Each old action -> its best new action by token_set_ratio, kept when >= cutoff."""
    choices = new["description"].fillna("").tolist()
    rows = []
    for o in old.itertuples(index=False):
        best = process.extractOne(o.description or "", choices, scorer=fuzz.token_set_ratio, processor=normalise_text)
        if best and best[1] >= cutoff:
            n = new.iloc[best[2]]
            rows.append((o.doc_id, o.action_id, n.doc_id, n.action_id, "same", best[1] / 100, "baseline", ""))
    return pd.DataFrame(rows, columns=["from_doc_id", "from_action_id", "to_doc_id", "to_action_id", "relation",
                                       "score", "method", "evidence"])


def line(name: str, e) -> str:
    t18 = "yes" if e.found("leics-county-2023-12:T18", "leics-2025-appendix-b:T6") else "no"
    return (f"{name:<34} {e.same_precision:9.2f} {e.same_recall:6.2f} {e.same_tp:3d}/{e.same_predicted:<3d}"
            f" {e.cont_precision:9.2f} {e.cont_recall:6.2f}   {e.merges_found}/{e.merges_labelled}"
            f"    {e.splits_found}/{e.splits_labelled}     {len(e.new_wrongly_linked):3d}   "
            f"{len(e.dropped_wrongly_linked):3d}     {t18}")


def quality(old: pd.DataFrame, new: pd.DataFrame) -> None:
    labels = Labels.read(LABELS)
    n_same = sum(v == "same" for v in labels.pairs.values())
    print(f"== quality: 2023 -> 2025, hand labels {LABELS.relative_to(ROOT)} (development set)")
    print(f"   labelled: {len(labels.sources)} old actions, {len(labels.targets)} new actions; {n_same} same, "
          f"{len(labels.groups('merged'))} merges ({sum(v == 'merged' for v in labels.pairs.values())} links), "
          f"{len(labels.groups('split'))} splits, {len(labels.new)} new, {len(labels.dropped)} dropped")
    print(f"{'':34} {'same: P':>9} {'R':>6} {'tp/pred':>7} {'any cont: P':>9} {'R':>6} merges splits new-linked drop-linked T18->T6")
    t0 = time.perf_counter()
    ours = link_actions(old, new)
    elapsed = time.perf_counter() - t0
    e = evaluate(ours.links, labels)
    print(line("actionplans reconcile", e))
    for cutoff in (90, 80, 70, 60):
        print(line(f"baseline token_set_ratio >= {cutoff}", evaluate(baseline(old, new, cutoff), labels)))
    from dataclasses import replace

    from actionplans.reconcile import LinkSettings

    base = LinkSettings()
    for name, value in (("match_threshold", 0.3), ("match_threshold", 0.7), ("merge_novelty", 0.08),
                        ("merge_novelty", 0.16), ("merge_min_weight", 1.0)):
        varied = replace(base, **{name: value})
        print(line(f"  sensitivity: {name}={value}", evaluate(link_actions(old, new, varied).links, labels)))
    print("   same: relation and pair both right; any cont: pair right, same/merged/split not distinguished")
    print(f"   defaults: match_threshold={base.match_threshold}, merge_novelty={base.merge_novelty}, "
          f"merge_min_weight={base.merge_min_weight}")
    print(f"   ours: {len(ours.scored)} candidate pairs of {len(old) * len(new)}, {elapsed:.2f} s")
    if e.false_links:
        print("   ours, wrong links: " + "; ".join(e.false_links))
    if e.missed_links:
        print("   ours, missed: " + "; ".join(e.missed_links))


# -- synthetic editions ---------------------------------------------------------------------------

SWAPS = {"deliver": "implement", "develop": "prepare", "support": "help", "explore": "investigate",
         "work": "collaborate", "increase": "grow", "provide": "offer", "continue": "keep", "reduce": "cut",
         "partners": "stakeholders", "strategy": "plan", "opportunities": "options", "council": "authority"}


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
        out.append(rng.choice(["as resources allow.", "across the county.", "with district partners.",
                               "subject to funding."]))
    return " ".join(out)


def synthetic(pool: pd.DataFrame, councils: int, per: int, seed: int):
    """Old and new editions (frames) plus the true continuation pairs {(old_key, new_key): relation}."""
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
            r.update(doc_id=old_doc, council=council, plan="county", edition="2023-12", action_id=f"A{k + 1}",
                     source_row=k, description=f"{r['description']} ({place} project {rng.randrange(1000)})")
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
                text = reword(src["description"], rng) + " Also: " + reword(other["description"], rng)
                new_rows.append((dict(src, description=text), [(k, "merged"), (order[i + 1], "merged")]))
                i += 2
                continue
            if fate < 0.28:  # split in two
                words = src["description"].split()
                half = max(3, len(words) // 2)
                new_rows.append((dict(src, description=reword(" ".join(words[:half]), rng)), [(k, "split")]))
                new_rows.append((dict(src, description=reword(" ".join(words[half:]), rng) + f" {place}"),
                                 [(k, "split")]))
                i += 1
                continue
            new_rows.append((dict(src, description=reword(src["description"], rng)), [(k, "same")]))
            i += 1
        for r in spare[: per // 10]:  # new actions
            new_rows.append((dict(r, description=f"{r['description']} ({place})"), []))
        rng.shuffle(new_rows)
        for j, (r, sources) in enumerate(new_rows):
            r.update(doc_id=new_doc, council=council, plan="county", edition="2025-04", action_id=f"N{j + 1}",
                     source_row=j, update_text=None)
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
        write_links(db, LinkRun("bench", None, now_utc(), "{}", "[]", None, len(res.scored), len(res.links), "bench"),
                    [], [], res.links, pd.DataFrame())
        write_s = time.perf_counter() - t1
        db.close()
    queue.put((wall, cpu, write_s, len(res.scored), res.links))


def scale(pool: pd.DataFrame, councils: int, per: int, seed: int) -> None:
    import multiprocessing as mp

    old, new, truth = synthetic(pool, councils, per, seed)
    print(f"\n== scale: two synthetic editions, {len(old):,} and {len(new):,} actions "
          f"({councils} councils x ~{per}); perturbed real actions")
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_link_in_child, args=(old, new, queue))
    child.start()
    wall, cpu, write_s, pairs, links = queue.get()
    child.join()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    pred = {(f"{r.from_doc_id}:{r.from_action_id}", f"{r.to_doc_id}:{r.to_action_id}"): r.relation
            for r in links.itertuples(index=False) if r.relation in ("same", "merged", "split")}
    tp = sum(1 for k in pred if k in truth)
    rel_ok = sum(1 for k, v in pred.items() if truth.get(k) == v)
    within = sum(len(o) * len(n) for (_, o), (_, n) in zip(old.groupby("doc_id"), new.groupby("doc_id"), strict=True))
    print(f"   time: {wall:.1f} s wall, {cpu:.1f} s CPU to link; {write_s:.1f} s to write {len(links):,} links")
    print(f"   candidate pairs: {pairs:,} (all pairs: {len(old) * len(new):,}; all pairs within councils: {within:,})")
    print(f"   peak memory (RSS of the linking process): {peak_mb:.0f} MB, of which {before_mb:.0f} MB were the "
          "benchmark's own (data, libraries) when it forked")
    print(f"   synthetic truth: continuation links P {tp / max(len(pred), 1):.3f} R {tp / max(len(truth), 1):.3f}; "
          f"relation right on {rel_ok:,} of {tp:,} found")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--councils", type=int, default=200)
    ap.add_argument("--per-council", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip-scale", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old, new, every = load_real(Path(tmp) / "bench.duckdb")
    quality(old, new)
    if not args.skip_scale:
        scale(every, args.councils, args.per_council, args.seed)


if __name__ == "__main__":
    main()
