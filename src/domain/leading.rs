//! The leader's side of the relationship (issue 31): what meets a need for a person, kept
//! with its history, trust handed over, and the story of the future.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Invalid, Need};

/// What meets one need for one person, as the leader noted it on a day ("pairing, and being
/// asked first" for Ana's Belonging). A change is a new note: the newest is the one in
/// force, the older ones are its history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetsNeed {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_uuid: Uuid,
    pub person_name: String,
    pub need: Need,
    pub text: String,
    pub noted_on: NaiveDate,
    /// The conversation it was remembered from, when it came from one.
    pub conversation_id: Option<i64>,
}

/// How a delegation turned out when the leader checked on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// They own it now.
    Stuck,
    /// It came back to the leader.
    CameBack,
}

impl Outcome {
    pub const ALL: &'static [Outcome] = &[Outcome::Stuck, Outcome::CameBack];

    /// The stored and typed word.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Stuck => "stuck",
            Outcome::CameBack => "came-back",
        }
    }

    /// How lists word it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Outcome::Stuck => "stuck",
            Outcome::CameBack => "came back to me",
        }
    }
}

impl std::str::FromStr for Outcome {
    type Err = Invalid;

    fn from_str(text: &str) -> Result<Outcome, Invalid> {
        let word = text.trim().to_lowercase();
        Outcome::ALL
            .iter()
            .copied()
            .find(|o| o.key() == word || (word == "came back" && *o == Outcome::CameBack))
            .ok_or_else(|| Invalid::UnknownWord {
                what: "delegation's outcome",
                given: text.trim().to_string(),
                allowed: "stuck, came-back".into(),
            })
    }
}

/// Something the leader handed over to a person ("runs the release notes now"), and whether
/// it stuck or came back to them once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delegation {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_uuid: Uuid,
    pub person_name: String,
    pub text: String,
    pub handed_on: NaiveDate,
    /// `None` until checked.
    pub outcome: Option<Outcome>,
    pub checked_on: Option<NaiveDate>,
    pub conversation_id: Option<i64>,
}

super::records::serialize_with_person!(MeetsNeed {
    [id, uuid]
    person(person_id, person_uuid, person_name),
    need,
    text,
    noted_on,
    conversation_id
});

super::records::serialize_with_person!(Delegation {
    [id, uuid]
    person(person_id, person_uuid, person_name),
    text,
    handed_on,
    outcome,
    checked_on,
    conversation_id
});

/// A statement of where the team is going (the story of the future), dated; retired when
/// it no longer holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Direction {
    pub id: i64,
    pub uuid: Uuid,
    pub text: String,
    pub stated_on: NaiveDate,
    pub retired_on: Option<NaiveDate>,
}
