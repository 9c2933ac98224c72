//! `rapport person`: the team, added, listed, shown as a dossier, edited, paused, resumed
//! and archived from the command line.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::args::{PersonCommand, ProfileArgs};
use super::output::{self, block, cell, json, line, relative};
use super::{Journal, Outcome};
use crate::domain::{
    Aspiration, Conversation, FollowUp, Lean, NewPerson, Pause, Person, PersonPatch, ProfileText,
    Standing, parse_date, parse_priorities,
};
use crate::store::{PersonSummary, Store};
use crate::views::text::LastMet;

pub(crate) fn run(journal: &Journal, action: PersonCommand, out: &mut dyn Write) -> Outcome {
    let mut store = journal.open()?;
    let today = store.today();
    match action {
        PersonCommand::Import {
            file,
            dry_run,
            json: as_json,
        } => super::roster::run(
            &mut store,
            journal.path(),
            &file,
            dry_run,
            as_json.json,
            out,
        )?,
        PersonCommand::Add {
            name,
            profile,
            json: as_json,
        } => {
            // The profile is checked and written with the person, in one transaction.
            let patch = patch_from(&profile, None, today)?;
            let person = store.add_person_with_profile(
                &NewPerson {
                    name,
                    role: String::new(),
                    team: String::new(),
                    started_on: patch.started_on.flatten(),
                    cadence_days: patch.cadence_days,
                },
                &patch,
            )?;
            if as_json.json {
                return json(out, &person);
            }
            writeln!(
                out,
                "Added {} (a 1:1 every {} days).",
                person.name, person.cadence_days
            )?;
        }
        PersonCommand::List {
            all,
            roving,
            json: as_json,
        } => {
            let mut people = store.people_summaries(all)?;
            if roving {
                people.retain(|p| p.person.roving_leader);
            }
            if as_json.json {
                let rows: Vec<PersonRow> =
                    people.iter().map(|s| PersonRow::new(s, today)).collect();
                return json(out, &rows);
            }
            list(&people, today, out)?;
        }
        PersonCommand::Show {
            name,
            json: as_json,
        } => {
            let person = store.resolve_person(&name, true)?;
            let dossier = Dossier::load(&store, person, today)?;
            if as_json.json {
                return json(out, &dossier);
            }
            dossier.print(today, out)?;
        }
        PersonCommand::Edit(args) => {
            let person = store.resolve_person(&args.name, true)?;
            let patch = patch_from(&args.profile, args.new_name.clone(), today)?;
            if patch == PersonPatch::default() {
                return Err(super::Failure::Usage(
                    "nothing to change: give at least one option such as --role or --cadence (see --help)".into(),
                ));
            }
            let person = store.edit_person(person.id, &patch)?;
            if args.json.json {
                return json(out, &person);
            }
            writeln!(out, "Updated {}.", person.name)?;
        }
        PersonCommand::Pause {
            name,
            until,
            json: as_json,
        } => pause(&mut store, &name, Some(&until), as_json.json, out)?,
        PersonCommand::Resume {
            name,
            json: as_json,
        } => pause(&mut store, &name, None, as_json.json, out)?,
        PersonCommand::Archive {
            name,
            undo,
            json: as_json,
        } => {
            let person = store.resolve_person(&name, true)?;
            let patch = PersonPatch {
                archived: Some(!undo),
                ..PersonPatch::default()
            };
            let person = store.edit_person(person.id, &patch)?;
            if as_json.json {
                return json(out, &person);
            }
            if undo {
                writeln!(out, "{} is back in the daily views.", person.name)?;
            } else {
                writeln!(
                    out,
                    "Archived {}: their history stays, they leave the daily views.",
                    person.name
                )?;
            }
        }
    }
    Ok(())
}

/// `person pause` and `person resume`: one patch of the pause, said back in a sentence.
fn pause(
    store: &mut Store,
    name: &str,
    until: Option<&str>,
    as_json: bool,
    out: &mut dyn Write,
) -> Outcome {
    let today = store.today();
    let person = store.resolve_person(name, false)?;
    let pause = match (until, person.pause) {
        (Some(until), _) => Some(Pause::new(today, parse_date(until, today, Lean::Future)?)?),
        (None, Some(pause)) if pause.covers(today) => pause.resumed_on(today).flatten(),
        (None, _) => {
            return Err(super::Failure::Usage(format!(
                "{} is not paused: nothing to resume",
                line(&person.name)
            )));
        }
    };
    let patch = PersonPatch {
        pause: Some(pause),
        ..PersonPatch::default()
    };
    let person = store.edit_person(person.id, &patch)?;
    if as_json {
        return json(out, &person);
    }
    match person.pause.filter(|p| p.covers(today)) {
        Some(pause) => writeln!(
            out,
            "Paused {} until {}: no 1:1 is expected before then.",
            line(&person.name),
            pause.until.format("%a %-d %b %Y")
        )?,
        None => writeln!(
            out,
            "{} is back: their next 1:1 is due again.",
            line(&person.name)
        )?,
    }
    Ok(())
}

/// The profile flags as a patch; `new_name` is `person edit`'s `--name`.
fn patch_from(
    args: &ProfileArgs,
    new_name: Option<String>,
    today: NaiveDate,
) -> Result<PersonPatch, super::Failure> {
    let started_on = match args.started.as_deref().map(str::trim) {
        None => None,
        Some("none" | "") => Some(None),
        Some(date) => Some(Some(parse_date(date, today, Lean::Past)?)),
    };
    let mut patch = PersonPatch {
        name: new_name,
        role: args.role.clone(),
        team: args.team.clone(),
        started_on,
        cadence_days: args.cadence,
        roving_leader: args.roving_leader,
        priorities: args
            .priorities
            .as_deref()
            .map(parse_priorities)
            .transpose()?,
        ..PersonPatch::default()
    };
    for part in ProfileText::ALL {
        *part.in_patch(&mut patch) = args.profile_text(part).cloned();
    }
    Ok(patch)
}

/// One person in `person list --json`.
#[derive(Debug, Serialize)]
struct PersonRow<'a> {
    id: i64,
    uuid: uuid::Uuid,
    name: &'a str,
    role: &'a str,
    team: &'a str,
    cadence_days: u32,
    started_on: Option<NaiveDate>,
    /// The last 1:1 (a conversation of a cadence kind).
    last_one_on_one: Option<NaiveDate>,
    /// The last conversation of any kind.
    last_talk: Option<NaiveDate>,
    next_due: NaiveDate,
    standing: Standing,
    open_follow_ups: u32,
    roving_leader: bool,
    archived: bool,
}

impl<'a> PersonRow<'a> {
    fn new(summary: &'a PersonSummary, today: NaiveDate) -> Self {
        let p = &summary.person;
        PersonRow {
            id: p.id,
            uuid: p.uuid,
            name: &p.name,
            role: &p.role,
            team: &p.team,
            cadence_days: p.cadence_days,
            started_on: p.started_on,
            last_one_on_one: LastMet::of(summary).one_on_one,
            last_talk: LastMet::of(summary).talk,
            next_due: summary.standing(today).due_on(),
            standing: summary.standing(today),
            open_follow_ups: summary.open_follow_ups,
            roving_leader: p.roving_leader,
            archived: p.archived,
        }
    }
}

fn list(people: &[PersonSummary], today: NaiveDate, out: &mut dyn Write) -> Outcome {
    if people.is_empty() {
        writeln!(
            out,
            "Nobody yet. Add someone with: rapport person add \"Priya Raman\" --role \"Engineer\""
        )?;
        return Ok(());
    }
    let name_width = people
        .iter()
        .map(|s| s.person.name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 28);
    writeln!(
        out,
        "{}  {}  EVERY  LAST 1:1    NEXT          OPEN",
        cell("NAME", name_width),
        cell("ROLE", 20),
    )?;
    for summary in people {
        let p = &summary.person;
        let last = LastMet::of(summary).one_on_one_cell(today);
        let next = if p.archived {
            "archived".to_string()
        } else {
            output::standing(summary.standing(today), today)
        };
        writeln!(
            out,
            "{}  {}  {:>4}d  {:<10}  {:<12}  {}",
            cell(&p.name, name_width),
            cell(&line(&p.role), 20),
            p.cadence_days,
            last,
            next,
            summary.open_follow_ups
        )?;
    }
    Ok(())
}

/// Everything `person show` tells about someone.
#[derive(Debug, Serialize)]
struct Dossier {
    person: Person,
    last_one_on_one: Option<chrono::NaiveDateTime>,
    /// The last conversation of any kind.
    last_talk: Option<chrono::NaiveDateTime>,
    next_due: Option<NaiveDate>,
    /// `None` for someone archived.
    standing: Option<Standing>,
    aspirations: Vec<Aspiration>,
    open_follow_ups: Vec<FollowUp>,
    recent_conversations: Vec<Conversation>,
}

const RECENT_CONVERSATIONS: usize = 5;

impl Dossier {
    fn load(store: &Store, person: Person, today: NaiveDate) -> Result<Dossier, super::Failure> {
        let recent_conversations = store.recent_conversations(person.id, RECENT_CONVERSATIONS)?;
        let summary = store.person_fact(person.id, today)?.summary;
        let standing = (!person.archived).then(|| summary.standing(today));
        Ok(Dossier {
            aspirations: store.aspirations(Some(person.id))?,
            open_follow_ups: store.follow_ups(crate::store::FollowUpFilter {
                person_id: Some(person.id),
                open_only: true,
            })?,
            recent_conversations,
            last_one_on_one: summary.last_one_on_one,
            last_talk: summary.last_conversation,
            next_due: standing.map(Standing::due_on),
            standing,
            person,
        })
    }

    fn print(&self, today: NaiveDate, out: &mut dyn Write) -> Outcome {
        let p = &self.person;
        let mut title = p.name.clone();
        if !p.role.is_empty() {
            title.push_str(&format!(" · {}", line(&p.role)));
        }
        if !p.team.is_empty() {
            title.push_str(&format!(" · {}", line(&p.team)));
        }
        if p.archived {
            title.push_str(" · archived");
        }
        writeln!(out, "{title}")?;
        let when = |at: chrono::NaiveDateTime| {
            format!(
                "{} ({})",
                at.format("%a %d %b %Y"),
                relative(at.date(), today)
            )
        };
        let last = self
            .last_one_on_one
            .map(when)
            .unwrap_or_else(|| "never".into());
        let mut rhythm = format!("  1:1 every {} days · last {last}", p.cadence_days);
        let met = LastMet {
            one_on_one: self.last_one_on_one.map(|at| at.date()),
            talk: self.last_talk.map(|at| at.date()),
        };
        if let Some(talk) = self.last_talk.filter(|_| met.later_talk().is_some()) {
            rhythm.push_str(&format!(" · last talk {}", when(talk)));
        }
        writeln!(out, "{rhythm}")?;
        if let Some(standing) = self.standing {
            writeln!(out, "  {}", output::standing_sentence(standing, today))?;
        }
        if let Some(started) = p.started_on {
            writeln!(out, "  started {started}")?;
        }
        if p.roving_leader {
            writeln!(out, "  a roving leader: others already follow them")?;
        }
        if !p.priorities.is_empty() {
            let names: Vec<&str> = p.priorities.iter().map(|n| n.label()).collect();
            writeln!(out, "  priorities now: {}", names.join(", "))?;
        }
        for (part, text) in ProfileText::all_of(p) {
            if !text.is_empty() {
                writeln!(out, "  {}: {}", part.label(), block(text, "    "))?;
            }
        }
        if !self.aspirations.is_empty() {
            writeln!(out, "\nAspirations")?;
            for a in &self.aspirations {
                writeln!(
                    out,
                    "  #{:<4} {:<10} {}  (last progress {})",
                    a.id,
                    a.status,
                    line(&a.title),
                    relative(a.last_progress_on(), today)
                )?;
            }
        }
        if !self.open_follow_ups.is_empty() {
            writeln!(out, "\nOpen follow-ups")?;
            for f in &self.open_follow_ups {
                super::follow_ups::print_line(f, today, false, out)?;
            }
        }
        writeln!(out, "\nRecent conversations")?;
        if self.recent_conversations.is_empty() {
            writeln!(
                out,
                "  none yet: rapport log \"{}\" --summary \"…\"",
                p.name
            )?;
        }
        for c in &self.recent_conversations {
            let needs = c.need_marks();
            writeln!(
                out,
                "  {}  {:<8} {:<5} {}",
                c.happened_at.format("%Y-%m-%d"),
                c.kind.short(),
                needs,
                line(&c.summary)
            )?;
        }
        Ok(())
    }
}
