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
# # Leicestershire and Cambridgeshire side by side
#
# Two county councils, two ways of writing a climate action plan. Leicestershire's
# December 2023 plans (the council's own plan and the county-wide plan) give each action a
# theme, a role, partners, a timescale, a project stage and an update. Cambridgeshire's
# Climate Change and Environment Strategy action plan (progress to spring 2023) gives each
# action a delivery status, a target date, a commentary, and ticks the strategy targets it
# serves. This notebook compares them on what they share:
#
# 1. which fields each plan fills;
# 2. how far the actions have got (stage), on a common scale;
# 3. what the actions are about (topics found in the descriptions);
# 4. how much each plan says per action;
# 5. timing and validation findings.
#
# Reads `data/clean/actionplans.duckdb` (built by `make setup`) or `$ACTIONPLANS_DB`.

# %%

import duckdb
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from actionplans import find_database  # $ACTIONPLANS_DB, else data/clean/actionplans.duckdb here or above

pd.set_option("display.max_colwidth", 70)
pd.set_option("display.width", 160)

# Which actions stand for each council: the editions closest in time.
GROUPS = {
    "Leicestershire 2023": "council = 'Leicestershire County Council' AND edition = '2023-12' "
                           "AND plan IN ('council', 'county')",
    "Cambridgeshire 2023": "council = 'Cambridgeshire County Council' AND plan = 'cces'",
}
COLOURS = {"Leicestershire 2023": "#1f77b4", "Cambridgeshire 2023": "#2ca02c"}


con = duckdb.connect(str(find_database()), read_only=True)
frames = []
for group, where in GROUPS.items():
    df = con.execute(f"SELECT * FROM actions WHERE {where}").df()
    frames.append(df.assign(group=group))
actions = pd.concat(frames, ignore_index=True)
missing = [g for g in GROUPS if not (actions.group == g).any()]
if missing:
    raise SystemExit(f"no actions for {missing}: is the database built from data/raw?")
actions.groupby("group").agg(documents=("doc_id", "nunique"), plans=("plan", "unique"), actions=("action_id", "size"))

# %% [markdown]
# ## 1. Which fields each plan fills
#
# The share of actions with a value in each column of `actions`. Fields both councils fill
# are the ones that can be compared directly; the others say how differently the two plans
# are built.

# %%
FIELDS = ["theme", "section", "description", "role", "lead", "partners", "objectives", "timescale",
          "start_period", "end_period", "stage", "rag", "update_text", "target_date"]


def filled(series: pd.Series) -> pd.Series:
    if series.name == "partners":
        return series.map(lambda v: v is not None and len(v) > 0)
    return series.notna() & series.astype("string").str.strip().ne("")


coverage = (actions.groupby("group")[FIELDS].agg(lambda s: filled(s).mean()) * 100).round(0).T
coverage["shared"] = (coverage > 0).all(axis=1)
coverage

# %%
fig, ax = plt.subplots(figsize=(6, 5.5))
im = ax.imshow(coverage[list(GROUPS)].values, cmap="Blues", vmin=0, vmax=100, aspect="auto")
ax.set_xticks(range(len(GROUPS)), list(GROUPS))
ax.set_yticks(range(len(FIELDS)), FIELDS)
for (i, j), value in pd.DataFrame(coverage[list(GROUPS)].values).stack().items():
    ax.text(j, i, f"{value:.0f}%", ha="center", va="center", color="white" if value > 60 else "black", fontsize=9)
ax.set_title("Share of actions with a value")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 2. How far the actions have got
#
# The plans name their stages differently. Leicestershire: `Discovery`, `Design`,
# `Delivery`, `Completed`. Cambridgeshire: `Not Started`, `In progress`, `Delivery`. To
# compare them, this notebook maps both onto four steps (an assumption of this notebook,
# not something either council says):
#
# | common step | Leicestershire | Cambridgeshire |
# | --- | --- | --- |
# | 1 not started | | Not Started |
# | 2 preparing | Discovery, Design | In progress |
# | 3 delivering | Delivery | Delivery |
# | 4 completed | Completed | |
#
# Anything else (a stage cell holding commentary, or no stage) is *other / none*.

# %%
COMMON = {"Not Started": "1 not started", "Discovery": "2 preparing", "Design": "2 preparing",
          "In progress": "2 preparing", "Delivery": "3 delivering", "Completed": "4 completed"}
actions["common_stage"] = actions["stage"].map(COMMON).fillna("5 other / none")
print("Stages as written:")
display(actions.groupby(["group", "stage"], dropna=False).size().rename("actions").reset_index())
stage_share = (pd.crosstab(actions.group, actions.common_stage, normalize="index") * 100).round(1)
stage_share

# %%
STEP_COLOURS = {"1 not started": "#e0e0e0", "2 preparing": "#9ecae1", "3 delivering": "#3182bd",
                "4 completed": "#31a354", "5 other / none": "#9e9e9e"}
ax = stage_share.plot.barh(stacked=True, figsize=(9, 2.6), width=0.6,
                           color=[STEP_COLOURS[c] for c in stage_share.columns])
ax.set_xlabel("% of actions")
ax.set_ylabel("")
ax.legend(bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
ax.set_title("Stage, on a common scale")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 3. What the actions are about
#
# A rough topic tagging: an action is about a topic when its description (or theme)
# matches one of the topic's words. One action can have several topics. Crude, but the
# same rule for both councils.

# %%
TOPICS = {
    "transport": r"transport|travel|vehicle|\bev\b|bus\b|cycl|walk|fleet|charg",
    "buildings & heat": r"building|heat|retrofit|insulat|housing|home|school|estate",
    "energy": r"energy|solar|renewable|electricity|grid|photovoltaic|\bpv\b",
    "waste & resources": r"waste|recycl|circular|reuse|resource",
    "nature & land": r"tree|nature|biodivers|land|peat|woodland|green space|habitat|natural capital",
    "adaptation": r"adapt|resilien|flood|drought|overheat",
    "engagement & skills": r"engag|communicat|train|educat|staff|awareness|skills|campaign",
    "money & procurement": r"fund|financ|procure|invest|budget|supplier|business case",
    "data & monitoring": r"monitor|report|data|measur|baseline|track",
}
text = (actions["description"].fillna("") + " " + actions["theme"].fillna("")).str.lower()
for topic, pattern in TOPICS.items():
    actions[topic] = text.str.contains(pattern, regex=True)
topic_share = (actions.groupby("group")[list(TOPICS)].mean() * 100).round(0).T
topic_share

# %%
ax = topic_share[list(GROUPS)].plot.barh(figsize=(8, 5), color=[COLOURS[g] for g in GROUPS], width=0.75)
ax.invert_yaxis()
ax.set_xlabel("% of actions mentioning the topic")
ax.set_title("Topics of the actions")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 4. How much each plan says per action
#
# Words in the description and in the latest update (Leicestershire's *December 2023
# Update*, Cambridgeshire's RAG commentary).

# %%
words = pd.DataFrame({
    "group": actions.group,
    "description": actions.description.fillna("").str.split().str.len(),
    "update": actions.update_text.fillna("").str.split().str.len(),
})
display(words.groupby("group").median().rename(columns=lambda c: f"median words, {c}"))
fig, axes = plt.subplots(1, 2, figsize=(10, 3.5), sharey=False)
for ax, column in zip(axes, ["description", "update"], strict=True):
    data = [words.loc[words.group == g, column] for g in GROUPS]
    box = ax.boxplot(data, tick_labels=list(GROUPS), patch_artist=True, showfliers=False)
    for patch, g in zip(box["boxes"], GROUPS, strict=True):
        patch.set_facecolor(COLOURS[g])
        patch.set_alpha(0.5)
    ax.set_title(f"words per {column}")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 5. Timing and trust
#
# The councils state timing differently: Leicestershire a timescale (`S`hort, `M`edium,
# `L`ong, or a year range), Cambridgeshire a target date. They are shown side by side, not
# merged.

# %%
display(actions[actions.group == "Leicestershire 2023"].timescale.fillna("(none)")
        .value_counts().rename_axis("Leicestershire timescale").to_frame("actions").head(10))
display(actions[actions.group == "Cambridgeshire 2023"].target_date.fillna("(none)")
        .value_counts().rename_axis("Cambridgeshire target date").to_frame("actions").head(10))

# %% [markdown]
# Validation findings per 100 actions: how much of each extraction needs a second look.

# %%
findings = con.execute("""
    SELECT doc_id, severity, count(*) AS n FROM findings GROUP BY ALL
""").df()
per_doc = actions.groupby(["group", "doc_id"]).size().rename("actions").reset_index()
trust = per_doc.merge(findings, on="doc_id", how="left").fillna({"severity": "none", "n": 0})
trust = trust.pivot_table(index="group", columns="severity", values="n", aggfunc="sum", fill_value=0)
trust = trust.drop(columns="none", errors="ignore")
trust = (trust.div(per_doc.groupby("group").actions.sum(), axis=0) * 100).round(1)
trust.columns = [f"{c} per 100 actions" for c in trust.columns]
trust
