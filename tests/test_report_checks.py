"""Every finding the code can emit has a plain-words meaning in actionplans/reports/checks.py (issue 19).

The source is scanned for ``Finding(..., "name", ...)`` calls and for the notes readers attach to a
document, ``Note(page, "name", message)`` or a plain ``(page, "name", message)`` tuple (each becomes a
finding at ingest); a name missing from CHECKS fails.
"""

from __future__ import annotations

import ast
import re
import sys

from conftest import ROOT

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
                    fname = func.id if isinstance(func, ast.Name) else (func.attr if isinstance(func, ast.Attribute) else "")
                    if fname in ("Finding", "Note"):
                        names.append(_literal(node.args[1]) if len(node.args) > 1 else None)
                        names += [_literal(k.value) for k in node.keywords if k.arg == "check"]
                    elif fname in ("append", "insert") and isinstance(func, ast.Attribute):
                        target = func.value
                        tname = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                        if tname.endswith("notes"):
                            names += [_note_name(a) for a in node.args]
                elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                    value = node.value
                    if isinstance(value, ast.Tuple) and value.elts and isinstance(value.elts[0], ast.Constant) \
                            and value.elts[0].value is None:
                        names.append(_note_name(value))  # a note made ahead of time: (None, "recovered", ...)
                for name in names:
                    if name:
                        found.setdefault(name, []).append(f"{where}:{node.lineno}")
    return found


def test_the_scan_finds_the_known_emitters():
    names = emitted_names()
    # one of each kind: a Finding call, a reader's note, a note made ahead of time
    assert {"required_field", "colour", "profile_inference", "metadata_guess"} <= set(names)
    assert {"ocr_confidence", "ocr_unreadable", "no_text_layer", "damaged_page", "unknown_table"} <= set(names)
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
    (fake / "x.py").write_text('f = Finding(None, "made_up_check", "warning", "m")\n'
                               'page.notes.append((3, "another_new_note", f"page {3}"))\n', encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    names = emitted_names()
    assert {"made_up_check", "another_new_note"} <= set(names)
    assert "made_up_check" not in CHECKS
