-- The statutory random sample of a petition: its announced seed and the lines drawn.
CREATE TABLE samples (
    petition_id TEXT PRIMARY KEY REFERENCES petitions(id),
    seed        TEXT NOT NULL,
    population  INTEGER NOT NULL,
    size        INTEGER NOT NULL,
    drawn_at    TEXT NOT NULL
);

CREATE TABLE sample_lines (
    petition_id TEXT NOT NULL REFERENCES samples(petition_id),
    seq         INTEGER NOT NULL,
    PRIMARY KEY (petition_id, seq),
    FOREIGN KEY (petition_id, seq) REFERENCES lines(petition_id, seq)
) WITHOUT ROWID;

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
    raw         INTEGER NOT NULL CHECK (raw >= 0),
    valid       INTEGER NOT NULL CHECK (valid >= 0 AND valid <= raw),
    reported_at TEXT NOT NULL,
    PRIMARY KEY (petition_id, county, period_end)
);

-- A state-officer recall's requirement comes from the last vote for the office, statewide
-- and in each county (Cal. Const. art. II §14(b), Elections Code §11104).
CREATE TABLE petition_county_votes (
    petition_id TEXT NOT NULL REFERENCES petitions(id),
    county      TEXT NOT NULL,
    last_vote   INTEGER NOT NULL CHECK (last_vote >= 0),
    PRIMARY KEY (petition_id, county)
) WITHOUT ROWID;

-- A roll snapshot's voters packed in chunks, for loading the whole roll fast (sqlite/rollpack.go).
CREATE TABLE roll_packs (
    import_id INTEGER NOT NULL REFERENCES roll_imports(id),
    chunk     INTEGER NOT NULL,
    voters    INTEGER NOT NULL,
    data      BLOB NOT NULL,
    PRIMARY KEY (import_id, chunk)
);

-- What the linker decided for the line's best candidate: link, review or none.
ALTER TABLE verdicts ADD COLUMN decision TEXT NOT NULL DEFAULT '';

-- The rule pack settings a petition was created with (name=value, one per line).
ALTER TABLE petitions ADD COLUMN settings TEXT NOT NULL DEFAULT '';

-- A person's decision on a line the linker sent to review: the voter it is, or none.
CREATE TABLE link_reviews (
    petition_id TEXT NOT NULL,
    line_id     TEXT NOT NULL,
    voter_id    TEXT NOT NULL, -- '' when the signer is none of the voters on the roll
    decided_by  TEXT NOT NULL,
    decided_at  TEXT NOT NULL,
    PRIMARY KEY (petition_id, line_id),
    FOREIGN KEY (petition_id, line_id) REFERENCES lines(petition_id, line_id)
) WITHOUT ROWID;
