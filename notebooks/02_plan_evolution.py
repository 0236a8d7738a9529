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
# # How the Leicestershire plans changed from 2023 to 2025
#
# In 2025 Leicestershire County Council replaced its two 2023 action plans (the council's
# own *Net Zero Council* plan and the county-wide *Net Zero Leicestershire* plan) with a
# revision of both. Actions were renumbered, reworded, merged, moved between the two plans,
# added and dropped. This notebook follows every 2023 action into 2025:
#
# 1. the two editions side by side;
# 2. what became of each 2023 action: kept, reworded, merged, split, moved, dropped, and
#    which 2025 actions are new;
# 3. a flow chart from the 2023 themes to the 2025 themes;
# 4. the status history of one action through the editions.
#
# The lineage comes from the `links` table, which reconciliation fills
# (`actionplans reconcile`, run after ingest). Each link says which action of one edition
# became which action of the next: `same` (it continues, however reworded or renumbered),
# `merged`, `split` or `related` (overlapping scope only). Without links, sections 2–4 say
# so and show what they can.
#
# Reads `data/clean/actionplans.duckdb` (built by `make setup`) or `$ACTIONPLANS_DB`.

# %%

import duckdb
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display
from matplotlib.patches import Rectangle
from rapidfuzz import fuzz

from actionplans import find_database  # $ACTIONPLANS_DB, else data/clean/actionplans.duckdb here or above

pd.set_option("display.max_colwidth", 70)
pd.set_option("display.width", 160)

COUNCIL = "Leicestershire County Council"
OLD, NEW = "2023-12", "2025-04"  # editions compared
PLANS = ("council", "county")
CHOSEN = ("leics-county-2023-12", "T18")  # whose status history to follow
SUCCESSION = ("same", "merged", "split")  # relations that carry an action forward


con = duckdb.connect(str(find_database()), read_only=True)


def q(sql: str, *params) -> pd.DataFrame:
    return con.execute(sql, list(params)).df()


actions = q("""SELECT doc_id, plan, edition, action_id, theme, description, stage, rag, timescale,
                      start_period, end_period, update_text, source_row
               FROM actions WHERE council = ? AND edition IN (?, ?) AND plan IN (?, ?)""",
            COUNCIL, OLD, NEW, *PLANS)
actions["theme"] = actions["theme"].fillna("(no theme, " + actions["plan"] + " plan)")
old = actions[actions.edition == OLD].copy()
new = actions[actions.edition == NEW].copy()
links = q("""SELECT l.* FROM links l
             JOIN actions a ON a.doc_id = l.from_doc_id AND a.action_id = l.from_action_id AND a.edition = ?
             JOIN actions b ON b.doc_id = l.to_doc_id AND b.action_id = l.to_action_id AND b.edition = ?
             WHERE a.council = ? AND b.council = ?""", OLD, NEW, COUNCIL, COUNCIL).drop_duplicates()
HAVE_LINKS = len(links) > 0
views = set(q("SELECT view_name FROM duckdb_views() WHERE NOT internal")["view_name"])
print(f"{len(old)} actions in {OLD}, {len(new)} in {NEW}; {len(links)} links between them.")
if not HAVE_LINKS:
    print("The links table has no links between these editions yet, so what became of each action is "
          "unknown. Run `actionplans reconcile` (or re-run `make setup` with a version that has it) "
          "to fill it; the sections below show what can be said without links.")

# %% [markdown]
# ## 1. The two editions side by side

# %%
side = (actions.groupby(["plan", "theme", "edition"]).size().unstack("edition", fill_value=0)
        .reindex(columns=[OLD, NEW], fill_value=0))
side.loc[("", "total"), :] = side.sum()
side.astype(int)

# %% [markdown]
# ## 2. What became of each 2023 action
#
# Each 2023 action falls in one category, decided from its links to 2025:
#
# | category | rule |
# | --- | --- |
# | moved | a successor in the other plan (council ↔ county) |
# | merged | `merged` into a 2025 action with other 2023 actions |
# | split | `split` into several 2025 actions |
# | kept | `same`, and the description is (almost) word for word the same (similarity ≥ 90) |
# | reworded | `same`, with a reworded description |
# | related only | no successor, only a `related` 2025 action (overlapping scope) |
# | dropped | no link at all |
#
# A 2025 action is **added** when no 2023 action leads to it by `same`, `merged` or `split`.

# %%
def classify(row: pd.Series, out: pd.DataFrame) -> str:
    if out.empty:
        return "dropped"
    succ = out[out.relation.isin(SUCCESSION)]
    if succ.empty:
        return "related only"
    if (succ.to_plan != row.plan).any():
        return "moved"
    if (succ.relation == "merged").any():
        return "merged"
    if (succ.relation == "split").any():
        return "split"
    best = max(fuzz.ratio(str(row.description).lower(), str(d).lower()) for d in succ.to_description)
    return "kept" if best >= 90 else "reworded"


CATEGORIES = ["kept", "reworded", "merged", "split", "moved", "related only", "dropped"]
if HAVE_LINKS:
    targets = new.rename(columns=lambda c: f"to_{c}")[["to_doc_id", "to_action_id", "to_plan", "to_theme",
                                                       "to_description"]]
    out_links = links.merge(targets, on=["to_doc_id", "to_action_id"], how="left")
    by_old = dict(tuple(out_links.groupby(["from_doc_id", "from_action_id"])))
    empty = out_links.iloc[0:0]
    old["category"] = [classify(r, by_old.get((r.doc_id, r.action_id), empty)) for r in old.itertuples()]
    old["renumbered"] = [
        not by_old.get((r.doc_id, r.action_id), empty).query("relation in @SUCCESSION")
        .to_action_id.eq(r.action_id).any() and r.category not in ("dropped", "related only")
        for r in old.itertuples()]
    carried = set(map(tuple, links[links.relation.isin(SUCCESSION)][["to_doc_id", "to_action_id"]].values))
    new["added"] = [(r.doc_id, r.action_id) not in carried for r in new.itertuples()]
    summary = (old.groupby(["plan", "category"]).size().unstack("category", fill_value=0)
               .reindex(columns=CATEGORIES, fill_value=0))
    summary["added in 2025"] = new.groupby("plan")["added"].sum()
    summary.loc["total"] = summary.sum()
    display(summary.astype(int))
    print(f"{int(old.renumbered.sum())} of the carried-forward 2023 actions have a new ID in 2025.")
else:
    print("No links: every 2023 action would show as dropped and every 2025 action as added, "
          "which says nothing. Skipped.")

# %% [markdown]
# The same, per 2023 theme:

# %%
if HAVE_LINKS:
    per_theme = (old.groupby(["plan", "theme", "category"]).size().unstack("category", fill_value=0)
                 .reindex(columns=CATEGORIES, fill_value=0))
    display(per_theme)
else:
    print("No links: skipped.")

# %% [markdown]
# ## 3. From 2023 themes to 2025 themes
#
# Each band is a set of 2023 actions carried into a 2025 theme (an action with several
# successors is shared between them). 2023 actions with no successor (dropped, or only
# related) flow to *dropped*; 2025 actions with no predecessor come from *added*. Band
# widths count 2023 actions, so a 2025 theme whose actions merged several 2023 ones is
# drawn taller than the number of 2025 actions printed beside it.

# %%
def sankey(flows: pd.DataFrame, ax, left: list[str], right: list[str], colours: dict[str, str],
           right_labels: dict[str, float] | None = None, gap: float = 0.012) -> None:
    """A two-column Sankey diagram of ``flows`` (source, target, value) drawn with matplotlib.

    Node heights are the flow totals; ``right_labels`` overrides the number printed beside a right node.
    """
    right_labels = right_labels or {}
    total = flows.value.sum()
    ltot, rtot = flows.groupby("source").value.sum(), flows.groupby("target").value.sum()

    def layout(names, totals):
        scale = (1 - gap * (len(names) - 1)) / total
        pos, top = {}, 1.0
        for name in names:
            h = totals.get(name, 0) * scale
            pos[name] = [top - h, top]
            top -= h + gap
        return pos, scale

    lpos, scale = layout(left, ltot)
    rpos, _ = layout(right, rtot)
    lcur, rcur = {k: v[1] for k, v in lpos.items()}, {k: v[1] for k, v in rpos.items()}
    x0, x1, w = 0.0, 1.0, 0.025
    xs = np.linspace(0, 1, 60)
    smooth = 3 * xs ** 2 - 2 * xs ** 3
    flows = flows.assign(li=flows.source.map(left.index), ri=flows.target.map(right.index)).sort_values(["li", "ri"])
    for f in flows.itertuples():
        h = f.value * scale
        a_top, b_top = lcur[f.source], rcur[f.target]
        lcur[f.source] -= h
        rcur[f.target] -= h
        top = a_top + (b_top - a_top) * smooth
        ax.fill_between(x0 + w + xs * (x1 - x0 - 2 * w), top - h, top, color=colours[f.source], alpha=0.5, lw=0)
    for names, pos, totals, x, ha, dx in ((left, lpos, ltot, x0, "right", -0.01),
                                          (right, rpos, {**rtot.to_dict(), **right_labels}, x1 - w, "left", w + 0.01)):
        for name in names:
            b, t = pos[name]
            ax.add_patch(Rectangle((x, b), w, t - b, color=colours.get(name, "#757575")))
            ax.text(x + dx, (b + t) / 2, f"{name}  {totals.get(name, 0):.0f}",
                    ha=ha, va="center", fontsize=9)
    ax.set_xlim(-0.45, 1.45)
    ax.set_ylim(-0.01, 1.01)
    ax.axis("off")


if HAVE_LINKS:
    succ = out_links[out_links.relation.isin(SUCCESSION)].drop_duplicates(["from_doc_id", "from_action_id", "to_doc_id", "to_action_id"])
    share = 1 / succ.groupby(["from_doc_id", "from_action_id"]).to_action_id.transform("count")
    carried_flows = (succ.assign(value=share)
                     .merge(old[["doc_id", "action_id", "theme"]].drop_duplicates(["doc_id", "action_id"]),
                            left_on=["from_doc_id", "from_action_id"], right_on=["doc_id", "action_id"])
                     .groupby(["theme", "to_theme"]).value.sum().reset_index()
                     .rename(columns={"theme": "source", "to_theme": "target"}))
    dropped = (old[old.category.isin(["dropped", "related only"])].groupby("theme").size()
               .rename("value").reset_index().rename(columns={"theme": "source"}).assign(target="dropped"))
    added = (new[new.added].groupby("theme").size().rename("value").reset_index()
             .rename(columns={"theme": "target"}).assign(source="added"))
    flows = pd.concat([carried_flows, dropped, added], ignore_index=True)
    left = list(old.sort_values(["plan", "source_row"]).theme.drop_duplicates()) + ["added"]
    right = list(new.sort_values(["plan", "source_row"]).theme.drop_duplicates()) + ["dropped"]
    palette = plt.get_cmap("tab20").colors
    colours = {name: palette[i % len(palette)] for i, name in enumerate(left[:-1])}
    colours.update({"added": "#9e9e9e", "dropped": "#9e9e9e"})
    fig, ax = plt.subplots(figsize=(11, 8))
    counts = new.groupby("theme").size().to_dict() | {"dropped": flows[flows.target == "dropped"].value.sum()}
    sankey(flows, ax, left, right, colours=colours, right_labels=counts)
    ax.set_title(f"{COUNCIL}: from the {OLD} themes (left) to the {NEW} themes (right)", fontsize=11)
    plt.show()
    display(flows.pivot_table(index="source", columns="target", values="value", aggfunc="sum", fill_value=0)
            .reindex(index=left, columns=right, fill_value=0).round(1))
else:
    print("No links: no flow chart. The theme totals of each edition are in section 1.")

# %% [markdown]
# Only what was carried forward, drawn larger (the same flows without *dropped* and *added*):

# %%
if HAVE_LINKS and len(carried_flows):
    kept_left = [n for n in left if n in set(carried_flows.source)]
    kept_right = [n for n in right if n in set(carried_flows.target)]
    fig, ax = plt.subplots(figsize=(11, 6))
    sankey(carried_flows, ax, kept_left, kept_right, colours=colours)
    ax.set_title(f"{COUNCIL}: 2023 actions carried into 2025, by theme (counts of 2023 actions)", fontsize=11)
    plt.show()
else:
    print("No links: nothing carried forward to draw.")

# %% [markdown]
# ## 4. The status history of one action
#
# The chain of the chosen action through the editions, following links both ways, with
# the stage, RAG, timescale and update text each edition gives it; then the same chain in
# the `status_history` view, which reconciliation builds for every action.

# %%
chain = q("""
    WITH RECURSIVE fwd(doc_id, action_id, relation, step) AS (
        SELECT ?, ?, 'chosen', 0
        UNION
        SELECT l.to_doc_id, l.to_action_id, l.relation, step + 1
        FROM fwd JOIN links l ON l.from_doc_id = fwd.doc_id AND l.from_action_id = fwd.action_id
        WHERE step < 10
    ), back(doc_id, action_id, relation, step) AS (
        SELECT ?, ?, 'chosen', 0
        UNION
        SELECT l.from_doc_id, l.from_action_id, l.relation, step - 1
        FROM back JOIN links l ON l.to_doc_id = back.doc_id AND l.to_action_id = back.action_id
        WHERE step > -10
    ), chain AS (SELECT * FROM fwd UNION SELECT * FROM back)
    SELECT a.edition, a.plan, a.action_id, c.relation AS reached_by, a.stage, a.rag, a.timescale,
           a.start_period, a.end_period, a.description, a.update_text
    FROM chain c JOIN actions a USING (doc_id, action_id)
    ORDER BY a.edition, c.step, a.action_id
""", *CHOSEN, *CHOSEN)
if len(chain) <= 1:
    print(f"{CHOSEN[1]} of {CHOSEN[0]} has no links yet: only its own edition is known.")
chain.T

# %%
if "status_history" in views and "action_lineage" in views:
    history = q("""SELECT chain_id, step, edition, plan, action_id, previous_stage, stage, previous_rag, rag, changed
                   FROM status_history
                   WHERE chain_id IN (SELECT chain_id FROM action_lineage WHERE doc_id = ? AND action_id = ?)
                   ORDER BY chain_id, step""", *CHOSEN)
    print(f"The status_history view for {CHOSEN[1]}'s chain(s):")
    display(history)
else:
    print("(no status_history view in this database: the chain above is all there is)")

# %% [markdown]
# ## 5. Dropped and added, one by one
#
# From the views `dropped_actions` and `new_actions` where the database has them (they
# apply the same rules as above; `related_to` names an action of overlapping scope), else
# from the categories computed in section 2.

# %%
if "dropped_actions" in views:
    display(q("""SELECT plan, action_id, theme, stage, description, related_to FROM dropped_actions
                 WHERE edition = ? AND plan IN (?, ?) ORDER BY plan, theme, action_id""", OLD, *PLANS))
elif HAVE_LINKS:
    display(old[old.category.isin(["dropped", "related only"])][["plan", "action_id", "theme", "description"]]
            .sort_values(["plan", "theme"]).reset_index(drop=True))
else:
    print("No links: skipped.")

# %%
if "new_actions" in views:
    display(q("""SELECT plan, action_id, theme, description, related_to FROM new_actions
                 WHERE edition = ? AND plan IN (?, ?) ORDER BY plan, action_id""", NEW, *PLANS))
elif HAVE_LINKS:
    display(new[new.added][["plan", "action_id", "theme", "description"]].reset_index(drop=True))
else:
    print("No links: skipped.")
