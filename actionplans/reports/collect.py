"""Read one document's findings, corrections and fill rates out of the database into the report's
JSON shape (``docs/report.schema.json``, ``SCHEMA_VERSION``)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from datetime import datetime
from typing import Any

from ..checks import CHECK, SEVERITIES, SEVERITY_RANK, describe
from ..store import Database
from ..version import __version__
from .verdict import judge

SCHEMA_VERSION = 1

# Fields whose fill rate makes up completeness (only those the document uses at all count).
COMPLETENESS_FIELDS = (
    "description",
    "theme",
    "section",
    "role",
    "lead",
    "partners",
    "objectives",
    "timescale",
    "start_period",
    "end_period",
    "stage",
    "rag",
    "update_text",
    "target_date",
)
EXAMPLES_PER_RULE = 3


def _iso(value: Any) -> str | None:
    return (
        value.isoformat(timespec="seconds")
        if isinstance(value, datetime)
        else (None if value is None else str(value))
    )


def document_ids(db: Database) -> list[str]:
    return [
        r[0]
        for r in db.sql("SELECT doc_id FROM documents ORDER BY council, edition, doc_id").fetchall()
    ]


def ingest_failures(db: Database) -> list[dict[str, Any]]:
    """Files that failed to load (empty for databases made before the table existed)."""
    exists = db.sql(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'ingest_failures'"
    ).fetchall()[0][0]
    if not exists:
        return []
    rows = db.sql(
        "SELECT path, sha256, message, failed_at FROM ingest_failures ORDER BY path"
    ).fetchall()
    return [{"path": p, "sha256": s, "message": m, "failed_at": _iso(t)} for p, s, m, t in rows]


def _document(db: Database, doc_id: str) -> dict[str, Any]:
    cols = [
        "doc_id",
        "council",
        "title",
        "edition",
        "plans",
        "format",
        "path",
        "sha256",
        "pages",
        "extractor",
        "profile",
        "ingested_at",
    ]
    row = db.sql(f"SELECT {', '.join(cols)} FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    if row is None:  # the callers ask only for loaded documents
        raise KeyError(f"no document {doc_id!r}")
    doc = dict(zip(cols, row, strict=True))
    doc["plans"] = list(doc["plans"] or [])
    doc["ingested_at"] = _iso(doc["ingested_at"])
    return doc


def _actions(db: Database, doc_id: str) -> list[dict[str, Any]]:
    cols = (
        ["plan", "action_id", "action_id_raw", "theme"]
        + [c for c in COMPLETENESS_FIELDS if c != "theme"]
        + ["attributes", "page", "source_row"]
    )
    rows = db.sql(
        f"SELECT {', '.join(cols)} FROM actions WHERE doc_id = ? ORDER BY page NULLS FIRST,"
        " source_row",
        [doc_id],
    ).fetchall()
    out = []
    for row in rows:
        a = dict(zip(cols, row, strict=True))
        a["attributes"] = (
            json.loads(a["attributes"])
            if isinstance(a["attributes"], str)
            else (a["attributes"] or {})
        )
        out.append(a)
    return out


def _filled(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple)):
        return len(value) > 0
    return True


def completeness(actions: list[dict[str, Any]]) -> dict[str, Any]:
    """Per field, the share of actions that fill it; overall, the mean over the fields the document
    uses (a field no action fills is not in the document's table and does not count)."""
    n = len(actions)
    fields: list[dict[str, Any]] = []
    for name in COMPLETENESS_FIELDS:
        filled = sum(_filled(a.get(name)) for a in actions)
        fields.append(
            {
                "field": name,
                "filled": filled,
                "actions": n,
                "rate": round(filled / n, 4) if n else 0.0,
                "used": filled > 0,
            }
        )
    used = [f["rate"] for f in fields if f["used"]]
    overall = round(sum(used) / len(used), 4) if used else 0.0
    return {"overall": overall, "fields": fields}


_PAGES = re.compile(r"^pages? (\d+(?:, \d+)*): ")
_OCR_CELL = re.compile(
    r"OCR read (?P<text>'.*?'|\".*?\") \(row (?P<q>['\"])(?P<row>.*?)(?P=q), column (?P<col>\d+)\)"
)


def message_pages(message: str) -> list[int]:
    """The pages a document-level finding names (``page 3: ...``, ``pages 2, 3, 4: ...``).

    >>> message_pages("pages 2, 3: header 'Notes' matches no field"), message_pages("no page")
    ([2, 3], [])
    """
    m = _PAGES.match(message)
    return [int(p) for p in m.group(1).split(", ")] if m else []


def _ocr_row_action(
    message: str, page: int | None, actions: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """The action an OCR note is about: the row it names (by its first cell, as OCR read it) on its
    page."""
    m = _OCR_CELL.search(message)
    if not m or page is None:
        return None
    key = m.group("row").strip()
    here = [a for a in actions if a["page"] == page]
    for get in (
        lambda a: a.get("action_id_raw"),
        lambda a: a["action_id"],
        lambda a: a.get("description"),
    ):
        for a in here:
            value = (get(a) or "").strip()
            if key and value and (value[:20] == key or (len(key) >= 3 and value.startswith(key))):
                return a
    return None


def cause(finding: dict[str, Any]) -> str:
    """What makes findings repeats of one cause: the check's message without its page prefix; for a
    low OCR confidence, the text read and its column (an 'S' in column 6 read badly on every row).
    """
    message = _PAGES.sub("", finding["message"])
    if finding["check"] == "ocr_confidence":
        m = _OCR_CELL.search(message)
        if m:
            return f"OCR read {m.group('text')} in column {m.group('col')} with low confidence"
    return message


# Findings about one field, by check (the rest name their field first: "objectives is empty").
_CHECK_FIELD = {
    "required_field": "description",
    "truncated_text": "description",
    "text_bleed": "description",
    "deliverability": "deliverability",
    "missing_value": "deliverability",
    "colour": "rag",
    "multiple_stages": "stage",
    "id_pattern": "action_id",
    "duplicate_id": "action_id",
    "id_gap": "action_id",
    "id_repaired": "action_id",
    "id_sequence": "action_id",
    "broken_row": "row",
    "unparsed_row": "row",
    "unmapped_header": "header",
    "coverage": "action_id",
}
_FIELD_WORD = re.compile(r"^(\w+) ")


def field_of(finding: dict[str, Any]) -> str:
    """The field a finding is about, for the chart of findings per field ("document" when none)."""
    if finding["check"] in _CHECK_FIELD:
        return _CHECK_FIELD[finding["check"]]
    if finding["check"] == "ocr_confidence":
        m = _OCR_CELL.search(finding["message"])
        return f"OCR column {m.group('col')}" if m else "OCR"
    m = _FIELD_WORD.match(_PAGES.sub("", finding["message"]))
    if m and (
        m.group(1) in COMPLETENESS_FIELDS
        or m.group(1) in ("deliverability", "cost", "carbon", "timescale")
    ):
        return m.group(1)
    return "document" if not finding["resolved_action_id"] else finding["check"]


def _findings(db: Database, doc_id: str, actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    where = {a["action_id"]: a for a in reversed(actions)}  # first row of a repeated ID wins
    order = {a["action_id"]: i for i, a in reversed(list(enumerate(actions)))}
    rows = db.sql(
        'SELECT action_id, "check", severity, message FROM findings WHERE doc_id = ?', [doc_id]
    ).fetchall()
    out = []
    for action_id, check, severity, message in rows:
        a = where.get(action_id) if action_id else None
        pages = [a["page"]] if a and a["page"] is not None else message_pages(message)
        if a is None and check.startswith("ocr_") and len(pages) == 1:
            a = _ocr_row_action(message, pages[0], actions)  # a note about a cell names its row
        bbox = (a or {}).get("attributes", {}).get("bbox")
        out.append(
            {
                "action_id": action_id,
                "resolved_action_id": a["action_id"] if a else None,
                "check": check,
                "severity": severity,
                "message": message,
                "page": a["page"] if a else (pages[0] if pages else None),
                "pages": pages,
                "source_row": a["source_row"] if a else None,
                "bbox": (
                    [float(v) for v in bbox] if isinstance(bbox, list) and len(bbox) == 4 else None
                ),
            }
        )
    for f in out:
        f["field"] = field_of(f)
    out.sort(
        key=lambda f: (
            SEVERITY_RANK.get(f["severity"], 9),
            f["check"],
            order.get(f["resolved_action_id"], -1),
            f["message"],
        )
    )
    return out


def groups(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings of one check, severity and cause as one group (29 rows of 'no RAG colour' for one
    page-level cause are one group of 29), worst first, then largest; ``findings`` are indices into
    the report's findings, the first being the example shown (and cropped)."""
    by_cause: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        by_cause[(f["check"], f["severity"], cause(f))].append(i)
    out: list[dict[str, Any]] = []
    for (check, severity, why), members in by_cause.items():
        items = [findings[i] for i in members]
        out.append(
            {
                "check": check,
                "severity": severity,
                "cause": why,
                "count": len(members),
                "actions": list(
                    dict.fromkeys(f["resolved_action_id"] for f in items if f["resolved_action_id"])
                ),
                "pages": sorted({p for f in items for p in f["pages"]}),
                "fields": list(dict.fromkeys(f["field"] for f in items)),
                "findings": members,
            }
        )
    out.sort(
        key=lambda g: (
            SEVERITY_RANK.get(g["severity"], 9),
            -g["count"],
            g["check"],
            g["findings"][0],
        )
    )
    return out


def _checks(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per check and severity, worst first; actions in document order."""
    by_check: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for f in findings:  # already in severity, check, document order
        by_check[(f["check"], f["severity"])].append(f)
    out: list[dict[str, Any]] = []
    for (check, severity), items in by_check.items():
        actions = list(
            dict.fromkeys(f["resolved_action_id"] for f in items if f["resolved_action_id"])
        )
        registered = CHECK.get(check)
        out.append(
            {
                "check": check,
                "description": describe(check),
                "severity": severity,
                "stage": registered.stage if registered else None,
                "count": len(items),
                "actions": actions,
            }
        )
    out.sort(key=lambda c: (SEVERITY_RANK.get(c["severity"], 9), -c["count"], c["check"]))
    return out


def _corrections(db: Database, doc_id: str) -> dict[str, Any]:
    rows = db.sql(
        "SELECT rule, field, action_id, raw_value, clean_value, evidence FROM corrections WHERE"
        " doc_id = ? ORDER BY rule, action_id NULLS LAST, field",
        [doc_id],
    ).fetchall()
    by_rule: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        by_rule[row[0]].append(row)
    rules: list[dict[str, Any]] = []
    for rule, items in by_rule.items():
        replaced: Counter[str] = Counter()
        for item in items:
            replaced.update(_replaced_characters(item[3], item[4]))
        # Examples: distinct raw values, first those showing a replaced character not yet shown.
        examples: list[dict[str, Any]] = []
        shown: set[str] = set()
        seen: set[str | None] = set()
        ranked = sorted(items, key=lambda r: -len(set(_replaced_characters(r[3], r[4]))))
        for pass_new_chars in (True, False):
            for _, field, action_id, raw, clean, evidence in ranked:
                if len(examples) == EXAMPLES_PER_RULE or raw in seen:
                    continue
                chars = set(_replaced_characters(raw, clean))
                if pass_new_chars and not (chars - shown):
                    continue
                seen.add(raw)
                shown |= chars
                examples.append(
                    {
                        "action_id": action_id,
                        "field": field,
                        "raw_value": raw,
                        "clean_value": clean,
                        "evidence": evidence,
                    }
                )
        rules.append(
            {
                "rule": rule,
                "count": len(items),
                "fields": sorted({r[1] for r in items}),
                "examples": examples,
                "replaced_characters": [
                    {
                        "char": ch,
                        "codepoint": f"U+{ord(ch):04X}",
                        "name": unicodedata.name(ch, "?"),
                        "count": n,
                    }
                    for ch, n in replaced.most_common()
                ],
            }
        )
    rules.sort(key=lambda r: (-r["count"], r["rule"]))
    return {"total": len(rows), "by_rule": rules}


def _replaced_characters(raw: str | None, clean: str | None) -> list[str]:
    """Non-ASCII letters in ``raw`` that ``clean`` no longer has (Cyrillic Te in a T1, Greek
    Tau)."""
    if not raw:
        return []
    kept = set(clean or "")
    return [ch for ch in raw if not ch.isascii() and ch.isalpha() and ch not in kept]


def document_report(db: Database, doc_id: str, generated_at: str) -> dict[str, Any]:
    """Everything the report says about one document, as plain JSON-ready data."""

    doc = _document(db, doc_id)
    actions = _actions(db, doc_id)
    findings = _findings(db, doc_id, actions)
    comp = completeness(actions)
    corrections = _corrections(db, doc_id)
    severities = Counter(f["severity"] for f in findings)
    themes = Counter((a["plan"], a["theme"]) for a in actions)
    report: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "generated_at": generated_at,
        "generator": f"actionplans {__version__}",
        "document": doc,
        "summary": {
            "actions": len(actions),
            "completeness": comp["overall"],
            "findings": {s: severities.get(s, 0) for s in SEVERITIES},
            "flagged_actions": len(
                {
                    f["resolved_action_id"]
                    for f in findings
                    if f["resolved_action_id"] and f["severity"] != "info"
                }
            ),
            "corrections": corrections["total"],
        },
        "completeness": comp,
        "themes": [{"plan": p, "theme": t, "actions": n} for (p, t), n in themes.items()],
        "checks": _checks(findings),
        "groups": groups(findings),
        "findings": findings,
        "corrections": corrections,
    }
    report["summary"]["verdict"] = judge(report)
    return report


def failure_report(failure: dict[str, Any], generated_at: str) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "generated_at": generated_at, **failure}
