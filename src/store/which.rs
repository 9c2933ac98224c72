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

use super::{Error, StoredUuid};

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

/// Why no row of `table` is the record `which` names, told for the leader: a form's record
/// deleted (or replaced) since it was opened, a number that was given once and deleted,
/// or one never given.
pub(super) fn missing(conn: &Connection, table: &str, what: &'static str, which: Which) -> Error {
    let id = format!("#{}", which.id);
    if which.uuid.is_some() {
        return Error::Gone { what, id };
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
