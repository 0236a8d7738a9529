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

-- Files that could not be loaded, with why; a later successful load of the same path clears its entry.
CREATE TABLE IF NOT EXISTS ingest_failures (
    path      VARCHAR NOT NULL,
    sha256    VARCHAR,                 -- NULL when the file could not be read
    message   VARCHAR NOT NULL,        -- one line: what is wrong and what to do
    failed_at TIMESTAMP
);
