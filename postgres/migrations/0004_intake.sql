-- The campaign's workspace (docs/campaign.md), as sqlite/migrations/0010_intake.sql keeps
-- it: sections turned in before filing, and the pre-checks of the lines collected against
-- the campaign's voter file.

-- A file of intake recorded, so that the same file is not recorded twice.
CREATE TABLE intake_files (
    petition_id TEXT NOT NULL REFERENCES petitions(id),
    sha256      TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (petition_id, sha256)
);

-- One section turned in: its circulator, the day it came in, its lines. A section is
-- turned in once.
CREATE TABLE intake (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    petition_id TEXT NOT NULL REFERENCES petitions(id),
    section_id  TEXT NOT NULL,
    circulator  TEXT NOT NULL,
    turned_in   TEXT NOT NULL,
    lines       INTEGER NOT NULL CHECK (lines > 0),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (petition_id, section_id)
);

-- One pre-check: a lines file linked to a voter file.
CREATE TABLE precheck_runs (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    petition_id  TEXT NOT NULL REFERENCES petitions(id),
    lines_file   TEXT NOT NULL,
    lines_sha256 TEXT NOT NULL,
    voter_file   TEXT NOT NULL,
    voter_sha256 TEXT NOT NULL,
    voters       INTEGER NOT NULL,
    lines        INTEGER NOT NULL,
    linker       TEXT NOT NULL,
    run_by       TEXT NOT NULL,
    run_at       TEXT NOT NULL,
    UNIQUE (petition_id, lines_sha256, voter_sha256)
);

-- Each pre-checked line as its latest pre-check found it, on its own (before the
-- duplicate rule); seq is the order it was first pre-checked in.
CREATE TABLE precheck_lines (
    petition_id TEXT NOT NULL REFERENCES petitions(id),
    line_id     TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    run_id      BIGINT NOT NULL REFERENCES precheck_runs(id),
    section_id  TEXT NOT NULL,
    circulator  TEXT NOT NULL,
    line_number INTEGER NOT NULL,
    date_signed TEXT NOT NULL,
    address_key TEXT NOT NULL,
    voter_id    TEXT NOT NULL,
    decision    TEXT NOT NULL,
    score       DOUBLE PRECISION NOT NULL,
    valid       INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    sub_reason  TEXT NOT NULL,
    PRIMARY KEY (petition_id, line_id),
    UNIQUE (petition_id, seq)
);
