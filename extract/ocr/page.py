"""One scanned page read by OCR into the same :class:`PageResult` the born-digital reader makes.

The page image is rendered, straightened and searched for rules and fills;
the OCR words become pdfplumber-like characters, the rules edges and the
fills :class:`Fill` records, and the born-digital reader's table steps
(``extract/pdf``: ruled tables, whitespace tables, header test, cell colours)
read them.  So
a scan and a text PDF of the same plan go through the same table logic and
the normaliser sees the same records; only the cells also carry an OCR
confidence.  Short cells that the page-wide OCR pass drops (a lone ``L`` or
``Ask``) are read again in a second pass over a strip of their crops.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, replace
from pathlib import Path

import cv2
import numpy as np

from ..pdf.graphics import Fill, edge, near_white
from ..pdf.page import layout_page
from ..pdf.records import Fragment, PageResult
from ..records import Note, RawCell
from . import image as im
from .engine import (
    OcrWord,
    ocr_batch,
    ocr_words,
    ocr_words_parallel,
    tesseract_version,
    upright_turn,
)
from .headerless import column_bounds, recognise
from .second import active_engine, rapid_version, second_opinion
from .second import warm as warm_rapid

# OCR resolution: tesseract's sweet spot for 7-10 pt text (README)
DPI = int(os.environ.get("ACTIONPLANS_OCR_DPI", "200"))
# Bands the page-wide pass is cut into, one tesseract process each: 2 reads a page about 25% faster
# on 2 cores but loses words at the cuts (README, Scanned plans); 1 until the cuts are smarter.
FIRST_PASS_BANDS = 1
_CORES = os.cpu_count() or 1
STRIP = 16  # crops per second-pass image: tesseract drops lines from much taller strips
LOW_CONFIDENCE = 0.6  # a cell read with less than this becomes an ``ocr_confidence`` finding
BAND_SPECK = (
    0.3  # a word read in a header band with less confidence than this is noise, not a label
)
# a label the band's own reading alone found is added, when that reading is set aside as the
# weaker one, read with at least this confidence
BAND_ONLY = 0.8
SECOND_PASS_SPECK = 0.1  # a second-pass reading with less confidence is a descender or a speck
# ink a blob left unread must hold to be read again, as a share of a square 1/40 inch on a side: a
# thin 'L' at 7 pt after JPEG-50 blocking keeps 21-22 pixels of that square's 25 at 200 dpi
BLOB_MIN_INK = 0.6
ALONE_MAX = 12  # blobs per page a strip left unread that are read again one by one
STROKE_CONFIDENCE = 0.3  # a lone stroke read by its shape, not by the engine: always a finding
# a sparse-pass word under this confidence has its line read again as a block; 0.9 and 0.96 read
# worse descriptions on the sample scans (the vote is only as good as the lines it is given)
BLOCK_DOUBT = 0.93
# a blob of text is this tall, in inches: 3.5-18 pt
_TEXT_HEIGHT = (1 / 30, 1 / 4)
# a box holding a letter or digit is at least this tall, in inches: half the smallest text; a
# flatter one is the engine reading a band's edge or a rule as a word
_LETTER_MIN_HEIGHT = _TEXT_HEIGHT[0] / 2
MIN_INK = 0.04  # share of a word box that is ink, below which the box lies over blank paper
# unread ink beside words read, this many times as wide as their line is tall, is a word left
# unread, and the line is read again whole (``_mend_fragments``)
MEND_WORD_WIDTH = 2.0
INK_LEVEL = 128  # a cleaned page's pixel darker than this is ink ...
INK_MARGIN = 15  # ... or, on a page of light letters, under this much over their level
# Scanned pages analysed at once: tesseract's library and onnxruntime let go of the GIL, so a
# second page keeps the second core busy while the first is laid out (README, Scanned plans)
PAGES_AT_ONCE = max(1, min(2, os.cpu_count() or 1))
# Cores this process may read pages on (a PagePrefetch of n pages at once: n), and the pages
# being analysed now: a core that no page is using is lent to the RapidOCR stage of the others
_budget = 1
_active = 0
_active_lock = threading.Lock()
CACHE_ENV = "ACTIONPLANS_OCR_CACHE"
CACHE_VERSION = "ocr-39"  # 5: photographed sheets squared up first; 6: greyscale pages said so;
# 7: the block pass reads only doubted lines; words and letters in strips of their own;
# 8: a light fill's edge stripe whitened as far in as the background window reaches; two-line
# boxes keep the line no other word stands on; 9: strips thresholded by tiles, fragments mended;
# 10: mid-dark bands joined, faint rules bridged, rules along fills, a photo's ink to black;
# 11: a photo cropped to its sheet known by its uneven light; 12: light rules in a band are thin,
# thin blobs read again; 13: faint rules (a light grey grid softened by a scan) found;
# 14: a greyscale scan's cell fills, dark ones too, split where their grey level changes;
# 15: word boxes cut to their ink (a box stretched over blank paper or a band edge's dash);
# 16: pale fills stacked without a rule split where their colour steps 20 levels; faint column
# rules broken by noise found by how much of each inch they fill; a band keeps a dark cell under
# it apart; word boxes cut to their ink from a fifth of a line's blank; 17: a page of light
# letters keeps its words as ink; 18: a band label both band readings agree on is kept whatever
# its confidence; 19: a dark fill too hollow to be one split into a band and the cell under it;
# 20: an agreed band label takes the better reading's confidence; 21: and is not weighed when the
# band's reading is set against the page-wide pass's; a lone letter only the band's sparse reading
# finds is dropped; 22: pale fills split where their colour steps 14 levels (Excel's pale red over
# its pale amber); 23: a word box 25 times wider than tall is not read again by RapidOCR;
# 24: a light fill too hollow to be one yields its colourful parts of another colour (RAG cells);
# 25: ... colourful from a channel spread of 25, not 40 (Excel's pale green cell scans at 29);
# 26: ... and on a greyscale scan its parts 30 grey levels from its own; 27: a page scanned
# sideways or upside down is read turned upright (its analysis says by how much: ``turn``);
# 28: a page of faded ink darkened back first; 29: skew measured up to 7 degrees, not 2.5;
# 30: a page speckled all over despeckled first (its analysis says so: ``despeckled``);
# 31: a page out of focus read sharpened (``sharpened``); 32: a soft phone photo's text read
# sharpened (``photo_sharpened``); 33: a label only a band's weaker reading found is kept;
# 34: a word's first p in the case its ink shows (``Promoting`` -> ``promoting``)
# 35: ink left unread weighed, and word boxes cut, at the page's own ink level (a light 'R1');
# 36: a line read again whole where a word's width of ink between two words was left unread
# 37: a word boxed off its line and read again by the mend is not kept twice; 38: a dash between
# two words read as the dash its length shows; 39: a hairline along a pale band's edge is a faint
# rule, and a band's cell of another colour a fill of its own, the band cut either side of it


DEFAULT_CACHE = Path("data") / "clean" / "ocr-cache"


def cache_dir() -> Path | None:
    """Where OCR results are cached: ``$ACTIONPLANS_OCR_CACHE`` (a folder; ``off``, ``0``, ``no``
    or ``false`` disable it; ``on``, ``1``, ``yes`` or ``true`` mean the default), else
    data/clean/ocr-cache.  A switch word is never taken for a folder's name (``on`` had made a
    folder ``on/`` in the working directory)."""
    value = os.environ.get(CACHE_ENV)
    if value is None:
        return DEFAULT_CACHE
    word = value.strip().lower()
    if word in ("", "0", "off", "none", "no", "false"):
        return None
    if word in ("1", "on", "yes", "true", "default"):
        return DEFAULT_CACHE
    return Path(value)


def _analyse(rgb: np.ndarray, dpi: int, turn: int = 0) -> dict:
    """The page image's OCR analysis; ``turn``: the clockwise turn (degrees) that set it upright."""
    restored = im.restore_faded(rgb)
    rgb = im.despeckle(restored, dpi)
    despeckled = rgb is not restored
    edge = im.edge_sharpness(rgb)
    sharpened = edge < im.BLURRED_EDGE
    scanned = rgb
    flat = im.unwarp_sheet(rgb)  # a phone photo: the sheet squared up first
    photo, rgb = flat is not rgb, flat
    photo_sharpened = photo and not sharpened and edge < im.SOFT_PHOTO_EDGE
    angle = im.skew_angle(rgb)
    rgb = im.deskew(rgb, angle)
    segs, line_mask = im.rules(rgb, dpi, photo=photo)
    grey = im.greyscale(rgb)
    # a photo's fills are shaded by its evened light: their grey levels split nothing
    regions = im.fills(rgb, dpi, line_mask, grey=grey and not photo)
    segs = im.drop_inside_bands(segs, line_mask, regions, dpi)
    segs = im.bridge_rules(segs + im.fill_edges(segs, regions, dpi), rgb, dpi)
    segs += im.band_rules(regions, segs, dpi, rgb)
    # a blurred page is read sharpened, and a soft photo lightly; its rules, fills and their
    # colours are the page's own
    dark = [r for r in regions if r.dark]
    if sharpened:
        text_rgb = im.sharpen(rgb, dpi, keep=dark)
    elif photo_sharpened:
        text_rgb = im.sharpen(rgb, dpi, keep=dark, amount=im.PHOTO_SHARPEN, sigma=im.PHOTO_SIGMA)
    else:
        text_rgb = rgb
    clean = im.clean_for_ocr(text_rgb, line_mask, regions, segs, photo=photo)
    rapid = active_engine() == "tesseract+rapidocr"
    # beside the page-wide pass, in a thread of its own (tesseract's library and onnxruntime let
    # go of the GIL): the header bands' readings, which need only the cleaned page, and the
    # loading of RapidOCR's model
    with ThreadPoolExecutor(max_workers=1) as side:
        band_reads = side.submit(_read_wide_bands, clean, regions, dpi)
        if rapid:
            side.submit(warm_rapid)
        first = ocr_words_parallel(clean, dpi, 11, FIRST_PASS_BANDS)
        if not turn and _read_askew(first):
            turned = _turned_upright(scanned, clean, dpi)
            if turned is not None and _confident_words(turned["words"]) > _confident_words(first):
                return turned
        ink_below = _ink_below(clean)
        words = _tighten(_inked(first, clean, ink_below), clean, ink_below)
        # the block pass reads only the lines the sparse pass doubts: half the ink, half the time
        doubted = _doubted_lines(clean, words)
        words = _vote(words, ocr_words(doubted, dpi, 6) if doubted is not None else [], clean)
        words = _reread_bands(clean, words, regions, dpi, band_reads.result())
    words = _mend_fragments(clean, words, dpi, [r for r in regions if r.dark])
    words += _second_pass(clean, words, dpi, [r for r in regions if r.dark], segs, ink_below)
    # RapidOCR re-reads the words tesseract doubts
    if rapid and _legible(words):
        words = second_opinion(
            text_rgb,
            words,
            [r for r in regions if r.dark and r.bottom - r.top <= dpi],
            _spare_cores(),
        )
    # no letter nor digit, read with no confidence at all: the edge of a shaded row read as a dash
    # ('—' before DM1.7's ID, which then was no ID), not a word (left out last: the passes above
    # take such a speck as a sign that its line needs reading again)
    words = [w for w in words if _alnum(w.text) or w.conf >= SECOND_PASS_SPECK]
    words = [_letter_case(w, clean, ink_below) for w in words]
    words = _dashes(words, clean)
    return {
        "angle": angle,
        "turn": turn,
        "segments": [asdict(s) for s in segs],
        "regions": [asdict(r) for r in regions],
        "words": [asdict(w) for w in words],
        "greyscale": grey,
        "despeckled": despeckled,
        "sharpened": sharpened,
        "photo_sharpened": photo_sharpened,
    }


# A page read in the wrong orientation gives words the engine does not believe: of the words with a
# letter, fewer than this share are confident words of three letters or more (an upright page:
# 77-80%; the same page upside down 4-7%, sideways under 1%), of at least ASKEW_MIN_WORDS
ASKEW_SHARE = 0.25
ASKEW_MIN_WORDS = 20


def _readings(words: Sequence[OcrWord] | Sequence[dict]) -> list[tuple[float, str]]:
    """(confidence, text) of each word, read as found or from a cached analysis."""
    return [(w.conf, w.text) if isinstance(w, OcrWord) else (w["conf"], w["text"]) for w in words]


def _confident_words(words: Sequence[OcrWord] | Sequence[dict]) -> int:
    """How many words the engine read with confidence (0.8) that hold three letters or more."""
    return sum(1 for c, t in _readings(words) if c >= 0.8 and sum(ch.isalpha() for ch in t) >= 3)


def _read_askew(words: list[OcrWord]) -> bool:
    """Whether the page-wide pass's words look like text read sideways or upside down."""
    lettered = [w for w in words if _alnum(w.text)]
    return len(lettered) >= ASKEW_MIN_WORDS and _confident_words(lettered) < ASKEW_SHARE * len(
        lettered
    )


def _turned_upright(scanned: np.ndarray, clean: np.ndarray, dpi: int) -> dict | None:
    """The analysis of a page scanned sideways or upside down, read again turned upright by
    tesseract's orientation detection on the cleaned page (rules, fills and bands are found the
    same way turned; only its text is not read); None when the detection sees no turn."""
    degrees, _confidence = upright_turn(clean, dpi)
    if not degrees:
        return None
    upright = np.ascontiguousarray(np.rot90(scanned, k=-(degrees // 90)))
    return _analyse(upright, dpi, turn=degrees)


def _doubted_lines(clean: np.ndarray, words: list[OcrWord]) -> np.ndarray | None:
    """The page with only the text lines holding a word the sparse pass doubts (or a word its box
    may have cut short); everything else blank, so that the block pass reads just those."""
    out = np.full_like(clean, 255)
    rows: dict[tuple, list[OcrWord]] = {}
    for w in words:
        rows.setdefault(w.line, []).append(w)
    kept = 0
    for line in rows.values():
        line.sort(key=lambda w: w.x0)
        doubt = False
        for i, w in enumerate(line):
            h = w.bottom - w.top
            nxt = line[i + 1].x0 if i + 1 < len(line) else w.x1 + h
            if w.conf < BLOCK_DOUBT or _ink_after(clean, w, min(nxt - 1, w.x1 + h // 2)):
                doubt = True
                break
        if not doubt:
            continue
        h = max(w.bottom - w.top for w in line)
        top = max(0, min(w.top for w in line) - h // 3)
        bottom = max(w.bottom for w in line) + h // 3
        x0 = max(0, line[0].x0 - h)
        x1 = line[-1].x1 + h
        out[top:bottom, x0:x1] = clean[top:bottom, x0:x1]
        kept += 1
    return out if kept else None


def _legible(words: list[OcrWord] | list[dict]) -> bool:
    """A page of text, not of noise: a page of noise gives many "words" the engine itself does not
    believe."""
    conf = _readings(words)
    readable = [c for c, t in conf if c >= 0.5 and any(ch.isalnum() for ch in t)]
    return len(readable) >= 3 and len(readable) >= 0.3 * len(conf)


_DEBRIS = "=«»'\"_—–-|~`.,:;*"


def _band_box(r: im.Region, dpi: int) -> tuple[int, int, int, int] | None:
    """The box a header band (white on a dark fill) is read again in, or None for a region that
    is no band (a dark picture, a light fill)."""
    if not r.dark or r.bottom - r.top > dpi:  # a band, not a dark picture
        return None
    m = max(2, dpi // 50)
    return max(0, r.x0 - m), max(0, r.top - m), r.x1 + m, r.bottom + m


def _band_reading(clean: np.ndarray, box: tuple[int, int, int, int], dpi: int) -> list[OcrWord]:
    """A band's labels read at twice the resolution (:func:`_read_band`), in the crop's pixels."""
    x0, top, x1, bottom = box
    crop = cv2.resize(clean[top:bottom, x0:x1], None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    return _read_band(crop, dpi * 2)


def _read_wide_bands(
    clean: np.ndarray, regions: list[im.Region], dpi: int
) -> dict[int, list[OcrWord]]:
    """:func:`_band_reading` of each band at least an inch wide, by its index in ``regions``.

    These are read whatever the page-wide pass finds in them, so they are read beside it; a
    narrower one is read only when that pass found words in it (:func:`_reread_bands`).
    """
    out = {}
    for k, r in enumerate(regions):
        box = _band_box(r, dpi)
        if box is not None and r.x1 - r.x0 >= dpi:
            out[k] = _band_reading(clean, box, dpi)
    return out


def _reread_bands(
    clean: np.ndarray,
    words: list[OcrWord],
    regions: list[im.Region],
    dpi: int,
    read: dict[int, list[OcrWord]] | None = None,
) -> list[OcrWord]:
    """Header bands (white on a dark fill) read again at twice the resolution.

    Their bold, inverted labels are what the header test and the column map depend on,
    and they are where the page-wide pass errs most (``Lec Rele`` for ``LCC Role``).
    ``read``: the readings :func:`_read_wide_bands` made already, by region index.
    """
    read = read or {}
    for k, r in enumerate(regions):
        box = _band_box(r, dpi)
        if box is None:
            continue
        x0, top, x1, bottom = box
        inside = [
            w
            for w in words
            if x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom
        ]
        if not inside and r.x1 - r.x0 < dpi:
            continue  # a coloured cell the first pass found empty (a RAG cell), not a band
        again = read[k] if k in read else _band_reading(clean, box, dpi)
        if not again:
            continue
        # weighed by the words the engine vouches for: a label kept only because the band's two
        # readings agree on it ('RAG' at 0.24) says nothing of which reading is the better
        vouched = [w for w in again if w.conf >= BAND_SPECK] or again
        better_first = (
            sum(w.conf for w in vouched) / len(vouched)
            < sum(w.conf for w in inside) / max(1, len(inside)) - 0.1
        )
        again = [
            OcrWord(
                x0 + w.x0 // 2,
                top + w.top // 2,
                x0 + w.x1 // 2,
                top + w.bottom // 2,
                w.text,
                w.conf,
                (2000 + w.line[0], w.line[1], w.line[2]),
            )
            for w in again
        ]
        again = _tighten(again, clean)
        if better_first:
            # the first reading was clearly the better one, but a label only the band's reading
            # found, where the first read nothing, is added ('Timescale' at a photographed band's
            # raised top, read at 0.86 while the page-wide pass lost it and the rest of the band's
            # reading was weaker than its own)
            words = words + [
                w
                for w in again
                if w.conf >= BAND_ONLY and _alnum(w.text) and not _overlaps(w, inside)
            ]
            continue
        # a label only the first reading found ('Cost to' at the band's clipped top edge) stays
        # (as in the band's own reading, a label holds a letter or digit: '__' is the band's
        # soft edge)
        kept = [
            w
            for w in inside
            if w.conf >= BAND_SPECK
            and any(ch.isalnum() for ch in w.text)
            and not _overlaps(w, again)
            and not _read_again(w, again)
        ]
        words = [w for w in words if w not in inside] + again + kept
    return words


def _alnum(text: str) -> str:
    """The word's letters and digits, its marks left out ('Who' of \'Who)."""
    return "".join(ch for ch in text if ch.isalnum())


def _read_again(w: OcrWord, again: list[OcrWord]) -> bool:
    """The same word ('Who' for \'Who) in the other reading, close by though the boxes differ."""
    key = _alnum(w.text).lower()
    h = w.bottom - w.top
    return any(
        _alnum(a.text).lower() == key and abs(a.x0 - w.x0) < 3 * h and abs(a.top - w.top) < 2 * h
        for a in again
    )


def _read_band(crop: np.ndarray, dpi: int) -> list[OcrWord]:
    """A header band's labels, read as a block and sparsely, the two readings joined.

    A band is one or two lines of labels: block reading (psm 6) keeps a short label on a
    second line ('Action' over 'ID') that sparse reading drops, and sparse reading (psm 11)
    keeps a line that block reading can drop ('Cost to' over 'Leicestershire'); the sparse
    words are added where the block has none.  Labels neither start nor end with rule
    debris ('=', '«', quotes, dashes), and specks the engine itself doubts are left out.
    """

    def read(psm: int) -> list[OcrWord]:
        got = [replace(w, text=w.text.strip(_DEBRIS)) for w in ocr_words(crop, dpi, psm=psm)]
        return [w for w in got if any(ch.isalnum() for ch in w.text)]

    def kept(words: list[OcrWord], other: list[OcrWord]) -> list[OcrWord]:
        # a short capitalised label the engine's dictionary does not know ('RAG') can score
        # under the speck bar in both readings, even 0; the two readings agreeing on it, letter
        # for letter and in one place, is the evidence a speck never has (and a doubted label is
        # read again by RapidOCR where it is installed).  Agreed, it takes the better reading's
        # confidence
        out = []
        for w in words:
            if w.conf < BAND_SPECK:
                same = _agreeing(w, other)
                if same is None:
                    continue
                w = replace(w, conf=max(w.conf, same.conf))
            out.append(w)
        return out

    block_read, sparse_read = read(6), read(11)
    block = kept(block_read, sparse_read)
    # a lone letter only the sparse reading finds is a speck of the band's edge ('S' over a
    # greyscale band's labels), not a label
    sparse = [w for w in kept(sparse_read, block_read) if len(w.text) > 1]
    return block + [w for w in sparse if not _overlaps(w, block) and not _read_again(w, block)]


def _agreeing(w: OcrWord, other: list[OcrWord]) -> OcrWord | None:
    """The same word, letter for letter, in ``other`` with a box overlapping ``w``'s, if any."""
    key = _alnum(w.text)
    if len(key) < 2:
        return None
    return next(
        (
            o
            for o in other
            if _alnum(o.text) == key
            and min(w.x1, o.x1) > max(w.x0, o.x0)
            and min(w.bottom, o.bottom) > max(w.top, o.top)
        ),
        None,
    )


def _ink_after(clean: np.ndarray, w: OcrWord, end: int) -> bool:
    """Ink after the word, low on its line, up to ``end``: the stop or comma its box left out."""
    h = w.bottom - w.top
    area = clean[w.top + h // 2 : w.bottom + 1, w.x1 + 1 : max(end, w.x1 + 2) + 1]
    return int((area < 160).sum()) >= 2


def _vote(words: list[OcrWord], block: list[OcrWord], clean: np.ndarray) -> list[OcrWord]:
    """Each word's text from whichever reading the engine trusts more: sparse (psm 11) or block (psm
    6).

    Sparse reading finds every word wherever it stands, so its boxes make the layout; but
    it reads each word nearly on its own and small text loses letters ('fight' for
    'right').  Block reading sees whole lines.  Where one block word lies on one sparse
    word, box for box, the more confident text wins; the box stays the sparse one.
    """
    out = []
    for w in words:
        h = w.bottom - w.top
        same = [
            v
            for v in block
            if abs(v.x0 - w.x0) <= h / 2
            and -h / 2 <= v.x1 - w.x1 <= h  # a stop may follow
            and abs((v.top + v.bottom) - (w.top + w.bottom)) <= h
        ]
        if len(same) == 1 and same[0].text != w.text:
            v = same[0]
            if v.conf > w.conf:
                w = replace(w, text=v.text, conf=v.conf)
            elif v.text.rstrip(".,;:") == w.text and v.x1 > w.x1 + 2 and _ink_after(clean, w, v.x1):
                w = replace(w, text=v.text)  # sparse reading drops a word's closing full stop
        out.append(w)
    return out


# A word's first ``p`` and ``P``: the engine tells them apart by size alone and, on a soft scan,
# often wrongly (``by Promoting``).  The ink tells them by two signs: a capital's top stands about
# 0.4 x-heights over the small letters (a small letter's 0.0-0.1) and a ``p``'s descender drops
# about 0.4 under the baseline (a ``P``'s not at all).  Other letters drawn the same in both cases
# (``s``/``S``, ``c``/``C``) have the first sign only: on the 28,000 such words of the scan draws
# it changed as many right as wrong (a light bold print's capitals measure low), so they are left.
CAPITAL_RISE = 0.25
SMALL_RISE = 0.15
P_DESCENDER = (0.12, 0.2)  # a ``P``'s foot under this; a ``p``'s descender over this
# letters whose top is the x-height (not ``i``: a bold ``i``'s dot runs into its stem)
_X_HEIGHT_LETTERS = frozenset("acegmnopqrsuvwxyz")


def _letter_case(w: OcrWord, clean: np.ndarray, ink_below: int = INK_LEVEL) -> OcrWord:
    """The word with a first ``p`` or ``P`` in the case its ink shows: its top set against the
    x-height of the rest of the word, and its foot against their baseline.  The engine's reading
    is kept as ``first``.

    Only for a word of three letters or more whose other letters are small and mostly of
    x-height, where the first letter stands alone as a blob of its own (a letter merged with
    its neighbour, or broken up, measures nothing); both signs must agree, else the engine's
    reading stands.  A name's capital stays: its ink is a capital's.
    """
    text = w.text
    lead = len(text) - len(text.lstrip("(\"'‘“"))
    body = text[lead:].rstrip(".,;:)'’\"”")
    if len(body) < 3 or body[0] not in "Pp":
        return w
    rest = body[1:]
    if not (rest.isalpha() and rest.islower()):
        return w
    if sum(c in _X_HEIGHT_LETTERS for c in rest) < 0.6 * len(rest):
        return w
    dots = sum(c in "ij" for c in rest)
    shape = im.first_letter_shape(clean, (w.x0, w.top, w.x1, w.bottom), ink_below, len(rest) + dots)
    if shape is None:
        return w
    rise, drop, width, height = shape
    # two letters run together, a blob that is no letter, or a piece of one
    if width > 1.6 or not 0.8 <= height <= 2.0:
        return w
    if rise > CAPITAL_RISE and abs(drop) < P_DESCENDER[0]:
        letter = "P"
    elif abs(rise) < SMALL_RISE and drop > P_DESCENDER[1]:
        letter = "p"
    else:
        return w
    if letter == body[0]:
        return w
    new = text[:lead] + letter + text[lead + 1 :]
    return replace(w, text=new, first=w.first or text)


# A dash set between two words, told by its length against the line's letters: a hyphen is a
# quarter to a third of an em, an en dash half, an em dash a whole one.  The engine reads them
# all as '-', '—' or '~' as it likes (the draws' 'plan – to' 33 times: '-' 21, '—' 11, '~' 1).
# Measured as the longest run of inked columns in the space between the two words, over the
# median height of the words of three letters or more on the line (some 0.7 em).  On the draws'
# pages hyphens measure 0.24-0.29 in body text but 0.44-0.50 in Appendix B's small type (a
# scan's blur lengthens a short stroke by a pixel or two; one, on a 165 dpi page, over 0.52),
# en dashes 0.47-0.85: the engine's '-' is taken for an en dash only from EN_DASH_MIN; its '—'
# or '~' (a long stroke, or a wavy one, but no sentence's) is a hyphen under HYPHEN_MAX
HYPHEN_MAX = 0.42
EN_DASH_MIN = 0.52
EN_DASH_MAX = 0.95
_DASH_READINGS = frozenset({"-", "–", "—", "~", "--"})


def _dashes(words: list[OcrWord], clean: np.ndarray) -> list[OcrWord]:
    """Each dash set between two words read as the dash its length shows (the engine's reading
    kept as ``first``)."""
    out = []
    for w in words:
        if w.text not in _DASH_READINGS:
            out.append(w)
            continue
        line = [
            v
            for v in words
            if v is not w
            and min(v.bottom, w.bottom) - max(v.top, w.top) > 0.5 * (w.bottom - w.top)
            and abs((v.x0 + v.x1) / 2 - (w.x0 + w.x1) / 2) < 20 * max(1, v.bottom - v.top)
        ]
        before = [v for v in line if v.x1 <= w.x0 + 2 and _alnum(v.text)]
        after = [v for v in line if v.x0 >= w.x1 - 2 and _alnum(v.text)]
        heights = sorted(v.bottom - v.top for v in line if len(_alnum(v.text)) >= 3)
        if not before or not after or not heights:
            out.append(w)
            continue
        # a dash is one thin stroke, often fainter than letters (a 2-pixel line at 160 from a
        # 200 dpi scan): its columns are those darker than halfway from its darkest pixel to
        # the paper, anywhere in the space between the words either side (the engine's box may
        # cut its ends: 'trial - complete' boxed one pixel wide)
        left = max(v.x1 for v in before) + 1
        right = min(v.x0 for v in after) - 1
        pad = max(2, (w.bottom - w.top) // 2)
        crop = clean[
            max(0, w.top - pad) : w.bottom + pad, max(0, min(left, w.x0)) : max(right, w.x1)
        ]
        if crop.size == 0:
            out.append(w)
            continue
        darkest = int(crop.min())
        dark: np.ndarray = crop < (darkest + int(np.percentile(crop, 90))) / 2
        inked = [bool(dark[:, c].any()) for c in range(dark.shape[1])]
        run = longest = 0
        for col in inked:
            run = run + 1 if col else 0
            longest = max(longest, run)
        ratio = longest / heights[len(heights) // 2]
        if ratio >= EN_DASH_MAX:
            dash = "—"
        elif w.text == "-":
            dash = "–" if ratio >= EN_DASH_MIN else "-"
        else:
            dash = "-" if ratio < HYPHEN_MAX else "–"
        out.append(w if dash == w.text else replace(w, text=dash, first=w.first or w.text))
    return out


def _ink_below(clean: np.ndarray) -> int:
    """The level under which a pixel of the cleaned page is ink, for telling a word's box over
    blank paper: 128, or, where the page's letters print lighter, ``INK_MARGIN`` over their level
    (:func:`image.stroke_level`).  A small typewriter face scanned soft at 160 dpi prints at some
    145: at 128 two in three of its words were taken for boxes over blank paper and dropped, and
    the second pass read them in fragments (`quid` for `liquid`)."""
    level = im.stroke_level(clean)
    return max(INK_LEVEL, round(level) + INK_MARGIN) if level is not None else INK_LEVEL


def _inked(words: list[OcrWord], clean: np.ndarray, ink_below: int = INK_LEVEL) -> list[OcrWord]:
    """Words whose box holds ink (pixels under ``ink_below``): the engine sometimes places a word
    over blank paper (the 'Design' of the row below, boxed over a speck in this row), and its
    second pass reads the real ink again where it is."""
    out = []
    for w in words:
        area = max(1, (w.x1 - w.x0) * (w.bottom - w.top))
        if (
            len(w.text) < 3
            or int((clean[w.top : w.bottom, w.x0 : w.x1] < ink_below).sum()) >= MIN_INK * area
        ):
            out.append(w)
    return out


def _tighten(words: list[OcrWord], clean: np.ndarray, ink_below: int = INK_LEVEL) -> list[OcrWord]:
    """Each word's box cut down to its own line of ink.

    The engine's boxes can take in the line below (it merged two lines and dropped the
    lower words): the rows of ink inside the box are split into runs at blank rows, and
    the box keeps the heaviest run, so that the second pass sees and reads the rest.  A run
    another word already stands on is that word's ink: on a page photographed askew the engine
    boxes 'to' of a cell's second line over both lines, and 'circular' above it holds the
    heavier run.  Ink is what lies under the page's ink level (``ink_below``): on a soft
    greyscale scan the middle rows of a line ('Study') print at 130, and at 128 the line broke
    in two there and the box kept its upper half.
    """
    if not words:
        return words
    heights = sorted(w.bottom - w.top for w in words)
    typical = heights[len(heights) // 2]

    def taken(w: OcrWord, top: int, bottom: int) -> bool:
        return any(
            o is not w
            and o.bottom - o.top <= 1.3 * typical
            and min(o.x1, w.x1) - max(o.x0, w.x0) > 0.5 * min(o.x1 - o.x0, w.x1 - w.x0)
            and min(o.bottom, bottom) - max(o.top, top) > 0.5 * (bottom - top)
            for o in words
        )

    def ink_runs(w: OcrWord) -> tuple[np.ndarray, list[list[int]]]:
        rows = (clean[w.top : w.bottom, w.x0 : w.x1] < ink_below).sum(axis=1)
        runs: list[list[int]] = []
        for i, v in enumerate(rows):
            if v:
                if runs and i - runs[-1][1] <= 3:
                    runs[-1][1] = i
                else:
                    runs.append([i, i])
        return rows, runs

    inked = [ink_runs(w) for w in words]
    # a line's height as its ink stands, not as the boxes do (on some pages every box is a
    # line and a half tall)
    spans = sorted(max(r[1] + 1 - r[0] for r in runs) for _, runs in inked if runs)
    line = spans[len(spans) // 2] if spans else typical
    out = []
    for w, (rows, runs) in zip(words, inked, strict=True):
        if len(runs) > 1:
            free = [r for r in runs if not taken(w, w.top + r[0], w.top + r[1] + 1)] or runs
            a, b = max(free, key=lambda r: rows[r[0] : r[1] + 1].sum())
            if b + 1 - a >= 0.5 * line:  # a whole line of text, not a broken piece of one
                w = OcrWord(w.x0, w.top + a, w.x1, w.top + b + 1, w.text, w.conf, w.line)
        elif runs and _stretched(runs[0][0], len(rows) - 1 - runs[0][1], line):
            # a box stretched over blank paper above or below its ink (the engine gave the word
            # its merged line's height, or a photographed bold heading's box a third more than its
            # ink, which made it a heading in larger type that ended the table): it stands where
            # its ink is
            a, b = runs[0]
            w = OcrWord(w.x0, w.top + a, w.x1, w.top + b + 1, w.text, w.conf, w.line)
        out.append(_ink_width(w, clean, line))
    return out


def _stretched(above: int, below: int, line: int) -> bool:
    """A word's box runs past its one line of ink: by most of a line on one side (the engine gave
    it its merged line's height), or by a fifth of one on both (a photographed bold heading boxed
    a third taller than its ink)."""
    return max(above, below) > 0.8 * line or min(above, below) > 0.2 * line


def _ink_width(w: OcrWord, clean: np.ndarray, slack: float) -> OcrWord:
    """The word's box cut to the columns its line of ink fills, where it runs ``slack`` pixels (a
    line's height: more than any letter's bearing) or more past them: a rule's broken end or a
    band's edge above the label ('Timescales' boxed from a dash 12 pt to its left) had widened it
    into its neighbour's column."""
    cols = np.flatnonzero((clean[w.top : w.bottom, w.x0 : w.x1] < INK_LEVEL).any(axis=0))
    if not len(cols):
        return w
    left, right = int(cols[0]), w.x1 - w.x0 - 1 - int(cols[-1])
    if max(left, right) < slack:
        return w
    x0 = w.x0 + int(cols[0]) if left >= slack else w.x0
    x1 = w.x0 + int(cols[-1]) + 1 if right >= slack else w.x1
    return OcrWord(x0, w.top, x1, w.bottom, w.text, w.conf, w.line)


def _second_pass(
    clean: np.ndarray,
    words: list[OcrWord],
    dpi: int,
    bands: Sequence[im.Region] = (),
    rules: Sequence[im.Segment] = (),
    ink_below: int = INK_LEVEL,
) -> list[OcrWord]:
    """Ink the first pass left unread (short cells), OCRed again as a strip of crops, one per
    row.

    ``ink_below``: the page's ink level (:func:`_ink_below`).  A blob is found where the ink is
    darker than 128 and weighed by its pixels under the page's level: on a soft greyscale scan
    whose letters print at some 145 a short ID left unread ('R1') has a dozen pixels under 128,
    too few to be read again, and some sixty under its page's level.  Found at the page's level,
    the halo round every word made blobs, read as specks ('°') and word fragments."""
    ink, gap, count, stats = _unread_ink(clean, words, bands, dpi)
    weighed = ink if ink_below <= INK_LEVEL else _unread_mask(clean, words, bands, ink_below)
    min_h, max_h = _TEXT_HEIGHT[0] * dpi, _TEXT_HEIGHT[1] * dpi
    boxes = []
    strokes: list[OcrWord] = []
    for i in range(1, count):
        x, y, w, h, area = stats[i]
        inked = int((weighed[y : y + h, x : x + w] > 0).sum())
        if (
            min_h <= h <= max_h
            and w >= dpi / 40
            and inked >= BLOB_MIN_INK * (dpi / 40) ** 2
            # the blob as the ink lies, without what the dilation added at each end
            and not _residue(x + gap, y, w - 2 * gap, h, words)
        ):
            boxes.append((int(x), int(y), int(x + w), int(y + h)))
        elif min_h <= h <= max_h and rules:
            stroke = _lone_stroke(ink[y : y + h, x : x + w], x, y, words, rules, dpi)
            if stroke is not None:
                strokes.append(stroke)
    if not boxes:
        return strokes
    pad = dpi // 10
    # words and lone letters in strips of their own: in a strip of letters tesseract drops the
    # line of words among them ('and communications.' under a cell's first line)
    wide = [b for b in boxes if _wide(b)]
    narrow = [b for b in boxes if not _wide(b)]
    chunks = [g[i : i + STRIP] for g in (narrow, wide) for i in range(0, len(g), STRIP)]
    found = [w for got in _read_strips(clean, chunks, pad, dpi, _CORES) for w in got]
    # a reading the engine gives no confidence at all is a descender or a speck, not a cell
    found = [w for w in found if w.conf >= SECOND_PASS_SPECK and not _overlaps(w, words)]
    # a lone letter (a cost of 'L') is what a strip of crops most often loses: each blob the
    # strips left unread is read again on its own at twice the resolution, up to a few per page
    unread = [
        b
        for b in boxes
        if not any(
            b[0] - 2 <= (w.x0 + w.x1) / 2 <= b[2] + 2
            and b[1] - 2 <= (w.top + w.bottom) / 2 <= b[3] + 2
            for w in found
        )
    ]
    # lines of words left unread are read again as a strip of their own, letters one by one at
    # twice the resolution; more than a few of either left unread is a page of noise, not of
    # lost cells
    lines = [b for b in unread if _wide(b)]
    letters = [b for b in unread if not _wide(b)]
    alone = []
    if 0 < len(lines) <= ALONE_MAX:
        alone += _read_strip(clean, lines, pad, dpi)
    if 0 < len(letters) <= ALONE_MAX:
        alone += _read_alone(clean, letters, pad, dpi)
    if alone:
        found += [
            w
            for w in alone
            if w.conf >= BAND_SPECK
            and any(ch.isalnum() for ch in w.text)
            and not _overlaps(w, words)
        ]
    return found + [w for w in strokes if not _overlaps(w, found)]


def _wide(box: tuple[int, int, int, int]) -> bool:
    """A blob wider than two letters: a word or words, not a lone letter or figure."""
    return box[2] - box[0] > 1.5 * (box[3] - box[1])


def _overlaps(w: OcrWord, words: list[OcrWord]) -> bool:
    """A second-pass word lying over a first-pass one: the same ink read twice."""
    area = max(1, (w.x1 - w.x0) * (w.bottom - w.top))
    for o in words:
        ix = min(w.x1, o.x1) - max(w.x0, o.x0)
        iy = min(w.bottom, o.bottom) - max(w.top, o.top)
        if ix > 0 and iy > 0 and ix * iy > 0.3 * min(area, (o.x1 - o.x0) * (o.bottom - o.top)):
            return True
    return False


def _read_strip(
    clean: np.ndarray, boxes: list[tuple[int, int, int, int]], pad: int, dpi: int
) -> list[OcrWord]:
    """The crops stacked one above the other, OCRed as one block, words mapped back to the page."""
    return _read_strips(clean, [boxes], pad, dpi)[0]


def _read_strips(
    clean: np.ndarray,
    strips: Sequence[list[tuple[int, int, int, int]]],
    pad: int,
    dpi: int,
    processes: int = 1,
) -> list[list[OcrWord]]:
    """Each strip's crops stacked one above the other and OCRed as one block, the strips read
    together (:func:`.engine.ocr_batch`), each strip's words mapped back to the page.

    A strip is thresholded by tiles: with one threshold for all of it, a pale line (a greyscale
    scan, a blurred photograph) in its white padding gives tesseract no text at all.
    """
    images, layouts = [], []
    for boxes in strips:
        width = max(b[2] - b[0] for b in boxes) + 2 * pad
        crops, starts = [], []
        cursor = 0
        for x0, y0, x1, y1 in boxes:
            crop = np.full((y1 - y0 + 2 * pad, width), 255, np.uint8)
            crop[pad : pad + y1 - y0, pad : pad + x1 - x0] = clean[y0:y1, x0:x1]
            crops.append(crop)
            starts.append(cursor)
            cursor += crop.shape[0]
        images.append(np.vstack(crops))
        layouts.append(starts)
    out = []
    read = ocr_batch(images, dpi, psm=6, tiled=True, processes=processes)
    for boxes, starts, words in zip(strips, layouts, read, strict=True):
        mapped = []
        for w in words:
            yc = (w.top + w.bottom) / 2
            k = max((i for i, s in enumerate(starts) if s <= yc), default=0)
            dx, dy = int(boxes[k][0]) - pad, int(boxes[k][1]) - pad - starts[k]
            mapped.append(
                OcrWord(
                    w.x0 + dx,
                    w.top + dy,
                    w.x1 + dx,
                    w.bottom + dy,
                    w.text,
                    w.conf,
                    (1000 + k, 0, 0),
                )
            )
        out.append(mapped)
    return out


def _lone_stroke(
    blob: np.ndarray, x: int, y: int, words: list[OcrWord], rules: Sequence[im.Segment], dpi: int
) -> OcrWord | None:
    """A thin upright stroke alone in a ruled cell, as tall as a capital: the glyph tesseract will
    not read.

    It is an ``I``, ``l`` or ``1``, or an ``L`` whose foot the scan lost.  It is given as ``I``
    with a low confidence (the cell becomes an ``ocr_confidence`` finding) and the normaliser
    reads it by the column's vocabulary (a rating's ``I`` is ``L``).  Only in a cell closed by
    rules on all four sides and holding no other word, away from its rules: anywhere else a
    stroke is as likely a piece of a rule or of a word.
    """
    ys, xs = np.nonzero(blob)
    if ys.size == 0:
        return None
    x0, x1, top, bottom = (
        x + int(xs.min()),
        x + int(xs.max()) + 1,
        y + int(ys.min()),
        y + int(ys.max()) + 1,
    )
    if bottom - top < dpi / 20 or x1 - x0 > max(3, dpi // 60) or ys.size < 0.8 * (bottom - top):
        return None
    xc, yc = (x0 + x1) / 2, (top + bottom) / 2
    verticals = [r.x0 for r in rules if r.orientation == "v" and r.top <= yc <= r.bottom]
    horizontals = [r.top for r in rules if r.orientation == "h" and r.x0 <= xc <= r.x1]
    left, right = (
        max((v for v in verticals if v < xc), default=None),
        min((v for v in verticals if v > xc), default=None),
    )
    above, below = (
        max((h for h in horizontals if h < yc), default=None),
        min((h for h in horizontals if h > yc), default=None),
    )
    if left is None or right is None or above is None or below is None:
        return None
    margin = max(4, dpi // 40)
    if x0 - left < margin or right - x1 < margin or top - above < 2 or below - bottom < 2:
        return None  # what is left of a rule
    if any(
        left <= (w.x0 + w.x1) / 2 <= right and above <= (w.top + w.bottom) / 2 <= below
        for w in words
    ):
        return None
    return OcrWord(int(x0), int(top), int(x1), int(bottom), "I", STROKE_CONFIDENCE, (1600, 0, 0))


def _read_alone(
    clean: np.ndarray, boxes: Sequence[tuple[int, int, int, int]], pad: int, dpi: int
) -> list[OcrWord]:
    """Each blob OCRed on its own at twice the resolution (a lone 'L' reads 0.17 at 200 dpi, 0.85
    at 400), the blobs read together (:func:`.engine.ocr_batch`)."""
    crops = []
    for x0, y0, x1, y1 in boxes:
        crop = np.full((y1 - y0 + 2 * pad, x1 - x0 + 2 * pad), 255, np.uint8)
        crop[pad : pad + y1 - y0, pad : pad + x1 - x0] = clean[y0:y1, x0:x1]
        crops.append(cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC))
    return [
        OcrWord(
            x0 - pad + w.x0 // 2,
            y0 - pad + w.top // 2,
            x0 - pad + w.x1 // 2,
            y0 - pad + w.bottom // 2,
            w.text,
            w.conf,
            (1500, 0, 0),
        )
        for (x0, y0, _, _), words in zip(
            boxes, ocr_batch(crops, dpi * 2, psm=6, processes=_CORES), strict=True
        )
        for w in words
    ]


def _unread_mask(
    clean: np.ndarray, words: list[OcrWord], bands: Sequence[im.Region], ink_below: int
) -> np.ndarray:
    """The pixels darker than ``ink_below`` that no word stands on, header bands left out
    (255 where so)."""
    ink = (clean < ink_below).view(np.uint8) * np.uint8(255)
    for w in words:
        ink[max(0, w.top - 2) : w.bottom + 2, max(0, w.x0 - 2) : w.x1 + 2] = 0
    for r in bands:
        ink[r.top : r.bottom, r.x0 : r.x1] = 0
    return ink


def _unread_ink(
    clean: np.ndarray, words: list[OcrWord], bands: Sequence[im.Region], dpi: int
) -> tuple[np.ndarray, int, int, np.ndarray]:
    """The ink no word stands on (header bands left out: they are read again at twice the
    resolution), and its blobs: (ink mask, the dilation's gap, blob count, blob stats as
    OpenCV's connected components give them, dilated by ``gap`` across and half down)."""
    ink = _unread_mask(clean, words, bands, INK_LEVEL)
    gap = max(3, dpi // 40)
    blobs = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (gap * 2, gap)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(blobs, connectivity=8)
    return ink, gap, count, stats


def _mend_fragments(
    clean: np.ndarray, words: list[OcrWord], dpi: int, bands: Sequence[im.Region] = ()
) -> list[OcrWord]:
    """Words the first pass read only in part, read again whole.

    On a blurred or askew page tesseract can read a fragment of a line ('biti ities.' of
    'ambitions and opportunities.') and leave the rest of its ink unread; the second pass takes
    that ink for pieces of the words beside it and leaves it too.  Where the unread ink touching
    a run of words on one line is as much as half of their own, the run and its ink are read
    again as one line, and the reading replaces the run's words when it reads more letters.
    """
    if not words:
        return words
    ink, gap, count, stats = _unread_ink(clean, words, bands, dpi)
    # each blob beside words of one line: the words it touches (union-find over shared blobs)
    parent = list(range(len(words)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    unread: dict[int, int] = {}  # word -> unread ink pixels beside it
    widest: dict[int, int] = {}  # word -> the widest blob of unread ink beside it
    boxes: dict[int, list[int]] = {}  # word -> the extent of it and the ink beside it
    for i in range(1, count):
        x, y, w, h, _ = stats[i]
        if not _TEXT_HEIGHT[0] * dpi <= h <= _TEXT_HEIGHT[1] * dpi:
            continue  # not a line of text
        x, w = x + gap, max(1, w - 2 * gap)  # as the ink lies, not as dilated
        touching = [k for k, wd in enumerate(words) if _touches(x, y, w, h, wd)]
        if not touching:
            continue
        pixels = int((ink[y : y + h, x : x + w] > 0).sum())
        for k in touching[1:]:
            parent[root(k)] = root(touching[0])
        k = touching[0]
        unread[k] = unread.get(k, 0) + pixels
        # a blob between two words it touches, one ending before it and one starting after it
        if any(words[j].x1 <= x + gap for j in touching) and any(
            words[j].x0 >= x + w - gap for j in touching
        ):
            widest[k] = max(widest.get(k, 0), w)
        box = boxes.setdefault(k, [words[k].x0, words[k].top, words[k].x1, words[k].bottom])
        box[:] = [min(box[0], x), min(box[1], y), max(box[2], x + w), max(box[3], y + h)]
    groups: dict[int, list[int]] = {}
    for k in unread:
        groups.setdefault(root(k), [])
    for k in range(len(words)):
        if root(k) in groups:
            groups[root(k)].append(k)
    mend: list[tuple[list[int], tuple[int, int, int, int]]] = []
    for members in groups.values():
        own = sum(
            int(
                (clean[words[k].top : words[k].bottom, words[k].x0 : words[k].x1] < INK_LEVEL).sum()
            )
            for k in members
        )
        # a whole word left unread between two read ('the [work] of': its ink is less than
        # half theirs, but it lies between them and is as wide as a word of four letters, where
        # a stop or a comma beside a word read whole is narrower than the line is tall)
        height = sorted(words[k].bottom - words[k].top for k in members)[len(members) // 2]
        word_wide = max(widest.get(k, 0) for k in members) >= MEND_WORD_WIDTH * height
        if sum(unread.get(k, 0) for k in members) < 0.5 * max(own, 1) and not word_wide:
            continue  # a stop or a comma beside a word read whole
        extents = [
            boxes.get(k, [words[k].x0, words[k].top, words[k].x1, words[k].bottom]) for k in members
        ]
        mend.append(
            (
                members,
                (
                    min(e[0] for e in extents),
                    min(e[1] for e in extents),
                    max(e[2] for e in extents),
                    max(e[3] for e in extents),
                ),
            )
        )
    if not mend:
        return words
    replaced: set[int] = set()
    out_new: list[OcrWord] = []
    readings = _read_strips(clean, [[box] for _, box in mend], dpi // 10, dpi, _CORES)
    for (members, _), read in zip(mend, readings, strict=True):
        again = [w for w in read if w.conf >= 0.5]
        letters = sum(ch.isalnum() for k in members for ch in words[k].text)
        if sum(ch.isalnum() for w in again for ch in w.text) > letters:
            replaced.update(members)
            # a word of the first pass boxed off its line, over the ink read again here: the
            # same word twice ('Secure' boxed half a line high, its lower half read with
            # 'funding' beside it: 'Secure Secure funding')
            replaced.update(k for k, wd in enumerate(words) if any(_same_ink(wd, w) for w in again))
            line = words[members[0]].line
            out_new += [replace(w, line=line) for w in again]
    return [w for k, w in enumerate(words) if k not in replaced] + out_new


def _same_ink(old: OcrWord, new: OcrWord) -> bool:
    """Two readings of one word: the same letters, over mostly the same columns, their boxes
    overlapping in height."""
    across = min(old.x1, new.x1) - max(old.x0, new.x0)
    return (
        bool(_alnum(old.text))
        and _alnum(old.text).lower() == _alnum(new.text).lower()
        and across > 0.6 * min(old.x1 - old.x0, new.x1 - new.x0)
        and min(old.bottom, new.bottom) > max(old.top, new.top)
    )


def _touches(x: int, y: int, w: int, h: int, wd: OcrWord) -> bool:
    """A blob (x, y, w, h) on ``wd``'s line, closer to it than a word space."""
    overlap = min(y + h, wd.bottom) - max(y, wd.top)
    gap = max(wd.x0 - (x + w), x - wd.x1)
    return overlap > 0.5 * min(h, wd.bottom - wd.top) and gap < 0.6 * (wd.bottom - wd.top)


def _residue(x: int, y: int, w: int, h: int, words: list[OcrWord]) -> bool:
    """A blob touching a word the first pass read on the same line: a piece of that word, not a
    cell."""
    return any(_touches(x, y, w, h, wd) for wd in words)


def analyse_page(page, dpi: int = DPI) -> tuple[dict, float]:
    """The page's OCR analysis (cached by the hash of its image) and the seconds spent."""

    start = time.perf_counter()
    analysis, _ = analyse_image(im.render(page, dpi), dpi)
    return analysis, time.perf_counter() - start


def _spare_cores() -> int:
    """Threads a page's RapidOCR stage may use: the process's page cores over the pages being
    analysed (a one-page document read with two cores: 2; a second page in hand: 1)."""
    with _active_lock:
        return max(1, min(_CORES, _budget) // max(1, _active))


def analyse_image(rgb: np.ndarray, dpi: int = DPI) -> tuple[dict, float]:
    """:func:`analyse_page` on a rendered page image (thread-safe: no PDF object is touched)."""

    start = time.perf_counter()
    engine = active_engine()
    engine += f" {rapid_version()}" if engine != "tesseract" else ""
    key = hashlib.sha256(
        rgb.tobytes() + f"{dpi}|{CACHE_VERSION}|{tesseract_version()}|{engine}".encode()
    ).hexdigest()
    folder = cache_dir()
    path = folder / f"{key}.json" if folder else None
    if path is not None and path.exists():
        try:
            return json.loads(path.read_text(encoding="utf-8")), time.perf_counter() - start
        except (OSError, ValueError):
            pass
    global _active
    with _active_lock:
        _active += 1
    try:
        result = _analyse(rgb, dpi)
    finally:
        with _active_lock:
            _active -= 1
    if path is not None:
        write_cache(path, result)
    return result, time.perf_counter() - start


def write_cache(path: Path, analysis: dict) -> None:
    """The page's analysis written to the OCR cache, whole or not at all.

    OpenCV's boxes are NumPy integers, which JSON does not take: they are written as the numbers
    they are (until 6 December 2026 such a page was silently never cached, and read again each
    time).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(analysis, default=_number), encoding="utf-8")
        tmp.replace(path)
    except (OSError, TypeError, ValueError):
        # a read-only cache folder (or a value JSON cannot hold) costs only time, never the page
        pass


def _number(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


class PagePrefetch:
    """Scanned pages analysed ahead of the reader, ``workers`` pages at once.

    The reader lays pages out one after another (a page's columns can carry over to
    the next), but the analysis of a page (OpenCV, tesseract processes) needs nothing
    from the others: it runs in threads while the reader works.  Pages are rendered
    in the calling thread, because pdfium must not be entered from two threads.
    """

    def __init__(self, pdf, needs_ocr, workers: int = PAGES_AT_ONCE, dpi: int = DPI):
        self.pdf, self.needs_ocr, self.workers, self.dpi = pdf, needs_ocr, workers, dpi
        global _budget
        self._budget, _budget = _budget, max(1, workers)  # this document's pages may use as many
        self.pool = ThreadPoolExecutor(max_workers=workers) if workers > 1 else None
        self.futures: dict[int, Future] = {}
        self.next = 1

    def advance(self, number: int) -> None:
        """Start the analysis of scanned pages up to ``number + workers - 1``."""
        if self.pool is None:
            return
        last = min(len(self.pdf.pages), number + self.workers - 1)
        while self.next <= last:
            page = self.pdf.pages[self.next - 1]
            try:
                if self.needs_ocr(page):
                    self.futures[self.next] = self.pool.submit(
                        analyse_image, im.render(page, self.dpi), self.dpi
                    )
            except Exception:  # noqa: BLE001 - the reader meets the same error on this page and notes it
                pass
            self.next += 1

    def take(self, number: int) -> dict | None:
        future = self.futures.pop(number, None)
        return future.result()[0] if future is not None else None

    def close(self) -> None:
        global _budget
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        _budget = self._budget


def _chars(words: list[dict], scale: float, regions: Sequence[dict] = ()) -> list[dict]:
    """OCR words as pdfplumber-like characters (in points), each word's box shared by its
    letters, drawn white on a dark band of ``regions`` and black elsewhere.

    The ink is what the page shows, as a PDF's text colour would say it: the readers tell a
    header's labels (light on a band) from the row printed tight under the band (a section
    row, ``Food``) by it, as they do on a born-digital page.
    """
    bands = [im.Region(**r) for r in regions]
    bands = [r for r in bands if r.dark]

    def ink(w: dict) -> tuple[float]:
        xc, yc = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        return (
            (1.0,) if any(r.x0 <= xc <= r.x1 and r.top <= yc <= r.bottom for r in bands) else (0.0,)
        )

    heights = sorted(w["bottom"] - w["top"] for w in words) or [10]
    typical = heights[len(heights) // 2]
    # the engine's own lines: their words share one centre, so that a word the box finder
    # put a few pixels higher ('with' over 'Work ... partners') stays in its place in the line
    members: dict[tuple, list[dict]] = {}
    for w in words:
        members.setdefault(tuple(w["line"]), []).append(w)
    line_centre = {
        k: sorted((w["top"] + w["bottom"]) / 2 for w in v)[len(v) // 2] for k, v in members.items()
    }

    # a stray reading lying over the line's own words is not moved
    def overlaps_line(
        w: dict,
    ) -> bool:
        return any(
            o is not w and min(o["x1"], w["x1"]) - max(o["x0"], w["x0"]) > 0.2 * (w["x1"] - w["x0"])
            for o in members[tuple(w["line"])]
        )

    out = []
    for n, w in enumerate(words):
        # one height for ordinary text, centred on each word, so that a word with ascenders and
        # one without sit on one line; headings keep their own height
        height = w["bottom"] - w["top"]
        half = height / 2 if height > 1.5 * typical else typical / 2
        yc = (w["top"] + w["bottom"]) / 2
        shared = line_centre[tuple(w["line"])]
        if abs(shared - yc) <= 0.6 * typical and not overlaps_line(w):
            yc = shared
        t, b = yc - half, yc + half
        size = max(4.0, (b - t) * scale / 0.75)  # a word box is about 3/4 of the font size tall
        x0, x1 = w["x0"] * scale, w["x1"] * scale
        inset = min(0.05 * size, 0.2 * (x1 - x0))  # keeps a gap between words however tight
        x0, x1 = x0 + inset, x1 - inset
        step = (x1 - x0) / len(w["text"])
        colour = ink(w)
        for i, ch in enumerate(w["text"]):
            out.append(
                {
                    "text": ch,
                    "x0": x0 + i * step,
                    "x1": x0 + (i + 1) * step,
                    "top": t * scale,
                    "bottom": b * scale,
                    "size": size,
                    "fontname": "OCR",
                    "non_stroking_color": colour,
                    "upright": True,
                    "conf": w["conf"],
                    "word": n,
                    "engine": w.get("engine", "tesseract"),
                    "first": w.get("first", ""),
                }
            )
    return out


def _graphics(analysis: dict, scale: float) -> tuple[list[dict], list[dict], list[Fill]]:
    """Rules as pdfplumber edges and fills as :class:`Fill`, in points, as ``page_graphics`` gives
    them."""
    h, v = [], []
    for s in analysis["segments"]:
        x0, top, x1, bottom = (s[k] * scale for k in ("x0", "top", "x1", "bottom"))
        if s["orientation"] == "h":
            h.append(edge(x0, top, x1, top, "h"))
        else:
            v.append(edge(x0, top, x0, bottom, "v"))
    fills = [
        Fill(
            r["x0"] * scale, r["top"] * scale, r["x1"] * scale, r["bottom"] * scale, r["colour"], k
        )
        for k, r in enumerate(analysis["regions"])
        if not near_white(r["colour"])
    ]
    return h, v, fills


def _read_layout(
    page,
    number: int,
    chars: list[dict],
    h: list[dict],
    v: list[dict],
    fills: list[Fill],
    header_test,
    carry,
) -> PageResult:
    """The born-digital page reader's steps (``extract/pdf/page.py``) on OCR characters and image
    rules."""
    return layout_page(page, number, chars, h, v, fills, header_test, carry)


def _with_confidence(result: PageResult, chars: list[dict]) -> None:
    """Each cell's confidence: the mean over the OCR characters inside its box; low ones noted."""
    index = _CharIndex(chars)
    for item in result.items:
        if not isinstance(item, Fragment):
            continue
        for r, row in enumerate(item.rows):
            new = []
            for c, cell in enumerate(row):
                inside = index.inside(cell)
                new.append(_cell_confidence(cell, inside))
                second = _second_readings(cell, inside)
                if new[-1].confidence is not None and (
                    new[-1].confidence < LOW_CONFIDENCE or second
                ):
                    key = next((x.text for x in row if x.text), "")[:20]
                    # provenance: a word RapidOCR read where tesseract read another keeps the cell a
                    # finding
                    which = (
                        "; "
                        + ", ".join(
                            f"RapidOCR read {a!r} where tesseract read {b!r}" for a, b in second
                        )
                        if second
                        else ""
                    )
                    result.notes.append(
                        Note(
                            result.number,
                            "ocr_confidence",
                            f"OCR read {new[-1].text[:40]!r} (row {key!r}, column {c + 1}) with "
                            f"confidence {new[-1].confidence:.2f}{which}; check it against the"
                            " page",
                        )
                    )
            item.rows[r] = new


class _CharIndex:
    """The page's OCR characters by their centres, for finding those inside a cell's box (a
    page has hundreds of cells and thousands of characters: a scan of all for each was a
    third of a second a page)."""

    def __init__(self, chars: list[dict]):
        self.chars = chars
        self.xc = np.array([(ch["x0"] + ch["x1"]) / 2 for ch in chars], dtype=float)
        self.yc = np.array([(ch["top"] + ch["bottom"]) / 2 for ch in chars], dtype=float)

    def inside(self, cell: RawCell) -> list[dict]:
        if cell.bbox is None or not self.chars:
            return []
        x0, top, x1, bottom = cell.bbox
        hit = (
            (self.xc >= x0 - 1)
            & (self.xc <= x1 + 1)
            & (self.yc >= top - 1)
            & (self.yc <= bottom + 1)
        )
        return [self.chars[i] for i in np.flatnonzero(hit)]


def _second_readings(cell: RawCell, inside: list[dict]) -> list[tuple[str, str]]:
    """(RapidOCR's text, tesseract's) for each word of the cell whose text the second engine
    gave; ``inside`` holds the OCR characters inside the cell."""
    if not cell.text or cell.bbox is None:
        return []
    words: dict[int, list[dict]] = {}
    for ch in inside:
        if ch.get("engine") == "rapidocr":
            words.setdefault(ch["word"], []).append(ch)
    return [("".join(c["text"] for c in cs), cs[0]["first"]) for _, cs in sorted(words.items())]


def _cell_confidence(cell: RawCell, inside: list[dict]) -> RawCell:
    if not cell.text or cell.bbox is None:
        return cell
    confidences = [ch["conf"] for ch in inside]
    if not confidences:
        return cell
    return replace(cell, confidence=round(sum(confidences) / len(confidences), 3))


class _TurnedPage:
    """A page scanned sideways, as the reader sees it turned upright: its width and height
    swapped; the table finder (which needs only the rules given to it) is the page's own."""

    def __init__(self, page) -> None:
        self._page = page
        self.width, self.height = page.height, page.width

    def find_tables(self, settings: dict):
        return self._page.find_tables(settings)


def _letter_boxes(words: list[dict], dpi: int) -> list[dict]:
    """The words, less those in a box too flat to hold a letter that are no word: a second
    reading of a word over or under the word's own reading, or a doubted reading as wide as its
    letters would be (a stripe).

    Tesseract reads the edge of a header band or of a shaded row as a word now and then: on a
    greyscale scan, 'Project', one pixel tall and as wide as three labels, lay over the band's
    top, above the band's own 'Project'; the band's labels were pulled out of their columns and
    the table lost its first two.  Shaded rows' edges give 'ee', 'oe', 'a' read with 0-0.5.  A
    flat box read with confidence is kept: tesseract cuts real words' boxes down to a sliver of
    their ink too ('to' 3 by 2 pixels, 'emissions.' 92 by 3, read with 0.96-0.97), and their text
    is what the page says.  (Left out here, as the page is read, so that an analysis already
    cached is read the same way.)
    """
    least = _LETTER_MIN_HEIGHT * dpi

    def flat(w: dict) -> bool:
        return bool(_alnum(w["text"])) and w["bottom"] - w["top"] < least

    def stripe(w: dict) -> bool:
        return w["conf"] < LOW_CONFIDENCE and w["x1"] - w["x0"] >= least * len(_alnum(w["text"]))

    def read_again(w: dict, other: dict) -> bool:
        return (
            other is not w
            and not flat(other)
            and _alnum(other["text"]).lower() == _alnum(w["text"]).lower()
            and min(w["x1"], other["x1"]) > max(w["x0"], other["x0"])
            and other["top"] - least <= w["top"] <= other["bottom"] + least
        )

    return [
        w for w in words if not (flat(w) and (stripe(w) or any(read_again(w, o) for o in words)))
    ]


def read_scanned_page(
    page,
    number: int,
    header_test=None,
    carry: list[float] | None = None,
    dpi: int = DPI,
    analysis: dict | None = None,
) -> PageResult:
    """Read a page without a usable text layer by OCR; a page OCR cannot read gives a note, not an
    error.

    ``analysis``: the page's :func:`analyse_page` result when a :class:`PagePrefetch` made it.
    """
    if analysis is None:
        analysis, _ = analyse_page(page, dpi)
    turn = analysis.get("turn", 0)
    if turn in (90, 270):
        page = _TurnedPage(page)
    scale = 72 / dpi
    words = _letter_boxes(analysis["words"], dpi)
    chars = _chars(words, scale, analysis["regions"]) if _legible(words) else []
    if not chars:
        result = PageResult(number, float(page.height))
        result.notes.append(
            Note(number, "ocr_unreadable", "no text layer, and OCR found no text on the page image")
        )
        return result
    h, v, fills = _graphics(analysis, scale)
    result = _read_layout(page, number, chars, h, v, fills, header_test, carry)
    if header_test is not None and (result.has_header or not carry):
        # a header OCR could not read: the table known by its body (a whitespace table is first cut
        # into the columns its gutters show); a header read only in part: completed from the body
        frags = [it for it in result.items if isinstance(it, Fragment)]
        if not result.has_header:
            bounds = column_bounds(chars, float(page.width), fills)
            # a whitespace table read without a header may have run two columns into one (a
            # banded plan's IDs into its descriptions): the gutters, where they show more
            # columns, cut it
            if bounds and (not frags or len(bounds) > max(len(f.bounds) for f in frags)):
                result = _read_layout(page, number, chars, h, v, fills, header_test, bounds)
        recognise(result, header_test)
    _with_confidence(result, chars)
    if turn:
        result.notes.append(
            Note(
                number,
                "page_turned",
                f"the page image was scanned turned: it was read turned {turn} degrees clockwise"
                " to set its text upright (cell positions are the upright page's)",
            )
        )
    if analysis.get("despeckled"):
        result.notes.append(
            Note(
                number,
                "page_speckled",
                "the page image is speckled all over (dust, a noisy scanner or fax): its specks"
                " were filtered out before it was read",
            )
        )
    if analysis.get("sharpened"):
        result.notes.append(
            Note(
                number,
                "page_blurred",
                "the page image is out of focus (a blurred scan or photograph): its text was read"
                " from a sharpened copy",
            )
        )
    if analysis.get("greyscale"):
        result.notes.append(
            Note(
                number,
                "greyscale_scan",
                "the page image has no colour: RAG ratings shown as cell fills are read "
                "from their grey level only where one rating's colours print at it",
            )
        )
    return result
