//! Property tests over the three parsers that take text from outside: the date grammar,
//! the person-name resolver and the JSON import. Whatever they are given, they never panic,
//! they answer with one line that quotes no note text, and what they accept is exactly
//! what their documentation promises.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use rapport::domain::{NewPerson, PersonPatch, parse_when};
use rapport::export::import::import;
use rapport::store::Error;
use tempfile::TempDir;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .and_then(|d| d.and_hms_opt(14, 37, 0))
        .expect("a valid time")
}

fn one_clean_line(text: &str) -> bool {
    !text.is_empty() && !text.chars().any(|c| c.is_control())
}

/// Text that looks like dates half the time: digits, dashes, colons, weekday letters and
/// the odd stray character.
fn date_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}( [0-9]{1,3}:[0-9]{1,3})?",
        "(mon|tue|wed|thu|fri|sat|sun|today|yesterday|tomorrow|now|\\+[0-9]{1,6}d?)( [0-9]{1,2}:[0-9]{1,2})?",
        "[0-9a-zA-Z:+\\- ]{0,20}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Anything at all: an answer, never a panic; an accepted date is inside the years the
    /// journal keeps; a refusal is one clean line.
    #[test]
    fn the_date_grammar_answers_everything(text in date_like()) {
        match parse_when(&text, now()) {
            Ok(when) => prop_assert!(
                (1970..=2100).contains(&when.year()),
                "{text:?} gave {when}"
            ),
            Err(invalid) => {
                let sentence = invalid.to_string();
                prop_assert!(one_clean_line(&sentence),
                    "{sentence:?}");
            }
        }
    }

    /// `YYYY-MM-DD HH:MM` is accepted exactly when it is a real date in 1970–2100 and a real
    /// time of day, and then means exactly that minute.
    #[test]
    fn full_dates_mean_what_they_say(
        year in 1900i32..2200, month in 0u32..14, day in 0u32..33,
        hour in 0u32..27, minute in 0u32..62,
    ) {
        let text = format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}");
        let real = NaiveDate::from_ymd_opt(year, month, day)
            .and_then(|d| d.and_hms_opt(hour, minute, 0))
            .filter(|_| (1970..=2100).contains(&year));
        let parsed = parse_when(&text, now());
        prop_assert_eq!(parsed.as_ref().ok().copied(), real, "{} -> {:?}", text, parsed);
        // Case and surrounding blanks do not matter; the T form means the same.
        let upper = format!("  {}\t", text.replace(' ', "T").to_uppercase());
        prop_assert_eq!(parse_when(&upper, now()).ok(), real);
    }

    /// A weekday name (three letters or more) is the most recent such day, today included.
    #[test]
    fn weekdays_lean_to_the_past(day in 0usize..7, len in 3usize..10, hour in 0u32..24) {
        let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
        let name = &names[day][..len.min(names[day].len())];
        let when = parse_when(&format!("{name} {hour:02}:00"), now()).expect("a weekday parses");
        let back = (now().date() - when.date()).num_days();
        prop_assert!((0..7).contains(&back), "{name}: {when}");
        prop_assert_eq!(when.weekday().num_days_from_monday() as usize, day);
    }
}

/// Names of people: letters from several scripts, spaces inside, sometimes an emoji.
fn name() -> impl Strategy<Value = String> {
    "[A-Za-zÀ-ÿ李小龍陳محمد🚀]{1,6}( [A-Za-z李龍]{1,6})?"
}

proptest! {
    // Each case makes a journal of people: a few by default, many under RAPPORT_SOAK=1.
    #![proptest_config(ProptestConfig {
        cases: if common::soak() { 160 } else { 16 },
        ..ProptestConfig::default()
    })]

    /// Resolving a name: an exact name (any case) finds that person; otherwise a query finds
    /// the one active person whose name starts with it, or says it is ambiguous (naming
    /// every candidate) or unknown, in one line. Nothing else, and never a panic.
    #[test]
    fn the_name_resolver_finds_exactly_whom_it_should(
        names in proptest::collection::btree_set(name(), 1..7),
        archived in any::<proptest::sample::Index>(),
        queries in proptest::collection::vec(
            prop_oneof!["[A-Za-zÀ-ÿ李小龍陳محمد🚀 ]{0,4}", any::<String>()], 8),
    ) {
        let dir = TempDir::new().expect("a temp dir");
        let mut store = common::open(&dir.path().join("j.db")).expect("opens");
        let mut people = Vec::new();
        for name in &names {
            match store.add_person(&NewPerson { name: name.clone(), ..NewPerson::default() }) {
                Ok(person) => people.push(person),
                // Names equal but for case are one name.
                Err(Error::DuplicateName(_)) => {}
                Err(e) => panic!("{name:?}: {e}"),
            }
        }
        let gone = archived.index(people.len());
        store
            .edit_person(people[gone].id, &PersonPatch { archived: Some(true), ..PersonPatch::default() })
            .expect("archived");
        people[gone].archived = true;

        for person in &people {
            let found = store.resolve_person(&person.name.to_uppercase(), true);
            if person.name.to_uppercase().to_lowercase() == person.name.to_lowercase() {
                prop_assert_eq!(found.expect("an exact name resolves").id, person.id);
            }
        }
        let mut all_queries: Vec<String> = queries;
        all_queries.extend(people.iter().map(|p| p.name.chars().take(2).collect()));
        for query in all_queries {
            let wanted = query.trim().to_lowercase();
            let active_prefix: Vec<_> = people.iter()
                .filter(|p| !p.archived && !wanted.is_empty()
                    && p.name.to_lowercase().starts_with(&wanted))
                .collect();
            match store.resolve_person(&query, false) {
                Ok(found) => {
                    let exact = found.name.to_lowercase() == wanted;
                    prop_assert!(!found.archived, "{query:?} found an archived person");
                    prop_assert!(exact || active_prefix.len() == 1,
                        "{query:?} found {} among {active_prefix:?}", found.name);
                }
                Err(Error::AmbiguousPerson { candidates, .. }) => {
                    prop_assert!(active_prefix.len() > 1);
                    prop_assert_eq!(candidates.len(), active_prefix.len());
                }
                Err(Error::PersonNotFound { .. }) => {
                    prop_assert!(active_prefix.is_empty(), "{query:?} missed {active_prefix:?}");
                }
                Err(e) => panic!("{query:?}: unexpected {e}"),
            }
        }
    }
}

/// A journal with a bit of everything, and its JSON export; made once and kept in memory,
/// so no folder outlives the test run.
struct Template {
    journal: Vec<u8>,
    /// A new journal, with its tables and nothing in them.
    empty: Vec<u8>,
    export: Vec<u8>,
}

const SECRET: &str = "zqxsecretnote";

fn template() -> &'static Template {
    static TEMPLATE: OnceLock<Template> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let dir = TempDir::new().expect("a temp dir");
        let journal = common::Journal::new();
        journal.add_people(&["Tom Baker", "Ana Souza"]);
        journal.ok(&[
            "log",
            "tom",
            "--notes",
            &format!("{SECRET} about the rota"),
            "--need",
            "fun:pairing",
            "--tag",
            "rota",
            "--followup",
            "book a room",
            "--ack",
            "the demo",
            "--idea",
            "a new board",
            "--mood",
            "4",
        ]);
        journal.ok(&["aspiration", "add", "ana", "Speak at a conference"]);
        let file = dir.path().join("export.json");
        journal.ok(&["export", "--output", file.to_str().expect("UTF-8")]);
        let export = std::fs::read(&file).expect("the export");
        let empty = dir.path().join("empty.db");
        drop(common::open(&empty).expect("a new journal"));
        Template {
            journal: std::fs::read(&journal.path).expect("the journal"),
            empty: std::fs::read(&empty).expect("the new journal"),
            export,
        }
    })
}

/// Ways to damage an export: cut it, flip a byte, or put a wrong value in one field.
#[derive(Debug, Clone)]
enum Damage {
    Cut(proptest::sample::Index),
    Byte(proptest::sample::Index, u8),
    Field(proptest::sample::Index, proptest::sample::Index, Value),
}

#[derive(Debug, Clone)]
enum Value {
    SomeString(proptest::sample::Index),
    Number(i64),
    Null,
    Bool(bool),
    Empty,
}

fn damage() -> impl Strategy<Value = Damage> {
    let value = prop_oneof![
        any::<proptest::sample::Index>().prop_map(Value::SomeString),
        any::<i64>().prop_map(Value::Number),
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Empty),
    ];
    prop_oneof![
        any::<proptest::sample::Index>().prop_map(Damage::Cut),
        (any::<proptest::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Damage::Byte(i, b)),
        (
            any::<proptest::sample::Index>(),
            any::<proptest::sample::Index>(),
            value
        )
            .prop_map(|(r, f, v)| Damage::Field(r, f, v)),
    ]
}

fn strings_in(value: &serde_json::Value, found: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => found.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings_in(v, found)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings_in(v, found)),
        _ => {}
    }
}

fn damaged(export: &[u8], damage: &Damage) -> Vec<u8> {
    match damage {
        Damage::Cut(at) => export[..at.index(export.len())].to_vec(),
        Damage::Byte(at, byte) => {
            let mut bytes = export.to_vec();
            bytes[at.index(export.len())] = *byte;
            bytes
        }
        Damage::Field(row, field, value) => {
            let mut json: serde_json::Value = serde_json::from_slice(export).expect("JSON");
            let mut strings = Vec::new();
            strings_in(&json, &mut strings);
            let new = match value {
                Value::SomeString(i) => {
                    serde_json::Value::String(strings[i.index(strings.len())].clone())
                }
                Value::Number(n) => (*n).into(),
                Value::Null => serde_json::Value::Null,
                Value::Bool(b) => (*b).into(),
                Value::Empty => serde_json::Value::Object(Default::default()),
            };
            let rows: Vec<&mut serde_json::Value> = json
                .as_object_mut()
                .expect("an object")
                .values_mut()
                .filter_map(|v| v.as_array_mut())
                .flat_map(|rows| rows.iter_mut())
                .collect();
            if !rows.is_empty() {
                let count = rows.len();
                let target = rows.into_iter().nth(row.index(count)).expect("a row");
                if let Some(map) = target.as_object_mut() {
                    let keys: Vec<String> = map.keys().cloned().collect();
                    if !keys.is_empty() {
                        map.insert(keys[field.index(keys.len())].clone(), new);
                    }
                }
            }
            serde_json::to_vec_pretty(&json).expect("serialises")
        }
    }
}

fn fresh_copy(dir: &Path) -> PathBuf {
    let path = dir.join("journal.db");
    std::fs::write(&path, &template().journal).expect("a copy of the base journal");
    path
}

/// A copy of a new journal: made once, as making its tables costs more than the import.
fn fresh_empty(dir: &Path) -> PathBuf {
    let path = dir.join("empty.db");
    std::fs::write(&path, &template().empty).expect("a copy of the new journal");
    path
}

proptest! {
    // Each case imports into two journals: fewer by default, many under RAPPORT_SOAK=1.
    #![proptest_config(ProptestConfig {
        cases: if common::soak() { 256 } else { 32 },
        ..ProptestConfig::default()
    })]

    /// A damaged export is imported whole or refused with one line that quotes none of its
    /// text, leaving the journal exactly as it was. Never a panic.
    #[test]
    fn a_damaged_import_is_all_or_nothing(damage in damage()) {
        let template = template();
        let dir = TempDir::new().expect("a temp dir");
        let file = dir.path().join("damaged.json");
        std::fs::write(&file, damaged(&template.export, &damage)).expect("written");
        for journal in [fresh_copy(dir.path()), fresh_empty(dir.path())] {
            drop(common::open(&journal).expect("opens"));
            let before = common::dump(&journal);
            let mut store = common::open(&journal).expect("opens");
            let result = import(&mut store, &file, false);
            drop(store);
            match result {
                Ok(_) => {
                    let check: String = common::connect(&journal)
                        .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
                        .unwrap_or_else(|_| "ok".into());
                    prop_assert_eq!(check, "ok");
                    // An import only adds: every row of every table is still there as it was.
                    let after = common::dump(&journal);
                    for (table, rows) in before.iter().filter(|(t, _)| !t.starts_with("search_")) {
                        let now = after.get(table).cloned().unwrap_or_default();
                        for row in rows {
                            prop_assert!(now.contains(row), "{table} lost or changed {row:?}");
                        }
                    }
                }
                Err(error) => {
                    let sentence = error.to_string();
                    prop_assert!(one_clean_line(&sentence), "{sentence:?}");
                    prop_assert!(!sentence.contains(SECRET), "quotes note text: {sentence}");
                    prop_assert!(!sentence.contains("rota"), "quotes note text: {sentence}");
                    prop_assert_eq!(common::dump(&journal), before, "{:?}", damage);
                }
            }
        }
    }
}

#[test]
fn an_undamaged_export_imports_once_and_then_adds_nothing() {
    let template = template();
    let dir = TempDir::new().expect("a temp dir");
    let file = dir.path().join("export.json");
    std::fs::write(&file, &template.export).expect("written");
    let journal = dir.path().join("new.db");
    let mut store = common::open(&journal).expect("opens");
    let first = import(&mut store, &file, false).expect("imports");
    assert!(first.total_added() > 0);
    let again = import(&mut store, &file, false).expect("imports again");
    assert_eq!(again.total_added(), 0, "a second import adds nothing");
    drop(store);
    let mut expected = common::dump(&fresh_copy(dir.path()));
    let mut got = common::dump(&journal);
    // Drafts are not exported, and the search index is derived (its own row numbers
    // follow the order of writing); every other table comes back row for row.
    for dump in [&mut expected, &mut got] {
        dump.retain(|table, _| table != "draft" && !table.starts_with("search_"));
    }
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (table, rows) in &expected {
        assert_eq!(got.get(table), Some(rows), "table {table}");
    }
    let found = |path: &Path| {
        common::rows(
            path,
            &format!("SELECT count(*) FROM search_index WHERE search_index MATCH '{SECRET}'"),
        )
    };
    assert_eq!(found(&journal), ["1"], "the imported notes are searchable");
}

/// The refusals proptest reaches only by luck: note text where a number or a keyword
/// belongs. Each is refused for what is wrong with that field (the file keeps Rapport's
/// order of tables, so no other rule refuses it first), and the sentence names the problem,
/// not the text.
#[test]
fn an_import_refusal_never_quotes_the_file() {
    let template = template();
    let dir = TempDir::new().expect("a temp dir");
    let journal = fresh_copy(dir.path());
    let before = common::dump(&journal);
    let hostile = format!("{SECRET} \u{1b}]0;title\u{7}");
    let export = String::from_utf8(template.export.clone()).expect("UTF-8");
    let talk = common::export_row_uuid(&export, "conversation", |_| true);
    let talk = talk.as_str().expect("a UUID");
    for (field, says) in [
        (
            "mood",
            "it does not hold what a Rapport export holds (invalid type: string, expected i64"
                .to_string(),
        ),
        (
            "kind",
            format!(
                "conversation {talk} has a kind that is not one of one-on-one, check-in, skip-level, informal"
            ),
        ),
        (
            "happened_at",
            format!(
                "conversation {talk} has a happened_at that is not a time like 2026-11-20 14:30 between 1970 and 2100"
            ),
        ),
        (
            "person",
            "it does not hold what a Rapport export holds (UUID parsing failed".to_string(),
        ),
        (
            "uuid",
            "it does not hold what a Rapport export holds (UUID parsing failed".to_string(),
        ),
    ] {
        let edited = common::edit_export_row(
            &export,
            "conversation",
            |_| true,
            |row| {
                row[field] = serde_json::Value::String(hostile.clone());
            },
        );
        let file = dir.path().join("bad.json");
        std::fs::write(&file, edited).expect("written");
        let mut store = common::open(&journal).expect("opens");
        let error = import(&mut store, &file, false).expect_err("refused");
        drop(store);
        let sentence = error.to_string();
        assert!(sentence.contains(&says), "{field}: {says}\n{sentence}");
        assert!(one_clean_line(&sentence), "{field}: {sentence:?}");
        assert!(!sentence.contains(SECRET), "{field}: {sentence}");
        assert_eq!(common::dump(&journal), before, "{field}: nothing imported");
    }
}
