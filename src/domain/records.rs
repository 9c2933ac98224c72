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
    /// Refuses a 1:1 (a conversation of a cadence kind) on a day before their start date:
    /// nobody is a report before they start. An informal chat, a welcome coffee, is allowed.
    pub(crate) fn check_one_on_one(
        &self,
        day: NaiveDate,
        kind: ConversationKind,
        cadence_kinds: super::CadenceKinds,
    ) -> Result<(), super::Invalid> {
        match self.started_on {
            Some(starts) if day < starts && cadence_kinds.counts(kind) => {
                Err(super::Invalid::BeforeStart {
                    name: self.name.clone(),
                    starts,
                })
            }
            _ => Ok(()),
        }
    }

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

#[derive(Debug, Clone, PartialEq)]
pub struct Conversation {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_name: String,
    pub person_uuid: Uuid,
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
    /// Its needs as letters, a concern marked: "CA!S" (see [`super::need_marks`]).
    pub(crate) fn need_marks(&self) -> String {
        super::need_marks(self.needs.iter().map(|n| (n.need, n.state)))
    }

    /// Its needs met, or its concerns, in C B A F S order.
    pub(crate) fn needs_in(&self, state: NeedState) -> impl Iterator<Item = &ConversationNeed> {
        self.needs.iter().filter(move |n| n.state == state)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_name: String,
    pub person_uuid: Uuid,
    pub conversation_id: Option<i64>,
    pub owner: Owner,
    pub text: String,
    pub due_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    pub made_on: NaiveDate,
    /// Its person's pause, if they have one: leave silences the promises made with them.
    /// Read from the person, so not part of a follow-up's own record (nor of its JSON).
    pub pause: Option<Pause>,
}

impl FollowUp {
    pub(crate) fn is_open(&self) -> bool {
        self.done_on.is_none()
    }

    /// The day it is due, counting its person's pause: one falling due while they are away
    /// waits for the day they are back.
    pub(crate) fn due_counting_pause(&self) -> Option<NaiveDate> {
        let due = self.due_on?;
        Some(match self.pause {
            Some(pause) if pause.covers(due) => pause.until,
            _ => due,
        })
    }

    /// The day its person is back, when it is open, they are away on `today` and it falls
    /// due before they return: it reads "paused", never late.
    pub(crate) fn paused_until(&self, today: NaiveDate) -> Option<NaiveDate> {
        let pause = self.pause.filter(|p| p.covers(today))?;
        (self.is_open() && self.due_on.is_none_or(|due| due < pause.until)).then_some(pause.until)
    }

    /// Days past the due date (counting a pause) on `today`, if it is open and late.
    pub(crate) fn days_overdue(&self, today: NaiveDate) -> Option<i64> {
        if self.paused_until(today).is_some() {
            return None;
        }
        let due = self.due_counting_pause()?;
        let late = (today - due).num_days();
        (self.is_open() && late > 0).then_some(late)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Aspiration {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_name: String,
    pub person_uuid: Uuid,
    pub title: String,
    pub detail: String,
    pub horizon: String,
    pub status: AspirationStatus,
    pub created_on: NaiveDate,
    pub updates: Vec<AspirationUpdate>,
    /// The statement of the team's direction it serves, if the leader linked one.
    pub serves: Option<i64>,
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

#[derive(Debug, Clone, PartialEq)]
pub struct Acknowledgement {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_name: String,
    pub person_uuid: Uuid,
    pub given_at: NaiveDateTime,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Idea {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_name: String,
    pub person_uuid: Uuid,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TalkingPoint {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_name: String,
    pub person_uuid: Uuid,
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

/// The weekly self-check over the eight pairs of seed 003, each rated as a balance between
/// its managing pole and its leading pole: 1 mostly managing, 2 more managing, 3 both, 4 more
/// leading, 5 mostly leading. Seed 003 insists on "and/also": the centre is not a failure
/// and 5 is not the goal. Fields in the order of `Balance::POLES`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    pub systems_people: Option<u8>,
    pub goals_purpose: Option<u8>,
    pub control_commitment: Option<u8>,
    pub planning_opportunism: Option<u8>,
    pub doing_being: Option<u8>,
    pub directing_serving: Option<u8>,
    pub reacting_initiating: Option<u8>,
    pub improving_breakthrough: Option<u8>,
}

/// One pair of seed 003's management–leadership balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Poles {
    /// The field, its column and (with dashes) its `rapport reflect` option.
    pub key: &'static str,
    /// The managing pole in seed 003's words, and a word for narrow screens.
    pub managing: &'static str,
    pub managing_short: &'static str,
    /// The leading pole, likewise.
    pub leading: &'static str,
    pub leading_short: &'static str,
}

impl Balance {
    /// How many pairs the self-check rates.
    pub(crate) const PAIRS: usize = 8;

    /// The eight pairs, in seed 003's order and [`Balance::ratings`] order.
    pub(crate) const POLES: [Poles; Balance::PAIRS] = [
        Poles {
            key: "systems_people",
            managing: "systems, processes and technology",
            managing_short: "systems",
            leading: "people, context and culture",
            leading_short: "people",
        },
        Poles {
            key: "goals_purpose",
            managing: "goals, standards and measurements",
            managing_short: "goals",
            leading: "preferred future, principles and purpose",
            leading_short: "purpose",
        },
        Poles {
            key: "control_commitment",
            managing: "control",
            managing_short: "control",
            leading: "commitment",
            leading_short: "commitment",
        },
        Poles {
            key: "planning_opportunism",
            managing: "strategic planning",
            managing_short: "planning",
            leading: "strategic opportunism",
            leading_short: "opportunism",
        },
        Poles {
            key: "doing_being",
            managing: "a way of doing",
            managing_short: "doing",
            leading: "a way of being",
            leading_short: "being",
        },
        Poles {
            key: "directing_serving",
            managing: "directing",
            managing_short: "directing",
            leading: "serving",
            leading_short: "serving",
        },
        Poles {
            key: "reacting_initiating",
            managing: "responding and reacting",
            managing_short: "reacting",
            leading: "initiating and originating",
            leading_short: "initiating",
        },
        Poles {
            key: "improving_breakthrough",
            managing: "continuous improvement of what is",
            managing_short: "improving",
            leading: "innovative breakthroughs to what could be",
            leading_short: "breakthroughs",
        },
    ];

    /// The eight ratings, in [`Balance::POLES`] order.
    pub(crate) fn ratings(&self) -> [Option<u8>; Balance::PAIRS] {
        [
            self.systems_people,
            self.goals_purpose,
            self.control_commitment,
            self.planning_opportunism,
            self.doing_being,
            self.directing_serving,
            self.reacting_initiating,
            self.improving_breakthrough,
        ]
    }

    /// The balance of `ratings`, in [`Balance::POLES`] order.
    pub(crate) fn from_ratings(ratings: [Option<u8>; Balance::PAIRS]) -> Balance {
        let [
            systems_people,
            goals_purpose,
            control_commitment,
            planning_opportunism,
            doing_being,
            directing_serving,
            reacting_initiating,
            improving_breakthrough,
        ] = ratings;
        Balance {
            systems_people,
            goals_purpose,
            control_commitment,
            planning_opportunism,
            doing_being,
            directing_serving,
            reacting_initiating,
            improving_breakthrough,
        }
    }
}

/// How a rating reads: "mostly managing", "more managing", "both", "more leading", "mostly
/// leading".
pub(crate) fn balance_word(rating: u8) -> &'static str {
    match rating {
        1 => "mostly managing",
        2 => "more managing",
        3 => "both",
        4 => "more leading",
        _ => "mostly leading",
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
    /// How the leader wants to show up the week after: that week's screen shows it at the
    /// top and asks about it.
    #[serde(default)]
    pub intention: String,
}

/// How every JSON output refers to a person: their local number (what commands accept),
/// their UUID (the same on every device) and their name, always together under one key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonRef {
    pub id: i64,
    pub uuid: Uuid,
    pub name: String,
}

impl PersonRef {
    pub fn of(person: &Person) -> PersonRef {
        PersonRef {
            id: person.id,
            uuid: person.uuid,
            name: person.name.clone(),
        }
    }
}

/// Writes a record or row about a person with its `[$lead]` fields first (a record's `id`
/// and `uuid`), then its person as one [`PersonRef`] under `person` (in place of the flat fields
/// the program works with), then its `$field`s in order; `skip` names fields that are not
/// part of the output. The destructuring lists every field, so a field added to the struct
/// and not here does not compile.
macro_rules! serialize_with_person {
    ($record:ident {
        $([$($lead:ident),+])?
        person($id:ident, $uuid:ident, $name:ident)
        $(, $field:ident)* $(,)?
    } $(skip { $($skipped:ident),+ })?) => {
        impl serde::Serialize for $record {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let $record {
                    $($($lead,)+)?
                    $id,
                    $uuid,
                    $name,
                    $($field,)*
                    $($($skipped: _,)+)?
                } = self;
                let person = $crate::domain::PersonRef {
                    id: *$id,
                    uuid: *$uuid,
                    name: $name.clone(),
                };
                let fields = [$($(stringify!($lead),)+)? "person", $(stringify!($field)),*].len();
                let mut out = serializer.serialize_struct(stringify!($record), fields)?;
                $($(out.serialize_field(stringify!($lead), $lead)?;)+)?
                out.serialize_field("person", &person)?;
                $(out.serialize_field(stringify!($field), $field)?;)*
                out.end()
            }
        }
    };
}
pub(crate) use serialize_with_person;

serialize_with_person!(Conversation {
    [id, uuid]
    person(person_id, person_uuid, person_name),
    happened_at,
    kind,
    mood,
    stance,
    summary,
    notes,
    needs,
    tags
});
serialize_with_person!(FollowUp {
    [id, uuid]
    person(person_id, person_uuid, person_name),
    conversation_id,
    owner,
    text,
    due_on,
    done_on,
    made_on
} skip { pause });
serialize_with_person!(Aspiration {
    [id, uuid]
    person(person_id, person_uuid, person_name),
    title,
    detail,
    horizon,
    status,
    created_on,
    serves,
    updates
});
serialize_with_person!(Acknowledgement {
    [id, uuid]
    person(person_id, person_uuid, person_name),
    given_at,
    text
});
serialize_with_person!(Idea {
    [id, uuid]
    person(person_id, person_uuid, person_name),
    heard_on,
    text,
    status,
    answer,
    answered_on
});
serialize_with_person!(TalkingPoint {
    [id, uuid]
    person(person_id, person_uuid, person_name),
    owner,
    text,
    raised_on,
    ticked_on,
    conversation_id
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_names_its_person_in_one_object_and_nothing_else() {
        let person = Person::unsaved(7, "Ana Lima", 14);
        let idea = Idea {
            id: 3,
            uuid: Uuid::from_u128(3),
            person_id: person.id,
            person_name: person.name.clone(),
            person_uuid: Uuid::from_u128(7),
            heard_on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            text: "A demo day".into(),
            status: IdeaStatus::Heard,
            answer: String::new(),
            answered_on: None,
        };
        let value = serde_json::to_value(&idea).unwrap();
        assert_eq!(
            value["person"],
            serde_json::json!({"id": 7, "uuid": Uuid::from_u128(7), "name": "Ana Lima"})
        );
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert!(
            !keys.contains(&"person_id") && !keys.contains(&"person_name"),
            "{keys:?}"
        );
        assert_eq!(value["id"], 3);
        assert_eq!(value["text"], "A demo day");
    }
}
