"""Sparse row vectors and dot products for a list of (row, row) pairs, in numpy.

Comparing candidate pairs one at a time in Python is too slow for a national
collection; here every pair's dot product is computed at once, in chunks, by
looking up the old row's terms in the new rows (``searchsorted``).

>>> a = Rows.from_dicts([{0: 1.0, 2: 2.0}, {1: 1.0}])
>>> b = Rows.from_dicts([{2: 3.0}, {0: 1.0, 1: 1.0}])
>>> pair_dots(a, b, np.array([0, 0, 1]), np.array([0, 1, 1])).tolist()
[6.0, 1.0, 1.0]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Rows:
    """CSR rows: row r holds ``idx[indptr[r]:indptr[r+1]]`` (sorted) with ``val``."""

    indptr: np.ndarray
    idx: np.ndarray
    val: np.ndarray

    @classmethod
    def from_dicts(cls, rows: list[dict[int, float]]) -> Rows:
        lens = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lens, out=indptr[1:])
        idx = np.empty(int(indptr[-1]), dtype=np.int64)
        val = np.empty(int(indptr[-1]), dtype=np.float64)
        pos = 0
        for r in rows:
            for k in sorted(r):
                idx[pos], val[pos] = k, r[k]
                pos += 1
        return cls(indptr, idx, val)

    def __len__(self) -> int:
        return len(self.indptr) - 1


def pair_dots(a: Rows, b: Rows, o: np.ndarray, n: np.ndarray, chunk: int = 100_000) -> np.ndarray:
    """``a[o[k]] . b[n[k]]`` for every k."""
    out = np.zeros(len(o), dtype=np.float64)
    if not len(o) or not len(b.idx):
        return out
    width = int(max(a.idx.max(initial=0), b.idx.max(initial=0))) + 1
    b_rows = np.repeat(np.arange(len(b), dtype=np.int64), np.diff(b.indptr))
    b_keys = b_rows * width + b.idx  # sorted: rows ascend, idx ascends within a row
    for start in range(0, len(o), chunk):
        oc, nc = o[start : start + chunk], n[start : start + chunk]
        lens = a.indptr[oc + 1] - a.indptr[oc]
        total = int(lens.sum())
        if not total:
            continue
        rep = np.repeat(np.arange(len(oc), dtype=np.int64), lens)
        first = np.repeat(a.indptr[oc] - (np.cumsum(lens) - lens), lens)
        rows = first + np.arange(total, dtype=np.int64)
        keys = nc[rep] * width + a.idx[rows]
        pos = np.searchsorted(b_keys, keys)
        pos[pos >= len(b_keys)] = 0
        hit = b_keys[pos] == keys
        contrib = np.where(hit, a.val[rows] * b.val[pos], 0.0)
        out[start : start + len(oc)] = np.bincount(rep, contrib, minlength=len(oc))
    return out
