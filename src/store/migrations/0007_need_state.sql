-- A need in a conversation is either met (the leader saw it addressed) or a concern (it
-- came up and is not met: it stays flagged until a later conversation meets it). Every need
-- stored before this was a need met.
ALTER TABLE conversation_need ADD COLUMN state TEXT NOT NULL DEFAULT 'met'
    CHECK (state IN ('met', 'concern'));
