"""Datasette plugin for ``actionplans serve``: each action links to its lineage.

Registered by :func:`actionplans.serve.run` in its own process (not an entry point, so no
other Datasette picks it up).  In every table with ``doc_id`` and ``action_id`` columns
(actions, action_lineage, status_history, new_actions, dropped_actions, findings,
corrections) the ``action_id`` cell becomes a link to the canned query ``lineage`` for that
action: its chain through the editions with stage and RAG.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from datasette import hookimpl


class _Html(str):
    """Markup Datasette's templates insert as it is (anything with ``__html__`` is not escaped)."""

    def __html__(self) -> str:
        return str(self)


def lineage_href(datasette, database: str, doc_id: str, action_id: str) -> str:
    return datasette.urls.query(database, "lineage") + "?" + urlencode({"doc_id": doc_id, "action_id": action_id})


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
    return _Html(f'<a class="lineage-link" href="{escape(href)}" title="lineage of {escape(doc_id)}:{escape(str(value))}">'
                 f"{escape(str(value))}</a>")
