"""docs/sql-cookbook.md: every query runs on a fresh database and gives the output shown under
it."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "build_cookbook", ROOT / "docs" / "build_cookbook.py"
)
build_cookbook = importlib.util.module_from_spec(_spec)
sys.modules["build_cookbook"] = build_cookbook  # dataclasses look their module up
_spec.loader.exec_module(build_cookbook)

TEXT = build_cookbook.COOKBOOK.read_text(encoding="utf-8")
ENTRIES = build_cookbook.entries(TEXT)


@pytest.fixture
def cookbook_db(raw_db_path) -> Path:
    """data/raw ingested exactly as `make setup` and docs/build_cookbook.py do."""
    return raw_db_path


def test_at_least_ten_questions_each_with_sql_and_output():
    assert len(ENTRIES) >= 10
    assert len(ENTRIES) == TEXT.count("```sql") == TEXT.count(build_cookbook.OPEN)
    assert len({e.slug for e in ENTRIES}) == len(ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.slug for e in ENTRIES])
def test_query_gives_the_output_shown(entry, cookbook_db):
    got = build_cookbook.render_output(entry.sql, cookbook_db).strip()
    assert got == entry.output.strip(), (
        f"{entry.title!r}: the cookbook shows a stale output; run `python docs/build_cookbook.py`"
    )


def test_rebuild_only_touches_outputs(cookbook_db):
    blanked = re.sub(r"(<!-- output -->\n).*?(<!-- /output -->)", r"\1\2", TEXT, flags=re.S)
    assert build_cookbook.rebuild(blanked, cookbook_db) == TEXT


def test_check_mode_reports_stale_output(tmp_path, cookbook_db, monkeypatch, capsys):
    stale = tmp_path / "sql-cookbook.md"
    stale.write_text(TEXT.replace("| 56      |", "| 57      |", 1), encoding="utf-8")
    monkeypatch.setattr(build_cookbook, "COOKBOOK", stale)
    assert build_cookbook.main(["--check", "--db", str(cookbook_db)]) == 1
    assert "-| " in capsys.readouterr().out


def test_a_question_runs_from_the_cli_as_shown(cookbook_db, tmp_path):
    """What the cookbook tells readers to do: save a query, run
    `actionplans sql --file ... --format markdown`."""
    from click.testing import CliRunner

    from actionplans.cli import cli

    entry = next(e for e in ENTRIES if "per theme and stage" in e.title)
    query = tmp_path / "question.sql"
    query.write_text(entry.sql, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["sql", "--file", str(query), "--format", "markdown", "--db", str(cookbook_db)]
    )
    assert result.exit_code == 0, result.output
    table = entry.output.strip().rsplit("\n\n", 1)[0]  # without the row count
    assert result.output.strip() == table
