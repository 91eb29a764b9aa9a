-- weerbaar inventory schema. The version lives in PRAGMA user_version (see store::SCHEMA_VERSION).
-- Documented table by table in docs/schema.md.

CREATE TABLE metadata (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE vocabulary (
    facet      TEXT NOT NULL,
    id         TEXT NOT NULL,
    position   INTEGER NOT NULL,
    label_nl   TEXT NOT NULL,
    label_en   TEXT NOT NULL,
    definition TEXT NOT NULL,
    synonyms   TEXT NOT NULL,
    PRIMARY KEY (facet, id)
) WITHOUT ROWID;

CREATE TABLE intervention (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    country        TEXT NOT NULL,
    summary        TEXT NOT NULL,
    aim            TEXT NOT NULL,
    approach       TEXT NOT NULL,
    framing        TEXT NOT NULL,
    evidence_level TEXT NOT NULL,
    evidence_year  INTEGER,
    evidence_body  TEXT NOT NULL,
    evidence_note  TEXT NOT NULL,
    -- Since version 2: the recognition as the databank records it (evidence_year is derived
    -- from evidence_date).
    evidence_status       TEXT NOT NULL,
    evidence_date         TEXT NOT NULL,
    evidence_databank     TEXT NOT NULL,
    evidence_databank_url TEXT NOT NULL,
    duration       TEXT NOT NULL,
    cost           TEXT NOT NULL,
    region         TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE alias (
    intervention_id TEXT NOT NULL REFERENCES intervention(id),
    position        INTEGER NOT NULL,
    alias           TEXT NOT NULL,
    PRIMARY KEY (intervention_id, position)
) WITHOUT ROWID;

CREATE TABLE provider (
    intervention_id TEXT NOT NULL REFERENCES intervention(id),
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    PRIMARY KEY (intervention_id, position)
) WITHOUT ROWID;

-- The set-valued facets: theme, target-group, level, offer-type, prevention, dimension.
CREATE TABLE facet_value (
    intervention_id TEXT NOT NULL REFERENCES intervention(id),
    facet           TEXT NOT NULL,
    position        INTEGER NOT NULL,
    value_id        TEXT NOT NULL,
    PRIMARY KEY (intervention_id, facet, position)
) WITHOUT ROWID;
CREATE INDEX facet_value_by_value ON facet_value (facet, value_id);

CREATE TABLE working_element (
    intervention_id TEXT NOT NULL REFERENCES intervention(id),
    position        INTEGER NOT NULL,
    element_id      TEXT NOT NULL,
    note            TEXT NOT NULL,
    PRIMARY KEY (intervention_id, position)
) WITHOUT ROWID;
CREATE INDEX working_element_by_element ON working_element (element_id);

CREATE TABLE study (
    intervention_id TEXT NOT NULL REFERENCES intervention(id),
    position        INTEGER NOT NULL,
    design          TEXT NOT NULL,
    n               INTEGER,
    outcome         TEXT NOT NULL,
    year            INTEGER,
    reference       TEXT NOT NULL,
    PRIMARY KEY (intervention_id, position)
) WITHOUT ROWID;

CREATE TABLE source (
    intervention_id TEXT NOT NULL REFERENCES intervention(id),
    position        INTEGER NOT NULL,
    url             TEXT NOT NULL,
    title           TEXT NOT NULL,
    checked         TEXT NOT NULL,
    -- Since version 2: the field keys this source backs, separated by spaces ("summary aim").
    supports        TEXT NOT NULL,
    PRIMARY KEY (intervention_id, position)
) WITHOUT ROWID;
