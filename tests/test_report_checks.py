"""Every finding the code can emit is in the registry, actionplans/checks.py (issues 19 and 21).

The source is scanned for ``Finding.of("name", ...)`` and ``Finding(..., "name", ...)`` calls and
for the notes readers attach to a document, ``Note(page, "name", message)`` or a plain
``(page, "name", message)`` tuple (each becomes a finding at ingest); a name missing from the
registry fails, and so does a severity its check does not allow.
"""

from __future__ import annotations

import ast
import re
import sys

import pytest
from actionplans.normalise import Finding
from conftest import ROOT

from actionplans.checks import CHECK, REGISTRY, Check, severity_of
from actionplans.reports import CHECKS, describe

SOURCES = ("actionplans", "extract", "normalise", "reconcile")
NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _literal(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _note_name(node: ast.AST) -> str | None:
    """``(page, "check", message)``: the shape of a reader's note."""
    if isinstance(node, ast.Tuple) and len(node.elts) == 3:
        name = _literal(node.elts[1])
        if name and NAME.match(name):
            return name
    return None


def emitted_names() -> dict[str, list[str]]:
    """Check names in the source, each with where it is emitted."""
    found: dict[str, list[str]] = {}
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            where = str(path.relative_to(ROOT))
            for node in ast.walk(tree):
                names: list[str | None] = []
                if isinstance(node, ast.Call):
                    func = node.func
                    fname = (
                        func.id
                        if isinstance(func, ast.Name)
                        else (func.attr if isinstance(func, ast.Attribute) else "")
                    )
                    owner = func.value if isinstance(func, ast.Attribute) else None
                    if fname == "of" and isinstance(owner, ast.Name) and owner.id == "Finding":
                        names.append(_literal(node.args[0]) if node.args else None)
                    elif fname in ("Finding", "Note"):
                        names.append(_literal(node.args[1]) if len(node.args) > 1 else None)
                        names += [_literal(k.value) for k in node.keywords if k.arg == "check"]
                    elif fname in ("append", "insert") and isinstance(func, ast.Attribute):
                        target = func.value
                        tname = (
                            target.attr
                            if isinstance(target, ast.Attribute)
                            else getattr(target, "id", "")
                        )
                        if tname.endswith("notes"):
                            names += [_note_name(a) for a in node.args]
                elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                    value = node.value
                    if (
                        isinstance(value, ast.Tuple)
                        and value.elts
                        and isinstance(value.elts[0], ast.Constant)
                        and value.elts[0].value is None
                    ):
                        # a note made ahead of time: (None, "recovered", ...)
                        names.append(_note_name(value))
                for name in names:
                    if name:
                        found.setdefault(name, []).append(f"{where}:{node.lineno}")
    return found


def test_the_scan_finds_the_known_emitters():
    names = emitted_names()
    # one of each kind: a Finding call, a reader's note, a note made ahead of time
    assert {"required_field", "colour", "profile_inference", "metadata_guess"} <= set(names)
    assert {
        "ocr_confidence",
        "ocr_unreadable",
        "no_text_layer",
        "damaged_page",
        "unknown_table",
    } <= set(names)
    assert "recovered" in names


def test_every_emitted_finding_has_a_meaning():
    missing = {name: where for name, where in emitted_names().items() if name not in CHECKS}
    assert not missing, f"add these to actionplans/reports/checks.py CHECKS: {missing}"
    for name in emitted_names():
        assert describe(name) != name.replace("_", " ") and describe(name).endswith("."), name


def test_an_unregistered_name_is_caught(tmp_path, monkeypatch):
    """The scan itself: a made-up Finding in a scanned folder shows up as missing."""
    fake = tmp_path / "actionplans"
    fake.mkdir()
    (fake / "x.py").write_text(
        'f = Finding(None, "made_up_check", "warning", "m")\n'
        'g = Finding.of("made_up_too", "m")\n'
        'page.notes.append((3, "another_new_note", f"page {3}"))\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    names = emitted_names()
    assert {"made_up_check", "made_up_too", "another_new_note"} <= set(names)
    assert "made_up_check" not in CHECKS


def test_every_check_says_its_stage_and_severity():
    assert len(CHECK) == len(REGISTRY), "a name registered twice"
    stages = {c.stage for c in REGISTRY}
    assert stages == {"extract", "normalise", "ingest"}
    # the readers' notes are registered as found by extract, the pipeline's own as ingest
    assert CHECK["damaged_page"].stage == "extract" and CHECK["metadata_guess"].stage == "ingest"
    assert CHECK["required_field"].severity == "error" and CHECK["id_repaired"].severity == "info"


def test_a_finding_takes_its_severity_from_the_registry():
    assert Finding.of("id_gap", "T3 is missing").severity == "warning"
    assert Finding.of("coverage", "T1-T9: 9 actions", severity="info").severity == "info"
    with pytest.raises(ValueError, match="unregistered check 'made_up_check'"):
        Finding.of("made_up_check", "m")
    with pytest.raises(ValueError, match="unregistered check"):
        Finding(None, "made_up_check", "warning", "m")
    with pytest.raises(ValueError, match="'colour' is warning, not 'error'"):
        Finding(None, "colour", "error", "m")
    assert severity_of("schema", "warning") == "warning"


def test_a_registry_entry_is_checked():
    with pytest.raises(ValueError, match="stage 'store'"):
        Check("x", "store", "warning", "m.")
    with pytest.raises(ValueError, match="severity 'fatal'"):
        Check("x", "extract", "warning", "m.", also=("fatal",))
