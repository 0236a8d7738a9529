"""Profile inference (issue 10): one test per decision, the seeds reproduced, the unseen samples,
CLI and store."""

from __future__ import annotations

import csv
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from actionplans.extract import read_document
from actionplans.normalise import normalise_document
from click.testing import CliRunner
from conftest import RAW, ROOT, SEEDS

from actionplans import ingest
from actionplans.cli import cli
from actionplans.infer import NothingToInfer, infer_profile
from actionplans.infer.build import known_names
from actionplans.infer.columns import plan_columns
from actionplans.infer.groups import is_heading_line, rejoin
from actionplans.infer.ids import embedded_id_pattern, id_patterns
from actionplans.infer.legend import legend
from actionplans.infer.tables import find_header_groups
from actionplans.infer.vocab import cluster_words
from actionplans.profile import load_profile, profile_from_text
from actionplans.store import Database

sys.path.insert(0, str(ROOT / "bench"))
from _compare import score  # noqa: E402

UNSEEN = RAW / "unseen"
BASE = load_profile("base")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def md(*rows: list[str]) -> str:
    return "\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n"


def load(inferred, plans=("main",)):
    return normalise_document(inferred.raw, inferred.profile, list(plans)).actions


def decision(inferred, setting):
    return next(d for d in inferred.decisions if d.setting == setting)


# -- tables and header rows ---------------------------------------------------------------


def test_header_rows_found_and_rows_grouped_under_them():
    raw = read_document(SEEDS / "001_e91ab0a0c3cf4197.txt")
    groups = find_header_groups(raw, BASE)
    # the main header (two spellings: Project stage / Project Status, Leicestershir e) and the
    # cross-cutting one
    assert any("Leadership" in g.texts for g in groups)
    assert sum(len(g.rows) for g in groups) > 170


def test_header_cells_match_fuzzily(tmp_path):
    path = write(
        tmp_path,
        "plan.md",
        md(
            ["REF", "Actions", "Lead  Officers", "By When", "Progress Update"],
            ["1", "Build homes for local people", "Housing", "2025", "Started"],
            ["2", "Repair council homes quickly", "Repairs", "2026", "On site"],
        ),
    )
    fields = infer_profile(path).profile.columns
    assert (
        "REF" in fields["action_id"]
        and "Lead Officers" in fields["lead"]
        and "By When" in fields["timescale"]
    )
    assert "Progress Update" in fields["update_text"]


def test_no_header_no_profile(tmp_path):
    path = write(tmp_path, "notes.txt", "Minutes of the meeting\n\nA\tB\tC\nx\ty\tz\nq\tr\ts\n")
    with pytest.raises(NothingToInfer):
        infer_profile(path)


# -- columns: cells overrule or complete the header -------------------------------------


def test_status_column_of_rag_words_is_rag(tmp_path):
    path = write(
        tmp_path,
        "plan.md",
        md(
            ["Ref", "Action", "Status"],
            ["A1", "Insulate the civic centre roof", "On track"],
            ["A2", "Replace the depot boilers with heat pumps", "At risk"],
            ["A3", "Switch the fleet to electric vans", "Off track"],
        ),
    )
    inferred = infer_profile(path)
    assert "Status" in inferred.profile.columns["rag"]
    assert [a.rag for a in load(inferred)] == ["Green", "Amber", "Red"]


def test_phase_column_of_years_is_not_a_stage(tmp_path):
    path = write(
        tmp_path,
        "plan.md",
        md(
            ["No.", "Measure", "Planning Phase", "Progress to date"],
            ["1", "Optimise signal timings on London Road", "2019", "Done"],
            ["2", "Remodel the gyratory to cut queues", "2021-2022", "Design"],
        ),
    )
    actions = load(infer_profile(path))
    assert all(a.stage is None for a in actions)
    assert actions[0].attributes["planning_phase"] == "2019"


def test_id_column_without_header_is_found_by_its_cells(tmp_path):
    path = write(
        tmp_path,
        "plan.md",
        md(
            ["", "Action", "Owner"],
            ["1.", "Open two family hubs with health visitors", "Director of People"],
            ["2.", "Convert street lighting to LED", "Head of Environment"],
            ["3.", "Create a country park on the old landfill", "Head of Parks"],
        ),
    )
    inferred = infer_profile(path)
    assert inferred.profile.header_fallback == {0: "action_id"}
    assert [a.action_id for a in load(inferred)] == ["1", "2", "3"]


def test_unreadable_header_of_team_names_is_the_lead():
    inferred = infer_profile(SEEDS / "002_b51c1bf9f18b46e4.txt", plans=["council", "county"])
    lead = inferred.profile.columns["lead"]
    assert any(h.startswith("aximise") for h in lead)
    assert decision(inferred, "columns.lead").confidence < 0.7  # uncertain, so it becomes a finding


def test_tick_columns_between_id_and_action():
    inferred = infer_profile(SEEDS / "003_899c2d34bbda78f4.txt")
    assert len(inferred.profile.tick_columns["names"]) == 7
    assert any(a.attributes.get("targets") for a in load(inferred))


def test_group_name_in_the_action_header_is_left_to_the_normaliser():
    raw = read_document(SEEDS / "001_e91ab0a0c3cf4197.txt")
    group = next(g for g in find_header_groups(raw, BASE) if "Leadership" in g.texts)
    plan = plan_columns(group, BASE, raw.text)
    assert plan.group_label == 0 and "description" not in plan.fields.values()


# -- IDs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ids,pattern",
    [
        (["T1", "T2", "B1", "B12"], "(?:B|T)\\d{1,2}"),
        (["LCC.1", "LCC.2", "LCC.14"], "(?:LCC)\\.\\d{1,2}"),
        (["1.2.3", "1.2.4", "2.1.1"], "\\d{1,2}(?:\\.\\d{1,2}){2}"),
        (["1", "2", "12", "56"], "\\d{1,2}"),
        (["HS-01", "HS-02", "HS-10"], "(?:HS)\\-\\d{1,2}"),
    ],
)
def test_id_patterns(ids, pattern):
    assert id_patterns(ids)[0] == [pattern]


def test_rare_id_shape_left_out_for_the_sequence_repair():
    patterns, left_out, covered = id_patterns([f"B{i}" for i in range(1, 30)] + ["811"])
    assert patterns == ["(?:B)\\d{1,2}"] and left_out == ["811"] and covered < 1


@pytest.mark.parametrize(
    "texts,found",
    [
        (
            ["12 - Install solar panels", "13 - Plant trees", "14 - Insulate homes"],
            ["12", "13", "14"],
        ),
        (["Action 3: Roll out food waste", "Action 4: Add film recycling"], ["3", "4"]),
        (
            ["1.1 Adopt a policy", "1.2 Publish a strategy", "2.1 Review the plan"],
            ["1.1", "1.2", "2.1"],
        ),
        (["T4) Deliver cycle lanes", "T5) Trial demand responsive buses"], ["T4", "T5"]),
    ],
)
def test_id_written_in_the_action_cell(texts, found):
    pattern, share, ids = embedded_id_pattern(texts)
    assert pattern and share == 1 and ids == found


def test_numbers_starting_ordinary_text_are_no_ids():
    assert (
        embedded_id_pattern(["20 new homes in Ashby", "300 trees planted", "4 new play areas"])[0]
        is None
    )


def test_embedded_ids_load_through_the_normaliser(tmp_path):
    path = write(
        tmp_path,
        "plan.md",
        md(
            ["Action", "Lead", "Status"],
            ["Homes", "", ""],
            ["1 - Build 200 council homes", "Housing", "Green"],
            ["2 - Retrofit the tower blocks", "Housing", "Amber"],
            ["and their communal areas", "", ""],
            ["Transport", "", ""],
            ["4 - Open the new bus station", "Transport", "Red"],
        ),
    )
    inferred = infer_profile(path)
    assert inferred.profile.id_in_description
    actions = load(inferred)
    assert [(a.action_id, a.theme) for a in actions] == [
        ("1", "Homes"),
        ("2", "Homes"),
        ("4", "Transport"),
    ]
    assert actions[1].description == "Retrofit the tower blocks and their communal areas"
    assert any(c.rule == "id_from_description" for c in actions[0].corrections)


# -- headings: themes, sections, prefix rows, plans --------------------------------------------


def test_prefix_rows_give_themes():
    profile = infer_profile(SEEDS / "000_c9542ef99ac075f4.txt").profile
    assert profile.theme_row_prefixes == ("Workstream",) and profile.themes[0] == "Finance"


def test_numbered_prefix_rows(tmp_path):
    path = write(
        tmp_path,
        "plan.md",
        md(
            ["Ref", "What we will do", "Lead officer"],
            ["Priority 1: More homes", "", ""],
            ["H1", "Build homes on council land", "Housing"],
            ["Priority 2: Better homes", "", ""],
            ["H2", "Inspect licensed HMOs", "Private Sector Housing"],
        ),
    )
    actions = load(infer_profile(path))
    assert [a.theme for a in actions] == ["More homes", "Better homes"]


def test_headings_above_tables_are_themes_and_rows_inside_are_sections():
    inferred = infer_profile(SEEDS / "001_e91ab0a0c3cf4197.txt", plans=["county"])
    assert inferred.profile.themes[:2] == ("Transport", "Buildings and Energy")
    assert "Policy and Strategy" in inferred.profile.sections


def test_heading_lines():
    assert is_heading_line("Transport") and is_heading_line("2035 Net Zero Council Action Plan")
    assert not is_heading_line("- Green action delivery on track")
    assert not is_heading_line("RAG rating")
    assert not is_heading_line("In design (develop techniques/plan for delivery)")


def test_split_words_rejoined_only_when_a_piece_is_no_word():
    words = {"policy", "and", "strategy", "buildings", "energy"}
    assert rejoin(["Policy and St", "rategy"], words) == "Policy and Strategy"
    assert rejoin(["Buildings", "and Energy"], words) == "Buildings and Energy"


def test_title_above_the_only_table_is_no_theme(tmp_path):
    path = write(
        tmp_path,
        "plan.md",
        "Borough Council\n\n"
        + md(
            ["Ref", "Action"], ["A1", "Plant trees in parks"], ["A2", "Fit solar panels to depots"]
        ),
    )
    assert infer_profile(path).profile.themes == ()


def test_plans_split_by_their_headings():
    inferred = infer_profile(SEEDS / "002_b51c1bf9f18b46e4.txt", plans=["council", "county"])
    rules = {r.key: r for r in inferred.profile.plans}
    assert set(rules) == {"council", "county"}
    plans = {a.action_id: a.plan for a in load(inferred, ["council", "county"])}
    assert plans["LCC.1"] == "council" and plans["T1"] == "county"


# -- vocabularies and how RAG is shown -------------------------------------------------------------


def test_stage_spellings_clustered():
    assert cluster_words(["In progress", "ln progress", "In Progress", "Complete"]) == {
        "In progress": ["In progress", "ln progress", "In Progress"],
        "Complete": ["Complete"],
    }


def test_stage_vocabulary_keeps_base_stages_and_adds_the_plans_words():
    inferred = infer_profile(SEEDS / "003_899c2d34bbda78f4.txt")
    stages = inferred.profile.stage_vocab
    assert "Completed" in stages and "ln progress" in stages["In progress"]
    assert all(len(k) < 40 for k in stages)  # commentary that bled into the column is no stage


def test_rag_letters(tmp_path):
    path = write(
        tmp_path,
        "plan.txt",
        "Ref\tAction\tRAG\nA1\tPlant trees in parks\tG\nA2\tFit solar to depots\tR\n"
        "A3\tBuy electric vans\tA\n",
    )
    inferred = infer_profile(path)
    assert [a.rag for a in load(inferred)] == ["Green", "Red", "Amber"]
    assert decision(inferred, "rag").value == "word"


def test_rag_symbols_read_with_the_key(tmp_path):
    path = write(
        tmp_path,
        "plan.md",
        "Key: ● On track ▲ At risk ✖ Off track\n\n"
        + md(
            ["Ref", "Action", "RAG"],
            ["1", "Plant trees in parks", "●"],
            ["2", "Fit solar to depots", "✖"],
            ["3", "Buy electric vans", "▲"],
        ),
    )
    inferred = infer_profile(path)
    assert decision(inferred, "rag").value == "symbol"
    assert [a.rag for a in load(inferred)] == ["Green", "Red", "Amber"]


def test_rag_symbols_without_a_key_are_uncertain(tmp_path):
    path = write(
        tmp_path,
        "plan.md",
        md(
            ["Ref", "Action", "RAG"],
            ["1", "Plant trees in parks", "●"],
            ["2", "Fit solar to depots", "✖"],
            ["3", "Buy electric vans", "●"],
        ),
    )
    assert decision(infer_profile(path), "rag").confidence < 0.7


def test_rag_as_fill_colour_in_a_pdf():
    inferred = infer_profile(UNSEEN / "harwell-economy-2024.pdf")
    assert (
        decision(inferred, "rag").value == "fill" and decision(inferred, "rag").confidence >= 0.85
    )
    assert {a.rag for a in load(inferred)} == {"Green", "Amber", "Red"}


def test_empty_rag_column_in_a_text_dump_is_fill_colour_uncertain():
    d = decision(infer_profile(SEEDS / "000_c9542ef99ac075f4.txt"), "rag")
    assert d.value == "fill" and d.confidence < 0.7


def test_legend():
    assert legend("Key: ✔ = Complete  ● In progress", {"✔", "●"}) == {
        "✔": "Complete",
        "●": "In progress",
    }


def test_timescale_letters_and_roles():
    profile = infer_profile(SEEDS / "001_e91ab0a0c3cf4197.txt", plans=["county"]).profile
    assert profile.timescale_scale == ("S", "M", "L")
    assert {"Lead", "Ask", "Influence"} <= set(profile.roles)


def test_known_names_split_joined_cells():
    assert known_names(
        ["Carbon Reduction Team", "Finance Team", "Carbon Reduction Team Finance Team"]
    ) == ["Carbon Reduction Team", "Finance Team"]


def test_prose_document_items():
    inferred = infer_profile(SEEDS / "004_cc6e1f757c64f764.txt")
    assert inferred.profile.prose_item_pattern
    assert [a.section for a in load(inferred)][:2] == ["Governance", "Decarbonisation Pathway Plan"]


# -- the written profile ---------------------------------------------------------------------------


def test_written_profile_is_the_same_format_and_loads_the_same(tmp_path):
    inferred = infer_profile(UNSEEN / "northbridge-housing-2024.md")
    data = yaml.safe_load(inferred.yaml)
    assert data["extends"] == "base" and "columns" in data
    assert "# high (" in inferred.yaml  # a confidence per decision
    out = write(tmp_path, "northbridge.yaml", inferred.yaml)
    again = normalise_document(inferred.raw, load_profile(str(out)), ["main"]).actions
    assert [a.as_row() for a in again] == [a.as_row() for a in load(inferred)]
    assert inferred.name == profile_from_text(inferred.yaml, inferred.name).name


# -- the existing profiles are reproduced on their own documents -----------------------------------


@pytest.mark.parametrize(
    "entry", tomllib.loads((RAW / "manifest.toml").read_text())["document"], ids=lambda e: e["id"]
)
def test_inference_reproduces_the_hand_written_profiles(entry):
    path = RAW / entry["file"]
    hand_profile = load_profile(entry["profile"])
    hand = normalise_document(
        read_document(path, prose_item_pattern=hand_profile.prose_item_pattern),
        hand_profile,
        entry["plans"],
    ).actions
    auto = load(infer_profile(path, plans=entry["plans"]), entry["plans"])
    s = score([a.as_row() for a in hand], [a.as_row() for a in auto])
    assert s["recall"] >= 0.98 and s["description"] >= 0.98
    if entry["profile"] != "lcan-narrative":  # prose work packages: WP1.. by hand, X1.. inferred
        assert s["action_id"] >= 0.98
    assert len(auto) == len(hand)


# -- the unseen samples ----------------------------------------------------------------------------

UNSEEN_DOCS = tomllib.loads((UNSEEN / "manifest.toml").read_text())["document"]


@pytest.mark.parametrize("entry", UNSEEN_DOCS, ids=lambda e: e["id"])
def test_unseen_samples_meet_the_targets(entry):
    with open(UNSEEN / entry["truth"], encoding="utf-8") as fh:
        truth = list(csv.DictReader(fh))
    auto = load(infer_profile(UNSEEN / entry["file"], plans=entry["plans"]), entry["plans"])
    s = score(truth, [a.as_row() for a in auto])
    assert s["recall"] >= 0.95 and s["action_id"] >= 0.95 and s["description"] >= 0.95


# -- CLI and store ---------------------------------------------------------------------------------


def test_cli_profile_infer_writes_the_profile_and_previews(tmp_path):
    out = tmp_path / "p.yaml"
    result = CliRunner().invoke(
        cli, ["profile", "infer", str(UNSEEN / "westmoor-transport-2025.txt"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out} (auto:")
    assert "Active Travel" in result.output  # the preview
    assert load_profile(str(out)).columns["description"][0] == "Scheme"


def test_cli_profile_infer_error_is_one_line(tmp_path):
    path = write(tmp_path, "empty.txt", "nothing here\n")
    result = CliRunner().invoke(cli, ["profile", "infer", str(path)])
    assert result.exit_code == 1
    assert (
        result.output.strip().startswith("Error:") and len(result.output.strip().splitlines()) == 1
    )


def test_ingest_profile_auto_keeps_the_profile_and_findings(db_path):
    report = ingest(
        [UNSEEN / "ashcombe-climate-2024.md", SEEDS / "000_c9542ef99ac075f4.txt"],
        db=db_path,
        council="Test",
        edition="2024-01",
        plan="main",
        profile="auto",
        progress=False,
        jobs=0,
    )
    assert report.ok, [r.message for r in report.failed]
    with Database(db_path, read_only=True) as db:
        rows = db.sql(
            "SELECT d.profile, p.yaml FROM documents d JOIN profiles p USING (profile)"
        ).fetchall()
        assert len(rows) == 2 and all(
            name.startswith("auto:") and "extends: base" in text for name, text in rows
        )
        uncertain = db.sql(
            "SELECT count(*) FROM findings WHERE \"check\" = 'profile_inference'"
        ).fetchone()[0]
        assert uncertain >= 1  # 000's RAG column is empty in the text: fill colour, uncertain
        assert db.sql("SELECT count(*) FROM actions").fetchone()[0] == 11 + 36


# -- normaliser and profile features inferred profiles rely on -------------------------------------


def test_id_in_description_setting_without_inference(tmp_path):
    path = write(
        tmp_path,
        "plan.md",
        md(
            ["Action", "Lead"],
            ["Action 7: Fit heat pumps", "Estates"],
            ["Action 8: Buy e-bikes", "Fleet"],
        ),
    )
    profile = profile_from_text(
        "extends: base\nid_in_description: '^Action\\s+(?P<id>\\d+):\\s+'\n", "t"
    )
    actions = normalise_document(read_document(path), profile, ["main"]).actions
    assert [(a.action_id, a.action_id_raw, a.description) for a in actions] == [
        ("7", "7", "Fit heat pumps"),
        ("8", "8", "Buy e-bikes"),
    ]


def test_id_in_description_needs_an_id_group():
    from actionplans.profile import ProfileError

    with pytest.raises(ProfileError, match="named group"):
        profile_from_text("extends: base\nid_in_description: '^(\\d+) - '\n", "bad")


def test_a_child_profile_moves_a_header_to_another_column():
    profile = profile_from_text("extends: base\ncolumns:\n  rag: [Status]\n", "t")
    assert "Status" in profile.columns["rag"] and "Status" not in profile.columns["stage"]


def test_symbols_match_vocabularies_as_written():
    from actionplans.normalise.vocab import canon_choice

    assert canon_choice("▲", {"Amber": ("▲",), "Red": ("✖",)}) == ("Amber", "vocabulary_synonym")
    assert canon_choice("◆", {"Amber": ("▲",)}) == (None, None)


def test_hyphenated_ids():
    from actionplans.normalise.ids import read_id_cell

    assert read_id_cell("HS-01", BASE).action_id == "HS-01"
    assert read_id_cell("2025-26", BASE).token is None


def test_plans_split_by_id_shape_when_no_heading_names_them(tmp_path):
    path = write(
        tmp_path,
        "plan.txt",
        "Ref\tAction\tLead\nLCC.1\tFit heat pumps to offices\tEstates\n"
        "LCC.2\tBuy electric vans\tFleet\nT1\tBuild cycle lanes\tHighways\n"
        "T2\tTrial on-demand buses\tTransport\n",
    )
    inferred = infer_profile(path, plans=["council", "county"])
    assert {a.action_id: a.plan for a in load(inferred, ["council", "county"])} == {
        "LCC.1": "council",
        "LCC.2": "council",
        "T1": "county",
        "T2": "county",
    }
    assert decision(inferred, "plans").confidence < 0.7


def test_rag_column_of_commentary_keeps_the_text_as_update():
    inferred = infer_profile(SEEDS / "003_899c2d34bbda78f4.txt")
    # read by its first words
    assert any(h.startswith("RAG Status") for h in inferred.profile.columns["rag"])
    assert decision(inferred, "rag").value == "commentary"
    assert sum(1 for a in load(inferred) if a.update_text) >= 50


@pytest.mark.parametrize(
    "text,rag,rest",
    [
        ("Green - on track", "Green", "on track"),
        ("Amber: awaiting funding", "Amber", "awaiting funding"),
        ("On track - ahead of plan", "Green", "ahead of plan"),
        ("Green spaces are being improved", None, "Green spaces are being improved"),
    ],
)
def test_rag_word_with_a_comment(text, rag, rest):
    from actionplans.extract.records import RawCell
    from actionplans.normalise.fields import apply_cell
    from actionplans.normalise.records import Action

    action = Action("main", "1", "1")
    apply_cell(action, "rag", RawCell(text=text), BASE, [])
    assert (action.rag, action.update_text) == (rag, rest)


def test_rag_words_before_comments(tmp_path):
    path = write(
        tmp_path,
        "plan.md",
        md(
            ["Ref", "Action", "RAG status"],
            ["1", "Plant trees in parks", "Green - planting season went well"],
            ["2", "Fit solar to depots", "Red - the roofs need repair first"],
            ["3", "Buy electric vans", "Amber - lead times are long this year"],
        ),
    )
    inferred = infer_profile(path)
    assert decision(inferred, "rag").value == "word"
    assert [a.rag for a in load(inferred)] == ["Green", "Red", "Amber"]


def test_sub_action_ids_with_a_letter(tmp_path):
    path = write(
        tmp_path,
        "plan.md",
        md(
            ["No.", "Action", "Lead"],
            ["1", "Plant trees in parks", "Parks"],
            ["2a", "Fit solar to the depot", "Estates"],
            ["2b", "Fit solar to the library", "Estates"],
            ["3", "Buy electric vans", "Fleet"],
        ),
    )
    inferred = infer_profile(path)
    actions = load(inferred)
    assert [a.action_id for a in actions] == ["1", "2A", "2B", "3"]
    assert all(inferred.profile.matches_id(a.action_id) for a in actions)
