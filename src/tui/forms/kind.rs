//! Which small form a screen asks the shell to open, with the record it starts from: the
//! request carries this, and the shell builds the form ([`super::builders::build`]), so no
//! screen builds another's overlay.

use chrono::NaiveDate;

use crate::domain::{Aspiration, Delegation, FollowUp, Idea, MeetsNeed, Person};

/// A small form to open, named by what it is for, with what it starts from.
#[derive(Debug, Clone)]
pub(crate) enum FormKind {
    /// The profile form: empty to add a person, filled in to edit this one.
    Person(Option<Box<Person>>),
    /// Corrects a follow-up: its text, due date and whose it is.
    FollowUp(Box<FollowUp>),
    /// Notes a talking point for the next 1:1 with the person with this id and name.
    TalkingPoint { person_id: i64, name: String },
    /// Pauses a person's 1:1s (their pause as it stands on `today` fills the form).
    Pause {
        person: Box<Person>,
        today: NaiveDate,
    },
    /// A new aspiration for this person.
    NewAspiration(Box<Person>),
    /// Notes progress on an aspiration.
    AspirationProgress(Box<Aspiration>),
    /// Answers an idea: where it stands and what the leader told them.
    AnswerIdea(Box<Idea>),
    /// Notes anew what meets a need for someone, starting from the note in force.
    MeetsNeed(Box<MeetsNeed>),
    /// Checks how something handed over turned out.
    CheckDelegation(Box<Delegation>),
}
