//! Rapport: a terminal coaching journal for people leaders.
//!
//! `domain` holds the nouns and rules, `store` the SQLite journal, `insights` the pure
//! functions that turn rows into answers, `cli` the command line and `tui` the terminal
//! interface; `demo` makes up a team to try it all on.
//!
//! Only what the binary, the tests and the benches use is public (see
//! docs/architecture.md); `pub` on anything the crate's root cannot reach is a warning,
//! which CI's `-D warnings` refuses.

#![warn(unreachable_pub)]

// Without SQLCipher there is no `sqlite3_key_v2`, and the link fails far from the cause.
#[cfg(not(any(feature = "vendored-crypto", feature = "system-crypto")))]
compile_error!(
    "Rapport needs SQLCipher: build with the default features, or with --features system-crypto"
);

pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
pub mod insights;
pub mod keymap;
pub mod store;
pub mod tui;
pub mod views;
