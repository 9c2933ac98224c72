//! Arriving from jrnl: the JSON that `jrnl --export json` writes (jrnl 2.x to 4.x), turned
//! into conversations and handed to the import every export goes through, so that its
//! checks, its dry run and its one transaction apply unchanged.
//!
//! Each entry is a conversation with the person its tags name (`@ana`: the first name, or
//! the whole name run together or joined by `_` or `-`), or with the person its title's
//! first word names; the entry's date and time are kept; its title and body become the
//! notes, as jrnl shows them; its other tags become tags, and a starred entry is tagged
//! `starred`. An entry that names nobody, or two people, is skipped and said to be.
//!
//! Identity: every row's UUID is derived from what the entry says (a name-based UUID), so
//! importing the same export again finds every row already there and adds nothing.

use std::path::Path;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use uuid::Uuid;

use super::import::{ImportReport, import_tables};
use crate::domain::ConversationKind;
use crate::store::export_rows::{ConversationRow, PersonRow, Tables, TagRow};
use crate::store::{Error, Result, Stamp, Store};

/// The largest jrnl export read: years of daily entries are a few megabytes.
const LARGEST_EXPORT_BYTES: u64 = 256 << 20;

/// The namespace of Rapport's name-based UUIDs for what arrives from jrnl.
const JRNL_NAMESPACE: Uuid = Uuid::from_u128(0x6a72_6e6c_2d72_6170_706f_7274_0000_0001);

/// How an entry names the person it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PersonBy {
    /// A tag such as @ana.
    Tag,
    /// The first word of the entry, as in "Ana: talked about…".
    FirstWord,
}

impl PersonBy {
    pub(crate) const ALL: &'static [PersonBy] = &[PersonBy::Tag, PersonBy::FirstWord];

    pub(crate) fn key(self) -> &'static str {
        match self {
            PersonBy::Tag => "tag",
            PersonBy::FirstWord => "first-word",
        }
    }
}

impl std::str::FromStr for PersonBy {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<PersonBy, String> {
        PersonBy::ALL
            .iter()
            .copied()
            .find(|by| by.key() == text)
            .ok_or_else(|| format!("{text} is neither tag nor first-word"))
    }
}

/// What the leader chose for a jrnl import.
#[derive(Debug, Clone, Copy)]
pub(crate) struct JrnlChoices {
    pub person_by: PersonBy,
    /// Someone an entry names who is not in the journal yet is added, instead of the entry
    /// being skipped.
    pub add_people: bool,
    pub kind: ConversationKind,
}

/// An entry left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct SkippedEntry {
    /// The entry's date and time as jrnl wrote them.
    pub at: String,
    pub why: String,
}

/// What a jrnl import did, or would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct JrnlReport {
    pub entries: usize,
    /// People added (or, in a dry run, who would be) because entries named them.
    pub new_people: Vec<String>,
    pub skipped: Vec<SkippedEntry>,
    pub import: ImportReport,
}

#[derive(Deserialize)]
struct Export {
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    time: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

/// Imports the jrnl export at `path` (or with `dry_run` only says what it would add).
pub(crate) fn import(
    store: &mut Store,
    path: &Path,
    choices: JrnlChoices,
    dry_run: bool,
) -> Result<JrnlReport> {
    let refuse = |reason: String| Error::NotImportable(path.to_path_buf(), reason);
    let meta = std::fs::metadata(path).map_err(|source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_file() {
        return Err(refuse("it is not a regular file".into()));
    }
    if meta.len() > LARGEST_EXPORT_BYTES {
        return Err(refuse(format!(
            "it is larger than {} MiB, far more than a jrnl journal",
            LARGEST_EXPORT_BYTES >> 20
        )));
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    // serde's message would quote the entry's text: only where it stopped is said.
    let export: Export = serde_json::from_slice(&bytes).map_err(|e| {
        refuse(format!(
            "it is not a jrnl export as `jrnl --export json` writes it (line {}, column {})",
            e.line(),
            e.column()
        ))
    })?;
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
    // The people to add first, so that every entry is read against the same team: an
    // entry naming Bilal reads the same before and after the entry that introduced him.
    if choices.add_people {
        for entry in &export.entries {
            if let (Named::New(name), _) = plan.named(entry) {
                plan.add_person(&name);
            }
        }
    }
    for entry in &export.entries {
        plan.entry(entry);
    }
    let import = import_tables(store, &plan.tables, path, dry_run)?;
    Ok(JrnlReport {
        entries: export.entries.len(),
        new_people: plan.new_people,
        skipped: plan.skipped,
        import,
    })
}

/// The rows the entries become, built one entry at a time.
struct Plan<'a> {
    /// Everyone in the journal and everyone this import adds: UUID and name.
    people: Vec<(Uuid, String)>,
    choices: JrnlChoices,
    stamp: &'a Stamp,
    tables: Tables,
    new_people: Vec<String>,
    skipped: Vec<SkippedEntry>,
}

/// Who an entry is about.
enum Named {
    Known(Uuid),
    New(String),
    Nobody(String),
    Several(Vec<String>),
}

impl Plan<'_> {
    fn entry(&mut self, entry: &Entry) {
        let at = format!("{} {}", entry.date.trim(), entry.time.trim());
        let Ok(happened) = NaiveDateTime::parse_from_str(&at, "%Y-%m-%d %H:%M") else {
            self.skip(&at, "its date and time are not YYYY-MM-DD and HH:MM".into());
            return;
        };
        let (person, topic_tags) = match self.named(entry) {
            (Named::Known(uuid), tags) => (uuid, tags),
            (Named::New(name), tags) => (self.add_person(&name), tags),
            (Named::Nobody(why), _) => {
                self.skip(&at, why);
                return;
            }
            (Named::Several(names), _) => {
                self.skip(
                    &at,
                    format!(
                        "it names {} people ({}), and a conversation is with one",
                        names.len(),
                        names.join(", ")
                    ),
                );
                return;
            }
        };
        let notes = match (entry.title.trim(), entry.body.trim()) {
            (title, "") => title.to_string(),
            ("", body) => body.to_string(),
            (title, body) => format!("{title}\n{body}"),
        };
        let uuid = name_based(&["entry", &at, &entry.title, &entry.body]);
        self.tables.conversation.push(ConversationRow {
            uuid,
            person,
            happened_at: happened.format("%Y-%m-%d %H:%M").to_string(),
            kind: self.choices.kind.key().to_string(),
            mood: None,
            stance: None,
            summary: String::new(),
            notes,
            created_at: self.stamp.clone(),
            updated_at: self.stamp.clone(),
        });
        let mut tags = topic_tags;
        if entry.starred {
            tags.push("starred".into());
        }
        tags.sort();
        tags.dedup();
        for tag in tags {
            self.tables.conversation_tag.push(TagRow {
                uuid: name_based(&["tag", &uuid.to_string(), &tag]),
                conversation: uuid,
                tag,
                created_at: self.stamp.clone(),
                updated_at: self.stamp.clone(),
            });
        }
    }

    /// Who the entry is about, and its tags that are topics rather than people.
    fn named(&self, entry: &Entry) -> (Named, Vec<String>) {
        let words: Vec<String> = entry.tags.iter().map(|t| plain(t)).collect();
        match self.choices.person_by {
            PersonBy::Tag => {
                let mut found: Vec<&(Uuid, String)> = Vec::new();
                let mut topics = Vec::new();
                for word in &words {
                    match self.person(word) {
                        Some(person) if !found.iter().any(|p| p.0 == person.0) => {
                            found.push(person);
                        }
                        Some(_) => {}
                        None => topics.push(word.clone()),
                    }
                }
                let named = match found.as_slice() {
                    [one] => Named::Known(one.0),
                    [] if self.choices.add_people && !topics.is_empty() => {
                        Named::New(name_of(&topics.remove(0)))
                    }
                    [] if words.is_empty() => Named::Nobody(
                        "it has no tag, and a tag names the person (or use --person-by first-word)"
                            .into(),
                    ),
                    [] => Named::Nobody(format!(
                        "no tag names someone in the journal ({}): add them with `rapport person add`, or import with --add-people",
                        words
                            .iter()
                            .map(|w| format!("@{w}"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    )),
                    several => Named::Several(several.iter().map(|p| p.1.clone()).collect()),
                };
                (named, topics)
            }
            PersonBy::FirstWord => {
                let first = plain(entry.title.split_whitespace().next().unwrap_or_default());
                let person = self.person(&first).map(|p| p.0);
                let named = match person {
                    Some(uuid) => Named::Known(uuid),
                    None if first.is_empty() => Named::Nobody("it has no title".into()),
                    None if self.choices.add_people && first.chars().all(char::is_alphabetic) => {
                        Named::New(name_of(&first))
                    }
                    None => Named::Nobody(format!(
                        "its first word ({first}) names nobody in the journal"
                    )),
                };
                // A tag that names the same person is not a topic.
                let topics = words
                    .into_iter()
                    .filter(|word| person.is_none() || self.person(word).map(|p| p.0) != person)
                    .collect();
                (named, topics)
            }
        }
    }

    /// The one person `word` names: their first name, or their whole name run together or
    /// joined by `_` or `-`, without case. Someone added earlier in this import counts.
    fn person(&self, word: &str) -> Option<&(Uuid, String)> {
        if word.is_empty() {
            return None;
        }
        let matching: Vec<&(Uuid, String)> = self
            .people
            .iter()
            .filter(|(_, name)| names_match(name, word))
            .collect();
        match matching.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// A person an entry names who is not in the journal: added once, with a UUID that
    /// their name gives, so a second import finds them.
    fn add_person(&mut self, name: &str) -> Uuid {
        let uuid = name_based(&["person", &name.to_lowercase()]);
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

    fn skip(&mut self, at: &str, why: String) {
        self.skipped.push(SkippedEntry {
            at: at.to_string(),
            why,
        });
    }
}

/// True when `word` (lowercase, without its tag sign) names the person called `name`.
fn names_match(name: &str, word: &str) -> bool {
    let lowered = name.to_lowercase();
    let parts: Vec<&str> = lowered.split_whitespace().collect();
    parts.first() == Some(&word)
        || parts.concat() == word
        || parts.join("_") == word
        || parts.join("-") == word
}

/// A tag or a first word without its sign and trailing punctuation, lowercase:
/// `@Ana` and `Ana:` are both `ana`.
fn plain(word: &str) -> String {
    word.trim_start_matches(['@', '#'])
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// A person's name from the word that named them: `ana_lima` is Ana Lima.
fn name_of(word: &str) -> String {
    word.split(['_', '-'])
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

/// A UUID that the same parts always give (version 5, in Rapport's jrnl namespace).
fn name_based(parts: &[&str]) -> Uuid {
    Uuid::new_v5(&JRNL_NAMESPACE, parts.join("\u{0}").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_or_first_word_names_a_person_by_first_name_or_whole_name() {
        assert!(names_match("Ana Lima", "ana"));
        assert!(names_match("Ana Lima", "analima"));
        assert!(names_match("Ana Lima", "ana_lima"));
        assert!(names_match("Ana Lima", "ana-lima"));
        assert!(!names_match("Ana Lima", "lima"));
        assert!(!names_match("Anabel Ko", "ana"));
        assert_eq!(plain("@Ana"), "ana");
        assert_eq!(plain("Ana:"), "ana");
        assert_eq!(name_of("chen_wei"), "Chen Wei");
    }

    #[test]
    fn the_same_entry_always_gets_the_same_uuid() {
        assert_eq!(name_based(&["entry", "a"]), name_based(&["entry", "a"]));
        assert_ne!(name_based(&["entry", "a"]), name_based(&["entry", "b"]));
        assert_ne!(name_based(&["ab", "c"]), name_based(&["a", "bc"]));
    }
}
