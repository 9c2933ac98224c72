//! `rapport questions`: the question bank in force, per need and per guide, with where each
//! question comes from (built in, or the leader's file and its line).

use std::io::Write;

use serde::Serialize;

use super::args::QuestionsArgs;
use super::output::{json, line};
use super::{Failure, Outcome, chosen_config};
use crate::domain::{Origin, Topic};

#[derive(Serialize)]
struct Listing<'a> {
    /// The leader's question file, when there is one.
    file: Option<String>,
    topics: Vec<TopicListing<'a>>,
}

#[derive(Serialize)]
struct TopicListing<'a> {
    topic: Topic,
    kind: &'static str,
    name: &'static str,
    about: &'static str,
    questions: Vec<QuestionListing<'a>>,
    /// Built-in questions the leader's file hides or replaces.
    hidden: Vec<&'a str>,
}

#[derive(Serialize)]
struct QuestionListing<'a> {
    /// The number `rapport log --asked TOPIC:N` takes.
    number: usize,
    text: &'a str,
    origin: Origin,
}

pub(crate) fn run(args: QuestionsArgs, out: &mut dyn Write) -> Outcome {
    let chosen: Vec<Topic> = match (&args.need, &args.guide) {
        (None, None) => Topic::ALL.to_vec(),
        (need, guide) => {
            let mut chosen = Vec::new();
            if let Some(word) = need {
                chosen.push(Topic::Need(word.parse()?));
            }
            if let Some(word) = guide {
                chosen.push(Topic::Guide(word.parse()?));
            }
            chosen
        }
    };
    let questions = crate::config::load_questions(chosen_config())?;
    let bank = &questions.bank;
    let listing = Listing {
        file: questions.file.as_ref().map(|p| p.display().to_string()),
        topics: chosen
            .iter()
            .map(|&topic| TopicListing {
                topic,
                kind: match topic {
                    Topic::Need(_) => "need",
                    Topic::Guide(_) => "guide",
                },
                name: topic.name(),
                about: topic.about(),
                questions: bank
                    .of(topic)
                    .enumerate()
                    .map(|(i, q)| QuestionListing {
                        number: i + 1,
                        text: &q.text,
                        origin: q.origin,
                    })
                    .collect(),
                hidden: bank.hidden(topic).map(|q| q.text.as_str()).collect(),
            })
            .collect(),
    };
    if args.json.json {
        return json(out, &listing);
    }
    print(&listing, out).map_err(Failure::from)
}

fn print(listing: &Listing<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    match &listing.file {
        Some(file) => writeln!(out, "Built-in questions with yours from {}", line(file))?,
        None => writeln!(
            out,
            "Built-in questions (add, replace or hide them in questions.toml beside your settings: see `rapport config path`)"
        )?,
    }
    for topic in &listing.topics {
        writeln!(out)?;
        writeln!(
            out,
            "{} ({} {}) — {}",
            topic.name,
            topic.kind,
            topic.topic.key(),
            topic.about
        )?;
        for q in &topic.questions {
            let origin = match q.origin {
                Origin::BuiltIn => String::new(),
                other => format!("   [{other}]"),
            };
            writeln!(
                out,
                "  {}:{:<2} {}{origin}",
                topic.topic.key(),
                q.number,
                line(q.text)
            )?;
        }
        if !topic.hidden.is_empty() {
            let n = topic.hidden.len();
            writeln!(
                out,
                "  ({n} built-in question{} hidden by your file)",
                if n == 1 { "" } else { "s" }
            )?;
        }
    }
    Ok(())
}
