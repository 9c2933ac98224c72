//! `rapport search`: full-text search over everything written, ranked, with a snippet per
//! hit, as text or JSON.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::args::SearchArgs;
use super::output::{cell, json, line};
use super::{Journal, Outcome};
use crate::domain::PersonRef;
use crate::store::{HitKind, SearchHit};

pub(crate) fn run(journal: &Journal, args: SearchArgs, out: &mut dyn Write) -> Outcome {
    let store = journal.open()?;
    let person = args
        .person
        .map(|name| store.resolve_person(&name, true))
        .transpose()?;
    let query = args.query.join(" ");
    let hits = store.search(&query, person.as_ref().map(|p| p.id), args.limit as usize)?;
    if args.json.json {
        let rows: Vec<HitRow> = hits.iter().map(HitRow::new).collect();
        return json(out, &rows);
    }
    if hits.is_empty() {
        writeln!(out, "Nothing matches {}.", line(&query))?;
        return Ok(());
    }
    for hit in &hits {
        let who = hit.person_name.as_deref().unwrap_or("(you)");
        let snippet: String = hit
            .segments()
            .into_iter()
            .map(|(text, matched)| {
                if matched {
                    format!("[{}]", line(text))
                } else {
                    line(text)
                }
            })
            .collect();
        writeln!(
            out,
            "{}  {}  {}  {}",
            hit.date,
            cell(&line(who), 18),
            cell(hit.kind.label(), 12),
            snippet.trim()
        )?;
    }
    Ok(())
}

/// Where a match is in a snippet: `start..end` in characters.
#[derive(Serialize)]
struct Highlight {
    start: usize,
    end: usize,
}

/// A hit for programs: the snippet as plain text, with where each match is in it.
#[derive(Serialize)]
struct HitRow {
    kind: HitKind,
    /// The row's number in its kind's table (see [`HitKind`]).
    id: i64,
    uuid: uuid::Uuid,
    /// Whose it is; `None` for reflections.
    person: Option<PersonRef>,
    date: NaiveDate,
    snippet: String,
    highlights: Vec<Highlight>,
    rank: f64,
}

impl HitRow {
    fn new(hit: &SearchHit) -> HitRow {
        let mut snippet = String::new();
        let mut highlights = Vec::new();
        let mut at = 0;
        for (text, matched) in hit.segments() {
            let chars = text.chars().count();
            if matched {
                highlights.push(Highlight {
                    start: at,
                    end: at + chars,
                });
            }
            snippet.push_str(text);
            at += chars;
        }
        HitRow {
            kind: hit.kind,
            id: hit.item_id,
            uuid: hit.uuid,
            person: match (hit.person_id, &hit.person_name, hit.person_uuid) {
                (Some(id), Some(name), Some(uuid)) => Some(PersonRef {
                    id,
                    uuid,
                    name: name.clone(),
                }),
                _ => None,
            },
            date: hit.date,
            snippet,
            highlights,
            rank: hit.rank,
        }
    }
}
