//! Importing a JSON export: read it whole, check everything, then add what the journal does
//! not have yet (by UUID) in one transaction. A file that fails any check changes nothing.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::json::{FORMAT, VERSION};
use crate::domain::TextField;
use crate::domain::{
    AspirationStatus, ConversationKind, IdeaStatus, Need, Owner, Stance, WHEN_FORMAT, clean_line,
    clean_name, clean_text, parse_iso_week, require,
};
use crate::store::export_rows::{
    AspirationRow, ConversationRow, ImportCounts, PersonRow, TABLES, TableCounts, TableRow, Tables,
};
use crate::store::{Error, Result, Store};

/// The largest export `import` reads. The journal Rapport is designed for (500 people over
/// ten years) exports to about 270 MB.
pub(crate) const MAX_IMPORT_BYTES: u64 = 4 << 30;

/// What an import did, or with `dry_run` would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub file: PathBuf,
    pub dry_run: bool,
    /// Rows per table in the file.
    pub in_file: TableCounts,
    /// Rows per table added (with `dry_run`: rows whose UUID the journal does not have).
    pub added: TableCounts,
    /// Rows left out because the journal already had the same thing under another UUID.
    pub skipped: TableCounts,
}

impl ImportReport {
    pub fn total_added(&self) -> u64 {
        self.added.values().sum()
    }
}

/// Imports the JSON export at `path` into the journal (or only reports what it would add).
pub fn import(store: &mut Store, path: &Path, dry_run: bool) -> Result<ImportReport> {
    let refuse = |reason: String| Error::NotImportable(path.to_path_buf(), reason);
    let meta = std::fs::metadata(path).map_err(|source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    // A FIFO or a device (`/dev/zero`) would block or never end.
    if !meta.is_file() {
        return Err(refuse("it is not a regular file".into()));
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(refuse(format!(
            "it is larger than {} GiB, the most Rapport imports",
            MAX_IMPORT_BYTES >> 30
        )));
    }
    // Read as a stream, never whole: the header first, then the rows a part at a time, three
    // times: to learn every UUID in the file, to check every row, to add them. Only the
    // UUIDs are kept from one pass to the next, so memory stays small however large the
    // export.
    let open = || -> std::result::Result<BufReader<std::fs::File>, Problem> {
        std::fs::File::open(path)
            .map(|file| BufReader::with_capacity(1 << 16, file))
            .map_err(|e| Problem::Bad(format!("it could not be read ({e})")))
    };
    let as_error = |problem: Problem| match problem {
        Problem::Bad(reason) => Error::NotImportable(path.to_path_buf(), reason),
        Problem::Store(e) => e,
    };
    read_header(open().map_err(as_error)?).map_err(refuse)?;
    let mut index = Index::default();
    stream_parts(open().map_err(as_error)?, &mut |part| index.add(&part)).map_err(as_error)?;
    let mut validator = Validator::new(store, &index);
    stream_parts(open().map_err(as_error)?, &mut |part| {
        validator.check(&part)
    })
    .map_err(as_error)?;
    let (added, skipped) = if dry_run {
        let mut added = TableCounts::new();
        stream_parts(open().map_err(as_error)?, &mut |part| {
            for (table, n) in new_rows(store, &part)? {
                *added.entry(table).or_default() += n;
            }
            Ok(())
        })
        .map_err(as_error)?;
        (added, TableCounts::new())
    } else {
        let ImportCounts { added, skipped } = store
            .import_in_one_transaction(|insert| {
                stream_parts(open()?, &mut |part| Ok(insert(&part)?))?;
                // What was checked is what was added: a file changed meanwhile is refused
                // and nothing is kept.
                if std::fs::metadata(path)
                    .ok()
                    .map(|m| (m.len(), m.modified().ok()))
                    != Some((meta.len(), meta.modified().ok()))
                {
                    return Err(Problem::Bad(
                        "it changed while it was being imported".into(),
                    ));
                }
                Ok(())
            })
            .map_err(as_error)?;
        (added, skipped)
    };
    let in_file = with_every_table(index.counts);
    Ok(ImportReport {
        file: path.to_path_buf(),
        dry_run,
        in_file,
        added: with_every_table(added),
        skipped,
    })
}

/// The top of the file, read first so that a foreign or newer file gets the right sentence.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Reads the file's bytes into tables, or says in a sentence why it is not an export this
/// Rapport can read.
/// serde's description of a mismatch without the values it quotes from the file (they can
/// be note text, which never goes into a message): `invalid type: string "…", expected i64`
/// becomes `invalid type: string, expected i64`. Field names (`missing field uuid`) are
/// Rapport's own and stay.
fn problem_without_quotes(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let text = match full.rfind(" at line ") {
        Some(at) => &full[..at],
        None => &full,
    };
    let mut plain = String::new();
    let mut rest = text;
    while let Some(open) = rest.find(['"', '`']) {
        plain.push_str(&rest[..open]);
        let quote = rest[open..].chars().next().unwrap_or('"');
        let inside = &rest[open + 1..];
        let Some(close) = inside.find(quote) else {
            rest = "";
            break;
        };
        let quoted = &inside[..close];
        let ours = quote == '`'
            && !quoted.is_empty()
            && quoted.len() <= 32
            && quoted
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'-');
        if ours {
            plain.push_str(quoted);
        }
        rest = &inside[close + 1..];
    }
    plain.push_str(rest);
    plain
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ,", ",")
}

/// Reads the header: a file that is not JSON, not a Rapport export or from a newer Rapport
/// gets its own sentence before any row is read.
fn read_header(reader: impl Read) -> std::result::Result<(), String> {
    let header: Header = serde_json::from_reader(reader).map_err(|e| match e.classify() {
        serde_json::error::Category::Io => "it could not be read".to_string(),
        serde_json::error::Category::Eof => format!(
            "the file ends early (it looks cut off at line {}), so it is not a complete export",
            e.line()
        ),
        serde_json::error::Category::Syntax => {
            format!("it is not JSON (line {}, column {})", e.line(), e.column())
        }
        _ => "it is not a Rapport export".to_string(),
    })?;
    if header.format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(format!(
            "it is not a Rapport export (it has no \"format\": \"{FORMAT}\")"
        ));
    }
    match header.version.as_ref().and_then(|v| v.as_u64()) {
        Some(VERSION) => Ok(()),
        Some(newer) if newer > VERSION => Err(format!(
            "it was exported by a newer Rapport (export format version {newer}; this one reads version {VERSION}) — please upgrade Rapport"
        )),
        _ => Err(format!(
            "its \"version\" is not an export format version this Rapport reads (version {VERSION})"
        )),
    }
}

/// Rows of one table handed on at a time, at most this many.
const PART_ROWS: usize = 4096;

/// Reads the export's tables as a stream and hands them to `on_part` in parts (rows of one
/// table, at most [`PART_ROWS`]), in file order. Tables must come in the order Rapport
/// writes them (each after the tables it refers to). The first problem stops the reading.
fn stream_parts(
    reader: impl Read,
    on_part: &mut dyn FnMut(Tables) -> Checked,
) -> std::result::Result<(), Problem> {
    let mut stopped = None;
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let read = serde::de::DeserializeSeed::deserialize(
        PartsSeed {
            on_part,
            stopped: &mut stopped,
        },
        &mut deserializer,
    )
    .and_then(|()| deserializer.end());
    if let Some(problem) = stopped {
        return Err(problem);
    }
    read.map_err(|e| {
        Problem::Bad(format!(
            "it does not hold what a Rapport export holds ({}, at line {}, column {})",
            problem_without_quotes(&e),
            e.line(),
            e.column()
        ))
    })
}

/// The top-level object of an export, read key by key.
struct PartsSeed<'a> {
    on_part: &'a mut dyn FnMut(Tables) -> Checked,
    /// Why `on_part` stopped the reading, told apart from a malformed file.
    stopped: &'a mut Option<Problem>,
}

const FIELDS: &[&str] = &[
    "format",
    "version",
    "person",
    "conversation",
    "conversation_need",
    "conversation_tag",
    "follow_up",
    "aspiration",
    "aspiration_update",
    "acknowledgement",
    "idea",
    "reflection",
    "draft",
];

impl<'de> serde::de::DeserializeSeed<'de> for PartsSeed<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for PartsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a Rapport export")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<(), A::Error> {
        use serde::de::Error as _;
        let mut last = 0;
        while let Some(key) = map.next_key::<String>()? {
            let Some(position) = TABLES.iter().position(|t| *t == key) else {
                if key == "format" || key == "version" {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    continue;
                }
                return Err(A::Error::unknown_field(&key, FIELDS));
            };
            if position < last {
                *self.stopped = Some(Problem::Bad(format!(
                    "its tables are not in the order Rapport writes them ({} comes after {})",
                    key.replace('_', " "),
                    TABLES[last].replace('_', " ")
                )));
                return Err(A::Error::custom("stopped"));
            }
            last = position;
            match key.as_str() {
                "person" => map.next_value_seed(table_seed(
                    &mut *self.on_part,
                    &mut *self.stopped,
                    |t, rows| t.person = rows,
                ))?,
                "conversation" => map.next_value_seed(table_seed(
                    &mut *self.on_part,
                    &mut *self.stopped,
                    |t, rows| t.conversation = rows,
                ))?,
                "conversation_need" => map.next_value_seed(table_seed(
                    &mut *self.on_part,
                    &mut *self.stopped,
                    |t, rows| t.conversation_need = rows,
                ))?,
                "conversation_tag" => map.next_value_seed(table_seed(
                    &mut *self.on_part,
                    &mut *self.stopped,
                    |t, rows| t.conversation_tag = rows,
                ))?,
                "follow_up" => map.next_value_seed(table_seed(
                    &mut *self.on_part,
                    &mut *self.stopped,
                    |t, rows| t.follow_up = rows,
                ))?,
                "aspiration" => map.next_value_seed(table_seed(
                    &mut *self.on_part,
                    &mut *self.stopped,
                    |t, rows| t.aspiration = rows,
                ))?,
                "aspiration_update" => map.next_value_seed(table_seed(
                    &mut *self.on_part,
                    &mut *self.stopped,
                    |t, rows| t.aspiration_update = rows,
                ))?,
                "acknowledgement" => map.next_value_seed(table_seed(
                    &mut *self.on_part,
                    &mut *self.stopped,
                    |t, rows| t.acknowledgement = rows,
                ))?,
                "idea" => map.next_value_seed(table_seed(
                    &mut *self.on_part,
                    &mut *self.stopped,
                    |t, rows| t.idea = rows,
                ))?,
                "reflection" => map.next_value_seed(table_seed(
                    &mut *self.on_part,
                    &mut *self.stopped,
                    |t, rows| t.reflection = rows,
                ))?,
                _ => map.next_value_seed(table_seed(
                    &mut *self.on_part,
                    &mut *self.stopped,
                    |t, rows| t.draft = rows,
                ))?,
            }
        }
        Ok(())
    }
}

fn table_seed<'b, T>(
    on_part: &'b mut dyn FnMut(Tables) -> Checked,
    stopped: &'b mut Option<Problem>,
    place: fn(&mut Tables, Vec<T>),
) -> TableSeed<'b, T> {
    TableSeed {
        on_part,
        stopped,
        place,
    }
}

/// One table's array, read row by row and handed on in parts.
struct TableSeed<'a, T> {
    on_part: &'a mut dyn FnMut(Tables) -> Checked,
    stopped: &'a mut Option<Problem>,
    place: fn(&mut Tables, Vec<T>),
}

impl<'de, T: Deserialize<'de>> serde::de::DeserializeSeed<'de> for TableSeed<'_, T> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for TableSeed<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of rows")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<(), A::Error> {
        use serde::de::Error as _;
        let mut rows = Vec::with_capacity(PART_ROWS);
        loop {
            let row = seq.next_element::<T>()?;
            let done = row.is_none();
            rows.extend(row);
            if rows.len() == PART_ROWS || (done && !rows.is_empty()) {
                let mut part = Tables::default();
                (self.place)(&mut part, std::mem::take(&mut rows));
                if let Err(problem) = (self.on_part)(part) {
                    *self.stopped = Some(problem);
                    return Err(A::Error::custom("stopped"));
                }
            }
            if done {
                return Ok(());
            }
        }
    }
}

/// What the first pass learns: every UUID in the file (each table's own, so a row that
/// appears twice is refused), whose each conversation is, and how many rows each table has.
#[derive(Default)]
struct Index {
    uuids: HashMap<&'static str, HashSet<Uuid>>,
    person_of_conversation: HashMap<Uuid, Uuid>,
    counts: TableCounts,
}

impl Index {
    fn add(&mut self, part: &Tables) -> Checked {
        self.table(&part.person)?;
        self.table(&part.conversation)?;
        for r in &part.conversation {
            self.person_of_conversation.insert(r.uuid, r.person);
        }
        self.table(&part.conversation_need)?;
        self.table(&part.conversation_tag)?;
        self.table(&part.follow_up)?;
        self.table(&part.aspiration)?;
        self.table(&part.aspiration_update)?;
        self.table(&part.acknowledgement)?;
        self.table(&part.idea)?;
        self.table(&part.reflection)?;
        self.table(&part.draft)
    }

    fn table<T: TableRow>(&mut self, rows: &[T]) -> Checked {
        *self.counts.entry(T::TABLE).or_default() += rows.len() as u64;
        let seen = self.uuids.entry(T::TABLE).or_default();
        for row in rows {
            if !seen.insert(row.uuid()) {
                return Err(bad(format!(
                    "the {} {} appears twice",
                    T::TABLE.replace('_', " "),
                    row.uuid()
                )));
            }
        }
        Ok(())
    }
}

enum Problem {
    Bad(String),
    Store(Error),
}

impl From<Error> for Problem {
    fn from(error: Error) -> Self {
        Problem::Store(error)
    }
}

type Checked = std::result::Result<(), Problem>;

/// The UUIDs of the file's tables and the journal, for references.
struct Known<'a> {
    store: &'a Store,
    in_file: &'a HashMap<&'static str, HashSet<Uuid>>,
}

impl Known<'_> {
    fn has(&self, table: &'static str, uuid: &Uuid) -> std::result::Result<bool, Problem> {
        if self.in_file.get(table).is_some_and(|s| s.contains(uuid)) {
            return Ok(true);
        }
        Ok(self.store.has_uuid(table, uuid)?)
    }

    /// `row` (a `what` with `uuid`) refers to `target` in `table`, which must exist.
    fn refers(&self, what: &str, uuid: &Uuid, table: &'static str, target: &Uuid) -> Checked {
        if self.has(table, target)? {
            Ok(())
        } else {
            Err(bad(format!(
                "{what} {uuid} refers to {} {target}, which is neither in the file nor in the journal",
                table.replace('_', " ")
            )))
        }
    }

    fn refers_opt(
        &self,
        what: &str,
        uuid: &Uuid,
        table: &'static str,
        target: &Option<Uuid>,
    ) -> Checked {
        match target {
            Some(target) => self.refers(what, uuid, table, target),
            None => Ok(()),
        }
    }
}

fn bad(reason: String) -> Problem {
    Problem::Bad(reason)
}

/// The second pass: checks every row (words, dates, numbers, text as the entry forms take
/// it, references, names) with what the first pass learnt of the whole file.
struct Validator<'a> {
    known: Known<'a>,
    person_of_conversation: &'a HashMap<Uuid, Uuid>,
    now: NaiveDateTime,
    /// The active people's names so far, for clashes within the file.
    active_names: HashMap<String, Uuid>,
    /// The reflections' weeks so far.
    weeks: HashSet<String>,
}

impl<'a> Validator<'a> {
    fn new(store: &'a Store, index: &'a Index) -> Validator<'a> {
        Validator {
            known: Known {
                store,
                in_file: &index.uuids,
            },
            person_of_conversation: &index.person_of_conversation,
            now: store.local_now(),
            active_names: HashMap::new(),
            weeks: HashSet::new(),
        }
    }

    /// Checks a part of the file's rows.
    fn check(&mut self, t: &Tables) -> Checked {
        check_part(self, t)
    }
}

fn check_part(v: &mut Validator<'_>, t: &Tables) -> Checked {
    let known = &v.known;
    let store = known.store;
    let now = v.now;
    let person_of_conversation = v.person_of_conversation;
    let active_names = &mut v.active_names;
    for r in &t.person {
        let what = format!("person {}", r.uuid);
        as_entered(&what, "name", &r.name, clean_name)?;
        as_entered(&what, "role", &r.role, |t| clean_line(t, TextField::Role))?;
        as_entered(&what, "team", &r.team, |t| clean_line(t, TextField::Team))?;
        for (field, text) in [
            ("strengths", &r.strengths),
            ("motivations", &r.motivations),
            ("acknowledge_for", &r.acknowledge_for),
            ("would_change", &r.would_change),
        ] {
            as_entered(&what, field, text, clean_text)?;
        }
        let cadence = u32::try_from(r.cadence_days).map(crate::domain::check_cadence);
        if !matches!(cadence, Ok(Ok(_))) {
            return Err(bad(format!(
                "{what} has a cadence of {} days (it must be 1 to 365)",
                r.cadence_days
            )));
        }
        opt_date(&what, "started_on", &r.started_on)?;
        stamps(&what, &r.created_at, &r.updated_at)?;
        if r.archived {
            continue;
        }
        if let Some(other) = active_names.insert(r.name.to_lowercase(), r.uuid) {
            return Err(bad(format!(
                "the file has two people with the same name ({other} and {})",
                r.uuid
            )));
        }
        if !store.has_uuid(PersonRow::TABLE, &r.uuid)?
            && let Some(existing) = store.active_person_named(&r.name)?
            && existing != r.uuid
        {
            return Err(bad(format!(
                "the journal already has someone else with the name of person {}; rename or archive one of them first",
                r.uuid
            )));
        }
    }
    for r in &t.conversation {
        let what = format!("conversation {}", r.uuid);
        known.refers(&what, &r.uuid, PersonRow::TABLE, &r.person)?;
        when(&what, "happened_at", &r.happened_at)?;
        // Like the Log form: no conversation after today.
        if r.happened_at
            .get(..10)
            .is_some_and(|day| day > now.format("%Y-%m-%d").to_string().as_str())
        {
            return Err(bad(format!(
                "{what} has not happened yet (it is dated after today)"
            )));
        }
        as_entered(&what, "summary", &r.summary, |t| {
            clean_line(t, TextField::Summary)
        })?;
        as_entered(&what, "notes", &r.notes, clean_text)?;
        word::<ConversationKind>(&what, "kind", &r.kind, |k| k.key())?;
        if let Some(mood) = r.mood
            && !(1..=5).contains(&mood)
        {
            return Err(bad(format!(
                "{what} has a mood of {mood} (it must be 1 to 5)"
            )));
        }
        if let Some(stance) = &r.stance {
            word::<Stance>(&what, "stance", stance, |s| s.key())?;
        }
        stamps(&what, &r.created_at, &r.updated_at)?;
    }
    for r in &t.conversation_need {
        let what = format!("need {}", r.uuid);
        known.refers(&what, &r.uuid, ConversationRow::TABLE, &r.conversation)?;
        word::<Need>(&what, "need", &r.need, |n| n.key())?;
        as_entered(&what, "how", &r.how, |t| clean_line(t, TextField::NeedNote))?;
        stamps(&what, &r.created_at, &r.updated_at)?;
    }
    for r in &t.conversation_tag {
        let what = format!("tag {}", r.uuid);
        known.refers(&what, &r.uuid, ConversationRow::TABLE, &r.conversation)?;
        required(&what, "tag", &r.tag)?;
        as_entered(&what, "tag", &r.tag, |t| {
            clean_line(t, TextField::Tag).map(|tag| tag.to_lowercase())
        })?;
        stamps(&what, &r.created_at, &r.updated_at)?;
    }
    for r in &t.follow_up {
        let what = format!("follow-up {}", r.uuid);
        known.refers(&what, &r.uuid, PersonRow::TABLE, &r.person)?;
        known.refers_opt(&what, &r.uuid, ConversationRow::TABLE, &r.conversation)?;
        word::<Owner>(&what, "owner", &r.owner, |o| o.key())?;
        as_entered(&what, "text", &r.text, |t| require(t, TextField::FollowUp))?;
        same_person(
            known,
            person_of_conversation,
            &what,
            &r.person,
            &r.conversation,
        )?;
        date(&what, "made_on", &r.made_on)?;
        opt_date(&what, "due_on", &r.due_on)?;
        opt_date(&what, "done_on", &r.done_on)?;
        stamps(&what, &r.created_at, &r.updated_at)?;
    }
    for r in &t.aspiration {
        let what = format!("aspiration {}", r.uuid);
        known.refers(&what, &r.uuid, PersonRow::TABLE, &r.person)?;
        as_entered(&what, "title", &r.title, |t| {
            require(t, TextField::AspirationTitle)
        })?;
        as_entered(&what, "detail", &r.detail, clean_text)?;
        as_entered(&what, "horizon", &r.horizon, |t| {
            clean_line(t, TextField::Horizon)
        })?;
        word::<AspirationStatus>(&what, "status", &r.status, |s| s.key())?;
        stamps(&what, &r.created_at, &r.updated_at)?;
    }
    for r in &t.aspiration_update {
        let what = format!("aspiration update {}", r.uuid);
        known.refers(&what, &r.uuid, AspirationRow::TABLE, &r.aspiration)?;
        known.refers_opt(&what, &r.uuid, ConversationRow::TABLE, &r.conversation)?;
        date(&what, "noted_on", &r.noted_on)?;
        as_entered(&what, "note", &r.note, clean_text)?;
        if let Some(status) = &r.status {
            word::<AspirationStatus>(&what, "status", status, |s| s.key())?;
        }
        stamps(&what, &r.created_at, &r.updated_at)?;
    }
    for r in &t.acknowledgement {
        let what = format!("acknowledgement {}", r.uuid);
        known.refers(&what, &r.uuid, PersonRow::TABLE, &r.person)?;
        known.refers_opt(&what, &r.uuid, ConversationRow::TABLE, &r.conversation)?;
        when(&what, "given_at", &r.given_at)?;
        as_entered(&what, "text", &r.text, |t| {
            require(t, TextField::Acknowledgement)
        })?;
        same_person(
            known,
            person_of_conversation,
            &what,
            &r.person,
            &r.conversation,
        )?;
        stamps(&what, &r.created_at, &r.updated_at)?;
    }
    for r in &t.idea {
        let what = format!("idea {}", r.uuid);
        known.refers(&what, &r.uuid, PersonRow::TABLE, &r.person)?;
        known.refers_opt(&what, &r.uuid, ConversationRow::TABLE, &r.conversation)?;
        date(&what, "heard_on", &r.heard_on)?;
        as_entered(&what, "text", &r.text, |t| require(t, TextField::Idea))?;
        as_entered(&what, "answer", &r.answer, |t| {
            clean_line(t, TextField::Answer)
        })?;
        same_person(
            known,
            person_of_conversation,
            &what,
            &r.person,
            &r.conversation,
        )?;
        word::<IdeaStatus>(&what, "status", &r.status, |s| s.key())?;
        opt_date(&what, "answered_on", &r.answered_on)?;
        stamps(&what, &r.created_at, &r.updated_at)?;
    }
    let weeks = &mut v.weeks;
    for r in &t.reflection {
        let what = format!("reflection {}", r.uuid);
        let monday = parse_iso_week(&r.week)
            .map_err(|_| bad(format!("{what} has a week not written like 2026-W47")))?;
        if crate::domain::iso_week_label(monday) != r.week {
            return Err(bad(format!("{what} has a week not written like 2026-W47")));
        }
        if !weeks.insert(r.week.clone()) {
            return Err(bad(format!("the file has two reflections for {}", r.week)));
        }
        for rating in [
            r.directing_serving,
            r.reacting_initiating,
            r.control_commitment,
            r.improving_breakthrough,
        ]
        .into_iter()
        .flatten()
        {
            if !(1..=5).contains(&rating) {
                return Err(bad(format!(
                    "{what} has a balance rating of {rating} (it must be 1 to 5)"
                )));
            }
        }
        for (field, text) in [
            ("went_well", &r.went_well),
            ("do_differently", &r.do_differently),
            ("notes", &r.notes),
        ] {
            as_entered(&what, field, text, clean_text)?;
        }
        stamps(&what, &r.created_at, &r.updated_at)?;
    }
    for r in &t.draft {
        let what = format!("draft {}", r.uuid);
        required(&what, "form", &r.form)?;
        stamps(&what, &r.created_at, &r.updated_at)?;
    }
    Ok(())
}

// The refusals below never quote the value they refuse: in a damaged file it can be any
// text, notes included, and notes never go into a message.

/// A fixed word, spelled exactly as the journal stores it.
fn word<T>(what: &str, field: &str, text: &str, key: impl Fn(T) -> &'static str) -> Checked
where
    T: FromStr<Err = crate::domain::Invalid> + Copy,
{
    match T::from_str(text) {
        Ok(value) if key(value) == text => Ok(()),
        Ok(value) => Err(bad(format!(
            "{what} has its {field} spelled otherwise than Rapport writes it (\"{}\")",
            key(value)
        ))),
        Err(crate::domain::Invalid::UnknownWord { allowed, .. }) => Err(bad(format!(
            "{what} has a {field} that is not one of {allowed}"
        ))),
        Err(_) => Err(bad(format!("{what} has a {field} Rapport does not know"))),
    }
}

/// A field holds exactly what its entry form would have stored: the form's own check
/// passes and changes nothing (no blank space at the ends, no control characters in a name
/// or a line, within the length limits, tags in lower case).
fn as_entered<E: std::fmt::Display>(
    what: &str,
    field: &str,
    text: &str,
    check: impl Fn(&str) -> std::result::Result<String, E>,
) -> Checked {
    match check(text) {
        Ok(clean) if clean == text => Ok(()),
        Ok(_) => Err(bad(format!(
            "{what} has a {field} that is not as the entry form would store it (blank space at its ends, or upper case in a tag)"
        ))),
        // The checks' sentences never quote the text they refuse.
        Err(reason) => Err(bad(format!(
            "{what} has a {field} the entry form refuses: {reason}"
        ))),
    }
}

/// A row that names both a person and a conversation: the conversation is that person's.
fn same_person(
    known: &Known<'_>,
    in_file: &HashMap<Uuid, Uuid>,
    what: &str,
    person: &Uuid,
    conversation: &Option<Uuid>,
) -> Checked {
    let Some(conversation) = conversation else {
        return Ok(());
    };
    let owner = match in_file.get(conversation) {
        Some(owner) => Some(*owner),
        None => known.store.person_of_conversation(conversation)?,
    };
    if owner.is_some_and(|owner| owner != *person) {
        return Err(bad(format!(
            "{what} belongs to person {person} but refers to conversation {conversation}, which is someone else's"
        )));
    }
    Ok(())
}

fn required(what: &str, field: &str, text: &str) -> Checked {
    if text.trim().is_empty() {
        Err(bad(format!("{what} has an empty {field}")))
    } else {
        Ok(())
    }
}

fn date(what: &str, field: &str, text: &str) -> Checked {
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) if d.format("%Y-%m-%d").to_string() == text && in_years(d.year()) => Ok(()),
        _ => Err(bad(format!(
            "{what} has a {field} that is not a date like 2026-11-20 between 1970 and 2100"
        ))),
    }
}

/// The years every date field accepts, as the date grammar does.
fn in_years(year: i32) -> bool {
    (1970..=2100).contains(&year)
}

fn opt_date(what: &str, field: &str, text: &Option<String>) -> Checked {
    match text {
        Some(text) => date(what, field, text),
        None => Ok(()),
    }
}

fn when(what: &str, field: &str, text: &str) -> Checked {
    match NaiveDateTime::parse_from_str(text, WHEN_FORMAT) {
        Ok(t) if t.format(WHEN_FORMAT).to_string() == text && in_years(t.year()) => Ok(()),
        _ => Err(bad(format!(
            "{what} has a {field} that is not a time like 2026-11-20 14:30 between 1970 and 2100"
        ))),
    }
}

fn stamps(what: &str, created_at: &str, updated_at: &str) -> Checked {
    for (field, text) in [("created_at", created_at), ("updated_at", updated_at)] {
        if DateTime::parse_from_rfc3339(text).is_err() {
            return Err(bad(format!(
                "{what} has a {field} that is not a time like 2026-11-20T14:30:00Z"
            )));
        }
    }
    Ok(())
}

/// Rows of each table whose UUID the journal does not have.
fn new_rows(store: &Store, t: &Tables) -> Result<TableCounts> {
    fn count<T: TableRow>(store: &Store, rows: &[T]) -> Result<u64> {
        let mut n = 0;
        for row in rows {
            if !store.has_uuid(T::TABLE, &row.uuid())? {
                n += 1;
            }
        }
        Ok(n)
    }
    let found = [
        count(store, &t.person)?,
        count(store, &t.conversation)?,
        count(store, &t.conversation_need)?,
        count(store, &t.conversation_tag)?,
        count(store, &t.follow_up)?,
        count(store, &t.aspiration)?,
        count(store, &t.aspiration_update)?,
        count(store, &t.acknowledgement)?,
        count(store, &t.idea)?,
        count(store, &t.reflection)?,
        count(store, &t.draft)?,
    ];
    Ok(TABLES.iter().copied().zip(found).collect())
}

fn with_every_table(mut counts: TableCounts) -> TableCounts {
    for table in TABLES {
        counts.entry(table).or_default();
    }
    counts
}
