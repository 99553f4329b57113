-- A linker built over a roll snapshot, written out (match.Engine.Snapshot) in chunks: a
-- count reads it back in a fraction of the time building the linker takes. It is a cache:
-- without its rows, or when they are of another build, verify builds the linker again.
CREATE TABLE linker_snapshots (
    import_id INTEGER NOT NULL REFERENCES roll_imports(id),
    linker    TEXT NOT NULL,
    chunk     INTEGER NOT NULL,
    data      BLOB NOT NULL,
    PRIMARY KEY (import_id, linker, chunk)
);
