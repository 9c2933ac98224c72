-- Issue 31, the leader's side of the relationship.

-- What meets a need for a person ("pairing meets Belonging for Ana"): a short lasting note
-- per person and need. A change is a new row, never an edit, so the history stays: the
-- newest row of a person and need is the note in force. `conversation_id` is the 1:1 it
-- was remembered from, when it came from one.
CREATE TABLE meets_need (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid            BLOB NOT NULL UNIQUE CHECK (typeof(uuid) = 'blob' AND length(uuid) = 16),
    person_id       INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    need            TEXT NOT NULL
                    CHECK (need IN ('competence', 'belonging', 'autonomy', 'fun', 'security')),
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    noted_on        TEXT NOT NULL,
    conversation_id INTEGER REFERENCES conversation (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL
                    CHECK (typeof(created_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', created_at) IS NOT created_at),
    updated_at      INTEGER NOT NULL
                    CHECK (typeof(updated_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', updated_at) IS NOT updated_at)
);
CREATE INDEX meets_need_by_person ON meets_need (person_id, need, noted_on);

-- Trust handed over: what the leader delegated to someone, and later whether it stuck or
-- came back to them. `outcome` stays NULL until that check, made on `checked_on`.
CREATE TABLE delegation (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid            BLOB NOT NULL UNIQUE CHECK (typeof(uuid) = 'blob' AND length(uuid) = 16),
    person_id       INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    handed_on       TEXT NOT NULL,
    outcome         TEXT CHECK (outcome IN ('stuck', 'came-back')),
    checked_on      TEXT CHECK ((outcome IS NULL) = (checked_on IS NULL)),
    conversation_id INTEGER REFERENCES conversation (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL
                    CHECK (typeof(created_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', created_at) IS NOT created_at),
    updated_at      INTEGER NOT NULL
                    CHECK (typeof(updated_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', updated_at) IS NOT updated_at)
);
CREATE INDEX delegation_by_person ON delegation (person_id, handed_on);
CREATE INDEX delegation_by_day ON delegation (handed_on);
CREATE INDEX delegation_by_check ON delegation (checked_on) WHERE checked_on IS NOT NULL;

-- The story of the future: a few short statements of where the team is going, each dated,
-- edited rarely, retired when they no longer hold (kept, for the history).
CREATE TABLE direction (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid       BLOB NOT NULL UNIQUE CHECK (typeof(uuid) = 'blob' AND length(uuid) = 16),
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    stated_on  TEXT NOT NULL,
    retired_on TEXT CHECK (retired_on IS NULL OR retired_on >= stated_on),
    created_at INTEGER NOT NULL
               CHECK (typeof(created_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', created_at) IS NOT created_at),
    updated_at INTEGER NOT NULL
               CHECK (typeof(updated_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', updated_at) IS NOT updated_at)
);

-- Which statement of the direction an aspiration serves ("how Ana's goal fits where we are
-- going"); a statement deleted leaves the aspiration serving none.
ALTER TABLE aspiration ADD COLUMN serves INTEGER REFERENCES direction (id) ON DELETE SET NULL;
CREATE INDEX aspiration_by_direction ON aspiration (serves) WHERE serves IS NOT NULL;

-- Search: the view of migration 17 is made again with the new sources, numbered from the
-- top of the sixteen (`source & 15`) down: 15, what meets a need; 14, a delegation; 13, a
-- statement of the direction.
DROP VIEW search_source;

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
SELECT e.entry, replace(replace(s.went_well || char(10) || s.do_differently || char(10) || s.notes || CASE s.intention WHEN '' THEN '' ELSE char(10) || s.intention END, char(1), ' '), char(2), ' '),
       'reflection', s.id, NULL, s.week
  FROM search_entry e JOIN reflection s ON s.id = e.source >> 4
 WHERE e.source & 15 = 8
UNION ALL
SELECT e.entry, replace(replace(s.text, char(1), ' '), char(2), ' '),
       'follow_up', s.id, s.person_id, s.made_on
  FROM search_entry e JOIN follow_up s ON s.id = e.source >> 4
 WHERE e.source & 15 = 9
UNION ALL
SELECT e.entry, replace(replace(s.text, char(1), ' '), char(2), ' '),
       'talking_point', s.id, s.person_id, s.raised_on
  FROM search_entry e JOIN talking_point s ON s.id = e.source >> 4
 WHERE e.source & 15 = 10
UNION ALL
SELECT e.entry, replace(replace(s.text, char(1), ' '), char(2), ' '),
       'feedback', s.id, s.person_id, s.heard_on
  FROM search_entry e JOIN feedback s ON s.id = e.source >> 4
 WHERE e.source & 15 = 11
UNION ALL
SELECT e.entry, s.need || ': ' || replace(replace(s.text, char(1), ' '), char(2), ' '),
       'meets_need', s.id, s.person_id, s.noted_on
  FROM search_entry e JOIN meets_need s ON s.id = e.source >> 4
 WHERE e.source & 15 = 15
UNION ALL
SELECT e.entry, replace(replace(s.text, char(1), ' '), char(2), ' '),
       'delegation', s.id, s.person_id, s.handed_on
  FROM search_entry e JOIN delegation s ON s.id = e.source >> 4
 WHERE e.source & 15 = 14
UNION ALL
SELECT e.entry, replace(replace(s.text, char(1), ' '), char(2), ' '),
       'direction', s.id, NULL, s.stated_on
  FROM search_entry e JOIN direction s ON s.id = e.source >> 4
 WHERE e.source & 15 = 13;

-- The tables are new: no rows to index yet. The triggers keep the index in step, as in 16.
CREATE TRIGGER search_meets_need_insert AFTER INSERT ON meets_need
BEGIN
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 15, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, NEW.need || ': ' || replace(replace(NEW.text, char(1), ' '), char(2), ' '),
           'meets_need', NEW.id, NEW.person_id, NEW.noted_on
      FROM search_entry WHERE source = NEW.id * 16 + 15;
END;

CREATE TRIGGER search_meets_need_update
AFTER UPDATE OF need, text, person_id, noted_on ON meets_need
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, OLD.need || ': ' || replace(replace(OLD.text, char(1), ' '), char(2), ' '),
           'meets_need', OLD.id, OLD.person_id, OLD.noted_on
      FROM search_entry WHERE source = OLD.id * 16 + 15;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 15;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 15, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, NEW.need || ': ' || replace(replace(NEW.text, char(1), ' '), char(2), ' '),
           'meets_need', NEW.id, NEW.person_id, NEW.noted_on
      FROM search_entry WHERE source = NEW.id * 16 + 15;
END;

CREATE TRIGGER search_meets_need_delete AFTER DELETE ON meets_need
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, OLD.need || ': ' || replace(replace(OLD.text, char(1), ' '), char(2), ' '),
           'meets_need', OLD.id, OLD.person_id, OLD.noted_on
      FROM search_entry WHERE source = OLD.id * 16 + 15;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 15;
END;

CREATE TRIGGER search_delegation_insert AFTER INSERT ON delegation
BEGIN
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 14, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.text, char(1), ' '), char(2), ' '),
           'delegation', NEW.id, NEW.person_id, NEW.handed_on
      FROM search_entry WHERE source = NEW.id * 16 + 14;
END;

CREATE TRIGGER search_delegation_update
AFTER UPDATE OF text, person_id, handed_on ON delegation
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.text, char(1), ' '), char(2), ' '),
           'delegation', OLD.id, OLD.person_id, OLD.handed_on
      FROM search_entry WHERE source = OLD.id * 16 + 14;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 14;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 14, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.text, char(1), ' '), char(2), ' '),
           'delegation', NEW.id, NEW.person_id, NEW.handed_on
      FROM search_entry WHERE source = NEW.id * 16 + 14;
END;

CREATE TRIGGER search_delegation_delete AFTER DELETE ON delegation
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.text, char(1), ' '), char(2), ' '),
           'delegation', OLD.id, OLD.person_id, OLD.handed_on
      FROM search_entry WHERE source = OLD.id * 16 + 14;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 14;
END;

CREATE TRIGGER search_direction_insert AFTER INSERT ON direction
BEGIN
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 13, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.text, char(1), ' '), char(2), ' '),
           'direction', NEW.id, NULL, NEW.stated_on
      FROM search_entry WHERE source = NEW.id * 16 + 13;
END;

CREATE TRIGGER search_direction_update AFTER UPDATE OF text, stated_on ON direction
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.text, char(1), ' '), char(2), ' '),
           'direction', OLD.id, NULL, OLD.stated_on
      FROM search_entry WHERE source = OLD.id * 16 + 13;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 13;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 13, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.text, char(1), ' '), char(2), ' '),
           'direction', NEW.id, NULL, NEW.stated_on
      FROM search_entry WHERE source = NEW.id * 16 + 13;
END;

CREATE TRIGGER search_direction_delete AFTER DELETE ON direction
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.text, char(1), ' '), char(2), ' '),
           'direction', OLD.id, NULL, OLD.stated_on
      FROM search_entry WHERE source = OLD.id * 16 + 13;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 13;
END;

-- Two devices (migration 18): the new tables are synced like every other the export
-- carries, and the aspiration's update trigger watches its new column. Written by
-- scripts/sync-triggers.py.
DROP TRIGGER sync_aspiration_update;

CREATE TRIGGER sync_aspiration_update AFTER UPDATE ON aspiration
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'aspiration', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'person_id' AS field WHERE NEW.person_id IS NOT OLD.person_id
            UNION ALL SELECT 'title' WHERE NEW.title IS NOT OLD.title
            UNION ALL SELECT 'detail' WHERE NEW.detail IS NOT OLD.detail
            UNION ALL SELECT 'horizon' WHERE NEW.horizon IS NOT OLD.horizon
            UNION ALL SELECT 'status' WHERE NEW.status IS NOT OLD.status
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at
            UNION ALL SELECT 'serves' WHERE NEW.serves IS NOT OLD.serves) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_meets_need_insert AFTER INSERT ON meets_need
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'meets_need', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_meets_need_update AFTER UPDATE ON meets_need
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'meets_need', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'person_id' AS field WHERE NEW.person_id IS NOT OLD.person_id
            UNION ALL SELECT 'need' WHERE NEW.need IS NOT OLD.need
            UNION ALL SELECT 'text' WHERE NEW.text IS NOT OLD.text
            UNION ALL SELECT 'noted_on' WHERE NEW.noted_on IS NOT OLD.noted_on
            UNION ALL SELECT 'conversation_id' WHERE NEW.conversation_id IS NOT OLD.conversation_id
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_meets_need_delete AFTER DELETE ON meets_need
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'meets_need', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;

CREATE TRIGGER sync_direction_insert AFTER INSERT ON direction
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'direction', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_direction_update AFTER UPDATE ON direction
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'direction', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'text' AS field WHERE NEW.text IS NOT OLD.text
            UNION ALL SELECT 'stated_on' WHERE NEW.stated_on IS NOT OLD.stated_on
            UNION ALL SELECT 'retired_on' WHERE NEW.retired_on IS NOT OLD.retired_on
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_direction_delete AFTER DELETE ON direction
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'direction', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;

CREATE TRIGGER sync_delegation_insert AFTER INSERT ON delegation
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'delegation', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_delegation_update AFTER UPDATE ON delegation
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'delegation', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'person_id' AS field WHERE NEW.person_id IS NOT OLD.person_id
            UNION ALL SELECT 'text' WHERE NEW.text IS NOT OLD.text
            UNION ALL SELECT 'handed_on' WHERE NEW.handed_on IS NOT OLD.handed_on
            UNION ALL SELECT 'outcome' WHERE NEW.outcome IS NOT OLD.outcome
            UNION ALL SELECT 'checked_on' WHERE NEW.checked_on IS NOT OLD.checked_on
            UNION ALL SELECT 'conversation_id' WHERE NEW.conversation_id IS NOT OLD.conversation_id
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_delegation_delete AFTER DELETE ON delegation
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'delegation', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;
