-- Row ids are never given twice. With a plain `INTEGER PRIMARY KEY`, SQLite gives a new row
-- the largest id in the table plus one, so deleting the newest conversation handed its
-- number to the next one logged: an edit form still open on the deleted one (another window,
-- the command line beside it) then saved over someone else's record. `AUTOINCREMENT` keeps
-- the largest id ever given in `sqlite_sequence`, and a new row always gets a larger one.
--
-- Every table a form or the command line addresses by id is made anew with it: people,
-- conversations, follow-ups, aspirations and their progress notes, acknowledgements,
-- ideas, talking points and reflections. (Needs, tags, asked questions and drafts are never
-- addressed by id: they are written over with their conversation or by name.) Every id is
-- copied as it was, so no reference, search entry or draft changes; copying the rows sets
-- each table's sequence to its largest id. An id deleted at the top before this migration
-- cannot be known any more, so only those from now on are kept from reuse (the UUID checked
-- on every change covers the rest: see `store::Which`).
--
-- As in migration 14 (SQLite's "other kinds of table schema changes"): foreign keys are
-- off while migrations run, the triggers and the view name the tables made anew and are
-- made again at the end as they were, and every index is made again as it was.

-- The triggers and the view name the tables rebuilt below; they are made again at the end.
DROP TRIGGER conversation_need_follows_conversation;
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
DROP VIEW search_source;

-- person
CREATE TABLE new_person (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid            BLOB NOT NULL UNIQUE CHECK (typeof(uuid) = 'blob' AND length(uuid) = 16),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= 100),
    role            TEXT NOT NULL DEFAULT '',
    team            TEXT NOT NULL DEFAULT '',
    started_on      TEXT,
    cadence_days    INTEGER NOT NULL DEFAULT 14 CHECK (cadence_days BETWEEN 1 AND 365),
    strengths       TEXT NOT NULL DEFAULT '',
    motivations     TEXT NOT NULL DEFAULT '',
    acknowledge_for TEXT NOT NULL DEFAULT '',
    would_change    TEXT NOT NULL DEFAULT '',
    roving_leader   INTEGER NOT NULL DEFAULT 0 CHECK (roving_leader IN (0, 1)),
    archived        INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at      INTEGER NOT NULL
                    CHECK (typeof(created_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', created_at) IS NOT created_at),
    updated_at      INTEGER NOT NULL
                    CHECK (typeof(updated_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', updated_at) IS NOT updated_at)
, paused_from TEXT, paused_until TEXT
    CHECK (paused_until IS NULL OR (paused_from IS NOT NULL AND paused_until > paused_from)), priority_needs TEXT NOT NULL DEFAULT '');
INSERT INTO new_person SELECT * FROM person ORDER BY id;
DROP TABLE person;
ALTER TABLE new_person RENAME TO person;
CREATE UNIQUE INDEX person_active_name ON person (name COLLATE NOCASE) WHERE archived = 0;

-- conversation
CREATE TABLE new_conversation (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        BLOB NOT NULL UNIQUE CHECK (typeof(uuid) = 'blob' AND length(uuid) = 16),
    person_id   INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    happened_at TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('one-on-one', 'check-in', 'skip-level', 'informal')),
    mood        INTEGER CHECK (mood BETWEEN 1 AND 5),
    stance      TEXT CHECK (stance IN ('leading', 'managing', 'both')),
    summary     TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
                CHECK (typeof(created_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', created_at) IS NOT created_at),
    updated_at  INTEGER NOT NULL
                CHECK (typeof(updated_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', updated_at) IS NOT updated_at)
);
INSERT INTO new_conversation SELECT * FROM conversation ORDER BY id;
DROP TABLE conversation;
ALTER TABLE new_conversation RENAME TO conversation;
CREATE INDEX conversation_by_person ON conversation (person_id, happened_at);
CREATE INDEX conversation_by_time ON conversation (happened_at);

-- follow_up
CREATE TABLE new_follow_up (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid            BLOB NOT NULL UNIQUE CHECK (typeof(uuid) = 'blob' AND length(uuid) = 16),
    person_id       INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    conversation_id INTEGER REFERENCES conversation (id) ON DELETE SET NULL,
    owner           TEXT NOT NULL CHECK (owner IN ('me', 'them')),
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    made_on         TEXT NOT NULL,
    due_on          TEXT,
    done_on         TEXT,
    created_at      INTEGER NOT NULL
                    CHECK (typeof(created_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', created_at) IS NOT created_at),
    updated_at      INTEGER NOT NULL
                    CHECK (typeof(updated_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', updated_at) IS NOT updated_at)
, done_in INTEGER REFERENCES conversation (id) ON DELETE SET NULL);
INSERT INTO new_follow_up SELECT * FROM follow_up ORDER BY id;
DROP TABLE follow_up;
ALTER TABLE new_follow_up RENAME TO follow_up;
CREATE INDEX follow_up_open_by_due ON follow_up (due_on) WHERE done_on IS NULL;
CREATE INDEX follow_up_by_person ON follow_up (person_id, done_on);
CREATE INDEX follow_up_by_conversation ON follow_up (conversation_id);
CREATE INDEX follow_up_by_made ON follow_up (made_on);
CREATE INDEX follow_up_made_by_person ON follow_up (person_id, made_on);
CREATE INDEX follow_up_by_done ON follow_up (done_on) WHERE done_on IS NOT NULL;
CREATE INDEX follow_up_by_due ON follow_up (due_on) WHERE due_on IS NOT NULL;
CREATE INDEX follow_up_by_done_in ON follow_up (done_in) WHERE done_in IS NOT NULL;

-- aspiration
CREATE TABLE new_aspiration (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid       BLOB NOT NULL UNIQUE CHECK (typeof(uuid) = 'blob' AND length(uuid) = 16),
    person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
    detail     TEXT NOT NULL DEFAULT '',
    horizon    TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT 'exploring'
               CHECK (status IN ('exploring', 'active', 'achieved', 'parked')),
    created_at INTEGER NOT NULL
               CHECK (typeof(created_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', created_at) IS NOT created_at),
    updated_at INTEGER NOT NULL
               CHECK (typeof(updated_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', updated_at) IS NOT updated_at)
);
INSERT INTO new_aspiration SELECT * FROM aspiration ORDER BY id;
DROP TABLE aspiration;
ALTER TABLE new_aspiration RENAME TO aspiration;
CREATE INDEX aspiration_by_person ON aspiration (person_id);

-- aspiration_update
CREATE TABLE new_aspiration_update (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid            BLOB NOT NULL UNIQUE CHECK (typeof(uuid) = 'blob' AND length(uuid) = 16),
    aspiration_id   INTEGER NOT NULL REFERENCES aspiration (id) ON DELETE CASCADE,
    conversation_id INTEGER REFERENCES conversation (id) ON DELETE SET NULL,
    noted_on        TEXT NOT NULL,
    status          TEXT CHECK (status IN ('exploring', 'active', 'achieved', 'parked')),
    note            TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL
                    CHECK (typeof(created_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', created_at) IS NOT created_at),
    updated_at      INTEGER NOT NULL
                    CHECK (typeof(updated_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', updated_at) IS NOT updated_at)
);
INSERT INTO new_aspiration_update SELECT * FROM aspiration_update ORDER BY id;
DROP TABLE aspiration_update;
ALTER TABLE new_aspiration_update RENAME TO aspiration_update;
CREATE INDEX aspiration_update_by_aspiration ON aspiration_update (aspiration_id, noted_on);
CREATE INDEX aspiration_update_by_time ON aspiration_update (noted_on);
CREATE INDEX aspiration_update_by_conversation ON aspiration_update (conversation_id)
    WHERE conversation_id IS NOT NULL;

-- acknowledgement
CREATE TABLE new_acknowledgement (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid            BLOB NOT NULL UNIQUE CHECK (typeof(uuid) = 'blob' AND length(uuid) = 16),
    person_id       INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    conversation_id INTEGER REFERENCES conversation (id) ON DELETE SET NULL,
    given_at        TEXT NOT NULL,
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    created_at      INTEGER NOT NULL
                    CHECK (typeof(created_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', created_at) IS NOT created_at),
    updated_at      INTEGER NOT NULL
                    CHECK (typeof(updated_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', updated_at) IS NOT updated_at)
);
INSERT INTO new_acknowledgement SELECT * FROM acknowledgement ORDER BY id;
DROP TABLE acknowledgement;
ALTER TABLE new_acknowledgement RENAME TO acknowledgement;
CREATE INDEX acknowledgement_by_person ON acknowledgement (person_id, given_at);
CREATE INDEX acknowledgement_by_time ON acknowledgement (given_at);
CREATE INDEX acknowledgement_by_conversation ON acknowledgement (conversation_id)
    WHERE conversation_id IS NOT NULL;

-- idea
CREATE TABLE new_idea (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid            BLOB NOT NULL UNIQUE CHECK (typeof(uuid) = 'blob' AND length(uuid) = 16),
    person_id       INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    conversation_id INTEGER REFERENCES conversation (id) ON DELETE SET NULL,
    heard_on        TEXT NOT NULL,
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    status          TEXT NOT NULL DEFAULT 'heard'
                    CHECK (status IN ('heard', 'trying', 'adopted', 'declined')),
    answer          TEXT NOT NULL DEFAULT '',
    answered_on     TEXT,
    created_at      INTEGER NOT NULL
                    CHECK (typeof(created_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', created_at) IS NOT created_at),
    updated_at      INTEGER NOT NULL
                    CHECK (typeof(updated_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', updated_at) IS NOT updated_at)
, answered_in INTEGER REFERENCES conversation (id) ON DELETE SET NULL);
INSERT INTO new_idea SELECT * FROM idea ORDER BY id;
DROP TABLE idea;
ALTER TABLE new_idea RENAME TO idea;
CREATE INDEX idea_by_person ON idea (person_id, heard_on);
CREATE INDEX idea_by_time ON idea (heard_on);
CREATE INDEX idea_by_answer ON idea (answered_on) WHERE answered_on IS NOT NULL;
CREATE INDEX idea_answered_by_person ON idea (person_id, answered_on) WHERE answered_on IS NOT NULL;
CREATE INDEX idea_by_answered_in ON idea (answered_in) WHERE answered_in IS NOT NULL;
CREATE INDEX idea_by_conversation ON idea (conversation_id) WHERE conversation_id IS NOT NULL;

-- talking_point
CREATE TABLE new_talking_point (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid            BLOB NOT NULL UNIQUE CHECK (typeof(uuid) = 'blob' AND length(uuid) = 16),
    person_id       INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    owner           TEXT NOT NULL CHECK (owner IN ('me', 'them')),
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    raised_on       TEXT NOT NULL,
    ticked_on       TEXT,
    conversation_id INTEGER REFERENCES conversation (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL
                    CHECK (typeof(created_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', created_at) IS NOT created_at),
    updated_at      INTEGER NOT NULL
                    CHECK (typeof(updated_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', updated_at) IS NOT updated_at)
);
INSERT INTO new_talking_point SELECT * FROM talking_point ORDER BY id;
DROP TABLE talking_point;
ALTER TABLE new_talking_point RENAME TO talking_point;
CREATE INDEX talking_point_by_person ON talking_point (person_id, ticked_on);
CREATE INDEX talking_point_by_conversation ON talking_point (conversation_id)
    WHERE conversation_id IS NOT NULL;

-- reflection
CREATE TABLE new_reflection (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid                    BLOB NOT NULL UNIQUE CHECK (typeof(uuid) = 'blob' AND length(uuid) = 16),
    week                    TEXT NOT NULL UNIQUE,
    went_well               TEXT NOT NULL DEFAULT '',
    do_differently          TEXT NOT NULL DEFAULT '',
    notes                   TEXT NOT NULL DEFAULT '',
    directing_serving       INTEGER CHECK (directing_serving BETWEEN 1 AND 5),
    reacting_initiating     INTEGER CHECK (reacting_initiating BETWEEN 1 AND 5),
    control_commitment      INTEGER CHECK (control_commitment BETWEEN 1 AND 5),
    improving_breakthrough  INTEGER CHECK (improving_breakthrough BETWEEN 1 AND 5),
    created_at              INTEGER NOT NULL
                            CHECK (typeof(created_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', created_at) IS NOT created_at),
    updated_at              INTEGER NOT NULL
                            CHECK (typeof(updated_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', updated_at) IS NOT updated_at)
, systems_people INTEGER
    CHECK (systems_people BETWEEN 1 AND 5), goals_purpose INTEGER
    CHECK (goals_purpose BETWEEN 1 AND 5), planning_opportunism INTEGER
    CHECK (planning_opportunism BETWEEN 1 AND 5), doing_being INTEGER
    CHECK (doing_being BETWEEN 1 AND 5));
INSERT INTO new_reflection SELECT * FROM reflection ORDER BY id;
DROP TABLE reflection;
ALTER TABLE new_reflection RENAME TO reflection;

-- As migration 14 made them.
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
       'aspiration', s.id, s.person_id, CASE typeof(s.created_at) WHEN 'integer' THEN date(s.created_at, 'unixepoch') ELSE substr(s.created_at, 1, 10) END
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

CREATE TRIGGER conversation_need_follows_conversation
AFTER UPDATE OF person_id, happened_at ON conversation
BEGIN
    UPDATE conversation_need
       SET person_id = NEW.person_id, happened_at = NEW.happened_at
     WHERE conversation_id = NEW.id;
END;

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
           'aspiration', NEW.id, NEW.person_id, CASE typeof(NEW.created_at) WHEN 'integer' THEN date(NEW.created_at, 'unixepoch') ELSE substr(NEW.created_at, 1, 10) END
      FROM search_entry WHERE source = NEW.id * 16 + 4;
END;

CREATE TRIGGER search_aspiration_update
AFTER UPDATE OF title, detail, horizon, person_id, created_at ON aspiration
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.title || char(10) || OLD.detail || char(10) || OLD.horizon, char(1), ' '), char(2), ' '),
           'aspiration', OLD.id, OLD.person_id, CASE typeof(OLD.created_at) WHEN 'integer' THEN date(OLD.created_at, 'unixepoch') ELSE substr(OLD.created_at, 1, 10) END
      FROM search_entry WHERE source = OLD.id * 16 + 4;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 4;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 4, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.title || char(10) || NEW.detail || char(10) || NEW.horizon, char(1), ' '), char(2), ' '),
           'aspiration', NEW.id, NEW.person_id, CASE typeof(NEW.created_at) WHEN 'integer' THEN date(NEW.created_at, 'unixepoch') ELSE substr(NEW.created_at, 1, 10) END
      FROM search_entry WHERE source = NEW.id * 16 + 4;
END;

CREATE TRIGGER search_aspiration_delete AFTER DELETE ON aspiration
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.title || char(10) || OLD.detail || char(10) || OLD.horizon, char(1), ' '), char(2), ' '),
           'aspiration', OLD.id, OLD.person_id, CASE typeof(OLD.created_at) WHEN 'integer' THEN date(OLD.created_at, 'unixepoch') ELSE substr(OLD.created_at, 1, 10) END
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
