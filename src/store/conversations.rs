//! Conversations, the heart of the journal: saved with their needs, tags and what was born
//! or closed in them in one transaction, read back by person, by time and by page, and
//! deleted with their search entries so their text leaves the file.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, Transaction, params};

use super::feedback::NewFeedback;
use super::questions::{self, AskedQuestion};
use super::rows::{self, fmt_date, fmt_when};
use super::which::{self, Which};
use super::{Error, Result, Stamp, Store, StoredUuid, new_uuid};
use crate::domain::TextField;
use crate::domain::{
    CarriedAction, Conversation, ConversationInput, ConversationNeed, Invalid, Mood, Need,
    clean_line, clean_text, require,
};

pub(super) const CONVERSATION_COLUMNS: &str =
    "c.id, c.uuid, c.person_id, p.name, c.happened_at, c.kind, c.mood, c.stance,
     c.summary, c.notes, p.uuid";

/// What a saved conversation produced, for messages such as "logged, 2 follow-ups".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub conversation_id: i64,
    pub follow_ups: usize,
}

/// What a 1:1 records beside the conversation, in its transaction: the questions asked in
/// it, what the person said about the leader's leading, what meets a need for them, and
/// what the leader handed over to them. Blank texts record nothing.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Alongside<'a> {
    pub asked: &'a [AskedQuestion],
    pub said: Option<&'a NewFeedback>,
    pub meets: &'a [(Need, String)],
    pub handed_over: Option<&'a str>,
}

/// The records that can be deleted one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Conversation,
    FollowUp,
    Acknowledgement,
    Idea,
    Aspiration,
    /// One progress note on an aspiration.
    AspirationUpdate,
    TalkingPoint,
    Feedback,
    /// One note on what meets a need (a version of it: the one before comes back in force).
    MeetsNeed,
    Delegation,
    /// A statement of the team's direction; the aspirations serving it serve none after.
    Direction,
    /// A date noted for a person (a work anniversary is no record: it cannot be deleted).
    Moment,
}

impl Record {
    pub(crate) fn table(self) -> &'static str {
        match self {
            Record::Conversation => "conversation",
            Record::FollowUp => "follow_up",
            Record::Acknowledgement => "acknowledgement",
            Record::Idea => "idea",
            Record::Aspiration => "aspiration",
            Record::AspirationUpdate => "aspiration_update",
            Record::TalkingPoint => "talking_point",
            Record::Feedback => "feedback",
            Record::MeetsNeed => "meets_need",
            Record::Delegation => "delegation",
            Record::Direction => "direction",
            Record::Moment => "moment",
        }
    }

    /// How an error names it.
    pub fn what(self) -> &'static str {
        match self {
            Record::Conversation => "conversation",
            Record::FollowUp => "follow-up",
            Record::Acknowledgement => "acknowledgement",
            Record::Idea => "idea",
            Record::Aspiration => "aspiration",
            Record::AspirationUpdate => "progress note",
            Record::TalkingPoint => "talking point",
            Record::Feedback => "feedback",
            Record::MeetsNeed => "note on what meets a need",
            Record::Delegation => "delegation",
            Record::Direction => "statement of the direction",
            Record::Moment => "moment",
        }
    }
}

/// The rows a delete took with it (the record, and what went with it: a conversation's
/// needs and tags, an aspiration's progress notes), each by table and UUID with its id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DeletedRows(pub(crate) Vec<(String, StoredUuid, i64)>);

impl DeletedRows {
    /// The UUID of the row `id` of `table` among them.
    pub(crate) fn uuid_of(&self, table: &str, id: i64) -> Option<uuid::Uuid> {
        self.0
            .iter()
            .find(|(tbl, _, row)| tbl == table && *row == id)
            .map(|(_, stored, _)| stored.0)
    }
}

/// Starts (`on`) or stops noting every row deleted from the export's tables, cascades
/// included, in `temp.deleted_rows`: temporary triggers, made and dropped inside the
/// delete's transaction, so no other write ever pays for them.
fn note_deletions(tx: &Transaction<'_>, on: bool) -> Result<()> {
    let mut sql = String::new();
    for table in super::export_rows::TABLES {
        if on {
            sql.push_str(&format!(
                "CREATE TEMP TRIGGER note_deleted_{table} AFTER DELETE ON main.{table}
                 BEGIN INSERT INTO deleted_rows VALUES ('{table}', OLD.uuid, OLD.id); END;"
            ));
        } else {
            sql.push_str(&format!("DROP TRIGGER temp.note_deleted_{table};"));
        }
    }
    if on {
        sql.insert_str(
            0,
            "CREATE TEMP TABLE deleted_rows (tbl TEXT, uuid BLOB, id INTEGER);",
        );
    } else {
        sql.push_str("DROP TABLE temp.deleted_rows;");
    }
    tx.execute_batch(&sql)?;
    Ok(())
}

/// The input with every text field cleaned, checked before the transaction starts so a
/// refusal writes nothing.
fn cleaned(input: &ConversationInput) -> Result<ConversationInput> {
    let mut clean = input.clone();
    clean.summary = clean_line(&input.summary, TextField::Summary)?;
    clean.notes = clean_text(&input.notes)?;
    let mut seen = std::collections::HashSet::new();
    clean.needs = input
        .needs
        .iter()
        .filter(|n| seen.insert(n.need))
        .map(|n| {
            Ok(ConversationNeed {
                need: n.need,
                state: n.state,
                how: clean_line(&n.how, TextField::NeedNote)?,
            })
        })
        .collect::<Result<_>>()?;
    let mut tags: Vec<String> = Vec::new();
    for tag in &input.tags {
        let tag = clean_line(tag, TextField::Tag)?.to_lowercase();
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    clean.tags = tags;
    for follow_up in &mut clean.follow_ups {
        follow_up.text = require(&follow_up.text, TextField::FollowUp)?;
    }
    clean.acknowledgement = clean_optional(&input.acknowledgement, TextField::Acknowledgement)?;
    clean.idea = clean_optional(&input.idea, TextField::Idea)?;
    Ok(clean)
}

fn clean_optional(text: &Option<String>, what: TextField) -> Result<Option<String>> {
    Ok(match text {
        Some(t) => Some(clean_line(t, what)?).filter(|t| !t.is_empty()),
        None => None,
    })
}

/// A new conversation with its needs and tags; returns its id.
fn insert_conversation(
    tx: &rusqlite::Transaction<'_>,
    input: &ConversationInput,
    stamp: &Stamp,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO conversation (uuid, person_id, happened_at, kind, mood, stance, summary, notes,
                                   created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            new_uuid(),
            input.person_id,
            fmt_when(input.happened_at),
            input.kind.key(),
            input.mood.map(|m| m.value()),
            input.stance.map(|s| s.key()),
            input.summary,
            input.notes,
            stamp
        ],
    )?;
    let id = tx.last_insert_rowid();
    #[cfg(feature = "fault-injection")]
    super::fault::inside_save()?;
    write_needs_and_tags(tx, id, input, stamp)?;
    Ok(id)
}

/// A conversation's own fields, needs and tags written over: the one `which` names, never
/// another that took its number.
fn rewrite_conversation(
    tx: &rusqlite::Transaction<'_>,
    which: Which,
    input: &ConversationInput,
    stamp: &Stamp,
) -> Result<i64> {
    let id = which.id;
    let changed = tx.execute(
        &format!(
            "UPDATE conversation SET person_id = ?2, happened_at = ?3, kind = ?4, mood = ?5, stance = ?6,
                    summary = ?7, notes = ?8, updated_at = ?9
             WHERE {}",
            which::matching("conversation", 1, 10)
        ),
        params![
            id,
            input.person_id,
            fmt_when(input.happened_at),
            input.kind.key(),
            input.mood.map(|m| m.value()),
            input.stance.map(|s| s.key()),
            input.summary,
            input.notes,
            stamp,
            which.uuid_param()
        ],
    )?;
    if changed == 0 {
        return Err(which::missing(tx, "conversation", "conversation", which));
    }
    tx.execute(
        "DELETE FROM conversation_need WHERE conversation_id = ?1",
        [id],
    )?;
    tx.execute(
        "DELETE FROM conversation_tag WHERE conversation_id = ?1",
        [id],
    )?;
    write_needs_and_tags(tx, id, input, stamp)?;
    Ok(id)
}

impl Store {
    /// A conversation or an acknowledgement is written down once it has happened: any time
    /// today, never a later day (most often a slip, `tomorrow` for `yesterday`).
    pub(super) fn has_happened(&self, at: NaiveDateTime) -> Result<()> {
        let day = at.date();
        if day > self.today() {
            return Err(Invalid::NotYet(day).into());
        }
        Ok(())
    }

    /// Stores a conversation with its needs, tags, follow-ups, acknowledgement and idea in one
    /// transaction: all of it or none of it.
    pub fn save_conversation(&mut self, input: &ConversationInput) -> Result<Saved> {
        self.store_conversation(None, input, &[], Alongside::default(), None)
    }

    /// Stores a conversation as [`Store::save_conversation`] does, and records in the same
    /// transaction what came `along` with it: questions asked, feedback to the leader, what
    /// meets a need, something handed over.
    pub(crate) fn save_conversation_along(
        &mut self,
        input: &ConversationInput,
        along: Alongside<'_>,
    ) -> Result<Saved> {
        self.store_conversation(None, input, &[], along, None)
    }

    /// Rewrites a conversation's own fields, needs and tags; follow-ups, an acknowledgement or
    /// an idea in `input` are added to it.
    pub fn update_conversation(
        &mut self,
        which: impl Into<Which>,
        input: &ConversationInput,
    ) -> Result<Saved> {
        self.store_conversation(Some(which.into()), input, &[], Alongside::default(), None)
    }

    /// Saves what a form holds (a new conversation, or `existing` rewritten), with what the
    /// leader did in it about the loops carried over (each linked to it), and removes the
    /// form's draft, all in one transaction: a crash can never leave a draft of a saved
    /// conversation, to be resumed and saved twice, nor a follow-up ticked in a
    /// conversation that was never saved.
    /// What came `along` with it (see [`Alongside`]) is recorded in the same transaction.
    pub(crate) fn save_conversation_from_form(
        &mut self,
        existing: Option<Which>,
        input: &ConversationInput,
        carried: &[CarriedAction],
        along: Alongside<'_>,
        form: &str,
    ) -> Result<Saved> {
        self.store_conversation(existing, input, carried, along, Some(form))
    }

    /// Saves a conversation with the actions taken in it on loops carried over from
    /// earlier ones, in one transaction.
    pub fn save_conversation_closing(
        &mut self,
        input: &ConversationInput,
        carried: &[CarriedAction],
    ) -> Result<Saved> {
        self.store_conversation(None, input, carried, Alongside::default(), None)
    }

    fn store_conversation(
        &mut self,
        existing: Option<Which>,
        input: &ConversationInput,
        carried: &[CarriedAction],
        along: Alongside<'_>,
        ends_draft: Option<&str>,
    ) -> Result<Saved> {
        let input = cleaned(input)?;
        let carried = super::carried::cleaned_actions(carried)?;
        let asked = questions::cleaned(along.asked)?;
        self.has_happened(input.happened_at)?;
        self.person(input.person_id)?.check_one_on_one(
            input.happened_at.date(),
            input.kind,
            self.cadence_kinds,
        )?;
        let stamp = self.stamp();
        let today = self.today();
        let tx = self.write()?;
        let id = match existing {
            Some(which) => rewrite_conversation(&tx, which, &input, &stamp)?,
            None => insert_conversation(&tx, &input, &stamp)?,
        };
        write_attachments(&tx, id, &input, &stamp)?;
        super::carried::apply_actions(
            &tx,
            id,
            input.person_id,
            input.happened_at.date(),
            &carried,
            &stamp,
        )?;
        questions::record_asked(&tx, input.person_id, id, input.happened_at, &asked, &stamp)?;
        // Heard, noted or handed over in the conversation: on its day, linked to it. A blank
        // field says nothing.
        let day = input.happened_at.date();
        if let Some(said) = along.said.filter(|s| !s.text.trim().is_empty()) {
            super::feedback::insert_feedback(
                &tx,
                input.person_id,
                Some(id),
                day,
                &said.text,
                said.tags,
                (today, &stamp),
            )?;
        }
        for (need, text) in along.meets.iter().filter(|(_, t)| !t.trim().is_empty()) {
            let link = (input.person_id, Some(id), day);
            super::meets::insert_meets(&tx, link, *need, text, &stamp)?;
        }
        if let Some(text) = along.handed_over.filter(|t| !t.trim().is_empty()) {
            let link = (input.person_id, Some(id), day);
            super::delegations::insert_delegation(&tx, link, text, &stamp)?;
        }
        if let Some(form) = ends_draft {
            #[cfg(feature = "fault-injection")]
            super::fault::between_statements();
            tx.execute("DELETE FROM draft WHERE form = ?1", [form])?;
        }
        tx.commit()?;
        // An answer written over an idea's earlier one must not linger in WAL frames either.
        let overwrote = carried
            .iter()
            .any(|a| matches!(a, CarriedAction::IdeaAnswered { .. }));
        if existing.is_some() || ends_draft.is_some() || overwrote {
            self.forget_old_text();
        }
        Ok(Saved {
            conversation_id: id,
            follow_ups: input.follow_ups.len(),
        })
    }

    /// Whose record it is.
    pub(crate) fn person_of(&self, record: Record, id: i64) -> Result<i64> {
        let sql = match record {
            // A progress note is its aspiration's person's.
            Record::AspirationUpdate => "SELECT a.person_id FROM aspiration_update u
                 JOIN aspiration a ON a.id = u.aspiration_id WHERE u.id = ?1"
                .to_string(),
            _ => format!("SELECT person_id FROM {} WHERE id = ?1", record.table()),
        };
        self.conn
            .query_row(&sql, [id], |row| row.get(0))
            .optional()?
            .ok_or(Error::NotFound {
                what: record.what(),
                id: id.to_string(),
            })
    }

    /// Deletes one record in one transaction and forgets its text from the file (see
    /// docs/reliability.md). A conversation takes its needs, tags and search entries with
    /// it; follow-ups, acknowledgements, ideas, talking points and aspiration progress noted
    /// or closed in it stay, no longer linked to it. An aspiration takes its progress notes
    /// with it.
    pub fn delete_record(&mut self, record: Record, which: impl Into<Which>) -> Result<()> {
        self.delete(record, which.into(), false).map(drop)
    }

    /// Deletes one record as [`Store::delete_record`] does, and says which rows went with
    /// it and their ids, so that an undo gives each back under its own id.
    pub(crate) fn delete_record_for_undo(
        &mut self,
        record: Record,
        which: Which,
    ) -> Result<DeletedRows> {
        self.delete(record, which, true)
    }

    fn delete(&mut self, record: Record, which: Which, noting: bool) -> Result<DeletedRows> {
        let tx = self.write()?;
        if noting {
            note_deletions(&tx, true)?;
        }
        let deleted = tx.execute(
            &format!(
                "DELETE FROM {table} WHERE {matching}",
                table = record.table(),
                matching = which::matching(record.table(), 1, 2)
            ),
            params![which.id, which.uuid_param()],
        )?;
        if deleted == 0 {
            return Err(which::missing(&tx, record.table(), record.what(), which));
        }
        let rows = if noting {
            let rows = tx
                .prepare("SELECT tbl, uuid, id FROM temp.deleted_rows")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            note_deletions(&tx, false)?;
            DeletedRows(rows)
        } else {
            DeletedRows::default()
        };
        tx.commit()?;
        self.forget_old_text();
        Ok(rows)
    }

    pub fn conversation(&self, id: i64) -> Result<Conversation> {
        let mut conversation = which::one(
            &self.conn,
            ("conversation", "conversation"),
            &format!(
                "SELECT {CONVERSATION_COLUMNS} FROM conversation c JOIN person p ON p.id = c.person_id
                 WHERE c.id = ?1"
            ),
            id,
            conversation_from,
        )?;
        self.attach_needs_and_tags(std::slice::from_mut(&mut conversation))?;
        Ok(conversation)
    }

    /// The conversations `condition` picks (it may end in an order and a limit; `c` is the
    /// conversation, `p` its person), with their needs and tags.
    fn conversations_where(
        &self,
        condition: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<Conversation>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversation c JOIN person p ON p.id = c.person_id
             {condition}"
        ))?;
        let mut found = stmt
            .query_map(params, conversation_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        self.attach_needs_and_tags(&mut found)?;
        Ok(found)
    }

    /// A person's latest conversations, newest first.
    pub fn recent_conversations(&self, person_id: i64, limit: usize) -> Result<Vec<Conversation>> {
        self.conversations_where(
            "WHERE c.person_id = ?1 ORDER BY c.happened_at DESC, c.id DESC LIMIT ?2",
            params![person_id, limit as i64],
        )
    }

    /// The moods of each person's last `per_person` conversations with a mood since `since`,
    /// newest first, for the people in `person_ids`. One walk over the window's conversations
    /// by time (`conversation_by_time`): the window is weeks, so the cost is those weeks,
    /// not the history or a probe per person.
    pub(crate) fn recent_moods(
        &self,
        person_ids: &[i64],
        since: NaiveDateTime,
        per_person: usize,
    ) -> Result<HashMap<i64, Vec<(NaiveDateTime, Mood)>>> {
        let wanted: std::collections::HashSet<i64> = person_ids.iter().copied().collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT person_id, happened_at, mood FROM conversation
             WHERE happened_at >= ?1 AND mood IS NOT NULL
             ORDER BY happened_at DESC, id DESC",
        )?;
        let mut moods: HashMap<i64, Vec<(NaiveDateTime, Mood)>> = HashMap::new();
        let mut found = stmt.query([fmt_when(since)])?;
        while let Some(row) = found.next()? {
            let person_id: i64 = row.get(0)?;
            if !wanted.contains(&person_id) {
                continue;
            }
            let theirs = moods.entry(person_id).or_default();
            if theirs.len() < per_person
                && let Some(mood) = Mood::new(row.get::<_, i64>(2)?)
            {
                theirs.push((rows::when(row, 1)?, mood));
            }
        }
        Ok(moods)
    }

    /// One person's conversations from `since` on, oldest first, with their needs and tags.
    pub(crate) fn conversations_of_since(
        &self,
        person_id: i64,
        since: NaiveDateTime,
    ) -> Result<Vec<Conversation>> {
        self.conversations_where(
            "WHERE c.person_id = ?1 AND c.happened_at >= ?2 ORDER BY c.happened_at, c.id",
            params![person_id, fmt_when(since)],
        )
    }

    /// Conversations of everyone, newest first, starting strictly before `before` (keyset
    /// pagination: the cost is the page, not the history).
    pub(crate) fn conversations_before(
        &self,
        before: Option<(NaiveDateTime, i64)>,
        limit: usize,
    ) -> Result<Vec<Conversation>> {
        let (when, id) = before
            .map(|(when, id)| (fmt_when(when), id))
            .unwrap_or_else(|| ("9999".to_string(), i64::MAX));
        self.conversations_where(
            "WHERE (c.happened_at, c.id) < (?1, ?2)
             ORDER BY c.happened_at DESC, c.id DESC LIMIT ?3",
            params![when, id, limit as i64],
        )
    }

    /// Everyone's conversations from `from` (inclusive) to `until` (exclusive), oldest first,
    /// with their needs but without their texts, tags or person's name and UUID: what the
    /// team's trend counts, read without carrying a year of notes.
    pub(crate) fn conversations_counted_between(
        &self,
        from: NaiveDateTime,
        until: NaiveDateTime,
    ) -> Result<Vec<Conversation>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.uuid, c.person_id, '', c.happened_at, c.kind, c.mood, c.stance, '', '',
                    zeroblob(16)
             FROM conversation c WHERE c.happened_at >= ?1 AND c.happened_at < ?2
             ORDER BY c.happened_at, c.id",
        )?;
        let mut found = stmt
            .query_map(params![fmt_when(from), fmt_when(until)], conversation_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let position: HashMap<i64, usize> =
            found.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        // The same window walked again, each conversation's needs found by its id: no list of
        // thousands of ids in the query's text.
        let mut needs = self.conn.prepare_cached(
            "SELECT n.conversation_id, n.need, n.state FROM conversation c
             JOIN conversation_need n ON n.conversation_id = c.id
             WHERE c.happened_at >= ?1 AND c.happened_at < ?2",
        )?;
        let mut rows_ = needs.query(params![fmt_when(from), fmt_when(until)])?;
        while let Some(row) = rows_.next()? {
            if let Some(&i) = position.get(&row.get::<_, i64>(0)?) {
                found[i].needs.push(ConversationNeed {
                    need: rows::word(row, 1)?,
                    how: String::new(),
                    state: rows::word(row, 2)?,
                });
            }
        }
        Ok(found)
    }

    /// Fills in needs and tags for a page of conversations with one query each.
    pub(super) fn attach_needs_and_tags(&self, conversations: &mut [Conversation]) -> Result<()> {
        self.attach_needs(conversations)?;
        self.attach_tags(conversations)
    }

    fn attach_needs(&self, conversations: &mut [Conversation]) -> Result<()> {
        if conversations.is_empty() {
            return Ok(());
        }
        let ids: Vec<String> = conversations.iter().map(|c| c.id.to_string()).collect();
        let list = ids.join(",");
        let position: HashMap<i64, usize> = conversations
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        // The ids are integers we read ourselves, so inlining them is safe.
        let mut needs = self.conn.prepare(&format!(
            "SELECT conversation_id, need, how, state FROM conversation_need
             WHERE conversation_id IN ({list}) ORDER BY conversation_id"
        ))?;
        let mut rows_ = needs.query([])?;
        while let Some(row) = rows_.next()? {
            let id: i64 = row.get(0)?;
            if let Some(&i) = position.get(&id) {
                conversations[i].needs.push(ConversationNeed {
                    need: rows::word(row, 1)?,
                    how: row.get(2)?,
                    state: rows::word(row, 3)?,
                });
            }
        }
        for conversation in conversations.iter_mut() {
            conversation.needs.sort_by_key(|n| n.need);
        }
        Ok(())
    }

    fn attach_tags(&self, conversations: &mut [Conversation]) -> Result<()> {
        if conversations.is_empty() {
            return Ok(());
        }
        let list = conversations
            .iter()
            .map(|c| c.id.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let position: HashMap<i64, usize> = conversations
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        let mut tags = self.conn.prepare(&format!(
            "SELECT conversation_id, tag FROM conversation_tag
             WHERE conversation_id IN ({list}) ORDER BY conversation_id, tag"
        ))?;
        let mut rows_ = tags.query([])?;
        while let Some(row) = rows_.next()? {
            let id: i64 = row.get(0)?;
            if let Some(&i) = position.get(&id) {
                conversations[i].tags.push(row.get(1)?);
            }
        }
        Ok(())
    }
}

pub(super) fn conversation_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<Conversation> {
    Ok(Conversation {
        id: row.get(0)?,
        uuid: rows::uuid(row, 1)?,
        person_id: row.get(2)?,
        person_name: row.get(3)?,
        person_uuid: rows::uuid(row, 10)?,
        happened_at: rows::when(row, 4)?,
        kind: rows::word(row, 5)?,
        mood: row
            .get::<_, Option<i64>>(6)?
            .and_then(crate::domain::Mood::new),
        stance: rows::opt_word(row, 7)?,
        summary: row.get(8)?,
        notes: row.get(9)?,
        needs: Vec::new(),
        tags: Vec::new(),
    })
}

fn write_needs_and_tags(
    tx: &Transaction<'_>,
    id: i64,
    input: &ConversationInput,
    stamp: &Stamp,
) -> Result<()> {
    let when = fmt_when(input.happened_at);
    let mut need = tx.prepare_cached(
        "INSERT INTO conversation_need (uuid, conversation_id, need, how, person_id, happened_at,
                                        created_at, updated_at, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
    )?;
    for met in &input.needs {
        need.execute(params![
            new_uuid(),
            id,
            met.need.key(),
            met.how,
            input.person_id,
            when,
            stamp,
            met.state.key()
        ])?;
    }
    let mut tag = tx.prepare_cached(
        "INSERT INTO conversation_tag (uuid, conversation_id, tag, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
    )?;
    for text in &input.tags {
        tag.execute(params![new_uuid(), id, text, stamp])?;
    }
    Ok(())
}

/// The follow-ups, acknowledgement and idea born in a conversation.
fn write_attachments(
    tx: &Transaction<'_>,
    id: i64,
    input: &ConversationInput,
    stamp: &Stamp,
) -> Result<()> {
    let day = fmt_date(input.happened_at.date());
    let mut follow_up = tx.prepare_cached(
        "INSERT INTO follow_up (uuid, person_id, conversation_id, owner, text, made_on, due_on,
                                created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?;
    for item in &input.follow_ups {
        follow_up.execute(params![
            new_uuid(),
            input.person_id,
            id,
            item.owner.key(),
            item.text,
            day,
            item.due_on.map(fmt_date),
            stamp
        ])?;
    }
    if let Some(text) = &input.acknowledgement {
        tx.execute(
            "INSERT INTO acknowledgement (uuid, person_id, conversation_id, given_at, text, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![new_uuid(), input.person_id, id, fmt_when(input.happened_at), text, stamp],
        )?;
    }
    if let Some(text) = &input.idea {
        tx.execute(
            "INSERT INTO idea (uuid, person_id, conversation_id, heard_on, text, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![new_uuid(), input.person_id, id, day, text, stamp],
        )?;
    }
    Ok(())
}
