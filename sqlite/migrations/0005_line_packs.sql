-- A lines import's lines packed in chunks, for reading a whole petition fast
-- (sqlite/linepack.go): the lines table is the queryable record, the packs the fast path.
CREATE TABLE line_packs (
    petition_id TEXT NOT NULL,
    import_id   INTEGER NOT NULL REFERENCES line_imports(id),
    chunk       INTEGER NOT NULL,
    lines       INTEGER NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (import_id, chunk)
);
CREATE INDEX line_packs_petition ON line_packs (petition_id, import_id, chunk);
