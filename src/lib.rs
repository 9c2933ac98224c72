//! Rapport: a terminal coaching journal for people leaders.
//!
//! `domain` holds the nouns and rules, `store` the SQLite journal, `insights` the pure
//! functions that turn rows into answers, `cli` the command line and `tui` the terminal
//! interface; `demo` makes up a team to try it all on.

pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
pub mod insights;
pub mod store;
pub mod tui;
pub mod views;
