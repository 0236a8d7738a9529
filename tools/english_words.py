#!/usr/bin/env python
"""Build ``normalise/english_words.txt.gz`` and ``normalise/short_english_words.txt.gz``: the
English words tesseract's dictionary knows, of seven letters or more and of three to six.

A long OCR-read word with one letter misread is put right when one word fits
(``normalise/spelling.py``), but only if the word as read is no English word: ``product`` is
not to become ``produce`` because the document writes ``produce`` three times.  The words come
from the word list inside tesseract's own English model (``eng.traineddata``, Apache-2.0),
unpacked with ``combine_tessdata`` and ``dawg2wordlist`` (both in Debian's ``tesseract-ocr``):
lower-cased, letters only, seven letters or more (the rule touches no shorter word).  The short
words keep other plans' words from overruling an English one (``forms`` is no misread ``farms``).

    python tools/english_words.py
"""

from __future__ import annotations

import gzip
import re
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "normalise" / "english_words.txt.gz"
SHORT_OUT = ROOT / "normalise" / "short_english_words.txt.gz"
MIN_LENGTH = 7  # normalise.spelling.MIN_LONG
MIN_SHORT = 3  # a word of one or two letters is no evidence either way


def tessdata() -> Path:
    """The folder of the installed tesseract's models (``tesseract --list-langs`` names it)."""
    listing = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, check=True
    ).stdout
    m = re.search(r'"([^"]+)"', listing)
    if not m:
        raise SystemExit(f"english_words: cannot find tessdata in {listing[:200]!r}")
    return Path(m.group(1))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "eng.traineddata"
        model.write_bytes((tessdata() / "eng.traineddata").read_bytes())
        subprocess.run(
            ["combine_tessdata", "-u", str(model), f"{tmp}/eng."], check=True, capture_output=True
        )
        listed = Path(tmp) / "words.txt"
        subprocess.run(
            [
                "dawg2wordlist",
                f"{tmp}/eng.lstm-unicharset",
                f"{tmp}/eng.lstm-word-dawg",
                str(listed),
            ],
            check=True,
            capture_output=True,
        )
        words = {w.lower() for w in listed.read_text("utf-8").split()}
    letters = {w for w in words if re.fullmatch("[a-z]+", w)}
    _write(OUT, sorted(w for w in letters if len(w) >= MIN_LENGTH))
    _write(SHORT_OUT, sorted(w for w in letters if MIN_SHORT <= len(w) < MIN_LENGTH))


def _write(path: Path, words: list[str]) -> None:
    # mtime=0: the same words give the same bytes
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(("\n".join(words) + "\n").encode("utf-8"))
    print(f"{path.relative_to(ROOT)}: {len(words)} words")


if __name__ == "__main__":
    main()
