"""Self-contained HTML for one document's report and for the index (inline CSS and JS, no
network)."""

from __future__ import annotations

import hashlib
import re
from html import escape
from importlib import resources
from typing import Any

from ..checks import SEVERITIES, SEVERITY_RANK, describe
from .verdict import LEVEL_RANK, LEVELS

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
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f"<title>{_e(title)}</title><style>{_asset('report.css')}</style></head><body>\n"
        f"{body}\n<script>{_asset('report.js')}</script></body></html>\n"
    )


def _sev(severity: str) -> str:
    return f'<span class="sev {_e(severity)}">{_e(severity)}</span>'


def _pct(rate: float) -> str:
    return f"{rate * 100:.0f}%"


def _bar(rate: float) -> str:
    return (
        '<span class="bar"><span'
        f' style="width:{max(0.0, min(1.0, rate)) * 100:.0f}%"></span></span> {_pct(rate)}'
    )


def _card(n: Any, label: str, cls: str = "", ident: str = "") -> str:
    id_attr = f' id="{ident}"' if ident else ""
    return (
        f'<div class="card {cls}"><span class="n"{id_attr}>{_e(n)}</span><span'
        f' class="l">{_e(label)}</span></div>'
    )


def _verdict_class(level: str) -> str:
    return level.replace(" ", "-")


VERDICT_MEANING = {
    "trusted": "use it; spot-check the few flagged rows",
    "check": "usable, but look at the flagged rows and the reasons before quoting figures",
    "do not use": "the reading itself is in doubt: re-read the document before using any of it",
}


def verdict_badge(verdict: dict[str, Any]) -> str:
    """The verdict as a badge: ``trusted``, ``check`` or ``do not use``."""
    level = verdict["level"]
    return f'<span class="verdict-badge {_verdict_class(level)}">{_e(level)}</span>'


def _verdict_banner(verdict: dict[str, Any], summary: dict[str, Any]) -> str:
    reasons = "".join(
        f'<li class="{_verdict_class(r["level"])}">{_e(r["text"])}</li>' for r in verdict["reasons"]
    )
    headline = VERDICT_MEANING
    return (
        f'<div class="verdict {_verdict_class(verdict["level"])}" id="verdict"'
        f' data-verdict="{_e(verdict["level"])}">{verdict_badge(verdict)}'
        f" <strong>{_e(headline.get(verdict['level'], ''))}</strong> <span"
        f' class="muted">({summary["flagged_actions"]} of {summary["actions"]} actions'
        f" flagged)</span><ul>{reasons}</ul></div>"
    )


_SEV_COLOUR = {"error": "#d92d20", "warning": "#f79009", "info": "#98a2b3"}


def _stack(counts: dict[str, int]) -> list[tuple[str, int]]:
    return [(s, counts.get(s, 0)) for s in SEVERITIES if counts.get(s, 0)]


def chart_by_field(findings: list[dict[str, Any]]) -> str:
    """Findings per field as a horizontal stacked bar chart (inline SVG, no script)."""
    counts: dict[str, dict[str, int]] = {}
    for f in findings:
        c = counts.setdefault(f["field"], {})
        c[f["severity"]] = c.get(f["severity"], 0) + 1
    rows = sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    if not rows:
        return ""
    label_w, bar_w, row_h = 150, 260, 18
    top = max(sum(c.values()) for _, c in rows)
    height = row_h * len(rows) + 4
    parts = [
        f'<svg id="chart-fields" class="chart" role="img" width="{label_w + bar_w + 40}"'
        f' height="{height}" viewBox="0 0 {label_w + bar_w + 40} {height}"><title>Findings per'
        " field</title>"
    ]
    for k, (label, c) in enumerate(rows):
        y, x, total = k * row_h + 2, float(label_w), sum(c.values())
        parts.append(
            f'<g class="bar" data-label="{_e(label)}" data-count="{total}">'
            f'<text x="{label_w - 6}" y="{y + 12}" text-anchor="end">{_e(label)}</text>'
        )
        for sev, n in _stack(c):
            w = max(1.0, bar_w * n / top)
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{row_h - 5}"'
                f' fill="{_SEV_COLOUR[sev]}"><title>{_e(label)}: {n} {sev}</title></rect>'
            )
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 12}">{total}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def chart_by_page(findings: list[dict[str, Any]], pages: int | None) -> str:
    """Findings per page as a column chart (inline SVG, no script); a finding naming several pages
    counts on each.  Empty when no finding has a page (text dumps)."""
    counts: dict[int, dict[str, int]] = {}
    for f in findings:
        for p in f["pages"]:
            c = counts.setdefault(p, {})
            c[f["severity"]] = c.get(f["severity"], 0) + 1
    if not counts:
        return ""
    last = max(max(counts), pages or 0)
    col_w = max(6, min(28, 640 // last))
    plot_h, base = 90, 104
    width = col_w * last + 36
    top = max(sum(c.values()) for c in counts.values())
    parts = [
        f'<svg id="chart-pages" class="chart" role="img" width="{width}" height="{base + 16}" '
        f'viewBox="0 0 {width} {base + 16}"><title>Findings per page</title>'
        f'<line x1="28" y1="{base}" x2="{width}" y2="{base}" stroke="#d0d5dd"/>'
        f'<text x="24" y="{base - plot_h + 8}" text-anchor="end">{top}</text>'
        f'<text x="24" y="{base}" text-anchor="end">0</text>'
    ]
    for p in range(1, last + 1):
        x = 30 + (p - 1) * col_w
        c = counts.get(p, {})
        total = sum(c.values())
        parts.append(f'<g class="bar" data-page="{p}" data-count="{total}">')
        y = float(base)
        for sev, n in _stack(c):
            h = max(1.0, plot_h * n / top)
            y -= h
            parts.append(
                f'<rect x="{x + 1}" y="{y:.1f}" width="{col_w - 2}" height="{h:.1f}"'
                f' fill="{_SEV_COLOUR[sev]}"><title>page {p}: {n} {sev}</title></rect>'
            )
        if last <= 40 or p == 1 or p % 5 == 0:
            parts.append(
                f'<text x="{x + col_w / 2:.1f}" y="{base + 12}" text-anchor="middle">{p}</text>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def document_html(
    report: dict[str, Any], thumbnails: dict[int, str] | None = None, browse_url: str | None = None
) -> str:
    """The report page of one document.  ``thumbnails`` maps a group's index (``report["groups"]``)
    to a base64 PNG of its first located finding; ``browse_url`` opens the document's actions in the
    web view (``actionplans serve``)."""
    doc, summary = report["document"], report["summary"]
    thumbnails = thumbnails or {}
    title = doc.get("title") or doc["doc_id"]
    meta = [
        doc.get("council"),
        f"edition {doc.get('edition')}",
        f"{doc.get('format')}",
        f"plans: {', '.join(doc.get('plans') or [])}",
        f"profile {doc.get('profile')}",
        f"extractor {doc.get('extractor')}",
        f"ingested {doc.get('ingested_at')}",
    ]
    counts = summary["findings"]
    parts = [
        '<p><a href="index.html">&larr; all documents</a> · '
        f'<a href="{_e(file_stem(doc["doc_id"]))}.json">JSON</a>'
        + (
            f' · <a id="browse" href="{_e(browse_url)}">its actions in the web view</a> '
            '<span class="muted">(while <code>actionplans serve</code> runs)</span>'
            if browse_url
            else ""
        )
        + "</p>",
        f"<h1>{_e(title)}</h1>",
        _verdict_banner(summary["verdict"], summary),
        f'<p class="meta">{"".join(f"<span>{_e(m)}</span>" for m in meta if m)}</p>',
        (
            f'<p class="meta mono">{_e(doc.get("path"))} · sha256'
            f" {_e((doc.get('sha256') or '')[:16])}…</p>"
        ),
        '<div class="cards">',
        _card(summary["actions"], "actions", ident="count-actions"),
        _card(_pct(summary["completeness"]), "completeness", ident="completeness"),
        _card(counts["error"], "errors", "error" if counts["error"] else "", "count-error"),
        _card(
            counts["warning"], "warnings", "warning" if counts["warning"] else "", "count-warning"
        ),
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
            acts = ", ".join(c["actions"][:12]) + (
                f" … (+{len(c['actions']) - 12})" if len(c["actions"]) > 12 else ""
            )
            rows.append(
                "<tr><td"
                f' data-sort="{SEVERITY_RANK.get(c["severity"], 9)}">{_sev(c["severity"])}</td>'
                f"<td><code>{_e(c['check'])}</code></td><td>{_e(c.get('stage') or '')}</td><td"
                f' class="num">{c["count"]}</td><td>{_e(c["description"])}</td><td'
                f' class="mono">{_e(acts)}</td></tr>'
            )
        parts.append(
            '<table class="sortable"'
            ' id="checks"><thead><tr><th>severity</th><th>check</th><th>found by</th><th'
            ' class="num">findings</th><th>what it'
            f" means</th><th>actions</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    else:
        parts.append('<p><span class="sev ok">no findings</span></p>')
    # -- charts
    # what to distrust, not what was noted
    flagged = [f for f in report["findings"] if f["severity"] != "info"]
    by_page = chart_by_page(flagged, doc.get("pages"))
    by_field = chart_by_field(flagged)
    if by_page or by_field:
        legend = "".join(
            f'<span class="key"><i style="background:{_SEV_COLOUR[s]}"></i>{s}</span>'
            for s in SEVERITIES[:2]
        )
        parts.append(
            '<h2>Where the findings are</h2><div class="charts">'
            + (
                f"<figure>{by_page}<figcaption>warnings and errors per page</figcaption></figure>"
                if by_page
                else ""
            )
            + (
                f"<figure>{by_field}<figcaption>warnings and errors per field</figcaption></figure>"
                if by_field
                else ""
            )
            + f'</div><p class="legend muted">{legend}</p>'
        )
    # -- findings, grouped by cause, worst first
    findings, grouped = report["findings"], report["groups"]
    parts.append(
        f"<h2>Findings ({len(findings)}"
        + (f", {len(grouped)} causes" if len(grouped) != len(findings) else "")
        + ")</h2>"
    )
    if grouped:
        options = "".join(f'<option value="{s}">{s}</option>' for s in SEVERITIES)
        parts.append(
            '<p class="muted">Findings of one check with the same cause are one row, with every'
            " action and page they concern and one crop of the source.</p><div"
            ' class="tools"><input id="filter-text" type="search" placeholder="filter: action,'
            ' check, text" aria-label="filter findings"><select id="filter-severity"'
            ' aria-label="severity"><option value="">all'
            f' severities</option>{options}</select><span id="filter-count"'
            ' class="muted"></span></div>'
        )
        has_thumbs = bool(thumbnails)
        rows = []
        for g, group in enumerate(grouped):
            items = [findings[i] for i in group["findings"]]
            first = items[0]
            thumb = thumbnails.get(g)
            alt = f"page {first['page']}" + (
                f" region of {first['resolved_action_id']}" if first["resolved_action_id"] else ""
            )
            cell = (
                f'<td class="src"><img class="thumb" tabindex="0" alt="{_e(alt)}" '
                f'title="hover or click to zoom" src="data:image/png;base64,{thumb}"></td>'
                if has_thumbs and thumb
                else ('<td class="src"></td>' if has_thumbs else "")
            )
            pages = group["pages"]
            if pages:
                where = ", ".join(map(str, pages[:12])) + (" …" if len(pages) > 12 else "")
            else:
                where = f"line {first['source_row']}" if first["source_row"] is not None else ""
            acts = group["actions"]
            shown = ", ".join(acts[:20]) + (f" … (+{len(acts) - 20})" if len(acts) > 20 else "")
            if len(items) > 1 and len({f["message"] for f in items}) > 1:
                listing = "".join(
                    f'<li><span class="mono">{_e(f["resolved_action_id"] or "–")}</span> '
                    f"{_e(f['message'])}</li>"
                    for f in items
                )
                what = (
                    f"{_e(group['cause'])}<details><summary>{len(items)} findings</summary>"
                    f'<ul class="members">{listing}</ul></details>'
                )
            else:
                what = _e(first["message"] if len(items) == 1 else group["cause"])
            rows.append(
                f'<tr data-severity="{_e(group["severity"])}" data-count="{group["count"]}">'
                f'<td data-sort="{SEVERITY_RANK.get(group["severity"], 9)}">'
                f"{_sev(group['severity'])}</td>"
                f'<td><code title="{_e(describe(group["check"]))}">{_e(group["check"])}</code></td>'
                f'<td class="num">{group["count"]}</td><td class="mono acts">{_e(shown)}</td>'
                '<td class="num"'
                f' data-sort="{pages[0] if pages else ""}">{_e(where)}</td>'
                f"<td>{what}</td>{cell}</tr>"
            )
        head = "<th>source</th>" if has_thumbs else ""
        parts.append(
            '<table class="sortable" id="findings"><thead><tr><th>severity</th><th>check</th><th'
            ' class="num">count</th><th>action</th><th class="num">page /'
            f" line</th><th>finding</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    # -- corrections by rule
    corr = report["corrections"]
    parts.append(f"<h2>What normalisation changed ({corr['total']} corrections)</h2>")
    if corr["by_rule"]:
        rows = []
        for r in corr["by_rule"]:
            examples = "".join(
                f'<div class="ex"><span class="mono">{_e(x["action_id"] or "–")}</span>'
                f" {_e(x['field'])}: "
                f'<code>{_e(_short(x["raw_value"]))}</code><span class="arrow">&rarr;</span>'
                "<code>"
                f"{_e(_short(x['clean_value'])) if x['clean_value'] is not None else '<i>dropped</i>'}"  # noqa: E501
                "</code>"
                + (f' <span class="ev">({_e(x["evidence"])})</span>' if x["evidence"] else "")
                + "</div>"
                for x in r["examples"]
            )
            chars = ", ".join(
                f"{c['char']} {c['codepoint']} {c['name'].title()} ×{c['count']}"
                for c in r["replaced_characters"]
            )
            rows.append(
                f'<tr><td><code>{_e(r["rule"])}</code></td><td class="num">{r["count"]}</td>'
                f"<td>{_e(', '.join(r['fields'][:6]))}"
                f"{' …' if len(r['fields']) > 6 else ''}</td>"
                f"<td>{examples}"
                f"{f'<div class=ev>replaced: {_e(chars)}</div>' if chars else ''}</td></tr>"
            )
        parts.append(
            '<table class="sortable" id="corrections"><thead><tr><th>rule</th><th'
            ' class="num">count</th>'
            f"<th>fields</th><th>examples</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    # -- completeness
    comp = report["completeness"]
    parts.append(
        f'<h2>Completeness {_pct(comp["overall"])}</h2><p class="muted">Share of actions that fill'
        " each field; fields no action fills are not in the document's table and do not count"
        " towards the overall figure.</p>"
    )
    field_rows = "".join(
        f'<tr><td>{_e(f["field"])}</td><td class="num">{f["filled"]} / {f["actions"]}</td>'
        f'<td data-sort="{f["rate"]}">{_bar(f["rate"])}</td>'
        f"<td>{'' if f['used'] else 'not in this document'}</td></tr>"
        for f in comp["fields"]
    )
    parts.append(
        '<table class="sortable" id="completeness-fields"><thead><tr><th>field</th><th'
        ' class="num">filled</th>'
        f"<th>rate</th><th></th></tr></thead><tbody>{field_rows}</tbody></table>"
    )
    theme_rows = "".join(
        f"<tr><td>{_e(t['plan'])}</td><td>{_e(t['theme'] or '–')}</td><td"
        f' class="num">{t["actions"]}</td></tr>'
        for t in report["themes"]
    )
    parts.append(
        '<h2>Actions per theme</h2><table class="sortable"'
        ' id="themes"><thead><tr><th>plan</th><th>theme</th><th'
        f' class="num">actions</th></tr></thead><tbody>{theme_rows}</tbody></table>'
    )
    parts.append(
        f"<footer>{_e(report['generator'])} · generated {_e(report['generated_at'])} · "
        f"report schema v{report['schema_version']}</footer>"
    )
    return _page(f"{title}: validation report", "\n".join(parts))


def _short(value: str | None, limit: int = 140) -> str:
    if value is None:
        return ""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def index_html(
    documents: list[dict[str, Any]],
    failures: list[dict[str, Any]],
    generated_at: str,
    generator: str,
) -> str:
    """One row per document (worst first) and one per file that failed to load."""
    rows = []  # worst first: files that failed to load, then documents by verdict and share flagged
    for x in failures:
        rows.append(
            f'<tr class="failed" data-failed="{_e(x["path"])}"><td'
            f' data-sort="-1">{_sev("failed")}</td><td class="mono">{_e(x["path"])}<div>failed to'
            f' load: {_e(x["message"])}</div></td><td></td><td></td><td></td><td class="num"'
            ' data-sort="-1">–</td><td data-sort="-1">–</td><td class="num">–</td><td'
            ' class="num">–</td><td class="num">–</td><td class="num">–</td><td'
            ' class="num">–</td></tr>'
        )
    for d in documents:  # least trusted first (the caller sorts)
        doc, s = d["document"], d["summary"]
        f, v = s["findings"], s["verdict"]
        worst = v["reasons"][0]["text"] if v["reasons"] else ""
        more = (
            f' <span class="muted">(+{len(v["reasons"]) - 1} more)</span>'
            if len(v["reasons"]) > 1
            else ""
        )
        rank = 2 - LEVEL_RANK.get(v["level"], 0)
        rows.append(
            f'<tr data-doc="{_e(doc["doc_id"])}" data-verdict="{_e(v["level"])}"><td'
            f' data-sort="{rank}.{9999 - round(v["measures"]["flagged_share"] * 1000):04d}">'
            f"{verdict_badge(v)}<div"
            f' class="why">{_e(worst)}{more}</div></td><td><a'
            f' href="{_e(file_stem(doc["doc_id"]))}.html">{_e(doc["doc_id"])}</a><div'
            f' class="muted">{_e(doc.get("title"))}</div></td>'
            f"<td>{_e(doc.get('council'))}</td><td>{_e(doc.get('edition'))}</td>"
            f"<td>{_e(doc.get('format'))}</td><td"
            f' class="num">{s["actions"]}</td><td'
            f' data-sort="{s["completeness"]}">{_bar(s["completeness"])}</td><td class="num"'
            f' data-sort="{s["flagged_actions"] / max(1, s["actions"]):.4f}">'
            f"{s['flagged_actions']}<div"
            f' class="muted">{s["flagged_actions"] / max(1, s["actions"]) * 100:.0f}%</div></td><td'
            f' class="num">{f["error"]}</td><td class="num">{f["warning"]}</td><td'
            f' class="num">{f["info"]}</td><td class="num">{s["corrections"]}</td></tr>'
        )
    totals = {s: sum(d["summary"]["findings"][s] for d in documents) for s in SEVERITIES}
    body = "\n".join(
        [
            "<h1>Validation reports</h1>",
            (
                f'<p class="meta"><span>{len(documents)} documents</span><span>{len(failures)}'
                f" failed to load</span><span>generated {_e(generated_at)}</span></p>"
            ),
            '<div class="cards verdicts">',
            *[
                _card(
                    sum(d["summary"]["verdict"]["level"] == level for d in documents),
                    level,
                    _verdict_class(level),
                    f"count-{_verdict_class(level)}",
                )
                for level in reversed(LEVELS)
            ],
            "</div>",
            (
                '<p class="muted'
                ' legend">'
                f"{' · '.join(f'<b>{_e(k)}</b>: {_e(v)}' for k, v in VERDICT_MEANING.items())}."
                " Least trusted first; each verdict's reasons are on the document's page.</p>"
            ),
            '<div class="cards">',
            _card(len(documents), "documents", ident="count-documents"),
            _card(len(failures), "failed to load", "failed" if failures else "", "count-failed"),
            _card(
                sum(d["summary"]["actions"] for d in documents), "actions", ident="count-actions"
            ),
            _card(totals["error"], "errors", "error" if totals["error"] else "", "count-error"),
            _card(
                totals["warning"],
                "warnings",
                "warning" if totals["warning"] else "",
                "count-warning",
            ),
            _card(totals["info"], "info", ident="count-info"),
            "</div>",
            (
                '<table class="sortable"'
                ' id="documents"><thead><tr><th>verdict</th><th>document</th><th>council</th>'
                "<th>edition</th><th>format</th><th"
                ' class="num">actions</th><th>completeness</th><th class="num">flagged</th><th'
                ' class="num">errors</th><th class="num">warnings</th><th class="num">info</th><th'
                f' class="num">corrections</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
            ),
            (
                f"<footer>{_e(generator)} · completeness: share of the fields a document uses that"
                " its actions fill</footer>"
            ),
        ]
    )
    return _page("actionplans validation reports", body)
