//! The leader's side of the relationship (issue 31): what meets a need for a person, kept
//! with its history.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Need;

/// What meets one need for one person, as the leader noted it on a day ("pairing, and being
/// asked first" for Ana's Belonging). A change is a new note: the newest is the one in
/// force, the older ones are its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetsNeed {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_name: String,
    pub need: Need,
    pub text: String,
    pub noted_on: NaiveDate,
    /// The conversation it was remembered from, when it came from one.
    pub conversation_id: Option<i64>,
}
