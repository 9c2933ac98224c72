-- The sync folder's files this journal has read whole, known by their size and time (which a
-- sync tool keeps for a file it has not changed), so that each `rapport sync` opens only new
-- files: opening one of an encrypted journal costs a key derivation (about a quarter of a
-- second), and a folder gathers a file for every sync of every device. Kept only beside the
-- journal's record of what it applied (`sync_seen`), which still decides.
CREATE TABLE sync_file (
    path     TEXT PRIMARY KEY,
    len      INTEGER NOT NULL,
    -- Nanoseconds since 1970, NULL where the file system keeps no time.
    modified INTEGER,
    device   TEXT NOT NULL,
    from_hlc INTEGER NOT NULL,
    to_hlc   INTEGER NOT NULL
) WITHOUT ROWID;
