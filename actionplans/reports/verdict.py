"""One verdict per document: ``trusted``, ``check`` or ``do not use`` (issue 19).

Every rule is here, with its threshold as a named constant and why it sits where it does.  A
document's verdict is the worst level any rule gives; each rule that fires gives a reason in plain
words, shown under the verdict in the reports, so nobody has to reverse-engineer a badge.

- ``trusted``: use the figures; the few flagged rows are the spot checks any reader makes.
- ``check``: usable, but look at the flagged rows (and the reasons) before quoting figures.
- ``do not use``: the extraction itself is in doubt; re-read the document (another profile, OCR,
  a manifest entry) before using any of it.

The README's "Validation reports" section says the same in words; keep them together.
"""

from __future__ import annotations

from typing import Any

from ..checks import LOST_ROW_CHECKS

TRUSTED, CHECK, DO_NOT_USE = "trusted", "check", "do not use"
LEVELS = (TRUSTED, CHECK, DO_NOT_USE)  # best to worst
LEVEL_RANK = {level: i for i, level in enumerate(LEVELS)}

# -- flagged actions (any warning or error about the action) ------------------------------------
# Up to 1 action in 20 flagged is what a careful reader spot-checks anyway: still trusted.
FLAGGED_SHARE_CHECK = 0.05
# When half the actions or more are flagged, the cause is the extraction (a lost column, a bad
# scan, the wrong profile), not the rows: fix that before using any row.
FLAGGED_SHARE_DO_NOT_USE = 0.5

# -- error-level findings (no description, an ID that fits no pattern, a clean-schema failure) ---
# Errors are things known to be wrong, so any one means check.  At 1 action in 10 the table as a
# whole cannot be relied on.
ERROR_SHARE_DO_NOT_USE = 0.10

# -- required fields -----------------------------------------------------------------------------
# An action is its description; without it there is nothing to quote or link across editions.
REQUIRED_FIELDS = ("description",)
# Under 90% filled, the description column was probably mis-mapped or cut off by the reader.
REQUIRED_FILL_DO_NOT_USE = 0.90

# -- completeness (mean fill rate over the fields the document uses) -----------------------------
# Plans leave some cells empty on purpose (no partners, no update yet): 75% is lower than any
# bundled document reads; under it, columns were probably lost.
COMPLETENESS_CHECK = 0.75
# Under half filled, most of the table did not come through.
COMPLETENESS_DO_NOT_USE = 0.50

# -- ID coverage --------------------------------------------------------------------------------
# A gap in a numbered sequence (B10, B12 but no B11) may be a row the reader lost: any gap means
# check.  One ID in 10 missing means rows were lost wholesale.
ID_GAP_SHARE_DO_NOT_USE = 0.10

# -- OCR ----------------------------------------------------------------------------------------
# A cell OCR read with low confidence may hold a wrong letter (an 'S' for a '5'): any means check.
# When half the actions hold one, the scan is too poor to read without the page beside it.
OCR_LOW_SHARE_DO_NOT_USE = 0.5

# -- pages not read (the checks with loses_rows in actionplans/checks.py) ------------------------
# Any lost page may hold actions: check.  A quarter of the pages lost is too much of the plan.
LOST_PAGE_SHARE_DO_NOT_USE = 0.25

# -- findings that name a doubt about the whole document, not one row ----------------------------
# Each of these means check (the reason names it): the data may be right, but something about how
# it was read was guessed or partly failed.
DOCUMENT_DOUBTS = {
    "profile_inference": "the layout profile was inferred and a setting of it is uncertain",
    "metadata_guess": "council, edition or title were guessed from the document's text",
    "recovered": "the PDF was rebuilt before it could be read",
    "unknown_table": "a table with an unknown header was left out",
    "unmapped_header": "a column header matches no field",
    "unparsed_row": "rows were dropped that did not become actions",
    "coverage": "the number of rows disagrees with the ID sequence",
    "schema": "the raw rows failed their schema",
}


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


# The rules in plain words (the README lists them from here, so the two cannot drift apart).
RULES: dict[str, str] = {
    "flagged": (
        "Actions flagged (a warning or error about the action, OCR notes counted for the row they"
        f" name): more than {_pct(FLAGGED_SHARE_CHECK)} of actions is *check*;"
        f" {_pct(FLAGGED_SHARE_DO_NOT_USE)} or more is *do not use*, since then the reading (a lost"
        " column, a poor scan, the wrong profile) is at fault, not the rows."
    ),
    "errors": (
        "Error-level findings (no description, an ID that fits no pattern): any is *check*; on "
        f"{_pct(ERROR_SHARE_DO_NOT_USE)} of actions or more, *do not use*."
    ),
    "schema": (
        "A clean action that failed its schema is *do not use* (the data is not what the database"
        " promises); raw rows that failed theirs are *check*."
    ),
    "required_fields": (
        f"Required fields ({', '.join(REQUIRED_FIELDS)}): an action without one is *check*; under "
        f"{_pct(REQUIRED_FILL_DO_NOT_USE)} filled, *do not use* (the column was mis-read)."
    ),
    "completeness": (
        f"Completeness under {_pct(COMPLETENESS_CHECK)} is *check* (plans leave some cells empty,"
        f" but not that many); under {_pct(COMPLETENESS_DO_NOT_USE)}, *do not use*."
    ),
    "id_gaps": (
        "An ID missing from a numbered sequence may be a lost row: any is *check*; "
        f"{_pct(ID_GAP_SHARE_DO_NOT_USE)} of the sequence or more, *do not use*."
    ),
    "ocr_confidence": (
        "A cell OCR read with low confidence may hold a wrong letter: any is *check*; on "
        f"{_pct(OCR_LOW_SHARE_DO_NOT_USE)} of actions or more, *do not use*."
    ),
    "lost_pages": (
        "A page that could not be read (damaged, no text layer, OCR found no text) may hold"
        f" actions: any is *check*; {_pct(LOST_PAGE_SHARE_DO_NOT_USE)} of the pages or more, *do"
        " not use*."
    ),
    "document": (
        "A doubt about the document as a whole is *check*: "
        + "; ".join(DOCUMENT_DOUBTS.values())
        + "."
    ),
    "no_actions": "A document with no actions is *do not use*.",
}


def judge(report: dict[str, Any]) -> dict[str, Any]:
    """The verdict on one document report (what :func:`~.collect.document_report` builds: summary,
    completeness and located findings).

    Returns ``{"level", "reasons": [{"rule", "level", "text"}], "measures": {...}}``; reasons worst
    first.
    """
    findings = report["findings"]
    n = report["summary"]["actions"]
    pages = report["document"].get("pages") or 0
    reasons: list[dict[str, str]] = []

    def fire(rule: str, level: str, text: str) -> None:
        reasons.append({"rule": rule, "level": level, "text": text})

    def actions_with(pred) -> set[str]:
        return {f["resolved_action_id"] for f in findings if f["resolved_action_id"] and pred(f)}

    flagged = actions_with(lambda f: f["severity"] in ("error", "warning"))
    errors = actions_with(lambda f: f["severity"] == "error")
    ocr_low = actions_with(lambda f: f["check"] == "ocr_confidence")
    gaps = {f["action_id"] for f in findings if f["check"] == "id_gap"}
    lost_pages = {p for f in findings if f["check"] in LOST_ROW_CHECKS for p in f["pages"]}
    share = (lambda k: k / n) if n else (lambda k: 1.0 if k else 0.0)
    measures = {
        "flagged_share": round(share(len(flagged)), 4),
        "error_share": round(share(len(errors)), 4),
        "ocr_low_share": round(share(len(ocr_low)), 4),
        "id_gaps": len(gaps),
        "lost_pages": len(lost_pages),
    }

    if n == 0:
        fire("no_actions", DO_NOT_USE, "no actions were read")
    # schema: a clean action that fails the store's schema is not what the database promises
    schema_errors = [f for f in findings if f["check"] == "schema" and f["severity"] == "error"]
    if schema_errors:
        fire("schema", DO_NOT_USE, f"{len(schema_errors)} clean action(s) failed their schema")
    # errors: on actions, by share; about the document (not its schema, above), any is check
    if errors:
        level = DO_NOT_USE if share(len(errors)) >= ERROR_SHARE_DO_NOT_USE else CHECK
        fire(
            "errors",
            level,
            f"{len(errors)} of {n} actions ({_pct(share(len(errors)))}) have an error"
            + (f" (at least {_pct(ERROR_SHARE_DO_NOT_USE)})" if level == DO_NOT_USE else ""),
        )
    else:
        loose = [
            f
            for f in findings
            if f["severity"] == "error" and not f["resolved_action_id"] and f["check"] != "schema"
        ]
        if loose:
            fire(
                "errors",
                CHECK,
                f"{len(loose)} error(s) about the document"
                f" ({', '.join(sorted({f['check'] for f in loose}))})",
            )
    # flagged share
    if n and share(len(flagged)) >= FLAGGED_SHARE_DO_NOT_USE:
        fire(
            "flagged",
            DO_NOT_USE,
            f"{len(flagged)} of {n} actions ({_pct(share(len(flagged)))}) have a warning or error"
            f" (at least {_pct(FLAGGED_SHARE_DO_NOT_USE)}): the reading, not the rows, is at fault",
        )
    elif n and share(len(flagged)) > FLAGGED_SHARE_CHECK:
        fire(
            "flagged",
            CHECK,
            f"{len(flagged)} of {n} actions ({_pct(share(len(flagged)))}) have a warning or "
            f"error (over {_pct(FLAGGED_SHARE_CHECK)})",
        )
    # required fields
    fill = {f["field"]: f for f in report["completeness"]["fields"]}
    for name in REQUIRED_FIELDS:
        rate = fill[name]["rate"] if name in fill else 0.0
        if n and rate < REQUIRED_FILL_DO_NOT_USE:
            fire(
                "required_fields",
                DO_NOT_USE,
                f"only {_pct(rate)} of actions have a {name} "
                f"(under {_pct(REQUIRED_FILL_DO_NOT_USE)})",
            )
        elif n and rate < 1:
            fire(
                "required_fields",
                CHECK,
                f"{fill[name]['actions'] - fill[name]['filled']} action(s) have no {name}",
            )
    # completeness
    overall = report["completeness"]["overall"]
    if n and overall < COMPLETENESS_DO_NOT_USE:
        fire(
            "completeness",
            DO_NOT_USE,
            f"completeness {_pct(overall)} (under {_pct(COMPLETENESS_DO_NOT_USE)})",
        )
    elif n and overall < COMPLETENESS_CHECK:
        fire(
            "completeness",
            CHECK,
            f"completeness {_pct(overall)} (under {_pct(COMPLETENESS_CHECK)})",
        )
    # ID gaps
    if gaps:
        gap_share = len(gaps) / (n + len(gaps))
        level = DO_NOT_USE if gap_share >= ID_GAP_SHARE_DO_NOT_USE else CHECK
        fire(
            "id_gaps",
            level,
            f"{len(gaps)} ID(s) missing from numbered sequences ({', '.join(sorted(gaps)[:5])}"
            f"{' …' if len(gaps) > 5 else ''})"
            + (f", {_pct(gap_share)} of the sequence" if level == DO_NOT_USE else ""),
        )
    # OCR
    if ocr_low:
        level = DO_NOT_USE if share(len(ocr_low)) >= OCR_LOW_SHARE_DO_NOT_USE else CHECK
        fire(
            "ocr_confidence",
            level,
            f"{len(ocr_low)} of {n} actions ({_pct(share(len(ocr_low)))}) have a cell OCR read "
            "with low confidence"
            + (f" (at least {_pct(OCR_LOW_SHARE_DO_NOT_USE)})" if level == DO_NOT_USE else ""),
        )
    elif any(f["check"] == "ocr_confidence" for f in findings):
        fire("ocr_confidence", CHECK, "OCR read cells with low confidence")
    # lost pages
    if lost_pages or any(f["check"] in LOST_ROW_CHECKS for f in findings):
        lost_share = len(lost_pages) / pages if pages else 0.0
        level = DO_NOT_USE if lost_share >= LOST_PAGE_SHARE_DO_NOT_USE else CHECK
        which = ", ".join(map(str, sorted(lost_pages))) or "?"
        fire(
            "lost_pages",
            level,
            f"{len(lost_pages) or 'some'} page(s) could not be read (page {which})"
            + (f", {_pct(lost_share)} of the document" if level == DO_NOT_USE else ""),
        )
    # doubts about the document as a whole
    for check, text in DOCUMENT_DOUBTS.items():
        hits = [
            f
            for f in findings
            if f["check"] == check
            and not f["resolved_action_id"]
            and (f["severity"] != "info" or check == "metadata_guess")
            and not (check == "schema" and f["severity"] == "error")
        ]
        if hits:
            fire(check, CHECK, text + (f" ({len(hits)}×)" if len(hits) > 1 else ""))

    reasons.sort(key=lambda r: -LEVEL_RANK[r["level"]])
    level = reasons[0]["level"] if reasons else TRUSTED
    if not reasons:
        reasons.append(
            {
                "rule": "none",
                "level": TRUSTED,
                "text": (
                    f"{len(flagged)} of {n} actions flagged (at most {_pct(FLAGGED_SHARE_CHECK)}); "
                    "no doubt about the document as a whole"
                ),
            }
        )
    return {"level": level, "reasons": reasons, "measures": measures}


def rank_key(summary: dict[str, Any]) -> tuple:
    """Worst first: verdict, then share of actions flagged, then errors and warnings."""
    v = summary["verdict"]
    return (
        -LEVEL_RANK[v["level"]],
        -v["measures"]["flagged_share"],
        -summary["findings"]["error"],
        -summary["findings"]["warning"],
    )
