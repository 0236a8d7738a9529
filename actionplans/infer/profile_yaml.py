"""An inferred profile written as commented YAML: each setting follows the decisions behind it."""

from __future__ import annotations

import json
from typing import Any

from ..extract import RawDocument
from .records import Decision


def _flow(value: Any) -> str:
    """JSON is YAML: one line, quoted where needed, unicode kept."""
    return json.dumps(value, ensure_ascii=False)


def _comments(decisions: list[Decision], setting: str, indent: str = "") -> list[str]:
    return [f"{indent}# {d.comment()}" for d in decisions if d.setting == setting]


ORDER = (
    "columns",
    "header_fallback",
    "tick_columns",
    "id_patterns",
    "id_in_description",
    "plans",
    "theme_row_prefixes",
    "themes",
    "sections",
    "vocab",
    "leads",
    "partners",
    "synthetic_id_prefix",
    "prose_item_pattern",
)


def render_profile(
    name: str, raw: RawDocument, settings: dict[str, Any], decisions: list[Decision]
) -> str:
    lines = [
        f"# Layout profile inferred by `actionplans profile infer` from {raw.path.split('/')[-1]}",
        f"# ({raw.format}, sha256 {raw.sha256[:12]}).  Confidence of each decision: high >= 0.85,",
        (
            "# medium >= 0.70, low below: check the low ones, edit, and ingest with --profile <this"
            " file>."
        ),
    ]
    lines += _comments(decisions, "table")
    lines += [
        "extends: base",
        f"name: {name}",
        f"description: {_flow('Inferred from ' + raw.path.split('/')[-1])}",
    ]
    for key in ORDER:
        if key not in settings:
            continue
        value = settings[key]
        if key == "columns":
            lines.append("columns:")
            for field, headers in value.items():
                for _, why in headers:
                    if why:
                        lines.append(f"  # {why.comment()}")
                lines.append(f"  {field}: {_flow([h for h, _ in headers])}")
            continue
        lines += _comments(decisions, key)
        if key == "vocab":
            lines.append("vocab:")
            for sub, v in value.items():
                lines += _comments(decisions, f"vocab.{sub}", "  ")
                lines.append(f"  {sub}: {_flow(v)}")
            continue
        if key in ("plans",):
            lines.append("plans:")
            lines += [f"  - {_flow(rule)}" for rule in value]
            continue
        lines.append(f"{key}: {_flow(value)}")
    lines += [
        f"# {d.setting}: {d.comment()}"
        for d in decisions
        if d.setting in ("rag", "result", "sections_note")
    ]
    return "\n".join(lines) + "\n"
