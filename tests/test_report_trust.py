"""Reports that rank trust (issue 19): a verdict per document from the rules in
actionplans/reports/verdict.py, OCR findings located on their row, charts of findings per page and
per field.  Real ingests of the bundled seeds and sample PDFs; findings a rule needs are added to
the findings table as ingest would write them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS
from test_report import make_pdf, pdf_db, validate

from actionplans import ingest, report
from actionplans.cli import cli
from actionplans.reports import verdict as V
from actionplans.store import Database

COUNCIL = "leics-council-2023-12"
SAMPLES = ROOT / "data" / "raw" / "samples"


def load(out: Path, doc_id: str) -> dict:
    return json.loads((out / f"{doc_id}.json").read_text(encoding="utf-8"))


# -- the bundled documents --------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_reports(loaded_db_path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("trust")
    report(db=loaded_db_path, out=out)
    return out


def test_every_document_has_a_verdict_with_reasons(seed_reports):
    index = json.loads((seed_reports / "index.json").read_text(encoding="utf-8"))
    validate(index, "index")
    verdicts = {d["doc_id"]: d["verdict"]["level"] for d in index["documents"]}
    assert verdicts == {
        COUNCIL: "trusted",
        "leics-county-2023-12": "check",
        "cambs-cces-progress": "check",
        "leics-lcan-narrative": "check",
        "leics-2025-appendix-b": "check",
    }
    for d in index["documents"]:
        data = load(seed_reports, d["doc_id"])
        validate(data)
        assert data["summary"]["verdict"] == d["verdict"] and d["verdict"]["reasons"]
    county = load(seed_reports, "leics-county-2023-12")["summary"]["verdict"]
    assert (
        county["reasons"][0]["rule"] == "flagged"
        and "20 of 176 actions (11%)" in county["reasons"][0]["text"]
    )
    lcan = load(seed_reports, "leics-lcan-narrative")["summary"]["verdict"]
    # its raw rows failed their schema: a doubt
    assert [r["rule"] for r in lcan["reasons"]] == ["schema"]


def test_index_ranks_least_trusted_first_and_shows_the_verdict_first(seed_reports):
    index = json.loads((seed_reports / "index.json").read_text(encoding="utf-8"))
    ranks = [V.LEVEL_RANK[d["verdict"]["level"]] for d in index["documents"]]
    assert ranks == sorted(ranks, reverse=True)
    assert index["documents"][-1]["doc_id"] == COUNCIL
    checks = [d for d in index["documents"] if d["verdict"]["level"] == "check"]
    shares = [d["verdict"]["measures"]["flagged_share"] for d in checks]
    assert shares == sorted(shares, reverse=True)  # within a verdict, most flagged first
    html = (seed_reports / "index.html").read_text(encoding="utf-8")
    head = html.split('<table class="sortable" id="documents">')[1].split("</th>")[0]
    assert head.endswith("verdict")  # the first column
    row = html.split(f'data-doc="{COUNCIL}"')[1].split("</tr>")[0]
    assert row.index('verdict-badge trusted">trusted<') < row.index(f">{COUNCIL}</a>")
    assert html.index('id="count-do-not-use"') < html.index('id="count-documents"')


def test_document_page_shows_the_verdict_at_the_top(seed_reports):
    html = (seed_reports / "leics-county-2023-12.html").read_text(encoding="utf-8")
    body = html.split("<body>")[1]
    assert body.index('id="verdict"') < body.index('class="cards"') < body.index("<h2>")
    banner = body.split('id="verdict"')[1].split("</div>")[0]
    assert 'data-verdict="check"' in body and "20 of 176 actions (11%)" in banner


def test_readme_states_the_rules():
    # the manual page the README links
    readme = (ROOT / "docs" / "reports.md").read_text(encoding="utf-8")
    section = readme.split("## Validation reports")[1].split("\n## ")[0]
    for level in V.LEVELS:
        assert f"`{level}`" in section, level
    for text in V.RULES.values():
        assert text in section, text


# -- each rule, on a real ingest of the council plan (trusted as it loads) ---------------------


@pytest.fixture(scope="module")
def council_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("council") / "council.duckdb"
    assert ingest([next(SEEDS.glob("000_*"))], db=path, progress=False).ok
    return path


def verdict_after(council_db: Path, tmp_path: Path, *sql: str) -> dict:
    tmp_path.mkdir(parents=True, exist_ok=True)
    db = tmp_path / "db.duckdb"
    shutil.copy(council_db, db)
    with Database(db) as d:
        ids = [
            r[0]
            for r in d.sql(
                "SELECT action_id FROM actions ORDER BY page NULLS FIRST, source_row"
            ).fetchall()
        ]
        for statement in sql:
            d.sql(statement.format(*ids))
    out = tmp_path / "out"
    report(db=db, out=out)
    data = load(out, COUNCIL)
    validate(data)
    return data["summary"]["verdict"]


def finding(action: str | None, check: str, severity: str, message: str) -> str:
    action_sql = "NULL" if action is None else f"'{action}'"
    message = message.replace("'", "''")
    return (
        f"INSERT INTO findings VALUES ('{COUNCIL}', {action_sql}, '{check}', '{severity}',"
        f" '{message}')"
    )


def test_the_council_plan_is_trusted_as_it_loads(council_db, tmp_path):
    v = verdict_after(council_db, tmp_path)
    assert v["level"] == "trusted" and v["reasons"][0]["rule"] == "none"


def test_one_warning_is_not_twenty_nine(council_db, tmp_path):
    """The same 'warning' badge for 1 and 29 warnings was the complaint: 1 flagged action in 36 is
    trusted, 2 is check (over 5%), 29 is do not use."""
    one = verdict_after(
        council_db, tmp_path / "1", finding("{0}", "truncated_text", "warning", "ends on 'the'")
    )
    two = verdict_after(
        council_db,
        tmp_path / "2",
        *(finding(f"{{{k}}}", "truncated_text", "warning", "x") for k in range(2)),
    )
    many = verdict_after(
        council_db,
        tmp_path / "29",
        *(finding(f"{{{k}}}", "colour", "warning", "no RAG colour") for k in range(29)),
    )
    assert (one["level"], two["level"], many["level"]) == ("trusted", "check", "do not use")
    assert one["measures"]["flagged_share"] == round(1 / 36, 4)
    assert "29 of 36 actions (81%)" in many["reasons"][0]["text"]


@pytest.mark.parametrize(
    ("statements", "level", "rule"),
    [
        (
            [finding("{0}", "required_field", "error", "action has no description")],
            "check",
            "errors",
        ),
        (
            [
                finding(f"{{{k}}}", "required_field", "error", "action has no description")
                for k in range(4)
            ],
            "do not use",
            "errors",
        ),
        ([finding("{0}", "schema", "error", "clean actions: fails")], "do not use", "schema"),
        (
            [
                finding(
                    None, "schema", "warning", "raw rows: table 0 row 0: row fails has_provenance"
                )
            ],
            "check",
            "schema",
        ),
        (
            [
                f"UPDATE actions SET description = NULL WHERE action_id IN ('{{{k}}}')"
                for k in range(4)
            ],
            "do not use",
            "required_fields",
        ),
        (
            ["UPDATE actions SET description = NULL WHERE action_id = '{0}'"],
            "check",
            "required_fields",
        ),
        # fields no action fills do not count, so one action keeps each: of its 5 fields, 2 at 1/36
        # is 61%, 3 is 42%
        (
            ["UPDATE actions SET stage = NULL, update_text = NULL WHERE action_id <> '{0}'"],
            "check",
            "completeness",
        ),
        (
            [
                "UPDATE actions SET stage = NULL, update_text = NULL, timescale = NULL WHERE"
                " action_id <> '{0}'"
            ],
            "do not use",
            "completeness",
        ),
        (
            [finding("X9", "id_gap", "warning", "X9 is missing between X8 and X10")],
            "check",
            "id_gaps",
        ),
        (
            [finding(f"X{k}", "id_gap", "warning", "missing") for k in range(5)],
            "do not use",
            "id_gaps",
        ),
        (
            [finding(None, "metadata_guess", "info", "read from the document: council 'Leics'")],
            "check",
            "metadata_guess",
        ),
        (
            [
                finding(
                    None,
                    "profile_inference",
                    "warning",
                    "inferred profile x, id column: two candidates",
                )
            ],
            "check",
            "profile_inference",
        ),
        (
            [
                finding(
                    None,
                    "unknown_table",
                    "warning",
                    "page 3: a table with no known header was left out",
                )
            ],
            "check",
            "unknown_table",
        ),
        (["DELETE FROM actions"], "do not use", "no_actions"),
    ],
)
def test_each_rule(council_db, tmp_path, statements, level, rule):
    v = verdict_after(council_db, tmp_path, *statements)
    assert v["level"] == level, v
    assert v["reasons"][0]["rule"] == rule, v
    assert rule in V.RULES or rule in V.DOCUMENT_DOUBTS


def test_every_rule_that_fires_is_documented():
    source = (ROOT / "actionplans" / "reports" / "verdict.py").read_text(encoding="utf-8")
    fired = set(re.findall(r'fire\("(\w+)"', source))
    assert fired and fired <= set(V.RULES), fired - set(V.RULES)
    assert (
        V.FLAGGED_SHARE_CHECK < V.FLAGGED_SHARE_DO_NOT_USE
        and V.COMPLETENESS_DO_NOT_USE < V.COMPLETENESS_CHECK
    )


def test_summary_line_names_the_verdict(council_db, tmp_path):
    res = CliRunner().invoke(cli, ["report", "--db", str(council_db), "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    assert (
        res.output.splitlines()[0]
        == f"{COUNCIL}: trusted; 36 actions (0 flagged), completeness 100%, "
        "0 errors, 0 warnings, 10 info"
    )


# -- OCR findings: action, page and crop -------------------------------------------------------


def test_ocr_notes_get_their_action_page_and_crop(tmp_path):
    """An OCR note names its page and its row (by the row's first cell as OCR read it); the report
    ties it to that action, with the row's crop, like any other finding."""
    pdf = tmp_path / "sample.pdf"
    make_pdf(pdf)
    db = pdf_db(tmp_path, pdf)
    with Database(db) as d:
        d.sql("UPDATE actions SET action_id_raw = 'T2' WHERE action_id = 'T2'")
        d.sql("""INSERT INTO findings VALUES
                 ('sample-pdf', NULL, 'ocr_confidence', 'warning',
                  'page 2: OCR read ''Deliver'' (row ''T2'', column 2) with confidence 0.41; '
                  || 'check it against the page'),
                 ('sample-pdf', NULL, 'ocr_unreadable', 'warning',
                  'page 1: no text layer, and OCR found no text on the page image')""")
    out = tmp_path / "out"
    report(db=db, out=out)
    data = load(out, "sample-pdf")
    validate(data)
    (ocr,) = [f for f in data["findings"] if f["check"] == "ocr_confidence"]
    assert (ocr["action_id"], ocr["resolved_action_id"], ocr["page"], ocr["pages"]) == (
        None,
        "T2",
        2,
        [2],
    )
    assert ocr["bbox"] == [50.0, 200.0, 750.0, 240.0] and ocr["field"] == "OCR column 2"
    (lost,) = [f for f in data["findings"] if f["check"] == "ocr_unreadable"]
    assert (lost["resolved_action_id"], lost["page"]) == (None, 1)
    v = data["summary"]["verdict"]
    assert {"ocr_confidence", "lost_pages"} <= {r["rule"] for r in v["reasons"]}
    assert v["measures"]["lost_pages"] == 1 and v["level"] == "do not use"  # 1 of 2 pages lost
    html = (out / "sample-pdf.html").read_text(encoding="utf-8")
    row = (
        html.split("OCR read &#x27;Deliver&#x27;")[0].rsplit("<tr", 1)[1]
        + html.split("OCR read &#x27;Deliver&#x27;")[1].split("</tr>")[0]
    )
    assert ">T2<" in row and 'data-sort="2">2<' in row and 'src="data:image/png;base64,' in row
    row = (
        html.split("OCR found no text")[0].rsplit("<tr", 1)[1]
        + html.split("OCR found no text")[1].split("</tr>")[0]
    )
    assert 'data-sort="1">1<' in row and 'src="data:image/png;base64,' in row  # the whole page


SCAN = SAMPLES / "scanned" / "leics-county-2023-ruled-scan150.pdf"


@pytest.mark.skipif(
    shutil.which("tesseract") is None or not SCAN.exists(),
    reason="tesseract-ocr or the scan is missing",
)
def test_a_scanned_sample_shows_ocr_findings_on_their_rows(tmp_path, monkeypatch):
    monkeypatch.setenv("ACTIONPLANS_OCR_CACHE", str(tmp_path / "ocr-cache"))
    db = tmp_path / "scan.duckdb"
    assert ingest([SCAN], db=db, progress=False).ok
    out = tmp_path / "out"
    report(db=db, out=out)
    (doc_id,) = [p.stem for p in out.glob("*.json") if p.name != "index.json"]
    data = load(out, doc_id)
    ocr = [f for f in data["findings"] if f["check"] == "ocr_confidence"]
    # stored without an action ...
    assert ocr and all(f["action_id"] is None and f["page"] for f in ocr)
    located = [f for f in ocr if f["resolved_action_id"]]
    # a header cell belongs to no action
    on_rows = [f for f in ocr if "(row 'Action ID'" not in f["message"]]
    # ... shown on their row
    assert len(located) >= len(on_rows) - 1 and all(f["bbox"] for f in located)
    assert all(
        re.search(rf"\(row '{re.escape(f['resolved_action_id'][:1])}", f["message"])
        for f in located
    )
    groups = [g for g in data["groups"] if g["check"] == "ocr_confidence"]
    assert len(groups) < len(ocr)  # an 'S' read badly in one column on several rows is one cause
    assert data["summary"]["verdict"]["level"] in ("check", "do not use")
    assert any(r["rule"] == "ocr_confidence" for r in data["summary"]["verdict"]["reasons"])
    html = (out / f"{doc_id}.html").read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') == sum(
        any(data["findings"][i]["page"] for i in g["findings"]) for g in data["groups"]
    )


# -- charts --------------------------------------------------------------------------------------


@pytest.mark.skipif(
    not (SAMPLES / "leics-council-2023.pdf").exists(), reason="sample PDFs not rendered"
)
def test_charts_of_findings_per_page_and_per_field(tmp_path):
    db = tmp_path / "pdf.duckdb"
    assert ingest([SAMPLES / "leics-council-2023.pdf"], db=db, progress=False).ok
    out = tmp_path / "out"
    report(db=db, out=out)
    (doc_id,) = [p.stem for p in out.glob("*.json") if p.name != "index.json"]
    data = load(out, doc_id)
    html = (out / f"{doc_id}.html").read_text(encoding="utf-8")
    pages = html.split('<svg id="chart-pages"')[1].split("</svg>")[0]
    counts = {int(p): int(n) for p, n in re.findall(r'data-page="(\d+)" data-count="(\d+)"', pages)}
    flagged = [f for f in data["findings"] if f["severity"] != "info"]
    assert counts == {
        p: sum(p in f["pages"] for f in flagged) for p in range(1, data["document"]["pages"] + 1)
    }
    assert counts[1] == 0 and counts[2] + counts[3] + counts[4] == 29
    fields = html.split('<svg id="chart-fields"')[1].split("</svg>")[0]
    assert re.findall(r'data-label="([^"]+)" data-count="(\d+)"', fields) == [("rag", "29")]
    assert "<script" not in pages + fields and "http" not in pages + fields


def test_text_dumps_have_no_page_chart_but_a_field_chart(tmp_path, loaded_db_path):
    out = tmp_path / "out"
    report(db=loaded_db_path, doc=["leics-county-2023-12"], out=out)
    html = (out / "leics-county-2023-12.html").read_text(encoding="utf-8")
    assert 'id="chart-pages"' not in html
    fields = dict(
        re.findall(
            r'data-label="([^"]+)" data-count="(\d+)"',
            html.split('id="chart-fields"')[1].split("</svg>")[0],
        )
    )
    assert (
        fields["deliverability"] == "18"
        and fields["description"] == "1"
        and fields["action_id"] == "2"
    )


def test_a_plan_loaded_from_its_path_alone_is_check_for_its_guesses(tmp_path):
    """No manifest, no profile: the layout is inferred and the edition and title read from the text,
    so the verdict is check, naming both guesses, though no action is flagged (a real ingest)."""
    lone = tmp_path / "plan.txt"
    shutil.copy(next(SEEDS.glob("000_*")), lone)
    db = tmp_path / "lone.duckdb"
    assert ingest([lone], db=db, progress=False).ok
    res = CliRunner().invoke(cli, ["report", "--db", str(db), "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("plan: check; 36 actions (0 flagged)")
    v = load(tmp_path / "out", "plan")["summary"]["verdict"]
    assert v["level"] == "check" and {r["rule"] for r in v["reasons"]} == {
        "profile_inference",
        "metadata_guess",
    }
    html = (tmp_path / "out" / "plan.html").read_text(encoding="utf-8")
    assert "the layout profile was inferred" in html and "guessed from the document" in html


def test_an_error_about_the_document_is_check(council_db, tmp_path):
    v = verdict_after(
        council_db, tmp_path, finding(None, "id_pattern", "error", "ID 'X?' fits no pattern")
    )
    assert (
        v["level"] == "check"
        and v["reasons"][0]["rule"] == "errors"
        and "id_pattern" in v["reasons"][0]["text"]
    )


@pytest.mark.skipif(
    not (SAMPLES / "leics-2025-appendix-b.pdf").exists(), reason="sample PDFs not rendered"
)
def test_the_sample_pdfs_with_1_and_29_warnings_get_different_badges(tmp_path):
    """Issue 19's complaint, on the real sample PDFs: the 2025 appendix (1 warning) and the council
    plan that loses its RAG column after page 1 (29 warnings) both showed the same 'warning' badge.
    """
    db = tmp_path / "samples.duckdb"
    assert ingest(
        [SAMPLES / "leics-2025-appendix-b.pdf", SAMPLES / "leics-council-2023.pdf"],
        db=db,
        progress=False,
    ).ok
    out = tmp_path / "out"
    result = report(db=db, out=out)
    by_warnings = {d["findings"]["warning"]: d["verdict"]["level"] for d in result.documents}
    assert by_warnings == {1: "trusted", 29: "do not use"}
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [d["findings"]["warning"] for d in index["documents"]] == [29, 1]  # least trusted first
    html = (out / "index.html").read_text(encoding="utf-8")
    badges = re.findall(r'<span class="verdict-badge ([a-z-]+)">', html.split('id="documents"')[1])
    assert badges == ["do-not-use", "trusted"]


def test_a_document_page_links_to_its_actions_in_the_web_view(tmp_path, raw_db_path):
    """Issue 19: from a validation report, one click opens the document's actions in
    `actionplans serve`."""
    from actionplans import report

    out = tmp_path / "reports"
    report(db=raw_db_path, doc=["leics-county-2023-12"], out=out)
    page = (out / "leics-county-2023-12.html").read_text(encoding="utf-8")
    assert (
        f'href="http://127.0.0.1:8001/{raw_db_path.stem}/actions?doc_id=leics-county-2023-12"'
        in page
    )
