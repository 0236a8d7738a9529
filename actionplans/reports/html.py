"""Self-contained HTML for one document's report and for the index (inline CSS and JS, no network)."""

from __future__ import annotations

import hashlib
import re
from html import escape
from importlib import resources
from typing import Any

from .checks import SEVERITIES, SEVERITY_RANK

_ASSETS = resources.files("actionplans.reports") / "assets"


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def file_stem(doc_id: str) -> str:
    """The file name (without suffix) of a document's report: the id itself where it is a safe,
    lower-case file name, else a safe spelling plus a hash of the id, so that ids differing only in
    punctuation or case (``plan 2023``, ``plan/2023``, ``Plan_2023``) never share a file (issue 18).

    >>> file_stem("leics-county-2023-12"), file_stem("plan 2023"), file_stem("plan/2023")
    ('leics-county-2023-12', 'plan_2023-9c38815b', 'plan_2023-49248d15')
    """
    if re.fullmatch(r"[a-z0-9][a-z0-9._-]*", doc_id) and doc_id != "index" and len(doc_id) <= 120:
        return doc_id
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id)[:100].lstrip(".") or "document"
    return f"{safe}-{hashlib.sha256(doc_id.encode('utf-8')).hexdigest()[:8]}"


def _e(value: Any) -> str:
    return "" if value is None else escape(str(value))


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f"<title>{_e(title)}</title><style>{_asset('report.css')}</style></head><body>\n"
        f"{body}\n<script>{_asset('report.js')}</script></body></html>\n"
    )


def _sev(severity: str) -> str:
    return f'<span class="sev {_e(severity)}">{_e(severity)}</span>'


def _pct(rate: float) -> str:
    return f"{rate * 100:.0f}%"


def _bar(rate: float) -> str:
    return f'<span class="bar"><span style="width:{max(0.0, min(1.0, rate)) * 100:.0f}%"></span></span> {_pct(rate)}'


def _card(n: Any, label: str, cls: str = "", ident: str = "") -> str:
    id_attr = f' id="{ident}"' if ident else ""
    return f'<div class="card {cls}"><span class="n"{id_attr}>{_e(n)}</span><span class="l">{_e(label)}</span></div>'


def document_html(report: dict[str, Any], thumbnails: dict[tuple[int, str], str] | None = None) -> str:
    """The report page of one document.  ``thumbnails`` maps (finding index, action_id) to base64 PNGs."""
    doc, summary = report["document"], report["summary"]
    thumbnails = thumbnails or {}
    title = doc.get("title") or doc["doc_id"]
    meta = [doc.get("council"), f"edition {doc.get('edition')}", f"{doc.get('format')}",
            f"plans: {', '.join(doc.get('plans') or [])}", f"profile {doc.get('profile')}",
            f"extractor {doc.get('extractor')}", f"ingested {doc.get('ingested_at')}"]
    counts = summary["findings"]
    parts = [
        '<p><a href="index.html">&larr; all documents</a> · '
        f'<a href="{_e(file_stem(doc["doc_id"]))}.json">JSON</a></p>',
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">{"".join(f"<span>{_e(m)}</span>" for m in meta if m)}</p>',
        f'<p class="meta mono">{_e(doc.get("path"))} · sha256 {_e((doc.get("sha256") or "")[:16])}…</p>',
        '<div class="cards">',
        _card(summary["actions"], "actions", ident="count-actions"),
        _card(_pct(summary["completeness"]), "completeness", ident="completeness"),
        _card(counts["error"], "errors", "error" if counts["error"] else "", "count-error"),
        _card(counts["warning"], "warnings", "warning" if counts["warning"] else "", "count-warning"),
        _card(counts["info"], "info", ident="count-info"),
        _card(summary["flagged_actions"], "actions flagged", ident="count-flagged"),
        _card(summary["corrections"], "corrections", ident="count-corrections"),
        "</div>",
    ]
    # -- checks, worst first
    parts.append("<h2>Checks, worst first</h2>")
    if report["checks"]:
        rows = []
        for c in report["checks"]:
            acts = ", ".join(c["actions"][:12]) + (f" … (+{len(c['actions']) - 12})" if len(c["actions"]) > 12 else "")
            rows.append(
                f'<tr><td data-sort="{SEVERITY_RANK.get(c["severity"], 9)}">{_sev(c["severity"])}</td>'
                f'<td><code>{_e(c["check"])}</code></td><td class="num">{c["count"]}</td>'
                f'<td>{_e(c["description"])}</td><td class="mono">{_e(acts)}</td></tr>')
        parts.append('<table class="sortable" id="checks"><thead><tr><th>severity</th><th>check</th>'
                     '<th class="num">findings</th><th>what it means</th><th>actions</th></tr></thead>'
                     f'<tbody>{"".join(rows)}</tbody></table>')
    else:
        parts.append('<p><span class="sev ok">no findings</span></p>')
    # -- findings, worst first
    parts.append(f'<h2>Findings ({len(report["findings"])})</h2>')
    if report["findings"]:
        options = "".join(f'<option value="{s}">{s}</option>' for s in SEVERITIES)
        parts.append('<div class="tools"><input id="filter-text" type="search" placeholder="filter: action, check, text"'
                     ' aria-label="filter findings">'
                     f'<select id="filter-severity" aria-label="severity"><option value="">all severities</option>{options}</select>'
                     '<span id="filter-count" class="muted"></span></div>')
        has_thumbs = bool(thumbnails)
        rows = []
        for i, f in enumerate(report["findings"]):
            thumb = thumbnails.get((i, f["action_id"] or ""))
            cell = (f'<td><img class="thumb" alt="page {_e(f["page"])} region of {_e(f["action_id"])}" '
                    f'src="data:image/png;base64,{thumb}"></td>') if has_thumbs and thumb else ("<td></td>" if has_thumbs else "")
            where = f["page"] if f["page"] is not None else (f"line {f['source_row']}" if f["source_row"] is not None else "")
            rows.append(
                f'<tr data-severity="{_e(f["severity"])}"><td data-sort="{SEVERITY_RANK.get(f["severity"], 9)}">{_sev(f["severity"])}</td>'
                f'<td><code>{_e(f["check"])}</code></td><td class="mono">{_e(f["action_id"])}</td>'
                f'<td class="num">{_e(where)}</td><td>{_e(f["message"])}</td>{cell}</tr>')
        head = "<th>source</th>" if has_thumbs else ""
        parts.append('<table class="sortable" id="findings"><thead><tr><th>severity</th><th>check</th><th>action</th>'
                     f'<th class="num">page / line</th><th>message</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    # -- corrections by rule
    corr = report["corrections"]
    parts.append(f'<h2>What normalisation changed ({corr["total"]} corrections)</h2>')
    if corr["by_rule"]:
        rows = []
        for r in corr["by_rule"]:
            examples = "".join(
                f'<div class="ex"><span class="mono">{_e(x["action_id"] or "–")}</span> {_e(x["field"])}: '
                f'<code>{_e(_short(x["raw_value"]))}</code><span class="arrow">&rarr;</span>'
                f'<code>{_e(_short(x["clean_value"])) if x["clean_value"] is not None else "<i>dropped</i>"}</code>'
                + (f' <span class="ev">({_e(x["evidence"])})</span>' if x["evidence"] else "") + "</div>"
                for x in r["examples"])
            chars = ", ".join(f'{c["char"]} {c["codepoint"]} {c["name"].title()} ×{c["count"]}' for c in r["replaced_characters"])
            rows.append(f'<tr><td><code>{_e(r["rule"])}</code></td><td class="num">{r["count"]}</td>'
                        f'<td>{_e(", ".join(r["fields"][:6]))}{" …" if len(r["fields"]) > 6 else ""}</td>'
                        f'<td>{examples}{f"<div class=ev>replaced: {_e(chars)}</div>" if chars else ""}</td></tr>')
        parts.append('<table class="sortable" id="corrections"><thead><tr><th>rule</th><th class="num">count</th>'
                     f'<th>fields</th><th>examples</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')
    # -- completeness
    comp = report["completeness"]
    parts.append(f'<h2>Completeness {_pct(comp["overall"])}</h2>'
                 '<p class="muted">Share of actions that fill each field; fields no action fills are not in the '
                 "document's table and do not count towards the overall figure.</p>")
    rows = "".join(
        f'<tr><td>{_e(f["field"])}</td><td class="num">{f["filled"]} / {f["actions"]}</td>'
        f'<td data-sort="{f["rate"]}">{_bar(f["rate"])}</td><td>{"" if f["used"] else "not in this document"}</td></tr>'
        for f in comp["fields"])
    parts.append('<table class="sortable" id="completeness-fields"><thead><tr><th>field</th><th class="num">filled</th>'
                 f'<th>rate</th><th></th></tr></thead><tbody>{rows}</tbody></table>')
    rows = "".join(f'<tr><td>{_e(t["plan"])}</td><td>{_e(t["theme"] or "–")}</td><td class="num">{t["actions"]}</td></tr>'
                   for t in report["themes"])
    parts.append('<h2>Actions per theme</h2><table class="sortable" id="themes"><thead><tr><th>plan</th><th>theme</th>'
                 f'<th class="num">actions</th></tr></thead><tbody>{rows}</tbody></table>')
    parts.append(f'<footer>{_e(report["generator"])} · generated {_e(report["generated_at"])} · '
                 f'report schema v{report["schema_version"]}</footer>')
    return _page(f"{title}: validation report", "\n".join(parts))


def _short(value: str | None, limit: int = 140) -> str:
    if value is None:
        return ""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def index_html(documents: list[dict[str, Any]], failures: list[dict[str, Any]], generated_at: str, generator: str) -> str:
    """One row per document (worst first) and one per file that failed to load."""
    rows = []  # worst first: files that failed to load, then documents by errors and warnings
    for x in failures:
        rows.append(
            f'<tr class="failed" data-failed="{_e(x["path"])}"><td data-sort="-1">{_sev("failed")}</td>'
            f'<td class="mono">{_e(x["path"])}<div>failed to load: {_e(x["message"])}</div></td>'
            f'<td></td><td></td><td></td><td class="num" data-sort="-1">–</td><td data-sort="-1">–</td>'
            '<td class="num">–</td><td class="num">–</td><td class="num">–</td><td class="num">–</td></tr>')
    for d in documents:
        doc, s = d["document"], d["summary"]
        f = s["findings"]
        status = "error" if f["error"] else ("warning" if f["warning"] else "ok")
        rank = SEVERITY_RANK.get(status, 3)
        rows.append(
            f'<tr data-doc="{_e(doc["doc_id"])}"><td data-sort="{rank}">{_sev(status if status != "ok" else "ok")}</td>'
            f'<td><a href="{_e(file_stem(doc["doc_id"]))}.html">{_e(doc["doc_id"])}</a><div class="muted">{_e(doc.get("title"))}</div></td>'
            f'<td>{_e(doc.get("council"))}</td><td>{_e(doc.get("edition"))}</td><td>{_e(doc.get("format"))}</td>'
            f'<td class="num">{s["actions"]}</td><td data-sort="{s["completeness"]}">{_bar(s["completeness"])}</td>'
            f'<td class="num">{f["error"]}</td><td class="num">{f["warning"]}</td><td class="num">{f["info"]}</td>'
            f'<td class="num">{s["corrections"]}</td></tr>')
    totals = {s: sum(d["summary"]["findings"][s] for d in documents) for s in SEVERITIES}
    body = "\n".join([
        "<h1>Validation reports</h1>",
        f'<p class="meta"><span>{len(documents)} documents</span><span>{len(failures)} failed to load</span>'
        f'<span>generated {_e(generated_at)}</span></p>',
        '<div class="cards">',
        _card(len(documents), "documents", ident="count-documents"),
        _card(len(failures), "failed to load", "failed" if failures else "", "count-failed"),
        _card(sum(d["summary"]["actions"] for d in documents), "actions", ident="count-actions"),
        _card(totals["error"], "errors", "error" if totals["error"] else "", "count-error"),
        _card(totals["warning"], "warnings", "warning" if totals["warning"] else "", "count-warning"),
        _card(totals["info"], "info", ident="count-info"),
        "</div>",
        '<table class="sortable" id="documents"><thead><tr><th>status</th><th>document</th><th>council</th>'
        '<th>edition</th><th>format</th><th class="num">actions</th><th>completeness</th><th class="num">errors</th>'
        '<th class="num">warnings</th><th class="num">info</th><th class="num">corrections</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>',
        f"<footer>{_e(generator)} · completeness: share of the fields a document uses that its actions fill</footer>",
    ])
    return _page("actionplans validation reports", body)
