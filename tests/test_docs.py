"""The README's outputs are real and current, and every CLI command is documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from actionplans.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_readme_cog_output_is_current():
    """README.md and the manual pages under docs/: every pasted output is what the command prints
    now."""
    cog = Path(sys.executable).parent / "cog"
    pages = ["README.md"] + sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "docs").glob("*.md")
        if "[[[cog" in p.read_text(encoding="utf-8")
    )
    assert len(pages) >= 5, pages  # the manual's pages with outputs were found
    out = subprocess.run(
        [str(cog), "--check", "-I", "docs", *pages], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, f"stale: run `make docs`\n{out.stdout}{out.stderr}"


def test_readme_is_a_front_door():
    """At most ~250 lines, linking every manual page; the long sections live in docs/ (issue 19)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    for page in (
        "docs/ingesting.md",
        "docs/database.md",
        "docs/lineage.md",
        "docs/reading-pdfs.md",
        "docs/reports.md",
        "docs/operations.md",
        "docs/benchmarks.md",
    ):
        assert f"]({page})" in readme and (ROOT / page).exists(), page


def _commands(group, prefix=""):
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        if hasattr(command, "commands"):
            yield from _commands(command, full + " ")
        else:
            yield full


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in _commands(cli) if f"actionplans {c}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"
