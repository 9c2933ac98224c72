//! A jrnl journal, from the JSON that `jrnl --export json` writes (jrnl 2.x to 4.x): each
//! entry is a note with its date and time, its title and body as the notes (as jrnl shows
//! them), and its tags; a starred entry is tagged `starred`. The person is named by a tag
//! (`@ana`) or by the entry's first word (`Ana: …`), as the leader chooses.

use std::path::Path;

use chrono::NaiveDateTime;
use serde::Deserialize;

use super::{Note, With};
use crate::store::{Error, Result};

/// The largest jrnl export read: years of daily entries are a few megabytes.
const LARGEST_EXPORT_BYTES: u64 = 256 << 20;

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

/// The notes of the jrnl export at `path`.
pub(crate) fn notes(path: &Path, person_by: PersonBy) -> Result<Vec<Note>> {
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
    Ok(export
        .entries
        .into_iter()
        .map(|entry| note(entry, person_by))
        .collect())
}

fn note(entry: Entry, person_by: PersonBy) -> Note {
    let label = format!("the entry of {} {}", entry.date.trim(), entry.time.trim());
    let at = NaiveDateTime::parse_from_str(
        &format!("{} {}", entry.date.trim(), entry.time.trim()),
        "%Y-%m-%d %H:%M",
    )
    .map_err(|_| "its date and time are not YYYY-MM-DD and HH:MM".to_string());
    let with = match person_by {
        PersonBy::Tag => With::Tags,
        PersonBy::FirstWord => match entry.title.split_whitespace().next() {
            Some(word) => With::Word {
                word: word.to_string(),
                what: "its first word",
            },
            None => With::Nobody("it has no title"),
        },
    };
    let notes = match (entry.title.trim(), entry.body.trim()) {
        (title, "") => title.to_string(),
        ("", body) => body.to_string(),
        (title, body) => format!("{title}\n{body}"),
    };
    let marks = if entry.starred {
        vec!["starred".to_string()]
    } else {
        Vec::new()
    };
    Note {
        identity: vec![
            "entry".into(),
            format!("{} {}", entry.date.trim(), entry.time.trim()),
            entry.title,
            entry.body,
        ],
        label,
        at,
        with,
        tags: entry.tags,
        marks,
        notes,
        kind: None,
        mood: None,
    }
}
