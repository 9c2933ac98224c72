-- Issue 31, the leader's side: what people told the leader about their leading, and the
-- intention the weekly reflection sets for the week after.

-- Feedback to me: what someone said about how the leader leads, heard in a 1:1
-- (`conversation_id`) or elsewhere (NULL), on `heard_on`. It may name one of the eight
-- management–leadership pairs of the self-check (`pair`, a `reflection` column's name),
-- with where they placed the leader on it (`lean`, in a conversation's stance words:
-- 'managing', 'leading' or 'both'; NULL when they did not say), and one of the five needs
-- (`need`). A deleted conversation leaves what was said: the words were still heard.
CREATE TABLE feedback (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid            BLOB NOT NULL UNIQUE CHECK (typeof(uuid) = 'blob' AND length(uuid) = 16),
    person_id       INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    conversation_id INTEGER REFERENCES conversation (id) ON DELETE SET NULL,
    heard_on        TEXT NOT NULL,
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    pair            TEXT CHECK (pair IN ('systems_people', 'goals_purpose', 'control_commitment',
                                         'planning_opportunism', 'doing_being', 'directing_serving',
                                         'reacting_initiating', 'improving_breakthrough')),
    lean            TEXT CHECK (lean IS NULL OR (lean IN ('managing', 'leading', 'both') AND pair IS NOT NULL)),
    need            TEXT CHECK (need IN ('competence', 'belonging', 'autonomy', 'fun', 'security')),
    created_at      INTEGER NOT NULL
                    CHECK (typeof(created_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', created_at) IS NOT created_at),
    updated_at      INTEGER NOT NULL
                    CHECK (typeof(updated_at) = 'integer' OR strftime('%Y-%m-%dT%H:%M:%SZ', updated_at) IS NOT updated_at)
);
-- The Week screen reads a span of days; prep asks who was last asked, per person.
CREATE INDEX feedback_by_day ON feedback (heard_on);
CREATE INDEX feedback_by_person ON feedback (person_id, heard_on);
CREATE INDEX feedback_by_conversation ON feedback (conversation_id)
    WHERE conversation_id IS NOT NULL;

-- How I want to show up: the intention a week's reflection sets for the week after, which
-- that week's screen shows at the top and asks about.
ALTER TABLE reflection ADD COLUMN intention TEXT NOT NULL DEFAULT '';

-- Search finds feedback (source 11, in the external-content form of migration 9) and a
-- reflection's intention, on a line of its own after the notes when there is one. A
-- reflection indexed before has none: its body reads exactly as before, so the rows
-- already indexed stay right.
DROP VIEW search_source;

-- As migration 16 made it, with the intention and feedback.
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
 WHERE e.source & 15 = 11;

CREATE TRIGGER search_feedback_insert AFTER INSERT ON feedback
BEGIN
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 11, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.text, char(1), ' '), char(2), ' '),
           'feedback', NEW.id, NEW.person_id, NEW.heard_on
      FROM search_entry WHERE source = NEW.id * 16 + 11;
END;

CREATE TRIGGER search_feedback_update
AFTER UPDATE OF text, person_id, heard_on ON feedback
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.text, char(1), ' '), char(2), ' '),
           'feedback', OLD.id, OLD.person_id, OLD.heard_on
      FROM search_entry WHERE source = OLD.id * 16 + 11;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 11;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 11, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.text, char(1), ' '), char(2), ' '),
           'feedback', NEW.id, NEW.person_id, NEW.heard_on
      FROM search_entry WHERE source = NEW.id * 16 + 11;
END;

CREATE TRIGGER search_feedback_delete AFTER DELETE ON feedback
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.text, char(1), ' '), char(2), ' '),
           'feedback', OLD.id, OLD.person_id, OLD.heard_on
      FROM search_entry WHERE source = OLD.id * 16 + 11;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 11;
END;

-- The reflection's triggers index the intention with the other texts.
DROP TRIGGER search_reflection_insert;
DROP TRIGGER search_reflection_update;
DROP TRIGGER search_reflection_delete;

CREATE TRIGGER search_reflection_insert AFTER INSERT ON reflection
WHEN (NEW.went_well <> '' OR NEW.do_differently <> '' OR NEW.notes <> '' OR NEW.intention <> '')
BEGIN
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 8, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.went_well || char(10) || NEW.do_differently || char(10) || NEW.notes || CASE NEW.intention WHEN '' THEN '' ELSE char(10) || NEW.intention END, char(1), ' '), char(2), ' '),
           'reflection', NEW.id, NULL, NEW.week
      FROM search_entry WHERE source = NEW.id * 16 + 8;
END;

CREATE TRIGGER search_reflection_update
AFTER UPDATE OF went_well, do_differently, notes, intention, week ON reflection
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.went_well || char(10) || OLD.do_differently || char(10) || OLD.notes || CASE OLD.intention WHEN '' THEN '' ELSE char(10) || OLD.intention END, char(1), ' '), char(2), ' '),
           'reflection', OLD.id, NULL, OLD.week
      FROM search_entry WHERE source = OLD.id * 16 + 8;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 8;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 8, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry)
     WHERE (NEW.went_well <> '' OR NEW.do_differently <> '' OR NEW.notes <> '' OR NEW.intention <> '');
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.went_well || char(10) || NEW.do_differently || char(10) || NEW.notes || CASE NEW.intention WHEN '' THEN '' ELSE char(10) || NEW.intention END, char(1), ' '), char(2), ' '),
           'reflection', NEW.id, NULL, NEW.week
      FROM search_entry WHERE source = NEW.id * 16 + 8;
END;

CREATE TRIGGER search_reflection_delete AFTER DELETE ON reflection
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.went_well || char(10) || OLD.do_differently || char(10) || OLD.notes || CASE OLD.intention WHEN '' THEN '' ELSE char(10) || OLD.intention END, char(1), ' '), char(2), ' '),
           'reflection', OLD.id, NULL, OLD.week
      FROM search_entry WHERE source = OLD.id * 16 + 8;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 8;
END;
