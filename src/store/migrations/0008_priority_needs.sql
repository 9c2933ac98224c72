-- The one or two needs that matter most for a person at the moment, as need words joined by
-- commas in C B A F S order ('security,competence' is stored 'competence,security'); empty
-- when none is chosen.
ALTER TABLE person ADD COLUMN priority_needs TEXT NOT NULL DEFAULT '';
