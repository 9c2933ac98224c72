-- "When was this need last met for this person" now asks for a need *met* (migration 7
-- added concerns), and "since when has a concern been open" for a concern after that. With
-- the state in the per-person index both are one probe of it again, instead of a walk that
-- reads each row for its state. The index replaces the one without the state, so the
-- journal does not grow.
DROP INDEX conversation_need_by_person;
CREATE INDEX conversation_need_by_person ON conversation_need (person_id, need, state, happened_at);
