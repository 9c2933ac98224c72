//! Every integration test in one binary: linking one test program instead of forty is most
//! of what a cold `cargo test` spends. `tests/reliability_privacy.rs` stays a program of its
//! own, because it sets the process's umask, which every test here would otherwise inherit.
//!
//! Run one file's tests with a filter: `cargo test --test suite reliability_crash::`.

#[macro_use]
mod tui;
mod common;
mod pty;

mod architecture;
mod cli_arrive;
mod cli_backup;
mod cli_calendar;
mod cli_completions;
mod cli_config;
mod cli_errors;
mod cli_feedback;
mod cli_help;
mod cli_insights;
mod cli_journal;
mod cli_json;
mod cli_log;
mod cli_loops;
mod cli_people;
mod cli_progress;
mod cli_questions;
mod cli_read_only;
mod cli_records;
mod cli_review;
mod cli_roster;
mod cli_time;
mod concerns_carried;
mod docs_guide;
mod docs_tree;
mod e2e_pty;
mod encryption;
mod export_roundtrip;
mod gaps_why;
mod insights_agree;
mod leaders_side;
mod moments;
mod need_standing;
mod oracle;
mod pause_and_starters;
mod readme_install;
mod reliability_backup_check;
mod reliability_backups;
mod reliability_boundaries;
mod reliability_conversions;
mod reliability_crash;
mod reliability_disk;
mod reliability_drafts;
mod reliability_escapes;
mod reliability_files;
mod reliability_identity;
mod reliability_input;
mod reliability_links;
mod reliability_overwrites;
mod reliability_props;
mod reliability_restore;
mod reliability_secrets;
mod reliability_settings;
mod reliability_targets;
mod reliability_temp;
mod reliability_tui;
mod store_backup;
mod store_loops;
mod store_open;
mod store_rules;
mod store_search;
mod sync;
mod sync_random;
mod today_truth;
mod trends_agree;
mod tui_feedback;
mod tui_idle;
mod tui_insights;
mod tui_navigation;
mod tui_props;
mod tui_sizes;
mod tui_snapshots;
mod tui_space;
mod tui_week;
