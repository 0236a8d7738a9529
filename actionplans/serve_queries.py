"""The SQL cookbook's questions (docs/sql-cookbook.md) as Datasette canned queries, in SQLite.

Datasette runs SQL on the SQLite mirror (see :mod:`actionplans.serve`), so each query is the
cookbook's DuckDB query translated: ``GROUP BY ALL`` spelt out, ``unnest(list)`` as
``json_each``, ``attributes->'targets'`` as a JSON path, ``any_value(... ORDER BY ...)`` and
``string_agg(DISTINCT ... ORDER BY ...)`` as ordered subqueries, ``count(DISTINCT (a, b))`` on a
joined key, ``regexp_matches`` as ``GLOB``/``LIKE``, and DuckDB's NULLS LAST ordering made
explicit.  Two questions are reshaped, not translated: SQLite has no ``PIVOT``, so questions 2
and 10 return one row per (group, stage) or (theme, role) with its count (the pivot's cells as
rows; the actions table's facets give the same counts).  ``tests/test_serve.py`` checks each
against the cookbook's own query on the same database.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CannedQuery:
    name: str  # URL slug: /<database>/<name>
    number: int | None  # the cookbook question it answers (None: not from the cookbook)
    title: str
    sql: str
    note: str = ""  # how it differs from the cookbook's DuckDB query
    reshaped: bool = False  # True: same counts, different shape (no PIVOT in SQLite)


LINEAGE = CannedQuery(
    "lineage",
    None,
    "Lineage of one action",
    """SELECT l.chain_id, l.step, l.edition, l.doc_id, l.plan, l.action_id, l.relation,
       round(l.score, 3) AS score, l.stage, l.rag, h.changed, l.theme, l.description
FROM action_lineage l
LEFT JOIN status_history h ON h.chain_id = l.chain_id AND h.step = l.step
WHERE l.chain_id IN (SELECT chain_id FROM action_lineage WHERE doc_id = :doc_id \
AND action_id = :action_id)
ORDER BY l.chain_id, l.step""",
    "The chain of one action through the editions, oldest first, with the link that led to each "
    "step (same / merged / split and its score), the action's stage and RAG there, and whether "
    "they changed from the step before (status_history). actionplans lineage DOC:ID on the "
    "command line.",
)

COOKBOOK = [
    CannedQuery(
        "q01-what-is-in-the-database",
        1,
        "What is in the database?",
        """\
SELECT d.doc_id, d.council, d.edition, a.plan, count(*) AS actions
FROM documents d JOIN actions a USING (doc_id)
GROUP BY d.doc_id, d.council, d.edition, a.plan
ORDER BY d.council, d.edition, a.plan""",
    ),
    CannedQuery(
        "q02-actions-per-theme-and-stage",
        2,
        "How many actions per theme and stage, in each plan and edition?",
        """\
SELECT plan, edition, coalesce(theme, '(none)') AS theme, coalesce(stage, '(none)') AS stage, \
count(*) AS actions
FROM actions
WHERE council = 'Leicestershire County Council' AND plan IN ('council', 'county')
GROUP BY 1, 2, 3, 4
ORDER BY plan, edition, theme, stage""",
        "One row per stage instead of one column per stage (SQLite has no PIVOT).",
        reshaped=True,
    ),
    CannedQuery(
        "q03-changes-by-rule",
        3,
        "What did normalisation change, by rule?",
        """\
SELECT rule, field, count(*) AS changes,
       (SELECT c2.raw_value || ' → ' || c2.clean_value FROM corrections c2
        WHERE c2.rule = c.rule AND c2.field = c.field
        ORDER BY c2.doc_id, c2.action_id IS NULL, c2.action_id, c2.raw_value IS NULL, c2.raw_value
        LIMIT 1) AS example
FROM corrections c
GROUP BY rule, field
ORDER BY changes DESC, rule, field
LIMIT 15""",
    ),
    CannedQuery(
        "q04-repaired-action-ids",
        4,
        "Which action IDs were repaired, and on what evidence?",
        """\
SELECT doc_id, raw_value, clean_value, rule, evidence
FROM corrections
WHERE field = 'action_id'
ORDER BY doc_id, rule, clean_value""",
    ),
    CannedQuery(
        "q05-completed-actions",
        5,
        "Which actions were completed?",
        """\
SELECT plan, edition, action_id, theme, description
FROM actions
WHERE stage = 'Completed'
ORDER BY plan, edition, source_row""",
    ),
    CannedQuery(
        "q06-partners-named-most",
        6,
        "Which partners are named most often?",
        """\
SELECT p.value AS partner, count(*) AS actions, count(DISTINCT a.doc_id) AS documents
FROM actions a, json_each(a.partners) AS p
GROUP BY p.value
ORDER BY actions DESC, partner
LIMIT 15""",
    ),
    CannedQuery(
        "q07-deliverability-mismatch",
        7,
        "Whose deliverability score does not match its ratings?",
        """\
SELECT a.action_id, a.timescale, a.attributes ->> '$.cost' AS cost,
       a.attributes ->> '$.carbon_saving' AS carbon, a.attributes ->> '$.deliverability' AS stated,
       f.message
FROM findings f JOIN actions a USING (doc_id, action_id)
WHERE f."check" = 'deliverability'
ORDER BY a.theme, a.action_id""",
    ),
    CannedQuery(
        "q08-cambridgeshire-targets",
        8,
        "Which Cambridgeshire targets do the actions tick?",
        """\
SELECT t.value AS target, count(*) AS actions
FROM actions a, json_each(a.attributes, '$.targets') AS t
WHERE a.plan = 'cces'
GROUP BY t.value
ORDER BY actions DESC, target""",
    ),
    CannedQuery(
        "q09-most-targets",
        9,
        "Which Cambridgeshire actions tick the most targets?",
        """\
SELECT action_id, json_array_length(attributes, '$.targets') AS targets, stage, description
FROM actions
WHERE plan = 'cces'
ORDER BY targets IS NULL, targets DESC, CAST(action_id AS INTEGER)
LIMIT 10""",
    ),
    CannedQuery(
        "q10-lead-ask-influence",
        10,
        "Where does the county council lead, and where does it only ask or influence?",
        """\
SELECT theme, coalesce(role, '(none)') AS role, count(*) AS actions
FROM actions
WHERE plan = 'county' AND edition = '2023-12'
GROUP BY 1, 2
ORDER BY theme, role""",
        "One row per role instead of one column per role (SQLite has no PIVOT).",
        reshaped=True,
    ),
    CannedQuery(
        "q11-trust-per-document",
        11,
        "How far can each document be trusted?",
        """\
SELECT d.doc_id,
       count(*) FILTER (WHERE f.severity = 'error') AS errors,
       count(*) FILTER (WHERE f.severity = 'warning') AS warnings,
       count(*) FILTER (WHERE f.severity = 'info') AS infos,
       (SELECT group_concat("check", ', ') FROM (
            SELECT DISTINCT f2."check" FROM findings f2
            WHERE f2.doc_id = d.doc_id AND f2.severity <> 'info' ORDER BY f2."check")) AS problems
FROM documents d LEFT JOIN findings f USING (doc_id)
GROUP BY d.doc_id
ORDER BY d.doc_id""",
    ),
    CannedQuery(
        "q12-electric-vehicles",
        12,
        "Which actions are about electric vehicles, in every edition?",
        """\
SELECT plan, edition, action_id, description
FROM actions
WHERE lower(description) LIKE '%electric vehicle%'
   OR (' ' || lower(description) || ' ') GLOB '*[^a-z0-9_]ev[^a-z0-9_]*'
   OR lower(description) LIKE '%charging%'
   OR lower(description) LIKE '%charge point%'
   OR lower(description) LIKE '%chargepoint%'
ORDER BY plan, edition, action_id""",
        "The cookbook's regular expression as LIKE and GLOB (SQLite has no regexp_matches).",
    ),
    CannedQuery(
        "q13-what-became-of-t18",
        13,
        "What became of 2023 action T18?",
        """\
SELECT step, edition, plan, action_id, relation, stage, description
FROM action_lineage
WHERE chain_id IN (SELECT chain_id FROM action_lineage
                   WHERE doc_id = 'leics-county-2023-12' AND action_id = 'T18')
ORDER BY chain_id, step""",
    ),
    CannedQuery(
        "q14-evidence-for-t18",
        14,
        "On what evidence was T18 linked?",
        """\
SELECT from_action_id, to_action_id, relation, round(score, 2) AS score, method, evidence
FROM links
WHERE from_doc_id = 'leics-county-2023-12' AND from_action_id = 'T18'
ORDER BY score DESC""",
    ),
    CannedQuery(
        "q15-carried-into-2025",
        15,
        "How were the 2023 Leicestershire actions carried into 2025?",
        """\
SELECT a.plan AS plan_2023, coalesce(b.plan, '(no successor)') AS plan_2025,
       coalesce(l.relation, '-') AS relation,
       count(DISTINCT a.doc_id || char(31) || a.source_row) AS actions_2023
FROM actions a
LEFT JOIN links l ON l.from_doc_id = a.doc_id AND l.from_action_id = a.action_id
LEFT JOIN actions b ON b.doc_id = l.to_doc_id AND b.action_id = l.to_action_id
WHERE a.council = 'Leicestershire County Council' AND a.edition = '2023-12'
GROUP BY 1, 2, 3
ORDER BY plan_2023, plan_2025, relation""",
    ),
    CannedQuery(
        "q16-moved-between-plans",
        16,
        "Which actions moved between the council's own plan and the county plan?",
        """\
SELECT a.plan AS from_plan, a.action_id AS from_id, l.relation, b.plan AS to_plan,
       b.action_id AS to_id, a.description
FROM links l
JOIN actions a ON a.doc_id = l.from_doc_id AND a.action_id = l.from_action_id
JOIN actions b ON b.doc_id = l.to_doc_id AND b.action_id = l.to_action_id
WHERE a.plan <> b.plan
ORDER BY from_plan, from_id, to_id""",
    ),
    CannedQuery(
        "q17-dropped-per-theme",
        17,
        "Which 2023 actions were dropped, per theme?",
        """\
SELECT plan, theme, count(*) AS dropped, count(related_to) AS with_a_related_action
FROM dropped_actions
WHERE edition = '2023-12'
GROUP BY plan, theme
ORDER BY plan, theme""",
    ),
    CannedQuery(
        "q18-new-in-2025",
        18,
        "Which 2025 actions are new?",
        """\
SELECT plan, action_id, theme, description, related_to
FROM new_actions
WHERE edition = '2025-04'
ORDER BY plan, action_id""",
    ),
    CannedQuery(
        "q19-stage-changes",
        19,
        "How did the stage of carried-forward actions change?",
        """\
SELECT previous_stage, coalesce(stage, '(none)') AS stage, count(*) AS actions
FROM status_history
WHERE step > 0
GROUP BY 1, 2
ORDER BY actions DESC, previous_stage""",
    ),
]

QUERIES = [LINEAGE, *COOKBOOK]
