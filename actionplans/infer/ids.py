"""Action-ID patterns from the IDs a plan uses: ``T1``, ``LCC.3``, ``1.2.3``, ``12``, ``HS-01``.

IDs are grouped by shape (letters, separator, numbers); each shape seen often
enough becomes one regex, with its letter prefixes spelled out when there are
few of them.  Rare shapes (``811`` among ``B10``, ``B12``) are left out: the
normaliser repairs them from their neighbours.

>>> id_patterns(["T1", "T2", "B10", "811", "B12", "T3", "B11"])[0]
['(?:B|T)\\\\d{1,2}']
>>> id_patterns(["1.1", "1.2", "2.1.3"])[0]
['\\\\d{1,2}(?:\\\\.\\\\d{1,2}){1,2}']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..normalise import clean_text, fold_lookalikes
from .records import hints
from .settings import DEFAULT_INFER_SETTINGS, InferSettings

_SHAPE = re.compile(r"^([A-Z]*)([.\-]?)(\d+(?:\.\d+)*)([A-Z]?)$")
TOKEN = r"(?:[A-Za-z]{1,4}[.\-]|[A-Za-z]{0,4})\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?"


def canonical(token: str) -> str:
    return fold_lookalikes(clean_text(token)).upper().rstrip(".")


def _shape(token: str) -> tuple[bool, str, int] | None:
    m = _SHAPE.match(token)
    if not m:
        return None
    return (bool(m.group(1)), m.group(2), m.group(3).count(".") > 0)


def id_patterns(
    tokens: list[str],
    max_prefixes: int | None = None,
    *,
    settings: InferSettings = DEFAULT_INFER_SETTINGS,
) -> tuple[list[str], list[str], float]:
    """(patterns, tokens left out, share of tokens the patterns cover).

    ``max_prefixes`` overrides ``settings.id_max_prefixes``.
    """
    max_prefixes = settings.id_max_prefixes if max_prefixes is None else max_prefixes
    ids = [canonical(t) for t in tokens if t and t.strip()]
    if not ids:
        return [], [], 0.0
    by_shape: dict[tuple, list[str]] = defaultdict(list)
    odd: list[str] = []
    for t in ids:
        s = _shape(t)
        (by_shape[s] if s else odd).append(t)
    total = len(ids)
    keep = {
        shape: v
        for shape, v in by_shape.items()
        if len(v) >= max(settings.id_shape_min_count, settings.id_shape_min_share * total)
        or len(by_shape) == 1
    }
    if not keep and by_shape:
        shape, v = max(by_shape.items(), key=lambda kv: len(kv[1]))
        keep = {shape: v}
    patterns: list[str] = []
    for (has_prefix, sep, parts), members in sorted(keep.items(), key=lambda kv: -len(kv[1])):
        matches = [m for t in members if (m := _SHAPE.match(t))]  # all of them: each has a shape
        prefixes = Counter(m.group(1) for m in matches)
        numbers = [m.group(3).split(".") for m in matches]
        width = max(settings.id_min_digits, max(len(p) for n in numbers for p in n))
        head = ""
        if has_prefix:
            if len(prefixes) <= max_prefixes:
                head = "(?:" + "|".join(sorted(prefixes, key=lambda p: (-len(p), p))) + ")"
            else:
                lens = [len(p) for p in prefixes]
                head = f"[A-Z]{{{min(lens)},{max(lens)}}}"
        num = rf"\d{{1,{width}}}"
        body = num
        if parts:
            counts = sorted({len(n) - 1 for n in numbers})
            rep = f"{{{counts[0]}}}" if len(counts) == 1 else f"{{{counts[0]},{counts[-1]}}}"
            body = num + rf"(?:\.{num}){rep}"
        if any(m.group(4) for m in matches):
            body += "[A-Z]?"  # sub-actions: 3a, 3b
        patterns.append(head + re.escape(sep) + body)
    covered = sum(len(v) for v in keep.values())
    left_out = [t for shape, v in by_shape.items() if shape not in keep for t in v] + odd
    return patterns, left_out, covered / total


def embedded_id_pattern(
    texts: list[str],
    *,
    settings: InferSettings = DEFAULT_INFER_SETTINGS,
) -> tuple[str | None, float, list[str]]:
    """A regex for IDs written at the start of the action text (``12 - Title``), its share, the IDs.

    Returns (None, share, []) when too few cells start with an ID.
    """
    texts = [clean_text(t) for t in texts if clean_text(t)]
    if len(texts) < settings.embedded_min_cells:
        return None, 0.0, []
    best: tuple[float, str, list[str]] | None = None
    words = "|".join(re.escape(w) for w in hints()["embedded_id_words"])
    lead = rf"(?:(?:{words})\.?\s*)?"
    for sep in hints()["embedded_id_separators"]:
        rx = re.compile(rf"^{lead}({TOKEN})(?={sep}){sep}(?=\S)", re.I)
        found = [m.group(1) for t in texts if (m := rx.match(fold_lookalikes(t)))]
        if sep.strip() == r"\s+":
            # a bare space after a plain number is ordinary text ("20 new homes")
            found = [f for f in found if not f.isdigit()]
        share = len(found) / len(texts)
        if share >= settings.embedded_id_min_share and (
            best is None or share > best[0] + settings.embedded_separator_margin
        ):
            best = (share, sep, found)
    if best is None:
        return None, 0.0, []
    share, sep, found = best
    patterns, _, _ = id_patterns(found, settings=settings)
    alternatives = "|".join(patterns)
    used_lead = any(re.match(rf"^(?:{words})", fold_lookalikes(t), re.I) for t in texts)
    return rf"^{lead if used_lead else ''}(?P<id>{alternatives}){sep}", share, found
