"""`actionplans report` (issue 6): files, the JSON shape, what the reports name, --doc, --strict,
thumbnails for PDFs."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS

from actionplans import ingest, report
from actionplans.cli import cli
from actionplans.store import Database

SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
COUNTY = "leics-county-2023-12"


def validate(instance: dict, definition: str | None = None) -> None:
    schema = {"$ref": f"#/$defs/{definition}", "$defs": SCHEMA["$defs"]} if definition else SCHEMA
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        instance
    )


@pytest.fixture(scope="module")
def reports(loaded_db_path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    result = report(db=loaded_db_path, out=out)
    assert len(result.documents) == 5
    return out


def load(out: Path, doc_id: str) -> dict:
    return json.loads((out / f"{doc_id}.json").read_text(encoding="utf-8"))


def test_files_per_document_and_index(reports):
    names = {p.name for p in reports.iterdir()}
    for doc_id in (
        COUNTY,
        "leics-council-2023-12",
        "leics-2025-appendix-b",
        "cambs-cces-progress",
        "leics-lcan-narrative",
    ):
        assert {f"{doc_id}.html", f"{doc_id}.json"} <= names
    assert {"index.html", "index.json"} <= names
    assert not [n for n in names if n.endswith(".tmp")]


def test_json_matches_schema(reports):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    for path in reports.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        validate(data, "index" if path.name == "index.json" else None)


def test_schema_rejects_a_changed_shape(reports):
    data = load(reports, COUNTY)
    data["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validate(data)
    data = load(reports, COUNTY)
    del data["summary"]["completeness"]
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def test_county_report_names_what_the_issue_expects(reports):
    data = load(reports, COUNTY)
    by_check = {}
    for f in data["findings"]:
        by_check.setdefault(f["check"], []).append(f)
    assert [f["action_id"] for f in by_check["duplicate_id"]] == ["R3"]
    assert [f["action_id"] for f in by_check["missing_value"]] == ["N6"]
    assert [f["action_id"] for f in by_check["id_repaired"]] == ["B11"] and "'811'" in by_check[
        "id_repaired"
    ][0]["message"]
    mismatches = {f["action_id"] for f in by_check["deliverability"]}
    assert len(mismatches) == 17 and "T1" in mismatches
    rules = {r["rule"]: r for r in data["corrections"]["by_rule"]}
    letters = {c["name"] for c in rules["lookalike_letters"]["replaced_characters"]}
    assert {
        "CYRILLIC CAPITAL LETTER TE",
        "CYRILLIC CAPITAL LETTER VE",
        "CYRILLIC CAPITAL LETTER EM",
    } <= letters
    assert rules["id_from_sequence"]["examples"][0]["raw_value"] == "811"
    # worst first
    ranks = [{"error": 0, "warning": 1, "info": 2}[f["severity"]] for f in data["findings"]]
    assert ranks == sorted(ranks)
    html = (reports / f"{COUNTY}.html").read_text(encoding="utf-8")
    for text in (
        ">R3<",
        ">N6<",
        "811",
        "B11",
        "U+0422",
        "deliverability 18 != timescale S (3) x cost M (2) x carbon M (2) = 12",
    ):
        assert text in html, text


def test_greek_tau_named_in_2025_report(reports):
    rules = {r["rule"]: r for r in load(reports, "leics-2025-appendix-b")["corrections"]["by_rule"]}
    chars = {c["codepoint"]: c for c in rules["lookalike_letters"]["replaced_characters"]}
    assert chars["U+03A4"]["name"] == "GREEK CAPITAL LETTER TAU"


def test_cambridgeshire_report_names_16_17_and_22(reports):
    data = load(reports, "cambs-cces-progress")
    bleed = [f for f in data["findings"] if f["check"] == "text_bleed"]
    assert bleed[0]["action_id"] == "16" and "17" in bleed[0]["message"]
    assert [f["action_id"] for f in data["findings"] if f["check"] == "broken_row"] == ["22"]


def test_summary_counts_match_the_database(reports, loaded_db):
    for doc_id, actions, errors, warnings, infos in loaded_db.sql(
        """SELECT d.doc_id, (SELECT count(*) FROM actions a WHERE a.doc_id = d.doc_id),
                  count(*) FILTER (WHERE f.severity = 'error'),
                  count(*) FILTER (WHERE f.severity = 'warning'),
                  count(*) FILTER (WHERE f.severity = 'info')
           FROM documents d LEFT JOIN findings f USING (doc_id) GROUP BY d.doc_id"""
    ).fetchall():
        s = load(reports, doc_id)["summary"]
        assert (
            s["actions"],
            s["findings"]["error"],
            s["findings"]["warning"],
            s["findings"]["info"],
        ) == (actions, errors, warnings, infos)
        assert 0 < s["completeness"] <= 1


def test_html_is_self_contained(reports):
    for path in reports.glob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<style>" in html and "<script>" in html
        for needle in ("https://", "<link ", 'src="http', "@import", "url(http"):
            assert needle not in html, (path.name, needle)
        # the one address a page names is a link (not a load) to the local web view
        assert set(re.findall(r'(\S+)"?http://', html)) <= {'href="'}, path.name
        assert all(u.startswith("127.0.0.1:") for u in re.findall(r"http://(\S+?)/", html)), (
            path.name
        )


# -- the command ---------------------------------------------------------------


@pytest.fixture
def small_db(tmp_path) -> Path:
    """The council plan (no errors once its error findings are removed) and the county plan."""
    path = tmp_path / "small.duckdb"
    result = ingest([next(SEEDS.glob("000_*")), next(SEEDS.glob("001_*"))], db=path, progress=False)
    assert result.ok
    with Database(path) as db:
        db.sql("DELETE FROM findings WHERE severity = 'error'")
    return path


def test_cli_doc_filter(small_db, tmp_path):
    out = tmp_path / "out"
    res = CliRunner().invoke(
        cli, ["report", "--db", str(small_db), "--doc", COUNTY, "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert {p.name for p in out.iterdir()} == {
        f"{COUNTY}.html",
        f"{COUNTY}.json",
        "index.html",
        "index.json",
    }
    # the verdict comes first on the summary line, then the counts (issue 19)
    assert f"{COUNTY}: check; 176 actions (20 flagged), completeness 96%" in res.output


def test_cli_unknown_doc_is_one_line(small_db, tmp_path):
    res = CliRunner().invoke(
        cli, ["report", "--db", str(small_db), "--doc", "nope", "--out", str(tmp_path / "o")]
    )
    assert res.exit_code == 1
    assert res.output.strip().splitlines() == [
        f"Error: no document 'nope' in {small_db}; loaded: leics-council-2023-12, {COUNTY}"
    ]


def test_cli_missing_db(tmp_path):
    res = CliRunner().invoke(
        cli, ["report", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "o")]
    )
    assert res.exit_code == 1 and "no database here yet" in res.output
    assert not (tmp_path / "none.duckdb").exists()


def test_cli_strict(small_db, tmp_path):
    runner = CliRunner()
    out = str(tmp_path / "out")
    assert (
        runner.invoke(cli, ["report", "--db", str(small_db), "--out", out, "--strict"]).exit_code
        == 0
    )
    with Database(small_db) as db:
        db.sql(
            "INSERT INTO findings VALUES ('leics-county-2023-12', 'T2', 'required_field', 'error', "
            "'action has no description')"
        )
    assert runner.invoke(cli, ["report", "--db", str(small_db), "--out", out]).exit_code == 0
    res = runner.invoke(cli, ["report", "--db", str(small_db), "--out", out, "--strict"])
    assert res.exit_code == 1
    assert "strict: 1 error-level findings" in res.output
    data = json.loads((Path(out) / f"{COUNTY}.json").read_text(encoding="utf-8"))
    assert data["findings"][0]["severity"] == "error" and data["findings"][0]["action_id"] == "T2"


# -- thumbnails for PDFs -------------------------------------------------------


def make_pdf(path: Path) -> None:
    """Two landscape pages; on page 2 a red-filled row at x 50-750, top 200-240 (points, from the
    top)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    width, height = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(width, height))
    c.drawString(50, height - 60, "page one")
    c.showPage()
    c.setFillColorRGB(1, 0, 0)
    c.rect(50, height - 240, 700, 40, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0)
    c.drawString(60, height - 225, "T2 Deliver the thing")
    c.showPage()
    c.save()


def pdf_db(tmp_path: Path, pdf: Path) -> Path:
    from actionplans.normalise import Action, Finding, NormalisedDocument

    from actionplans.store import DocumentRecord
    from actionplans.store.database import now_utc

    path = tmp_path / "pdf.duckdb"
    bbox = [50.0, 200.0, 750.0, 240.0]
    a1 = Action("p", "T1", "T1", description="Page one action.", page=1, source_row=0)
    a2 = Action(
        "p",
        "T2",
        "T2",
        description="Deliver the thing",
        page=2,
        source_row=1,
        attributes={"bbox": bbox},
    )
    a2.findings.append(Finding(None, "truncated_text", "warning", "description ends on 'thing'"))
    a1.findings.append(Finding(None, "colour", "warning", "RAG cell has no fill colour"))
    doc = NormalisedDocument([a1, a2], [], [], ["p"])
    record = DocumentRecord(
        "sample-pdf",
        str(pdf),
        "0" * 64,
        "Some Council",
        "Sample",
        "2024-01",
        ["p"],
        2,
        "pdf@test",
        now_utc(),
        "base",
        "pdf",
        None,
    )
    with Database(path) as db:
        db.write_document(record, doc)
    return path


def test_thumbnails_of_flagged_pdf_rows(tmp_path):
    from PIL import Image

    pdf = tmp_path / "sample.pdf"
    make_pdf(pdf)
    out = tmp_path / "out"
    report(db=pdf_db(tmp_path, pdf), out=out)
    html = (out / "sample-pdf.html").read_text(encoding="utf-8")
    images = [part.split('"')[0] for part in html.split('src="data:image/png;base64,')[1:]]
    assert len(images) == 2  # the T2 crop and, without a bbox, T1's whole page
    crops = [Image.open(io.BytesIO(base64.b64decode(b))).convert("RGB") for b in images]
    # the row with its margin: 712 x 52 pt
    crop = next(im for im in crops if im.width > im.height * 5)
    assert crop.width == 900  # 1424 px at 2x, scaled down to the widest thumbnail
    assert abs(crop.width / crop.height - 712 / 52) < 0.5
    r, g, b = crop.getpixel((crop.width // 2, crop.height // 2 + 20))
    # the red fill of the row, so the crop is in the right place
    assert r > 200 and g < 60 and b < 60


def test_no_thumbnails_when_the_pdf_is_gone(tmp_path):
    out = tmp_path / "out"
    report(db=pdf_db(tmp_path, tmp_path / "moved.pdf"), out=out)
    html = (out / "sample-pdf.html").read_text(encoding="utf-8")
    assert "data:image/png" not in html and "description ends on" in html


SAMPLE_PDF = ROOT / "data" / "raw" / "samples" / "leics-council-2023.pdf"


@pytest.mark.skipif(
    not SAMPLE_PDF.exists(), reason="sample PDFs not rendered (data/raw/samples/render_pdfs.py)"
)
def test_sample_pdf_report_has_one_thumbnail_per_group_of_findings(tmp_path):
    """The council plan sample drops its RAG column after page 1: those 29 rows are flagged for one
    cause, so they are one group of 29 with one crop, not 29 rows and 29 crops (issue 19)."""
    db = tmp_path / "pdf.duckdb"
    assert ingest([SAMPLE_PDF], db=db, progress=False).ok
    out = tmp_path / "out"
    report(db=db, out=out)
    (doc_id,) = [p.stem for p in out.glob("*.json") if p.name != "index.json"]
    data = load(out, doc_id)
    assert data["document"]["format"] == "pdf"
    colour = [f for f in data["findings"] if f["check"] == "colour"]
    assert len(colour) == 29 and all(f["page"] and f["page"] > 1 and f["bbox"] for f in colour)
    (group,) = [g for g in data["groups"] if g["check"] == "colour"]
    assert group["count"] == 29 and len(group["actions"]) == 29 and group["pages"] == [2, 3, 4]
    assert sorted(group["findings"]) == [
        i for i, f in enumerate(data["findings"]) if f["check"] == "colour"
    ]
    html = (out / f"{doc_id}.html").read_text(encoding="utf-8")
    located = [g for g in data["groups"] if any(data["findings"][i]["page"] for i in g["findings"])]
    assert html.count('src="data:image/png;base64,') == len(located) < len(colour)
    # one row for the cause, its actions listed in it
    assert html.count("no RAG colour: the row") == 1
    row = html.split("no RAG colour: the row")[0].rsplit("<tr", 1)[1]
    assert 'data-count="29"' in row and all(a in row for a in ("DM1.1", "DM1.2"))
