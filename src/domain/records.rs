//! The rows of the journal as the rest of the program sees them.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{AspirationStatus, ConversationKind, IdeaStatus, Mood, Need, NeedState, Owner, Stance};
use super::{Pause, Rhythm};

/// Conversations store local wall-clock minutes.
pub(crate) const WHEN_FORMAT: &str = "%Y-%m-%d %H:%M";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    pub uuid: Uuid,
    pub name: String,
    pub role: String,
    pub team: String,
    pub started_on: Option<NaiveDate>,
    pub cadence_days: u32,
    pub strengths: String,
    pub motivations: String,
    pub acknowledge_for: String,
    pub would_change: String,
    pub roving_leader: bool,
    pub archived: bool,
    /// The local day they were added to the journal; `None` for someone not saved yet.
    pub added_on: Option<NaiveDate>,
    /// Leave, a sabbatical: no 1:1 is expected while it lasts.
    pub pause: Option<Pause>,
    /// The one or two needs that matter most for them now, in C B A F S order.
    pub priorities: Vec<Need>,
}

impl Person {
    /// What the due rule needs to know about them.
    pub(crate) fn rhythm(&self) -> Rhythm {
        Rhythm {
            cadence_days: self.cadence_days,
            started_on: self.started_on,
            added_on: self.added_on,
            pause: self.pause,
        }
    }

    /// Someone not yet in the journal (id 0, nil uuid) with an empty profile: the starting
    /// point of the "add a person" form, and of hand-built rows in tests.
    pub(crate) fn unsaved(id: i64, name: &str, cadence_days: u32) -> Person {
        Person {
            id,
            uuid: Uuid::nil(),
            name: name.to_string(),
            role: String::new(),
            team: String::new(),
            started_on: None,
            cadence_days,
            strengths: String::new(),
            motivations: String::new(),
            acknowledge_for: String::new(),
            would_change: String::new(),
            roving_leader: false,
            archived: false,
            added_on: None,
            pause: None,
            priorities: Vec::new(),
        }
    }
}

/// What it takes to add a person; the rest of the profile is filled in later.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewPerson {
    pub name: String,
    pub role: String,
    pub team: String,
    pub started_on: Option<NaiveDate>,
    pub cadence_days: Option<u32>,
}

/// Changes to a profile: `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonPatch {
    pub name: Option<String>,
    pub role: Option<String>,
    pub team: Option<String>,
    pub started_on: Option<Option<NaiveDate>>,
    pub cadence_days: Option<u32>,
    pub strengths: Option<String>,
    pub motivations: Option<String>,
    pub acknowledge_for: Option<String>,
    pub would_change: Option<String>,
    pub roving_leader: Option<bool>,
    pub archived: Option<bool>,
    /// `Some(None)` ends a pause.
    pub pause: Option<Option<Pause>>,
    pub priorities: Option<Vec<Need>>,
}

pub(crate) const DEFAULT_CADENCE_DAYS: u32 = 14;

/// The free-text parts of a profile, in the order every front end shows them. The profile
/// form, People's detail, `person show`, the Markdown export and every patch walk this list,
/// so a new one is declared here (and given its column, its `table!` line and its flag)
/// rather than in each of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProfileText {
    Strengths,
    Motivations,
    AcknowledgeFor,
    WouldChange,
}

impl ProfileText {
    pub(crate) const ALL: [ProfileText; 4] = [
        ProfileText::Strengths,
        ProfileText::Motivations,
        ProfileText::AcknowledgeFor,
        ProfileText::WouldChange,
    ];

    /// Its name in the journal's `person` table, and its field in the profile form.
    pub(crate) fn key(self) -> &'static str {
        match self {
            ProfileText::Strengths => "strengths",
            ProfileText::Motivations => "motivations",
            ProfileText::AcknowledgeFor => "acknowledge_for",
            ProfileText::WouldChange => "would_change",
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            ProfileText::Strengths => "Strengths",
            ProfileText::Motivations => "Motivations",
            ProfileText::AcknowledgeFor => "Acknowledge for",
            ProfileText::WouldChange => "Would change",
        }
    }

    pub(crate) fn of(self, person: &Person) -> &str {
        match self {
            ProfileText::Strengths => &person.strengths,
            ProfileText::Motivations => &person.motivations,
            ProfileText::AcknowledgeFor => &person.acknowledge_for,
            ProfileText::WouldChange => &person.would_change,
        }
    }

    pub(crate) fn of_mut(self, person: &mut Person) -> &mut String {
        match self {
            ProfileText::Strengths => &mut person.strengths,
            ProfileText::Motivations => &mut person.motivations,
            ProfileText::AcknowledgeFor => &mut person.acknowledge_for,
            ProfileText::WouldChange => &mut person.would_change,
        }
    }

    /// Its change in a patch: `None` leaves it as it is.
    pub(crate) fn in_patch(self, patch: &mut PersonPatch) -> &mut Option<String> {
        match self {
            ProfileText::Strengths => &mut patch.strengths,
            ProfileText::Motivations => &mut patch.motivations,
            ProfileText::AcknowledgeFor => &mut patch.acknowledge_for,
            ProfileText::WouldChange => &mut patch.would_change,
        }
    }

    /// Its change in a patch, if the patch changes it.
    pub(crate) fn change_in(self, patch: &PersonPatch) -> Option<&str> {
        match self {
            ProfileText::Strengths => patch.strengths.as_deref(),
            ProfileText::Motivations => patch.motivations.as_deref(),
            ProfileText::AcknowledgeFor => patch.acknowledge_for.as_deref(),
            ProfileText::WouldChange => patch.would_change.as_deref(),
        }
    }

    /// Each part of the profile with its text, in order.
    pub(crate) fn all_of(person: &Person) -> impl Iterator<Item = (ProfileText, &str)> {
        ProfileText::ALL
            .into_iter()
            .map(|part| (part, part.of(person)))
    }
}

/// A need as a conversation left it: met or a concern, with an optional word on how (or
/// what the concern is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationNeed {
    pub need: Need,
    /// Met when not said: journals and drafts from before concerns were noted.
    #[serde(default = "met")]
    pub state: NeedState,
    #[serde(default)]
    pub how: String,
}

fn met() -> NeedState {
    NeedState::Met
}

/// A follow-up as written in the log form, before it has an id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewFollowUp {
    pub owner: Owner,
    pub text: String,
    pub due_on: Option<NaiveDate>,
}

/// A conversation as the leader writes it: everything one save stores together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConversationInput {
    pub person_id: i64,
    pub happened_at: NaiveDateTime,
    pub kind: ConversationKind,
    pub mood: Option<Mood>,
    pub stance: Option<Stance>,
    pub summary: String,
    pub notes: String,
    pub needs: Vec<ConversationNeed>,
    pub tags: Vec<String>,
    pub follow_ups: Vec<NewFollowUp>,
    pub acknowledgement: Option<String>,
    pub idea: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_name: String,
    pub happened_at: NaiveDateTime,
    pub kind: ConversationKind,
    pub mood: Option<Mood>,
    pub stance: Option<Stance>,
    pub summary: String,
    pub notes: String,
    pub needs: Vec<ConversationNeed>,
    pub tags: Vec<String>,
}

impl Conversation {
    /// Its needs met, or its concerns, in C B A F S order.
    pub(crate) fn needs_in(&self, state: NeedState) -> impl Iterator<Item = &ConversationNeed> {
        self.needs.iter().filter(move |n| n.state == state)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_name: String,
    pub conversation_id: Option<i64>,
    pub owner: Owner,
    pub text: String,
    pub due_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    pub made_on: NaiveDate,
}

impl FollowUp {
    pub(crate) fn is_open(&self) -> bool {
        self.done_on.is_none()
    }

    /// Days past the due date on `today`, if it is open and late.
    pub(crate) fn days_overdue(&self, today: NaiveDate) -> Option<i64> {
        let due = self.due_on?;
        let late = (today - due).num_days();
        (self.is_open() && late > 0).then_some(late)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Aspiration {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_name: String,
    pub title: String,
    pub detail: String,
    pub horizon: String,
    pub status: AspirationStatus,
    pub created_on: NaiveDate,
    pub updates: Vec<AspirationUpdate>,
}

impl Aspiration {
    /// The date of the last sign of life: the newest update, or the day it was written down.
    pub(crate) fn last_progress_on(&self) -> NaiveDate {
        self.updates
            .iter()
            .map(|u| u.noted_on)
            .max()
            .unwrap_or(self.created_on)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AspirationUpdate {
    pub id: i64,
    pub uuid: Uuid,
    pub noted_on: NaiveDate,
    pub status: Option<AspirationStatus>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Acknowledgement {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_name: String,
    pub given_at: NaiveDateTime,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Idea {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_name: String,
    pub heard_on: NaiveDate,
    pub text: String,
    pub status: IdeaStatus,
    pub answer: String,
    pub answered_on: Option<NaiveDate>,
}

impl Idea {
    /// Heard and not answered yet: the loop the leader still owes them.
    pub(crate) fn awaits_answer(&self) -> bool {
        self.status == IdeaStatus::Heard && self.answered_on.is_none()
    }
}

/// Something to bring up at the next 1:1 with a person: the leader's own (`Owner::Me`) or
/// one they asked for (`Owner::Them`). Carried from one 1:1 to the next until ticked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TalkingPoint {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_name: String,
    pub owner: Owner,
    pub text: String,
    pub raised_on: NaiveDate,
    /// The day it was discussed; `None` while it is still to raise.
    pub ticked_on: Option<NaiveDate>,
    /// The conversation it was discussed in, when it was ticked in one.
    pub conversation_id: Option<i64>,
}

impl TalkingPoint {
    pub(crate) fn is_open(&self) -> bool {
        self.ticked_on.is_none()
    }
}

/// What the leader did, inside a conversation, about something carried over to it from
/// earlier ones. Saved with the conversation, in its transaction, and linked to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CarriedAction {
    /// A follow-up kept (either way): done on the conversation's day.
    FollowUpDone { id: i64 },
    /// A follow-up given a new due date (`None` clears it).
    FollowUpDue { id: i64, due_on: Option<NaiveDate> },
    /// A talking point discussed.
    TalkingPointTicked { id: i64 },
    /// An idea answered: where it stands and what the leader told them.
    IdeaAnswered {
        id: i64,
        status: IdeaStatus,
        answer: String,
    },
    /// Progress on an aspiration: a note, a new status, or both.
    AspirationProgress {
        id: i64,
        status: Option<AspirationStatus>,
        note: String,
    },
}

/// The four paired poles of the weekly self-check, rated 1 (managing pole) to 5 (leading).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    pub directing_serving: Option<u8>,
    pub reacting_initiating: Option<u8>,
    pub control_commitment: Option<u8>,
    pub improving_breakthrough: Option<u8>,
}

impl Balance {
    /// The paired poles, in [`Balance::ratings`] order: 1 is the managing pole, 5 the
    /// leading one.
    pub(crate) const POLES: [(&'static str, &'static str); 4] = [
        ("directing", "serving"),
        ("reacting", "initiating"),
        ("control", "commitment"),
        ("improving", "breakthroughs"),
    ];

    /// The four ratings, in [`Balance::POLES`] order.
    pub(crate) fn ratings(&self) -> [Option<u8>; 4] {
        [
            self.directing_serving,
            self.reacting_initiating,
            self.control_commitment,
            self.improving_breakthrough,
        ]
    }

    /// The mean of the ratings given, towards the leading pole (5); none when none is.
    pub(crate) fn mean(&self) -> Option<f64> {
        let given: Vec<f64> = self
            .ratings()
            .into_iter()
            .flatten()
            .map(f64::from)
            .collect();
        (!given.is_empty()).then(|| given.iter().sum::<f64>() / given.len() as f64)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reflection {
    pub id: i64,
    pub uuid: Uuid,
    pub week: String,
    pub went_well: String,
    pub do_differently: String,
    pub notes: String,
    pub balance: Balance,
}
