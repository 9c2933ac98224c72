-- Indexes for the insight views (timeline, week, gaps): every event kind can be read newest
-- first from a given point, for everyone or for one person, and a week's follow-ups and
-- answered ideas are a range probe. Without them the timeline would scan whole tables.

CREATE INDEX follow_up_by_made ON follow_up (made_on);
CREATE INDEX follow_up_made_by_person ON follow_up (person_id, made_on);
CREATE INDEX follow_up_by_done ON follow_up (done_on) WHERE done_on IS NOT NULL;
CREATE INDEX follow_up_by_due ON follow_up (due_on) WHERE due_on IS NOT NULL;
CREATE INDEX aspiration_update_by_time ON aspiration_update (noted_on);
CREATE INDEX idea_by_answer ON idea (answered_on) WHERE answered_on IS NOT NULL;
CREATE INDEX idea_answered_by_person ON idea (person_id, answered_on) WHERE answered_on IS NOT NULL;
