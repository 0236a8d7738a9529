"""Every third-party package the code imports is declared in pyproject.toml (issue 19).

A package that arrives only because another one needs it can vanish with that
package's next release; declared, it cannot.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("actionplans", "extract", "normalise", "reconcile")
# imported only by the engine (or `serve`) that needs it, declared as an extra
OPTIONAL = {
    "ray": "ray",
    "datasette": "datasette",
    "rapidocr_onnxruntime": "ocr",
}


def _imports() -> dict[str, str]:
    """Top-level module -> first file importing it, for every import in the package folders."""
    found: dict[str, str] = {}
    for folder in PACKAGES:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def names(specs):
        return {re.split(r"[<>=!~\[ ;]", s, maxsplit=1)[0].lower().replace("_", "-") for s in specs}

    extras = set().union(*(names(v) for v in project.get("optional-dependencies", {}).values()))
    return names(project["dependencies"]), extras


def test_every_imported_package_is_declared():
    dists = packages_distributions()
    required, extras = _declared()
    missing = []
    for module, where in sorted(_imports().items()):
        if module in sys.stdlib_module_names or module in PACKAGES or module == "actionplans":
            continue
        owners = {d.lower().replace("_", "-") for d in dists.get(module, [])}
        declared = required | (extras if module in OPTIONAL else set())
        if not owners & declared:
            missing.append(
                f"{module} (from {sorted(owners) or 'no installed distribution'}, imported in"
                f" {where})"
            )
    assert not missing, "imported but not declared in pyproject.toml: " + "; ".join(missing)
