"""splink (Fellegi-Sunter, DuckDB backend) against our scorers, leave one council out (issue 17).

    pip install -e '.[splink]'          # splink is optional, used only here
    python bench/splink_evaluation.py [--verbose] [--no-waterfall]

Only the scorer differs: every scorer gets the same candidate pairs and the
same comparison features (``reconcile.link.candidate_features``), and its
probabilities go through the same assignment (``reconcile.link.link_scored``:
cited pairs, one-to-one ``same`` at p >= 0.5, merges/splits, related).  The
scored frame given to ``link_scored`` has ``score`` = splink's
``match_probability`` and ``base_weight`` = splink's ``match_weight`` (log2
odds), plus the feature columns.

How splink sees our pairs.  Our features are properties of a *pair* (TF-IDF
cosines, containment, a citation), not of a record, so each candidate pair i
becomes one record on each side: the left record carries the old action's
theme, the right one the new action's theme, both carry pair i's features and
``pair_id = i``.  Blocking is ``block_on("pair_id")``, i.e. exactly our
candidate pairs.  Pair features are compared through custom SQL comparison
levels on ``<feature>_l`` (binned at the cut points of our hand levels); the
theme is compared across the two records (``theme_l = theme_r``) with a
term-frequency adjustment (a shared rare theme counts more than a shared
catch-all one; frequencies from the actions, not the pair records).
``splink u`` below: ``estimate_u_using_random_sampling`` draws random
(left, right) record pairs, which with this layout is the feature distribution
over the pair's candidate pairs (93-99 % of them non-matches), i.e. u within
the blocked pairs, which is the u that predicting on blocked pairs needs.

Scorers, every one held out:

- ``splink EM``: u by random sampling, m and the prior by EM on the pair's
  own candidate pairs (unsupervised, no labels at all);
- ``splink EM +context``: the same plus one comparison on the pair's rank
  among its actions' candidates (mutual best / best of one side / neither), the
  context our logistic model also reads (``model.add_context``);
- ``splink m from labels``: m from the *other* councils' labelled matches
  (``estimate_m_from_pairwise_labels``), u by random sampling on the pair,
  the prior by EM with m and u fixed (+context; splink refuses EM with both
  fixed, so that one-parameter EM is done here on splink's match weights);
- ``model (LOCO)``: our logistic model trained on the other councils' pairs
  (``reconcile.labelled.train``), as in ``bench/reconcile_benchmark.py``.

splink 5.0.0's EM can drive an m to exactly 0 and then rejects it; the EM
estimate is floored at splink's own ``M_U_CLAMP_MIN`` (``patch_em_floor``),
which ``--verbose`` lists per pair.

Finally splink's waterfall (``linker.visualisations.waterfall_chart``, whose
data need no altair) for Leicestershire 2023 T18 -> 2025 T6.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from actionplans.reconcile import LinkSettings, evaluate  # noqa: E402
from actionplans.reconcile.evaluate import CONTINUES  # noqa: E402
from actionplans.reconcile.labelled import read_pairs, train  # noqa: E402
from actionplans.reconcile.link import candidate_features, link_scored  # noqa: E402
from actionplans.reconcile.model import add_context  # noqa: E402
from actionplans.reconcile.score import model_scores  # noqa: E402

LINEAGE = ROOT / "data" / "raw" / "lineage"
T18 = ("leics-county-2023-12:T18", "leics-2025-appendix-b:T6")
TARGETS = {"precision": 0.95, "recall_same": 0.90, "new_linked": 1}
SEED = 17

# Pair features binned at the cut points of the hand levels (reconcile/settings.py DEFAULT_LEVELS).
BINS = {
    "desc_cos": [0.55, 0.40, 0.28, 0.18, 0.10],
    "full_cos": [0.45, 0.30, 0.20, 0.10],
    "phrase_cos": [0.15, 0.05, 0.015],
    "containment": [0.6, 0.4, 0.25],
    "lead_overlap": [0.5],
    "partner_overlap": [0.75, 0.4],
}
FLAGS = ["id_same_theme", "mention", "old_completed"]
PAIR_COLUMNS = list(BINS) + FLAGS + ["rank"]


# -- splink model --------------------------------------------------------------------------------


def _binned(col: str, cuts: list[float]) -> dict:
    levels = [
        {
            "sql_condition": f'"{col}_l" IS NULL',
            "label_for_charts": f"{col} unknown",
            "is_null_level": True,
        }
    ]
    levels += [
        {"sql_condition": f'"{col}_l" >= {c}', "label_for_charts": f"{col} >= {c}"} for c in cuts
    ]
    levels.append({"sql_condition": "ELSE", "label_for_charts": f"{col} < {cuts[-1]}"})
    return {
        "output_column_name": col,
        "comparison_description": f"{col}, binned",
        "comparison_levels": levels,
    }


def _flag(col: str) -> dict:
    return {
        "output_column_name": col,
        "comparison_description": col,
        "comparison_levels": [
            {
                "sql_condition": f'"{col}_l" IS NULL',
                "label_for_charts": f"{col} unknown",
                "is_null_level": True,
            },
            {"sql_condition": f'"{col}_l" = 1', "label_for_charts": f"{col}"},
            {"sql_condition": "ELSE", "label_for_charts": f"not {col}"},
        ],
    }


def _theme() -> dict:
    return {
        "output_column_name": "theme",
        "comparison_description": "same theme (tf-adjusted)",
        "comparison_levels": [
            {
                "sql_condition": '"theme_l" IS NULL OR "theme_r" IS NULL',
                "label_for_charts": "theme unknown",
                "is_null_level": True,
            },
            {
                "sql_condition": '"theme_l" = "theme_r"',
                "label_for_charts": "same theme",
                "tf_adjustment_column": "theme",
                "tf_adjustment_weight": 1.0,
            },
            {"sql_condition": "ELSE", "label_for_charts": "other theme"},
        ],
    }


def _rank() -> dict:
    return {
        "output_column_name": "rank",
        "comparison_description": "rank among the actions' candidates",
        "comparison_levels": [
            {"sql_condition": '"rank_l" = 2', "label_for_charts": "mutual best"},
            {"sql_condition": '"rank_l" = 1', "label_for_charts": "best of one side"},
            {"sql_condition": "ELSE", "label_for_charts": "beaten on both sides"},
        ],
    }


def splink_settings(context: bool, prior: float = 0.05, m: dict | None = None) -> dict:
    from splink import block_on

    comparisons = (
        [_binned(c, cuts) for c, cuts in BINS.items()] + [_flag(c) for c in FLAGS] + [_theme()]
    )
    if context:
        comparisons.append(_rank())
    if m:  # m probabilities from a trained model: {(comparison, label): m}
        for comp in comparisons:
            for level in comp["comparison_levels"]:
                key = (comp["output_column_name"], level["label_for_charts"])
                if key in m and not level.get("is_null_level"):
                    level["m_probability"] = m[key]
    return {
        "link_type": "link_only",
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": prior,
        "blocking_rules_to_generate_predictions": [block_on("pair_id")],
        "comparisons": comparisons,
        "retain_intermediate_calculation_columns": True,
        "retain_matching_columns": True,
        "additional_columns_to_retain": ["pair_id"],
    }


def pair_records(old_p: pd.DataFrame, new_p: pd.DataFrame, x: pd.DataFrame, prefix: str = ""):
    """One record per candidate pair on each side (see the module docstring)."""
    o, n = x["o"].to_numpy(), x["n"].to_numpy()
    ids = [f"{prefix}{i}" for i in range(len(x))]
    best_new, best_old = x["best_of_new"].to_numpy(), x["best_of_old"].to_numpy()
    base = pd.DataFrame({"unique_id": ids, "pair_id": ids})
    for col in list(BINS) + FLAGS:
        # NaN -> NULL in DuckDB
        base[col] = pd.array(x[col].to_numpy(dtype="float64"), dtype="Float64")
    base["rank"] = pd.array(
        np.where(
            (best_new > 0) & (best_old > 0), 2, np.where((best_new > 0) | (best_old > 0), 1, 0)
        ),
        dtype="Int64",
    )
    left = base.assign(theme=old_p["theme_key"].to_numpy(dtype=object)[o])
    right = base.assign(theme=new_p["theme_key"].to_numpy(dtype=object)[n])
    return left, right


def theme_tf(old_p: pd.DataFrame, new_p: pd.DataFrame) -> pd.DataFrame:
    """Term frequencies of the (normalised) themes over the actions of both editions."""
    themes = pd.concat([old_p["theme_key"], new_p["theme_key"]]).dropna()
    tf = themes.value_counts(normalize=True)
    return pd.DataFrame({"theme": tf.index.astype(str), "tf_theme": tf.to_numpy()})


def make_linker(left, right, settings: dict, tf: pd.DataFrame):
    from splink import DuckDBAPI, Linker

    db = DuckDBAPI()
    l_sdf = db.register(left, dataset_display_name="old")
    r_sdf = db.register(right, dataset_display_name="new")
    linker = Linker([l_sdf, r_sdf], settings, log_level=None)
    linker.table_management.register_term_frequency_lookup(db.register(tf), "theme")
    return linker, db


def trained_m(linker) -> dict:
    """{(comparison, level label): m} from a linker's current model."""
    out = {}
    for comp in linker.misc.save_model_to_json()["comparisons"]:
        for level in comp["comparison_levels"]:
            if isinstance(level.get("m_probability"), float):
                out[(comp["output_column_name"], level["label_for_charts"])] = level[
                    "m_probability"
                ]
    return out


def splink_scored(linker, x: pd.DataFrame) -> pd.DataFrame:
    """Predict on the blocked pairs; the scored frame ``link_scored`` takes."""
    pred = linker.inference.predict().as_pandas_dataframe()
    pred["i"] = pred["unique_id_l"].astype(str).str.rsplit(":", n=1).str[-1].astype(int)
    pred = pred.set_index("i").reindex(range(len(x)))
    out = x.copy()
    weight = pred["match_weight"].to_numpy(dtype="float64")
    out["base_weight"] = weight
    out["match_weight"] = weight
    out["score"] = pred["match_probability"].to_numpy(dtype="float64")
    return out


def run_em(old_p, new_p, x, context: bool):
    from splink import block_on

    left, right = pair_records(old_p, new_p, x)
    linker, _ = make_linker(left, right, splink_settings(context), theme_tf(old_p, new_p))
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=SEED)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("pair_id"), populate_probability_two_random_records_match_from_trained_values=True
    )
    return linker


def run_m_from_labels(old_p, new_p, x, training: list[tuple]):
    """m from the other councils' labelled matches; u by random sampling here; the prior by EM (m, u
    fixed)."""
    lefts, rights, labels = [], [], []
    for k, (o_p, n_p, xt, y) in enumerate(training):
        left, right = pair_records(o_p, n_p, xt, prefix=f"t{k}:")
        lefts.append(left)
        rights.append(right)
        ids = left["unique_id"].to_numpy()[y > 0]
        labels.append(
            pd.DataFrame(
                {
                    "source_dataset_l": "old",
                    "unique_id_l": ids,
                    "source_dataset_r": "new",
                    "unique_id_r": ids,
                }
            )
        )
    tf = theme_tf(pd.concat([t[0] for t in training]), pd.concat([t[1] for t in training]))
    trainer, db = make_linker(
        pd.concat(lefts, ignore_index=True),
        pd.concat(rights, ignore_index=True),
        splink_settings(True),
        tf,
    )
    trainer.training.estimate_m_from_pairwise_labels(
        db.register(pd.concat(labels, ignore_index=True))
    )
    m = trained_m(trainer)
    left, right = pair_records(old_p, new_p, x)
    linker, _ = make_linker(left, right, splink_settings(True, m=m), theme_tf(old_p, new_p))
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=SEED)
    # EM for the prior alone (splink refuses EM with both m and u fixed): iterate lambda = mean
    # posterior.
    pred = linker.inference.predict().as_pandas_dataframe()
    lam0 = prior_of(linker)
    log2_bf = pred["match_weight"].to_numpy(dtype="float64") - np.log2(lam0 / (1 - lam0))
    lam = lam0
    for _ in range(200):
        odds = np.exp2(np.clip(log2_bf + np.log2(lam / (1 - lam)), -1000, 1000))
        new_lam = float(np.clip(np.mean(odds / (1 + odds)), 1e-6, 0.5))
        if abs(new_lam - lam) < 1e-9:
            break
        lam = new_lam
    model = linker.misc.save_model_to_json()
    model["probability_two_random_records_match"] = lam
    linker, _ = make_linker(left, right, model, theme_tf(old_p, new_p))
    return linker


CLAMPED: list[str] = []  # levels whose EM estimate hit 0 (reported with --verbose)


def patch_em_floor() -> None:
    """splink 5.0.0's EM step can produce m = 0.0 for a level no likely match falls in, and then
    refuses it (``m_probability value 0.0 is below the minimum allowed value of 1e-300``).  splink
    already floors m and u at ``M_U_CLAMP_MIN`` when it turns them into a Bayes factor; apply the
    same floor to the EM estimate first.
    """
    from splink.internals import expectation_maximisation as em
    from splink.internals.comparison_level import M_U_CLAMP_MIN

    original = em.populate_m_u_from_lookup
    if getattr(original, "_floored", False):
        return

    def floored(fixed, cl, name, lookup):
        rec = lookup.get(name, {}).get(cl.comparison_vector_value)
        if rec:
            for key in ("m_probability", "u_probability"):
                value = rec.get(key)
                if isinstance(value, float) and value < M_U_CLAMP_MIN:
                    rec[key] = M_U_CLAMP_MIN
                    CLAMPED.append(f"{name}: {cl.label_for_charts} ({key[0]})")
        return original(fixed, cl, name, lookup)

    floored._floored = True
    em.populate_m_u_from_lookup = floored


def prior_of(linker) -> float:
    return float(linker._settings_obj._probability_two_random_records_match)


# -- evaluation ----------------------------------------------------------------------------------

HEADER = (
    f"{'pair':<30} {'scorer':<26} {'P cont':>6} {'R same':>6} {'R cont':>6} {'merges':>6}"
    f" {'splits':>6} {'new->linked':>11} {'drop->linked':>12}  target"
)


def met(e) -> bool:
    return (
        e.cont_precision >= TARGETS["precision"]
        and e.same_recall >= TARGETS["recall_same"]
        and len(e.new_wrongly_linked) <= TARGETS["new_linked"]
    )


def row(pair, name: str, e, extra: str = "") -> str:
    return (
        f"{pair.name:<30} {name:<26} {e.cont_precision:6.2f} {e.same_recall:6.2f}"
        f" {e.cont_recall:6.2f} {e.merges_found:>3}/{e.merges_labelled:<2}"
        f" {e.splits_found:>3}/{e.splits_labelled:<2}"
        f" {len(e.new_wrongly_linked):>5}/{len(pair.labels.new):<5}"
        f" {len(e.dropped_wrongly_linked):>6}       {'met' if met(e) else 'NOT met'}{extra}"
    )


def labelled_y(pair, old_p, new_p, x) -> np.ndarray:
    """1 where the crosswalk links the candidate pair (same/merged/split), else 0 (for m from
    labels)."""
    src = old_p["key"].to_numpy()[x["o"].to_numpy()]
    dst = new_p["key"].to_numpy()[x["n"].to_numpy()]
    return np.array(
        [pair.labels.pairs.get((s, d)) in CONTINUES for s, d in zip(src, dst, strict=True)],
        dtype=float,
    )


def _calibration(p: np.ndarray, y: np.ndarray) -> list[float]:
    """labelled matches, pairs at p >= 0.5 and >= 0.99, sum of p, total log loss, pairs."""
    q = np.clip(np.nan_to_num(p, nan=0.0), 1e-9, 1 - 1e-9)
    loss = -np.sum(y * np.log(q) + (1 - y) * np.log(1 - q))
    return [y.sum(), (q >= 0.5).sum(), (q >= 0.99).sum(), q.sum(), loss, len(q)]


def t18_note(pair, e) -> str:
    if T18[0] not in pair.labels.sources:
        return ""
    return f"  T18->T6 {'found' if e.found(*T18) and T18 in pair.labels.pairs else 'MISSED'}"


def waterfall(linker, old_p, new_p, x) -> None:
    keys = list(
        zip(
            old_p["key"].to_numpy()[x["o"].to_numpy()],
            new_p["key"].to_numpy()[x["n"].to_numpy()],
            strict=True,
        )
    )
    if T18 not in keys:
        print("   T18 -> T6 is not a candidate pair: no waterfall")
        return
    i = keys.index(T18)
    pred = linker.inference.predict().as_pandas_dataframe()
    recs = pred[pred["unique_id_l"].astype(str) == str(i)].to_dict("records")
    chart = linker.visualisations.waterfall_chart(recs, filter_nulls=False)
    print(
        "\n== splink waterfall (splink EM +context, fitted on the Leicestershire pair itself):"
        f" {T18[0]} -> {T18[1]}"
    )
    print(f"   {'comparison':<16} {'level':<26} {'value':>7} {'m':>7} {'u':>7} {'log2 BF':>8}")
    for r in chart.chart_data:
        value = r.get("value_l")
        value = (
            f"{value:.3f}" if isinstance(value, float) else str(value if value is not None else "")
        )
        m = f"{r['m_probability']:.3f}" if isinstance(r.get("m_probability"), float) else ""
        u = f"{r['u_probability']:.3f}" if isinstance(r.get("u_probability"), float) else ""
        print(
            f"   {r['column_name']:<16} {str(r['label_for_charts'])[:26]:<26} {value[:7]:>7} {m:>7}"
            f" {u:>7} {r['log2_bayes_factor']:>8.2f}"
        )
    prob = recs[0]["match_probability"]
    print(
        f"   match probability {prob:.3f}  (splink's waterfall_chart works on a list of predicted"
        " pair records; drawing it needs altair, these are its data)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--verbose", action="store_true", help="per pair: the prior each splink model settled on"
    )
    ap.add_argument("--no-waterfall", action="store_true")
    args = ap.parse_args()
    logging.getLogger("splink").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore")
    # load_stored ingests the bundled documents (the Leicestershire pair)
    import splink
    from reconcile_benchmark import load_stored

    patch_em_floor()

    with tempfile.TemporaryDirectory() as tmp:
        stored = load_stored(Path(tmp) / "bench.duckdb")
    pairs = read_pairs(LINEAGE, stored)
    settings = LinkSettings()
    prepared = {}
    for p in pairs:
        old_p, new_p, feats, tok = candidate_features(p.old, p.new, settings)
        x = add_context(feats)
        prepared[p.name] = (old_p, new_p, x, tok, labelled_y(p, old_p, new_p, x))
    print(
        f"== splink {splink.__version__} (DuckDB) against our scorers, leave one council out:"
        f" {len(pairs)} pairs, {len({p.council for p in pairs})} councils; same candidate pairs,"
        " features and assignment for every scorer"
    )
    print(HEADER)
    results: dict[str, list] = {}
    calibration: dict[str, list] = {}
    leics_linker = None
    for pair in pairs:
        old_p, new_p, x, tok, _ = prepared[pair.name]
        others = [p for p in pairs if p.council != pair.council]
        runs = []
        t0 = time.perf_counter()
        em = run_em(old_p, new_p, x, context=False)
        runs.append(("splink EM", em))
        em_ctx = run_em(old_p, new_p, x, context=True)
        runs.append(("splink EM +context", em_ctx))
        training = [prepared[p.name][:3] + (prepared[p.name][4],) for p in others]
        runs.append(("splink m from labels(LOCO)", run_m_from_labels(old_p, new_p, x, training)))
        secs = time.perf_counter() - t0
        clamped = sorted(set(CLAMPED))
        CLAMPED.clear()
        y = prepared[pair.name][4]
        for name, linker in runs:
            scored = splink_scored(linker, x)
            calibration.setdefault(name, []).append(_calibration(scored["score"].to_numpy(), y))
            links = link_scored(old_p, new_p, scored, tok, settings).links
            e = evaluate(links, pair.labels)
            results.setdefault(name, []).append(e)
            print(
                row(
                    pair,
                    name,
                    e,
                    t18_note(pair, e) + (f"  prior {prior_of(linker):.3f}" if args.verbose else ""),
                )
            )
        model = train(others)
        scored = model_scores(x, model)
        calibration.setdefault("model (LOCO)", []).append(
            _calibration(scored["score"].to_numpy(), y)
        )
        e = evaluate(link_scored(old_p, new_p, scored, tok, settings).links, pair.labels)
        results.setdefault("model (LOCO)", []).append(e)
        print(row(pair, "model (LOCO)", e, t18_note(pair, e)))
        if args.verbose:
            print(
                f"   ({secs:.1f} s for the three splink models; EM floored at 1e-300:"
                f" {', '.join(clamped) or 'none'})"
            )
        if T18[0] in pair.labels.sources:
            leics_linker = (em_ctx, old_p, new_p, x)
    print("\n== summary over the pairs (means; counts summed)")
    print(
        f"   {'scorer':<26} {'P cont':>6} {'R same':>6} {'R cont':>6} {'merges':>7} {'splits':>7}"
        f" {'new->linked':>11} {'drop->linked':>12} {'targets met':>11}"
    )
    for name, es in results.items():
        print(
            f"   {name:<26} {np.mean([e.cont_precision for e in es]):6.3f}"
            f" {np.mean([e.same_recall for e in es]):6.3f}"
            f" {np.mean([e.cont_recall for e in es]):6.3f}"
            f" {sum(e.merges_found for e in es):>3}/{sum(e.merges_labelled for e in es):<3}"
            f" {sum(e.splits_found for e in es):>3}/{sum(e.splits_labelled for e in es):<3}"
            f" {sum(len(e.new_wrongly_linked) for e in es):>5}"
            f"/{sum(len(p.labels.new) for p in pairs):<5}"
            f" {sum(len(e.dropped_wrongly_linked) for e in es):>12}"
            f" {sum(met(e) for e in es):>7}/{len(es)}"
        )
    print("   targets per pair: P cont >= 0.95, R same >= 0.90, <= 1 new action linked")
    print(
        "\n== calibration over all candidate pairs: labelled continuation pairs (same/merged/split;"
        " `related` and unlabelled pairs count as non-matches) vs what each scorer's"
        " probabilities say"
    )
    print(
        f"   {'scorer':<26} {'labelled':>8} {'p >= 0.5':>8} {'p >= 0.99':>9} {'sum of p':>8}"
        f" {'log loss':>8}"
    )
    for name, cs in calibration.items():
        c = np.array(cs).sum(axis=0)
        print(
            f"   {name:<26} {c[0]:>8.0f} {c[1]:>8.0f} {c[2]:>9.0f} {c[3]:>8.1f} {c[4] / c[5]:>8.3f}"
        )
    if leics_linker is not None and not args.no_waterfall:
        waterfall(*leics_linker)


if __name__ == "__main__":
    main()
