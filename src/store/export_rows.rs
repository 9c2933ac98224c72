//! Every table row as the export format carries it — all columns, references as UUIDs
//! instead of local ids, values as stored — read in a stable order (by UUID) for export,
//! and written back by the import transaction. `docs/export-format.md` describes the rows.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::rows;
use super::{Error, Result, Store};
use crate::domain::Need;

/// A table the export format carries.
pub(crate) trait TableRow: Serialize + DeserializeOwned {
    /// The table's name, which is also its key in the export file.
    const TABLE: &'static str;
    /// Reads every row (of the person `?1`, or all when it is NULL) ordered by UUID.
    const SELECT: &'static str;
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self>;
    fn uuid(&self) -> Uuid;
}

macro_rules! uuid_of {
    () => {
        fn uuid(&self) -> Uuid {
            self.uuid
        }
    };
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PersonRow {
    pub uuid: Uuid,
    pub name: String,
    pub role: String,
    pub team: String,
    pub started_on: Option<String>,
    pub cadence_days: i64,
    pub strengths: String,
    pub motivations: String,
    pub acknowledge_for: String,
    pub would_change: String,
    pub roving_leader: bool,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl TableRow for PersonRow {
    const TABLE: &'static str = "person";
    const SELECT: &'static str =
        "SELECT uuid, name, role, team, started_on, cadence_days, strengths,
               motivations, acknowledge_for, would_change, roving_leader, archived, created_at,
               updated_at
          FROM person WHERE ?1 IS NULL OR id = ?1 ORDER BY uuid";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(PersonRow {
            uuid: rows::uuid(row, 0)?,
            name: row.get(1)?,
            role: row.get(2)?,
            team: row.get(3)?,
            started_on: row.get(4)?,
            cadence_days: row.get(5)?,
            strengths: row.get(6)?,
            motivations: row.get(7)?,
            acknowledge_for: row.get(8)?,
            would_change: row.get(9)?,
            roving_leader: row.get(10)?,
            archived: row.get(11)?,
            created_at: row.get(12)?,
            updated_at: row.get(13)?,
        })
    }
    uuid_of!();
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConversationRow {
    pub uuid: Uuid,
    pub person: Uuid,
    pub happened_at: String,
    pub kind: String,
    pub mood: Option<i64>,
    pub stance: Option<String>,
    pub summary: String,
    pub notes: String,
    pub created_at: String,
    pub updated_at: String,
}

impl TableRow for ConversationRow {
    const TABLE: &'static str = "conversation";
    const SELECT: &'static str =
        "SELECT c.uuid, p.uuid, c.happened_at, c.kind, c.mood, c.stance, c.summary,
               c.notes, c.created_at, c.updated_at
          FROM conversation c JOIN person p ON p.id = c.person_id
         WHERE ?1 IS NULL OR c.person_id = ?1 ORDER BY c.uuid";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(ConversationRow {
            uuid: rows::uuid(row, 0)?,
            person: rows::uuid(row, 1)?,
            happened_at: row.get(2)?,
            kind: row.get(3)?,
            mood: row.get(4)?,
            stance: row.get(5)?,
            summary: row.get(6)?,
            notes: row.get(7)?,
            created_at: row.get(8)?,
            updated_at: row.get(9)?,
        })
    }
    uuid_of!();
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NeedRow {
    pub uuid: Uuid,
    pub conversation: Uuid,
    pub need: String,
    pub how: String,
    pub created_at: String,
    pub updated_at: String,
}

impl TableRow for NeedRow {
    const TABLE: &'static str = "conversation_need";
    const SELECT: &'static str = "SELECT n.uuid, c.uuid, n.need, n.how, n.created_at, n.updated_at
          FROM conversation_need n JOIN conversation c ON c.id = n.conversation_id
         WHERE ?1 IS NULL OR n.person_id = ?1 ORDER BY n.uuid";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(NeedRow {
            uuid: rows::uuid(row, 0)?,
            conversation: rows::uuid(row, 1)?,
            need: row.get(2)?,
            how: row.get(3)?,
            created_at: row.get(4)?,
            updated_at: row.get(5)?,
        })
    }
    uuid_of!();
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TagRow {
    pub uuid: Uuid,
    pub conversation: Uuid,
    pub tag: String,
    pub created_at: String,
    pub updated_at: String,
}

impl TableRow for TagRow {
    const TABLE: &'static str = "conversation_tag";
    const SELECT: &'static str = "SELECT t.uuid, c.uuid, t.tag, t.created_at, t.updated_at
          FROM conversation_tag t JOIN conversation c ON c.id = t.conversation_id
         WHERE ?1 IS NULL OR c.person_id = ?1 ORDER BY t.uuid";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(TagRow {
            uuid: rows::uuid(row, 0)?,
            conversation: rows::uuid(row, 1)?,
            tag: row.get(2)?,
            created_at: row.get(3)?,
            updated_at: row.get(4)?,
        })
    }
    uuid_of!();
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FollowUpRow {
    pub uuid: Uuid,
    pub person: Uuid,
    pub conversation: Option<Uuid>,
    pub owner: String,
    pub text: String,
    pub made_on: String,
    pub due_on: Option<String>,
    pub done_on: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl TableRow for FollowUpRow {
    const TABLE: &'static str = "follow_up";
    const SELECT: &'static str =
        "SELECT f.uuid, p.uuid, c.uuid, f.owner, f.text, f.made_on, f.due_on, f.done_on,
               f.created_at, f.updated_at
          FROM follow_up f JOIN person p ON p.id = f.person_id
          LEFT JOIN conversation c ON c.id = f.conversation_id
         WHERE ?1 IS NULL OR f.person_id = ?1 ORDER BY f.uuid";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(FollowUpRow {
            uuid: rows::uuid(row, 0)?,
            person: rows::uuid(row, 1)?,
            conversation: opt_uuid(row, 2)?,
            owner: row.get(3)?,
            text: row.get(4)?,
            made_on: row.get(5)?,
            due_on: row.get(6)?,
            done_on: row.get(7)?,
            created_at: row.get(8)?,
            updated_at: row.get(9)?,
        })
    }
    uuid_of!();
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AspirationRow {
    pub uuid: Uuid,
    pub person: Uuid,
    pub title: String,
    pub detail: String,
    pub horizon: String,
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
}

impl TableRow for AspirationRow {
    const TABLE: &'static str = "aspiration";
    const SELECT: &'static str =
        "SELECT a.uuid, p.uuid, a.title, a.detail, a.horizon, a.status, a.created_at,
               a.updated_at
          FROM aspiration a JOIN person p ON p.id = a.person_id
         WHERE ?1 IS NULL OR a.person_id = ?1 ORDER BY a.uuid";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(AspirationRow {
            uuid: rows::uuid(row, 0)?,
            person: rows::uuid(row, 1)?,
            title: row.get(2)?,
            detail: row.get(3)?,
            horizon: row.get(4)?,
            status: row.get(5)?,
            created_at: row.get(6)?,
            updated_at: row.get(7)?,
        })
    }
    uuid_of!();
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AspirationUpdateRow {
    pub uuid: Uuid,
    pub aspiration: Uuid,
    pub conversation: Option<Uuid>,
    pub noted_on: String,
    pub status: Option<String>,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

impl TableRow for AspirationUpdateRow {
    const TABLE: &'static str = "aspiration_update";
    const SELECT: &'static str =
        "SELECT u.uuid, a.uuid, c.uuid, u.noted_on, u.status, u.note, u.created_at,
               u.updated_at
          FROM aspiration_update u JOIN aspiration a ON a.id = u.aspiration_id
          LEFT JOIN conversation c ON c.id = u.conversation_id
         WHERE ?1 IS NULL OR a.person_id = ?1 ORDER BY u.uuid";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(AspirationUpdateRow {
            uuid: rows::uuid(row, 0)?,
            aspiration: rows::uuid(row, 1)?,
            conversation: opt_uuid(row, 2)?,
            noted_on: row.get(3)?,
            status: row.get(4)?,
            note: row.get(5)?,
            created_at: row.get(6)?,
            updated_at: row.get(7)?,
        })
    }
    uuid_of!();
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AcknowledgementRow {
    pub uuid: Uuid,
    pub person: Uuid,
    pub conversation: Option<Uuid>,
    pub given_at: String,
    pub text: String,
    pub created_at: String,
    pub updated_at: String,
}

impl TableRow for AcknowledgementRow {
    const TABLE: &'static str = "acknowledgement";
    const SELECT: &'static str =
        "SELECT k.uuid, p.uuid, c.uuid, k.given_at, k.text, k.created_at, k.updated_at
          FROM acknowledgement k JOIN person p ON p.id = k.person_id
          LEFT JOIN conversation c ON c.id = k.conversation_id
         WHERE ?1 IS NULL OR k.person_id = ?1 ORDER BY k.uuid";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(AcknowledgementRow {
            uuid: rows::uuid(row, 0)?,
            person: rows::uuid(row, 1)?,
            conversation: opt_uuid(row, 2)?,
            given_at: row.get(3)?,
            text: row.get(4)?,
            created_at: row.get(5)?,
            updated_at: row.get(6)?,
        })
    }
    uuid_of!();
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IdeaRow {
    pub uuid: Uuid,
    pub person: Uuid,
    pub conversation: Option<Uuid>,
    pub heard_on: String,
    pub text: String,
    pub status: String,
    pub answer: String,
    pub answered_on: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl TableRow for IdeaRow {
    const TABLE: &'static str = "idea";
    const SELECT: &'static str =
        "SELECT i.uuid, p.uuid, c.uuid, i.heard_on, i.text, i.status, i.answer,
               i.answered_on, i.created_at, i.updated_at
          FROM idea i JOIN person p ON p.id = i.person_id
          LEFT JOIN conversation c ON c.id = i.conversation_id
         WHERE ?1 IS NULL OR i.person_id = ?1 ORDER BY i.uuid";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(IdeaRow {
            uuid: rows::uuid(row, 0)?,
            person: rows::uuid(row, 1)?,
            conversation: opt_uuid(row, 2)?,
            heard_on: row.get(3)?,
            text: row.get(4)?,
            status: row.get(5)?,
            answer: row.get(6)?,
            answered_on: row.get(7)?,
            created_at: row.get(8)?,
            updated_at: row.get(9)?,
        })
    }
    uuid_of!();
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReflectionRow {
    pub uuid: Uuid,
    pub week: String,
    pub went_well: String,
    pub do_differently: String,
    pub notes: String,
    pub directing_serving: Option<i64>,
    pub reacting_initiating: Option<i64>,
    pub control_commitment: Option<i64>,
    pub improving_breakthrough: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
}

impl TableRow for ReflectionRow {
    const TABLE: &'static str = "reflection";
    // Reflections are the leader's own: an export of one person has none.
    const SELECT: &'static str =
        "SELECT uuid, week, went_well, do_differently, notes, directing_serving,
               reacting_initiating, control_commitment, improving_breakthrough, created_at,
               updated_at
          FROM reflection WHERE ?1 IS NULL ORDER BY uuid";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(ReflectionRow {
            uuid: rows::uuid(row, 0)?,
            week: row.get(1)?,
            went_well: row.get(2)?,
            do_differently: row.get(3)?,
            notes: row.get(4)?,
            directing_serving: row.get(5)?,
            reacting_initiating: row.get(6)?,
            control_commitment: row.get(7)?,
            improving_breakthrough: row.get(8)?,
            created_at: row.get(9)?,
            updated_at: row.get(10)?,
        })
    }
    uuid_of!();
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DraftRow {
    pub uuid: Uuid,
    pub form: String,
    pub body: String,
    pub created_at: String,
    pub updated_at: String,
}

impl TableRow for DraftRow {
    const TABLE: &'static str = "draft";
    // Unsaved forms belong to the leader's session, not to one person.
    const SELECT: &'static str = "SELECT uuid, form, body, created_at, updated_at
          FROM draft WHERE ?1 IS NULL ORDER BY uuid";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(DraftRow {
            uuid: rows::uuid(row, 0)?,
            form: row.get(1)?,
            body: row.get(2)?,
            created_at: row.get(3)?,
            updated_at: row.get(4)?,
        })
    }
    uuid_of!();
}

fn opt_uuid(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<Uuid>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| {
        Uuid::parse_str(&t).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .transpose()
}

/// Every table of an export, in the order they are written and imported (each after the
/// tables it refers to).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Tables {
    pub person: Vec<PersonRow>,
    pub conversation: Vec<ConversationRow>,
    pub conversation_need: Vec<NeedRow>,
    pub conversation_tag: Vec<TagRow>,
    pub follow_up: Vec<FollowUpRow>,
    pub aspiration: Vec<AspirationRow>,
    pub aspiration_update: Vec<AspirationUpdateRow>,
    pub acknowledgement: Vec<AcknowledgementRow>,
    pub idea: Vec<IdeaRow>,
    pub reflection: Vec<ReflectionRow>,
    pub draft: Vec<DraftRow>,
}

/// The table names in export order.
pub const TABLES: &[&str] = &[
    PersonRow::TABLE,
    ConversationRow::TABLE,
    NeedRow::TABLE,
    TagRow::TABLE,
    FollowUpRow::TABLE,
    AspirationRow::TABLE,
    AspirationUpdateRow::TABLE,
    AcknowledgementRow::TABLE,
    IdeaRow::TABLE,
    ReflectionRow::TABLE,
    DraftRow::TABLE,
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
        let mut stmt = self.conn.prepare(T::SELECT)?;
        let mut found = stmt.query([person_id])?;
        while let Some(row) = found.next()? {
            each(T::from_row(row)?)?;
        }
        Ok(())
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
                    "(SELECT how FROM conversation_need n
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
                uuid: row.get(0)?,
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

    /// Whether the journal has a row with `uuid` in `table` (one of [`TABLES`]).
    pub(crate) fn has_uuid(&self, table: &str, uuid: &Uuid) -> Result<bool> {
        if !TABLES.contains(&table) {
            return Ok(false);
        }
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT 1 FROM {table} WHERE uuid = ?1"))?
            .query_row([uuid.to_string()], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// The person (by UUID) a conversation in the journal belongs to.
    pub(crate) fn person_of_conversation(&self, conversation: &Uuid) -> Result<Option<Uuid>> {
        let found: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT p.uuid FROM conversation c JOIN person p ON p.id = c.person_id
                  WHERE c.uuid = ?1",
            )?
            .query_row([conversation.to_string()], |r| r.get(0))
            .optional()?;
        Ok(found.and_then(|text| Uuid::parse_str(&text).ok()))
    }

    /// The active person called `name` (ignoring case), if any, by UUID.
    pub(crate) fn active_person_named(&self, name: &str) -> Result<Option<Uuid>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT uuid FROM person WHERE archived = 0 AND name = ?1 COLLATE NOCASE",
            )?
            .query_row([name], |row| rows::uuid(row, 0))
            .optional()?)
    }

    /// Writes the rows the journal does not have yet, as they arrive in parts (an export
    /// read as a stream): `feed` hands every part to `insert`, in the order of [`TABLES`],
    /// all inside one transaction, committed only when `feed` succeeds. The rows must have
    /// been validated (words, dates, references): a row SQLite still refuses rolls the whole
    /// import back.
    pub(crate) fn import_in_one_transaction<E: From<Error>>(
        &mut self,
        feed: impl FnOnce(&mut dyn FnMut(&Tables) -> Result<()>) -> std::result::Result<(), E>,
    ) -> std::result::Result<ImportCounts, E> {
        let tx = self.write()?;
        let mut counts = ImportCounts::default();
        feed(&mut |tables: &Tables| insert_rows(&tx, tables, &mut counts))?;
        tx.commit().map_err(Error::from)?;
        Ok(counts)
    }
}

/// Inserts the rows of `tables` the journal does not have yet, counting them in `counts`.
fn insert_rows(tx: &Transaction<'_>, tables: &Tables, counts: &mut ImportCounts) -> Result<()> {
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO person (uuid, name, role, team, started_on, cadence_days, strengths,
                                 motivations, acknowledge_for, would_change, roving_leader,
                                 archived, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             ON CONFLICT DO NOTHING",
        )?;
        for r in &tables.person {
            let added = stmt.execute(params![
                r.uuid.to_string(),
                r.name,
                r.role,
                r.team,
                r.started_on,
                r.cadence_days,
                r.strengths,
                r.motivations,
                r.acknowledge_for,
                r.would_change,
                r.roving_leader,
                r.archived,
                r.created_at,
                r.updated_at
            ])? > 0;
            if tally(counts, PersonRow::TABLE, added, tx, &r.uuid)? {
                // Validation refuses name clashes; this is the last line of defence.
                return Err(Error::DuplicateName(r.name.clone()));
            }
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO conversation (uuid, person_id, happened_at, kind, mood, stance, summary,
                                       notes, created_at, updated_at)
             SELECT ?1, p.id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 FROM person p WHERE p.uuid = ?2
             ON CONFLICT DO NOTHING",
        )?;
        for r in &tables.conversation {
            let added = stmt.execute(params![
                r.uuid.to_string(),
                r.person.to_string(),
                r.happened_at,
                r.kind,
                r.mood,
                r.stance,
                r.summary,
                r.notes,
                r.created_at,
                r.updated_at
            ])? > 0;
            tally(counts, ConversationRow::TABLE, added, tx, &r.uuid)?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO conversation_need (uuid, conversation_id, need, how, person_id,
                                            happened_at, created_at, updated_at)
             SELECT ?1, c.id, ?3, ?4, c.person_id, c.happened_at, ?5, ?6
               FROM conversation c WHERE c.uuid = ?2
             ON CONFLICT DO NOTHING",
        )?;
        for r in &tables.conversation_need {
            let added = stmt.execute(params![
                r.uuid.to_string(),
                r.conversation.to_string(),
                r.need,
                r.how,
                r.created_at,
                r.updated_at
            ])? > 0;
            tally(counts, NeedRow::TABLE, added, tx, &r.uuid)?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO conversation_tag (uuid, conversation_id, tag, created_at, updated_at)
             SELECT ?1, c.id, ?3, ?4, ?5 FROM conversation c WHERE c.uuid = ?2
             ON CONFLICT DO NOTHING",
        )?;
        for r in &tables.conversation_tag {
            let added = stmt.execute(params![
                r.uuid.to_string(),
                r.conversation.to_string(),
                r.tag,
                r.created_at,
                r.updated_at
            ])? > 0;
            tally(counts, TagRow::TABLE, added, tx, &r.uuid)?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO follow_up (uuid, person_id, conversation_id, owner, text, made_on, due_on,
                                    done_on, created_at, updated_at)
             SELECT ?1, p.id, (SELECT id FROM conversation WHERE uuid = ?3), ?4, ?5, ?6, ?7,
                    ?8, ?9, ?10
               FROM person p WHERE p.uuid = ?2
             ON CONFLICT DO NOTHING",
        )?;
        for r in &tables.follow_up {
            let added = stmt.execute(params![
                r.uuid.to_string(),
                r.person.to_string(),
                r.conversation.map(|u| u.to_string()),
                r.owner,
                r.text,
                r.made_on,
                r.due_on,
                r.done_on,
                r.created_at,
                r.updated_at
            ])? > 0;
            tally(counts, FollowUpRow::TABLE, added, tx, &r.uuid)?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO aspiration (uuid, person_id, title, detail, horizon, status, created_at,
                                     updated_at)
             SELECT ?1, p.id, ?3, ?4, ?5, ?6, ?7, ?8 FROM person p WHERE p.uuid = ?2
             ON CONFLICT DO NOTHING",
        )?;
        for r in &tables.aspiration {
            let added = stmt.execute(params![
                r.uuid.to_string(),
                r.person.to_string(),
                r.title,
                r.detail,
                r.horizon,
                r.status,
                r.created_at,
                r.updated_at
            ])? > 0;
            tally(counts, AspirationRow::TABLE, added, tx, &r.uuid)?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO aspiration_update (uuid, aspiration_id, conversation_id, noted_on, status,
                                            note, created_at, updated_at)
             SELECT ?1, a.id, (SELECT id FROM conversation WHERE uuid = ?3), ?4, ?5, ?6, ?7, ?8
               FROM aspiration a WHERE a.uuid = ?2
             ON CONFLICT DO NOTHING",
        )?;
        for r in &tables.aspiration_update {
            let added = stmt.execute(params![
                r.uuid.to_string(),
                r.aspiration.to_string(),
                r.conversation.map(|u| u.to_string()),
                r.noted_on,
                r.status,
                r.note,
                r.created_at,
                r.updated_at
            ])? > 0;
            tally(counts, AspirationUpdateRow::TABLE, added, tx, &r.uuid)?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO acknowledgement (uuid, person_id, conversation_id, given_at, text,
                                          created_at, updated_at)
             SELECT ?1, p.id, (SELECT id FROM conversation WHERE uuid = ?3), ?4, ?5, ?6, ?7
               FROM person p WHERE p.uuid = ?2
             ON CONFLICT DO NOTHING",
        )?;
        for r in &tables.acknowledgement {
            let added = stmt.execute(params![
                r.uuid.to_string(),
                r.person.to_string(),
                r.conversation.map(|u| u.to_string()),
                r.given_at,
                r.text,
                r.created_at,
                r.updated_at
            ])? > 0;
            tally(counts, AcknowledgementRow::TABLE, added, tx, &r.uuid)?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO idea (uuid, person_id, conversation_id, heard_on, text, status, answer,
                               answered_on, created_at, updated_at)
             SELECT ?1, p.id, (SELECT id FROM conversation WHERE uuid = ?3), ?4, ?5, ?6, ?7,
                    ?8, ?9, ?10
               FROM person p WHERE p.uuid = ?2
             ON CONFLICT DO NOTHING",
        )?;
        for r in &tables.idea {
            let added = stmt.execute(params![
                r.uuid.to_string(),
                r.person.to_string(),
                r.conversation.map(|u| u.to_string()),
                r.heard_on,
                r.text,
                r.status,
                r.answer,
                r.answered_on,
                r.created_at,
                r.updated_at
            ])? > 0;
            tally(counts, IdeaRow::TABLE, added, tx, &r.uuid)?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO reflection (uuid, week, went_well, do_differently, notes,
                                     directing_serving, reacting_initiating, control_commitment,
                                     improving_breakthrough, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT DO NOTHING",
        )?;
        for r in &tables.reflection {
            let added = stmt.execute(params![
                r.uuid.to_string(),
                r.week,
                r.went_well,
                r.do_differently,
                r.notes,
                r.directing_serving,
                r.reacting_initiating,
                r.control_commitment,
                r.improving_breakthrough,
                r.created_at,
                r.updated_at
            ])? > 0;
            tally(counts, ReflectionRow::TABLE, added, tx, &r.uuid)?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO draft (uuid, form, body, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT DO NOTHING",
        )?;
        for r in &tables.draft {
            let added = stmt.execute(params![
                r.uuid.to_string(),
                r.form,
                r.body,
                r.created_at,
                r.updated_at
            ])? > 0;
            tally(counts, DraftRow::TABLE, added, tx, &r.uuid)?;
        }
    }
    Ok(())
}

/// Counts an imported row: added, already there (nothing to count), or skipped because
/// another unique rule of its table kept it out. Returns whether it was skipped.
fn tally(
    counts: &mut ImportCounts,
    table: &'static str,
    added: bool,
    tx: &Transaction<'_>,
    uuid: &Uuid,
) -> Result<bool> {
    if added {
        *counts.added.entry(table).or_default() += 1;
        return Ok(false);
    }
    let present = tx
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE uuid = ?1"))?
        .query_row([uuid.to_string()], |_| Ok(()))
        .optional()?
        .is_some();
    if !present {
        *counts.skipped.entry(table).or_default() += 1;
    }
    Ok(!present)
}
