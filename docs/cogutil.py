"""Helpers for the cog blocks in README.md and docs/*.md: run real commands, paste real output.

The database is built once per cog run from data/raw (like `make demo`) in a
temporary folder, and every command runs against it through $ACTIONPLANS_DB.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_DB: Path | None = None


def database() -> Path:
    global _DB
    if _DB is None:
        _DB = Path(tempfile.mkdtemp()) / "readme.duckdb"
        _run(["actionplans", "ingest", "data/raw", "--db", str(_DB), "--quiet"], check=False)
    return _DB


def _run(argv: list[str], check: bool = True) -> str:
    exe = Path(sys.executable).parent / argv[0]
    if exe.exists():
        argv = [str(exe), *argv[1:]]
    env = {**os.environ, "ACTIONPLANS_DB": str(_DB) if _DB else "", "COLUMNS": "120"}
    out = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, env=env)
    if check and out.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {out.stderr}")
    return out.stdout


def sh(command: str) -> None:
    """Print a fenced block with the command and its real output (for cog)."""
    import cog  # provided by cogapp at run time

    database()
    output = _run(shlex.split(command))
    cog.outl("```console")
    cog.outl(f"$ {command}")
    cog.out(output)
    cog.outl("```")
