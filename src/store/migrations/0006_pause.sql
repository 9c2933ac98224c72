-- A person can be paused (leave, parental leave, a sabbatical): from `paused_from` until the
-- day before `paused_until` nobody expects a 1:1 with them, and their next one is due on
-- the day they are back. Both dates are local days; both are NULL when not paused.
ALTER TABLE person ADD COLUMN paused_from TEXT;
ALTER TABLE person ADD COLUMN paused_until TEXT
    CHECK (paused_until IS NULL OR (paused_from IS NOT NULL AND paused_until > paused_from));
