"""A second OCR engine's opinion on the words tesseract doubts: RapidOCR (issue 20).

The table reader needs tesseract's word boxes, so tesseract reads the page and
lays it out; RapidOCR (PaddleOCR's PP-OCRv4 recogniser on onnxruntime, its ONNX
models inside the ``rapidocr_onnxruntime`` wheel, nothing downloaded at run time)
only re-reads the words tesseract is unsure of, each word's box cropped from the
straightened colour page:

* every word read with confidence under :data:`DOUBT` (an ID ``Fl.1`` for
  ``F1.1``, ``OM1.1`` for ``DM1.1``), and
* every word in a dark header band read under :data:`BAND_DOUBT` (white
  labels on navy, where tesseract errs most).

When the two engines read the same text, the word keeps it with RapidOCR's
confidence (two engines agreeing: no ``ocr_confidence`` finding for a word
read right).  When they differ, RapidOCR's reading is taken only when it is
confident (:data:`TAKE`), plain text (one word, Latin letters, digits and
punctuation: its model also knows Chinese), about as long as tesseract's, a
code rather than prose (an ID, acronym or value: a digit, or capitals only or
two of them; in prose tesseract's dictionary wins: RapidOCR read ``Obiective``
and ``Proiect`` in a header band), and different in a letter or digit in a way
tesseract is known to err: not in punctuation alone (``2.4``/``2,4``), not by
dropping characters (it drops ``£``, the ``/`` of a URL and closing stops, so
tesseract's stops are kept: :func:`fit`), not by ``I`` for ``l`` alone
(``lvanhoe``), not in the case of a first letter (``s``/``S``,
``Start``/``start``: the crop cannot tell).  Such a word keeps tesseract's low confidence, so the
cell stays an ``ocr_confidence`` finding, and the finding says which engine read what.
Measured in ``bench/ocr_engines.py`` (docs/reading-pdfs.md).

``ACTIONPLANS_OCR_ENGINE``: ``auto`` (default: the second opinion when RapidOCR
is installed, else tesseract alone), ``tesseract`` (tesseract alone) or
``tesseract+rapidocr`` (the same as ``auto``, named).  RapidOCR is the ``ocr``
extra of the package (``pip install 'actionplans[ocr]'``).
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import lru_cache

import numpy as np

from .engine import OcrWord

ENGINE_ENV = "ACTIONPLANS_OCR_ENGINE"
ENGINES = ("auto", "tesseract", "tesseract+rapidocr")
DOUBT = (
    0.8  # a word tesseract reads with less confidence is read again (above it RapidOCR errs more)
)
BAND_DOUBT = 0.9  # in a dark header band, the labels the header test depends on, a higher bar
TAKE = 0.9  # RapidOCR's score needed for its reading to replace tesseract's
# a word box this many times wider than tall is no word (a rule read as 'eee', 2074 by 2 pixels):
# RapidOCR pads each batch of crops to its widest, and one such crop took a 2025 sheet's page
# 17 s and its worker past 1.5 GB
MAX_RATIO = 25
_DEBRIS = "—–-_|~=«»`"  # rule debris at a crop's edge ('ID—' for 'ID' beside a band's rule)
# punctuation at a word's ends, which RapidOCR often leaves out ('county.' -> 'county')
_STOPS = ".,;:'\"()[]"
_PLAIN = set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,:;'\"()[]/&%£€$+-–—_@#!?*"
)


def engine_setting() -> str:
    value = os.environ.get(ENGINE_ENV, "auto").strip().lower() or "auto"
    if value not in ENGINES:
        raise ValueError(f"{ENGINE_ENV} must be one of {', '.join(ENGINES)}, not {value!r}")
    return value


_LOADING = threading.Lock()


def _rapid():
    """RapidOCR's text recogniser, or None when ``rapidocr_onnxruntime`` is not installed.

    Only the recogniser is loaded, as ``RapidOCR()`` configures it: its detector and its
    direction classifier, which ``RapidOCR()`` loads too, are never used here (loading the three
    took a worker 0.5-0.8 s for each scanned document).  Thread-safe: a page's analysis starts
    the loading beside its first OCR pass (:func:`warm`).
    """
    with _LOADING:
        return _recogniser()


@lru_cache(maxsize=1)
def _recogniser():
    try:
        from rapidocr_onnxruntime import RapidOCR  # noqa: PLC0415
    except ImportError:
        return None
    try:
        from rapidocr_onnxruntime.ch_ppocr_rec import (  # type: ignore[import-untyped]  # noqa: PLC0415
            TextRecognizer,
        )
        from rapidocr_onnxruntime.main import (  # type: ignore[import-untyped]  # noqa: PLC0415
            DEFAULT_CFG_PATH,
        )
        from rapidocr_onnxruntime.utils import (  # type: ignore[import-untyped]  # noqa: PLC0415
            UpdateParameters,
            read_yaml,
            update_model_path,
        )

        config = update_model_path(read_yaml(str(DEFAULT_CFG_PATH)))
        # one thread per session: scanned pages are already read two at once.  Named for the
        # recogniser alone (rec_intra_op_num_threads) it was not: RapidOCR copies its global
        # setting (-1, onnxruntime's default: a thread per core) over each model's, so the session
        # ran two threads that waited for each other on a busy machine (119 crops of a photographed
        # page: 8.0 s with them, 4.3-5.2 s with one, the same readings)
        config = UpdateParameters()(config, intra_op_num_threads=1, inter_op_num_threads=1)
        return TextRecognizer(config["Rec"])
    except (ImportError, AttributeError, KeyError, TypeError):  # another RapidOCR's layout
        return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1).text_rec


def warm() -> None:
    """Load the recogniser now (a page's analysis calls this in a side thread)."""
    _rapid()


@lru_cache(maxsize=1)
def rapid_version() -> str | None:
    """RapidOCR's version when it is installed, else None (its models are not loaded for this)."""
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415
    from importlib.util import find_spec  # noqa: PLC0415

    try:
        return (
            version("rapidocr_onnxruntime")
            if find_spec("rapidocr_onnxruntime") is not None
            else None
        )
    except PackageNotFoundError:
        return None


def active_engine() -> str:
    """``tesseract+rapidocr`` when the setting asks for it (or ``auto``) and RapidOCR is installed,
    else ``tesseract``."""
    if engine_setting() == "tesseract":
        return "tesseract"
    return "tesseract+rapidocr" if rapid_version() is not None else "tesseract"


def read_words(crops: list[np.ndarray], threads: int = 1) -> list[tuple[str, float]]:
    """RapidOCR's recogniser on BGR crops of single text lines: (text, score) each.

    ``threads`` > 1 reads the recogniser's batches in that many threads (onnxruntime lets go of
    the GIL).  The batches are the ones one call makes: the crops ordered by their width to
    height, six at a time (each batch is padded to its widest crop, so other batches could read
    a crop differently).
    """
    rec = _rapid()
    if rec is None or not crops:
        return [("", 0.0)] * len(crops)
    size = int(getattr(rec, "rec_batch_num", 0) or 0)
    if threads <= 1 or size <= 0 or len(crops) <= size:
        # stateless over an onnxruntime session: safe from two page threads
        result, _ = rec(crops)
        return [(str(t), float(s)) for t, s in result]
    order = np.argsort(np.array([c.shape[1] / float(c.shape[0]) for c in crops]))
    batches = [[int(i) for i in order[k : k + size]] for k in range(0, len(order), size)]
    out: list[tuple[str, float]] = [("", 0.0)] * len(crops)

    def read(share: list[list[int]]) -> None:
        for batch in share:
            result, _ = rec([crops[i] for i in batch])
            for i, (t, s) in zip(batch, result, strict=True):
                out[i] = (str(t), float(s))

    shares = [batches[k::threads] for k in range(threads)]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(read, shares))
    return out


def _plain(text: str) -> bool:
    return (
        bool(text)
        and " " not in text
        and all(ch in _PLAIN for ch in text)
        and any(ch.isalnum() for ch in text)
    )


def fit(rapid: str, tesseract: str) -> str:
    """RapidOCR's reading with rule debris at its ends taken off, unless tesseract read it too, and
    the stops and brackets at tesseract's word's ends kept ('Lec.' -> 'LCC.', not 'LCC', which the
    normaliser could no longer join to the '3' beside it)."""
    rapid = rapid.strip()
    while rapid and rapid[-1] in _DEBRIS and not tesseract.endswith(rapid[-1]):
        rapid = rapid[:-1]
    while rapid and rapid[0] in _DEBRIS and not tesseract.startswith(rapid[0]):
        rapid = rapid[1:]
    if not rapid:
        return rapid
    head = tesseract[: len(tesseract) - len(tesseract.lstrip(_STOPS))]
    tail = tesseract[len(tesseract.rstrip(_STOPS)) :]
    if head and not any(ch in rapid for ch in head):  # 'F1.1' for 'Fl.' has its stop already
        rapid = head + rapid
    if tail and not any(ch in rapid for ch in tail):
        rapid = rapid + tail
    return rapid


def _key(text: str) -> str:
    """A word's letters and digits, capital I and small l made one (sans-serif fonts draw them
    alike)."""
    return "".join(ch for ch in text if ch.isalnum()).replace("I", "l")


def _dropped(short: str, long: str) -> bool:
    """``short`` is ``long`` with characters left out and nothing else changed."""
    if len(short) >= len(long):
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def _code(rapid: str, tesseract: str) -> bool:
    """An ID, acronym or value (``F1.1``, ``LCC``, ``DfT``, ``S/M``, ``L``), not a word of prose:
    a digit in either reading, or RapidOCR's reading without small letters or with two capitals."""
    if any(ch.isdigit() for ch in rapid + tesseract):
        return True
    return not any(ch.islower() for ch in rapid) or sum(ch.isupper() for ch in rapid) >= 2


def better(rapid: str, tesseract: str) -> bool:
    """Whether RapidOCR's different reading of a doubted word is one to take (the module's
    rules)."""
    if not _code(rapid, tesseract):
        # prose: tesseract reads with an English dictionary, RapidOCR with none ('Obiective')
        return False
    if _key(rapid) == _key(tesseract) or _dropped(rapid, tesseract):
        return False
    if rapid[1:] == tesseract[1:] and rapid[:1].lower() == tesseract[:1].lower():
        # a first letter's case ('Start'/'start', 's'/'S'): the crop has no sentence to tell
        return False
    return abs(len(rapid) - len(tesseract)) <= max(1, len(tesseract) // 3)


def doubted(w: OcrWord, bands: list) -> bool:
    """Whether tesseract's reading of the word is doubtful enough to ask the second engine."""
    if w.conf < DOUBT:
        return True
    xc, yc = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return w.conf < BAND_DOUBT and any(
        b.x0 <= xc <= b.x1 and b.top <= yc <= b.bottom for b in bands
    )


def to_ask(words: list[OcrWord], bands: list) -> list[int]:
    """The indices of the words RapidOCR reads again: doubted (:func:`doubted`), with a letter or
    digit, and shaped like a word (no more than ``MAX_RATIO`` times wider than tall)."""
    return [
        i
        for i, w in enumerate(words)
        if doubted(w, bands)
        and any(ch.isalnum() for ch in w.text)
        and w.x1 - w.x0 <= MAX_RATIO * max(1, w.bottom - w.top)
    ]


def second_opinion(
    rgb: np.ndarray, words: list[OcrWord], bands: list, threads: int = 1
) -> list[OcrWord]:
    """Words tesseract doubts, read again by RapidOCR from the colour page (see the module's
    rules)."""
    asked = to_ask(words, bands)
    if not asked:
        return words
    h, wd = rgb.shape[:2]
    crops = []
    for i in asked:
        w = words[i]
        m = max(3, (w.bottom - w.top) // 4)
        crop = rgb[max(0, w.top - m) : min(h, w.bottom + m), max(0, w.x0 - m) : min(wd, w.x1 + m)]
        crops.append(np.ascontiguousarray(crop[:, :, ::-1]))  # RapidOCR takes BGR, as OpenCV reads
    out = list(words)
    for i, (text, score) in zip(asked, read_words(crops, threads), strict=True):
        w = words[i]
        text = fit(text, w.text)
        if not _plain(text) or score < TAKE:
            continue
        if text == w.text:
            out[i] = replace(w, conf=max(w.conf, round(score, 3)))  # two engines agree
        elif score > w.conf and better(text, w.text):
            out[i] = replace(w, text=text, engine="rapidocr", first=w.text)
    return out
