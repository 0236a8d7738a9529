-- The database contract.  Later stages and outside checks rely on these names.
CREATE TABLE IF NOT EXISTS documents (
    doc_id      VARCHAR PRIMARY KEY,   -- stable id: manifest id, else the file's stem
    path        VARCHAR NOT NULL,      -- path the document was read from
    sha256      VARCHAR NOT NULL,      -- hash of the file's bytes; re-ingesting the same bytes is a no-op
    council     VARCHAR,               -- publishing council
    title       VARCHAR,               -- document title
    edition     VARCHAR,               -- YYYY-MM of publication
    plans       VARCHAR[],             -- plan keys the document holds (e.g. [council, county])
    pages       INTEGER,               -- PDF pages; NULL for text dumps
    extractor   VARCHAR,               -- reader and version, e.g. text-markdown@0.1.0
    ingested_at TIMESTAMP,             -- when it was loaded
    profile     VARCHAR,               -- layout profile used
    format      VARCHAR,               -- pdf | markdown | tsv | prose
    encoding    VARCHAR                -- text encoding detected (text dumps)
);
-- added after the first release: databases made before get the column on open
ALTER TABLE documents ADD COLUMN IF NOT EXISTS normaliser VARCHAR;  -- normalise@version that made the rows

CREATE TABLE IF NOT EXISTS actions (
    doc_id        VARCHAR NOT NULL,
    council       VARCHAR,
    plan          VARCHAR NOT NULL,    -- stable plan key from the manifest, same in every edition
    edition       VARCHAR,
    action_id     VARCHAR NOT NULL,    -- canonical ASCII id (T1, LCC.3, F1.1, 12, CC.L1)
    action_id_raw VARCHAR,             -- exactly what the source said; NULL for synthetic ids
    theme         VARCHAR,
    section       VARCHAR,
    description   VARCHAR,
    role          VARCHAR,             -- the council's role: Lead / Ask / Influence
    lead          VARCHAR,             -- lead team(s) or officer, '; '-separated
    partners      VARCHAR[],
    objectives    VARCHAR,
    timescale     VARCHAR,
    start_period  VARCHAR,             -- YYYY-MM where a month is given, else the source's word
    end_period    VARCHAR,
    stage         VARCHAR,
    rag           VARCHAR,             -- Green | Amber | Red | NULL
    update_text   VARCHAR,
    target_date   VARCHAR,
    attributes    JSON,                -- plan-specific fields (cost, carbon_saving, delivery_years, ...)
    page          INTEGER,             -- PDF page the row starts on (NULL for text dumps)
    source_row    INTEGER              -- line in a text dump, row index in a PDF table
);

-- added after the first release (issue 16): a short title where the plan prints one beside the description
ALTER TABLE actions ADD COLUMN IF NOT EXISTS title VARCHAR;

CREATE TABLE IF NOT EXISTS corrections (
    doc_id      VARCHAR NOT NULL,
    action_id   VARCHAR,               -- NULL for rows dropped before they became actions
    field       VARCHAR NOT NULL,
    raw_value   VARCHAR,
    clean_value VARCHAR,
    rule        VARCHAR NOT NULL,
    evidence    VARCHAR                -- what a repair relied on (neighbouring ids, a score product)
);

CREATE TABLE IF NOT EXISTS findings (
    doc_id    VARCHAR NOT NULL,
    action_id VARCHAR,
    "check"   VARCHAR NOT NULL,
    severity  VARCHAR NOT NULL,        -- info | warning | error
    message   VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS links (
    from_doc_id    VARCHAR NOT NULL,
    from_action_id VARCHAR NOT NULL,
    to_doc_id      VARCHAR NOT NULL,
    to_action_id   VARCHAR NOT NULL,
    relation       VARCHAR NOT NULL,   -- same | merged | split | related
    score          DOUBLE,
    method         VARCHAR,
    evidence       VARCHAR
);

-- Row keys (issue 17): an ID printed twice in one document (the 2023 R3) names two actions, so
-- links point at rows.  action_key = doc_id:action_id, with #2, #3 ... on the second and later rows
-- of a repeated ID, in document order; links and candidates carry the keys of both ends.
ALTER TABLE actions ADD COLUMN IF NOT EXISTS action_key VARCHAR;
ALTER TABLE links ADD COLUMN IF NOT EXISTS from_key VARCHAR;
ALTER TABLE links ADD COLUMN IF NOT EXISTS to_key VARCHAR;
-- databases made before: give their rows keys (insertion order is document order)
UPDATE actions SET action_key = k.key
FROM (SELECT rowid AS rid,
             doc_id || ':' || action_id || CASE WHEN row_number() OVER w > 1
                                                THEN '#' || row_number() OVER w ELSE '' END AS key
      FROM actions WINDOW w AS (PARTITION BY doc_id, action_id ORDER BY rowid)) k
WHERE actions.rowid = k.rid AND actions.action_key IS NULL;
UPDATE links SET from_key = from_doc_id || ':' || from_action_id WHERE from_key IS NULL;
UPDATE links SET to_key = to_doc_id || ':' || to_action_id WHERE to_key IS NULL;

-- Provenance as columns (issue 21): the extracted table a row came from, and its box on the page
-- in PDF points [x0, top, x1, bottom] (also kept in attributes.bbox, where it was before).
-- Rows loaded before stay NULL until `actionplans reextract` reads them again.
ALTER TABLE actions ADD COLUMN IF NOT EXISTS source_table INTEGER;
ALTER TABLE actions ADD COLUMN IF NOT EXISTS bbox DOUBLE[];

-- Files that could not be loaded, with why; a later successful load of the same path clears its entry.
CREATE TABLE IF NOT EXISTS ingest_failures (
    path      VARCHAR NOT NULL,
    sha256    VARCHAR,                 -- NULL when the file could not be read
    message   VARCHAR NOT NULL,        -- one line: what is wrong and what to do
    failed_at TIMESTAMP
);

-- Reconcile (issue 5): one row per `actionplans reconcile` run, with the LinkSettings it used.
CREATE TABLE IF NOT EXISTS link_runs (
    run_id      VARCHAR PRIMARY KEY,
    council     VARCHAR,               -- NULL: all councils
    started_at  TIMESTAMP,
    settings    JSON,                  -- LinkSettings (thresholds, comparison levels)
    steps       JSON,                  -- [{council, edition, from_docs, to_docs}]
    overrides   VARCHAR,               -- overrides CSV applied, NULL if none
    candidates  INTEGER,               -- candidate pairs scored
    links       INTEGER,               -- links written (after overrides)
    version     VARCHAR                -- actionplans version
);

-- Which document pairs the current links cover (replaced by each run for its councils).
CREATE TABLE IF NOT EXISTS link_scope (
    council     VARCHAR,
    from_doc_id VARCHAR NOT NULL,
    to_doc_id   VARCHAR NOT NULL,
    run_id      VARCHAR
);

-- The best scored candidates per action of the latest run (for `actionplans links review`).
CREATE TABLE IF NOT EXISTS link_candidates (
    run_id         VARCHAR,
    from_doc_id    VARCHAR NOT NULL,
    from_action_id VARCHAR NOT NULL,
    to_doc_id      VARCHAR NOT NULL,
    to_action_id   VARCHAR NOT NULL,
    score          DOUBLE,
    relation       VARCHAR,            -- the link made from this pair, NULL if none
    evidence       VARCHAR
);
ALTER TABLE link_candidates ADD COLUMN IF NOT EXISTS from_key VARCHAR;
ALTER TABLE link_candidates ADD COLUMN IF NOT EXISTS to_key VARCHAR;

-- Lineage views: a chain runs from an action with no predecessor along
-- same/merged/split links to one with no successor; one row per edition.
CREATE OR REPLACE VIEW action_lineage AS
WITH RECURSIVE
    cont AS (SELECT * FROM links WHERE relation IN ('same', 'merged', 'split')),
    acts AS (SELECT * FROM actions),
    roots AS (
        SELECT a.doc_id, a.action_id, a.action_key FROM acts a
        WHERE NOT EXISTS (SELECT 1 FROM cont c WHERE c.to_key = a.action_key)
    ),
    paths AS (
        SELECT doc_id, action_id, action_key, 0 AS depth,
               [{'doc_id': doc_id, 'action_id': action_id, 'action_key': action_key, 'relation': NULL::VARCHAR,
                 'score': NULL::DOUBLE}] AS path
        FROM roots
        UNION ALL
        SELECT c.to_doc_id, c.to_action_id, c.to_key, p.depth + 1,
               list_append(p.path, {'doc_id': c.to_doc_id, 'action_id': c.to_action_id, 'action_key': c.to_key,
                                    'relation': c.relation, 'score': c.score})
        FROM paths p JOIN cont c ON c.from_key = p.action_key
        WHERE p.depth < 50
    ),
    chains AS (
        SELECT path, path[1].action_key
                     || CASE WHEN len(path) > 1 THEN ' -> ' || action_key ELSE '' END AS chain_id
        FROM paths p
        WHERE NOT EXISTS (SELECT 1 FROM cont c WHERE c.from_key = p.action_key)
    ),
    steps AS (
        SELECT chain_id, len(path) AS chain_length, unnest(path) AS node, generate_subscripts(path, 1) - 1 AS step
        FROM chains
    )
SELECT s.chain_id, s.chain_length, s.step, a.edition, s.node.doc_id AS doc_id, a.plan,
       s.node.action_id AS action_id, s.node.relation AS relation, s.node.score AS score,
       a.theme, a.description, a.stage, a.rag, a.action_key
FROM steps s JOIN acts a ON a.action_key = s.node.action_key;

CREATE OR REPLACE VIEW status_history AS
SELECT chain_id, step, edition, doc_id, plan, action_id, stage, rag,
       lag(stage) OVER w AS previous_stage, lag(rag) OVER w AS previous_rag,
       step > 0 AND (stage IS DISTINCT FROM lag(stage) OVER w OR rag IS DISTINCT FROM lag(rag) OVER w) AS changed
FROM action_lineage
WINDOW w AS (PARTITION BY chain_id ORDER BY step);

-- Actions of a reconciled edition with no predecessor (the best `related` link, if any, as a hint).
CREATE OR REPLACE VIEW new_actions AS
SELECT a.doc_id, a.plan, a.edition, a.action_id, a.theme, a.description,
       (SELECT string_agg(l.from_doc_id || ':' || l.from_action_id, ', ') FROM links l
        WHERE l.relation = 'related' AND l.to_key = a.action_key) AS related_to
FROM actions a
WHERE a.doc_id IN (SELECT to_doc_id FROM link_scope)
  AND NOT EXISTS (SELECT 1 FROM links l WHERE l.relation IN ('same', 'merged', 'split') AND l.to_key = a.action_key);

-- Actions of an edition that has a reconciled successor but with no successor themselves.
CREATE OR REPLACE VIEW dropped_actions AS
SELECT a.doc_id, a.plan, a.edition, a.action_id, a.theme, a.description, a.stage, a.rag,
       (SELECT string_agg(l.to_doc_id || ':' || l.to_action_id, ', ') FROM links l
        WHERE l.relation = 'related' AND l.from_key = a.action_key) AS related_to
FROM actions a
WHERE a.doc_id IN (SELECT from_doc_id FROM link_scope)
  AND NOT EXISTS (SELECT 1 FROM links l WHERE l.relation IN ('same', 'merged', 'split') AND l.from_key = a.action_key);

-- Layout profiles inferred on the fly (`ingest --profile auto`, issue 10): documents.profile
-- = 'auto:<hash>' names the row holding the exact YAML used, so a load can be reproduced.
CREATE TABLE IF NOT EXISTS profiles (
    profile       VARCHAR PRIMARY KEY,   -- auto:<first 12 hex digits of the YAML's sha256>
    yaml          VARCHAR NOT NULL,      -- the profile as inferred, a confidence per decision in comments
    inferred_from VARCHAR,               -- path of the document it was inferred from
    created_at    TIMESTAMP
);

-- Documents loaded but not yet linked to their council's other editions (issue 18): written in the
-- document's own transaction, removed when links covering it are written, so a process killed
-- between loading and linking leaves the mark and the next ingest links them.
CREATE TABLE IF NOT EXISTS pending_links (
    doc_id    VARCHAR PRIMARY KEY,
    loaded_at TIMESTAMP
);
