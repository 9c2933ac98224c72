//! Failures injected on purpose by the reliability tests. Compiled only with the
//! `fault-injection` feature, which the integration tests turn on; a release build has none
//! of this.
//!
//! `RAPPORT_FAULT` holds a comma-separated list of the faults to arm:
//! - `save-io`: a save fails with an I/O error after its first statement;
//! - `save-full`: a save fails with "disk full" after its first statement;
//! - `tui-panic`: the interface panics when F12 is pressed;
//! - `cli-panic`: a command panics before it starts, with note text in the panic message;
//! - `slow-open`: a command waits two seconds after opening the journal, so a test can open
//!   the same new journal from another process before the command is refused;
//! - `slow-export`: an export to a file waits 2 ms before each write, so a test can
//!   interrupt it part-way.

use super::{Error, Result};

pub const VARIABLE: &str = "RAPPORT_FAULT";

/// True when the fault `name` is armed for this process.
pub fn armed(name: &str) -> bool {
    std::env::var(VARIABLE).is_ok_and(|list| list.split(',').any(|f| f.trim() == name))
}

/// Called between the statements of a save: fails the way the armed fault says.
pub(super) fn inside_save() -> Result<()> {
    let code = if armed("save-io") {
        rusqlite::ffi::SQLITE_IOERR
    } else if armed("save-full") {
        rusqlite::ffi::SQLITE_FULL
    } else {
        return Ok(());
    };
    Err(Error::from(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(code),
        Some("injected fault".into()),
    )))
}
