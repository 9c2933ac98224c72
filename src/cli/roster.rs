//! `rapport person import FILE.csv`: a team roster as a spreadsheet saves it (name, role,
//! team, cadence, start date), read with the `csv` crate. Header names are matched loosely
//! ("Full name", "Job title", "Start date"), a semicolon-separated file is read as such,
//! people already in the journal are skipped and said to be, and anything that cannot be
//! read stops the import with its line named: nobody is added until every row can be.

use std::io::{Read, Write};
use std::path::Path;

use serde::Serialize;

use super::output::json;
use super::{Failure, Outcome};
use crate::domain::{Lean, NewPerson, Person, parse_date};
use crate::store::targets::Existing;
use crate::store::{self, Store};

/// Larger than any team's roster by far; a file this big is something else.
const LARGEST_ROSTER_BYTES: u64 = 8 * 1024 * 1024;

/// What a roster's column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Role,
    Team,
    Cadence,
    Started,
}

impl Column {
    /// The column a header names, compared without case, spaces or punctuation.
    fn named(header: &str) -> Option<Column> {
        let key: String = header
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        Some(match key.as_str() {
            "name" | "fullname" | "person" | "employee" | "member" => Column::Name,
            "role" | "title" | "jobtitle" | "position" => Column::Role,
            "team" | "department" | "group" | "squad" => Column::Team,
            "cadence" | "cadencedays" | "every" | "oneononeevery" | "11every" => Column::Cadence,
            "started" | "start" | "startdate" | "startedon" | "joined" | "hiredate"
            | "startingdate" => Column::Started,
            _ => return None,
        })
    }

    fn word(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Role => "role",
            Column::Team => "team",
            Column::Cadence => "cadence",
            Column::Started => "start date",
        }
    }
}

/// One person the roster names that was not added, and why.
#[derive(Debug, Serialize)]
struct Skipped {
    line: u64,
    name: String,
    why: &'static str,
}

#[derive(Debug, Serialize)]
struct Report {
    dry_run: bool,
    added: Vec<Person>,
    skipped: Vec<Skipped>,
    /// Headers that name nothing Rapport keeps (an email, a manager): left out.
    columns_not_read: Vec<String>,
}

/// A roster row ready to add, with the line it came from.
struct Row {
    line: u64,
    person: NewPerson,
}

pub(crate) fn run(
    store: &mut Store,
    journal: &Path,
    file: &Path,
    dry_run: bool,
    as_json: bool,
    out: &mut dyn Write,
) -> Outcome {
    let from_stdin = file.as_os_str() == "-";
    let named = if from_stdin {
        "standard input".to_string()
    } else {
        file.display().to_string()
    };
    let bytes = read(file, from_stdin, journal)?;
    let today = store.today();
    let (rows, columns_not_read) = rows(&bytes, today).map_err(|why| {
        Failure::Usage(format!(
            "{named} cannot be imported: {why}; nobody was added"
        ))
    })?;
    let known: Vec<String> = store
        .people(true)?
        .iter()
        .map(|p| p.name.to_lowercase())
        .collect();
    let mut skipped = Vec::new();
    let mut new = Vec::new();
    for row in rows {
        if known.contains(&row.person.name.trim().to_lowercase()) {
            skipped.push(Skipped {
                line: row.line,
                name: row.person.name,
                why: "already in the journal",
            });
        } else {
            new.push(row);
        }
    }
    let people: Vec<NewPerson> = new.iter().map(|row| row.person.clone()).collect();
    let added = store.add_people(&people, !dry_run).map_err(|(at, error)| {
        let line = new.get(at).map_or(0, |row| row.line);
        Failure::Usage(format!(
            "{named} cannot be imported: line {line}: {error}; nobody was added"
        ))
    })?;
    let report = Report {
        dry_run,
        added,
        skipped,
        columns_not_read,
    };
    if as_json {
        return json(out, &report);
    }
    say(&report, &named, out)
}

fn say(report: &Report, named: &str, out: &mut dyn Write) -> Outcome {
    let names: Vec<&str> = report.added.iter().map(|p| p.name.as_str()).collect();
    let people = |n: usize| if n == 1 { "person" } else { "people" };
    match (names.len(), report.dry_run) {
        (0, _) => writeln!(out, "Nobody new in {named}.")?,
        (n, false) => writeln!(
            out,
            "Added {n} {} from {named}: {}.",
            people(n),
            names.join(", ")
        )?,
        (n, true) => writeln!(
            out,
            "Would add {n} {} from {named}: {}.",
            people(n),
            names.join(", ")
        )?,
    }
    for skip in &report.skipped {
        writeln!(
            out,
            "Skipped line {}, {}: {}.",
            skip.line, skip.name, skip.why
        )?;
    }
    if !report.columns_not_read.is_empty() {
        writeln!(
            out,
            "Not read: the column{} {} (Rapport keeps name, role, team, cadence and start date).",
            if report.columns_not_read.len() == 1 {
                ""
            } else {
                "s"
            },
            report.columns_not_read.join(", ")
        )?;
    }
    if report.dry_run {
        writeln!(out, "Nothing was changed (--dry-run).")?;
    }
    Ok(())
}

/// The roster's bytes: a regular file (never the journal itself, a FIFO or a device), or
/// standard input for `-`.
fn read(file: &Path, from_stdin: bool, journal: &Path) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let too_big = || {
        Failure::Usage(format!(
            "{} is larger than {} MiB, far more than a roster; nobody was added",
            file.display(),
            LARGEST_ROSTER_BYTES / 1024 / 1024
        ))
    };
    let cannot =
        |e: std::io::Error| Failure::Runtime(format!("could not read {}: {e}", file.display()));
    if from_stdin {
        std::io::stdin()
            .lock()
            .take(LARGEST_ROSTER_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(cannot)?;
    } else {
        match store::targets::existing(file)? {
            Existing::File => store::targets::refuse_journal_target(file, journal)?,
            Existing::Nothing => {
                return Err(store::Error::NotImportable(
                    file.into(),
                    "there is no such file".into(),
                )
                .into());
            }
            _ => return Err(store::Error::NotAFile(file.into()).into()),
        }
        std::fs::File::open(file)
            .map_err(cannot)?
            .take(LARGEST_ROSTER_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(cannot)?;
    }
    if bytes.len() as u64 > LARGEST_ROSTER_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// The people a roster names, in order, and the headers it has that Rapport does not keep.
fn rows(bytes: &[u8], today: chrono::NaiveDate) -> Result<(Vec<Row>, Vec<String>), String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(bytes))
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let headers = reader.headers().map_err(|e| unreadable(bytes, &e))?.clone();
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(headers.len());
    let mut columns_not_read = Vec::new();
    for header in &headers {
        let column = Column::named(header);
        if let Some(column) = column {
            if let Some(first) = columns.iter().position(|c| *c == Some(column)) {
                return Err(format!(
                    "two columns hold the {}: \"{}\" and \"{header}\"",
                    column.word(),
                    &headers[first]
                ));
            }
        } else if !header.is_empty() {
            columns_not_read.push(header.to_string());
        }
        columns.push(column);
    }
    if !columns.contains(&Some(Column::Name)) {
        return Err(format!(
            "line 1 has no column for the name (it has {}): call one column Name",
            headers
                .iter()
                .map(|h| format!("\"{h}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mut rows: Vec<Row> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| unreadable(bytes, &e))?;
        let line = line_at(bytes, record.position());
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |wanted: Column| {
            columns
                .iter()
                .position(|c| *c == Some(wanted))
                .and_then(|at| record.get(at))
                .unwrap_or("")
        };
        let at_line =
            |column: Column, why: String| format!("line {line}, {}: {why}", column.word());
        let name = cell(Column::Name);
        if name.is_empty() {
            return Err(format!("line {line} has no name"));
        }
        let cadence_days = match cell(Column::Cadence) {
            "" => None,
            text => Some(cadence(text).ok_or_else(|| {
                at_line(
                    Column::Cadence,
                    format!("\"{text}\" is not a number of days (14, 14d, 2w, weekly, monthly)"),
                )
            })?),
        };
        let started_on = match cell(Column::Started) {
            "" => None,
            text => Some(
                parse_date(text, today, Lean::Past)
                    .map_err(|e| at_line(Column::Started, e.to_string()))?,
            ),
        };
        let lowered = name.to_lowercase();
        if let Some(earlier) = rows
            .iter()
            .find(|row| row.person.name.to_lowercase() == lowered)
        {
            return Err(format!(
                "line {line} names {name} again (line {} did first)",
                earlier.line
            ));
        }
        rows.push(Row {
            line,
            person: NewPerson {
                name: name.to_string(),
                role: cell(Column::Role).to_string(),
                team: cell(Column::Team).to_string(),
                started_on,
                cadence_days,
            },
        });
    }
    Ok((rows, columns_not_read))
}

/// A semicolon when the header line has semicolons and no commas (a spreadsheet saved in a
/// language that writes decimals with a comma), a tab for a tab-separated file, else a comma.
fn delimiter(bytes: &[u8]) -> u8 {
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |wanted: u8| first_line.iter().filter(|b| **b == wanted).count();
    if count(b',') == 0 && count(b';') > 0 {
        b';'
    } else if count(b',') == 0 && count(b'\t') > 0 {
        b'\t'
    } else {
        b','
    }
}

/// Days between 1:1s, as a roster may write them.
fn cadence(text: &str) -> Option<u32> {
    let lowered = text.trim().to_lowercase();
    let named = match lowered.as_str() {
        "weekly" => Some(7),
        "biweekly" | "fortnightly" | "every two weeks" => Some(14),
        "monthly" => Some(30),
        _ => None,
    };
    if named.is_some() {
        return named;
    }
    let digits_end = lowered
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(lowered.len());
    let (number, unit) = lowered.split_at(digits_end);
    let number: u32 = number.parse().ok()?;
    let per = match unit.trim() {
        "" | "d" | "day" | "days" => 1,
        "w" | "week" | "weeks" => 7,
        _ => return None,
    };
    number.checked_mul(per)
}

/// The line a record starts on, counted from its byte offset: in a file whose lines end
/// with CR LF (as Windows spreadsheets write them) the reader places a record at the LF
/// before it, and its own line count falls behind.
fn line_at(bytes: &[u8], position: Option<&csv::Position>) -> u64 {
    let mut offset = position.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
    while bytes
        .get(offset)
        .is_some_and(|b| matches!(b, b'\r' | b'\n'))
    {
        offset += 1;
    }
    let before = bytes.get(..offset).unwrap_or(bytes);
    before.iter().filter(|b| **b == b'\n').count() as u64 + 1
}

/// A line the CSV reader could not read, named by its line.
fn unreadable(bytes: &[u8], error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => format!(
            "line {} has {len} fields where the header has {expected_len}",
            line_at(bytes, pos.as_ref())
        ),
        csv::ErrorKind::Utf8 { pos, .. } => format!(
            "line {} is not UTF-8 text (save the file as \"CSV UTF-8\")",
            line_at(bytes, pos.as_ref())
        ),
        csv::ErrorKind::Io(e) => format!("it could not be read ({e})"),
        _ => "it is not a CSV file".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cadences_read_as_a_roster_writes_them() {
        assert_eq!(cadence("14"), Some(14));
        assert_eq!(cadence("14d"), Some(14));
        assert_eq!(cadence("2 weeks"), Some(14));
        assert_eq!(cadence("Weekly"), Some(7));
        assert_eq!(cadence("monthly"), Some(30));
        assert_eq!(cadence("soon"), None);
        assert_eq!(cadence("1.5w"), None);
    }

    #[test]
    fn headers_match_without_case_spaces_or_punctuation() {
        assert_eq!(Column::named("Full Name"), Some(Column::Name));
        assert_eq!(Column::named("job_title"), Some(Column::Role));
        assert_eq!(Column::named("START DATE"), Some(Column::Started));
        assert_eq!(Column::named("Cadence (days)"), Some(Column::Cadence));
        assert_eq!(Column::named("Email"), None);
    }

    #[test]
    fn the_delimiter_is_the_one_the_header_uses() {
        assert_eq!(delimiter(b"Name;Team\nAna;Core"), b';');
        assert_eq!(delimiter(b"Name\tTeam\n"), b'\t');
        assert_eq!(delimiter(b"Name,Team;x\n"), b',');
    }
}
