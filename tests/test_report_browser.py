"""The HTML reports in a real headless browser (Debian's chromium, driven by Playwright; issue 6):
they open from disk, show the counts the JSON has, sort, filter, and log no console errors.
Screenshots go to tests/artifacts/ (not committed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import ARTIFACTS  # skips this module where Playwright or Chromium is missing

from actionplans import report

COUNTY = "leics-county-2023-12"


@pytest.fixture(scope="module")
def reports(loaded_db_path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser-reports")
    report(db=loaded_db_path, out=out)
    return out


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})  # a laptop screen
    pg = context.new_page()
    problems: list[str] = []
    pg.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on(
        "request",
        lambda r: (
            problems.append(f"network request: {r.url}")
            if not r.url.startswith(("file:", "data:"))
            else None
        ),
    )
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
    assert text(page, "#count-warning") == str(
        sum(d["findings"]["warning"] for d in index["documents"])
    )
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
    assert page.locator("#findings tbody tr td:nth-child(4)").all_inner_texts() == sorted(
        ids, key=str.lower, reverse=True
    )

    # filter: typing N6 leaves its finding
    page.fill("#filter-text", "N6")
    visible = page.locator("#findings tbody tr:not(.hidden)")
    assert visible.count() == 1 and "deliverability score is empty" in visible.first.inner_text()
    assert text(page, "#filter-count") == "1 shown"
    page.fill("#filter-text", "")
    page.select_option("#filter-severity", "info")
    assert page.locator("#findings tbody tr:not(.hidden)").count() == sum(
        g["severity"] == "info" for g in data["groups"]
    )
    assert page.problems == []


@pytest.mark.parametrize(
    "doc_id",
    [
        "leics-council-2023-12",
        "leics-2025-appendix-b",
        "cambs-cces-progress",
        "leics-lcan-narrative",
    ],
)
def test_every_report_opens_cleanly(page, reports, doc_id):
    page.goto((reports / f"{doc_id}.html").as_uri())
    data = json.loads((reports / f"{doc_id}.json").read_text(encoding="utf-8"))
    assert text(page, "#count-actions") == str(data["summary"]["actions"])
    assert page.locator("#findings tbody tr").count() == len(data["groups"])
    assert page.problems == []


# -- issue 19: the verdict first, grouped findings, charts, thumbnails that zoom in place ----------

SAMPLE_PDF = (
    Path(__file__).resolve().parent.parent / "data" / "raw" / "samples" / "leics-council-2023.pdf"
)


@pytest.fixture(scope="module")
def pdf_reports(tmp_path_factory) -> Path:
    """The council sample PDF (29 rows without a RAG colour after page 1), reported with crops."""
    if not SAMPLE_PDF.exists():
        pytest.skip("sample PDFs not rendered (data/raw/samples/render_pdfs.py)")
    from actionplans import ingest

    tmp = tmp_path_factory.mktemp("browser-pdf")
    assert ingest([SAMPLE_PDF], db=tmp / "pdf.duckdb", progress=False).ok
    report(db=tmp / "pdf.duckdb", out=tmp / "out")
    return tmp / "out"


def test_index_shows_the_verdict_first(page, reports):
    index = json.loads((reports / "index.json").read_text(encoding="utf-8"))
    page.goto((reports / "index.html").as_uri())
    assert text(page, "#documents thead th:first-child").startswith("verdict")
    badges = page.locator("#documents tbody tr td:first-child .verdict-badge").all_inner_texts()
    assert [b.lower() for b in badges] == [d["verdict"]["level"] for d in index["documents"]]
    assert text(page, "#count-trusted") == str(
        sum(d["verdict"]["level"] == "trusted" for d in index["documents"])
    )
    box = page.locator("#documents tbody tr").first.bounding_box()
    assert box["y"] < 900  # the least trusted document is on the first screen, without scrolling
    assert page.problems == []


def test_document_page_opens_on_its_verdict(page, pdf_reports):
    (doc_id,) = [p.stem for p in pdf_reports.glob("*.json") if p.name != "index.json"]
    data = json.loads((pdf_reports / f"{doc_id}.json").read_text(encoding="utf-8"))
    page.goto((pdf_reports / f"{doc_id}.html").as_uri())
    verdict = page.locator("#verdict")
    assert (
        verdict.get_attribute("data-verdict") == data["summary"]["verdict"]["level"] == "do not use"
    )
    assert verdict.bounding_box()["y"] < page.locator(".cards").first.bounding_box()["y"] < 900
    assert "29 of 36 actions" in verdict.inner_text()
    # one row for the 29 findings of one cause, with one crop
    row = page.locator("#findings tbody tr", has_text="no RAG colour")
    assert (
        row.count() == 1
        and row.get_attribute("data-count") == "29"
        and row.locator("img.thumb").count() == 1
    )
    # the charts are drawn: a column per page, the tallest where the RAG column is lost
    bars = page.locator("#chart-pages g.bar")
    assert (
        bars.count() == 4 and page.locator("#chart-pages rect").first.bounding_box()["height"] > 10
    )
    assert page.locator("#chart-fields g.bar").first.get_attribute("data-label") == "rag"
    assert page.problems == []


def _layout(pg) -> dict:
    return pg.evaluate("""() => {
        const r = el => { const b = el.getBoundingClientRect();
                          return [b.x, b.y + scrollY, b.width, b.height]; };
        const rows = [...document.querySelectorAll('#findings tbody tr')].map(r);
        return {table: r(document.getElementById('findings')), rows: rows,
                next: r(document.getElementById('corrections')),
                scrollWidth: document.documentElement.scrollWidth,
                clientWidth: document.documentElement.clientWidth};
    }""")


def test_a_thumbnail_zooms_without_moving_the_page(page, pdf_reports):
    (doc_id,) = [p.stem for p in pdf_reports.glob("*.json") if p.name != "index.json"]
    page.goto((pdf_reports / f"{doc_id}.html").as_uri())
    thumb = page.locator("#findings img.thumb").first
    thumb.scroll_into_view_if_needed()
    before, small = _layout(page), thumb.bounding_box()
    assert before["scrollWidth"] <= before["clientWidth"]
    for action in (thumb.hover, thumb.click):
        action()
        page.wait_for_timeout(300)  # the zoom's transition
        big = thumb.bounding_box()
        assert big["width"] > 1.8 * small["width"] and big["height"] > 1.8 * small["height"], action
        after = _layout(page)
        # no row, table or heading moved; no horizontal scroll bar appeared
        assert after == before, action
        page.mouse.move(0, 0)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "thumbnail-zoom.png"))
    page.keyboard.press("Tab")  # focus moves on: the thumbnail shrinks back
    page.locator("#filter-text").focus()
    page.wait_for_timeout(300)
    assert abs(thumb.bounding_box()["width"] - small["width"]) < 1
    assert page.problems == []
