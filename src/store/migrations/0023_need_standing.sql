-- Where each person stands on each need: when it was last met (and by which need row, for
-- its how) and since when a concern has been open (the first concern after that). Every list
-- of people shows it, and reading it from the need index cost ten to fifteen probes a person (6 of
-- the people list's 10 ms on the ten-year journal, with that 21.6 MiB index crowding the
-- page cache). It is derived from `conversation_need` alone and kept in step by the
-- triggers below, whatever writes a need (a save, an import, a sync, a restore's journal):
-- it is never exported or synced, and a load into an empty journal sets the triggers aside
-- and fills it in one pass (`store/bulk.rs`).
CREATE TABLE need_standing (
    person_id     INTEGER NOT NULL,
    need          TEXT NOT NULL,
    last_met      TEXT,
    last_met_id   INTEGER,
    concern_since TEXT,
    PRIMARY KEY (person_id, need)
) WITHOUT ROWID;

CREATE TRIGGER need_standing_insert AFTER INSERT ON conversation_need
BEGIN
    INSERT OR REPLACE INTO need_standing (person_id, need, last_met, last_met_id, concern_since)
    SELECT NEW.person_id, NEW.need, m.happened_at, m.id,
           (SELECT min(c.happened_at) FROM conversation_need c
             WHERE c.person_id = NEW.person_id AND c.need = NEW.need AND c.state = 'concern'
               AND c.happened_at > coalesce(m.happened_at, ''))
      FROM (SELECT 1) LEFT JOIN (SELECT happened_at, id FROM conversation_need
                                  WHERE person_id = NEW.person_id AND need = NEW.need AND state = 'met'
                                  ORDER BY happened_at DESC, id DESC LIMIT 1) m;
    DELETE FROM need_standing
     WHERE person_id = NEW.person_id AND need = NEW.need AND last_met IS NULL AND concern_since IS NULL;
END;

CREATE TRIGGER need_standing_delete AFTER DELETE ON conversation_need
BEGIN
    INSERT OR REPLACE INTO need_standing (person_id, need, last_met, last_met_id, concern_since)
    SELECT OLD.person_id, OLD.need, m.happened_at, m.id,
           (SELECT min(c.happened_at) FROM conversation_need c
             WHERE c.person_id = OLD.person_id AND c.need = OLD.need AND c.state = 'concern'
               AND c.happened_at > coalesce(m.happened_at, ''))
      FROM (SELECT 1) LEFT JOIN (SELECT happened_at, id FROM conversation_need
                                  WHERE person_id = OLD.person_id AND need = OLD.need AND state = 'met'
                                  ORDER BY happened_at DESC, id DESC LIMIT 1) m;
    DELETE FROM need_standing
     WHERE person_id = OLD.person_id AND need = OLD.need AND last_met IS NULL AND concern_since IS NULL;
END;

CREATE TRIGGER need_standing_update
AFTER UPDATE OF person_id, need, state, happened_at ON conversation_need
BEGIN
    INSERT OR REPLACE INTO need_standing (person_id, need, last_met, last_met_id, concern_since)
    SELECT OLD.person_id, OLD.need, m.happened_at, m.id,
           (SELECT min(c.happened_at) FROM conversation_need c
             WHERE c.person_id = OLD.person_id AND c.need = OLD.need AND c.state = 'concern'
               AND c.happened_at > coalesce(m.happened_at, ''))
      FROM (SELECT 1) LEFT JOIN (SELECT happened_at, id FROM conversation_need
                                  WHERE person_id = OLD.person_id AND need = OLD.need AND state = 'met'
                                  ORDER BY happened_at DESC, id DESC LIMIT 1) m;
    DELETE FROM need_standing
     WHERE person_id = OLD.person_id AND need = OLD.need AND last_met IS NULL AND concern_since IS NULL;
    INSERT OR REPLACE INTO need_standing (person_id, need, last_met, last_met_id, concern_since)
    SELECT NEW.person_id, NEW.need, m.happened_at, m.id,
           (SELECT min(c.happened_at) FROM conversation_need c
             WHERE c.person_id = NEW.person_id AND c.need = NEW.need AND c.state = 'concern'
               AND c.happened_at > coalesce(m.happened_at, ''))
      FROM (SELECT 1) LEFT JOIN (SELECT happened_at, id FROM conversation_need
                                  WHERE person_id = NEW.person_id AND need = NEW.need AND state = 'met'
                                  ORDER BY happened_at DESC, id DESC LIMIT 1) m;
    DELETE FROM need_standing
     WHERE person_id = NEW.person_id AND need = NEW.need AND last_met IS NULL AND concern_since IS NULL;
END;

INSERT INTO need_standing (person_id, need, last_met, last_met_id, concern_since)
SELECT g.person_id, g.need, m.happened_at, m.id,
       (SELECT min(c.happened_at) FROM conversation_need c
         WHERE c.person_id = g.person_id AND c.need = g.need AND c.state = 'concern'
           AND c.happened_at > coalesce(m.happened_at, ''))
  FROM (SELECT DISTINCT person_id, need FROM conversation_need) g
  LEFT JOIN conversation_need m
    ON m.id = (SELECT n.id FROM conversation_need n
                WHERE n.person_id = g.person_id AND n.need = g.need AND n.state = 'met'
                ORDER BY n.happened_at DESC, n.id DESC LIMIT 1);
