//! `rapport aspiration`: what a person hopes to grow into, added, updated with progress
//! notes, shown, listed and deleted from the command line.

use std::io::Write;

use super::args::AspirationCommand;
use super::output::{json, line, relative, row_number};
use super::{Journal, Outcome};
use crate::store::NewAspiration;

pub(crate) fn run(journal: &Journal, action: AspirationCommand, out: &mut dyn Write) -> Outcome {
    match action {
        AspirationCommand::Add {
            name,
            title,
            detail,
            horizon,
            status,
            serves,
            json: as_json,
        } => {
            let serves = serves
                .map(|n| row_number(&n, "a statement of the direction"))
                .transpose()?;
            let mut store = journal.open()?;
            let person = store.resolve_person(&name, false)?;
            let aspiration = store.add_aspiration_serving(
                person.id,
                &NewAspiration {
                    title,
                    detail,
                    horizon,
                    status,
                },
                serves,
            )?;
            if as_json.json {
                return json(out, &aspiration);
            }
            writeln!(
                out,
                "Aspiration #{} for {}: {} ({}).",
                aspiration.id,
                person.name,
                line(&aspiration.title),
                aspiration.status
            )?;
        }
        AspirationCommand::Delete { id, yes, json } => super::delete::run(
            journal,
            crate::store::Record::Aspiration,
            &id,
            yes,
            json.json,
            out,
        )?,
        AspirationCommand::Update {
            id,
            status,
            note,
            json: as_json,
            serves,
        } => {
            let id = row_number(&id, "an aspiration")?;
            // `--serves none` unlinks it; a number links it to that statement.
            let serves = serves
                .map(|n| match n.trim() {
                    "none" => Ok(None),
                    n => row_number(n, "a statement of the direction").map(Some),
                })
                .transpose()?;
            if let Some(serves) = serves {
                let mut store = journal.open()?;
                let aspiration = store.aspiration_serves(id, serves)?;
                let to = match aspiration.serves {
                    Some(direction) => format!("now serves direction #{direction}"),
                    None => "serves no statement of the direction now".into(),
                };
                writeln!(
                    out,
                    "Aspiration #{} ({}) {to}.",
                    aspiration.id,
                    line(&aspiration.title)
                )?;
                if status.is_none() && note.trim().is_empty() {
                    return Ok(());
                }
            }
            if status.is_none() && note.trim().is_empty() {
                return Err(super::Failure::Usage(
                    "nothing to record: give --status, --note, --serves or a mix".into(),
                ));
            }
            let mut store = journal.open()?;
            let aspiration = store.update_aspiration(id, status, &note, None)?;
            if as_json.json {
                return json(out, &aspiration);
            }
            writeln!(
                out,
                "Aspiration #{} ({}) is {}; progress noted.",
                aspiration.id,
                line(&aspiration.title),
                aspiration.status
            )?;
        }
        AspirationCommand::DeleteUpdate { id, yes, json } => super::delete::run(
            journal,
            crate::store::Record::AspirationUpdate,
            &id,
            yes,
            json.json,
            out,
        )?,
        AspirationCommand::Show { id, json: as_json } => {
            let id = row_number(&id, "an aspiration")?;
            let store = journal.open()?;
            let a = store.aspiration(id)?;
            if as_json.json {
                return json(out, &a);
            }
            writeln!(
                out,
                "#{} {} · {} · {}",
                a.id,
                line(&a.title),
                line(&a.person_name),
                a.status
            )?;
            if !a.detail.is_empty() {
                writeln!(out, "  {}", line(&a.detail))?;
            }
            if a.updates.is_empty() {
                writeln!(out, "  no progress noted yet")?;
            }
            for u in &a.updates {
                let status = u.status.map(|s| format!(" → {s}")).unwrap_or_default();
                writeln!(
                    out,
                    "  #{:<5} {}{status}  {}",
                    u.id,
                    u.noted_on.format("%a %d %b %Y"),
                    line(&u.note)
                )?;
            }
        }
        AspirationCommand::List {
            person,
            json: as_json,
        } => {
            let store = journal.open()?;
            let person_id = person
                .map(|name| store.resolve_person(&name, true).map(|p| p.id))
                .transpose()?;
            let aspirations = store.aspirations(person_id)?;
            if as_json.json {
                return json(out, &aspirations);
            }
            if aspirations.is_empty() {
                writeln!(
                    out,
                    "No aspirations yet. Add one with: rapport aspiration add NAME \"TITLE\""
                )?;
            }
            let today = store.today();
            for a in &aspirations {
                writeln!(
                    out,
                    "  #{:<4} {:<20} {:<10} {}  (last progress {})",
                    a.id,
                    a.person_name,
                    a.status,
                    line(&a.title),
                    relative(a.last_progress_on(), today)
                )?;
            }
        }
    }
    Ok(())
}
