"""Datasette plugin for ``actionplans serve``: each action links to its lineage.

Registered by :func:`actionplans.serve.run` in its own process (not an entry point, so no
other Datasette picks it up).  In every table with ``doc_id`` and ``action_id`` columns
(actions, action_lineage, status_history, new_actions, dropped_actions, findings,
corrections) the ``action_id`` cell becomes a link to the canned query ``lineage`` for that
action: its chain through the editions with stage and RAG.  An action's own page
(``/<database>/actions/<rowid>``) shows that chain, with its status history, under the row.
"""

from __future__ import annotations

import json
from html import escape
from urllib.parse import urlencode

from datasette import hookimpl

from .serve_queries import LINEAGE


class _Html(str):
    """Markup Datasette's templates insert as it is (anything with ``__html__`` is not escaped)."""

    def __html__(self) -> str:
        return str(self)


def lineage_href(datasette, database: str, doc_id: str, action_id: str) -> str:
    return (
        datasette.urls.query(database, "lineage")
        + "?"
        + urlencode({"doc_id": doc_id, "action_id": action_id})
    )


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column != "action_id" or table is None or value is None:
        return None
    try:
        doc_id = row["doc_id"]
    except (KeyError, IndexError):
        return None
    if doc_id is None:
        return None
    href = lineage_href(datasette, database, doc_id, value)
    return _Html(
        f'<a class="lineage-link" href="{escape(href)}" title="lineage of'
        f' {escape(doc_id)}:{escape(str(value))}">{escape(str(value))}</a>'
    )


# Renders the chain under an action's row, from data the server embeds (no request of its own).
_ROW_SCRIPT = """
(function () {
  const data = %s;
  const anchor = document.querySelector("table.rows-and-columns");
  if (!anchor || !data.rows.length) return;
  const heading = document.createElement("h2");
  heading.id = "lineage";
  heading.textContent = "Lineage and status history (" + data.rows.length + " editions)";
  const link = document.createElement("a");
  link.href = data.href;
  link.textContent = "as a query";
  const note = document.createElement("p");
  note.append(
    "Each edition this action appears in, oldest first, with the link that led there; ", link, "."
  );
  const table = document.createElement("table");
  table.className = "rows-and-columns lineage";
  const head = table.createTHead().insertRow();
  for (const name of data.columns) {
    const th = document.createElement("th");
    th.textContent = name;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of data.rows) {
    const tr = body.insertRow();
    data.columns.forEach((name, i) => {
      const td = tr.insertCell();
      td.className = "col-" + name;
      td.textContent = row[i] === null ? "" : String(row[i]);
    });
  }
  anchor.after(heading, note, table);
})();
"""
_ROW_COLUMNS = (
    "step",
    "edition",
    "doc_id",
    "plan",
    "action_id",
    "relation",
    "score",
    "stage",
    "rag",
    "changed",
)


@hookimpl
def extra_body_script(template, database, table, columns, view_name, request, datasette):
    if view_name != "row" or table != "actions" or database is None:
        return None

    async def script():
        db = datasette.get_database(database)
        pks = request.url_vars.get("pks", "")
        if not pks.isdigit():
            return None
        found = (
            await db.execute("SELECT doc_id, action_id FROM actions WHERE rowid = ?", [int(pks)])
        ).rows
        if not found:
            return None
        doc_id, action_id = found[0]["doc_id"], found[0]["action_id"]
        chain = await db.execute(LINEAGE.sql, {"doc_id": doc_id, "action_id": action_id})
        data = {
            "columns": list(_ROW_COLUMNS),
            "rows": [[r[c] for c in _ROW_COLUMNS] for r in chain.rows],
            "href": lineage_href(datasette, database, doc_id, action_id),
        }
        # JSON inside <script>: "</" and "<!--" must not end the element
        return _ROW_SCRIPT % json.dumps(data).replace("<", "\\u003c")

    return script
