"""Keys that explain symbols: ``Key: ● On track ▲ At risk ✖ Off track``, ``✔ = Complete``.

>>> legend("Key: ● On track ▲ At risk ✖ Off track", {"●", "▲", "✖"})
{'●': 'On track', '▲': 'At risk', '✖': 'Off track'}
"""

from __future__ import annotations

import re

from ..normalise import clean_text
from .records import hints
from .settings import DEFAULT_INFER_SETTINGS, InferSettings


def legend(text: str, symbols: set[str]) -> dict[str, str]:
    """Meanings of symbols from a key in the document text (``● On track``, ``✔ = Complete``)."""
    rx = re.compile(hints()["legend_line"])
    out: dict[str, str] = {}
    for line in text.splitlines():
        for m in rx.finditer(line):
            sym = m.group("symbol")
            if sym in symbols and sym not in out:
                out[sym] = clean_text(m.group("meaning")).strip(" /")
    return out


def is_symbol(value: str, *, settings: InferSettings = DEFAULT_INFER_SETTINGS) -> bool:
    v = value.strip()
    return 0 < len(v) <= settings.symbol_max_chars and not any(ch.isalnum() for ch in v)
