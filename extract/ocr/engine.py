"""The OCR engine: tesseract, run as a command, its TSV output read back as word boxes.

Tesseract (Debian's ``tesseract-ocr`` with ``tesseract-ocr-eng``) is called
once per page with ``--psm 11`` (sparse text: every word found wherever it
stands, which suits table cells holding one letter) on an image already
cleaned by :mod:`.image`.  Nothing is downloaded at run time.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

from ..errors import ExtractError


class OCRUnavailable(ExtractError):
    """The tesseract command is not installed."""


@dataclass(frozen=True)
class OcrWord:
    """One word the engine read, in pixels of the cleaned image."""

    x0: int
    top: int
    x1: int
    bottom: int
    text: str
    conf: float  # 0..1
    line: tuple[int, int, int]  # (block, paragraph, line) as the engine grouped it


@lru_cache(maxsize=1)
def tesseract_version() -> str | None:
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    first = (out.stdout or out.stderr).splitlines()[:1]
    return first[0].split()[-1] if first else "unknown"


def ocr_words(image: np.ndarray, dpi: int, psm: int = 11, timeout: float = 120) -> list[OcrWord]:
    """Words with boxes and confidence from a grey image (dark text on white)."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise OCRUnavailable("OCR needs tesseract: apt-get install tesseract-ocr tesseract-ocr-eng (or --ocr never)")
    ok, png = cv2.imencode(".png", image)
    if not ok:
        raise ExtractError("OCR: the page image could not be encoded")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # pages run in parallel; one thread each
    proc = subprocess.run(
        [exe, "stdin", "stdout", "--dpi", str(dpi), "--psm", str(psm), "-l", "eng",
         "-c", "tessedit_do_invert=0", "tsv"],  # no second pass for white-on-dark text: bands are inverted before,
        input=png.tobytes(), capture_output=True, timeout=timeout, env=env,
    )
    if proc.returncode != 0:
        raise ExtractError(f"OCR: tesseract failed ({proc.stderr.decode(errors='replace').strip()[:120]})")
    return parse_tsv(proc.stdout.decode("utf-8", errors="replace"))


def parse_tsv(text: str) -> list[OcrWord]:
    words = []
    for row in csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5":
            continue
        word = (row.get("text") or "").strip()
        if not word:
            continue
        x, y, w, h = (int(row[k]) for k in ("left", "top", "width", "height"))
        conf = max(0.0, float(row.get("conf") or 0)) / 100
        words.append(OcrWord(x, y, x + w, y + h, word, conf,
                             (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))))
    return words
