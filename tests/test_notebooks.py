"""notebooks/*.py run top to bottom (nbclient) against a freshly ingested database, without
error."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "notebooks_render", ROOT / "notebooks" / "render_notebooks.py"
)
render = importlib.util.module_from_spec(_spec)
sys.modules["notebooks_render"] = render
_spec.loader.exec_module(render)

NOTEBOOKS = render.notebooks()
LABELS = ROOT / "data" / "raw" / "lineage" / "leicestershire-2023-2025" / "crosswalk.csv"


@pytest.fixture
def raw_db(raw_db_path) -> Path:
    """data/raw ingested as `make setup` does (conftest.py)."""
    return raw_db_path


def _outputs(nb: nbformat.NotebookNode) -> tuple[str, int]:
    """All text the notebook printed or displayed, and how many images it drew."""
    texts, images = [], 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            texts.append(out.get("text", ""))
            data = out.get("data", {})
            texts.append(data.get("text/plain", ""))
            images += "image/png" in data
    return "\n".join(texts), images


def _db_with_links(raw_db: Path, target: Path, labelled: bool) -> Path:
    """A copy of ``raw_db`` whose links are empty, or the hand-labelled Leicestershire links."""
    shutil.copy(raw_db, target)
    con = duckdb.connect(str(target))
    con.execute("DELETE FROM links")
    if labelled:
        con.execute(f"""
            INSERT INTO links BY NAME
            SELECT split_part("from", ':', 1) AS from_doc_id,
                   split_part(split_part("from", ':', 2), '#', 1) AS from_action_id,
                   split_part("to", ':', 1) AS to_doc_id,
                   split_part(split_part("to", ':', 2), '#', 1) AS to_action_id,
                   relation, 1.0 AS score, 'label' AS method, note AS evidence,
                   "from" AS from_key, "to" AS to_key
            FROM read_csv('{LABELS}', all_varchar = true)
            WHERE relation IN ('same', 'merged', 'split', 'related')
              AND coalesce("from", '') <> '' AND coalesce("to", '') <> ''
        """)
    con.close()
    return target


def test_there_are_at_least_three_notebooks():
    assert len(NOTEBOOKS) >= 3
    for source in NOTEBOOKS:
        assert source.read_text(encoding="utf-8").startswith("# ---\n# jupyter:"), source.name


@pytest.mark.parametrize("source", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(source, raw_db):
    nb = render.execute(source, raw_db)  # raises CellExecutionError, naming the cell, on any error
    text, images = _outputs(nb)
    assert images >= 1 or source.stem.startswith("02"), f"{source.name} drew no chart"
    assert "Traceback" not in text


def test_document_tour_draws_the_rag_mix_when_there_is_one(raw_db, tmp_path, monkeypatch):
    db = tmp_path / "rag.duckdb"
    shutil.copy(raw_db, db)
    con = duckdb.connect(str(db))
    con.execute(
        """UPDATE actions SET rag = CASE source_row % 3 WHEN 0 THEN 'Green' WHEN 1 THEN 'Amber'
                                         ELSE 'Red' END
                   WHERE doc_id = 'leics-council-2023-12'"""
    )
    con.close()
    monkeypatch.setenv("ACTIONPLANS_DOC", "leics-council-2023-12")
    text, images = _outputs(render.execute(ROOT / "notebooks" / "01_document_tour.py", db))
    assert images == 2  # stages per theme, and the RAG pie
    assert "No RAG status recorded" not in text and "Amber" in text


def test_plan_evolution_says_so_without_links(raw_db, tmp_path):
    db = _db_with_links(raw_db, tmp_path / "nolinks.duckdb", labelled=False)
    text, images = _outputs(render.execute(ROOT / "notebooks" / "02_plan_evolution.py", db))
    assert "has no links between these editions yet" in text
    assert "No links: no flow chart" in text and images == 0


@pytest.mark.skipif(not LABELS.exists(), reason="no hand-labelled links in data/raw/lineage")
def test_plan_evolution_with_links(raw_db, tmp_path):
    db = _db_with_links(raw_db, tmp_path / "labelled.duckdb", labelled=True)
    text, images = _outputs(render.execute(ROOT / "notebooks" / "02_plan_evolution.py", db))
    assert images == 2  # the Sankey diagrams: everything, and what was carried forward
    assert "reworded" in text and "merged" in text and "added in 2025" in text
    assert "T6" in text  # T18's status history reaches 2025 T6


def test_rendered_copies_are_committed():
    for source in NOTEBOOKS:
        rendered = render.RENDERED / f"{source.stem}.ipynb"
        assert rendered.exists(), (
            f"run `python notebooks/render_notebooks.py` to render {source.name}"
        )
        nb = nbformat.read(rendered, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code and all(c.get("execution_count") for c in code), (
            f"{rendered.name} has unrun cells"
        )


def test_a_rendered_notebook_is_stable_between_runs(raw_db):
    """Cell ids by position and no run timestamps: rendering twice rewrites nothing but outputs
    (issue 19)."""
    source = ROOT / "notebooks" / "01_document_tour.py"
    first, second = (render.stable(render.execute(source, raw_db)) for _ in range(2))
    assert (
        [c.id for c in first.cells]
        == [c.id for c in second.cells]
        == [f"cell-{i:02d}" for i in range(len(first.cells))]
    )
    assert not any("execution" in c.metadata for c in first.cells)


def test_render_takes_a_db_path_relative_to_where_it_is_run(raw_db, tmp_path):
    """`python notebooks/render_notebooks.py --db data/clean/...` from the repository root resolves
    from there."""
    local = tmp_path / "here.duckdb"
    shutil.copy(raw_db, local)
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "notebooks" / "render_notebooks.py"),
            "01_document_tour.py",
            "--db",
            "here.duckdb",
            "--no-write",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert "01_document_tour.py: ran" in result.stdout
