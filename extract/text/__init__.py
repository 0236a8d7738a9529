"""Readers for text dumps made by other tools: markdown pipe tables, tab-separated text, prose."""

from .markdown import read_markdown
from .prose import read_prose
from .tsv import read_tsv

__all__ = ["read_markdown", "read_tsv", "read_prose"]
