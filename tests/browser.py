"""Headless Chromium for the browser tests (validation reports, `actionplans serve`): one launcher.

Debian's chromium (tools/apt-packages.txt), driven by Playwright; a module that imports this
is skipped, with the reason, where either is missing.  The ``browser`` fixture is in conftest.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"  # screenshots (gitignored)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="pip install -e '.[dev]' installs playwright"
)
if not Path(CHROMIUM).exists():
    pytest.skip(
        "chromium is not installed (tools/apt-packages.txt; make install)", allow_module_level=True
    )


def launch(playwright):
    """Debian's Chromium, headless, cut off from the network's background services."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
