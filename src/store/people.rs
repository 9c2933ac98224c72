//! People: the team's records with their profile, cadence and pauses, the summary line
//! every list shows, and everyone's names read for a shell's completion without a lock.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, params};
use serde::Serialize;

use super::rows::{self, fmt_date};
use super::which::{self, Which};
use super::{Error, Result, Stamp, Store, new_uuid};
use crate::domain::ProfileText;
use crate::domain::TextField;
use crate::domain::{
    DEFAULT_CADENCE_DAYS, Need, NewPerson, Pause, Person, PersonPatch, Standing, clean_line,
    clean_name, clean_text, parse_priorities, priority_words,
};

/// The columns [`person_from`] reads, in its order: the fixed ones, then each free-text part
/// of the profile as [`ProfileText`] lists them (so a new part needs no edit here).
pub(super) const PERSON_COLUMNS: PersonColumns = PersonColumns;
const FIXED_PERSON_COLUMNS: &str = "id, uuid, name, role, team, started_on, cadence_days,
     roving_leader, archived, created_at, paused_from, paused_until, priority_needs";
const FIXED_PERSON_COLUMN_COUNT: usize = 13;
/// How many columns [`PERSON_COLUMNS`] names.
pub(super) const PERSON_COLUMN_COUNT: usize = FIXED_PERSON_COLUMN_COUNT + ProfileText::ALL.len();

/// [`PERSON_COLUMNS`], written into a query's text with `{PERSON_COLUMNS}`.
pub(super) struct PersonColumns;

impl std::fmt::Display for PersonColumns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(FIXED_PERSON_COLUMNS)?;
        ProfileText::ALL
            .iter()
            .try_for_each(|part| write!(f, ", {}", part.key()))
    }
}

pub(super) fn person_from(row: &Row<'_>) -> rusqlite::Result<Person> {
    let mut person = Person {
        id: row.get(0)?,
        uuid: rows::uuid(row, 1)?,
        name: row.get(2)?,
        role: row.get(3)?,
        team: row.get(4)?,
        started_on: rows::opt_date(row, 5)?,
        cadence_days: row.get(6)?,
        roving_leader: row.get(7)?,
        archived: row.get(8)?,
        added_on: Some(rows::local_day_of_stamp(row, 9)?),
        pause: match (rows::opt_date(row, 10)?, rows::opt_date(row, 11)?) {
            (Some(from), Some(until)) => Some(Pause { from, until }),
            _ => None,
        },
        priorities: parse_priorities(&row.get::<_, String>(12)?).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(12, rusqlite::types::Type::Text, Box::new(e))
        })?,
        ..Person::unsaved(0, "", DEFAULT_CADENCE_DAYS)
    };
    for (at, part) in ProfileText::ALL.into_iter().enumerate() {
        *part.of_mut(&mut person) = row.get(FIXED_PERSON_COLUMN_COUNT + at)?;
    }
    Ok(person)
}

/// What the needs columns of [`need_columns`] say about one person.
pub(super) struct NeedFacts {
    pub last_met: [Option<NaiveDateTime>; 5],
    pub how: [String; 5],
    pub concerns_since: [Option<NaiveDateTime>; 5],
}

/// Per need, in C B A F S order: when it was last met, how (when `with_how`), and since when
/// a concern has been open (the first concern after it was last met). `person` names the
/// person's id in the outer query. Each is a lookup in `need_standing`, which the journal
/// keeps in step with every need written (migration 23), not a walk of the need index.
pub(super) fn need_columns(person: &str, with_how: bool) -> String {
    let mut columns = String::new();
    for need in Need::ALL {
        let key = need.key();
        let standing = format!("need_standing s WHERE s.person_id = {person} AND s.need = '{key}'");
        columns.push_str(&format!(",\n (SELECT s.last_met FROM {standing})"));
        if with_how {
            columns.push_str(&format!(
                ",\n (SELECT n.how FROM need_standing s
                       JOIN conversation_need n ON n.id = s.last_met_id
                      WHERE s.person_id = {person} AND s.need = '{key}')"
            ));
        }
        columns.push_str(&format!(",\n (SELECT s.concern_since FROM {standing})"));
    }
    columns
}

/// Fills `need_standing` again from the needs, after a load that set its triggers aside:
/// what the triggers of migration 23 keep it equal to. The latest met row wins by time,
/// then by id; a concern counts from after it.
pub(super) const NEED_STANDING_REBUILD: &str = "
    DELETE FROM need_standing;
    INSERT INTO need_standing (person_id, need, last_met, last_met_id, concern_since)
    SELECT g.person_id, g.need, m.happened_at, m.id,
           (SELECT min(c.happened_at) FROM conversation_need c
             WHERE c.person_id = g.person_id AND c.need = g.need AND c.state = 'concern'
               AND c.happened_at > coalesce(m.happened_at, ''))
      FROM (SELECT DISTINCT person_id, need FROM conversation_need) g
      LEFT JOIN conversation_need m
        ON m.id = (SELECT n.id FROM conversation_need n
                    WHERE n.person_id = g.person_id AND n.need = g.need AND n.state = 'met'
                    ORDER BY n.happened_at DESC, n.id DESC LIMIT 1);";

/// Reads the columns [`need_columns`] wrote, from `first` on.
pub(super) fn needs_from(
    row: &Row<'_>,
    first: usize,
    with_how: bool,
) -> rusqlite::Result<NeedFacts> {
    let per_need = if with_how { 3 } else { 2 };
    let mut facts = NeedFacts {
        last_met: [None; 5],
        how: Default::default(),
        concerns_since: [None; 5],
    };
    for need in Need::ALL {
        let i = need.index();
        let column = first + per_need * i;
        facts.last_met[i] = rows::opt_when(row, column)?;
        if with_how {
            facts.how[i] = row
                .get::<_, Option<String>>(column + 1)?
                .unwrap_or_default();
        }
        facts.concerns_since[i] = rows::opt_when(row, column + per_need - 1)?;
    }
    Ok(facts)
}

/// A person with what the lists show about them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonSummary {
    #[serde(flatten)]
    pub person: Person,
    /// The last conversation of any kind.
    pub last_conversation: Option<NaiveDateTime>,
    /// The first conversation of any kind: with a back-filled journal, the earliest sign
    /// they were there.
    #[serde(skip)]
    pub first_conversation: Option<NaiveDateTime>,
    /// The last conversation of a kind that keeps the 1:1 rhythm (see
    /// the `cadence_kinds` setting).
    pub last_one_on_one: Option<NaiveDateTime>,
    pub open_follow_ups: u32,
    /// When each need (in C B A F S order) was last met.
    pub needs_last_met: [Option<NaiveDateTime>; 5],
    /// Since when each need has had a concern open: raised and not met since.
    pub concerns_since: [Option<NaiveDateTime>; 5],
}

impl PersonSummary {
    /// Where the person stands on `today`: when their next 1:1 is due, or that they are
    /// paused or yet to start.
    pub fn standing(&self, today: NaiveDate) -> Standing {
        self.person
            .rhythm()
            .standing(self.last_one_on_one.map(|at| at.date()), today)
    }
}

fn check_cadence(days: u32) -> Result<u32> {
    Ok(crate::domain::check_cadence(days)?)
}

impl Store {
    pub fn add_person(&mut self, new: &NewPerson) -> Result<Person> {
        self.add_person_with_profile(new, &PersonPatch::default())
    }

    /// Adds someone with their profile in one transaction: a refused profile leaves no
    /// half-added person behind.
    pub(crate) fn add_person_with_profile(
        &mut self,
        new: &NewPerson,
        profile: &PersonPatch,
    ) -> Result<Person> {
        let stamp = self.stamp();
        let tx = self.write()?;
        let added = insert_person(&tx, new, &stamp)?;
        #[cfg(feature = "fault-injection")]
        super::fault::between_statements();
        let person = patched(added, profile)?;
        if name_taken(&tx, &person.name, Some(person.id))? {
            return Err(Error::DuplicateName(person.name));
        }
        write_person(&tx, &person, &stamp)?;
        tx.commit()?;
        Ok(person)
    }

    /// Adds everyone in `people` in one transaction (a roster import): when one is refused,
    /// nobody is added, and the error comes with the position of the one refused. With
    /// `keep` false the transaction is rolled back: a dry run that checks every row the
    /// way the real run would.
    pub(crate) fn add_people(
        &mut self,
        people: &[NewPerson],
        keep: bool,
    ) -> std::result::Result<Vec<Person>, (usize, Error)> {
        let stamp = self.stamp();
        let tx = self.write().map_err(|e| (0, e))?;
        let mut added = Vec::with_capacity(people.len());
        for (at, new) in people.iter().enumerate() {
            added.push(insert_person(&tx, new, &stamp).map_err(|e| (at, e))?);
        }
        if keep {
            tx.commit().map_err(|e| (people.len(), e.into()))?;
        }
        Ok(added)
    }

    pub fn person(&self, id: i64) -> Result<Person> {
        person_in(&self.conn, id.into())
    }

    /// Everyone, active people first, each group by name.
    pub fn people(&self, include_archived: bool) -> Result<Vec<Person>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PERSON_COLUMNS} FROM person WHERE archived = 0 OR ?1
             ORDER BY archived, name COLLATE NOCASE"
        ))?;
        let people = stmt
            .query_map([include_archived], person_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(people)
    }

    /// The people list with the last conversation, open follow-ups and when each need was
    /// last met: a few index probes per person, never a scan of the history, all in one
    /// statement (a statement per probe cost three times as much on a team of 500).
    pub fn people_summaries(&self, include_archived: bool) -> Result<Vec<PersonSummary>> {
        self.summaries("archived = 0 OR ?1", include_archived)
    }

    /// One person's line of [`Store::people_summaries`], as after saving a conversation with
    /// them: nobody else's can have changed. `None` when there is no such person.
    pub(crate) fn person_summary(&self, person_id: i64) -> Result<Option<PersonSummary>> {
        Ok(self.summaries("id = ?1", person_id)?.pop())
    }

    /// The summaries of the people `filter` (an SQL condition on `person`, its one parameter
    /// `?1`) picks.
    fn summaries(&self, filter: &str, param: impl rusqlite::ToSql) -> Result<Vec<PersonSummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PERSON_COLUMNS},
                    (SELECT max(c.happened_at) FROM conversation c WHERE c.person_id = person.id),
                    {one_on_one},
                    (SELECT count(*) FROM follow_up f
                      WHERE f.person_id = person.id AND f.done_on IS NULL),
                    (SELECT min(c.happened_at) FROM conversation c WHERE c.person_id = person.id)
                    {needs}
             FROM person WHERE {filter}
             ORDER BY archived, name COLLATE NOCASE",
            one_on_one = self.last_one_on_one_sql("person.id", None),
            needs = need_columns("person.id", false),
        ))?;
        let at = PERSON_COLUMN_COUNT;
        let summaries = stmt
            .query_map([param], |row| {
                let needs = needs_from(row, at + 4, false)?;
                Ok(PersonSummary {
                    person: person_from(row)?,
                    last_conversation: rows::opt_when(row, at)?,
                    first_conversation: rows::opt_when(row, at + 3)?,
                    last_one_on_one: rows::opt_when(row, at + 1)?,
                    open_follow_ups: row.get(at + 2)?,
                    needs_last_met: needs.last_met,
                    concerns_since: needs.concerns_since,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(summaries)
    }

    /// Finds a person by exact name (any case) or a unique beginning of a name. Archived
    /// people are found only by exact name, and only when `include_archived`.
    pub fn resolve_person(&self, query: &str, include_archived: bool) -> Result<Person> {
        let wanted = query.trim().to_lowercase();
        let everyone = self.people(true)?;
        let eligible = |p: &&Person| include_archived || !p.archived;
        let exact: Vec<&Person> = everyone
            .iter()
            .filter(eligible)
            .filter(|p| p.name.to_lowercase() == wanted)
            .collect();
        // An active person wins over an archived namesake.
        if let Some(person) = exact.iter().find(|p| !p.archived).or(exact.first()) {
            return Ok((*person).clone());
        }
        let by_prefix: Vec<&Person> = everyone
            .iter()
            .filter(|p| !p.archived)
            .filter(|p| !wanted.is_empty() && p.name.to_lowercase().starts_with(&wanted))
            .collect();
        match by_prefix.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::PersonNotFound {
                query: query.trim().to_string(),
                candidates: everyone
                    .iter()
                    .filter(|p| !p.archived)
                    .take(12)
                    .map(|p| p.name.clone())
                    .collect(),
            }),
            many => Err(Error::AmbiguousPerson {
                query: query.trim().to_string(),
                candidates: many.iter().map(|p| p.name.clone()).collect(),
            }),
        }
    }

    /// Changes what `patch` names, reading the person inside the same transaction, so two
    /// Rapports editing one person at once never lose each other's change.
    pub fn edit_person(&mut self, which: impl Into<Which>, patch: &PersonPatch) -> Result<Person> {
        let which = which.into();
        let stamp = self.stamp();
        let tx = self.write()?;
        let person = patched(person_in(&tx, which)?, patch)?;
        if !person.archived && name_taken(&tx, &person.name, Some(which.id))? {
            return Err(Error::DuplicateName(person.name));
        }
        write_person(&tx, &person, &stamp)?;
        tx.commit()?;
        // The old name and profile text must not linger in WAL frames.
        self.forget_old_text();
        Ok(person)
    }
}

/// Everyone's name in the journal at `path`, active people first, each group by name: what a
/// shell offers when a person is asked for.
pub(crate) fn person_names(path: &Path) -> Result<Vec<String>> {
    // An archived namesake of someone active is the same word to type: each name once.
    words_for_a_shell(
        path,
        "SELECT name FROM person GROUP BY name ORDER BY min(archived), name COLLATE NOCASE",
    )
}

/// Every tag the journal's conversations carry, each once, by name: what a shell offers for
/// `--tag`.
pub(crate) fn tag_names(path: &Path) -> Result<Vec<String>> {
    words_for_a_shell(
        path,
        "SELECT tag FROM conversation_tag GROUP BY tag ORDER BY tag COLLATE NOCASE",
    )
}

/// The one text column `query` selects from the journal at `path`. It reads without the
/// journal's lock, a migration or a backup, and never creates a file: a shell runs it at
/// every Tab, beside a Rapport that may be writing.
fn words_for_a_shell(path: &Path, query: &str) -> Result<Vec<String>> {
    // SQLite would wait forever on a FIFO, and make a file where there is none.
    if !path.is_file() {
        return Ok(Vec::new());
    }
    // An encrypted journal keeps its words to itself: a shell cannot ask for the passphrase.
    if super::cipher::sealing(path).ok() != Some(super::cipher::Sealing::Plain) {
        return Ok(Vec::new());
    }
    // Opened for writing, never creating, so that SQLite removes the -wal and -shm files it
    // makes on the way when this is the journal's only connection (a read-only one leaves
    // them behind); `query_only` refuses any statement that would write.
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update(None, "query_only", true)?;
    // Waiting is worse than offering nothing: the leader is at the keyboard.
    conn.busy_timeout(std::time::Duration::from_millis(200))?;
    let id: i64 = conn.query_row("PRAGMA application_id", [], |row| row.get(0))?;
    if id != super::files::APPLICATION_ID {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(query)?;
    let words = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(words)
}

/// Inserts one new person, refusing a name someone in the daily views already has.
fn insert_person(conn: &rusqlite::Connection, new: &NewPerson, stamp: &Stamp) -> Result<Person> {
    let name = clean_name(&new.name)?;
    let role = clean_line(&new.role, TextField::Role)?;
    let team = clean_line(&new.team, TextField::Team)?;
    let cadence = check_cadence(new.cadence_days.unwrap_or(DEFAULT_CADENCE_DAYS))?;
    if name_taken(conn, &name, None)? {
        return Err(Error::DuplicateName(name));
    }
    conn.execute(
        "INSERT INTO person (uuid, name, role, team, started_on, cadence_days, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![new_uuid(), name, role, team, new.started_on.map(fmt_date), cadence, stamp],
    )?;
    person_in(conn, conn.last_insert_rowid().into())
}

fn person_in(conn: &rusqlite::Connection, which: Which) -> Result<Person> {
    let found = conn
        .prepare_cached(&format!(
            "SELECT {PERSON_COLUMNS} FROM person WHERE {}",
            which::matching("person", 1, 2)
        ))?
        .query_row(rusqlite::params![which.id, which.uuid_param()], person_from)
        .optional()?;
    match found {
        Some(person) => Ok(person),
        // The command line names people, never numbers: "there is no person with id 7".
        None if which.uuid.is_none() => Err(Error::NotFound {
            what: "person with id",
            id: which.id.to_string(),
        }),
        None => Err(which::missing(conn, "person", "person", which)),
    }
}

/// `person` with what `patch` names changed, each field checked as the forms check it.
fn patched(mut person: Person, patch: &PersonPatch) -> Result<Person> {
    if let Some(name) = &patch.name {
        person.name = clean_name(name)?;
    }
    let line = |value: &Option<String>, current: &mut String, what| -> Result<()> {
        if let Some(value) = value {
            *current = clean_line(value, what)?;
        }
        Ok(())
    };
    line(&patch.role, &mut person.role, TextField::Role)?;
    line(&patch.team, &mut person.team, TextField::Team)?;
    for part in ProfileText::ALL {
        if let Some(value) = part.change_in(patch) {
            *part.of_mut(&mut person) = clean_text(value)?;
        }
    }
    if let Some(started) = patch.started_on {
        person.started_on = started;
    }
    if let Some(days) = patch.cadence_days {
        person.cadence_days = check_cadence(days)?;
    }
    if let Some(flag) = patch.roving_leader {
        person.roving_leader = flag;
    }
    if let Some(flag) = patch.archived {
        person.archived = flag;
    }
    if let Some(pause) = patch.pause {
        person.pause = pause;
    }
    if let Some(priorities) = &patch.priorities {
        person.priorities = parse_priorities(&priority_words(priorities))?;
    }
    Ok(person)
}

fn write_person(conn: &rusqlite::Connection, person: &Person, stamp: &Stamp) -> Result<()> {
    // The free-text parts of the profile follow the fixed columns, as ?13, ?14…
    let profile: String = ProfileText::ALL
        .iter()
        .enumerate()
        .map(|(at, part)| format!(", {} = ?{}", part.key(), 13 + at))
        .collect();
    let started_on = person.started_on.map(fmt_date);
    let paused_from = person.pause.map(|p| fmt_date(p.from));
    let paused_until = person.pause.map(|p| fmt_date(p.until));
    let priorities = priority_words(&person.priorities);
    let fixed: [&dyn rusqlite::ToSql; 12] = [
        &person.id,
        &person.name,
        &person.role,
        &person.team,
        &started_on,
        &person.cadence_days,
        &person.roving_leader,
        &person.archived,
        &stamp,
        &paused_from,
        &paused_until,
        &priorities,
    ];
    let texts = ProfileText::ALL.map(|part| part.of(person));
    let values = fixed
        .into_iter()
        .chain(texts.iter().map(|text| text as &dyn rusqlite::ToSql));
    conn.execute(
        &format!(
            "UPDATE person SET name = ?2, role = ?3, team = ?4, started_on = ?5,
                    cadence_days = ?6, roving_leader = ?7, archived = ?8, updated_at = ?9,
                    paused_from = ?10, paused_until = ?11, priority_needs = ?12{profile}
             WHERE id = ?1"
        ),
        rusqlite::params_from_iter(values),
    )?;
    Ok(())
}

/// Whether another active person already has this name, ignoring case.
fn name_taken(conn: &rusqlite::Connection, name: &str, except: Option<i64>) -> Result<bool> {
    let lowered = name.to_lowercase();
    let mut stmt = conn.prepare_cached("SELECT id, name FROM person WHERE archived = 0")?;
    let taken = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .filter_map(std::result::Result::ok)
        .any(|(id, other)| Some(id) != except && other.to_lowercase() == lowered);
    Ok(taken)
}
