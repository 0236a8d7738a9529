#!/usr/bin/env python
"""Build ``normalise/plan_words.txt``: how often each word is written in other councils' plans.

OCR's misread words are put right from the words a document writes itself
(``normalise/spelling.py``); a two-page scan writes few words three times, so the words of
other councils' published plans back it up.  They come from the labelled edition pairs in
``data/raw/lineage/`` (description and progress text of both editions), **without**
Leicestershire's: every sample scan and held-out scan variant is made from Leicestershire's
documents, so their own words must not be in the list that corrects them.

    python tools/plan_words.py
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

from actionplans.normalise.spelling import mid_sentence_capitals

ROOT = Path(__file__).resolve().parent.parent
LINEAGE = ROOT / "data" / "raw" / "lineage"
OUT = ROOT / "normalise" / "plan_words.txt"
EXCLUDED = ("leicestershire",)  # the councils the benchmarks' scans are made from
WORD = re.compile(r"[A-Za-z]{3,}")
MIN_COUNT = 2  # the least a word must be written to be listed (once may be a typo)


def main() -> None:
    counts: Counter = Counter()
    capitals: Counter = Counter()
    pairs = [p for p in sorted(LINEAGE.iterdir()) if p.is_dir() and not p.name.startswith(EXCLUDED)]
    for pair in pairs:
        for edition in ("old.csv", "new.csv"):
            with (pair / edition).open(encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    for field in ("description", "update_text"):
                        text = row.get(field) or ""
                        counts.update(w.lower() for w in WORD.findall(text))
                        capitals.update(mid_sentence_capitals(text))
    kept = sorted((w, c) for w, c in counts.items() if c >= MIN_COUNT)
    header = (
        "# Words written at least twice in other councils' plans (tools/plan_words.py;\n"
        f"# {len(pairs)} labelled edition pairs, Leicestershire's left out): word, count, and\n"
        "# how often it is written with a capital mid-sentence (after a small word or a comma)\n"
    )
    OUT.write_text(header + "".join(f"{w} {c} {capitals[w]}\n" for w, c in kept), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(kept)} words from {len(pairs)} pairs")


if __name__ == "__main__":
    main()
