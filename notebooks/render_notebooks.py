"""Run the notebooks top to bottom and save them with their outputs.

    python notebooks/render_notebooks.py                 # fresh ingest of data/raw, run all, write notebooks/rendered/
    python notebooks/render_notebooks.py --db FILE       # run against an existing database instead
    python notebooks/render_notebooks.py 02_plan_evolution.py --no-write

The notebooks are jupytext percent scripts (``notebooks/*.py``): those are the
source, and the ``.ipynb`` files in ``notebooks/rendered/`` are made from them.
``tests/test_notebooks.py`` runs every notebook the same way and fails on any error.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RENDERED = HERE / "rendered"


def notebooks() -> list[Path]:
    """The notebook sources, in order."""
    return sorted(p for p in HERE.glob("[0-9]*.py"))


def execute(source: Path, db: Path, timeout: int = 120) -> nbformat.NotebookNode:
    """Run one notebook against ``db`` (via $ACTIONPLANS_DB) and return it with its outputs.

    Raises ``nbclient.exceptions.CellExecutionError`` naming the cell on any error.
    """
    nb = jupytext.read(source)
    nb.metadata.pop("jupytext", None)  # the rendered copy is not paired with the script
    old = os.environ.get("ACTIONPLANS_DB")
    os.environ["ACTIONPLANS_DB"] = str(db)  # the kernel inherits the environment
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(HERE)}}).execute()
    finally:
        if old is None:
            os.environ.pop("ACTIONPLANS_DB", None)
        else:
            os.environ["ACTIONPLANS_DB"] = old
    return nb


def stable(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The same notebook renders to the same file: cell ids by position, no run timestamps."""
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i:02d}"
        cell.metadata.pop("execution", None)
    return nb


def fresh_database(path: Path) -> Path:
    """Ingest data/raw into ``path`` as `make setup` does."""
    from actionplans import ingest

    report = ingest([ROOT / "data" / "raw"], db=path, progress=False)
    for failed in report.failed:
        print(f"warning: {failed.summary()}", file=sys.stderr)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="notebook files (default: all)")
    parser.add_argument("--db", type=Path, help="database to run against (default: a fresh ingest of data/raw)")
    parser.add_argument("--no-write", action="store_true", help="run only; write nothing")
    args = parser.parse_args(argv)
    sources = [HERE / Path(n).name for n in args.names] or notebooks()
    with tempfile.TemporaryDirectory() as tmp:
        if args.db is not None and not args.db.is_file():
            parser.error(f"--db {args.db}: no such database")
        # the kernel runs in notebooks/: a relative --db is resolved here, from where the command was given
        db = args.db.resolve() if args.db else fresh_database(Path(tmp) / "notebooks.duckdb")
        for source in sources:
            start = time.perf_counter()
            nb = stable(execute(source, db))
            if not args.no_write:
                RENDERED.mkdir(exist_ok=True)
                target = RENDERED / source.with_suffix(".ipynb").name
                nbformat.write(nb, target)
                where = f" -> {target.relative_to(ROOT)}"
            else:
                where = ""
            print(f"{source.name}: ran in {time.perf_counter() - start:.1f}s{where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
