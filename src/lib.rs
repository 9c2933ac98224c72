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
