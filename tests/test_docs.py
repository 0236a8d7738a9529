"""The README's outputs are real and current, and every CLI command is documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from actionplans.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_readme_cog_output_is_current():
    cog = Path(sys.executable).parent / "cog"
    out = subprocess.run([str(cog), "--check", "-I", "docs", "README.md"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, f"README.md is stale: run `make docs`\n{out.stdout}{out.stderr}"


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
