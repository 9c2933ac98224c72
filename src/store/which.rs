//! Which record a change is for: its id, and from a form the UUID of the record the form
//! was opened on.
//!
//! Ids are never given twice (migration 15: `AUTOINCREMENT` on every table a form or the
//! command line addresses by id), so an id names one record or none. A form checks the
//! UUID as well, for what ids alone cannot rule out: a backup restored under an open window
//! holds its own records under ids this window has seen, and ids deleted at the top before
//! migration 15 could still be given again.

use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

use super::{Error, Result, StoredUuid};

/// The record a change is meant for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Which {
    pub id: i64,
    /// The UUID of the record a form was opened on; `None` from the command line, which
    /// names records by number only.
    pub uuid: Option<Uuid>,
}

impl Which {
    /// The record a form was opened on.
    pub fn held(id: i64, uuid: Uuid) -> Which {
        Which {
            id,
            uuid: Some(uuid),
        }
    }

    /// The UUID as a statement's parameter: NULL when none is held, which matches any row
    /// (`… AND (?2 IS NULL OR uuid = ?2)`).
    pub(super) fn uuid_param(&self) -> Option<StoredUuid> {
        self.uuid.map(StoredUuid)
    }
}

/// A number typed on the command line.
impl From<i64> for Which {
    fn from(id: i64) -> Which {
        Which { id, uuid: None }
    }
}

/// The condition that picks the record `which` names, with its id as `?{id}` and its UUID
/// as `?{uuid}`, for a table aliased (or named) `table`.
pub(super) fn matching(table: &str, id: usize, uuid: usize) -> String {
    format!("{table}.id = ?{id} AND (?{uuid} IS NULL OR {table}.uuid = ?{uuid})")
}

/// The row `id` of `table` (a `what`, as a refusal names it) that `sql` reads with its
/// `?1` the id, or why there is none.
pub(super) fn one<T>(
    conn: &Connection,
    (table, what): (&str, &'static str),
    sql: &str,
    id: i64,
    from: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<T> {
    conn.prepare_cached(sql)?
        .query_row([id], from)
        .optional()?
        .ok_or_else(|| missing(conn, table, what, id.into()))
}

/// Why no row of `table` is the record `which` names, told for the leader: a form's record
/// deleted (or replaced) since it was opened, a number that was given once and deleted,
/// or one never given.
pub(super) fn missing(conn: &Connection, table: &str, what: &'static str, which: Which) -> Error {
    let id = format!("#{}", which.id);
    if which.uuid.is_some() {
        return Error::DeletedMeanwhile { what, id };
    }
    // The largest id the table ever gave (sqlite_sequence, kept by AUTOINCREMENT).
    let given: Option<i64> = conn
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = ?1",
            [table],
            |r| r.get(0),
        )
        .optional()
        .ok()
        .flatten();
    match given {
        Some(largest) if (1..=largest).contains(&which.id) => Error::Deleted { what, id },
        _ => Error::NotFound { what, id },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AspirationStatus, IdeaStatus, NewFollowUp, NewPerson, Owner, PersonPatch};
    use crate::store::test_journal::one_on_one;
    use crate::store::{FollowUpPatch, NewAspiration, Record, Store};

    /// Priya, with one record of every kind a form or the command line changes by id.
    struct Journal {
        _dir: tempfile::TempDir,
        store: Store,
        person: i64,
        conversation: i64,
        follow_up: i64,
        aspiration: i64,
        progress: i64,
        acknowledgement: i64,
        idea: i64,
        talking_point: i64,
    }

    fn journal() -> Journal {
        let dir = tempfile::TempDir::new().expect("a temp dir");
        let mut store =
            Store::open_with_clock(&dir.path().join("journal.db"), crate::clock::test_clock())
                .expect("opens");
        let person = store
            .add_person(&NewPerson {
                name: "Priya Raman".into(),
                ..NewPerson::default()
            })
            .expect("Priya")
            .id;
        let now = store.local_now();
        let conversation = store
            .save_conversation(&one_on_one(person, "the rollout", now))
            .expect("saved")
            .conversation_id;
        let follow_up = store
            .add_follow_up(
                person,
                &NewFollowUp {
                    owner: Owner::Me,
                    text: "send the notes".into(),
                    due_on: None,
                },
            )
            .expect("a follow-up")
            .id;
        let aspiration = store
            .add_aspiration(
                person,
                &NewAspiration {
                    title: "Lead the guild".into(),
                    detail: String::new(),
                    horizon: String::new(),
                    status: AspirationStatus::Exploring,
                },
            )
            .expect("an aspiration")
            .id;
        let progress = store
            .update_aspiration(aspiration, None, "first step", None)
            .expect("progress")
            .updates[0]
            .id;
        let acknowledgement = store
            .add_acknowledgement(person, now, "the calm rollout")
            .expect("an acknowledgement")
            .id;
        let idea = store
            .add_idea(person, "a rota", IdeaStatus::Heard, "")
            .expect("an idea")
            .id;
        let talking_point = store
            .raise_talking_point(person, Owner::Me, "the offsite")
            .expect("a talking point")
            .id;
        Journal {
            _dir: dir,
            store,
            person,
            conversation,
            follow_up,
            aspiration,
            progress,
            acknowledgement,
            idea,
            talking_point,
        }
    }

    /// Every row of every table the export carries, as text.
    fn rows(store: &mut Store) -> Vec<String> {
        let conn = store.connection();
        let mut all = Vec::new();
        for table in crate::store::export_rows::TABLES {
            let mut stmt = conn
                .prepare(&format!("SELECT quote(uuid), * FROM {table} ORDER BY id"))
                .expect("prepare");
            let width = stmt.column_count();
            let found = stmt
                .query_map([], |row| {
                    (0..width)
                        .map(|at| row.get_ref(at).map(|v| format!("{v:?}")))
                        .collect::<rusqlite::Result<Vec<_>>>()
                })
                .expect("query")
                .collect::<rusqlite::Result<Vec<_>>>()
                .expect("rows");
            all.extend(
                found
                    .into_iter()
                    .map(|row| format!("{table}: {}", row.join(" | "))),
            );
        }
        all
    }

    /// The UUID of row `id` of `table`.
    fn uuid_of(store: &mut Store, table: &str, id: i64) -> Uuid {
        store
            .connection()
            .query_row(
                &format!("SELECT uuid FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get::<_, StoredUuid>(0),
            )
            .expect("the row")
            .0
    }

    /// Every change, for the record each names by `held` (table, id, UUID): each returns
    /// what it said.
    fn every_change(j: &mut Journal, held: &dyn Fn(&str, i64) -> Which) -> Vec<(String, String)> {
        let now = j.store.local_now();
        let said = |what: &str, result: crate::store::Result<()>| {
            (
                what.to_string(),
                result.map_or_else(|e| e.to_string(), |()| "ok".into()),
            )
        };
        let patch = FollowUpPatch {
            text: Some("send the slides".into()),
            due_on: None,
            owner: None,
        };
        let renamed = PersonPatch {
            role: Some("Staff engineer".into()),
            ..PersonPatch::default()
        };
        let mut results = vec![
            said(
                "update_conversation",
                j.store
                    .update_conversation(
                        held("conversation", j.conversation),
                        &one_on_one(j.person, "rewritten", now),
                    )
                    .map(drop),
            ),
            said(
                "save_conversation_from_form",
                j.store
                    .save_conversation_from_form(
                        Some(held("conversation", j.conversation)),
                        &one_on_one(j.person, "from the form", now),
                        &[],
                        crate::store::Alongside::default(),
                        "log",
                    )
                    .map(drop),
            ),
            said(
                "edit_follow_up",
                j.store
                    .edit_follow_up(held("follow_up", j.follow_up), &patch)
                    .map(drop),
            ),
            said(
                "set_follow_up_done",
                j.store
                    .set_follow_up_done(held("follow_up", j.follow_up), true)
                    .map(drop),
            ),
            said(
                "update_aspiration",
                j.store
                    .update_aspiration(
                        held("aspiration", j.aspiration),
                        Some(AspirationStatus::Active),
                        "second step",
                        None,
                    )
                    .map(drop),
            ),
            said(
                "answer_idea",
                j.store
                    .answer_idea(held("idea", j.idea), IdeaStatus::Trying, "let us try")
                    .map(drop),
            ),
            said(
                "tick_talking_point",
                j.store
                    .tick_talking_point(held("talking_point", j.talking_point), true)
                    .map(drop),
            ),
            said(
                "edit_person",
                j.store
                    .edit_person(held("person", j.person), &renamed)
                    .map(drop),
            ),
        ];
        for (record, id) in [
            (Record::AspirationUpdate, j.progress),
            (Record::FollowUp, j.follow_up),
            (Record::Acknowledgement, j.acknowledgement),
            (Record::Idea, j.idea),
            (Record::TalkingPoint, j.talking_point),
            (Record::Conversation, j.conversation),
            (Record::Aspiration, j.aspiration),
        ] {
            let which = held(record.table(), id);
            results.push(said(
                &format!("delete {}", record.what()),
                j.store.delete_record(record, which),
            ));
        }
        results
    }

    /// Every update and delete refuses a record whose UUID is not the one held (another
    /// record under its id, as after a restore), with the sentence that says so, and
    /// changes nothing; with the UUID held, each goes through.
    #[test]
    fn every_change_refuses_another_record_under_the_same_id() {
        let mut j = journal();
        let held: Vec<(String, i64, Uuid)> = [
            ("person", j.person),
            ("conversation", j.conversation),
            ("follow_up", j.follow_up),
            ("aspiration", j.aspiration),
            ("aspiration_update", j.progress),
            ("acknowledgement", j.acknowledgement),
            ("idea", j.idea),
            ("talking_point", j.talking_point),
        ]
        .into_iter()
        .map(|(table, id)| (table.to_string(), id, uuid_of(&mut j.store, table, id)))
        .collect();
        let as_held = |table: &str, id: i64| {
            let uuid = held
                .iter()
                .find(|(t, i, _)| t == table && *i == id)
                .map(|(_, _, uuid)| *uuid)
                .expect("a record held");
            Which::held(id, uuid)
        };
        // Another record under every id: the same rows with new UUIDs.
        for (table, id, _) in &held {
            j.store
                .connection()
                .execute(
                    &format!("UPDATE {table} SET uuid = randomblob(16) WHERE id = ?1"),
                    [id],
                )
                .expect("a new UUID");
        }
        let before = rows(&mut j.store);
        let results = every_change(&mut j, &as_held);
        assert_eq!(results.len(), 15);
        for (change, said) in &results {
            assert!(
                said.ends_with("was deleted elsewhere in the meantime"),
                "{change}: {said}"
            );
        }
        assert_eq!(rows(&mut j.store), before, "nothing changed");

        // The records as they are now, held by their own UUIDs: every change goes through.
        let mut current = Vec::new();
        for (table, id, _) in &held {
            current.push((table.clone(), *id, uuid_of(&mut j.store, table, *id)));
        }
        let as_current = |table: &str, id: i64| {
            let (_, _, uuid) = current
                .iter()
                .find(|(t, i, _)| t == table && *i == id)
                .expect("a record held");
            Which::held(id, *uuid)
        };
        for (change, said) in every_change(&mut j, &as_current) {
            assert_eq!(said, "ok", "{change}");
        }
    }

    /// A record deleted under an open form: the form's change is refused the same way, and
    /// the command line (no UUID) is told the number was deleted, not that it never was.
    #[test]
    fn a_deleted_record_is_gone_for_a_form_and_deleted_for_the_command_line() {
        let mut j = journal();
        let uuid = uuid_of(&mut j.store, "follow_up", j.follow_up);
        j.store
            .delete_record(Record::FollowUp, j.follow_up)
            .expect("deleted");
        let id = j.follow_up;
        assert_eq!(
            j.store
                .set_follow_up_done(Which::held(id, uuid), true)
                .unwrap_err()
                .to_string(),
            format!("follow-up #{id} was deleted elsewhere in the meantime")
        );
        assert_eq!(
            j.store
                .set_follow_up_done(id, true)
                .unwrap_err()
                .to_string(),
            format!("there is no follow-up #{id} any more: it was deleted")
        );
        assert_eq!(
            j.store
                .set_follow_up_done(id + 50, true)
                .unwrap_err()
                .to_string(),
            format!("there is no follow-up #{}", id + 50)
        );
    }
}
