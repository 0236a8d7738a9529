"""data/raw/samples: the re-typeset sample PDFs agree with the truth rendered beside them.

The PDFs are made by ``data/raw/samples/render_pdfs.py`` (re-run it after changing it);
these tests check the committed outputs against their manifest and truth CSVs.
"""

from __future__ import annotations

import csv
import json
import sys
import tomllib
from functools import cache
from pathlib import Path

import pdfplumber
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw" / "samples"
MANIFEST = SAMPLES / "manifest.toml"

EXPECTED_ACTIONS = {
    "leics-county-2023-ruled": {"county": 176},
    "leics-county-2023-borderless": {"county": 176},
    "leics-council-2023": {"council": 36},
    "leics-council-2023-borderless": {"council": 36},
    "leics-council-2023-banded": {"council": 36},
    "leics-2025-appendix-b": {"council": 14, "county": 38},
    "leics-2025-sheet": {"council": 14, "county": 38},
}
# Noise from the seeds that must be in the text layer (Cyrillic Te, digit for B, Greek Tau ...).
EXPECTED_NOISE = {
    "leics-county-2023-ruled": ["Т1", "811", "М", "Ĺ", "ADDED IN"],
    "leics-county-2023-borderless": ["М", "Ĺ"],
    "leics-council-2023": ["ТВС"],
    "leics-council-2023-borderless": ["ТВС"],
    "leics-council-2023-banded": ["ТВС"],
    "leics-2025-appendix-b": ["Τ7", "В3", "твс", "205", "210"],
    "leics-2025-sheet": ["205", "210", "Apr-25"],
}
RAG_SHADES = {
    "Green": {"#92d050", "#00b050", "#c6efce"},
    "Amber": {"#ffc000", "#f4b183", "#ffeb9c"},
    "Red": {"#ff0000", "#c00000", "#ffc7ce"},
}


def _entries() -> list[dict]:
    if not MANIFEST.exists():
        return []
    return tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["document"]


ENTRIES = _entries()
NAMES = [Path(e["file"]).stem for e in ENTRIES]


@cache
def truth(name: str) -> list[dict[str, str]]:
    with open(SAMPLES / f"{name}.truth.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def pages(name: str) -> list[dict]:
    """Per page: its text, and the fill colours of its rects as #rrggbb with the colour space."""
    out = []
    with pdfplumber.open(SAMPLES / f"{name}.pdf") as pdf:
        for page in pdf.pages:
            fills = []
            for rect in page.rects:
                if rect.get("fill"):
                    colour = rect.get("non_stroking_color")
                    fills.append((_hex(colour), _space(colour), rect))
            out.append(
                {
                    "text": page.extract_text() or "",
                    "fills": fills,
                    "words": page.extract_words(),
                    "height": page.height,
                }
            )
    return out


def _space(colour) -> str:
    n = len(colour) if isinstance(colour, (tuple, list)) else 1
    return {1: "gray", 3: "rgb", 4: "cmyk"}.get(n, "?")


def _hex(colour) -> str:
    values = list(colour) if isinstance(colour, (tuple, list)) else [colour]
    if len(values) == 1:
        r = g = b = values[0]
    elif len(values) == 4:
        c, m, y, k = values
        r, g, b = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:
        r, g, b = values
    return "#" + "".join(f"{round(v * 255):02x}" for v in (r, g, b))


def test_manifest_lists_the_samples_with_metadata():
    assert sorted(NAMES) == sorted(EXPECTED_ACTIONS), "run `python data/raw/samples/render_pdfs.py`"
    for entry in ENTRIES:
        for key in ("council", "title", "edition", "plans", "profile", "id", "pages", "truth"):
            assert entry.get(key), (entry["file"], key)
        assert "sample" in entry["title"] and entry["id"].startswith("sample-")


@pytest.mark.parametrize("name", NAMES)
def test_files_exist_and_are_small(name):
    pdf = SAMPLES / f"{name}.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert pdf.stat().st_size < 1_000_000
    assert (SAMPLES / f"{name}.truth.csv").exists()


@pytest.mark.parametrize("name", NAMES)
def test_truth_has_the_expected_actions_per_plan(name):
    rows = truth(name)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["plan"]] = counts.get(row["plan"], 0) + 1
        assert row["action_id"] and row["description"], row
        json.loads(row["partners"])
    assert counts == EXPECTED_ACTIONS[name]


@pytest.mark.parametrize("name", NAMES)
def test_page_count_matches_manifest_and_truth(name):
    entry = next(e for e in ENTRIES if Path(e["file"]).stem == name)
    n = len(pages(name))
    assert n == entry["pages"]
    numbers = [int(r["page"]) for r in truth(name)]
    assert numbers == sorted(numbers) and 1 <= numbers[0] and numbers[-1] <= n
    assert numbers[-1] > 1, "every sample runs over more than one page"


@pytest.mark.parametrize("name", NAMES)
def test_each_action_id_is_on_its_truth_page(name):
    for row in truth(name):
        if row["action_id_raw"]:
            assert row["action_id_raw"] in pages(name)[int(row["page"]) - 1]["text"], row[
                "action_id"
            ]


@pytest.mark.parametrize("name", NAMES)
def test_text_layer_holds_the_seed_noise(name):
    text = "\n".join(p["text"] for p in pages(name))
    for noisy in EXPECTED_NOISE[name]:
        assert noisy in text, noisy


@pytest.mark.parametrize("name", [n for n in NAMES if n != "leics-council-2023-banded"])
def test_header_row_is_repeated_on_every_table_page(name):
    # the cross-cutting tables have their own header
    headers = {
        "leics-council-2023": ["Project Description"],
        "leics-council-2023-borderless": ["Project Description"],
        "leics-2025-appendix-b": ["Delivery Period"],
        "leics-2025-sheet": ["Start date"],
    }.get(name, ["Who may be", "Project status"])
    table_pages = {int(r["page"]) for r in truth(name)}
    for number in table_pages:
        assert any(h in pages(name)[number - 1]["text"] for h in headers), (name, number)


def test_rag_is_drawn_in_every_shade_and_only_as_fill():
    rows = truth("leics-county-2023-ruled")
    assert {r["rag"] for r in rows} == {"Green", "Amber", "Red"}
    for row in rows:
        assert row["rag_fill"] in RAG_SHADES[row["rag"]]
    seen = {fill for p in pages("leics-county-2023-ruled") for fill, _, _ in p["fills"]}
    assert set().union(*RAG_SHADES.values()) <= seen
    text = "\n".join(p["text"] for p in pages("leics-county-2023-ruled"))
    assert "Amber" not in text  # the key says Orange; no RAG word is written in a cell


@pytest.mark.parametrize(
    "name,space",
    [
        ("leics-county-2023-ruled", "rgb"),
        ("leics-county-2023-borderless", "cmyk"),
        ("leics-council-2023", "cmyk"),
        ("leics-2025-appendix-b", "cmyk"),
        ("leics-council-2023-borderless", "rgb"),
        ("leics-council-2023-borderless", "cmyk"),
        ("leics-2025-sheet", "rgb"),
        ("leics-council-2023-banded", "rgb"),
    ],
)
def test_fill_colour_spaces_vary(name, space):
    spaces = {s for p in pages(name) for _, s, _ in p["fills"]}
    assert space in spaces
    if name == "leics-council-2023":
        assert "gray" in spaces  # grey header and section rows, colour only for RAG


def test_some_rag_cells_are_drawn_as_several_rects():
    page = pages("leics-county-2023-ruled")[0]
    shades = set().union(*RAG_SHADES.values())
    rag_rects = [
        r
        for fill, _, r in page["fills"]
        if fill in shades and r["width"] < 60 and r["height"] < 200
    ]
    tops = [round(r["top"]) for r in rag_rects]
    assert len(tops) > len(set(tops)), "expected a cell filled by 2-3 adjacent rects"


def test_council_rag_column_vanishes_on_continuation_pages():
    rows = truth("leics-council-2023")
    first = [r for r in rows if r["page"] == "1"]
    later = [r for r in rows if r["page"] != "1"]
    assert first and later
    assert all(r["rag"] for r in first) and not any(r["rag"] for r in later)
    for number, page in enumerate(pages("leics-council-2023"), start=1):
        header_words = {w["text"] for w in page["words"] if w["text"] == "RAG"}
        assert bool(header_words) == (number == 1)


@pytest.mark.parametrize("name", ["leics-2025-appendix-b", "leics-2025-sheet"])
def test_2025_delivery_years_are_contiguous_gantt_fills(name):
    years = ["2025-26", "2026-27", "2027-28", "2028-29", "2029-30"]
    rows = truth(name)
    for row in rows:
        got = json.loads(row["delivery_years"])
        assert got, row["action_id"]
        start = years.index(got[0])
        assert got == years[start : start + len(got)]
        assert not row["rag"]
    filled = sum(len(json.loads(r["delivery_years"])) for r in rows)
    if name == "leics-2025-sheet":  # one amber rect (or 2-3) per filled year cell, in both tables
        assert sum(1 for p in pages(name) for f in p["fills"] if f[0] == "#ffc000") >= filled
        return
    # council table: one rect (or 2-3) per filled year cell; county table: rects spanning the years
    fills = [f for p in pages(name) for f in p["fills"] if f[0] in {"#5b9bd5", "#70ad47"}]
    assert {s for _, s, _ in fills} == {"rgb", "cmyk"}
    assert sum(len(json.loads(r["delivery_years"])) for r in rows if r["plan"] == "council") <= sum(
        1 for f in fills if f[1] == "rgb"
    )


def test_2025_page_labels_start_at_203_and_stray_numbers_sit_in_gantt_cells():
    first = pages("leics-2025-appendix-b")[0]
    bottom = [w["text"] for w in first["words"] if w["top"] > first["height"] - 50]
    assert "203" in bottom
    labelled = {"LCC.2": "205", "LCC.10": "210"}
    for row in truth("leics-2025-appendix-b"):
        if row["action_id"] in labelled:
            assert (
                labelled[row["action_id"]]
                in pages("leics-2025-appendix-b")[int(row["page"]) - 1]["text"]
            )


def test_samples_load_only_when_their_folder_is_named():
    """`ingest data/raw` reads the published documents; `ingest data/raw/samples` the samples."""
    from actionplans.ingest import collect_inputs

    from_raw = [path for path, _ in collect_inputs([SAMPLES.parent])]
    assert from_raw and not any(SAMPLES in path.parents for path in from_raw)
    named = collect_inputs([SAMPLES])
    assert sorted(path.name for path, _ in named) == sorted(f"{n}.pdf" for n in NAMES)
    assert all(meta is not None and meta.profile and meta.plans for _, meta in named)


def test_scanned_sample_is_image_only_with_its_truth():
    folder = SAMPLES / "scanned"
    entry = tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))["document"][0]
    pdf_path = folder / entry["file"]
    assert pdf_path.stat().st_size < 1_000_000
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) == entry["pages"]
        for page in pdf.pages:
            assert not page.chars and len(page.images) == 1  # what OCR (issue 7) has to read
    with open(folder / entry["truth"], newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 19 and {r["theme"] for r in rows} == {"Resources and Waste"}
    assert {int(r["page"]) for r in rows} == set(range(1, entry["pages"] + 1))


@pytest.mark.slow
def test_renderer_is_deterministic(tmp_path):
    """Two runs of render_pdfs.py give the same bytes (reportlab's invariant mode, hashed
    choices)."""
    import subprocess
    import sys

    script = SAMPLES / "render_pdfs.py"
    for run in ("a", "b"):
        out = subprocess.run(
            [sys.executable, str(script), "--out", str(tmp_path / run)],
            capture_output=True,
            text=True,
        )
        assert out.returncode == 0, out.stderr
    files = sorted(
        p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file()
    )
    assert len(files) >= 2 * len(NAMES) + 1
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_banded_sample_has_no_repeated_header_and_some_unrated_actions():
    rows = truth("leics-council-2023-banded")
    texts = [p["text"] for p in pages("leics-council-2023-banded")]
    assert "Project Description" in texts[0] and not any(
        "Project Description" in t for t in texts[1:]
    )
    unrated = [r for r in rows if not r["rag"]]
    assert 0 < len(unrated) < len(rows) / 3
    fills = {f for p in pages("leics-council-2023-banded") for f, _, _ in p["fills"]}
    # bands, header over the RAG column, workstream rows
    assert {
        "#ddebf7",
        "#375623",
        "#e2efda",
    } <= fills


def test_rerendering_the_110_dpi_scan_keeps_the_other_scans_in_the_manifest(tmp_path):
    """Following the README (`python data/raw/samples/render_pdfs.py`) must not drop scan.py's
    entries (issue 19)."""
    import importlib.util
    import shutil
    import tomllib

    samples = Path(__file__).resolve().parent.parent / "data" / "raw" / "samples"
    for name in ("leics-county-2023-ruled.pdf", "leics-county-2023-ruled.truth.csv"):
        shutil.copy(samples / name, tmp_path / name)
    (tmp_path / "scanned").mkdir()
    shutil.copy(samples / "scanned" / "manifest.toml", tmp_path / "scanned" / "manifest.toml")
    before = {
        d["file"]
        for d in tomllib.loads((samples / "scanned" / "manifest.toml").read_text())["document"]
    }
    sys.path.insert(0, str(samples))
    try:
        spec = importlib.util.spec_from_file_location("samples_render", samples / "render_pdfs.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["samples_render"] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
        module.render_scanned(tmp_path)
    finally:
        sys.path.remove(str(samples))
        sys.modules.pop("samples_render", None)
    manifest = tomllib.loads((tmp_path / "scanned" / "manifest.toml").read_text())
    assert manifest["standalone"] is True
    assert {d["file"] for d in manifest["document"]} == before and len(before) >= 2
