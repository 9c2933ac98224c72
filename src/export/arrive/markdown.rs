//! A folder of Markdown 1:1 notes, the way leaders keep them in Obsidian or a plain
//! folder: one file per conversation. The date comes from the front matter (`date:`,
//! with `time:` or a time in it) or from a date in the file's name (`2024-03-04 Ana.md`),
//! at 09:00 when no time is given; the person from the front matter (`person:`, `with:`,
//! an Obsidian link `[[Ana Lima]]` included) or else from the folder the file is in
//! (`Ana Lima/2024-03-04.md`). The front matter's `kind`, `mood` and `tags` are kept, and
//! the text below it becomes the notes.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_yaml_ng::Value;

use super::{Note, With};
use crate::domain::ConversationKind;
use crate::store::{Error, Result};

/// More files than any folder of 1:1 notes holds; past it the folder is something else.
const MOST_FILES: usize = 100_000;
/// The deepest folder read below the one named.
const DEEPEST: usize = 8;
/// A note larger than this is not a 1:1 note (an exported book, a dump).
const LARGEST_NOTE_BYTES: u64 = 1 << 20;

/// The time of a note whose date says none.
const USUAL_TIME: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(time) => time,
    None => NaiveTime::MIN,
};

/// The notes of every `.md` file under `folder`, in path order; hidden files and folders
/// (`.obsidian`, `.trash`) and links are left out.
pub(crate) fn notes(folder: &Path) -> Result<Vec<Note>> {
    let refuse = |reason: String| Error::NotImportable(folder.to_path_buf(), reason);
    let mut files = Vec::new();
    collect(folder, 0, &mut files).map_err(|e| refuse(format!("it could not be read ({e})")))?;
    if files.len() > MOST_FILES {
        return Err(refuse(format!(
            "it holds more than {MOST_FILES} Markdown files, far more than a folder of 1:1 notes"
        )));
    }
    files.sort();
    Ok(files.iter().map(|file| note(folder, file)).collect())
}

fn collect(dir: &Path, depth: usize, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        // The kind of the entry itself: a link is never followed.
        let kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_dir() && depth < DEEPEST {
            collect(&path, depth + 1, files)?;
        } else if kind.is_file()
            && path
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("md"))
        {
            files.push(path);
        }
        if files.len() > MOST_FILES {
            break;
        }
    }
    Ok(())
}

/// One file's note.
fn note(folder: &Path, file: &Path) -> Note {
    let relative = file.strip_prefix(folder).unwrap_or(file);
    let label = relative.display().to_string();
    let mut note = Note {
        identity: vec!["markdown".into(), label.clone()],
        label,
        at: Err(String::new()),
        with: With::Nobody(""),
        tags: Vec::new(),
        marks: Vec::new(),
        notes: String::new(),
        kind: None,
        mood: None,
    };
    let text = match read(file) {
        Ok(text) => text,
        Err(why) => {
            note.at = Err(why);
            return note;
        }
    };
    let (front, body) = split_front_matter(&text);
    let front = match front.map(serde_yaml_ng::from_str::<Value>) {
        None => Value::Null,
        Some(Ok(value)) => value,
        // The parser's message can quote the note: only that it failed is said.
        Some(Err(_)) => {
            note.at = Err("its front matter is not YAML".into());
            return note;
        }
    };
    let field = |names: &[&str]| -> Option<&Value> {
        let map = front.as_mapping()?;
        map.iter()
            .find(|(key, _)| {
                key.as_str()
                    .is_some_and(|k| names.iter().any(|n| k.eq_ignore_ascii_case(n)))
            })
            .map(|(_, value)| value)
    };
    note.at = when(
        field(&["date", "day", "when"]).and_then(text_of),
        field(&["time"]).and_then(text_of),
        relative,
    );
    note.with = match field(&["person", "with", "who", "people"]) {
        Some(Value::Sequence(names)) if names.len() > 1 => With::Nobody(
            "its front matter names more than one person, and a conversation is with one",
        ),
        Some(Value::Sequence(names)) => match names.first().and_then(text_of) {
            Some(name) => With::Word {
                word: name,
                what: "its front matter",
            },
            None => by_folder(relative),
        },
        Some(value) => match text_of(value) {
            Some(name) => With::Word {
                word: name,
                what: "its front matter",
            },
            None => by_folder(relative),
        },
        None => by_folder(relative),
    };
    note.kind = field(&["kind", "type"])
        .and_then(text_of)
        .and_then(|kind| kind.parse::<ConversationKind>().ok());
    note.mood = field(&["mood"])
        .and_then(Value::as_i64)
        .filter(|mood| (1..=5).contains(mood));
    note.tags = match field(&["tags", "tag"]) {
        Some(Value::Sequence(tags)) => tags.iter().filter_map(text_of).collect(),
        Some(value) => text_of(value)
            .map(|tags| {
                tags.split([',', ' '])
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        None => Vec::new(),
    };
    note.notes = body.trim().to_string();
    if let Ok(at) = &note.at {
        note.identity.push(at.format("%Y-%m-%d %H:%M").to_string());
    }
    note
}

fn read(file: &Path) -> std::result::Result<String, String> {
    let size = std::fs::metadata(file)
        .map(|m| m.len())
        .map_err(|e| format!("it could not be read ({e})"))?;
    if size > LARGEST_NOTE_BYTES {
        return Err(format!(
            "it is larger than {} MiB, more than a 1:1 note",
            LARGEST_NOTE_BYTES >> 20
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("it could not be read ({e})"))?;
    String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string())
}

/// The front matter (between a first line `---` and the next `---`) and the rest.
fn split_front_matter(text: &str) -> (Option<&str>, &str) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (None, text);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return (Some(&rest[..offset]), &rest[offset + line.len()..]);
        }
        offset += line.len();
    }
    (None, text)
}

/// A field's text: a string, or a number or date YAML read as something else.
fn text_of(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(text) => text.trim().to_string(),
        Value::Number(number) => number.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// When the note happened: its front matter's date (and time), else a date in its name.
fn when(
    date: Option<String>,
    time: Option<String>,
    relative: &Path,
) -> std::result::Result<NaiveDateTime, String> {
    let time_given = time
        .as_deref()
        .and_then(|t| NaiveTime::parse_from_str(t.trim(), "%H:%M").ok());
    if let Some(date) = date {
        let date = date.trim();
        for format in [
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M:%S",
        ] {
            if let Ok(at) = NaiveDateTime::parse_from_str(date, format) {
                return Ok(at);
            }
        }
        return NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map(|day| day.and_time(time_given.unwrap_or(USUAL_TIME)))
            .map_err(|_| format!("its front matter's date ({date}) is not YYYY-MM-DD"));
    }
    let name = relative
        .file_stem()
        .map(|stem| stem.to_string_lossy().to_string())
        .unwrap_or_default();
    date_in(&name)
        .map(|day| day.and_time(time_given.unwrap_or(USUAL_TIME)))
        .ok_or_else(|| {
            "it has no date: name the file like 2024-03-04.md, or give date: in its front matter"
                .to_string()
        })
}

/// The first `YYYY-MM-DD` in a file name, digit for digit (chrono alone would also read
/// ` 2024-03-1` as the first of March).
fn date_in(name: &str) -> Option<NaiveDate> {
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|at| {
        let part = &bytes[at..at + 10];
        let shaped = part.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
        let alone = at == 0 || !bytes[at - 1].is_ascii_digit();
        if !(shaped && alone) {
            return None;
        }
        NaiveDate::parse_from_str(std::str::from_utf8(part).ok()?, "%Y-%m-%d").ok()
    })
}

/// The person of a note whose front matter names nobody: the folder it is in.
fn by_folder(relative: &Path) -> With {
    match relative
        .parent()
        .and_then(Path::file_name)
        .map(|name| name.to_string_lossy().to_string())
    {
        Some(folder) => With::Word {
            word: folder,
            what: "its folder",
        },
        None => With::Nobody(
            "it names nobody: put it in a folder named after the person, or give person: in its front matter",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_from_the_notes() {
        assert_eq!(
            split_front_matter("---\ndate: 2024-03-04\n---\nBody\n"),
            (Some("date: 2024-03-04\n"), "Body\n")
        );
        assert_eq!(
            split_front_matter("No front\n---\n"),
            (None, "No front\n---\n")
        );
        assert_eq!(
            split_front_matter("---\nunclosed\n"),
            (None, "---\nunclosed\n")
        );
    }

    #[test]
    fn a_date_comes_from_the_front_matter_or_the_name() {
        let at = |d: &str, h: u32, m: u32| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
        };
        let path = Path::new("Ana/1-1 2024-03-04 notes.md");
        assert_eq!(when(None, None, path), Ok(at("2024-03-04", 9, 0)));
        assert_eq!(
            when(None, Some("14:30".into()), path),
            Ok(at("2024-03-04", 14, 30))
        );
        assert_eq!(
            when(Some("2024-05-01T10:15".into()), None, path),
            Ok(at("2024-05-01", 10, 15))
        );
        assert!(when(Some("May 1".into()), None, path).is_err());
        assert!(when(None, None, Path::new("Ana/notes.md")).is_err());
        assert_eq!(
            date_in("1-1 2024-03-18"),
            NaiveDate::from_ymd_opt(2024, 3, 18)
        );
        assert_eq!(date_in("12024-03-18x"), None);
        assert_eq!(date_in("2024-02-30"), None);
    }
}
