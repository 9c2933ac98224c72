//! Arriving from other tools: notes written elsewhere (a jrnl journal, a folder of Markdown
//! 1:1 notes) turned into conversations and handed to the import every export goes
//! through, so that its checks, its dry run and its single transaction apply unchanged.
//! Each reader (`jrnl`, `markdown`) turns its source into [`Note`]s; this module decides
//! who each is with, what it skips and why, and the rows.
//!
//! Identity: every row's UUID is derived from the note itself (a name-based UUID), so
//! importing the same source again finds every row already there and adds nothing.

pub(crate) mod jrnl;
pub(crate) mod markdown;

use std::path::Path;

use chrono::NaiveDateTime;
use serde::Serialize;
use uuid::Uuid;

use super::import::{ImportReport, import_tables};
use crate::domain::ConversationKind;
use crate::store::export_rows::{ConversationRow, PersonRow, Tables, TagRow};
use crate::store::{Result, Stamp, Store};

/// The namespace of Rapport's name-based UUIDs for what arrives from other tools.
const ARRIVAL_NAMESPACE: Uuid = Uuid::from_u128(0x6a72_6e6c_2d72_6170_706f_7274_0000_0001);

/// One note from another tool, as its reader understood it.
pub(crate) struct Note {
    /// How the report names it: a jrnl entry's date and time, a file's path.
    pub label: String,
    /// When it happened, or why that could not be read.
    pub at: std::result::Result<NaiveDateTime, String>,
    /// Who it is with.
    pub with: With,
    /// Its tags; those that name its person are dropped.
    pub tags: Vec<String>,
    /// Tags the note carries that never name a person (jrnl's star).
    pub marks: Vec<String>,
    pub notes: String,
    /// Its own kind, when the note says one.
    pub kind: Option<ConversationKind>,
    pub mood: Option<i64>,
    /// What makes it this note and no other: the seed of its UUID.
    pub identity: Vec<String>,
}

/// How a note names the person it is with.
pub(crate) enum With {
    /// By its tags: the one tag that names someone (jrnl's `@ana`).
    Tags,
    /// By one word or name: a first word, a folder, a front-matter field. `what` says where
    /// it came from, for the report ("its first word", "its folder").
    Word { word: String, what: &'static str },
    /// It says nothing about a person.
    Nobody(&'static str),
}

/// What the leader chose for an arrival.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Choices {
    /// Someone a note names who is not in the journal yet is added, instead of the note
    /// being skipped.
    pub add_people: bool,
    /// The kind of a note that does not say its own.
    pub kind: ConversationKind,
}

/// A note left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Skipped {
    pub note: String,
    pub why: String,
}

/// What an arrival did, or would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct ArrivalReport {
    /// Notes read.
    pub read: usize,
    /// People added (or, in a dry run, who would be) because notes named them.
    pub new_people: Vec<String>,
    pub skipped: Vec<Skipped>,
    pub import: ImportReport,
}

/// Turns `notes` into rows and imports them (or with `dry_run` says what it would add).
pub(crate) fn arrive(
    store: &mut Store,
    source: &Path,
    notes: &[Note],
    choices: Choices,
    dry_run: bool,
) -> Result<ArrivalReport> {
    let people = store
        .people(true)?
        .into_iter()
        .map(|p| (p.uuid, p.name))
        .collect();
    let stamp = Stamp::of(store.now().with_timezone(&chrono::Utc));
    let mut plan = Plan {
        people,
        choices,
        stamp: &stamp,
        tables: Tables::default(),
        new_people: Vec::new(),
        skipped: Vec::new(),
    };
    // The people to add first, so that every note is read against the same team: a note
    // naming Bilal reads the same before and after the note that introduced him.
    if choices.add_people {
        for note in notes {
            if let (Named::New(name), _) = plan.named(note) {
                plan.add_person(&name);
            }
        }
    }
    for note in notes {
        plan.note(note);
    }
    let import = import_tables(store, &plan.tables, source, dry_run)?;
    Ok(ArrivalReport {
        read: notes.len(),
        new_people: plan.new_people,
        skipped: plan.skipped,
        import,
    })
}

/// The rows the notes become, built one note at a time.
struct Plan<'a> {
    /// Everyone in the journal and everyone this import adds: UUID and name.
    people: Vec<(Uuid, String)>,
    choices: Choices,
    stamp: &'a Stamp,
    tables: Tables,
    new_people: Vec<String>,
    skipped: Vec<Skipped>,
}

/// Who a note is with.
enum Named {
    Known(Uuid),
    New(String),
    Nobody(String),
    Several(Vec<String>),
}

impl Plan<'_> {
    fn note(&mut self, note: &Note) {
        let happened = match &note.at {
            Ok(at) => *at,
            Err(why) => {
                self.skip(note, why.clone());
                return;
            }
        };
        let (person, topics) = match self.named(note) {
            (Named::Known(uuid), topics) => (uuid, topics),
            (Named::New(name), topics) => (self.add_person(&name), topics),
            (Named::Nobody(why), _) => {
                self.skip(note, why);
                return;
            }
            (Named::Several(names), _) => {
                self.skip(
                    note,
                    format!(
                        "it names {} people ({}), and a conversation is with one",
                        names.len(),
                        names.join(", ")
                    ),
                );
                return;
            }
        };
        let uuid = name_based(&note.identity);
        self.tables.conversation.push(ConversationRow {
            uuid,
            person,
            happened_at: happened.format("%Y-%m-%d %H:%M").to_string(),
            kind: note.kind.unwrap_or(self.choices.kind).key().to_string(),
            mood: note.mood,
            stance: None,
            summary: String::new(),
            notes: note.notes.clone(),
            created_at: self.stamp.clone(),
            updated_at: self.stamp.clone(),
        });
        let mut tags = topics;
        tags.extend(note.marks.iter().cloned());
        tags.sort();
        tags.dedup();
        for tag in tags {
            self.tables.conversation_tag.push(TagRow {
                uuid: name_based(&["tag".to_string(), uuid.to_string(), tag.clone()]),
                conversation: uuid,
                tag,
                created_at: self.stamp.clone(),
                updated_at: self.stamp.clone(),
            });
        }
    }

    /// Who the note is with, and its tags that are topics rather than people.
    fn named(&self, note: &Note) -> (Named, Vec<String>) {
        let tags: Vec<String> = note.tags.iter().map(|t| plain(t)).collect();
        match &note.with {
            With::Tags => {
                let mut found: Vec<&(Uuid, String)> = Vec::new();
                let mut topics = Vec::new();
                for tag in &tags {
                    match self.person(tag) {
                        Some(person) if !found.iter().any(|p| p.0 == person.0) => {
                            found.push(person);
                        }
                        Some(_) => {}
                        None => topics.push(tag.clone()),
                    }
                }
                let named = match found.as_slice() {
                    [one] => Named::Known(one.0),
                    [] if self.choices.add_people && !topics.is_empty() => {
                        Named::New(name_of(&topics.remove(0)))
                    }
                    [] if tags.is_empty() => Named::Nobody(
                        "it has no tag, and a tag names the person (or use --person-by first-word)"
                            .into(),
                    ),
                    [] => Named::Nobody(format!(
                        "no tag names someone in the journal ({}): add them with `rapport person add`, or import with --add-people",
                        tags.iter()
                            .map(|t| format!("@{t}"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    )),
                    several => Named::Several(several.iter().map(|p| p.1.clone()).collect()),
                };
                (named, topics)
            }
            With::Word { word, what } => {
                let key = plain(word);
                let person = self.person(&key).map(|p| p.0);
                let named = match person {
                    Some(uuid) => Named::Known(uuid),
                    None if self.choices.add_people && is_a_name(word) => Named::New(name_of(word)),
                    None => Named::Nobody(format!(
                        "{what} ({}) names nobody in the journal: add them with `rapport person add`, or import with --add-people",
                        word.trim()
                    )),
                };
                // A tag that names the same person is not a topic.
                let topics = tags
                    .into_iter()
                    .filter(|tag| person.is_none() || self.person(tag).map(|p| p.0) != person)
                    .collect();
                (named, topics)
            }
            With::Nobody(why) => (Named::Nobody((*why).to_string()), tags),
        }
    }

    /// The one person `word` names: their whole name, their first name, or their whole
    /// name run together or joined by `_` or `-`, without case. Someone added earlier in
    /// this import counts.
    fn person(&self, word: &str) -> Option<&(Uuid, String)> {
        let word = plain(word);
        if word.is_empty() {
            return None;
        }
        let matching: Vec<&(Uuid, String)> = self
            .people
            .iter()
            .filter(|(_, name)| names_match(name, &word))
            .collect();
        match matching.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// A person a note names who is not in the journal: added once, with a UUID that their
    /// name gives, so a second import finds them.
    fn add_person(&mut self, name: &str) -> Uuid {
        let uuid = name_based(&["person".to_string(), name.to_lowercase()]);
        if !self.tables.person.iter().any(|p| p.uuid == uuid) {
            self.new_people.push(name.to_string());
            self.people.push((uuid, name.to_string()));
            self.tables.person.push(PersonRow {
                uuid,
                name: name.to_string(),
                cadence_days: i64::from(crate::domain::DEFAULT_CADENCE_DAYS),
                created_at: self.stamp.clone(),
                updated_at: self.stamp.clone(),
                ..PersonRow::default()
            });
        }
        uuid
    }

    fn skip(&mut self, note: &Note, why: String) {
        self.skipped.push(Skipped {
            note: note.label.clone(),
            why,
        });
    }
}

/// True when `word` (plain: lowercase, without a tag sign) names the person called `name`.
fn names_match(name: &str, word: &str) -> bool {
    let lowered = name.to_lowercase();
    let parts: Vec<&str> = lowered.split_whitespace().collect();
    parts.join(" ") == word
        || parts.first() == Some(&word)
        || parts.concat() == word
        || parts.join("_") == word
        || parts.join("-") == word
}

/// A tag, a word or a name without its sign, link brackets and trailing punctuation,
/// lowercase: `@Ana`, `Ana:` and `[[Ana]]` are all `ana`.
fn plain(word: &str) -> String {
    word.trim()
        .trim_start_matches(['@', '#', '['])
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// True when `word` can be a person's name: letters, with spaces, `_`, `-`, `'` or `.`
/// between them (so `1:1` or `2024` never becomes someone).
fn is_a_name(word: &str) -> bool {
    let word = word
        .trim()
        .trim_start_matches(['@', '#', '['])
        .trim_end_matches([']', ':', ',']);
    word.chars().any(char::is_alphabetic)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '_' | '-' | '\'' | '.'))
}

/// A person's name from the word that named them: `ana_lima` is Ana Lima, `[[Ana Lima]]`
/// Ana Lima.
fn name_of(word: &str) -> String {
    word.trim()
        .trim_start_matches(['@', '#', '['])
        .trim_end_matches([']', ':', ','])
        .split(['_', '-', ' '])
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A UUID that the same parts always give (version 5, in Rapport's namespace for what
/// arrives from other tools).
fn name_based(parts: &[String]) -> Uuid {
    Uuid::new_v5(&ARRIVAL_NAMESPACE, parts.join("\u{0}").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_names_a_person_by_first_name_or_whole_name() {
        assert!(names_match("Ana Lima", "ana"));
        assert!(names_match("Ana Lima", "ana lima"));
        assert!(names_match("Ana Lima", "analima"));
        assert!(names_match("Ana Lima", "ana_lima"));
        assert!(names_match("Ana Lima", "ana-lima"));
        assert!(!names_match("Ana Lima", "lima"));
        assert!(!names_match("Anabel Ko", "ana"));
        assert_eq!(plain("@Ana"), "ana");
        assert_eq!(plain("Ana:"), "ana");
        assert_eq!(plain("[[Ana  Lima]]"), "ana lima");
        assert_eq!(name_of("chen_wei"), "Chen Wei");
        assert_eq!(name_of("[[ana lima]]"), "Ana Lima");
        assert!(is_a_name("Chen Wei") && is_a_name("O'Neil") && !is_a_name("1:1"));
    }

    #[test]
    fn the_same_note_always_gets_the_same_uuid() {
        let parts = |p: &[&str]| p.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        assert_eq!(name_based(&parts(&["a"])), name_based(&parts(&["a"])));
        assert_ne!(name_based(&parts(&["a"])), name_based(&parts(&["b"])));
        assert_ne!(
            name_based(&parts(&["ab", "c"])),
            name_based(&parts(&["a", "bc"]))
        );
    }
}
