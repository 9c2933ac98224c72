-- Issue 31, moments to acknowledge: a date the leader notes for a person (back from leave,
-- a birthday they chose to share, anything with a label), once or every year. Work
-- anniversaries need no row: they come from `person.started_on`.
CREATE TABLE moment (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid       BLOB NOT NULL UNIQUE CHECK (typeof(uuid) = 'blob' AND length(uuid) = 16),
    person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    falls_on   TEXT NOT NULL,
    label      TEXT NOT NULL CHECK (length(trim(label)) > 0),
    yearly     INTEGER NOT NULL DEFAULT 0 CHECK (yearly IN (0, 1)),
    created_at INTEGER NOT NULL
               CHECK (typeof(created_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', created_at) IS NOT created_at),
    updated_at INTEGER NOT NULL
               CHECK (typeof(updated_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', updated_at) IS NOT updated_at)
);
CREATE INDEX moment_by_person ON moment (person_id, falls_on);

-- Search: the view of migration 19 is made again with the moments, source number 12.
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
 WHERE e.source & 15 = 13
UNION ALL
SELECT e.entry, replace(replace(s.label, char(1), ' '), char(2), ' '),
       'moment', s.id, s.person_id, s.falls_on
  FROM search_entry e JOIN moment s ON s.id = e.source >> 4
 WHERE e.source & 15 = 12;

-- The table is new: no rows to index yet. The triggers keep the index in step, as in 16.
CREATE TRIGGER search_moment_insert AFTER INSERT ON moment
BEGIN
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 12, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.label, char(1), ' '), char(2), ' '),
           'moment', NEW.id, NEW.person_id, NEW.falls_on
      FROM search_entry WHERE source = NEW.id * 16 + 12;
END;

CREATE TRIGGER search_moment_update AFTER UPDATE OF label, person_id, falls_on ON moment
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.label, char(1), ' '), char(2), ' '),
           'moment', OLD.id, OLD.person_id, OLD.falls_on
      FROM search_entry WHERE source = OLD.id * 16 + 12;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 12;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 12, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.label, char(1), ' '), char(2), ' '),
           'moment', NEW.id, NEW.person_id, NEW.falls_on
      FROM search_entry WHERE source = NEW.id * 16 + 12;
END;

CREATE TRIGGER search_moment_delete AFTER DELETE ON moment
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.label, char(1), ' '), char(2), ' '),
           'moment', OLD.id, OLD.person_id, OLD.falls_on
      FROM search_entry WHERE source = OLD.id * 16 + 12;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 12;
END;

-- Two devices (migration 18): synced like every table the export carries. Written by
-- scripts/sync-triggers.py.
CREATE TRIGGER sync_moment_insert AFTER INSERT ON moment
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'moment', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_moment_update AFTER UPDATE ON moment
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'moment', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'person_id' AS field WHERE NEW.person_id IS NOT OLD.person_id
            UNION ALL SELECT 'falls_on' WHERE NEW.falls_on IS NOT OLD.falls_on
            UNION ALL SELECT 'label' WHERE NEW.label IS NOT OLD.label
            UNION ALL SELECT 'yearly' WHERE NEW.yearly IS NOT OLD.yearly
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_moment_delete AFTER DELETE ON moment
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'moment', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;
