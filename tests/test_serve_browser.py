"""`actionplans serve` in a real headless browser (issue 19): the command starts Datasette on a
free local port, the actions page opens with facet counts equal to DuckDB's, the lineage canned
query shows the chain, and no page logs a console error.  Screenshots go to tests/artifacts/."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser import ARTIFACTS  # skips this module where Playwright or Chromium is missing

from actionplans.store import Database

START_TIMEOUT = 90  # s: building the mirror and starting Datasette

pytest.importorskip(
    "datasette", reason="pip install -e '.[dev]' (or '.[serve]') installs datasette"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _command() -> list[str]:
    script = Path(sys.executable).with_name("actionplans")
    return [str(script)] if script.exists() else [sys.executable, "-m", "actionplans.cli"]


@pytest.fixture(scope="module")
def server(raw_db_path, tmp_path_factory):
    """`actionplans serve --no-open` on a free port of 127.0.0.1, stopped in the end."""
    db = tmp_path_factory.mktemp("served") / "actionplans.duckdb"
    shutil.copy(raw_db_path, db)
    port = _free_port()
    log = tmp_path_factory.mktemp("serve-log") / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*_command(), "serve", "--db", str(db), "--port", str(port), "--no-open"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(
                    f"actionplans serve exited {proc.returncode}:"
                    f" {log.read_text(errors='replace')[-2000:]}"
                )
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"actionplans serve did not answer in {START_TIMEOUT} s:"
                    f" {log.read_text(errors='replace')[-2000:]}"
                )
            time.sleep(0.25)
        yield base, db
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture
def page(browser, server):
    base, _ = server
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.set_default_timeout(15_000)
    pg = context.new_page()
    problems: list[str] = []
    pg.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on(
        "request",
        lambda r: (
            problems.append(f"request off the server: {r.url}")
            if not r.url.startswith((base, "data:", "about:"))
            else None
        ),
    )
    pg.on(
        "response",
        lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    pg.problems = problems
    yield pg
    context.close()


def _facet(pg, column: str) -> dict[str, int]:
    """A facet's values and counts as the page shows them ("Leicestershire County Council 268")."""
    found = {}
    for item in pg.locator(f'.facet-info[data-column="{column}"] li').all_inner_texts():
        m = re.fullmatch(r"(.+?)\s+([\d,]+)", item.strip())
        if m:
            found[m.group(1)] = int(m.group(2).replace(",", ""))
    return found


def _duck_counts(db: Path, column: str) -> dict[str, int]:
    database = Database(db, read_only=True)
    try:
        rows = database.conn.execute(
            f"SELECT {column}, count(*) FROM actions GROUP BY {column}"
        ).fetchall()
    finally:
        database.close()
    return {value: n for value, n in rows}


def test_actions_page_facet_counts_match_duckdb(page, server):
    base, db = server
    page.goto(f"{base}/actionplans/actions", wait_until="load")
    assert "actions" in page.title()
    total = _duck_counts(db, "1")
    assert page.locator("h3").first.inner_text().startswith(f"{sum(total.values()):,} row")
    for column in ("council", "plan"):
        shown = _facet(page, column)
        assert shown and shown == _duck_counts(db, column), column
    for column in ("edition", "theme", "stage", "rag"):
        assert page.locator(f'.facet-info[data-column="{column}"]').count() == 1, column
    assert page.locator("table.rows-and-columns tbody tr").count() > 0
    assert page.locator("a.lineage-link").count() > 0  # each action links to its lineage
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".facet-results").scroll_into_view_if_needed()  # the facets and the first rows
    page.screenshot(path=str(ARTIFACTS / "serve-actions.png"))
    assert page.problems == []


def test_lineage_query_shows_the_chain(page, server):
    base, _ = server
    page.goto(
        f"{base}/actionplans/lineage?doc_id=leics-2025-appendix-b&action_id=T6", wait_until="load"
    )
    table = page.locator("table.rows-and-columns")
    ids = table.locator("td.col-action_id").all_inner_texts()
    assert ids == ["T18", "T6"]
    assert "Design" in table.inner_text()  # the 2023 stage
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-lineage.png"), full_page=True)
    assert page.problems == []


def test_an_action_links_to_its_lineage(page, server):
    base, _ = server
    page.goto(
        f"{base}/actionplans/actions?doc_id=leics-county-2023-12&action_id=T18", wait_until="load"
    )
    page.locator("a.lineage-link", has_text="T18").first.click()
    page.wait_for_url(re.compile(r"/actionplans/lineage\?"))
    assert page.locator("table.rows-and-columns td.col-action_id").all_inner_texts() == [
        "T18",
        "T6",
    ]
    assert page.problems == []


def test_canned_queries_listed_and_one_runs(page, server):
    base, _ = server
    page.goto(f"{base}/actionplans", wait_until="load")
    assert page.locator('a[href$="/actionplans/q01-what-is-in-the-database"]').count() == 1
    page.goto(f"{base}/actionplans/q17-dropped-per-theme", wait_until="load")
    assert page.locator("table.rows-and-columns tbody tr").count() == 14
    assert page.problems == []


def test_an_action_page_shows_its_lineage(page, server):
    base, _ = server
    page.goto(
        f"{base}/actionplans/actions?doc_id=leics-county-2023-12&action_id=T18", wait_until="load"
    )
    page.locator("table.rows-and-columns tbody tr").first.locator("td").first.locator("a").click()
    page.wait_for_url(re.compile(r"/actionplans/actions/\d+$"))
    chain = page.locator("table.lineage")
    chain.wait_for()
    assert chain.locator("td.col-action_id").all_inner_texts() == ["T18", "T6"]
    assert chain.locator("td.col-stage").all_inner_texts()[0] == "Design"
    assert "Lineage and status history (2 editions)" in page.locator("h2#lineage").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-action-page.png"), full_page=True)
    assert page.problems == []
