-- Two devices, one journal (docs/architecture.md, "Two devices"): a change log kept by the
-- journal itself. Once `rapport sync init` or `sync join` switches it on, the triggers at
-- the end stamp every change to a synced record, whichever command or screen made it, with
-- a hybrid logical clock: a new record, each field an edit changed, or a deletion. Nothing
-- is recorded while sync is off, nor while a sync applies another device's changes.
--
-- The log keeps which field changed and when, never the old text: the value travels from
-- the record itself when the device writes its next segment, so a deleted note does not
-- linger here (secure_delete clears it from the table's pages as before).

-- At most one row: this journal's part in a shared folder.
CREATE TABLE sync_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    -- 1 once the journal syncs through a folder.
    enabled  INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
    -- 1 only inside the transaction that applies other devices' changes.
    applying INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1)),
    -- This device's id (a UUID as text), made by `sync init` / `sync join`.
    device   TEXT NOT NULL DEFAULT '',
    -- The hybrid logical clock: milliseconds since 1970 × 65536 plus a counter, never going
    -- back, and moved past every stamp read from another device.
    hlc      INTEGER NOT NULL DEFAULT 0,
    -- Every change of this device stamped up to here is in a segment in the folder.
    sent     INTEGER NOT NULL DEFAULT 0,
    folder   TEXT NOT NULL DEFAULT '',
    -- When the last sync finished (UTC, RFC 3339), '' before the first.
    synced_at TEXT NOT NULL DEFAULT ''
);
-- Made by `sync init` / `sync join`: until then the table is empty, so the triggers' test
-- is NULL and a journal that does not sync holds nothing new (a journal with no records is
-- still blank, and removed when a refused command created it).

-- The clock of each record ('*': when it was made, which every field it has no row of
-- shares) and of each field changed since. `base` is the clock of the value the change
-- replaced, as the device that made it last saw it: a change nobody made on top of, that
-- lost to another, was overwritten unseen (a conflict, kept in sync_conflict).
CREATE TABLE sync_clock (
    record BLOB NOT NULL,
    field  TEXT NOT NULL,
    tbl    TEXT NOT NULL,
    hlc    INTEGER NOT NULL,
    device TEXT NOT NULL,
    base   INTEGER,
    PRIMARY KEY (record, field)
) WITHOUT ROWID;
CREATE INDEX sync_clock_by_hlc ON sync_clock (hlc);

-- Deleted records: a deletion is final, and its tombstone travels to the other devices.
CREATE TABLE sync_tombstone (
    record BLOB PRIMARY KEY,
    tbl    TEXT NOT NULL,
    hlc    INTEGER NOT NULL,
    device TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sync_tombstone_by_hlc ON sync_tombstone (hlc);

-- Segments already applied (or, for this device's own, written), by device and the clock
-- range they cover. A journal restored from a backup has not seen the segments written
-- after it, its own included, and applies them again at its next sync.
CREATE TABLE sync_seen (
    device  TEXT NOT NULL,
    from_hlc INTEGER NOT NULL,
    to_hlc  INTEGER NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (device, from_hlc, to_hlc)
) WITHOUT ROWID;

-- Changes read from other devices that cannot be applied yet: an edit of a record whose
-- making has not arrived, a record whose person or conversation has not. Tried again at
-- every sync; the same change twice is kept once.
CREATE TABLE sync_parked (
    record BLOB NOT NULL,
    field  TEXT NOT NULL,
    tbl    TEXT NOT NULL,
    value  ANY,
    hlc    INTEGER NOT NULL,
    device TEXT NOT NULL,
    base   INTEGER,
    PRIMARY KEY (record, field, hlc, device)
) WITHOUT ROWID;

-- A text field changed on two devices, neither change made on top of the other: the later
-- one is in the record, the other is kept here to be shown and taken back.
CREATE TABLE sync_conflict (
    record    BLOB NOT NULL,
    field     TEXT NOT NULL,
    tbl       TEXT NOT NULL,
    value     ANY,
    hlc       INTEGER NOT NULL,
    device    TEXT NOT NULL,
    found_at  TEXT NOT NULL,
    PRIMARY KEY (record, field, hlc, device)
) WITHOUT ROWID;

-- The triggers: written by scripts/sync-triggers.py from the tables the export carries.
CREATE TRIGGER sync_person_insert AFTER INSERT ON person
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'person', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_person_update AFTER UPDATE ON person
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'person', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'name' AS field WHERE NEW.name IS NOT OLD.name
            UNION ALL SELECT 'role' WHERE NEW.role IS NOT OLD.role
            UNION ALL SELECT 'team' WHERE NEW.team IS NOT OLD.team
            UNION ALL SELECT 'started_on' WHERE NEW.started_on IS NOT OLD.started_on
            UNION ALL SELECT 'cadence_days' WHERE NEW.cadence_days IS NOT OLD.cadence_days
            UNION ALL SELECT 'strengths' WHERE NEW.strengths IS NOT OLD.strengths
            UNION ALL SELECT 'motivations' WHERE NEW.motivations IS NOT OLD.motivations
            UNION ALL SELECT 'acknowledge_for' WHERE NEW.acknowledge_for IS NOT OLD.acknowledge_for
            UNION ALL SELECT 'would_change' WHERE NEW.would_change IS NOT OLD.would_change
            UNION ALL SELECT 'roving_leader' WHERE NEW.roving_leader IS NOT OLD.roving_leader
            UNION ALL SELECT 'archived' WHERE NEW.archived IS NOT OLD.archived
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at
            UNION ALL SELECT 'paused_from' WHERE NEW.paused_from IS NOT OLD.paused_from
            UNION ALL SELECT 'paused_until' WHERE NEW.paused_until IS NOT OLD.paused_until
            UNION ALL SELECT 'priority_needs' WHERE NEW.priority_needs IS NOT OLD.priority_needs) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_person_delete AFTER DELETE ON person
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'person', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;

CREATE TRIGGER sync_conversation_insert AFTER INSERT ON conversation
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'conversation', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_conversation_update AFTER UPDATE ON conversation
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'conversation', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'person_id' AS field WHERE NEW.person_id IS NOT OLD.person_id
            UNION ALL SELECT 'happened_at' WHERE NEW.happened_at IS NOT OLD.happened_at
            UNION ALL SELECT 'kind' WHERE NEW.kind IS NOT OLD.kind
            UNION ALL SELECT 'mood' WHERE NEW.mood IS NOT OLD.mood
            UNION ALL SELECT 'stance' WHERE NEW.stance IS NOT OLD.stance
            UNION ALL SELECT 'summary' WHERE NEW.summary IS NOT OLD.summary
            UNION ALL SELECT 'notes' WHERE NEW.notes IS NOT OLD.notes
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_conversation_delete AFTER DELETE ON conversation
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'conversation', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;

CREATE TRIGGER sync_conversation_need_insert AFTER INSERT ON conversation_need
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'conversation_need', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_conversation_need_update AFTER UPDATE ON conversation_need
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'conversation_need', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'conversation_id' AS field WHERE NEW.conversation_id IS NOT OLD.conversation_id
            UNION ALL SELECT 'need' WHERE NEW.need IS NOT OLD.need
            UNION ALL SELECT 'how' WHERE NEW.how IS NOT OLD.how
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at
            UNION ALL SELECT 'state' WHERE NEW.state IS NOT OLD.state) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_conversation_need_delete AFTER DELETE ON conversation_need
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'conversation_need', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;

CREATE TRIGGER sync_conversation_tag_insert AFTER INSERT ON conversation_tag
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'conversation_tag', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_conversation_tag_update AFTER UPDATE ON conversation_tag
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'conversation_tag', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'conversation_id' AS field WHERE NEW.conversation_id IS NOT OLD.conversation_id
            UNION ALL SELECT 'tag' WHERE NEW.tag IS NOT OLD.tag
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_conversation_tag_delete AFTER DELETE ON conversation_tag
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'conversation_tag', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;

CREATE TRIGGER sync_follow_up_insert AFTER INSERT ON follow_up
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'follow_up', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_follow_up_update AFTER UPDATE ON follow_up
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'follow_up', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'person_id' AS field WHERE NEW.person_id IS NOT OLD.person_id
            UNION ALL SELECT 'conversation_id' WHERE NEW.conversation_id IS NOT OLD.conversation_id
            UNION ALL SELECT 'owner' WHERE NEW.owner IS NOT OLD.owner
            UNION ALL SELECT 'text' WHERE NEW.text IS NOT OLD.text
            UNION ALL SELECT 'made_on' WHERE NEW.made_on IS NOT OLD.made_on
            UNION ALL SELECT 'due_on' WHERE NEW.due_on IS NOT OLD.due_on
            UNION ALL SELECT 'done_on' WHERE NEW.done_on IS NOT OLD.done_on
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at
            UNION ALL SELECT 'done_in' WHERE NEW.done_in IS NOT OLD.done_in) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_follow_up_delete AFTER DELETE ON follow_up
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'follow_up', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;

CREATE TRIGGER sync_aspiration_insert AFTER INSERT ON aspiration
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'aspiration', hlc, device, NULL FROM sync_state;
END;

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
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_aspiration_delete AFTER DELETE ON aspiration
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'aspiration', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;

CREATE TRIGGER sync_aspiration_update_insert AFTER INSERT ON aspiration_update
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'aspiration_update', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_aspiration_update_update AFTER UPDATE ON aspiration_update
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'aspiration_update', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'aspiration_id' AS field WHERE NEW.aspiration_id IS NOT OLD.aspiration_id
            UNION ALL SELECT 'conversation_id' WHERE NEW.conversation_id IS NOT OLD.conversation_id
            UNION ALL SELECT 'noted_on' WHERE NEW.noted_on IS NOT OLD.noted_on
            UNION ALL SELECT 'status' WHERE NEW.status IS NOT OLD.status
            UNION ALL SELECT 'note' WHERE NEW.note IS NOT OLD.note
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_aspiration_update_delete AFTER DELETE ON aspiration_update
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'aspiration_update', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;

CREATE TRIGGER sync_acknowledgement_insert AFTER INSERT ON acknowledgement
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'acknowledgement', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_acknowledgement_update AFTER UPDATE ON acknowledgement
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'acknowledgement', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'person_id' AS field WHERE NEW.person_id IS NOT OLD.person_id
            UNION ALL SELECT 'conversation_id' WHERE NEW.conversation_id IS NOT OLD.conversation_id
            UNION ALL SELECT 'given_at' WHERE NEW.given_at IS NOT OLD.given_at
            UNION ALL SELECT 'text' WHERE NEW.text IS NOT OLD.text
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_acknowledgement_delete AFTER DELETE ON acknowledgement
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'acknowledgement', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;

CREATE TRIGGER sync_idea_insert AFTER INSERT ON idea
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'idea', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_idea_update AFTER UPDATE ON idea
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'idea', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'person_id' AS field WHERE NEW.person_id IS NOT OLD.person_id
            UNION ALL SELECT 'conversation_id' WHERE NEW.conversation_id IS NOT OLD.conversation_id
            UNION ALL SELECT 'heard_on' WHERE NEW.heard_on IS NOT OLD.heard_on
            UNION ALL SELECT 'text' WHERE NEW.text IS NOT OLD.text
            UNION ALL SELECT 'status' WHERE NEW.status IS NOT OLD.status
            UNION ALL SELECT 'answer' WHERE NEW.answer IS NOT OLD.answer
            UNION ALL SELECT 'answered_on' WHERE NEW.answered_on IS NOT OLD.answered_on
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at
            UNION ALL SELECT 'answered_in' WHERE NEW.answered_in IS NOT OLD.answered_in) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_idea_delete AFTER DELETE ON idea
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'idea', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;

CREATE TRIGGER sync_talking_point_insert AFTER INSERT ON talking_point
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'talking_point', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_talking_point_update AFTER UPDATE ON talking_point
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'talking_point', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'person_id' AS field WHERE NEW.person_id IS NOT OLD.person_id
            UNION ALL SELECT 'owner' WHERE NEW.owner IS NOT OLD.owner
            UNION ALL SELECT 'text' WHERE NEW.text IS NOT OLD.text
            UNION ALL SELECT 'raised_on' WHERE NEW.raised_on IS NOT OLD.raised_on
            UNION ALL SELECT 'ticked_on' WHERE NEW.ticked_on IS NOT OLD.ticked_on
            UNION ALL SELECT 'conversation_id' WHERE NEW.conversation_id IS NOT OLD.conversation_id
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_talking_point_delete AFTER DELETE ON talking_point
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'talking_point', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;

CREATE TRIGGER sync_feedback_insert AFTER INSERT ON feedback
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'feedback', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_feedback_update AFTER UPDATE ON feedback
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'feedback', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'person_id' AS field WHERE NEW.person_id IS NOT OLD.person_id
            UNION ALL SELECT 'conversation_id' WHERE NEW.conversation_id IS NOT OLD.conversation_id
            UNION ALL SELECT 'heard_on' WHERE NEW.heard_on IS NOT OLD.heard_on
            UNION ALL SELECT 'text' WHERE NEW.text IS NOT OLD.text
            UNION ALL SELECT 'pair' WHERE NEW.pair IS NOT OLD.pair
            UNION ALL SELECT 'lean' WHERE NEW.lean IS NOT OLD.lean
            UNION ALL SELECT 'need' WHERE NEW.need IS NOT OLD.need
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_feedback_delete AFTER DELETE ON feedback
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'feedback', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;

CREATE TRIGGER sync_reflection_insert AFTER INSERT ON reflection
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'reflection', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_reflection_update AFTER UPDATE ON reflection
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'reflection', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'week' AS field WHERE NEW.week IS NOT OLD.week
            UNION ALL SELECT 'went_well' WHERE NEW.went_well IS NOT OLD.went_well
            UNION ALL SELECT 'do_differently' WHERE NEW.do_differently IS NOT OLD.do_differently
            UNION ALL SELECT 'notes' WHERE NEW.notes IS NOT OLD.notes
            UNION ALL SELECT 'directing_serving' WHERE NEW.directing_serving IS NOT OLD.directing_serving
            UNION ALL SELECT 'reacting_initiating' WHERE NEW.reacting_initiating IS NOT OLD.reacting_initiating
            UNION ALL SELECT 'control_commitment' WHERE NEW.control_commitment IS NOT OLD.control_commitment
            UNION ALL SELECT 'improving_breakthrough' WHERE NEW.improving_breakthrough IS NOT OLD.improving_breakthrough
            UNION ALL SELECT 'systems_people' WHERE NEW.systems_people IS NOT OLD.systems_people
            UNION ALL SELECT 'goals_purpose' WHERE NEW.goals_purpose IS NOT OLD.goals_purpose
            UNION ALL SELECT 'planning_opportunism' WHERE NEW.planning_opportunism IS NOT OLD.planning_opportunism
            UNION ALL SELECT 'doing_being' WHERE NEW.doing_being IS NOT OLD.doing_being
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at
            UNION ALL SELECT 'intention' WHERE NEW.intention IS NOT OLD.intention) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_reflection_delete AFTER DELETE ON reflection
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'reflection', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;

CREATE TRIGGER sync_question_asked_insert AFTER INSERT ON question_asked
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', 'question_asked', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_question_asked_update AFTER UPDATE ON question_asked
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, 'question_asked', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN (SELECT 'person_id' AS field WHERE NEW.person_id IS NOT OLD.person_id
            UNION ALL SELECT 'conversation_id' WHERE NEW.conversation_id IS NOT OLD.conversation_id
            UNION ALL SELECT 'topic' WHERE NEW.topic IS NOT OLD.topic
            UNION ALL SELECT 'question' WHERE NEW.question IS NOT OLD.question
            UNION ALL SELECT 'asked_at' WHERE NEW.asked_at IS NOT OLD.asked_at
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at
            UNION ALL SELECT 'updated_at' WHERE NEW.updated_at IS NOT OLD.updated_at) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_question_asked_delete AFTER DELETE ON question_asked
WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, 'question_asked', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;

