//! Where Enter on a timeline event or a search result leads.

use crate::store::Record;

/// Something written in the journal that a screen can show: where Enter on a timeline event
/// or a search result goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// Opens the conversation in the Log form.
    Conversation(i64),
    /// Selects the person on People, and the item of their detail when given.
    Person {
        person_id: i64,
        item: Option<(Record, i64)>,
    },
    /// The reflection of an ISO week (`2026-W47`).
    Week(String),
}
