-- Which process is counting a petition, so that a second count is refused rather than
-- colliding with it (sqlite/holds.go). A row outlives a process that dies; the next count
-- takes it over once that process is gone.
CREATE TABLE count_holds (
    petition_id TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,
    host        TEXT NOT NULL,
    pid         INTEGER NOT NULL,
    since       TEXT NOT NULL
);
