"""Inferred layout profiles (``--profile auto``) against hand-written ones (issue 10).

Three corpora, each loaded twice through the real ``ingest`` (once with
``profile="auto"``, once with the hand-written profile) and scored against
truth:

* ``data/raw/unseen/``: plans in layouts unlike Leicestershire's, made by
  ``data/raw/unseen/generate.py``, truth in ``*.truth.csv``;
* ``data/raw/samples/``: the seed plans re-typeset as PDFs (truth CSVs);
* ``data/raw/seeds/``: the five text dumps, where the truth is what the
  hand-written profile loads (does inference reproduce it?).

Recall: share of truth actions loaded (matched by plan and ID with a similar
text, else by the most similar text).  Per field: share of truth actions that
have the field whose loaded value is equal (description: similarity >= 95).

    python bench/profile_benchmark.py [--quick]   # --quick skips the re-typeset PDFs
"""

from __future__ import annotations

import csv
import sys
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _compare import FIELDS, score  # noqa: E402

from actionplans import ingest  # noqa: E402
from actionplans.store import Database  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
TARGETS = {"recall": 0.95, "action_id": 0.95, "description": 0.95}
SHOWN = ("recall", *FIELDS)


def load(path: Path, profile: str, meta: dict) -> list[dict]:
    db = Database(":memory:")
    try:
        report = ingest(
            [path],
            db=db,
            profile=profile,
            plan=",".join(meta["plans"]),
            council=meta.get("council"),
            edition=meta.get("edition"),
            progress=False,
            jobs=0,
        )
        if not report.ok:
            print(f"  FAILED {path.name} with {profile}: {report.failed[0].message}")
            return []
        df = db.sql("SELECT * FROM actions ORDER BY source_row").df()
        return df.to_dict("records")
    finally:
        db.close()


def truth_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def line(label: str, s: dict) -> str:
    cells = [f"{label:<44}", f"{s['truth']:>5}", f"{s['loaded']:>6}"]
    cells += [f"{s[k]:>6.1%}" if k in s else f"{'-':>6}" for k in SHOWN]
    return " ".join(cells)


def header() -> str:
    names = {
        "recall": "recall",
        "action_id": "id",
        "description": "descr",
        "theme": "theme",
        "section": "sect",
        "lead": "lead",
        "timescale": "time",
        "target_date": "target",
        "stage": "stage",
        "rag": "rag",
    }
    return " ".join(
        [f"{'document / profile':<44}", f"{'truth':>5}", f"{'loaded':>6}"]
        + [f"{names[k]:>6}" for k in SHOWN]
    )


def pooled(results: list[tuple[list[dict], list[dict]]]) -> dict:
    """Scores over all actions of a corpus (each action counts once)."""
    total: dict = {"truth": 0, "loaded": 0}
    counts: dict[str, list[float]] = {}
    for truth, got in results:
        s = score(truth, got)
        total["truth"] += s["truth"]
        total["loaded"] += s["loaded"]
        for k in ("recall",) + FIELDS:
            if k in s:
                n = (
                    s["truth"]
                    if k == "recall"
                    else sum(1 for t in truth if str(t.get(k) or "").strip())
                )
                counts.setdefault(k, [0.0, 0])
                counts[k][0] += s[k] * n
                counts[k][1] += n
    total.update({k: v[0] / v[1] for k, v in counts.items() if v[1]})
    return total


def corpus(title: str, folder: Path, truth_from_hand: bool = False) -> dict[str, dict]:
    manifest = tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))
    print(f"\n== {title}")
    print(header())
    runs: dict[str, list] = {"auto": [], "hand": []}
    for meta in manifest["document"]:
        path = folder / meta["file"]
        hand_profile = meta.get("hand_profile")
        hand = str(folder / hand_profile) if hand_profile else meta["profile"]
        hand_rows = load(path, hand, meta)
        auto_rows = load(path, "auto", meta)
        truth = hand_rows if truth_from_hand else truth_rows(folder / meta["truth"])
        if not truth_from_hand:
            runs["hand"].append((truth, hand_rows))
            print(line(f"{meta['file'][:30]} hand", score(truth, hand_rows)))
        runs["auto"].append((truth, auto_rows))
        print(line(f"{meta['file'][:30]} auto", score(truth, auto_rows)))
    out = {}
    for label, results in runs.items():
        if results:
            out[label] = pooled(results)
            print(line(f"ALL {label}", out[label]))
    return out


def main() -> int:
    start = time.time()
    unseen = corpus("unseen plans (data/raw/unseen): truth CSVs", RAW / "unseen")
    if "--quick" not in sys.argv and (RAW / "samples" / "manifest.toml").exists():
        corpus("seed plans re-typeset as PDFs (data/raw/samples): truth CSVs", RAW / "samples")
    corpus(
        "seed text dumps (data/raw/seeds): truth = what the hand-written profile loads",
        RAW,
        truth_from_hand=True,
    )
    auto = unseen["auto"]
    verdict = all(auto.get(k, 0) >= v for k, v in TARGETS.items())
    print(
        "\ntargets on unseen plans with --profile auto: "
        + ", ".join(f"{k} {auto.get(k, 0):.1%} (>= {v:.0%})" for k, v in TARGETS.items())
        + f": {'met' if verdict else 'NOT met'}  [{time.time() - start:.0f}s]"
    )
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
