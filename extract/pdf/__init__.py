"""PDF text-layer reader: action tables out of born-digital pages, with cell colours and provenance.

A whole PDF is read by :func:`actionplans.extract.read_pdf` (:mod:`..pages`),
which gives each page to this reader or, for a scan, to OCR:

>>> from actionplans.extract import read_pdf
>>> doc = read_pdf("tests/pdfs/leics-2023-ruled.pdf")  # doctest: +SKIP
>>> doc.tables[0].rows[1].cells[10].fill  # doctest: +SKIP
'#92d050'
"""

from __future__ import annotations

from .document import VERSION
from .page import read_page

__all__ = ["read_page", "VERSION"]
