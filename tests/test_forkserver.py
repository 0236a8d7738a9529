"""The `actionplans` command starts its worker server before it imports the package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT

from actionplans.forkserver import reads_documents


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["/venv/bin/actionplans", "ingest", "plan.pdf"], True),
        (["actionplans", "--debug", "ingest", "data/raw", "--jobs", "2"], True),
        (["actionplans", "reextract", "--db", "x.duckdb"], True),
        (["actionplans", "ingest", "plan.pdf", "--jobs", "0"], False),
        (["actionplans", "ingest", "plan.pdf", "--jobs=0"], False),
        (["actionplans", "ingest", "plan.pdf", "--engine", "ray"], False),
        (["actionplans", "ingest", "--help"], False),
        (["actionplans", "sql", "SELECT 1"], False),
        (["actionplans"], False),
        (["/usr/bin/pytest", "ingest"], False),
        (["-c"], False),
    ],
)
def test_which_command_lines_start_the_server_early(argv, expected):
    assert reads_documents(argv) is expected


def _run_python(code: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS",)}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_command_about_to_ingest_has_its_server_running_once_the_package_is_imported():
    out = _run_python(
        """
        import os, sys
        sys.argv = ["/venv/bin/actionplans", "ingest", "plan.pdf"]
        import actionplans
        from multiprocessing import forkserver
        pid = forkserver._forkserver._forkserver_pid
        os.kill(pid, 0)  # alive
        print(pid > 0, os.environ.get("OMP_NUM_THREADS"))
        """
    )
    # running, and this process's own environment left as it was
    assert out == "True None"


def test_the_python_api_starts_no_server():
    out = _run_python(
        """
        import sys
        sys.argv = ["/venv/bin/python", "script.py"]
        import actionplans
        from multiprocessing import forkserver
        print(forkserver._forkserver._forkserver_pid)
        """
    )
    assert out == "None"


def test_the_command_reads_a_document_with_the_early_server(tmp_path):
    exe = shutil.which("actionplans") or str(ROOT / ".venv" / "bin" / "actionplans")
    pdf = ROOT / "data" / "raw" / "samples" / "leics-county-2023-ruled.pdf"
    done = subprocess.run(
        [exe, "ingest", str(pdf), "--db", str(tmp_path / "a.duckdb"), "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "1 loaded, 0 unchanged, 0 failed" in done.stdout


def test_every_module_the_server_preloads_exists():
    # the forkserver skips a preload module it cannot import, silently: a typo would cost every
    # worker the imports again
    out = _run_python(
        """
        import importlib
        from actionplans.forkserver import PRELOAD
        for name in PRELOAD:
            importlib.import_module(name)
        print(len(PRELOAD))
        """
    )
    assert int(out) >= 2
