//! The rolling backups under a wrong clock and under concurrency.

use crate::common;

use std::fs;
use std::thread;

use chrono::{Local, TimeZone};
use common::Journal;
use rapport::store::backup::{self, Retention};

fn local(y: i32, m: u32, d: u32, h: u32) -> chrono::DateTime<Local> {
    Local
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .expect("an unambiguous local time")
}

/// A backup named for 2030 (one run with a wrong clock) does not stop the daily backup,
/// and retention never removes the backup just made in its favour.
#[test]
fn backups_dated_in_the_future_neither_stop_the_daily_backup_nor_prune_the_new_one() {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker"]);
    let backups = journal.dir().join("backups");
    fs::create_dir_all(&backups).expect("a folder");
    let future = backups.join("rapport-2030-01-01T000000.db");
    journal.ok(&["backup", future.to_str().expect("UTF-8")]);

    let made = backup::auto_backup_if_due(
        &journal.path,
        local(2026, 11, 23, 8),
        Retention::default(),
        &rapport::store::Key::plain(),
    )
    .expect("runs")
    .expect("the daily backup is due despite the 2030 one");
    assert!(made.path.exists());

    let store = common::fixed_store(&journal);
    let keep_one = Retention {
        daily: 1,
        weekly: 1,
    };
    let newest = store.backup_rolling(keep_one).expect("a rolling backup");
    assert!(newest.path.exists(), "the backup just made is kept");
    assert!(
        future.exists(),
        "the future-dated one is left alone, not counted"
    );
}

/// Ten `rapport backup` at once, twice: all succeed with their real size, none trips over a
/// backup another one pruned.
#[test]
fn ten_backups_at_once_all_succeed() {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker"]);
    // Two rounds: the clash needs two runs in the same second, pruning at once.
    let runs: Vec<_> = (0..2)
        .flat_map(|_| {
            thread::scope(|scope| {
                let handles: Vec<_> = (0..10)
                    .map(|_| scope.spawn(|| journal.run(&["backup"])))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("a run"))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for run in &runs {
        common::assert_ok(run, &["backup"]);
        assert!(run.stdout.starts_with("Backed up to"), "{}", run.stdout);
        assert!(!run.stdout.contains("(0 B)"), "{}", run.stdout);
    }
}
