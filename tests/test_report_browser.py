"""The HTML reports in a real headless browser (Debian's chromium, driven by Playwright; issue 6):
they open from disk, show the counts the JSON has, sort, filter, and log no console errors.
Screenshots go to tests/artifacts/ (not committed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from actionplans import report

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
COUNTY = "leics-county-2023-12"

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[dev]' installs playwright")
if not Path(CHROMIUM).exists():
    pytest.skip("chromium is not installed (tools/apt-packages.txt; make install)", allow_module_level=True)


@pytest.fixture(scope="module")
def reports(loaded_db_path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser-reports")
    report(db=loaded_db_path, out=out)
    return out


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})  # a laptop screen
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("request", lambda r: problems.append(f"network request: {r.url}") if not r.url.startswith(("file:", "data:")) else None)
    pg.problems = problems
    yield pg
    context.close()


def text(pg, selector: str) -> str:
    return pg.inner_text(selector).strip()


def test_index_opens_and_shows_the_counts(page, reports):
    index = json.loads((reports / "index.json").read_text(encoding="utf-8"))
    page.goto((reports / "index.html").as_uri())
    assert page.title() == "actionplans validation reports"
    assert text(page, "#count-documents") == str(len(index["documents"]))
    assert text(page, "#count-actions") == str(sum(d["actions"] for d in index["documents"]))
    assert text(page, "#count-warning") == str(sum(d["findings"]["warning"] for d in index["documents"]))
    rows = page.locator("#documents tbody tr")
    assert rows.count() == len(index["documents"]) + len(index["failures"])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
    page.click(f'a[href="{COUNTY}.html"]')
    assert page.url.endswith(f"{COUNTY}.html")
    assert page.problems == []


def test_document_report_counts_sorting_and_filter(page, reports):
    data = json.loads((reports / f"{COUNTY}.json").read_text(encoding="utf-8"))
    page.goto((reports / f"{COUNTY}.html").as_uri())
    s = data["summary"]
    assert text(page, "#count-actions") == str(s["actions"]) == "176"
    assert text(page, "#count-warning") == str(s["findings"]["warning"])
    assert text(page, "#count-error") == str(s["findings"]["error"])
    assert text(page, "#completeness") == f"{s['completeness'] * 100:.0f}%"
    rows = page.locator("#findings tbody tr")
    assert rows.count() == len(data["groups"])  # one row per cause (issue 19)
    assert sum(int(r.get_attribute("data-count")) for r in rows.all()) == len(data["findings"])
    # worst first: the first row has the worst severity present
    worst = data["findings"][0]["severity"]
    assert rows.first.get_attribute("data-severity") == worst
    for needle in ("R3", "N6", "B11", "deliverability 18 != timescale S (3)"):
        assert page.locator("#findings", has_text=needle).count() == 1, needle
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{COUNTY}.png"))

    # sorting: the action column, ascending then descending
    header = page.locator("#findings thead th", has_text="action")
    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    ids = page.locator("#findings tbody tr td:nth-child(4)").all_inner_texts()
    assert ids == sorted(ids, key=str.lower)
    header.click()
    assert header.get_attribute("aria-sort") == "descending"
    assert page.locator("#findings tbody tr td:nth-child(4)").all_inner_texts() == sorted(ids, key=str.lower, reverse=True)

    # filter: typing N6 leaves its finding
    page.fill("#filter-text", "N6")
    visible = page.locator("#findings tbody tr:not(.hidden)")
    assert visible.count() == 1 and "deliverability score is empty" in visible.first.inner_text()
    assert text(page, "#filter-count") == "1 shown"
    page.fill("#filter-text", "")
    page.select_option("#filter-severity", "info")
    assert page.locator("#findings tbody tr:not(.hidden)").count() == sum(g["severity"] == "info" for g in data["groups"])
    assert page.problems == []


@pytest.mark.parametrize("doc_id", ["leics-council-2023-12", "leics-2025-appendix-b", "cambs-cces-progress", "leics-lcan-narrative"])
def test_every_report_opens_cleanly(page, reports, doc_id):
    page.goto((reports / f"{doc_id}.html").as_uri())
    data = json.loads((reports / f"{doc_id}.json").read_text(encoding="utf-8"))
    assert text(page, "#count-actions") == str(data["summary"]["actions"])
    assert page.locator("#findings tbody tr").count() == len(data["groups"])
    assert page.problems == []
