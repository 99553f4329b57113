-- Signet's server store: the schema of the embedded store (sqlite/migrations, as its
-- migrations leave it), in PostgreSQL's types. Dates and times are text in the same forms
-- ('YYYY-MM-DD', signet.EventTimeLayout) and flags are 0 or 1, so that both stores hold the
-- same values and one SQL statement reads or edits either.
CREATE TABLE jurisdictions (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE jurisdiction_zips (
    jurisdiction_id TEXT NOT NULL REFERENCES jurisdictions(id),
    zip             TEXT NOT NULL,
    PRIMARY KEY (jurisdiction_id, zip)
);

CREATE TABLE registration_reports (
    id              TEXT PRIMARY KEY,
    jurisdiction_id TEXT NOT NULL REFERENCES jurisdictions(id),
    date            TEXT NOT NULL,
    registered      BIGINT NOT NULL CHECK (registered >= 0),
    source          TEXT NOT NULL
);

-- One row per imported roll file: a snapshot. The newest snapshot of a jurisdiction is its
-- roll. Ids are given by the store (the next after the largest), as SQLite gives them.
CREATE TABLE roll_imports (
    id              BIGINT PRIMARY KEY,
    jurisdiction_id TEXT NOT NULL REFERENCES jurisdictions(id),
    file_name       TEXT NOT NULL,
    file_sha256     TEXT NOT NULL,
    rows            BIGINT NOT NULL,
    active          BIGINT NOT NULL DEFAULT 0,
    inactive        BIGINT NOT NULL DEFAULT 0,
    cancelled       BIGINT NOT NULL DEFAULT 0,
    imported_at     TEXT NOT NULL
);
CREATE INDEX roll_imports_jurisdiction ON roll_imports (jurisdiction_id, id);

CREATE TABLE voters (
    import_id          BIGINT NOT NULL REFERENCES roll_imports(id),
    voter_id           TEXT NOT NULL,
    first_name         TEXT NOT NULL,
    middle_name        TEXT NOT NULL,
    last_name          TEXT NOT NULL,
    suffix             TEXT NOT NULL,
    house_number       TEXT NOT NULL,
    street             TEXT NOT NULL,
    unit               TEXT NOT NULL,
    city               TEXT NOT NULL,
    zip                TEXT NOT NULL,
    registration_date  TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'cancelled')),
    cancelled_date     TEXT NOT NULL,
    birth_date         TEXT NOT NULL,
    prior_house_number TEXT NOT NULL,
    prior_street       TEXT NOT NULL,
    prior_unit         TEXT NOT NULL,
    prior_city         TEXT NOT NULL,
    prior_zip          TEXT NOT NULL,
    prior_until        TEXT NOT NULL,
    PRIMARY KEY (import_id, voter_id)
);

-- A roll snapshot's voters packed in chunks, for loading the whole roll fast
-- (internal/storecodec).
CREATE TABLE roll_packs (
    import_id BIGINT NOT NULL REFERENCES roll_imports(id),
    chunk     BIGINT NOT NULL,
    voters    BIGINT NOT NULL,
    data      BYTEA NOT NULL,
    PRIMARY KEY (import_id, chunk)
);

-- A linker built over a roll snapshot, written out in chunks: a cache (see the embedded
-- store's migration 0006).
CREATE TABLE linker_snapshots (
    import_id BIGINT NOT NULL REFERENCES roll_imports(id),
    linker    TEXT NOT NULL,
    chunk     BIGINT NOT NULL,
    data      BYTEA NOT NULL,
    PRIMARY KEY (import_id, linker, chunk)
);

-- The packs and snapshots are read whole at the start of every count: stored out of line
-- but not compressed (PostgreSQL's default compresses them, and reading a county's linker
-- snapshot then took twice as long as on SQLite).
ALTER TABLE roll_packs ALTER COLUMN data SET STORAGE EXTERNAL;
ALTER TABLE linker_snapshots ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE petitions (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    jurisdiction_id TEXT NOT NULL REFERENCES jurisdictions(id),
    rules           TEXT NOT NULL,
    report_id       TEXT REFERENCES registration_reports(id), -- NULL for a state-officer recall (last vote)
    registered      BIGINT NOT NULL,
    required        BIGINT NOT NULL,
    approved        TEXT NOT NULL,
    deadline        TEXT NOT NULL,
    filed           TEXT NOT NULL DEFAULT '',
    raw             BIGINT NOT NULL DEFAULT 0,
    cutoff          TEXT NOT NULL,
    duplicates      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    settings        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE line_imports (
    id          BIGINT PRIMARY KEY,
    petition_id TEXT NOT NULL REFERENCES petitions(id),
    file_name   TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    rows        BIGINT NOT NULL,
    imported_at TEXT NOT NULL,
    UNIQUE (petition_id, file_sha256)
);

CREATE TABLE sections (
    petition_id TEXT NOT NULL REFERENCES petitions(id),
    id          TEXT NOT NULL,
    circulator  TEXT NOT NULL,
    PRIMARY KEY (petition_id, id)
);

-- seq numbers the lines 1..R in filing order. A line's section is stored in the same
-- transaction, after the lines that COPY brings: its key is checked at commit.
CREATE TABLE lines (
    petition_id          TEXT NOT NULL REFERENCES petitions(id),
    seq                  BIGINT NOT NULL,
    line_id              TEXT NOT NULL,
    section_id           TEXT NOT NULL,
    line_number          BIGINT NOT NULL,
    printed_name         TEXT NOT NULL,
    house_number         TEXT NOT NULL,
    street               TEXT NOT NULL,
    unit                 TEXT NOT NULL,
    city                 TEXT NOT NULL,
    zip                  TEXT NOT NULL,
    date_signed          TEXT NOT NULL,
    signature_present    SMALLINT NOT NULL,
    withdrawal_requested SMALLINT NOT NULL,
    import_id            BIGINT NOT NULL REFERENCES line_imports(id),
    PRIMARY KEY (petition_id, seq),
    UNIQUE (petition_id, line_id),
    FOREIGN KEY (petition_id, section_id) REFERENCES sections(petition_id, id) DEFERRABLE INITIALLY DEFERRED
);

-- A lines import's lines packed in chunks, for reading a whole petition fast.
CREATE TABLE line_packs (
    petition_id TEXT NOT NULL,
    import_id   BIGINT NOT NULL REFERENCES line_imports(id),
    chunk       BIGINT NOT NULL,
    lines       BIGINT NOT NULL,
    data        BYTEA NOT NULL,
    PRIMARY KEY (import_id, chunk)
);
CREATE INDEX line_packs_petition ON line_packs (petition_id, import_id, chunk);
ALTER TABLE line_packs ALTER COLUMN data SET STORAGE EXTERNAL;

-- The latest signature comparison recorded for a line; every decision is also an event.
CREATE TABLE reviews (
    petition_id TEXT NOT NULL,
    line_id     TEXT NOT NULL,
    signature   TEXT NOT NULL CHECK (signature IN ('match', 'mismatch')),
    decided_by  TEXT NOT NULL,
    decided_at  TEXT NOT NULL,
    PRIMARY KEY (petition_id, line_id),
    FOREIGN KEY (petition_id, line_id) REFERENCES lines(petition_id, line_id)
);

-- A person's decision on a line the linker sent to review: the voter it is, or none.
CREATE TABLE link_reviews (
    petition_id TEXT NOT NULL,
    line_id     TEXT NOT NULL,
    voter_id    TEXT NOT NULL, -- '' when the signer is none of the voters on the roll
    decided_by  TEXT NOT NULL,
    decided_at  TEXT NOT NULL,
    PRIMARY KEY (petition_id, line_id),
    FOREIGN KEY (petition_id, line_id) REFERENCES lines(petition_id, line_id)
);

-- One verdict per line. base_* is the line's verdict before the duplicate rule; reason is
-- final; decision is what the linker decided for the best candidate (link, review, none).
CREATE TABLE verdicts (
    petition_id     TEXT NOT NULL,
    seq             BIGINT NOT NULL,
    line_id         TEXT NOT NULL,
    valid           SMALLINT NOT NULL,
    reason          TEXT NOT NULL,
    sub_reason      TEXT NOT NULL,
    base_valid      SMALLINT NOT NULL,
    base_reason     TEXT NOT NULL,
    base_sub_reason TEXT NOT NULL,
    notes           TEXT NOT NULL,
    voter_id        TEXT NOT NULL,
    roll_import_id  BIGINT,
    score           DOUBLE PRECISION NOT NULL,
    candidates      TEXT NOT NULL,
    decided_by      TEXT NOT NULL,
    decided_at      TEXT NOT NULL,
    decision        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (petition_id, seq),
    FOREIGN KEY (petition_id, seq) REFERENCES lines(petition_id, seq) DEFERRABLE INITIALLY DEFERRED
);

-- The audit log: every event carries the hash of the one before and of its own content.
CREATE TABLE events (
    seq       BIGINT PRIMARY KEY,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL,
    actor     TEXT NOT NULL,
    subject   TEXT NOT NULL,
    payload   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

-- The head of the log, so that removing the last events is seen too. Every write
-- transaction locks this row first: writes happen one at a time, in the order of the log.
CREATE TABLE events_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO events_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The statutory random sample of a petition: its announced seed and the lines drawn.
CREATE TABLE samples (
    petition_id TEXT PRIMARY KEY REFERENCES petitions(id),
    seed        TEXT NOT NULL,
    population  BIGINT NOT NULL,
    size        BIGINT NOT NULL,
    drawn_at    TEXT NOT NULL
);

CREATE TABLE sample_lines (
    petition_id TEXT NOT NULL REFERENCES samples(petition_id),
    seq         BIGINT NOT NULL,
    PRIMARY KEY (petition_id, seq),
    FOREIGN KEY (petition_id, seq) REFERENCES lines(petition_id, seq)
);

-- The recorded projection from the sample and its decision.
CREATE TABLE projections (
    petition_id TEXT PRIMARY KEY REFERENCES samples(petition_id),
    decision    TEXT NOT NULL,
    result      TEXT NOT NULL,
    decided_at  TEXT NOT NULL
);

-- County reports of a state-officer recall: the running statewide total.
CREATE TABLE state_reports (
    petition_id TEXT NOT NULL REFERENCES petitions(id),
    county      TEXT NOT NULL,
    period_end  TEXT NOT NULL,
    raw         BIGINT NOT NULL CHECK (raw >= 0),
    valid       BIGINT NOT NULL CHECK (valid >= 0 AND valid <= raw),
    reported_at TEXT NOT NULL,
    PRIMARY KEY (petition_id, county, period_end)
);

-- A state-officer recall's requirement comes from the last vote for the office, statewide
-- and in each county (Cal. Const. art. II §14(b), Elections Code §11104).
CREATE TABLE petition_county_votes (
    petition_id TEXT NOT NULL REFERENCES petitions(id),
    county      TEXT NOT NULL,
    last_vote   BIGINT NOT NULL CHECK (last_vote >= 0),
    PRIMARY KEY (petition_id, county)
);
