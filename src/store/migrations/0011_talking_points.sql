-- Talking points: something to bring up at the next 1:1 with a person, the leader's own
-- ('me') or one they asked for ('them'). It stays open, carried from one 1:1 to the next,
-- until it is ticked: `ticked_on` is the local day it was discussed and `conversation_id`
-- the conversation it was discussed in (NULL when ticked outside one, or never).
CREATE TABLE talking_point (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    person_id       INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    owner           TEXT NOT NULL CHECK (owner IN ('me', 'them')),
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    raised_on       TEXT NOT NULL,
    ticked_on       TEXT,
    conversation_id INTEGER REFERENCES conversation (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX talking_point_by_person ON talking_point (person_id, ticked_on);
CREATE INDEX talking_point_by_conversation ON talking_point (conversation_id)
    WHERE conversation_id IS NOT NULL;

-- Loops closed in a conversation name it: the conversation a follow-up was ticked done in,
-- and the one an idea was answered in (the conversation a follow-up or an idea was born
-- in stays in `conversation_id`). NULL when it was closed outside a conversation.
ALTER TABLE follow_up ADD COLUMN done_in INTEGER REFERENCES conversation (id) ON DELETE SET NULL;
ALTER TABLE idea ADD COLUMN answered_in INTEGER REFERENCES conversation (id) ON DELETE SET NULL;
CREATE INDEX follow_up_by_done_in ON follow_up (done_in) WHERE done_in IS NOT NULL;
CREATE INDEX idea_by_answered_in ON idea (answered_in) WHERE answered_in IS NOT NULL;

-- A conversation's view lists everything linked to it: each of these is then one probe,
-- and deleting a conversation finds the rows to unlink without reading the tables.
CREATE INDEX aspiration_update_by_conversation ON aspiration_update (conversation_id)
    WHERE conversation_id IS NOT NULL;
CREATE INDEX acknowledgement_by_conversation ON acknowledgement (conversation_id)
    WHERE conversation_id IS NOT NULL;
CREATE INDEX idea_by_conversation ON idea (conversation_id) WHERE conversation_id IS NOT NULL;
