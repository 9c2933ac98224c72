//! One description per table the export format carries: its columns in the format's order,
//! how each is checked on import, which ones are references (UUIDs in the file, local ids in
//! the journal), and which rows are about a person. From it come the export's SELECT (rows
//! by UUID, values as stored), the JSON row (the generated struct, serialized field by field
//! in the same order), the import's field checks, and the bulk INSERT that import and the
//! demo load through (`store::bulk`). Adding a column to a table is one line in
//! its `table!` below, plus its migration. `docs/export-format.md` describes the rows.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, Row, Statement};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::export_columns::{Cell, Check, Column, Copied, Table, Value, Words, col, refers};
use super::rows::{self, Stamp, StoredUuid};
use super::{Result, Store};
use crate::domain::{Need, TextField};

/// A row of a table the export format carries, generated with its [`Table`] by [`table!`].
pub(crate) trait TableRow: Serialize + DeserializeOwned {
    const TABLE: &'static Table;
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self>;
    /// Binds the fields as parameters 1… in the columns' order.
    fn bind(&self, stmt: &mut Statement<'_>) -> rusqlite::Result<()>;
    /// The fields in the columns' order.
    fn cells(&self) -> Vec<Cell<'_>>;
    fn uuid(&self) -> Uuid;
    /// This table's rows in a part of an export.
    fn rows(tables: &Tables) -> &[Self];
    fn rows_mut(tables: &mut Tables) -> &mut Vec<Self>;
}

/// Declares a table: its row struct (field order is the export's) and its [`Table`]. Each
/// field names its column: `col(sql, check)` for a value as stored, `refers(sql, table)`
/// for a reference.
macro_rules! table {
    (
        $(#[$doc:meta])*
        $row:ident in $field_of:ident {
            name: $name:literal,
            noun: $noun:literal,
            of_person: $of_person:expr,
            copied: $copied:expr,
        }
        $($(#[$field_attr:meta])* $field:ident: $ty:ty = $column:expr,)*
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $row {
            $($(#[$field_attr])* pub $field: $ty,)*
        }

        impl TableRow for $row {
            const TABLE: &'static Table = &Table {
                name: $name,
                noun: $noun,
                columns: &[$(Column { key: stringify!($field), ..$column },)*],
                copied: $copied,
                of_person: $of_person,
            };

            fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
                let mut idx = 0;
                $(
                    let $field = <$ty as Value>::read(row, idx)?;
                    idx += 1;
                )*
                let _ = idx;
                Ok($row { $($field,)* })
            }

            fn bind(&self, stmt: &mut Statement<'_>) -> rusqlite::Result<()> {
                let mut idx = 0;
                $(
                    idx += 1;
                    self.$field.bind(stmt, idx)?;
                )*
                Ok(())
            }

            fn cells(&self) -> Vec<Cell<'_>> {
                vec![$(self.$field.cell(),)*]
            }

            fn uuid(&self) -> Uuid {
                self.uuid
            }

            fn rows(tables: &Tables) -> &[Self] {
                &tables.$field_of
            }

            fn rows_mut(tables: &mut Tables) -> &mut Vec<Self> {
                &mut tables.$field_of
            }
        }
    };
}

table! {
    PersonRow in person {
        name: "person",
        noun: "person",
        of_person: Some("t.id = ?1"),
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    name: String = col("name", Check::Name),
    role: String = col("role", Check::Line(TextField::Role)),
    team: String = col("team", Check::Line(TextField::Team)),
    started_on: Option<String> = col("started_on", Check::Date),
    cadence_days: i64 = col("cadence_days", Check::Cadence),
    strengths: String = col("strengths", Check::Text),
    motivations: String = col("motivations", Check::Text),
    acknowledge_for: String = col("acknowledge_for", Check::Text),
    would_change: String = col("would_change", Check::Text),
    roving_leader: bool = col("roving_leader", Check::Any),
    archived: bool = col("archived", Check::Any),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
    // Since version 2 of the format: absent from a version 1 file, which means none.
    #[serde(default)]
    paused_from: Option<String> = col("paused_from", Check::Date),
    #[serde(default)]
    paused_until: Option<String> = col("paused_until", Check::Date),
    #[serde(default)]
    priority_needs: String = col("priority_needs", Check::Priorities),
}

table! {
    ConversationRow in conversation {
        name: "conversation",
        noun: "conversation",
        of_person: Some("t.person_id = ?1"),
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    person: Uuid = refers("person_id", "person"),
    happened_at: String = col("happened_at", Check::When),
    kind: String = col("kind", Check::Word(Words::ConversationKind)),
    mood: Option<i64> = col("mood", Check::Rating("a mood of")),
    stance: Option<String> = col("stance", Check::Word(Words::Stance)),
    summary: String = col("summary", Check::Line(TextField::Summary)),
    notes: String = col("notes", Check::Text),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
}

table! {
    /// A need a conversation addressed; the journal copies the conversation's person and
    /// time beside it (for the needs' indexes).
    NeedRow in conversation_need {
        name: "conversation_need",
        noun: "need",
        of_person: Some("t.person_id = ?1"),
        copied: &[
            Copied { column: "person_id", through: "conversation", take: "person_id" },
            Copied { column: "happened_at", through: "conversation", take: "happened_at" },
        ],
    }
    uuid: Uuid = col("uuid", Check::Any),
    conversation: Uuid = refers("conversation_id", "conversation"),
    need: String = col("need", Check::Word(Words::Need)),
    how: String = col("how", Check::Line(TextField::NeedNote)),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
    // Since version 2 of the format: a version 1 file's needs were all met.
    #[serde(default = "need_met")]
    state: String = col("state", Check::Word(Words::NeedState)),
}

/// What a need without a state (a version 1 export) was: met.
fn need_met() -> String {
    crate::domain::NeedState::Met.key().to_string()
}

table! {
    TagRow in conversation_tag {
        name: "conversation_tag",
        noun: "tag",
        of_person: Some("(SELECT person_id FROM conversation WHERE id = t.conversation_id) = ?1"),
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    conversation: Uuid = refers("conversation_id", "conversation"),
    tag: String = col("tag", Check::Tag),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
}

table! {
    FollowUpRow in follow_up {
        name: "follow_up",
        noun: "follow-up",
        of_person: Some("t.person_id = ?1"),
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    person: Uuid = refers("person_id", "person"),
    conversation: Option<Uuid> = refers("conversation_id", "conversation"),
    owner: String = col("owner", Check::Word(Words::Owner)),
    text: String = col("text", Check::Required(TextField::FollowUp)),
    made_on: String = col("made_on", Check::Date),
    due_on: Option<String> = col("due_on", Check::Date),
    done_on: Option<String> = col("done_on", Check::Date),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
    // Since version 3 of the format: the conversation it was ticked done in, if any.
    #[serde(default)]
    done_in: Option<Uuid> = refers("done_in", "conversation"),
}

table! {
    AspirationRow in aspiration {
        name: "aspiration",
        noun: "aspiration",
        of_person: Some("t.person_id = ?1"),
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    person: Uuid = refers("person_id", "person"),
    title: String = col("title", Check::Required(TextField::AspirationTitle)),
    detail: String = col("detail", Check::Text),
    horizon: String = col("horizon", Check::Line(TextField::Horizon)),
    status: String = col("status", Check::Word(Words::AspirationStatus)),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
    // Since version 4 of the format: the statement of the direction it serves, if any.
    #[serde(default)]
    serves: Option<Uuid> = refers("serves", "direction"),
}

table! {
    AspirationUpdateRow in aspiration_update {
        name: "aspiration_update",
        noun: "aspiration update",
        of_person: Some("(SELECT person_id FROM aspiration WHERE id = t.aspiration_id) = ?1"),
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    aspiration: Uuid = refers("aspiration_id", "aspiration"),
    conversation: Option<Uuid> = refers("conversation_id", "conversation"),
    noted_on: String = col("noted_on", Check::Date),
    status: Option<String> = col("status", Check::Word(Words::AspirationStatus)),
    note: String = col("note", Check::Text),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
}

table! {
    AcknowledgementRow in acknowledgement {
        name: "acknowledgement",
        noun: "acknowledgement",
        of_person: Some("t.person_id = ?1"),
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    person: Uuid = refers("person_id", "person"),
    conversation: Option<Uuid> = refers("conversation_id", "conversation"),
    given_at: String = col("given_at", Check::When),
    text: String = col("text", Check::Required(TextField::Acknowledgement)),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
}

table! {
    IdeaRow in idea {
        name: "idea",
        noun: "idea",
        of_person: Some("t.person_id = ?1"),
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    person: Uuid = refers("person_id", "person"),
    conversation: Option<Uuid> = refers("conversation_id", "conversation"),
    heard_on: String = col("heard_on", Check::Date),
    text: String = col("text", Check::Required(TextField::Idea)),
    status: String = col("status", Check::Word(Words::IdeaStatus)),
    answer: String = col("answer", Check::Line(TextField::Answer)),
    answered_on: Option<String> = col("answered_on", Check::Date),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
    // Since version 3 of the format: the conversation it was answered in, if any.
    #[serde(default)]
    answered_in: Option<Uuid> = refers("answered_in", "conversation"),
}

table! {
    /// Since version 3 of the format (a file without it has none).
    TalkingPointRow in talking_point {
        name: "talking_point",
        noun: "talking point",
        of_person: Some("t.person_id = ?1"),
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    person: Uuid = refers("person_id", "person"),
    owner: String = col("owner", Check::Word(Words::Owner)),
    text: String = col("text", Check::Required(TextField::TalkingPoint)),
    raised_on: String = col("raised_on", Check::Date),
    ticked_on: Option<String> = col("ticked_on", Check::Date),
    conversation: Option<Uuid> = refers("conversation_id", "conversation"),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
}

table! {
    /// Since version 4 of the format: what someone told the leader about their leading.
    FeedbackRow in feedback {
        name: "feedback",
        noun: "feedback",
        of_person: Some("t.person_id = ?1"),
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    person: Uuid = refers("person_id", "person"),
    conversation: Option<Uuid> = refers("conversation_id", "conversation"),
    heard_on: String = col("heard_on", Check::Date),
    text: String = col("text", Check::Required(TextField::Feedback)),
    pair: Option<String> = col("pair", Check::Word(Words::Pair)),
    lean: Option<String> = col("lean", Check::Word(Words::Stance)),
    need: Option<String> = col("need", Check::Word(Words::Need)),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
}

table! {
    /// Since version 4 of the format: what meets a need for a person, every version of it.
    MeetsNeedRow in meets_need {
        name: "meets_need",
        noun: "note on what meets a need",
        of_person: Some("t.person_id = ?1"),
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    person: Uuid = refers("person_id", "person"),
    need: String = col("need", Check::Word(Words::Need)),
    text: String = col("text", Check::Required(TextField::MeetsNeed)),
    noted_on: String = col("noted_on", Check::Date),
    conversation: Option<Uuid> = refers("conversation_id", "conversation"),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
}

table! {
    /// Since version 4 of the format: the team's direction, a few dated statements. An
    /// export of one person holds the ones their aspirations serve.
    DirectionRow in direction {
        name: "direction",
        noun: "statement of the direction",
        of_person: Some("t.id IN (SELECT serves FROM aspiration WHERE person_id = ?1)"),
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    text: String = col("text", Check::Required(TextField::Direction)),
    stated_on: String = col("stated_on", Check::Date),
    retired_on: Option<String> = col("retired_on", Check::Date),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
}

table! {
    /// Since version 4 of the format: what the leader handed over to a person.
    DelegationRow in delegation {
        name: "delegation",
        noun: "delegation",
        of_person: Some("t.person_id = ?1"),
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    person: Uuid = refers("person_id", "person"),
    text: String = col("text", Check::Required(TextField::Delegation)),
    handed_on: String = col("handed_on", Check::Date),
    outcome: Option<String> = col("outcome", Check::Word(Words::Outcome)),
    checked_on: Option<String> = col("checked_on", Check::Date),
    conversation: Option<Uuid> = refers("conversation_id", "conversation"),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
}

table! {
    /// Since version 4 of the format: a date the leader noted for a person, once or yearly.
    MomentRow in moment {
        name: "moment",
        noun: "moment",
        of_person: Some("t.person_id = ?1"),
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    person: Uuid = refers("person_id", "person"),
    falls_on: String = col("falls_on", Check::Date),
    label: String = col("label", Check::Required(TextField::Moment)),
    yearly: bool = col("yearly", Check::Any),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
}

table! {
    /// The leader's weekly reflection: an export of one person has none.
    ReflectionRow in reflection {
        name: "reflection",
        noun: "reflection",
        of_person: None,
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    week: String = col("week", Check::Week),
    went_well: String = col("went_well", Check::Text),
    do_differently: String = col("do_differently", Check::Text),
    notes: String = col("notes", Check::Text),
    directing_serving: Option<i64> = col("directing_serving", Check::Rating("a balance rating of")),
    reacting_initiating: Option<i64> = col("reacting_initiating", Check::Rating("a balance rating of")),
    control_commitment: Option<i64> = col("control_commitment", Check::Rating("a balance rating of")),
    improving_breakthrough: Option<i64> = col("improving_breakthrough", Check::Rating("a balance rating of")),
    // The four pairs of seed 003 added in migration 12; absent from older files (none).
    #[serde(default)]
    systems_people: Option<i64> = col("systems_people", Check::Rating("a balance rating of")),
    #[serde(default)]
    goals_purpose: Option<i64> = col("goals_purpose", Check::Rating("a balance rating of")),
    #[serde(default)]
    planning_opportunism: Option<i64> = col("planning_opportunism", Check::Rating("a balance rating of")),
    #[serde(default)]
    doing_being: Option<i64> = col("doing_being", Check::Rating("a balance rating of")),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
    // Since version 4 of the format: how the leader wants to show up the week after.
    #[serde(default)]
    intention: String = col("intention", Check::Text),
}

table! {
    /// A question of the bank asked of someone, in a conversation.
    QuestionAskedRow in question_asked {
        name: "question_asked",
        noun: "asked question",
        of_person: Some("t.person_id = ?1"),
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    person: Uuid = refers("person_id", "person"),
    conversation: Option<Uuid> = refers("conversation_id", "conversation"),
    topic: String = col("topic", Check::Word(Words::Topic)),
    question: String = col("question", Check::Required(TextField::Question)),
    asked_at: String = col("asked_at", Check::When),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
}

table! {
    /// An unsaved form: the leader's session, not one person's.
    DraftRow in draft {
        name: "draft",
        noun: "draft",
        of_person: None,
        copied: &[],
    }
    uuid: Uuid = col("uuid", Check::Any),
    form: String = col("form", Check::NonEmpty),
    body: String = col("body", Check::Any),
    created_at: Stamp = col("created_at", Check::Stamp),
    updated_at: Stamp = col("updated_at", Check::Stamp),
}

/// Every table of an export, in the order they are written and imported (each after the
/// tables it refers to).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Tables {
    pub person: Vec<PersonRow>,
    pub direction: Vec<DirectionRow>,
    pub conversation: Vec<ConversationRow>,
    pub conversation_need: Vec<NeedRow>,
    pub conversation_tag: Vec<TagRow>,
    pub follow_up: Vec<FollowUpRow>,
    pub aspiration: Vec<AspirationRow>,
    pub aspiration_update: Vec<AspirationUpdateRow>,
    pub acknowledgement: Vec<AcknowledgementRow>,
    pub idea: Vec<IdeaRow>,
    pub talking_point: Vec<TalkingPointRow>,
    pub feedback: Vec<FeedbackRow>,
    pub reflection: Vec<ReflectionRow>,
    pub question_asked: Vec<QuestionAskedRow>,
    pub meets_need: Vec<MeetsNeedRow>,
    pub delegation: Vec<DelegationRow>,
    pub moment: Vec<MomentRow>,
    pub draft: Vec<DraftRow>,
}

/// Calls the visitor's `table` once per table, in export order: the one list every pass
/// over the tables (export, import, bulk load) follows.
pub(crate) trait EachTable {
    type Error;
    fn table<T: TableRow>(&mut self) -> std::result::Result<(), Self::Error>;
}

/// Visits every table in export order.
pub(crate) fn each_table<V: EachTable>(visitor: &mut V) -> std::result::Result<(), V::Error> {
    visitor.table::<PersonRow>()?;
    visitor.table::<DirectionRow>()?;
    visitor.table::<ConversationRow>()?;
    visitor.table::<NeedRow>()?;
    visitor.table::<TagRow>()?;
    visitor.table::<FollowUpRow>()?;
    visitor.table::<AspirationRow>()?;
    visitor.table::<AspirationUpdateRow>()?;
    visitor.table::<AcknowledgementRow>()?;
    visitor.table::<IdeaRow>()?;
    visitor.table::<TalkingPointRow>()?;
    visitor.table::<FeedbackRow>()?;
    visitor.table::<ReflectionRow>()?;
    visitor.table::<QuestionAskedRow>()?;
    visitor.table::<MeetsNeedRow>()?;
    visitor.table::<DelegationRow>()?;
    visitor.table::<MomentRow>()?;
    visitor.table::<DraftRow>()
}

/// Visits every table in the order a bulk load copies them into the journal: each after
/// the tables it refers to, and aspirations before conversations. Search ranks the most
/// recently indexed texts first, and the demo journal has always indexed its aspirations
/// first, so the same seed keeps giving the same search results.
pub(crate) fn each_table_to_load<V: EachTable>(
    visitor: &mut V,
) -> std::result::Result<(), V::Error> {
    visitor.table::<PersonRow>()?;
    visitor.table::<DirectionRow>()?;
    visitor.table::<AspirationRow>()?;
    visitor.table::<ConversationRow>()?;
    visitor.table::<NeedRow>()?;
    visitor.table::<TagRow>()?;
    visitor.table::<FollowUpRow>()?;
    visitor.table::<AspirationUpdateRow>()?;
    visitor.table::<AcknowledgementRow>()?;
    visitor.table::<IdeaRow>()?;
    visitor.table::<TalkingPointRow>()?;
    visitor.table::<FeedbackRow>()?;
    visitor.table::<ReflectionRow>()?;
    visitor.table::<QuestionAskedRow>()?;
    visitor.table::<MeetsNeedRow>()?;
    visitor.table::<DelegationRow>()?;
    visitor.table::<MomentRow>()?;
    visitor.table::<DraftRow>()
}

/// The table names in export order.
pub const TABLES: &[&str] = &[
    PersonRow::TABLE.name,
    DirectionRow::TABLE.name,
    ConversationRow::TABLE.name,
    NeedRow::TABLE.name,
    TagRow::TABLE.name,
    FollowUpRow::TABLE.name,
    AspirationRow::TABLE.name,
    AspirationUpdateRow::TABLE.name,
    AcknowledgementRow::TABLE.name,
    IdeaRow::TABLE.name,
    TalkingPointRow::TABLE.name,
    FeedbackRow::TABLE.name,
    ReflectionRow::TABLE.name,
    QuestionAskedRow::TABLE.name,
    MeetsNeedRow::TABLE.name,
    DelegationRow::TABLE.name,
    MomentRow::TABLE.name,
    DraftRow::TABLE.name,
];

/// Rows per table, in [`TABLES`] order.
pub(crate) type TableCounts = BTreeMap<&'static str, u64>;

/// What an import added, and what it left out because the journal already had a row for
/// the same thing under another UUID (a reflection for the same week, the same need or tag
/// on a conversation, a draft of the same form).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct ImportCounts {
    pub added: TableCounts,
    pub skipped: TableCounts,
}

/// One row of the CSV export: a conversation with its needs and tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FlatConversation {
    pub uuid: String,
    pub happened_at: String,
    pub person: String,
    pub kind: String,
    pub mood: Option<i64>,
    pub stance: Option<String>,
    pub summary: String,
    /// For each need in the fixed order, `None` when not addressed, else the note on how
    /// (possibly empty).
    pub needs: [Option<String>; 5],
    pub tags: Vec<String>,
    pub notes: String,
}

impl Store {
    /// Calls `each` with every row of `T`'s table (only rows about `person_id` when given),
    /// in UUID order, one at a time.
    pub(crate) fn each_row<T: TableRow>(
        &self,
        person_id: Option<i64>,
        mut each: impl FnMut(T) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(&T::TABLE.select_sql())?;
        let mut found = stmt.query([person_id])?;
        while let Some(row) = found.next()? {
            each(T::from_row(row)?)?;
        }
        Ok(())
    }

    /// How many rows [`Store::each_row`] gives for every table together: the count of an
    /// export, for its progress line.
    pub(crate) fn rows_to_export(&self, person_id: Option<i64>) -> Result<u64> {
        struct Count<'a> {
            store: &'a Store,
            person_id: Option<i64>,
            total: u64,
        }
        impl EachTable for Count<'_> {
            type Error = super::Error;
            fn table<T: TableRow>(&mut self) -> Result<()> {
                let n: i64 =
                    self.store
                        .conn
                        .query_row(&T::TABLE.count_sql(), [self.person_id], |r| r.get(0))?;
                self.total += u64::try_from(n).unwrap_or(0);
                Ok(())
            }
        }
        let mut count = Count {
            store: self,
            person_id,
            total: 0,
        };
        each_table(&mut count)?;
        Ok(count.total)
    }

    /// Calls `each` with every conversation (of `person_id` when given) oldest first, with
    /// its needs and tags.
    pub(crate) fn each_flat_conversation(
        &self,
        person_id: Option<i64>,
        mut each: impl FnMut(FlatConversation) -> Result<()>,
    ) -> Result<()> {
        let need_columns: Vec<String> = Need::ALL
            .iter()
            .map(|need| {
                format!(
                    // A concern reads "concern", or "concern: " and what it is.
                    "(SELECT CASE WHEN n.state = 'concern'
                                  THEN 'concern' || CASE WHEN n.how = '' THEN '' ELSE ': ' || n.how END
                                  ELSE n.how END
                        FROM conversation_need n
                       WHERE n.conversation_id = c.id AND n.need = '{}')",
                    need.key()
                )
            })
            .collect();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT c.uuid, c.happened_at, p.name, c.kind, c.mood, c.stance, c.summary,
                    {},
                    (SELECT group_concat(tag, char(31)) FROM
                        (SELECT tag FROM conversation_tag t WHERE t.conversation_id = c.id
                          ORDER BY tag)),
                    c.notes
               FROM conversation c JOIN person p ON p.id = c.person_id
              WHERE ?1 IS NULL OR c.person_id = ?1
              ORDER BY c.happened_at, c.uuid",
            need_columns.join(", ")
        ))?;
        let mut found = stmt.query([person_id])?;
        while let Some(row) = found.next()? {
            let tags: Option<String> = row.get(12)?;
            each(FlatConversation {
                uuid: rows::uuid(row, 0)?.to_string(),
                happened_at: row.get(1)?,
                person: row.get(2)?,
                kind: row.get(3)?,
                mood: row.get(4)?,
                stance: row.get(5)?,
                summary: row.get(6)?,
                needs: [
                    row.get(7)?,
                    row.get(8)?,
                    row.get(9)?,
                    row.get(10)?,
                    row.get(11)?,
                ],
                tags: tags
                    .map(|t| t.split('\u{1f}').map(String::from).collect())
                    .unwrap_or_default(),
                notes: row.get(13)?,
            })?;
        }
        Ok(())
    }

    /// Lookups in the journal, for import's checks.
    pub(crate) fn lookup(&self) -> Lookup<'_> {
        Lookup(&self.conn)
    }
}

/// Questions import asks of the journal while it checks a file, outside or inside its
/// transaction.
#[derive(Clone, Copy)]
pub(crate) struct Lookup<'a>(pub(super) &'a rusqlite::Connection);

impl Lookup<'_> {
    /// Whether the journal has a row with `uuid` in `table` (one of [`TABLES`]).
    pub(crate) fn has_uuid(&self, table: &str, uuid: &Uuid) -> Result<bool> {
        if !TABLES.contains(&table) {
            return Ok(false);
        }
        Ok(self
            .0
            .prepare_cached(&format!("SELECT 1 FROM {table} WHERE uuid = ?1"))?
            .query_row([StoredUuid(*uuid)], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// The person (by UUID) a conversation in the journal belongs to.
    pub(crate) fn person_of_conversation(&self, conversation: &Uuid) -> Result<Option<Uuid>> {
        Ok(self
            .0
            .prepare_cached(
                "SELECT p.uuid FROM conversation c JOIN person p ON p.id = c.person_id
                  WHERE c.uuid = ?1",
            )?
            .query_row([StoredUuid(*conversation)], |row| rows::uuid(row, 0))
            .optional()?)
    }

    /// The person (by UUID) an aspiration in the journal belongs to.
    pub(crate) fn person_of_aspiration(&self, aspiration: &Uuid) -> Result<Option<Uuid>> {
        Ok(self
            .0
            .prepare_cached(
                "SELECT p.uuid FROM aspiration a JOIN person p ON p.id = a.person_id
                  WHERE a.uuid = ?1",
            )?
            .query_row([StoredUuid(*aspiration)], |row| rows::uuid(row, 0))
            .optional()?)
    }

    /// The active person called `name` (ignoring case), if any, by UUID.
    pub(crate) fn active_person_named(&self, name: &str) -> Result<Option<Uuid>> {
        Ok(self
            .0
            .prepare_cached(
                "SELECT uuid FROM person WHERE archived = 0 AND name = ?1 COLLATE NOCASE",
            )?
            .query_row([name], |row| rows::uuid(row, 0))
            .optional()?)
    }

    /// Whether the journal has anyone in it.
    pub(crate) fn has_people(&self) -> Result<bool> {
        Ok(self
            .0
            .query_row("SELECT EXISTS (SELECT 1 FROM person)", [], |row| row.get(0))?)
    }
}
