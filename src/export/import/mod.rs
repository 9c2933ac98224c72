//! Importing a JSON export: read as a stream, every row checked, then added if the journal
//! does not have it yet (by UUID), all in one transaction. A file that fails any check
//! changes nothing.

use crate::domain::{NeedState, Topic, parse_priorities, priority_words};
use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;
use uuid::Uuid;

use super::json::{FORMAT, VERSION};
use crate::domain::{
    AspirationStatus, ConversationKind, IdeaStatus, Need, Owner, Stance, TextField, clean_line,
    clean_name, clean_text, parse_iso_week, require,
};
use crate::store::export_rows::{
    Cell, Check, Column, EachTable, ImportCounts, Lookup, PersonRow, TABLES, TableCounts, TableRow,
    Tables, Words, each_table,
};
use crate::store::{Error, Result, Store};

/// The largest export `import` reads. The journal Rapport is designed for (500 people over
/// ten years) exports to about 340 MB.
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
    // Read as a stream, never whole: the header first, then the rows a part at a time, each
    // part checked and staged before the next is read. Tables come parents first, so a
    // reference always names a row already read (or one in the journal). Only the UUIDs are
    // kept from one part to the next, so memory stays small however large the export; the
    // staged rows wait in a temporary file until the whole file has passed.
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
    let now = store.local_now();
    let (in_file, added, skipped) = if dry_run {
        let mut added = TableCounts::new();
        let lookup = store.lookup();
        let mut validator = Validator::new(lookup, now);
        stream_parts(open().map_err(as_error)?, &mut |part| {
            validator.check(&part)?;
            for (table, n) in new_rows(lookup, &part)? {
                *added.entry(table).or_default() += n;
            }
            Ok(())
        })
        .map_err(as_error)?;
        (
            validator.finish().map_err(as_error)?,
            added,
            TableCounts::new(),
        )
    } else {
        let (in_file, ImportCounts { added, skipped }) = store
            .bulk_load(|load| {
                let mut validator = Validator::new(load.lookup(), now);
                stream_parts(open()?, &mut |part| {
                    validator.check(&part)?;
                    load.add_part(&part)?;
                    Ok(())
                })?;
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
                validator.finish()
            })
            .map_err(as_error)?;
        (in_file, added, skipped)
    };
    Ok(ImportReport {
        file: path.to_path_buf(),
        dry_run,
        in_file: with_every_table(in_file),
        added: with_every_table(added),
        skipped,
    })
}

/// Adds back what an export held in memory and the journal no longer has: how the interface
/// undoes a delete (the person's part was exported just before). The rows the delete took
/// (`deleted`) come back under their own ids. All or nothing, like [`import`].
pub(crate) fn restore_from(
    store: &mut Store,
    export: &[u8],
    deleted: &crate::store::DeletedRows,
) -> Result<u64> {
    let as_error = |problem: Problem| match problem {
        Problem::Bad(reason) => Error::NotImportable(PathBuf::from("the deleted item"), reason),
        Problem::Store(e) => e,
    };
    let now = store.local_now();
    let (_, ImportCounts { added, .. }) = store
        .bulk_load(|load| {
            let mut validator = Validator::new(load.lookup(), now);
            load.keep_ids(deleted)?;
            stream_parts(export, &mut |part| {
                validator.check(&part)?;
                load.add_part(&part)?;
                Ok(())
            })?;
            validator.finish()
        })
        .map_err(as_error)?;
    Ok(added.values().sum())
}

/// The top of the file, read first so that a foreign or newer file gets the right sentence.
#[derive(Default)]
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
    let mut header = Header::default();
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let read = serde::de::DeserializeSeed::deserialize(&mut header, &mut deserializer)
        .and_then(|()| deserializer.end());
    // Reading stops on purpose once both fields are in (an export has them first): the
    // rest of the file is read, and its faults told, by the import itself.
    if let Err(e) = read
        && (header.format.is_none() || header.version.is_none())
    {
        return Err(unreadable(&e).unwrap_or_else(|| "it is not a Rapport export".to_string()));
    }
    if header.format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(format!(
            "it is not a Rapport export (it has no \"format\": \"{FORMAT}\")"
        ));
    }
    match header.version.as_ref().and_then(|v| v.as_u64()) {
        // Versions 1 and 2 lack the fields and tables later versions added; their defaults
        // are what those files meant.
        Some(1..=VERSION) => Ok(()),
        Some(newer) if newer > VERSION => Err(format!(
            "it was exported by a newer Rapport (export format version {newer}; this one reads versions 1 to {VERSION}) — please upgrade Rapport"
        )),
        _ => Err(format!(
            "its \"version\" is not an export format version this Rapport reads (versions 1 to {VERSION})"
        )),
    }
}

/// Why a file that is not JSON, or not whole, cannot be read; `None` when it is JSON that
/// does not hold what an export holds.
fn unreadable(e: &serde_json::Error) -> Option<String> {
    match e.classify() {
        serde_json::error::Category::Io => Some("it could not be read".to_string()),
        serde_json::error::Category::Eof => Some(format!(
            "the file ends early (it looks cut off at line {}), so it is not a complete export",
            e.line()
        )),
        serde_json::error::Category::Syntax => Some(format!(
            "it is not JSON (line {}, column {})",
            e.line(),
            e.column()
        )),
        serde_json::error::Category::Data => None,
    }
}

/// The header's fields, read until both are in.
impl<'de> serde::de::DeserializeSeed<'de> for &mut Header {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for &mut Header {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a Rapport export")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<(), A::Error> {
        use serde::de::Error as _;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => self.format = Some(map.next_value()?),
                "version" => self.version = Some(map.next_value()?),
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
            if self.format.is_some() && self.version.is_some() {
                return Err(A::Error::custom("the header is read"));
            }
        }
        Ok(())
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
        Problem::Bad(unreadable(&e).unwrap_or_else(|| {
            format!(
                "it does not hold what a Rapport export holds ({}, at line {}, column {})",
                problem_without_quotes(&e),
                e.line(),
                e.column()
            )
        }))
    })
}

/// The top-level object of an export, read key by key.
struct PartsSeed<'a> {
    on_part: &'a mut dyn FnMut(Tables) -> Checked,
    /// Why `on_part` stopped the reading, told apart from a malformed file.
    stopped: &'a mut Option<Problem>,
}

/// The keys an export's top-level object may have.
fn fields() -> &'static [&'static str] {
    static FIELDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        ["format", "version"]
            .iter()
            .chain(TABLES)
            .copied()
            .collect()
    })
}

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
                return Err(A::Error::unknown_field(&key, fields()));
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
            each_table(&mut ReadTable {
                key: &key,
                de: std::marker::PhantomData,
                map: &mut map,
                on_part: &mut *self.on_part,
                stopped: &mut *self.stopped,
            })?;
        }
        Ok(())
    }
}

/// Reads the value of `key`, the array of the table of that name.
struct ReadTable<'m, 'de, A> {
    key: &'m str,
    de: std::marker::PhantomData<&'de ()>,
    map: &'m mut A,
    on_part: &'m mut dyn FnMut(Tables) -> Checked,
    stopped: &'m mut Option<Problem>,
}

impl<'de, A: serde::de::MapAccess<'de>> EachTable for ReadTable<'_, 'de, A> {
    type Error = A::Error;

    fn table<T: TableRow>(&mut self) -> std::result::Result<(), A::Error> {
        if T::TABLE.name != self.key {
            return Ok(());
        }
        self.map.next_value_seed(TableSeed::<T> {
            on_part: &mut *self.on_part,
            stopped: &mut *self.stopped,
            rows: std::marker::PhantomData,
        })
    }
}

/// One table's array, read row by row and handed on in parts.
struct TableSeed<'a, T> {
    on_part: &'a mut dyn FnMut(Tables) -> Checked,
    stopped: &'a mut Option<Problem>,
    rows: std::marker::PhantomData<T>,
}

impl<'de, T: TableRow> serde::de::DeserializeSeed<'de> for TableSeed<'_, T> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: TableRow> serde::de::Visitor<'de> for TableSeed<'_, T> {
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
                *T::rows_mut(&mut part) = std::mem::take(&mut rows);
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

/// What the rows read so far hold: every UUID (each table's own, so a row that appears
/// twice is refused), whose each conversation is, and how many rows each table has.
#[derive(Default)]
struct Index {
    uuids: HashMap<&'static str, HashSet<Uuid>>,
    person_of_conversation: HashMap<Uuid, Uuid>,
    person_of_aspiration: HashMap<Uuid, Uuid>,
    counts: TableCounts,
}

impl EachTable for (&mut Index, &Tables) {
    type Error = Problem;

    fn table<T: TableRow>(&mut self) -> Checked {
        let (index, part) = self;
        let rows = T::rows(part);
        let table = T::TABLE.name;
        if rows.is_empty() {
            return Ok(());
        }
        *index.counts.entry(table).or_default() += rows.len() as u64;
        let seen = index.uuids.entry(table).or_default();
        for row in rows {
            if !seen.insert(row.uuid()) {
                return Err(bad(format!(
                    "the {} {} appears twice",
                    table.replace('_', " "),
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

fn bad(reason: String) -> Problem {
    Problem::Bad(reason)
}

/// Checks every row (words, dates, numbers, text as the entry forms take it, references,
/// names) as it is read, with what the rows before it and the journal hold.
struct Validator<'a> {
    lookup: Lookup<'a>,
    index: Index,
    now: NaiveDateTime,
    /// The active people's names so far, for clashes within the file.
    active_names: HashMap<String, Uuid>,
    /// The reflections' weeks so far.
    weeks: HashSet<String>,
    /// The first reference to a row neither read yet nor in the journal, told only when
    /// the whole file has been read: a file whose tables are out of order is refused for
    /// that, not for the references it seems to break.
    missing: Option<String>,
}

impl<'a> Validator<'a> {
    fn new(lookup: Lookup<'a>, now: NaiveDateTime) -> Validator<'a> {
        Validator {
            lookup,
            index: Index::default(),
            now,
            active_names: HashMap::new(),
            weeks: HashSet::new(),
            missing: None,
        }
    }

    /// After the whole file: the reference that was missing, if one was.
    fn finish(self) -> std::result::Result<TableCounts, Problem> {
        match self.missing {
            Some(reason) => Err(bad(reason)),
            None => Ok(self.index.counts),
        }
    }

    /// Checks a part of the file's rows.
    fn check(&mut self, part: &Tables) -> Checked {
        each_table(&mut (&mut self.index, part))?;
        for r in &part.conversation {
            self.index.person_of_conversation.insert(r.uuid, r.person);
        }
        for r in &part.aspiration {
            self.index.person_of_aspiration.insert(r.uuid, r.person);
        }
        let mut fields = Fields {
            v: self,
            part,
            missing: None,
        };
        each_table(&mut fields)?;
        if self.missing.is_none() {
            self.missing = fields.missing;
        }
        self.rules(part)
    }

    /// Whether the file (so far) or the journal has the row `uuid` of `table`.
    fn has(&self, table: &'static str, uuid: &Uuid) -> std::result::Result<bool, Problem> {
        if self
            .index
            .uuids
            .get(table)
            .is_some_and(|s| s.contains(uuid))
        {
            return Ok(true);
        }
        Ok(self.lookup.has_uuid(table, uuid)?)
    }

    /// One field of a row, as its column's description says: `Err` holds the rest of the
    /// sentence after the row's name.
    fn field(&self, column: &Column, cell: Cell<'_>) -> std::result::Result<(), Refusal> {
        let field = column.key;
        if let (Some(table), Cell::Uuid(Some(target))) = (column.refers, cell) {
            if !self.has(table, target)? {
                return Err(Refusal::Missing(format!(
                    "refers to {} {target}, which is neither in the file nor in the journal",
                    table.replace('_', " ")
                )));
            }
            return Ok(());
        }
        match (column.check, cell) {
            (Check::Name, Cell::Text(Some(text))) => as_entered(field, text, clean_name),
            (Check::Line(kind), Cell::Text(Some(text))) => {
                as_entered(field, text, |t| clean_line(t, kind))
            }
            (Check::Required(kind), Cell::Text(Some(text))) => {
                as_entered(field, text, |t| require(t, kind))
            }
            (Check::Text, Cell::Text(Some(text))) => as_entered(field, text, clean_text),
            (Check::Tag, Cell::Text(Some(text))) => {
                required(field, text)?;
                as_entered(field, text, |t| {
                    clean_line(t, TextField::Tag).map(|tag| tag.to_lowercase())
                })
            }
            (Check::NonEmpty, Cell::Text(Some(text))) => required(field, text),
            (Check::Date, Cell::Text(Some(text))) => date(field, text),
            (Check::When, Cell::Text(Some(text))) => when(field, text),
            (Check::Stamp, Cell::Text(Some(text))) => stamp(field, text),
            (Check::Week, Cell::Text(Some(text))) => week(text),
            (Check::Priorities, Cell::Text(Some(text))) => as_entered(field, text, |t| {
                parse_priorities(t).map(|needs| priority_words(&needs))
            }),
            (Check::Word(words), Cell::Text(Some(text))) => match words {
                Words::ConversationKind => word::<ConversationKind>(field, text, |k| k.key()),
                Words::Stance => word::<Stance>(field, text, |s| s.key()),
                Words::Need => word::<Need>(field, text, |n| n.key()),
                Words::Owner => word::<Owner>(field, text, |o| o.key()),
                Words::AspirationStatus => word::<AspirationStatus>(field, text, |s| s.key()),
                Words::IdeaStatus => word::<IdeaStatus>(field, text, |s| s.key()),
                Words::NeedState => word::<NeedState>(field, text, |s| s.key()),
                Words::Topic => word::<Topic>(field, text, |t| t.key()),
            },
            (Check::Rating(noun), Cell::Int(Some(rating))) if !(1..=5).contains(&rating) => Err(
                Refusal::Said(format!("has {noun} {rating} (it must be 1 to 5)")),
            ),
            (Check::Cadence, Cell::Int(Some(days))) => {
                match u32::try_from(days).map(crate::domain::check_cadence) {
                    Ok(Ok(_)) => Ok(()),
                    _ => Err(Refusal::Said(format!(
                        "has a cadence of {days} days (it must be 1 to 365)"
                    ))),
                }
            }
            _ => Ok(()),
        }
    }

    /// The rules that look beyond one field: names unique among active people, no
    /// conversation dated after today, a row's conversation is its person's (an aspiration
    /// update's, its aspiration's person's), nothing closed on its own before it was opened, one
    /// reflection a week, a pause that ends after it begins.
    fn rules(&mut self, t: &Tables) -> Checked {
        for r in &t.person {
            let paused = match (&r.paused_from, &r.paused_until) {
                (None, None) => true,
                (Some(from), Some(until)) => until > from,
                _ => false,
            };
            if !paused {
                return Err(bad(format!(
                    "person {} has a pause that does not end after it begins (paused_from and paused_until go together)",
                    r.uuid
                )));
            }
        }
        for r in &t.person {
            if r.archived {
                continue;
            }
            if let Some(other) = self.active_names.insert(r.name.to_lowercase(), r.uuid) {
                return Err(bad(format!(
                    "the file has two people with the same name ({other} and {})",
                    r.uuid
                )));
            }
            if !self.lookup.has_uuid(PersonRow::TABLE.name, &r.uuid)?
                && let Some(existing) = self.lookup.active_person_named(&r.name)?
                && existing != r.uuid
            {
                return Err(bad(format!(
                    "the journal already has someone else with the name of person {}; rename or archive one of them first",
                    r.uuid
                )));
            }
        }
        let today = self.now.format("%Y-%m-%d").to_string();
        for r in &t.conversation {
            // Like the Log form: no conversation after today.
            if r.happened_at
                .get(..10)
                .is_some_and(|day| day > today.as_str())
            {
                return Err(bad(format!(
                    "conversation {} has not happened yet (it is dated after today)",
                    r.uuid
                )));
            }
        }
        for r in &t.follow_up {
            self.same_person("follow-up", &r.uuid, &r.person, &r.conversation)?;
            self.same_person("follow-up", &r.uuid, &r.person, &r.done_in)?;
            let closes = Close::new("made", &r.made_on, "done", &r.done_on);
            closes.in_order("follow-up", &r.uuid, &r.done_in)?;
        }
        for r in &t.aspiration_update {
            // An update has no person of its own: it is its aspiration's.
            let owner = match self.index.person_of_aspiration.get(&r.aspiration) {
                Some(owner) => Some(*owner),
                None => self.lookup.person_of_aspiration(&r.aspiration)?,
            };
            if let Some(owner) = owner {
                self.same_person("aspiration update", &r.uuid, &owner, &r.conversation)?;
            }
        }
        for r in &t.acknowledgement {
            self.same_person("acknowledgement", &r.uuid, &r.person, &r.conversation)?;
        }
        for r in &t.idea {
            self.same_person("idea", &r.uuid, &r.person, &r.conversation)?;
            self.same_person("idea", &r.uuid, &r.person, &r.answered_in)?;
            let closes = Close::new("heard", &r.heard_on, "answered", &r.answered_on);
            closes.in_order("idea", &r.uuid, &r.answered_in)?;
        }
        for r in &t.talking_point {
            self.same_person("talking point", &r.uuid, &r.person, &r.conversation)?;
            let closes = Close::new("raised", &r.raised_on, "ticked", &r.ticked_on);
            closes.in_order("talking point", &r.uuid, &r.conversation)?;
        }
        for r in &t.question_asked {
            self.same_person("asked question", &r.uuid, &r.person, &r.conversation)?;
        }
        for r in &t.reflection {
            if !self.weeks.insert(r.week.clone()) {
                return Err(bad(format!("the file has two reflections for {}", r.week)));
            }
        }
        Ok(())
    }

    /// A row that names both a person and a conversation: the conversation is that
    /// person's.
    fn same_person(
        &self,
        noun: &str,
        uuid: &Uuid,
        person: &Uuid,
        conversation: &Option<Uuid>,
    ) -> Checked {
        let Some(conversation) = conversation else {
            return Ok(());
        };
        let owner = match self.index.person_of_conversation.get(conversation) {
            Some(owner) => Some(*owner),
            None => self.lookup.person_of_conversation(conversation)?,
        };
        if owner.is_some_and(|owner| owner != *person) {
            return Err(bad(format!(
                "{noun} {uuid} belongs to person {person} but refers to conversation {conversation}, which is someone else's"
            )));
        }
        Ok(())
    }
}

/// A row's opening day and its closing day (`made_on` and `done_on`, `raised_on` and
/// `ticked_on`, `heard_on` and `answered_on`), with the words a refusal names them by.
struct Close<'r> {
    opened: &'static str,
    opened_on: &'r str,
    closed: &'static str,
    closed_on: Option<&'r str>,
}

impl<'r> Close<'r> {
    fn new(
        opened: &'static str,
        opened_on: &'r str,
        closed: &'static str,
        closed_on: &'r Option<String>,
    ) -> Close<'r> {
        Close {
            opened,
            opened_on,
            closed,
            closed_on: closed_on.as_deref(),
        }
    }

    /// A row closed on its own (not in a conversation) is never closed before it was
    /// opened: Rapport dates such a close today, and never before the opening day. A row
    /// closed in a conversation carries that conversation's day, which may come before
    /// the row was written down (a 1:1 logged days later, ticking what was noted since).
    /// Both days are checked dates, `YYYY-MM-DD`, so their text sorts as the days do.
    fn in_order(&self, noun: &str, uuid: &Uuid, closed_in: &Option<Uuid>) -> Checked {
        let (opened, closed) = (self.opened, self.closed);
        match self.closed_on {
            Some(closed_on) if closed_in.is_none() && closed_on < self.opened_on => {
                Err(bad(format!(
                    "{noun} {uuid} is {closed} before it was {opened} (its {closed}_on comes before its {opened}_on, and it was not {closed} in a conversation)"
                )))
            }
            _ => Ok(()),
        }
    }
}

/// Checks the fields of each table's rows in a part.
struct Fields<'v, 'a> {
    v: &'v Validator<'a>,
    part: &'v Tables,
    missing: Option<String>,
}

impl EachTable for Fields<'_, '_> {
    type Error = Problem;

    fn table<T: TableRow>(&mut self) -> Checked {
        for row in T::rows(self.part) {
            for (column, cell) in T::TABLE.columns.iter().zip(row.cells()) {
                match self.v.field(column, cell) {
                    Ok(()) => {}
                    Err(Refusal::Said(rest)) => {
                        return Err(bad(format!("{} {} {rest}", T::TABLE.noun, row.uuid())));
                    }
                    Err(Refusal::Missing(rest)) => {
                        if self.missing.is_none() {
                            self.missing = Some(format!("{} {} {rest}", T::TABLE.noun, row.uuid()));
                        }
                    }
                    Err(Refusal::Store(e)) => return Err(e),
                }
            }
        }
        Ok(())
    }
}

/// Why a field is refused: the sentence after the row's name, or the journal could not be
/// asked.
enum Refusal {
    Said(String),
    /// A reference to a row neither read yet nor in the journal.
    Missing(String),
    Store(Problem),
}

impl From<Problem> for Refusal {
    fn from(problem: Problem) -> Self {
        Refusal::Store(problem)
    }
}

type FieldChecked = std::result::Result<(), Refusal>;

fn said(rest: String) -> FieldChecked {
    Err(Refusal::Said(rest))
}

// The refusals below never quote the value they refuse: in a damaged file it can be any
// text, notes included, and notes never go into a message.

/// A fixed word, spelled exactly as the journal stores it.
fn word<T>(field: &str, text: &str, key: impl Fn(T) -> &'static str) -> FieldChecked
where
    T: FromStr<Err = crate::domain::Invalid> + Copy,
{
    match T::from_str(text) {
        Ok(value) if key(value) == text => Ok(()),
        Ok(value) => said(format!(
            "has its {field} spelled otherwise than Rapport writes it (\"{}\")",
            key(value)
        )),
        Err(crate::domain::Invalid::UnknownWord { allowed, .. }) => {
            said(format!("has a {field} that is not one of {allowed}"))
        }
        Err(_) => said(format!("has a {field} Rapport does not know")),
    }
}

/// A field holds exactly what its entry form would have stored: the form's own check
/// passes and changes nothing (no blank space at the ends, no control characters in a name
/// or a line, within the length limits, tags in lower case).
fn as_entered<E: std::fmt::Display>(
    field: &str,
    text: &str,
    check: impl Fn(&str) -> std::result::Result<String, E>,
) -> FieldChecked {
    match check(text) {
        Ok(clean) if clean == text => Ok(()),
        Ok(_) => said(format!(
            "has a {field} that is not as the entry form would store it (blank space at its ends, or upper case in a tag)"
        )),
        // The checks' sentences never quote the text they refuse.
        Err(reason) => said(format!("has a {field} the entry form refuses: {reason}")),
    }
}

fn required(field: &str, text: &str) -> FieldChecked {
    if text.trim().is_empty() {
        said(format!("has an empty {field}"))
    } else {
        Ok(())
    }
}

fn date(field: &str, text: &str) -> FieldChecked {
    match written_date(text.as_bytes()) {
        Some(d) if in_years(d.year()) => Ok(()),
        _ => said(format!(
            "has a {field} that is not a date like 2026-11-20 between 1970 and 2100"
        )),
    }
}

/// A day written exactly as Rapport writes one, `YYYY-MM-DD` (`%Y-%m-%d` for the years
/// accepted), read by hand: a million of them go by in a large import, and chrono's parser
/// reads its format string again for each, then the check wrote the day back out to
/// compare.
fn written_date(text: &[u8]) -> Option<NaiveDate> {
    if text.len() != 10 || text[4] != b'-' || text[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&text[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&text[5..7])?, digits(&text[8..10])?)
}

/// A time written exactly as Rapport writes one, `YYYY-MM-DD HH:MM` (`WHEN_FORMAT`).
fn written_when(text: &[u8]) -> Option<NaiveDateTime> {
    if text.len() != 16 || text[10] != b' ' || text[13] != b':' {
        return None;
    }
    written_date(&text[..10])?.and_hms_opt(digits(&text[11..13])?, digits(&text[14..16])?, 0)
}

/// The number ASCII digits spell; `None` for anything else.
fn digits(text: &[u8]) -> Option<u32> {
    text.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// The years every date field accepts, as the date grammar does.
fn in_years(year: i32) -> bool {
    (1970..=2100).contains(&year)
}

fn when(field: &str, text: &str) -> FieldChecked {
    match written_when(text.as_bytes()) {
        Some(t) if in_years(t.year()) => Ok(()),
        _ => said(format!(
            "has a {field} that is not a time like 2026-11-20 14:30 between 1970 and 2100"
        )),
    }
}

fn stamp(field: &str, text: &str) -> FieldChecked {
    match DateTime::parse_from_rfc3339(text) {
        Ok(t) if in_years(t.naive_utc().year()) => Ok(()),
        _ => said(format!(
            "has a {field} that is not a time like 2026-11-20T14:30:00Z between 1970 and 2100"
        )),
    }
}

fn week(text: &str) -> FieldChecked {
    match parse_iso_week(text) {
        Ok(monday) if crate::domain::iso_week_label(monday) == text => Ok(()),
        _ => said("has a week not written like 2026-W47".to_string()),
    }
}

/// Rows of each table whose UUID the journal does not have.
fn new_rows(lookup: Lookup<'_>, part: &Tables) -> Result<TableCounts> {
    struct Count<'a> {
        lookup: Lookup<'a>,
        part: &'a Tables,
        counts: TableCounts,
    }
    impl EachTable for Count<'_> {
        type Error = Error;
        fn table<T: TableRow>(&mut self) -> Result<()> {
            let mut n = 0;
            for row in T::rows(self.part) {
                if !self.lookup.has_uuid(T::TABLE.name, &row.uuid())? {
                    n += 1;
                }
            }
            if n > 0 {
                *self.counts.entry(T::TABLE.name).or_default() += n;
            }
            Ok(())
        }
    }
    let mut count = Count {
        lookup,
        part,
        counts: TableCounts::new(),
    };
    each_table(&mut count)?;
    Ok(count.counts)
}

fn with_every_table(mut counts: TableCounts) -> TableCounts {
    for table in TABLES {
        counts.entry(table).or_default();
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The check before: chrono's parser, then the value written back out must be the text.
    fn round_trip(text: &str, format: &str) -> Option<NaiveDateTime> {
        let parsed = NaiveDateTime::parse_from_str(text, format)
            .or_else(|_| {
                NaiveDate::parse_from_str(text, format).map(|d| d.and_time(Default::default()))
            })
            .ok()?;
        (parsed.format(format).to_string() == text).then_some(parsed)
    }

    #[test]
    fn dates_and_times_are_read_as_chrono_reads_and_writes_them() {
        let texts = [
            "2026-11-20",
            "1970-01-01",
            "2100-12-31",
            "2024-02-29",
            "2026-02-29",
            "2026-02-30",
            "2026-1-05",
            "2026-13-01",
            "2026-00-10",
            "2026-11-00",
            " 2026-11-20",
            "2026-11-20 ",
            "２０２６-11-20",
            "2026/11/20",
            "+2026-11-20",
            "20261-11-20",
            "2026-11-2x",
            "",
            "2026-11-20 14:30",
            "2026-11-20 00:00",
            "2026-11-20 23:59",
            "2026-11-20 24:00",
            "2026-11-20 14:60",
            "2026-11-20 4:30",
            "2026-11-20T14:30",
            "2026-11-20 14:30:00",
            "2026-11-20 14-30",
            "2026-11-20 1é:30",
        ];
        for text in texts {
            assert_eq!(
                written_date(text.as_bytes()),
                round_trip(text, "%Y-%m-%d").map(|t| t.date()),
                "{text:?} as a date"
            );
            assert_eq!(
                written_when(text.as_bytes()),
                round_trip(text, crate::domain::WHEN_FORMAT),
                "{text:?} as a time"
            );
        }
    }
}
