-- Two indexes no query reads any more, dropped: 21.5 MiB of the ten-year benchmark journal's
-- 467 (4.6 %), and two fewer b-trees to update for every need and tag saved or imported.
--
-- `conversation_need_by_time (happened_at, need)` dates from migration 1, when the week and
-- the gaps counted needs across the team by date. They now read each person's needs through
-- `conversation_need_by_person` (person, need, state, day: migration 10) and a
-- conversation's through the UNIQUE (conversation_id, need) index; nothing filters needs by
-- date alone.
--
-- `conversation_tag_by_tag (tag)`: the Timeline's tag filter asks, per conversation, whether
-- it has the tag (the UNIQUE (conversation_id, tag) index answers), and no query lists
-- conversations by tag.
DROP INDEX conversation_need_by_time;
DROP INDEX conversation_tag_by_tag;
