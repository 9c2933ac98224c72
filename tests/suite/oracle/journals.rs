//! The journals the oracle reads: demo teams of three sizes and hand-made edge cases, all
//! written through the real binary at the pinned clock (Monday 23 November 2026, 14:37).

use crate::common::{self, Journal};

/// A journal and the name the report gives it.
pub struct Built {
    pub name: &'static str,
    pub journal: Journal,
}

fn demo(name: &'static str, args: &[&str]) -> Built {
    let journal = Journal::new();
    let mut all = vec!["demo"];
    all.extend_from_slice(args);
    journal.ok(&all);
    Built { name, journal }
}

/// Every journal the oracle compares on.
pub fn all() -> Vec<Built> {
    vec![
        demo("demo of 8 (seed 1)", &[]),
        demo("demo of 4 (seed 2)", &["--people", "4", "--seed", "2"]),
        demo(
            "demo of 20 over 2 years (seed 3)",
            &["--people", "20", "--years", "2", "--seed", "3"],
        ),
        edge_cases(),
        first_weeks(),
        empty(),
    ]
}

/// A journal created and never written to (a command that only reads never creates one, so
/// the store creates it): every fact is "never", nobody or zero.
fn empty() -> Built {
    let journal = Journal::new();
    rapport::store::Store::open_with_clock(&journal.path, common::clock_at(common::now()))
        .expect("a new journal is created");
    Built {
        name: "empty",
        journal,
    }
}

/// Paused, not yet started, back-filled, concerns open (two on one need, one on a priority
/// need) and one met since, informal talks after a 1:1 (the
/// issue's `rapport log priya --kind informal`), follow-ups around the agenda's edges.
fn edge_cases() -> Built {
    let j = Journal::new();
    for args in [
        &[
            "person",
            "add",
            "Priya Raman",
            "--cadence",
            "14",
            "--started",
            "2024-03-01",
        ][..],
        &[
            "log",
            "Priya Raman",
            "--when",
            "2026-11-03 10:00",
            "--summary",
            "Roadmap",
        ],
        &[
            "log",
            "Priya Raman",
            "--kind",
            "informal",
            "--when",
            "today 09:00",
        ],
        &["person", "add", "Tom Baker", "--cadence", "7"],
        &["log", "Tom Baker", "--when", "2026-11-09 10:00"],
        &["person", "pause", "Tom Baker", "--until", "2026-12-07"],
        &[
            "person",
            "add",
            "Nina Newman",
            "--cadence",
            "14",
            "--started",
            "2026-12-01",
        ],
        &["person", "add", "Bo Backfill", "--cadence", "30"],
        &[
            "log",
            "Bo Backfill",
            "--when",
            "2026-09-20 10:00",
            "--concern",
            "autonomy:feels micromanaged",
        ],
        &[
            "log",
            "Bo Backfill",
            "--when",
            "2026-10-20 10:00",
            "--need",
            "autonomy",
            "--need",
            "fun",
        ],
        &["ack", "Bo Backfill", "Steady budget work"],
        &[
            "person",
            "add",
            "Cara Concern",
            "--cadence",
            "14",
            "--priorities",
            "security",
        ],
        &[
            "log",
            "Cara Concern",
            "--when",
            "2026-11-10 10:00",
            "--need",
            "security",
            "--need",
            "fun",
        ],
        &[
            "log",
            "Cara Concern",
            "--when",
            "2026-11-19 10:00",
            "--concern",
            "security:and about pay",
            "--concern",
            "fun:bored by the backlog",
        ],
        &[
            "log",
            "Cara Concern",
            "--when",
            "today 10:00",
            "--concern",
            "security:worried about the reorg",
        ],
        &[
            "followup",
            "add",
            "Priya Raman",
            "Send the RFC",
            "--due",
            "2026-11-18",
        ],
        &[
            "followup",
            "add",
            "Priya Raman",
            "Old promise",
            "--due",
            "2026-11-10",
        ],
        &["followup", "done", "2"],
        &[
            "followup",
            "add",
            "Tom Baker",
            "Book the offsite",
            "--due",
            "today",
        ],
        &[
            "followup",
            "add",
            "Cara Concern",
            "Share the reorg plan",
            "--due",
            "tomorrow",
        ],
        &[
            "followup",
            "add",
            "Bo Backfill",
            "Review the budget",
            "--due",
            "+5",
        ],
        &[
            "followup",
            "add",
            "Cara Concern",
            "Pick a course",
            "--owner",
            "them",
            "--due",
            "+2",
        ],
        // The leader's side: handed over in a 1:1 and outside one, checked both ways; what
        // three people said, placed and not, against a self-check it disagrees with.
        &[
            "log",
            "Priya Raman",
            "--when",
            "today 11:00",
            "--summary",
            "Handover",
            "--handed-over",
            "the release notes",
            "--feedback-to-me",
            "You decide before we talk",
            "--feedback-about",
            "directing",
        ],
        &["delegate", "Tom Baker", "the on-call rota"],
        &["delegate", "check", "2", "came-back"],
        &[
            "log",
            "Bo Backfill",
            "--when",
            "2026-10-20 15:00",
            "--handed-over",
            "the budget sheet",
        ],
        &["delegate", "check", "3", "stuck"],
        &[
            "feedback",
            "add",
            "Bo Backfill",
            "Thanks for the room on the budget",
            "--about",
            "serving",
        ],
        &[
            "feedback",
            "add",
            "Cara Concern",
            "You set the plan alone",
            "--about",
            "directing",
        ],
        &[
            "feedback",
            "add",
            "Cara Concern",
            "More context, please",
            "--about",
            "directing-serving",
        ],
        &[
            "feedback",
            "add",
            "Priya Raman",
            "You hold on to the roadmap",
            "--about",
            "control",
            "--on",
            "2026-06-01",
        ],
        &["reflect", "--directing-serving", "5"],
        // Moments: a yearly one in 2 days, one today, a paused person's in 14 days, one
        // passed, and an anniversary on the window's last day (a starter has none).
        &[
            "moment",
            "add",
            "Priya Raman",
            "1990-11-25",
            "birthday",
            "--yearly",
        ],
        &["moment", "add", "Cara Concern", "today", "all-hands talk"],
        &[
            "moment",
            "add",
            "Tom Baker",
            "2026-12-07",
            "back from leave",
        ],
        &["moment", "add", "Tom Baker", "2026-11-27", "paternity news"],
        &["moment", "add", "Bo Backfill", "2026-11-20", "passed"],
        &["person", "edit", "Bo Backfill", "--started", "2020-11-30"],
    ] {
        j.ok(args);
    }
    Built {
        name: "edge cases",
        journal: j,
    }
}

/// A new leader's first weeks: someone never met, someone met only informally, a
/// skip-level, a check-in this week, a follow-up with no due day.
fn first_weeks() -> Built {
    let j = Journal::new();
    for args in [
        &["person", "add", "Ned Never", "--cadence", "21"][..],
        &["person", "add", "Ivy Informal", "--cadence", "14"],
        &[
            "log",
            "Ivy Informal",
            "--kind",
            "informal",
            "--when",
            "2026-11-16 12:00",
        ],
        &[
            "log",
            "Ivy Informal",
            "--kind",
            "check-in",
            "--when",
            "today 11:00",
        ],
        &["person", "add", "Sam Skip", "--cadence", "28"],
        &[
            "log",
            "Sam Skip",
            "--kind",
            "skip-level",
            "--when",
            "2026-11-18 15:00",
        ],
        &["person", "add", "Lena Lee", "--cadence", "7"],
        &["log", "Lena Lee", "--when", "2026-11-16 09:00"],
        &["log", "Lena Lee", "--when", "today 08:30"],
        &["followup", "add", "Ned Never", "Say hello properly"],
        &[
            "followup",
            "add",
            "Ivy Informal",
            "Send the course link",
            "--due",
            "+1",
        ],
        &[
            "followup",
            "add",
            "Lena Lee",
            "Share the review notes",
            "--owner",
            "them",
            "--due",
            "+7",
        ],
        // Beyond Today's week: near for prep when met every three weeks, not every week.
        &["moment", "add", "Ned Never", "2026-12-08", "first demo"],
        &["moment", "add", "Lena Lee", "2026-12-02", "team lead now"],
        &["person", "edit", "Sam Skip", "--started", "2025-11-24"],
    ] {
        j.ok(args);
    }
    Built {
        name: "first weeks",
        journal: j,
    }
}
