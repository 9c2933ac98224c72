-- The search index keeps no copy of the texts: they are read, when a snippet or a hit's
-- columns are asked for, from where they are kept (FTS5 "external content", through the
-- view `search_source`). The copy was about a fifth of the journal file (100 MiB of 557 on
-- the ten-year benchmark journal); the index itself and what search can
-- do (words, phrases, prefixes, NEAR, snippets, bm25 ranking) are unchanged.
--
-- Four-letter prefixes get an index of their own too (`team*`, `abou*`, typed on the way to
-- a word): without it FTS5 merges the lists of every word that starts with them, twice per
-- keystroke (once to find the matches, once for bm25 to weigh them), 18 ms for `team*` on
-- the ten-year journal against 9 ms with it. It costs 23 MiB, a quarter of what dropping
-- the copy saves.
--
-- With external content FTS5 cannot read an entry's old words when it is changed or
-- removed: the triggers hand them over with the 'delete' command, computed from the OLD row
-- exactly as they were indexed from the NEW one. A tag's person and day, and an aspiration
-- update's person, come from their conversation or aspiration through the view, so moving
-- a conversation no longer rewrites its tags' entries.
--
-- New entries still take the next rowid (now counted in `search_entry`), so rowid order is
-- the order texts were written in, which search's ranking cut-off relies on.
--
-- Nothing is copied aside: the texts stay in their tables throughout, and the index is
-- built anew from them inside the migration's transaction.


DROP TRIGGER search_conversation_insert;
DROP TRIGGER search_conversation_update;
DROP TRIGGER search_conversation_delete;
DROP TRIGGER search_need_insert;
DROP TRIGGER search_need_update;
DROP TRIGGER search_need_delete;
DROP TRIGGER search_tag_insert;
DROP TRIGGER search_tag_update;
DROP TRIGGER search_tag_delete;
DROP TRIGGER search_aspiration_insert;
DROP TRIGGER search_aspiration_update;
DROP TRIGGER search_aspiration_delete;
DROP TRIGGER search_aspiration_update_insert;
DROP TRIGGER search_aspiration_update_update;
DROP TRIGGER search_aspiration_update_delete;
DROP TRIGGER search_acknowledgement_insert;
DROP TRIGGER search_acknowledgement_update;
DROP TRIGGER search_acknowledgement_delete;
DROP TRIGGER search_idea_insert;
DROP TRIGGER search_idea_update;
DROP TRIGGER search_idea_delete;
DROP TRIGGER search_reflection_insert;
DROP TRIGGER search_reflection_update;
DROP TRIGGER search_reflection_delete;

DROP TABLE search_index;

-- The index's rowid is `entry`; the view finds an entry's source through this.
CREATE UNIQUE INDEX search_entry_by_entry ON search_entry (entry);

CREATE VIEW search_source (entry, body, kind, item_id, person_id, day) AS
SELECT e.entry, replace(replace(s.summary || char(10) || s.notes, char(1), ' '), char(2), ' '),
       'conversation', s.id, s.person_id, substr(s.happened_at, 1, 10)
  FROM search_entry e JOIN conversation s ON s.id = e.source >> 4
 WHERE e.source & 15 = 1
UNION ALL
SELECT e.entry, s.need || ': ' || replace(replace(s.how, char(1), ' '), char(2), ' '),
       'need', s.conversation_id, s.person_id, substr(s.happened_at, 1, 10)
  FROM search_entry e JOIN conversation_need s ON s.id = e.source >> 4
 WHERE e.source & 15 = 2
UNION ALL
SELECT e.entry, replace(replace(s.tag, char(1), ' '), char(2), ' '),
       'tag', c.id, c.person_id, substr(c.happened_at, 1, 10)
  FROM search_entry e JOIN conversation_tag s ON s.id = e.source >> 4 JOIN conversation c ON c.id = s.conversation_id
 WHERE e.source & 15 = 3
UNION ALL
SELECT e.entry, replace(replace(s.title || char(10) || s.detail || char(10) || s.horizon, char(1), ' '), char(2), ' '),
       'aspiration', s.id, s.person_id, substr(s.created_at, 1, 10)
  FROM search_entry e JOIN aspiration s ON s.id = e.source >> 4
 WHERE e.source & 15 = 4
UNION ALL
SELECT e.entry, replace(replace(s.note, char(1), ' '), char(2), ' '),
       'aspiration_update', a.id, a.person_id, s.noted_on
  FROM search_entry e JOIN aspiration_update s ON s.id = e.source >> 4 JOIN aspiration a ON a.id = s.aspiration_id
 WHERE e.source & 15 = 5
UNION ALL
SELECT e.entry, replace(replace(s.text, char(1), ' '), char(2), ' '),
       'acknowledgement', s.id, s.person_id, substr(s.given_at, 1, 10)
  FROM search_entry e JOIN acknowledgement s ON s.id = e.source >> 4
 WHERE e.source & 15 = 6
UNION ALL
SELECT e.entry, replace(replace(s.text || char(10) || s.answer, char(1), ' '), char(2), ' '),
       'idea', s.id, s.person_id, s.heard_on
  FROM search_entry e JOIN idea s ON s.id = e.source >> 4
 WHERE e.source & 15 = 7
UNION ALL
SELECT e.entry, replace(replace(s.went_well || char(10) || s.do_differently || char(10) || s.notes, char(1), ' '), char(2), ' '),
       'reflection', s.id, NULL, s.week
  FROM search_entry e JOIN reflection s ON s.id = e.source >> 4
 WHERE e.source & 15 = 8;

CREATE VIRTUAL TABLE search_index USING fts5 (
    body,
    kind UNINDEXED,
    item_id UNINDEXED,
    person_id UNINDEXED,
    day UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3 4',
    content = 'search_source',
    content_rowid = 'entry'
);

-- As migration 4 set it: deleted text leaves the index's pages at once.
INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);

-- Every text indexed again from where it is kept, in rowid order (FTS5 writes fastest so).
INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, body, kind, item_id, person_id, day FROM search_source ORDER BY entry;

INSERT INTO search_index (search_index) VALUES ('optimize');

CREATE TRIGGER search_conversation_insert AFTER INSERT ON conversation
WHEN (NEW.summary <> '' OR NEW.notes <> '')
BEGIN
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 1, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry)
     WHERE (NEW.summary <> '' OR NEW.notes <> '');
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.summary || char(10) || NEW.notes, char(1), ' '), char(2), ' '),
           'conversation', NEW.id, NEW.person_id, substr(NEW.happened_at, 1, 10)
      FROM search_entry WHERE source = NEW.id * 16 + 1;
END;

CREATE TRIGGER search_conversation_update
AFTER UPDATE OF summary, notes, person_id, happened_at ON conversation
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.summary || char(10) || OLD.notes, char(1), ' '), char(2), ' '),
           'conversation', OLD.id, OLD.person_id, substr(OLD.happened_at, 1, 10)
      FROM search_entry WHERE source = OLD.id * 16 + 1;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 1;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 1, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry)
     WHERE (NEW.summary <> '' OR NEW.notes <> '');
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.summary || char(10) || NEW.notes, char(1), ' '), char(2), ' '),
           'conversation', NEW.id, NEW.person_id, substr(NEW.happened_at, 1, 10)
      FROM search_entry WHERE source = NEW.id * 16 + 1;
END;

CREATE TRIGGER search_conversation_delete AFTER DELETE ON conversation
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.summary || char(10) || OLD.notes, char(1), ' '), char(2), ' '),
           'conversation', OLD.id, OLD.person_id, substr(OLD.happened_at, 1, 10)
      FROM search_entry WHERE source = OLD.id * 16 + 1;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 1;
END;

CREATE TRIGGER search_need_insert AFTER INSERT ON conversation_need
WHEN NEW.how <> ''
BEGIN
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 2, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry)
     WHERE NEW.how <> '';
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, NEW.need || ': ' || replace(replace(NEW.how, char(1), ' '), char(2), ' '),
           'need', NEW.conversation_id, NEW.person_id, substr(NEW.happened_at, 1, 10)
      FROM search_entry WHERE source = NEW.id * 16 + 2;
END;

CREATE TRIGGER search_need_update
AFTER UPDATE OF need, how, conversation_id, person_id, happened_at ON conversation_need
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, OLD.need || ': ' || replace(replace(OLD.how, char(1), ' '), char(2), ' '),
           'need', OLD.conversation_id, OLD.person_id, substr(OLD.happened_at, 1, 10)
      FROM search_entry WHERE source = OLD.id * 16 + 2;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 2;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 2, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry)
     WHERE NEW.how <> '';
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, NEW.need || ': ' || replace(replace(NEW.how, char(1), ' '), char(2), ' '),
           'need', NEW.conversation_id, NEW.person_id, substr(NEW.happened_at, 1, 10)
      FROM search_entry WHERE source = NEW.id * 16 + 2;
END;

CREATE TRIGGER search_need_delete AFTER DELETE ON conversation_need
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, OLD.need || ': ' || replace(replace(OLD.how, char(1), ' '), char(2), ' '),
           'need', OLD.conversation_id, OLD.person_id, substr(OLD.happened_at, 1, 10)
      FROM search_entry WHERE source = OLD.id * 16 + 2;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 2;
END;

CREATE TRIGGER search_tag_insert AFTER INSERT ON conversation_tag
BEGIN
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 3, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry)
      FROM conversation c
     WHERE c.id = NEW.conversation_id;
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT e.entry, replace(replace(NEW.tag, char(1), ' '), char(2), ' '),
           'tag', c.id, c.person_id, substr(c.happened_at, 1, 10)
      FROM search_entry e, conversation c
     WHERE e.source = NEW.id * 16 + 3 AND c.id = NEW.conversation_id;
END;

CREATE TRIGGER search_tag_update
AFTER UPDATE OF tag, conversation_id ON conversation_tag
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.tag, char(1), ' '), char(2), ' '),
           'tag', NULL, NULL, NULL
      FROM search_entry WHERE source = OLD.id * 16 + 3;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 3;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 3, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry)
      FROM conversation c
     WHERE c.id = NEW.conversation_id;
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT e.entry, replace(replace(NEW.tag, char(1), ' '), char(2), ' '),
           'tag', c.id, c.person_id, substr(c.happened_at, 1, 10)
      FROM search_entry e, conversation c
     WHERE e.source = NEW.id * 16 + 3 AND c.id = NEW.conversation_id;
END;

CREATE TRIGGER search_tag_delete AFTER DELETE ON conversation_tag
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.tag, char(1), ' '), char(2), ' '),
           'tag', NULL, NULL, NULL
      FROM search_entry WHERE source = OLD.id * 16 + 3;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 3;
END;

CREATE TRIGGER search_aspiration_insert AFTER INSERT ON aspiration
BEGIN
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 4, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.title || char(10) || NEW.detail || char(10) || NEW.horizon, char(1), ' '), char(2), ' '),
           'aspiration', NEW.id, NEW.person_id, substr(NEW.created_at, 1, 10)
      FROM search_entry WHERE source = NEW.id * 16 + 4;
END;

CREATE TRIGGER search_aspiration_update
AFTER UPDATE OF title, detail, horizon, person_id, created_at ON aspiration
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.title || char(10) || OLD.detail || char(10) || OLD.horizon, char(1), ' '), char(2), ' '),
           'aspiration', OLD.id, OLD.person_id, substr(OLD.created_at, 1, 10)
      FROM search_entry WHERE source = OLD.id * 16 + 4;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 4;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 4, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.title || char(10) || NEW.detail || char(10) || NEW.horizon, char(1), ' '), char(2), ' '),
           'aspiration', NEW.id, NEW.person_id, substr(NEW.created_at, 1, 10)
      FROM search_entry WHERE source = NEW.id * 16 + 4;
END;

CREATE TRIGGER search_aspiration_delete AFTER DELETE ON aspiration
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.title || char(10) || OLD.detail || char(10) || OLD.horizon, char(1), ' '), char(2), ' '),
           'aspiration', OLD.id, OLD.person_id, substr(OLD.created_at, 1, 10)
      FROM search_entry WHERE source = OLD.id * 16 + 4;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 4;
END;

CREATE TRIGGER search_aspiration_update_insert AFTER INSERT ON aspiration_update
WHEN NEW.note <> ''
BEGIN
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 5, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry)
      FROM aspiration a
     WHERE a.id = NEW.aspiration_id AND NEW.note <> '';
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT e.entry, replace(replace(NEW.note, char(1), ' '), char(2), ' '),
           'aspiration_update', a.id, a.person_id, NEW.noted_on
      FROM search_entry e, aspiration a
     WHERE e.source = NEW.id * 16 + 5 AND a.id = NEW.aspiration_id;
END;

CREATE TRIGGER search_aspiration_update_update
AFTER UPDATE OF note, aspiration_id, noted_on ON aspiration_update
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.note, char(1), ' '), char(2), ' '),
           'aspiration_update', NULL, NULL, NULL
      FROM search_entry WHERE source = OLD.id * 16 + 5;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 5;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 5, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry)
      FROM aspiration a
     WHERE a.id = NEW.aspiration_id AND NEW.note <> '';
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT e.entry, replace(replace(NEW.note, char(1), ' '), char(2), ' '),
           'aspiration_update', a.id, a.person_id, NEW.noted_on
      FROM search_entry e, aspiration a
     WHERE e.source = NEW.id * 16 + 5 AND a.id = NEW.aspiration_id;
END;

CREATE TRIGGER search_aspiration_update_delete AFTER DELETE ON aspiration_update
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.note, char(1), ' '), char(2), ' '),
           'aspiration_update', NULL, NULL, NULL
      FROM search_entry WHERE source = OLD.id * 16 + 5;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 5;
END;

CREATE TRIGGER search_acknowledgement_insert AFTER INSERT ON acknowledgement
BEGIN
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 6, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.text, char(1), ' '), char(2), ' '),
           'acknowledgement', NEW.id, NEW.person_id, substr(NEW.given_at, 1, 10)
      FROM search_entry WHERE source = NEW.id * 16 + 6;
END;

CREATE TRIGGER search_acknowledgement_update
AFTER UPDATE OF text, person_id, given_at ON acknowledgement
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.text, char(1), ' '), char(2), ' '),
           'acknowledgement', OLD.id, OLD.person_id, substr(OLD.given_at, 1, 10)
      FROM search_entry WHERE source = OLD.id * 16 + 6;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 6;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 6, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.text, char(1), ' '), char(2), ' '),
           'acknowledgement', NEW.id, NEW.person_id, substr(NEW.given_at, 1, 10)
      FROM search_entry WHERE source = NEW.id * 16 + 6;
END;

CREATE TRIGGER search_acknowledgement_delete AFTER DELETE ON acknowledgement
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.text, char(1), ' '), char(2), ' '),
           'acknowledgement', OLD.id, OLD.person_id, substr(OLD.given_at, 1, 10)
      FROM search_entry WHERE source = OLD.id * 16 + 6;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 6;
END;

CREATE TRIGGER search_idea_insert AFTER INSERT ON idea
BEGIN
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 7, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.text || char(10) || NEW.answer, char(1), ' '), char(2), ' '),
           'idea', NEW.id, NEW.person_id, NEW.heard_on
      FROM search_entry WHERE source = NEW.id * 16 + 7;
END;

CREATE TRIGGER search_idea_update
AFTER UPDATE OF text, answer, person_id, heard_on ON idea
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.text || char(10) || OLD.answer, char(1), ' '), char(2), ' '),
           'idea', OLD.id, OLD.person_id, OLD.heard_on
      FROM search_entry WHERE source = OLD.id * 16 + 7;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 7;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 7, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.text || char(10) || NEW.answer, char(1), ' '), char(2), ' '),
           'idea', NEW.id, NEW.person_id, NEW.heard_on
      FROM search_entry WHERE source = NEW.id * 16 + 7;
END;

CREATE TRIGGER search_idea_delete AFTER DELETE ON idea
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.text || char(10) || OLD.answer, char(1), ' '), char(2), ' '),
           'idea', OLD.id, OLD.person_id, OLD.heard_on
      FROM search_entry WHERE source = OLD.id * 16 + 7;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 7;
END;

CREATE TRIGGER search_reflection_insert AFTER INSERT ON reflection
WHEN (NEW.went_well <> '' OR NEW.do_differently <> '' OR NEW.notes <> '')
BEGIN
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 8, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry)
     WHERE (NEW.went_well <> '' OR NEW.do_differently <> '' OR NEW.notes <> '');
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.went_well || char(10) || NEW.do_differently || char(10) || NEW.notes, char(1), ' '), char(2), ' '),
           'reflection', NEW.id, NULL, NEW.week
      FROM search_entry WHERE source = NEW.id * 16 + 8;
END;

CREATE TRIGGER search_reflection_update
AFTER UPDATE OF went_well, do_differently, notes, week ON reflection
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.went_well || char(10) || OLD.do_differently || char(10) || OLD.notes, char(1), ' '), char(2), ' '),
           'reflection', OLD.id, NULL, OLD.week
      FROM search_entry WHERE source = OLD.id * 16 + 8;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 8;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 8, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry)
     WHERE (NEW.went_well <> '' OR NEW.do_differently <> '' OR NEW.notes <> '');
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.went_well || char(10) || NEW.do_differently || char(10) || NEW.notes, char(1), ' '), char(2), ' '),
           'reflection', NEW.id, NULL, NEW.week
      FROM search_entry WHERE source = NEW.id * 16 + 8;
END;

CREATE TRIGGER search_reflection_delete AFTER DELETE ON reflection
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.went_well || char(10) || OLD.do_differently || char(10) || OLD.notes, char(1), ' '), char(2), ' '),
           'reflection', OLD.id, NULL, OLD.week
      FROM search_entry WHERE source = OLD.id * 16 + 8;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 8;
END;
