-- Signet's embedded store: the first schema.
CREATE TABLE jurisdictions (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE jurisdiction_zips (
    jurisdiction_id TEXT NOT NULL REFERENCES jurisdictions(id),
    zip             TEXT NOT NULL,
    PRIMARY KEY (jurisdiction_id, zip)
) WITHOUT ROWID;

CREATE TABLE registration_reports (
    id              TEXT PRIMARY KEY,
    jurisdiction_id TEXT NOT NULL REFERENCES jurisdictions(id),
    date            TEXT NOT NULL,
    registered      INTEGER NOT NULL CHECK (registered >= 0),
    source          TEXT NOT NULL
);

-- One row per imported roll file: a snapshot. The newest snapshot of a jurisdiction is its roll.
CREATE TABLE roll_imports (
    id              INTEGER PRIMARY KEY,
    jurisdiction_id TEXT NOT NULL REFERENCES jurisdictions(id),
    file_name       TEXT NOT NULL,
    file_sha256     TEXT NOT NULL,
    rows            INTEGER NOT NULL,
    active          INTEGER NOT NULL DEFAULT 0,
    inactive        INTEGER NOT NULL DEFAULT 0,
    cancelled       INTEGER NOT NULL DEFAULT 0,
    imported_at     TEXT NOT NULL
);
CREATE INDEX roll_imports_jurisdiction ON roll_imports (jurisdiction_id, id);

CREATE TABLE voters (
    import_id          INTEGER NOT NULL REFERENCES roll_imports(id),
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

CREATE TABLE petitions (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    jurisdiction_id TEXT NOT NULL REFERENCES jurisdictions(id),
    rules           TEXT NOT NULL,
    report_id       TEXT REFERENCES registration_reports(id), -- NULL for a state-officer recall (last vote)
    registered      INTEGER NOT NULL,
    required        INTEGER NOT NULL,
    approved        TEXT NOT NULL,
    deadline        TEXT NOT NULL,
    filed           TEXT NOT NULL DEFAULT '',
    raw             INTEGER NOT NULL DEFAULT 0,
    cutoff          TEXT NOT NULL,
    duplicates      TEXT NOT NULL,
    created_at      TEXT NOT NULL
);

CREATE TABLE line_imports (
    id          INTEGER PRIMARY KEY,
    petition_id TEXT NOT NULL REFERENCES petitions(id),
    file_name   TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    UNIQUE (petition_id, file_sha256)
);

CREATE TABLE sections (
    petition_id TEXT NOT NULL REFERENCES petitions(id),
    id          TEXT NOT NULL,
    circulator  TEXT NOT NULL,
    PRIMARY KEY (petition_id, id)
) WITHOUT ROWID;

-- seq numbers the lines 1..R in filing order.
CREATE TABLE lines (
    petition_id          TEXT NOT NULL REFERENCES petitions(id),
    seq                  INTEGER NOT NULL,
    line_id              TEXT NOT NULL,
    section_id           TEXT NOT NULL,
    line_number          INTEGER NOT NULL,
    printed_name         TEXT NOT NULL,
    house_number         TEXT NOT NULL,
    street               TEXT NOT NULL,
    unit                 TEXT NOT NULL,
    city                 TEXT NOT NULL,
    zip                  TEXT NOT NULL,
    date_signed          TEXT NOT NULL,
    signature_present    INTEGER NOT NULL,
    withdrawal_requested INTEGER NOT NULL,
    import_id            INTEGER NOT NULL REFERENCES line_imports(id),
    PRIMARY KEY (petition_id, seq),
    UNIQUE (petition_id, line_id),
    FOREIGN KEY (petition_id, section_id) REFERENCES sections(petition_id, id)
);

-- The latest signature comparison recorded for a line; every decision is also an event.
CREATE TABLE reviews (
    petition_id TEXT NOT NULL,
    line_id     TEXT NOT NULL,
    signature   TEXT NOT NULL CHECK (signature IN ('match', 'mismatch')),
    decided_by  TEXT NOT NULL,
    decided_at  TEXT NOT NULL,
    PRIMARY KEY (petition_id, line_id),
    FOREIGN KEY (petition_id, line_id) REFERENCES lines(petition_id, line_id)
) WITHOUT ROWID;

-- One verdict per line. base_* is the line's verdict before the duplicate rule; reason is final.
CREATE TABLE verdicts (
    petition_id     TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    line_id         TEXT NOT NULL,
    valid           INTEGER NOT NULL,
    reason          TEXT NOT NULL,
    sub_reason      TEXT NOT NULL,
    base_valid      INTEGER NOT NULL,
    base_reason     TEXT NOT NULL,
    base_sub_reason TEXT NOT NULL,
    notes           TEXT NOT NULL,
    voter_id        TEXT NOT NULL,
    roll_import_id  INTEGER,
    score           REAL NOT NULL,
    candidates      TEXT NOT NULL,
    decided_by      TEXT NOT NULL,
    decided_at      TEXT NOT NULL,
    PRIMARY KEY (petition_id, seq),
    FOREIGN KEY (petition_id, seq) REFERENCES lines(petition_id, seq)
);
CREATE INDEX verdicts_voter ON verdicts (petition_id, voter_id);

-- The audit log: every event carries the hash of the one before and of its own content.
CREATE TABLE events (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL,
    actor     TEXT NOT NULL,
    subject   TEXT NOT NULL,
    payload   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

-- The head of the log, so that removing the last events is seen too.
CREATE TABLE events_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO events_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
