"""Regenerate the outputs in docs/sql-cookbook.md from a fresh database.

    python docs/build_cookbook.py           # rewrite the outputs in place
    python docs/build_cookbook.py --check   # exit 1 and show a diff if any output is stale

The SQL in the cookbook is the source; this script only rewrites the output block under
each query.  It ingests ``data/raw`` into a temporary database (exactly what
``make setup`` does), runs every ``sql`` block and renders the result as
``actionplans sql --format markdown`` would.  ``tests/test_cookbook.py`` runs the same
queries and fails when an output shown in the cookbook is no longer what the query returns.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COOKBOOK = ROOT / "docs" / "sql-cookbook.md"
RAW = ROOT / "data" / "raw"

OPEN, CLOSE = "<!-- output -->", "<!-- /output -->"

# A question: its heading, its SQL block, and the output block that follows it.
_ENTRY = re.compile(
    r"^## (?P<title>[^\n]+)\n(?:(?!^## ).)*?"
    r"^```sql\n(?P<sql>.*?)^```\n\s*"
    r"^" + re.escape(OPEN) + r"\n(?P<output>.*?)^" + re.escape(CLOSE) + r"$",
    re.S | re.M,
)


@dataclass(frozen=True)
class Entry:
    title: str
    sql: str
    output: str  # as shown in the cookbook, without the markers
    span: tuple[int, int]  # of the output text

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")[:60]


def entries(text: str) -> list[Entry]:
    """The questions of a cookbook, in order."""
    return [
        Entry(m["title"].strip(), m["sql"], m["output"], m.span("output"))
        for m in _ENTRY.finditer(text)
    ]


def fresh_database(path: Path) -> Path:
    """Ingest the bundled documents (data/raw, with its manifest) into ``path``."""
    from actionplans import ingest

    report = ingest([RAW], db=path, progress=False)
    for failed in report.failed:  # the others still load, as with `make demo`
        print(f"warning: {failed.summary()}", file=sys.stderr)
    return path


def render_output(sql: str, db: Path) -> str:
    """The block shown under a query: its result as a markdown table, and the row count."""
    from actionplans import sql as run_sql
    from actionplans.output import render

    df = run_sql(sql, db=db)
    rows = len(df)
    table = render(df, "markdown") if rows else "(no rows)"
    return f"{table}\n\n{rows} row{'s' if rows != 1 else ''}\n"


def rebuild(text: str, db: Path) -> str:
    """The cookbook with every output block regenerated."""
    parts, last = [], 0
    for entry in entries(text):
        start, end = entry.span
        parts += [text[last:start], "\n" + render_output(entry.sql, db) + "\n"]
        last = end
    parts.append(text[last:])
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="fail if an output is stale; change nothing"
    )
    parser.add_argument(
        "--db", type=Path, help="use this database instead of a fresh ingest of data/raw"
    )
    args = parser.parse_args(argv)
    text = COOKBOOK.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or fresh_database(Path(tmp) / "cookbook.duckdb")
        new = rebuild(text, db)
    count = len(entries(text))
    if args.check:
        if new != text:
            sys.stdout.writelines(
                difflib.unified_diff(
                    text.splitlines(True), new.splitlines(True), "sql-cookbook.md", "regenerated"
                )
            )
            print("\nstale outputs: run `python docs/build_cookbook.py`", file=sys.stderr)
            return 1
        print(f"{count} questions, outputs up to date")
        return 0
    COOKBOOK.write_text(new, encoding="utf-8")
    print(
        f"{count} questions, outputs {'unchanged' if new == text else 'rewritten'} in"
        f" {COOKBOOK.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
