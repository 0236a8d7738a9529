"""PDF reader: action tables out of born-digital PDFs, with cell colours and provenance.

>>> from actionplans.extract.pdf import read_pdf
>>> doc = read_pdf("tests/pdfs/leics-2023-ruled.pdf")  # doctest: +SKIP
>>> doc.tables[0].rows[1].cells[10].fill  # doctest: +SKIP
'#92d050'
"""

from __future__ import annotations

from .document import VERSION, read_pdf

__all__ = ["read_pdf", "VERSION"]
