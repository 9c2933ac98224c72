//! The journal in other shapes: JSON that re-imports without duplicates (`json`, `import`),
//! a readable Markdown dossier per person (`markdown`) and a CSV table of conversations
//! (`csv`). SQL stays in the store; this module decides the formats.

pub(crate) mod calendar;
pub mod csv;
pub mod import;
pub mod json;
pub mod markdown;
pub(crate) mod review;

use std::io;
use std::path::PathBuf;

use crate::store::Error;

/// A failed write of an export, as a journal error with a sentence.
pub(crate) fn write_error(source: io::Error) -> Error {
    Error::Io {
        action: "write",
        path: PathBuf::from("the export"),
        source,
    }
}

/// Text for the human-readable exports (Markdown, CSV), which end up in terminals and
/// viewers: control characters other than line breaks and tabs (escape sequences a note
/// may carry) become `�`. The JSON export keeps the text exactly, escaped.
pub(crate) fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
    if text.chars().any(unsafe_char) {
        text.chars()
            .map(|c| if unsafe_char(c) { '\u{fffd}' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}
