//! `rapport feedback`: what people told the leader about their leading.

use std::io::Write;

use chrono::NaiveDate;

use super::args::FeedbackCommand;
use super::output::{json, line, relative, row_number};
use super::{Journal, Outcome};
use crate::domain::{Feedback, FeedbackTags, Lean, parse_date};
use crate::store::{FeedbackFilter, FeedbackPatch, NewFeedback, Record};

pub(super) fn run(journal: &Journal, action: FeedbackCommand, out: &mut dyn Write) -> Outcome {
    match action {
        FeedbackCommand::Add {
            name,
            text,
            about,
            need,
            on,
            json: as_json,
        } => {
            let mut store = journal.open()?;
            let person = store.resolve_person(&name, false)?;
            let today = store.today();
            let heard_on = on
                .map(|day| parse_date(&day, today, Lean::Past))
                .transpose()?;
            let item = store.add_feedback(
                person.id,
                &NewFeedback {
                    text,
                    heard_on,
                    tags: FeedbackTags::of(about, need),
                },
            )?;
            if as_json.json {
                return json(out, &item);
            }
            writeln!(
                out,
                "Feedback #{} from {}: \"{}\"{}. It shows on the week of {}: rapport week --week {}",
                item.id,
                line(&item.person_name),
                line(&item.text),
                item.about(),
                item.heard_on.format("%a %-d %b"),
                crate::domain::iso_week_label(item.heard_on)
            )?;
            Ok(())
        }
        FeedbackCommand::List {
            person,
            since,
            json: as_json,
        } => {
            let store = journal.open()?;
            let today = store.today();
            let person_id = person
                .map(|name| store.resolve_person(&name, true).map(|p| p.id))
                .transpose()?;
            let from = since
                .map(|day| parse_date(&day, today, Lean::Past))
                .transpose()?;
            let items = store.feedback_list(FeedbackFilter {
                person_id,
                from,
                until: None,
            })?;
            if as_json.json {
                return json(out, &items);
            }
            if items.is_empty() {
                writeln!(
                    out,
                    "No feedback on your leading yet. Ask \"How can I improve?\" and note the answer: rapport feedback add NAME \"…\""
                )?;
            }
            for item in &items {
                print_line(item, today, out)?;
            }
            Ok(())
        }
        FeedbackCommand::Edit {
            id,
            text,
            about,
            need,
            on,
            json: as_json,
        } => {
            let id = row_number(&id, "a piece of feedback")?;
            let mut store = journal.open()?;
            let today = store.today();
            let heard_on = on
                .map(|day| parse_date(&day, today, Lean::Past))
                .transpose()?;
            let pair = about.map(|about| {
                let tags = FeedbackTags::of(about.0, None);
                (tags.pair, tags.lean)
            });
            let need = need.map(|need| need.0);
            let item = store.edit_feedback(
                id,
                &FeedbackPatch {
                    text,
                    heard_on,
                    pair,
                    need,
                },
            )?;
            if as_json.json {
                return json(out, &item);
            }
            writeln!(
                out,
                "Feedback #{} from {} now reads: \"{}\"{}, heard {}.",
                item.id,
                line(&item.person_name),
                line(&item.text),
                item.about(),
                item.heard_on.format("%a %-d %b %Y")
            )?;
            Ok(())
        }
        FeedbackCommand::Delete { id, yes, json } => {
            super::delete::run(journal, Record::Feedback, &id, yes, json.json, out)
        }
    }
}

/// One line of `feedback list`: `#4     3d ago   Priya   "You jump in too fast" (about directing)`.
fn print_line(item: &Feedback, today: NaiveDate, out: &mut dyn Write) -> Outcome {
    writeln!(
        out,
        "  #{:<5} {:<12} {}  \"{}\"{}",
        item.id,
        relative(item.heard_on, today),
        line(&item.person_name),
        line(&item.text),
        item.about()
    )?;
    Ok(())
}
