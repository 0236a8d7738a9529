# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A tour of one document
#
# What one published action plan holds once it is in the database: its actions per
# theme, their stage and RAG status, and what the validation report says about how far
# the extraction can be trusted.
#
# The notebook reads the embedded database that `make setup` builds
# (`data/clean/actionplans.duckdb`), or the file named by `$ACTIONPLANS_DB`. It uses
# only DuckDB, pandas and matplotlib: nothing here needs the actionplans package.
# Set `$ACTIONPLANS_DOC` to tour another document (see the list below).

# %%
import os

import duckdb
import matplotlib.pyplot as plt
import pandas as pd

from actionplans import find_database  # $ACTIONPLANS_DB, else data/clean/actionplans.duckdb here or above

pd.set_option("display.max_colwidth", 80)
pd.set_option("display.width", 160)


con = duckdb.connect(str(find_database()), read_only=True)
DOC = os.environ.get("ACTIONPLANS_DOC", "leics-county-2023-12")


def q(sql: str, *params) -> pd.DataFrame:
    return con.execute(sql, list(params)).df()


q("""SELECT doc_id, council, edition, array_to_string(plans, ', ') AS plans, format,
            (SELECT count(*) FROM actions a WHERE a.doc_id = d.doc_id) AS actions
     FROM documents d ORDER BY council, edition, doc_id""")

# %% [markdown]
# ## The document

# %%
doc = q("SELECT * FROM documents WHERE doc_id = ?", DOC)
if doc.empty:
    raise SystemExit(f"{DOC} is not in the database; pick a doc_id from the list above")
doc.T.rename(columns={0: ""})

# %% [markdown]
# ## Actions per theme and stage
#
# `stage` is the project stage the plan gives each action (`Discovery`, `Design`,
# `Delivery`, `Completed` in the Leicestershire plans). Actions without one show as
# `(none)`.

# %%
stages = q("""
    SELECT coalesce(theme, '(none)') AS theme, coalesce(stage, '(none)') AS stage, count(*) AS actions
    FROM actions WHERE doc_id = ? GROUP BY ALL
""", DOC)
by_theme = stages.pivot_table(index="theme", columns="stage", values="actions", aggfunc="sum", fill_value=0)
order = [s for s in ["Discovery", "Design", "Delivery", "Completed"] if s in by_theme.columns]
by_theme = by_theme[order + [c for c in by_theme.columns if c not in order]]
by_theme["total"] = by_theme.sum(axis=1)
by_theme = by_theme.sort_values("total")
by_theme

# %%
ax = by_theme.drop(columns="total").plot.barh(stacked=True, figsize=(9, 0.45 * len(by_theme) + 1.5),
                                              colormap="viridis", width=0.75)
ax.set_xlabel("actions")
ax.set_ylabel("")
ax.set_title(f"{DOC}: actions per theme, by stage")
ax.legend(title="stage", bbox_to_anchor=(1.01, 1), loc="upper left")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## RAG status
#
# Red / Amber / Green is printed in the PDFs only as the fill colour of a cell. A text
# dump has no colours, so for documents read from text the RAG column is empty, and the
# validation report says so.

# %%
rag = q("""SELECT coalesce(rag, '(not recorded)') AS rag, count(*) AS actions
           FROM actions WHERE doc_id = ? GROUP BY ALL ORDER BY actions DESC""", DOC)
if rag["rag"].eq("(not recorded)").all():
    print(f"No RAG status recorded for any of the {rag['actions'].sum()} actions of {DOC} "
          f"(format: {doc.loc[0, 'format']}).")
else:
    colours = {"Green": "#2e7d32", "Amber": "#f9a825", "Red": "#c62828", "(not recorded)": "#bdbdbd"}
    ax = rag.set_index("rag")["actions"].plot.pie(
        colors=[colours.get(r, "#90a4ae") for r in rag["rag"]], autopct="%d%%", figsize=(4, 4))
    ax.set_ylabel("")
    plt.show()
rag

# %% [markdown]
# ## What the validation report found
#
# `findings` holds every check's result for the document: `error` means a value is
# missing or wrong, `warning` that something needs a look, `info` is a note.

# %%
q("""SELECT "check", severity, count(*) AS n
     FROM findings WHERE doc_id = ? GROUP BY "check", severity
     ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, n DESC, "check" """, DOC)

# %%
q("""SELECT severity, "check", action_id, message FROM findings
     WHERE doc_id = ? AND severity <> 'info'
     ORDER BY CASE severity WHEN 'error' THEN 0 ELSE 1 END, "check", action_id""", DOC)

# %% [markdown]
# ## What normalisation changed
#
# Every change to what the document said is logged in `corrections`, with its rule:
# look-alike letters, split words, a column that vanished on continuation pages...

# %%
q("""SELECT rule, field, count(*) AS changes,
            any_value(raw_value || '  →  ' || clean_value ORDER BY action_id, raw_value) AS example
     FROM corrections WHERE doc_id = ? GROUP BY ALL ORDER BY changes DESC, rule LIMIT 12""", DOC)

# %% [markdown]
# ## One action in full

# %%
one = q("SELECT * FROM actions WHERE doc_id = ? ORDER BY (action_id = 'T18') DESC, source_row LIMIT 1", DOC)
one.T.rename(columns={0: ""})
