-- The change log's triggers are made by Rapport when a journal starts syncing, and again after
-- a migration of a journal that syncs (`store/sync/triggers.rs`), from the export's column
-- lists. A journal that does not sync no longer carries them: SQLite parses every trigger
-- at every open, and these 51 were 2.5–3 ms of every command. A journal that syncs gets them
-- back, as this Rapport makes them, as soon as this migration has run.
DROP TRIGGER IF EXISTS sync_person_insert;
DROP TRIGGER IF EXISTS sync_person_update;
DROP TRIGGER IF EXISTS sync_person_delete;
DROP TRIGGER IF EXISTS sync_conversation_insert;
DROP TRIGGER IF EXISTS sync_conversation_update;
DROP TRIGGER IF EXISTS sync_conversation_delete;
DROP TRIGGER IF EXISTS sync_conversation_need_insert;
DROP TRIGGER IF EXISTS sync_conversation_need_update;
DROP TRIGGER IF EXISTS sync_conversation_need_delete;
DROP TRIGGER IF EXISTS sync_conversation_tag_insert;
DROP TRIGGER IF EXISTS sync_conversation_tag_update;
DROP TRIGGER IF EXISTS sync_conversation_tag_delete;
DROP TRIGGER IF EXISTS sync_follow_up_insert;
DROP TRIGGER IF EXISTS sync_follow_up_update;
DROP TRIGGER IF EXISTS sync_follow_up_delete;
DROP TRIGGER IF EXISTS sync_aspiration_insert;
DROP TRIGGER IF EXISTS sync_aspiration_delete;
DROP TRIGGER IF EXISTS sync_aspiration_update_insert;
DROP TRIGGER IF EXISTS sync_aspiration_update_update;
DROP TRIGGER IF EXISTS sync_aspiration_update_delete;
DROP TRIGGER IF EXISTS sync_acknowledgement_insert;
DROP TRIGGER IF EXISTS sync_acknowledgement_update;
DROP TRIGGER IF EXISTS sync_acknowledgement_delete;
DROP TRIGGER IF EXISTS sync_idea_insert;
DROP TRIGGER IF EXISTS sync_idea_update;
DROP TRIGGER IF EXISTS sync_idea_delete;
DROP TRIGGER IF EXISTS sync_talking_point_insert;
DROP TRIGGER IF EXISTS sync_talking_point_update;
DROP TRIGGER IF EXISTS sync_talking_point_delete;
DROP TRIGGER IF EXISTS sync_feedback_insert;
DROP TRIGGER IF EXISTS sync_feedback_update;
DROP TRIGGER IF EXISTS sync_feedback_delete;
DROP TRIGGER IF EXISTS sync_reflection_insert;
DROP TRIGGER IF EXISTS sync_reflection_update;
DROP TRIGGER IF EXISTS sync_reflection_delete;
DROP TRIGGER IF EXISTS sync_question_asked_insert;
DROP TRIGGER IF EXISTS sync_question_asked_update;
DROP TRIGGER IF EXISTS sync_question_asked_delete;
DROP TRIGGER IF EXISTS sync_aspiration_update;
DROP TRIGGER IF EXISTS sync_meets_need_insert;
DROP TRIGGER IF EXISTS sync_meets_need_update;
DROP TRIGGER IF EXISTS sync_meets_need_delete;
DROP TRIGGER IF EXISTS sync_direction_insert;
DROP TRIGGER IF EXISTS sync_direction_update;
DROP TRIGGER IF EXISTS sync_direction_delete;
DROP TRIGGER IF EXISTS sync_delegation_insert;
DROP TRIGGER IF EXISTS sync_delegation_update;
DROP TRIGGER IF EXISTS sync_delegation_delete;
DROP TRIGGER IF EXISTS sync_moment_insert;
DROP TRIGGER IF EXISTS sync_moment_update;
DROP TRIGGER IF EXISTS sync_moment_delete;
