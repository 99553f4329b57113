-- The review queue (the lines the linker sent to review) read from an index of its own:
-- the clerks' desk counts it on every claim and the public status page on every reading,
-- and a scan of every verdict (with its candidates) for each would read the whole table.
CREATE INDEX verdicts_review ON verdicts (petition_id, seq) WHERE decision = 'review';
