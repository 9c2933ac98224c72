-- Full-text search over everything the leader writes: conversation summaries and notes,
-- notes on how a need was met, tags, aspirations and their progress notes,
-- acknowledgements, ideas (and the answers given) and weekly reflections.
--
-- One FTS5 table holds a copy of each searchable text. `item_id` is the row a search hit
-- jumps to (the conversation for need notes and tags, the aspiration for its updates),
-- `person_id` whose it is (NULL for reflections) and `day` its date as 'YYYY-MM-DD' (the
-- ISO week label '2026-W47' for reflections). The triggers below run inside the statement
-- that changes a row, so the index is never stale.
--
-- `search_entry` maps each source row to its index entry: `source` is the row's id * 16 +
-- a kind code (1 conversation, 2 need, 3 tag, 4 aspiration, 5 aspiration update,
-- 6 acknowledgement, 7 idea, 8 reflection). New index entries take the next rowid: FTS5
-- writes its pending terms out whenever a rowid smaller than the last one arrives, so
-- rowids derived from the sources (which interleave) made bulk writes several times slower.
--
-- Characters 0x01 and 0x02 mark the matches in search snippets, so they are replaced by
-- spaces in the indexed copy (they separate words either way).

CREATE VIRTUAL TABLE search_index USING fts5 (
    body,
    kind UNINDEXED,
    item_id UNINDEXED,
    person_id UNINDEXED,
    day UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE search_entry (
    source INTEGER PRIMARY KEY,
    entry  INTEGER NOT NULL
);

-- Conversations: summary and notes.
CREATE TRIGGER search_conversation_insert AFTER INSERT ON conversation
WHEN (NEW.summary <> '' OR NEW.notes <> '')
BEGIN
    INSERT INTO search_index (body, kind, item_id, person_id, day)
    SELECT replace(replace(NEW.summary || char(10) || NEW.notes, char(1), ' '), char(2), ' '),
           'conversation', NEW.id, NEW.person_id, substr(NEW.happened_at, 1, 10);
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 1, last_insert_rowid();
END;

CREATE TRIGGER search_conversation_update
AFTER UPDATE OF summary, notes, person_id, happened_at ON conversation
BEGIN
    DELETE FROM search_index
     WHERE rowid = (SELECT entry FROM search_entry WHERE source = OLD.id * 16 + 1);
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 1;
    INSERT INTO search_index (body, kind, item_id, person_id, day)
    SELECT replace(replace(NEW.summary || char(10) || NEW.notes, char(1), ' '), char(2), ' '),
           'conversation', NEW.id, NEW.person_id, substr(NEW.happened_at, 1, 10)
     WHERE (NEW.summary <> '' OR NEW.notes <> '');
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 1, last_insert_rowid()
     WHERE (NEW.summary <> '' OR NEW.notes <> '');
    -- Tags take their person and date from the conversation.
    UPDATE search_index SET person_id = NEW.person_id, day = substr(NEW.happened_at, 1, 10)
     WHERE rowid IN (SELECT e.entry FROM conversation_tag t
                       JOIN search_entry e ON e.source = t.id * 16 + 3
                      WHERE t.conversation_id = NEW.id);
END;

CREATE TRIGGER search_conversation_delete AFTER DELETE ON conversation
BEGIN
    DELETE FROM search_index
     WHERE rowid = (SELECT entry FROM search_entry WHERE source = OLD.id * 16 + 1);
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 1;
END;

-- Needs: only the ones with a note on how the need was met, with the need's name.
CREATE TRIGGER search_need_insert AFTER INSERT ON conversation_need
WHEN NEW.how <> ''
BEGIN
    INSERT INTO search_index (body, kind, item_id, person_id, day)
    SELECT NEW.need || ': ' || replace(replace(NEW.how, char(1), ' '), char(2), ' '),
           'need', NEW.conversation_id, NEW.person_id, substr(NEW.happened_at, 1, 10);
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 2, last_insert_rowid();
END;

CREATE TRIGGER search_need_update
AFTER UPDATE OF need, how, conversation_id, person_id, happened_at ON conversation_need
BEGIN
    DELETE FROM search_index
     WHERE rowid = (SELECT entry FROM search_entry WHERE source = OLD.id * 16 + 2);
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 2;
    INSERT INTO search_index (body, kind, item_id, person_id, day)
    SELECT NEW.need || ': ' || replace(replace(NEW.how, char(1), ' '), char(2), ' '),
           'need', NEW.conversation_id, NEW.person_id, substr(NEW.happened_at, 1, 10)
     WHERE NEW.how <> '';
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 2, last_insert_rowid()
     WHERE NEW.how <> '';
END;

CREATE TRIGGER search_need_delete AFTER DELETE ON conversation_need
BEGIN
    DELETE FROM search_index
     WHERE rowid = (SELECT entry FROM search_entry WHERE source = OLD.id * 16 + 2);
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 2;
END;

-- Tags: person and date from their conversation.
CREATE TRIGGER search_tag_insert AFTER INSERT ON conversation_tag
BEGIN
    INSERT INTO search_index (body, kind, item_id, person_id, day)
    SELECT replace(replace(NEW.tag, char(1), ' '), char(2), ' '),
           'tag', c.id, c.person_id, substr(c.happened_at, 1, 10)
      FROM conversation c
     WHERE c.id = NEW.conversation_id;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 3, last_insert_rowid()
      FROM conversation c
     WHERE c.id = NEW.conversation_id;
END;

CREATE TRIGGER search_tag_update
AFTER UPDATE OF tag, conversation_id ON conversation_tag
BEGIN
    DELETE FROM search_index
     WHERE rowid = (SELECT entry FROM search_entry WHERE source = OLD.id * 16 + 3);
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 3;
    INSERT INTO search_index (body, kind, item_id, person_id, day)
    SELECT replace(replace(NEW.tag, char(1), ' '), char(2), ' '),
           'tag', c.id, c.person_id, substr(c.happened_at, 1, 10)
      FROM conversation c
     WHERE c.id = NEW.conversation_id;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 3, last_insert_rowid()
      FROM conversation c
     WHERE c.id = NEW.conversation_id;
END;

CREATE TRIGGER search_tag_delete AFTER DELETE ON conversation_tag
BEGIN
    DELETE FROM search_index
     WHERE rowid = (SELECT entry FROM search_entry WHERE source = OLD.id * 16 + 3);
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 3;
END;

-- Aspirations: title, detail and horizon, dated the day they were written down.
CREATE TRIGGER search_aspiration_insert AFTER INSERT ON aspiration
BEGIN
    INSERT INTO search_index (body, kind, item_id, person_id, day)
    SELECT replace(replace(NEW.title || char(10) || NEW.detail || char(10) || NEW.horizon, char(1), ' '), char(2), ' '),
           'aspiration', NEW.id, NEW.person_id, substr(NEW.created_at, 1, 10);
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 4, last_insert_rowid();
END;

CREATE TRIGGER search_aspiration_update
AFTER UPDATE OF title, detail, horizon, person_id, created_at ON aspiration
BEGIN
    DELETE FROM search_index
     WHERE rowid = (SELECT entry FROM search_entry WHERE source = OLD.id * 16 + 4);
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 4;
    INSERT INTO search_index (body, kind, item_id, person_id, day)
    SELECT replace(replace(NEW.title || char(10) || NEW.detail || char(10) || NEW.horizon, char(1), ' '), char(2), ' '),
           'aspiration', NEW.id, NEW.person_id, substr(NEW.created_at, 1, 10);
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 4, last_insert_rowid();
    -- Progress notes take their person from the aspiration.
    UPDATE search_index SET person_id = NEW.person_id
     WHERE rowid IN (SELECT e.entry FROM aspiration_update u
                       JOIN search_entry e ON e.source = u.id * 16 + 5
                      WHERE u.aspiration_id = NEW.id);
END;

CREATE TRIGGER search_aspiration_delete AFTER DELETE ON aspiration
BEGIN
    DELETE FROM search_index
     WHERE rowid = (SELECT entry FROM search_entry WHERE source = OLD.id * 16 + 4);
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 4;
END;

-- Aspiration updates: their progress note, person from the aspiration.
CREATE TRIGGER search_aspiration_update_insert AFTER INSERT ON aspiration_update
WHEN NEW.note <> ''
BEGIN
    INSERT INTO search_index (body, kind, item_id, person_id, day)
    SELECT replace(replace(NEW.note, char(1), ' '), char(2), ' '),
           'aspiration_update', a.id, a.person_id, NEW.noted_on
      FROM aspiration a
     WHERE a.id = NEW.aspiration_id;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 5, last_insert_rowid()
      FROM aspiration a
     WHERE a.id = NEW.aspiration_id;
END;

CREATE TRIGGER search_aspiration_update_update
AFTER UPDATE OF note, aspiration_id, noted_on ON aspiration_update
BEGIN
    DELETE FROM search_index
     WHERE rowid = (SELECT entry FROM search_entry WHERE source = OLD.id * 16 + 5);
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 5;
    INSERT INTO search_index (body, kind, item_id, person_id, day)
    SELECT replace(replace(NEW.note, char(1), ' '), char(2), ' '),
           'aspiration_update', a.id, a.person_id, NEW.noted_on
      FROM aspiration a
     WHERE a.id = NEW.aspiration_id AND NEW.note <> '';
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 5, last_insert_rowid()
      FROM aspiration a
     WHERE a.id = NEW.aspiration_id AND NEW.note <> '';
END;

CREATE TRIGGER search_aspiration_update_delete AFTER DELETE ON aspiration_update
BEGIN
    DELETE FROM search_index
     WHERE rowid = (SELECT entry FROM search_entry WHERE source = OLD.id * 16 + 5);
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 5;
END;

-- Acknowledgements.
CREATE TRIGGER search_acknowledgement_insert AFTER INSERT ON acknowledgement
BEGIN
    INSERT INTO search_index (body, kind, item_id, person_id, day)
    SELECT replace(replace(NEW.text, char(1), ' '), char(2), ' '),
           'acknowledgement', NEW.id, NEW.person_id, substr(NEW.given_at, 1, 10);
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 6, last_insert_rowid();
END;

CREATE TRIGGER search_acknowledgement_update
AFTER UPDATE OF text, person_id, given_at ON acknowledgement
BEGIN
    DELETE FROM search_index
     WHERE rowid = (SELECT entry FROM search_entry WHERE source = OLD.id * 16 + 6);
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 6;
    INSERT INTO search_index (body, kind, item_id, person_id, day)
    SELECT replace(replace(NEW.text, char(1), ' '), char(2), ' '),
           'acknowledgement', NEW.id, NEW.person_id, substr(NEW.given_at, 1, 10);
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 6, last_insert_rowid();
END;

CREATE TRIGGER search_acknowledgement_delete AFTER DELETE ON acknowledgement
BEGIN
    DELETE FROM search_index
     WHERE rowid = (SELECT entry FROM search_entry WHERE source = OLD.id * 16 + 6);
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 6;
END;

-- Ideas: the idea and the answer given.
CREATE TRIGGER search_idea_insert AFTER INSERT ON idea
BEGIN
    INSERT INTO search_index (body, kind, item_id, person_id, day)
    SELECT replace(replace(NEW.text || char(10) || NEW.answer, char(1), ' '), char(2), ' '),
           'idea', NEW.id, NEW.person_id, NEW.heard_on;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 7, last_insert_rowid();
END;

CREATE TRIGGER search_idea_update
AFTER UPDATE OF text, answer, person_id, heard_on ON idea
BEGIN
    DELETE FROM search_index
     WHERE rowid = (SELECT entry FROM search_entry WHERE source = OLD.id * 16 + 7);
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 7;
    INSERT INTO search_index (body, kind, item_id, person_id, day)
    SELECT replace(replace(NEW.text || char(10) || NEW.answer, char(1), ' '), char(2), ' '),
           'idea', NEW.id, NEW.person_id, NEW.heard_on;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 7, last_insert_rowid();
END;

CREATE TRIGGER search_idea_delete AFTER DELETE ON idea
BEGIN
    DELETE FROM search_index
     WHERE rowid = (SELECT entry FROM search_entry WHERE source = OLD.id * 16 + 7);
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 7;
END;

-- Reflections: the leader's own, so no person. Rewritten by an upsert, which runs
-- the update trigger.
CREATE TRIGGER search_reflection_insert AFTER INSERT ON reflection
WHEN (NEW.went_well <> '' OR NEW.do_differently <> '' OR NEW.notes <> '')
BEGIN
    INSERT INTO search_index (body, kind, item_id, person_id, day)
    SELECT replace(replace(NEW.went_well || char(10) || NEW.do_differently || char(10) || NEW.notes, char(1), ' '), char(2), ' '),
           'reflection', NEW.id, NULL, NEW.week;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 8, last_insert_rowid();
END;

CREATE TRIGGER search_reflection_update
AFTER UPDATE OF went_well, do_differently, notes, week ON reflection
BEGIN
    DELETE FROM search_index
     WHERE rowid = (SELECT entry FROM search_entry WHERE source = OLD.id * 16 + 8);
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 8;
    INSERT INTO search_index (body, kind, item_id, person_id, day)
    SELECT replace(replace(NEW.went_well || char(10) || NEW.do_differently || char(10) || NEW.notes, char(1), ' '), char(2), ' '),
           'reflection', NEW.id, NULL, NEW.week
     WHERE (NEW.went_well <> '' OR NEW.do_differently <> '' OR NEW.notes <> '');
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 8, last_insert_rowid()
     WHERE (NEW.went_well <> '' OR NEW.do_differently <> '' OR NEW.notes <> '');
END;

CREATE TRIGGER search_reflection_delete AFTER DELETE ON reflection
BEGIN
    DELETE FROM search_index
     WHERE rowid = (SELECT entry FROM search_entry WHERE source = OLD.id * 16 + 8);
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 8;
END;

-- Index what existing journals already hold, each table in id order (so its entries
-- arrive in rowid order), with the source key as the entry's rowid.
INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
SELECT s.id * 16 + 1, replace(replace(s.summary || char(10) || s.notes, char(1), ' '), char(2), ' '),
       'conversation', s.id, s.person_id, substr(s.happened_at, 1, 10)
  FROM conversation s WHERE (s.summary <> '' OR s.notes <> '')
 ORDER BY s.id;
INSERT INTO search_entry (source, entry) SELECT s.id * 16 + 1, s.id * 16 + 1 FROM conversation s WHERE (s.summary <> '' OR s.notes <> '');

INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
SELECT s.id * 16 + 2, s.need || ': ' || replace(replace(s.how, char(1), ' '), char(2), ' '),
       'need', s.conversation_id, s.person_id, substr(s.happened_at, 1, 10)
  FROM conversation_need s WHERE s.how <> ''
 ORDER BY s.id;
INSERT INTO search_entry (source, entry) SELECT s.id * 16 + 2, s.id * 16 + 2 FROM conversation_need s WHERE s.how <> '';

INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
SELECT s.id * 16 + 3, replace(replace(s.tag, char(1), ' '), char(2), ' '),
       'tag', c.id, c.person_id, substr(c.happened_at, 1, 10)
  FROM conversation_tag s JOIN conversation c ON c.id = s.conversation_id
 ORDER BY s.id;
INSERT INTO search_entry (source, entry) SELECT s.id * 16 + 3, s.id * 16 + 3 FROM conversation_tag s JOIN conversation c ON c.id = s.conversation_id;

INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
SELECT s.id * 16 + 4, replace(replace(s.title || char(10) || s.detail || char(10) || s.horizon, char(1), ' '), char(2), ' '),
       'aspiration', s.id, s.person_id, substr(s.created_at, 1, 10)
  FROM aspiration s
 ORDER BY s.id;
INSERT INTO search_entry (source, entry) SELECT s.id * 16 + 4, s.id * 16 + 4 FROM aspiration s;

INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
SELECT s.id * 16 + 5, replace(replace(s.note, char(1), ' '), char(2), ' '),
       'aspiration_update', a.id, a.person_id, s.noted_on
  FROM aspiration_update s JOIN aspiration a ON a.id = s.aspiration_id WHERE s.note <> ''
 ORDER BY s.id;
INSERT INTO search_entry (source, entry) SELECT s.id * 16 + 5, s.id * 16 + 5 FROM aspiration_update s JOIN aspiration a ON a.id = s.aspiration_id WHERE s.note <> '';

INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
SELECT s.id * 16 + 6, replace(replace(s.text, char(1), ' '), char(2), ' '),
       'acknowledgement', s.id, s.person_id, substr(s.given_at, 1, 10)
  FROM acknowledgement s
 ORDER BY s.id;
INSERT INTO search_entry (source, entry) SELECT s.id * 16 + 6, s.id * 16 + 6 FROM acknowledgement s;

INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
SELECT s.id * 16 + 7, replace(replace(s.text || char(10) || s.answer, char(1), ' '), char(2), ' '),
       'idea', s.id, s.person_id, s.heard_on
  FROM idea s
 ORDER BY s.id;
INSERT INTO search_entry (source, entry) SELECT s.id * 16 + 7, s.id * 16 + 7 FROM idea s;

INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
SELECT s.id * 16 + 8, replace(replace(s.went_well || char(10) || s.do_differently || char(10) || s.notes, char(1), ' '), char(2), ' '),
       'reflection', s.id, NULL, s.week
  FROM reflection s WHERE (s.went_well <> '' OR s.do_differently <> '' OR s.notes <> '')
 ORDER BY s.id;
INSERT INTO search_entry (source, entry) SELECT s.id * 16 + 8, s.id * 16 + 8 FROM reflection s WHERE (s.went_well <> '' OR s.do_differently <> '' OR s.notes <> '');
