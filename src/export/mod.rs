//! The journal in other shapes: JSON that re-imports without duplicates (`json`, `import`),
//! a readable Markdown dossier per person (`markdown`) and a CSV table of conversations
//! (`csv`), the review dossier (`review`) and the calendar of due dates (`calendar`). SQL
//! stays in the store; this module decides the formats. Journal text is escaped by
//! `domain::Escape`, in the mode of each format; a conversation is written from its
//! `views::dossier` blocks.

pub(crate) mod arrive;
pub(crate) mod calendar;
pub mod csv;
pub mod import;
pub mod json;
pub mod markdown;
pub(crate) mod review;

use std::fmt::Display;
use std::io::{self, Write};
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

/// `lead` and the text escaped for the document, or nothing when no text was written:
/// ", next year" after an aspiration's title, " — answer: …" after an idea.
pub(crate) fn when_written(lead: &str, text: &str, escape: crate::domain::Escape) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("{lead}{}", escape.apply(text))
    }
}

/// Where a document is written, a line or a piece at a time. A failed write becomes the
/// journal's one error sentence here, so the formats write with `?` and never drop an error.
pub(crate) struct Page<'a> {
    out: &'a mut dyn Write,
}

impl<'a> Page<'a> {
    pub(crate) fn new(out: &'a mut dyn Write) -> Page<'a> {
        Page { out }
    }

    /// Writes the text and ends the line.
    pub(crate) fn line(&mut self, text: impl Display) -> Result<(), Error> {
        writeln!(self.out, "{text}").map_err(write_error)
    }

    /// Writes the text, leaving the line open.
    pub(crate) fn put(&mut self, text: impl Display) -> Result<(), Error> {
        write!(self.out, "{text}").map_err(write_error)
    }

    /// Hands everything written to the destination.
    pub(crate) fn finish(&mut self) -> Result<(), Error> {
        self.out.flush().map_err(write_error)
    }
}
