-- Issue 16: the question guides and the whole leading–managing balance.

-- Which question of the bank was asked of whom, in which conversation and when, so prep
-- and Gaps can prefer the questions not yet asked of a person (or asked longest ago). The
-- question is kept as its text: the leader's own questions have no other name, and a
-- question they later reword is a new question.
CREATE TABLE question_asked (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    person_id       INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    -- A deleted conversation never happened: its questions were not asked either.
    conversation_id INTEGER REFERENCES conversation (id) ON DELETE CASCADE,
    topic           TEXT NOT NULL CHECK (length(trim(topic)) > 0),
    question        TEXT NOT NULL CHECK (length(trim(question)) > 0),
    asked_at        TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX question_asked_by_person ON question_asked (person_id, question, asked_at);
-- The same question recorded twice for one conversation is one question asked.
CREATE UNIQUE INDEX question_asked_once_per_conversation
    ON question_asked (conversation_id, question) WHERE conversation_id IS NOT NULL;

-- Seed 003 lists eight pairs; the self-check had four of them. The four it had keep their
-- columns and their ratings, which already read 1 = the managing pole … 5 = the leading
-- one (directing ↔ serving, responding and reacting ↔ initiating and originating, control ↔
-- commitment, continuous improvement ↔ innovative breakthroughs); the other four are added.
-- The scale is now read as a balance, 3 being "both", not as a climb towards 5.
ALTER TABLE reflection ADD COLUMN systems_people INTEGER
    CHECK (systems_people BETWEEN 1 AND 5);
ALTER TABLE reflection ADD COLUMN goals_purpose INTEGER
    CHECK (goals_purpose BETWEEN 1 AND 5);
ALTER TABLE reflection ADD COLUMN planning_opportunism INTEGER
    CHECK (planning_opportunism BETWEEN 1 AND 5);
ALTER TABLE reflection ADD COLUMN doing_being INTEGER
    CHECK (doing_being BETWEEN 1 AND 5);
