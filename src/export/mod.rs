//! The journal in other shapes: JSON that re-imports without duplicates (`json`, `import`),
//! a readable Markdown dossier per person (`markdown`) and a CSV table of conversations
//! (`csv`). SQL stays in the store; this module decides the formats.

pub mod csv;
pub mod import;
pub mod json;
pub mod markdown;

use std::io;
use std::path::PathBuf;

use crate::store::Error;

/// A failed write of an export, as a journal error with a sentence.
pub fn write_error(source: io::Error) -> Error {
    Error::Io {
        action: "write",
        path: PathBuf::from("the export"),
        source,
    }
}
