//! One row per conversation, oldest first, with a column per need: for spreadsheets.
//!
//! Columns: date, time, person, kind, mood, stance, summary, then one column per need
//! (empty when the conversation did not address it, else the note on how, or `yes`), tags
//! (separated by `; `), notes and the conversation's UUID. Fields holding a comma, a quote
//! or a line break are quoted (RFC 4180); lines end with `\n`.

use std::io::Write;

use super::write_error;
use crate::domain::{Escape, Need};
use crate::store::{Result, Store};

pub fn write(store: &Store, person_id: Option<i64>, out: &mut dyn Write) -> Result<()> {
    let mut header: Vec<&str> = vec![
        "date", "time", "person", "kind", "mood", "stance", "summary",
    ];
    header.extend(Need::ALL.iter().map(|n| n.key()));
    header.extend(["tags", "notes", "uuid"]);
    record(out, header.iter().map(|h| h.to_string()))?;
    store.each_flat_conversation(person_id, |c| {
        let (date, time) = c
            .happened_at
            .split_once(' ')
            .unwrap_or((c.happened_at.as_str(), ""));
        let mut fields = vec![
            date.to_string(),
            time.to_string(),
            c.person,
            c.kind,
            c.mood.map(|m| m.to_string()).unwrap_or_default(),
            c.stance.unwrap_or_default(),
            c.summary,
        ];
        fields.extend(c.needs.into_iter().map(|need| match need {
            None => String::new(),
            Some(how) if how.is_empty() => "yes".to_string(),
            Some(how) => how,
        }));
        fields.extend([c.tags.join("; "), c.notes, c.uuid]);
        record(out, fields.into_iter())
    })?;
    out.flush().map_err(write_error)
}

fn record(out: &mut dyn Write, fields: impl Iterator<Item = String>) -> Result<()> {
    let line: Vec<String> = fields.map(|f| Escape::CsvField.apply(&f)).collect();
    writeln!(out, "{}", line.join(",")).map_err(write_error)
}
