-- Deleted and edited text leaves the search index at once: with FTS5's secure-delete
-- option, a removed entry is taken out of the index's pages rather than hidden behind a
-- tombstone, so (with `PRAGMA secure_delete`) its words do not linger in the journal file.
-- 'optimize' merges the index once, which drops what earlier deletions left behind.
INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);
INSERT INTO search_index (search_index) VALUES ('optimize');
