-- The whole journal: people, the conversations held with them, and everything a leader
-- keeps about them. Times a person lives in ("when did we talk") are local wall-clock text
-- 'YYYY-MM-DD HH:MM'; plain dates are 'YYYY-MM-DD'; bookkeeping stamps (created_at,
-- updated_at) are UTC RFC 3339. Text sorts the same way as time in all three forms.

CREATE TABLE person (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
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
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
-- Two active people may not share a name: names are how the leader points at people.
CREATE UNIQUE INDEX person_active_name ON person (name COLLATE NOCASE) WHERE archived = 0;

CREATE TABLE conversation (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    person_id   INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    happened_at TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('one-on-one', 'check-in', 'skip-level', 'informal')),
    mood        INTEGER CHECK (mood BETWEEN 1 AND 5),
    stance      TEXT CHECK (stance IN ('leading', 'managing', 'both')),
    summary     TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX conversation_by_person ON conversation (person_id, happened_at);
CREATE INDEX conversation_by_time ON conversation (happened_at);

-- Which of the five needs a conversation addressed, and how. The person and the time are
-- copied from the conversation (and kept equal by the triggers below) so that "when was
-- this need last met for this person" is one index probe, not a join over years of history.
CREATE TABLE conversation_need (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    conversation_id INTEGER NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    need            TEXT NOT NULL CHECK (need IN ('competence', 'belonging', 'autonomy', 'fun', 'security')),
    how             TEXT NOT NULL DEFAULT '',
    person_id       INTEGER NOT NULL,
    happened_at     TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (conversation_id, need)
);
CREATE INDEX conversation_need_by_person ON conversation_need (person_id, need, happened_at);
CREATE INDEX conversation_need_by_time ON conversation_need (happened_at, need);

CREATE TRIGGER conversation_need_follows_conversation
AFTER UPDATE OF person_id, happened_at ON conversation
BEGIN
    UPDATE conversation_need
       SET person_id = NEW.person_id, happened_at = NEW.happened_at
     WHERE conversation_id = NEW.id;
END;

CREATE TABLE conversation_tag (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    conversation_id INTEGER NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    tag             TEXT NOT NULL CHECK (length(trim(tag)) > 0),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (conversation_id, tag)
);
CREATE INDEX conversation_tag_by_tag ON conversation_tag (tag);

CREATE TABLE follow_up (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    person_id       INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    conversation_id INTEGER REFERENCES conversation (id) ON DELETE SET NULL,
    owner           TEXT NOT NULL CHECK (owner IN ('me', 'them')),
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    made_on         TEXT NOT NULL,
    due_on          TEXT,
    done_on         TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX follow_up_open_by_due ON follow_up (due_on) WHERE done_on IS NULL;
CREATE INDEX follow_up_by_person ON follow_up (person_id, done_on);
CREATE INDEX follow_up_by_conversation ON follow_up (conversation_id);

CREATE TABLE aspiration (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
    detail     TEXT NOT NULL DEFAULT '',
    horizon    TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT 'exploring'
               CHECK (status IN ('exploring', 'active', 'achieved', 'parked')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX aspiration_by_person ON aspiration (person_id);

CREATE TABLE aspiration_update (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    aspiration_id   INTEGER NOT NULL REFERENCES aspiration (id) ON DELETE CASCADE,
    conversation_id INTEGER REFERENCES conversation (id) ON DELETE SET NULL,
    noted_on        TEXT NOT NULL,
    status          TEXT CHECK (status IN ('exploring', 'active', 'achieved', 'parked')),
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX aspiration_update_by_aspiration ON aspiration_update (aspiration_id, noted_on);

CREATE TABLE acknowledgement (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    person_id       INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    conversation_id INTEGER REFERENCES conversation (id) ON DELETE SET NULL,
    given_at        TEXT NOT NULL,
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX acknowledgement_by_person ON acknowledgement (person_id, given_at);
CREATE INDEX acknowledgement_by_time ON acknowledgement (given_at);

CREATE TABLE idea (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    person_id       INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    conversation_id INTEGER REFERENCES conversation (id) ON DELETE SET NULL,
    heard_on        TEXT NOT NULL,
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    status          TEXT NOT NULL DEFAULT 'heard'
                    CHECK (status IN ('heard', 'trying', 'adopted', 'declined')),
    answer          TEXT NOT NULL DEFAULT '',
    answered_on     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX idea_by_person ON idea (person_id, heard_on);
CREATE INDEX idea_by_time ON idea (heard_on);

-- One reflection per ISO week ('2026-W47'). The four balance ratings are the leader's
-- self-check, 1 = the managing pole, 5 = the leading pole.
CREATE TABLE reflection (
    id                      INTEGER PRIMARY KEY,
    uuid                    TEXT NOT NULL UNIQUE,
    week                    TEXT NOT NULL UNIQUE,
    went_well               TEXT NOT NULL DEFAULT '',
    do_differently          TEXT NOT NULL DEFAULT '',
    notes                   TEXT NOT NULL DEFAULT '',
    directing_serving       INTEGER CHECK (directing_serving BETWEEN 1 AND 5),
    reacting_initiating     INTEGER CHECK (reacting_initiating BETWEEN 1 AND 5),
    control_commitment      INTEGER CHECK (control_commitment BETWEEN 1 AND 5),
    improving_breakthrough  INTEGER CHECK (improving_breakthrough BETWEEN 1 AND 5),
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
);

-- Forms the leader has not saved yet, kept as JSON so that a crash loses nothing.
CREATE TABLE draft (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    form       TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (form)
);
