-- The conversations that carry a tag, found from the tag: a timeline filtered by a rare tag
-- walked everyone's conversations back in time to find a handful (0.17 s a page on the
-- ten-year journal, the whole history read). `Store::walk_by_tag` decides which way a page
-- goes, and counts the tag's uses through this index. About 5 MiB on that journal.
-- (Migration 13 dropped an index on the tag alone, which nothing read then.)
CREATE INDEX conversation_by_tag ON conversation_tag (tag, conversation_id);
