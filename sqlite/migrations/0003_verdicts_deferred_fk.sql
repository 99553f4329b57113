-- A verdict's foreign key to its line is checked when the transaction commits. Checked
-- after each statement, it made SQLite keep a statement journal for every multi-row insert
-- of verdicts (to undo that statement alone), a tenth of the time of storing 715,833 of
-- them; a violation still refuses the whole transaction, which is all a batch of verdicts
-- ever wants. SQLite cannot change a constraint in place: the table is made anew.
CREATE TABLE verdicts_new (
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
    decision        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (petition_id, seq),
    FOREIGN KEY (petition_id, seq) REFERENCES lines(petition_id, seq) DEFERRABLE INITIALLY DEFERRED
);
INSERT INTO verdicts_new (petition_id, seq, line_id, valid, reason, sub_reason, base_valid, base_reason, base_sub_reason,
    notes, voter_id, roll_import_id, score, candidates, decided_by, decided_at, decision)
SELECT petition_id, seq, line_id, valid, reason, sub_reason, base_valid, base_reason, base_sub_reason,
    notes, voter_id, roll_import_id, score, candidates, decided_by, decided_at, decision FROM verdicts;
DROP TABLE verdicts;
ALTER TABLE verdicts_new RENAME TO verdicts;
CREATE INDEX verdicts_voter ON verdicts (petition_id, voter_id);
