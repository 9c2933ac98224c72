-- Search finds follow-ups and talking points too: their text joins the index, in the
-- external-content form of migration 9 (the index keeps no copy; the view reads the text
-- from its table), with the same triggers keeping it in step and the same secure delete
-- (set on the index since migration 4, so a deleted or changed text leaves its pages at
-- once). A follow-up's day is the day it was made, a talking point's the day it was raised.
--
-- The view is made again with two more sources: 9, a follow-up, and 10, a talking point
-- (`source` is the row's id times 16 plus that number). The rows already written are
-- indexed here, oldest id first, after every entry there is: a search's ranking cut-off
-- reads them as written now, which only matters for a query matching more than twenty
-- thousand texts.

DROP VIEW search_source;

-- As migration 15 made it, with follow-ups and talking points.
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
 WHERE e.source & 15 = 10;

INSERT INTO search_entry (source, entry)
SELECT s.id * 16 + 9, base.last + row_number() OVER (ORDER BY s.id)
  FROM follow_up s, (SELECT coalesce(max(entry), 0) AS last FROM search_entry) base;

INSERT INTO search_entry (source, entry)
SELECT s.id * 16 + 10, base.last + row_number() OVER (ORDER BY s.id)
  FROM talking_point s, (SELECT coalesce(max(entry), 0) AS last FROM search_entry) base;

INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, body, kind, item_id, person_id, day FROM search_source
     WHERE kind IN ('follow_up', 'talking_point')
     ORDER BY entry;

CREATE TRIGGER search_follow_up_insert AFTER INSERT ON follow_up
BEGIN
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 9, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.text, char(1), ' '), char(2), ' '),
           'follow_up', NEW.id, NEW.person_id, NEW.made_on
      FROM search_entry WHERE source = NEW.id * 16 + 9;
END;

CREATE TRIGGER search_follow_up_update
AFTER UPDATE OF text, person_id, made_on ON follow_up
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.text, char(1), ' '), char(2), ' '),
           'follow_up', OLD.id, OLD.person_id, OLD.made_on
      FROM search_entry WHERE source = OLD.id * 16 + 9;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 9;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 9, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.text, char(1), ' '), char(2), ' '),
           'follow_up', NEW.id, NEW.person_id, NEW.made_on
      FROM search_entry WHERE source = NEW.id * 16 + 9;
END;

CREATE TRIGGER search_follow_up_delete AFTER DELETE ON follow_up
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.text, char(1), ' '), char(2), ' '),
           'follow_up', OLD.id, OLD.person_id, OLD.made_on
      FROM search_entry WHERE source = OLD.id * 16 + 9;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 9;
END;

CREATE TRIGGER search_talking_point_insert AFTER INSERT ON talking_point
BEGIN
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 10, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.text, char(1), ' '), char(2), ' '),
           'talking_point', NEW.id, NEW.person_id, NEW.raised_on
      FROM search_entry WHERE source = NEW.id * 16 + 10;
END;

CREATE TRIGGER search_talking_point_update
AFTER UPDATE OF text, person_id, raised_on ON talking_point
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.text, char(1), ' '), char(2), ' '),
           'talking_point', OLD.id, OLD.person_id, OLD.raised_on
      FROM search_entry WHERE source = OLD.id * 16 + 10;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 10;
    INSERT INTO search_entry (source, entry)
    SELECT NEW.id * 16 + 10, (SELECT coalesce(max(entry), 0) + 1 FROM search_entry);
    INSERT INTO search_index (rowid, body, kind, item_id, person_id, day)
    SELECT entry, replace(replace(NEW.text, char(1), ' '), char(2), ' '),
           'talking_point', NEW.id, NEW.person_id, NEW.raised_on
      FROM search_entry WHERE source = NEW.id * 16 + 10;
END;

CREATE TRIGGER search_talking_point_delete AFTER DELETE ON talking_point
BEGIN
    INSERT INTO search_index (search_index, rowid, body, kind, item_id, person_id, day)
    SELECT 'delete', entry, replace(replace(OLD.text, char(1), ' '), char(2), ' '),
           'talking_point', OLD.id, OLD.person_id, OLD.raised_on
      FROM search_entry WHERE source = OLD.id * 16 + 10;
    DELETE FROM search_entry WHERE source = OLD.id * 16 + 10;
END;
