"""The OCR engine: tesseract, its TSV output read back as word boxes.

Tesseract (Debian's ``tesseract-ocr`` with ``tesseract-ocr-eng``) reads each page with
``--psm 11`` (sparse text: every word found wherever it stands, which suits table cells
holding one letter) on an image already cleaned by :mod:`.image`.  Nothing is downloaded at
run time.

Tesseract is called through its library (``libtesseract.so.5``, its C API over ctypes) when
the library can be loaded, else as the ``tesseract`` command.  A page's reading took 7-12
commands (the page-wide pass, the block pass, each header band twice, the second pass's
lists of crops), each paying about 0.1 s to start and load the model; the library keeps one
model loaded per thread and reads the same words (the same settings, the same pixels:
``tests/test_ocr_speed.py``).  ctypes lets go of the GIL during the call, so two threads read
two images at once.  ``ACTIONPLANS_TESSERACT=command`` keeps the command.
"""

from __future__ import annotations

import atexit
import csv
import ctypes
import ctypes.util
import io
import logging
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
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
    engine: str = (
        "tesseract"  # which engine's text this is: "rapidocr" when its second opinion was taken
    )
    first: str = ""  # tesseract's own reading, when another engine's replaced it


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


_CROPS_PER_PROCESS = 4  # fewer crops than this are read by one process, not split across more


def _tesseract() -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        raise OCRUnavailable(
            "OCR needs tesseract: apt-get install tesseract-ocr tesseract-ocr-eng (or --ocr never)"
        )
    return exe


def _run(source: str, stdin: bytes | None, dpi: int, psm: int, timeout: float, tiled: bool) -> str:
    """Tesseract's TSV for ``source`` (``stdin``, or a file listing one image per line)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # pages run in parallel; one thread each
    # tessedit_do_invert=0: no second pass for white-on-dark text; bands are inverted before OCR
    proc = subprocess.run(
        [
            _tesseract(),
            source,
            "stdout",
            "--dpi",
            str(dpi),
            "--psm",
            str(psm),
            "-l",
            "eng",
            "-c",
            "tessedit_do_invert=0",
            *(["-c", "thresholding_method=1"] if tiled else []),
            "tsv",
        ],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=env,
    )
    if proc.returncode != 0:
        raise ExtractError(
            f"OCR: tesseract failed ({proc.stderr.decode(errors='replace').strip()[:120]})"
        )
    return proc.stdout.decode("utf-8", errors="replace")


_log = logging.getLogger(__name__)

TESSERACT_ENV = "ACTIONPLANS_TESSERACT"  # "command": the tesseract command, not its library
_TSV_HEADER = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num"
    "\tleft\ttop\twidth\theight\tconf\ttext\n"
)


class _Library:
    """libtesseract's C API, with a pool of initialised engines (one per thread reading)."""

    def __init__(self, lib: ctypes.CDLL):
        self.lib = lib
        vp, cp, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
        for name, res, args in (
            ("TessBaseAPICreate", vp, []),
            ("TessBaseAPIInit2", i, [vp, cp, cp, i]),
            ("TessBaseAPISetVariable", i, [vp, cp, cp]),
            ("TessBaseAPISetPageSegMode", None, [vp, i]),
            ("TessBaseAPISetImage", None, [vp, vp, i, i, i, i]),
            ("TessBaseAPISetSourceResolution", None, [vp, i]),
            ("TessBaseAPIRecognize", i, [vp, vp]),
            ("TessBaseAPIGetTsvText", vp, [vp, i]),
            ("TessDeleteText", None, [vp]),
            ("TessBaseAPIClear", None, [vp]),
        ):
            fn = getattr(lib, name)
            fn.restype, fn.argtypes = res, args
        lib.TessBaseAPIDelete.restype, lib.TessBaseAPIDelete.argtypes = None, [vp]
        self._quiet_leptonica()
        self.free: queue.SimpleQueue = queue.SimpleQueue()
        atexit.register(self.close)

    def _quiet_leptonica(self) -> None:
        """Leptonica's messages ('Error in pixScanForForeground: invalid box') sent to the log.

        The command printed them on its own stderr, which was captured; in this process they
        would land on ours, among the one-line errors users read (an image-bomb page prints
        them while tesseract gives up on it, which it reports as no text).
        """
        handler_type = ctypes.CFUNCTYPE(None, ctypes.c_char_p)
        self._lept_handler = handler_type(
            lambda message: _log.debug("leptonica: %s", message.decode(errors="replace").strip())
        )
        try:
            set_handler = self.lib.leptSetStderrHandler  # leptonica >= 1.77, via libtesseract
        except AttributeError:
            return
        set_handler.restype, set_handler.argtypes = None, [handler_type]
        set_handler(self._lept_handler)

    def close(self) -> None:
        """The idle engines deleted (at exit: tesseract warns of a leak for an engine left)."""
        while True:
            try:
                self.lib.TessBaseAPIDelete(self.free.get_nowait())
            except queue.Empty:
                return

    def _engine(self) -> int:
        try:
            return self.free.get_nowait()
        except queue.Empty:
            pass
        lib = self.lib
        api = lib.TessBaseAPICreate()
        # the command's defaults: tessdata where the command finds it, English, the default
        # engine mode (3: the LSTM engine for eng.traineddata)
        if not api or lib.TessBaseAPIInit2(api, None, b"eng", 3) != 0:
            raise OCRUnavailable("OCR: tesseract's library could not load its English model")
        # its messages ('Detected 33 diacritics'), which the command's stderr kept, kept out of
        # this process's stderr
        lib.TessBaseAPISetVariable(api, b"debug_file", os.devnull.encode())
        return api

    def read(self, image: np.ndarray, dpi: int, psm: int, tiled: bool) -> str:
        """Tesseract's TSV for one grey image, as the command gives it for the image alone."""
        image = np.ascontiguousarray(image, dtype=np.uint8)
        lib, api = self.lib, self._engine()
        try:
            for name, value in (
                ("tessedit_create_tsv", "1"),
                ("tessedit_do_invert", "0"),  # bands are inverted before OCR (as the command)
                ("thresholding_method", "1" if tiled else "0"),
                ("user_defined_dpi", str(dpi)),
            ):
                lib.TessBaseAPISetVariable(api, name.encode(), value.encode())
            lib.TessBaseAPISetPageSegMode(api, psm)
            h, w = image.shape[:2]
            lib.TessBaseAPISetImage(api, image.ctypes.data, w, h, 1, image.strides[0])
            lib.TessBaseAPISetSourceResolution(api, dpi)
            if lib.TessBaseAPIRecognize(api, None) != 0:
                raise ExtractError("OCR: tesseract could not read the page image")
            text = lib.TessBaseAPIGetTsvText(api, 0)
            try:
                tsv = ctypes.string_at(text).decode("utf-8", errors="replace") if text else ""
            finally:
                if text:
                    lib.TessDeleteText(text)
            lib.TessBaseAPIClear(api)
        except BaseException:
            lib.TessBaseAPIClear(api)
            self.free.put(api)
            raise
        self.free.put(api)
        return _TSV_HEADER + tsv


_LIBRARY_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _library() -> _Library | None:
    """Tesseract's library when it can be loaded (and the command is not asked for), else None."""
    if os.environ.get(TESSERACT_ENV, "").strip().lower() == "command":
        return None
    name = ctypes.util.find_library("tesseract") or "libtesseract.so.5"
    saved = os.environ.get("OMP_THREAD_LIMIT")
    # pages and crops are read in parallel threads: one OpenMP thread each, as the command had
    # (OpenMP reads this when the library loads it)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        return _Library(ctypes.CDLL(name))
    except (OSError, AttributeError):
        return None
    finally:
        if saved is None:
            os.environ.pop("OMP_THREAD_LIMIT", None)
        else:
            os.environ["OMP_THREAD_LIMIT"] = saved


def _read(image: np.ndarray, dpi: int, psm: int, timeout: float, tiled: bool) -> str:
    """Tesseract's TSV for one image: by the library when it loads, else by the command."""
    with _LIBRARY_LOCK:
        lib = _library()
    if lib is not None:
        return lib.read(image, dpi, psm, tiled)
    return _run("stdin", _png(image), dpi, psm, timeout, tiled)


_ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.M)
_ORIENTATION_CONFIDENCE = re.compile(r"^Orientation confidence:\s*([\d.]+)", re.M)


def upright_turn(image: np.ndarray, dpi: int, timeout: float = 60) -> tuple[int, float]:
    """The clockwise turn (0, 90, 180 or 270 degrees) that sets a cleaned page's text upright,
    and tesseract's confidence in it: its orientation detection (``--psm 0``, the model
    ``osd.traineddata`` of Debian's ``tesseract-ocr-osd``).  (0, 0.0) when it cannot tell: too
    little text, or no orientation model.

    On a page cleaned for OCR (black text on white, rules and bands gone) it is right with a
    confidence of 3-10; on the raw scan of a ruled table it is not (a grid and shaded rows read
    as text), so it is asked only about the cleaned page.  It is the command, not the library:
    it is asked only of a page the page-wide pass could not read.
    """
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        proc = subprocess.run(
            [_tesseract(), "stdin", "stdout", "--dpi", str(dpi), "--psm", "0", "-l", "osd"],
            input=_png(image),
            capture_output=True,
            timeout=timeout,
            env=env,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        _log.debug("orientation detection failed: %s", exc)
        return 0, 0.0
    text = proc.stdout.decode("utf-8", errors="replace")
    turn, conf = _ROTATE.search(text), _ORIENTATION_CONFIDENCE.search(text)
    if proc.returncode != 0 or turn is None or conf is None:
        _log.debug("no orientation: %s", proc.stderr.decode(errors="replace").strip()[:200])
        return 0, 0.0
    degrees = int(turn.group(1)) % 360
    return (degrees, float(conf.group(1))) if degrees in (0, 90, 180, 270) else (0, 0.0)


def _png(image: np.ndarray) -> bytes:
    ok, png = cv2.imencode(".png", image)
    if not ok:
        raise ExtractError("OCR: the page image could not be encoded")
    return png.tobytes()


def ocr_words(
    image: np.ndarray, dpi: int, psm: int = 11, timeout: float = 120, tiled: bool = False
) -> list[OcrWord]:
    """Words with boxes and confidence from a grey image (dark text on white).

    ``tiled`` thresholds the image by tiles (Leptonica's tiled Otsu) rather than by one Otsu
    threshold for all of it: a crop of one pale line in white padding gives the global
    threshold no text at all.
    """
    return parse_tsv(_read(image, dpi, psm, timeout, tiled))


def ocr_batch(
    images: Sequence[np.ndarray],
    dpi: int,
    psm: int = 11,
    tiled: bool = False,
    processes: int = 1,
    timeout: float = 120,
) -> list[list[OcrWord]]:
    """:func:`ocr_words` on each image, the images read by one tesseract process (or by
    ``processes`` of them, in parallel), each image's words in its own list.

    Starting tesseract and loading its model takes about 0.1 s; reading a crop of a line or a
    letter takes a few hundredths.  The second-pass crops of a page, read one process each,
    spent most of their time starting up; read from one list of images they give the same
    words (tesseract reads each image of a list afresh) several times faster.
    """
    if len(images) <= 1:
        return [ocr_words(image, dpi, psm, timeout, tiled) for image in images]
    # a process of its own pays tesseract's start for a few crops at least
    groups = max(1, min(processes, len(images) // _CROPS_PER_PROCESS))
    shares = [list(range(len(images)))[k::groups] for k in range(groups)]
    out: list[list[OcrWord]] = [[] for _ in images]
    with _LIBRARY_LOCK:
        lib = _library()
    if lib is not None:
        # the library: each image read alone, by an engine already loaded; a thread per share

        def read_each(share: list[int]) -> None:
            for i in share:
                out[i] = parse_tsv(lib.read(images[i], dpi, psm, tiled))

        _each_share(read_each, shares)
        return out
    with tempfile.TemporaryDirectory(prefix="actionplans-ocr-") as tmp:

        def read(share: list[int]) -> None:
            names = []
            for i in share:
                name = os.path.join(tmp, f"{i}.png")
                with open(name, "wb") as f:
                    f.write(_png(images[i]))
                names.append(name)
            listing = os.path.join(tmp, f"list-{share[0]}.txt")
            with open(listing, "w", encoding="utf-8") as f:
                f.write("\n".join(names) + "\n")
            pages = parse_pages(_run(listing, None, dpi, psm, timeout * len(share), tiled))
            for n, i in enumerate(share):
                out[i] = pages.get(n + 1, [])

        _each_share(read, shares)
    return out


def _each_share(read: Callable[[list[int]], None], shares: list[list[int]]) -> None:
    """``read`` each share of the images, in a thread of its own when there are several."""
    if len(shares) == 1:
        read(shares[0])
    else:
        with ThreadPoolExecutor(max_workers=len(shares)) as pool:
            list(pool.map(read, shares))


# The engine guesses curly quotes from the glyph's shape; a scan cannot tell, so all are made plain
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'"})


def parse_tsv(text: str) -> list[OcrWord]:
    """The words of tesseract's TSV for one image."""
    return [w for words in parse_pages(text).values() for w in words]


def parse_pages(text: str) -> dict[int, list[OcrWord]]:
    """The words of tesseract's TSV, by its ``page_num`` (1 for the first image of a list)."""
    pages: dict[int, list[OcrWord]] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5":
            continue
        word = (row.get("text") or "").strip().translate(_QUOTES)
        if not word or not word.strip("|[]"):
            continue  # a lone bar or bracket is what is left of a table rule or a cell's edge
        x, y, w, h = (int(row[k]) for k in ("left", "top", "width", "height"))
        if (
            len(word) == 2
            and word[0].lower() == word[1].lower()
            and word[0].isalpha()
            and w < 0.9 * h
        ):
            # one letter read twice ('Ss' for a lone 'S'): the box holds a single glyph
            word = word[0]
        conf = max(0.0, float(row.get("conf") or 0)) / 100
        pages.setdefault(int(row.get("page_num") or 1), []).append(
            OcrWord(
                x,
                y,
                x + w,
                y + h,
                word,
                conf,
                (int(row["block_num"]), int(row["par_num"]), int(row["line_num"])),
            )
        )
    return {page: _untangle(words) for page, words in pages.items()}


def _untangle(words: list[OcrWord]) -> list[OcrWord]:
    """Clip a word's box where it runs over the next word of its line.

    Tesseract's LSTM sometimes gives a word the box of the whole line ('Page'
    over 'Page 15 of 23'); its letters would then interleave with the next words'.
    """
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, w in enumerate(words):
        lines.setdefault(w.line, []).append(i)
    out = list(words)
    heights = sorted(w.bottom - w.top for w in words)
    typical = heights[len(heights) // 2] if heights else 0
    for idx in lines.values():
        # a word as tall as two lines in a line of ordinary words took in the line below it
        line_h = sorted(words[i].bottom - words[i].top for i in idx)[len(idx) // 2]
        for i in idx:
            w = out[i]
            if w.bottom - w.top > 1.6 * typical and (len(idx) == 1 or line_h <= 1.25 * typical):
                out[i] = OcrWord(
                    w.x0, w.top, w.x1, w.top + round(1.2 * typical), w.text, w.conf, w.line
                )
    for idx in lines.values():
        idx.sort(key=lambda i: words[i].x0)
        for a, b in zip(idx, idx[1:], strict=False):
            w, nxt = out[a], out[b]
            if w.x1 > nxt.x0 and nxt.x0 > w.x0:
                gap = max(1, (nxt.bottom - nxt.top) // 4)
                out[a] = OcrWord(
                    w.x0, w.top, max(w.x0 + 1, nxt.x0 - gap), w.bottom, w.text, w.conf, w.line
                )
    return out


def _cuts(image: np.ndarray, parts: int) -> list[int]:
    """Row indices that split the image into ``parts`` bands, each cut on a blank row (no text
    cut)."""
    blank = np.flatnonzero((image < 128).sum(axis=1) == 0)
    h = image.shape[0]
    cuts = [0]
    for k in range(1, parts):
        want = h * k // parts
        if blank.size == 0:
            break
        cut = int(blank[np.abs(blank - want).argmin()])
        if cuts[-1] + h // (4 * parts) < cut < h - h // (4 * parts):
            cuts.append(cut)
    return [*cuts, h]


def ocr_words_parallel(
    image: np.ndarray, dpi: int, psm: int = 11, parts: int | None = None
) -> list[OcrWord]:
    """:func:`ocr_words` on horizontal bands of the page, one tesseract process per core."""

    parts = parts or max(1, min(4, os.cpu_count() or 1))
    cuts = _cuts(image, parts)
    if len(cuts) <= 2:
        return ocr_words(image, dpi, psm)
    bands = list(zip(cuts, cuts[1:], strict=False))
    with ThreadPoolExecutor(max_workers=len(bands)) as pool:
        results = list(pool.map(lambda b: ocr_words(image[b[0] : b[1]], dpi, psm), bands))
    out = []
    for k, ((top, _), words) in enumerate(zip(bands, results, strict=True)):
        for w in words:
            out.append(
                OcrWord(
                    w.x0,
                    w.top + top,
                    w.x1,
                    w.bottom + top,
                    w.text,
                    w.conf,
                    (w.line[0] + 100 * k, w.line[1], w.line[2]),
                )
            )
    return out
