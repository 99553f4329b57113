-- The clerks' desk (docs/review.md), as sqlite/migrations/0009_desk.sql keeps it: leases
-- on the review queue, sections assigned to clerks, clerks' decisions, rulings that
-- override a verdict, and proponents' challenges.

-- A clerk's hold on a line of the review queue; a lease older than the engine's time to
-- live is free again. A clerk holds one line at a time.
CREATE TABLE review_leases (
    petition_id TEXT NOT NULL,
    line_id     TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    clerk       TEXT NOT NULL,
    claimed_at  TEXT NOT NULL,
    PRIMARY KEY (petition_id, line_id),
    FOREIGN KEY (petition_id, line_id) REFERENCES lines(petition_id, line_id)
);
CREATE INDEX review_leases_clerk ON review_leases (petition_id, clerk);

-- The sections whose review lines a clerk is given.
CREATE TABLE review_assignments (
    petition_id TEXT NOT NULL,
    section_id  TEXT NOT NULL,
    clerk       TEXT NOT NULL,
    assigned_by TEXT NOT NULL,
    assigned_at TEXT NOT NULL,
    PRIMARY KEY (petition_id, section_id),
    FOREIGN KEY (petition_id, section_id) REFERENCES sections(petition_id, id)
);

-- Every decision a clerk made at the desk, kept (throughput is counted from it); the
-- decision's parts are also kept where verification reads them (link_reviews, reviews,
-- overrides).
CREATE TABLE desk_decisions (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    petition_id TEXT NOT NULL,
    line_id     TEXT NOT NULL,
    clerk       TEXT NOT NULL,
    voter_id    TEXT NOT NULL,
    signature   TEXT NOT NULL,
    verdict     TEXT NOT NULL,
    decided_at  TEXT NOT NULL,
    FOREIGN KEY (petition_id, line_id) REFERENCES lines(petition_id, line_id)
);
CREATE INDEX desk_decisions_petition ON desk_decisions (petition_id, id);

-- The latest ruling on a line, which the next verification honours over the linker and
-- the checks: a clerk's invalid decision, a supervisor's override, an upheld challenge.
CREATE TABLE overrides (
    petition_id TEXT NOT NULL,
    line_id     TEXT NOT NULL,
    valid       INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    sub_reason  TEXT NOT NULL,
    comment     TEXT NOT NULL,
    source      TEXT NOT NULL,
    decided_by  TEXT NOT NULL,
    decided_at  TEXT NOT NULL,
    PRIMARY KEY (petition_id, line_id),
    FOREIGN KEY (petition_id, line_id) REFERENCES lines(petition_id, line_id)
);

-- A proponent's challenge of an invalid line's verdict, and the supervisor's answer.
CREATE TABLE challenges (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    petition_id TEXT NOT NULL,
    line_id     TEXT NOT NULL,
    filed_by    TEXT NOT NULL,
    comment     TEXT NOT NULL,
    filed_at    TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'upheld', 'denied')),
    answer      TEXT NOT NULL DEFAULT '',
    answered_by TEXT NOT NULL DEFAULT '',
    answered_at TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (petition_id, line_id) REFERENCES lines(petition_id, line_id)
);
CREATE INDEX challenges_petition ON challenges (petition_id, id);
