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
//! - `slow-export`: a JSON export waits 10 ms before each row, so a test can
//!   interrupt it part-way;
//! - `hold-import`: an import holds before its first part of conversations until the test
//!   lets it go ([`hold`]): its progress line is up meanwhile, naming them;
//! - `save-kill`: the process dies (abort, no clean-up) between the statements of one
//!   user action, to prove the action is one transaction;
//! - `setup-kill`: the first open of a new journal dies (abort) once it has marked the file
//!   as Rapport's, before its tables are made;
//! - `convert-kill`: `rapport encrypt`, `decrypt` or `rekey` dies (abort) once every new
//!   copy is written and synced, just before the record says the swap begins;
//! - `convert-kill-swapping`: a conversion (or the run finishing one) dies once the first
//!   copy has replaced its file;
//! - `hold-swap`: a conversion holds once its first file is swapped until the test lets it
//!   go ([`hold`]), so a test can signal it mid-swap;
//! - `slow-segment`: a sync waits three seconds once its segment is in the folder, before
//!   it records it as sent, so a test can save meanwhile;
//! - `join-kill`: `rapport sync join` dies (abort) once the first device's journal is taken,
//!   before the journal records that it syncs.
//!
//! `RAPPORT_TEST_KDF_ITER` makes the key derivation of an encrypted journal cheaper: the
//! number of PBKDF2 rounds every new key of this process uses instead of SQLCipher's 256,000.
//! Deriving a key costs a quarter of a second, and the suite runs the binary on encrypted
//! journals thousands of times (conversions killed in a loop re-key every backup); what
//! those tests prove does not depend on the cost. The suite's harness gives it to every
//! command it runs; the tests of the cost itself do not.
//!
//! Only the binary reads the variables ([`arm_from_environment`], at the start of `main`): a
//! test that opens a journal in its own process is never failed by a variable it inherited.

use std::sync::OnceLock;

use super::{Error, Result};

pub(crate) const VARIABLE: &str = "RAPPORT_FAULT";

static ARMED: OnceLock<Vec<String>> = OnceLock::new();

/// Arms the faults `RAPPORT_FAULT` names, for the rest of this process.
pub(crate) fn arm_from_environment() {
    let list = std::env::var(VARIABLE).unwrap_or_default();
    let _ = ARMED.set(list.split(',').map(|f| f.trim().to_string()).collect());
    if let Some(rounds) = std::env::var(KEY_ROUNDS_VARIABLE)
        .ok()
        .and_then(|text| text.parse::<u32>().ok())
        .filter(|rounds| *rounds > 0)
    {
        set_key_derivation_rounds(rounds);
    }
}

pub(crate) const KEY_ROUNDS_VARIABLE: &str = "RAPPORT_TEST_KDF_ITER";

/// SQLCipher's default rounds are process-wide: every key derived after this (the journal,
/// its backups, a conversion's new copy, a sync segment) uses `rounds`.
fn set_key_derivation_rounds(rounds: u32) {
    let set = rusqlite::Connection::open_in_memory().and_then(|conn| {
        conn.query_row(
            &format!("PRAGMA cipher_default_kdf_iter = {rounds}"),
            [],
            |_| Ok(()),
        )
        .or_else(|error| match error {
            rusqlite::Error::QueryReturnedNoRows => Ok(()),
            other => Err(other),
        })
    });
    if let Err(error) = set {
        eprintln!("{KEY_ROUNDS_VARIABLE} could not be applied: {error}");
    }
}

/// True when the fault `name` is armed for this process.
pub(crate) fn armed(name: &str) -> bool {
    ARMED
        .get()
        .is_some_and(|list| list.iter().any(|f| f == name))
}

/// `hold-import`, `hold-swap`: says it holds by creating `JOURNAL.held`, then waits until
/// the test creates `JOURNAL.go` or a stop is asked (Ctrl-C under an import's line); both
/// files are gone once it goes on, ready for the next hold.
pub(crate) fn hold(journal: &std::path::Path, stop_asked: &dyn Fn() -> bool) {
    let beside = |suffix: &str| {
        let mut name = journal.as_os_str().to_owned();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    let (held, go) = (beside(".held"), beside(".go"));
    let _ = std::fs::write(&held, b"");
    while !go.exists() && !stop_asked() {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let _ = std::fs::remove_file(&go);
    let _ = std::fs::remove_file(&held);
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

/// Called between two statements of one user action: dies there when `save-kill` is armed.
pub(super) fn between_statements() {
    if armed("save-kill") {
        std::process::abort();
    }
}
