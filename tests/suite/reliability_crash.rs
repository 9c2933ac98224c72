//! Crashes and concurrency on the real binary: processes killed with SIGKILL at random
//! moments while they save or back up, and two processes writing at once. After each kill
//! the journal must pass `PRAGMA integrity_check` and hold every save that was reported.
//!
//! `RAPPORT_SOAK=1` runs the long version (200 kills instead of 20).

use crate::common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::{BIN, Journal, soak};
use rusqlite::{Connection, OpenFlags};

/// A small random number generator (xorshift); the seed is printed so a failure can be
/// replayed with RAPPORT_SEED.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new() -> Rng {
        let seed = std::env::var("RAPPORT_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64)
                    | 1
            });
        println!("RAPPORT_SEED={seed}");
        Rng(seed)
    }

    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn integrity(path: &Path) -> Vec<String> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap_or_else(|e| panic!("{} opens: {e}", path.display()));
    conn.prepare("PRAGMA integrity_check")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("check runs")
        .collect::<Result<_, _>>()
        .expect("rows")
}

fn journal_with_tom() -> Journal {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker"]);
    journal
}

/// True when a `rapport` process is running in the process group `group`: a kill now
/// lands inside a command (opening, saving, closing), not between two of them.
fn rapport_running_in_group(group: u32) -> bool {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return false;
    };
    entries.flatten().any(|entry| {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            return false;
        };
        // pid (comm) state ppid pgrp …; comm may hold spaces, so split after its ')'.
        let Some((head, rest)) = stat.rsplit_once(')') else {
            return false;
        };
        let comm = head.split_once('(').map_or("", |(_, c)| c);
        let pgrp = rest.split_whitespace().nth(2);
        comm == "rapport" && pgrp == Some(group.to_string().as_str())
    })
}

/// Kills a whole process group (the shell loop and the rapport it is running).
fn kill_group(child: &std::process::Child) {
    let group = i32::try_from(child.id()).expect("a pid");
    // SAFETY: signalling the process group our own child leads.
    unsafe { libc::kill(-group, libc::SIGKILL) };
}

/// Every conversation in the journal has all of its parts, or it is not there at all.
fn assert_saves_whole(journal: &Journal) {
    let partial = journal.rows(
        "SELECT c.summary FROM conversation c
          WHERE (SELECT count(*) FROM conversation_need n WHERE n.conversation_id = c.id) <> 1
             OR (SELECT count(*) FROM conversation_tag t WHERE t.conversation_id = c.id) <> 1
             OR (SELECT count(*) FROM follow_up f WHERE f.conversation_id = c.id) <> 1",
    );
    assert!(partial.is_empty(), "saves with missing parts: {partial:?}");
}

#[test]
fn sigkill_at_random_moments_never_loses_a_reported_save() {
    let kills = if soak() { 200 } else { 20 };
    let journal = journal_with_tom();
    let mut rng = Rng::new();
    let mut reported = BTreeSet::new();
    let mut inside_a_command = 0;
    let started = Instant::now();
    for round in 0..kills {
        // A shell loop saving conversations one `rapport log` at a time, printing the number
        // of each save once rapport has said it is done.
        let first = round * 100_000;
        let mut child = common::isolate(&mut Command::new("sh"))
            .arg("-c")
            .arg(
                r#"i=$1; while :; do
                     "$2" --db "$3" log tom --summary "save $i" --need "fun:how $i" \
                          --tag "t$i" --followup "follow $i" --notes "notes of save $i" \
                          >/dev/null || exit 3
                     echo "$i"; i=$((i+1))
                   done"#,
            )
            .arg("loop")
            .arg(first.to_string())
            .arg(BIN)
            .arg(&journal.path)
            .env("HOME", journal.dir().join("home"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()
            .expect("the loop starts");
        let stdout = child.stdout.take().expect("stdout");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&lines);
        let reader = thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                sink.lock().expect("lines").push(line);
            }
        });
        thread::sleep(Duration::from_millis(20 + rng.below(180)));
        let still_running = child.try_wait().expect("the loop can be polled").is_none();
        if rapport_running_in_group(child.id()) {
            inside_a_command += 1;
        }
        kill_group(&child);
        let status = child.wait().expect("the loop ends");
        reader.join().expect("the reader ends");
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr)
            .expect("stderr reads");
        assert!(
            still_running,
            "round {round}: the save loop stopped on its own ({status}): {stderr}"
        );
        for line in lines.lock().expect("lines").iter() {
            reported.insert(line.parse::<u64>().expect("a save number"));
        }
        assert_eq!(integrity(&journal.path), ["ok"], "after kill {round}");
        let present: BTreeSet<u64> = journal
            .rows("SELECT summary FROM conversation")
            .iter()
            .filter_map(|s| s.strip_prefix("save ")?.parse().ok())
            .collect();
        let lost: Vec<_> = reported.difference(&present).collect();
        assert!(lost.is_empty(), "after kill {round}, saves lost: {lost:?}");
        assert_saves_whole(&journal);
    }
    let rows = journal.count("conversation");
    println!(
        "{kills} kills survived ({inside_a_command} inside a running rapport), {} reported saves all present, {rows} conversations checked whole, in {:.1?}",
        reported.len(),
        started.elapsed()
    );
    assert!(
        inside_a_command >= kills / 4,
        "too few kills landed inside a command to prove anything: {inside_a_command} of {kills}"
    );
    assert!(
        reported.len() >= kills as usize / 2,
        "the loop saved too little to prove anything: {}",
        reported.len()
    );
}

/// Two command lines saving at once: every save lands and neither is told the journal is
/// locked (each write waits for the other within the busy timeout).
#[test]
fn two_command_lines_writing_at_once_lose_nothing() {
    let journal = Journal::new();
    journal.add_people(&["Ana Souza", "Ben Okafor"]);
    let saves_each = 30;
    let writers: Vec<_> = ["ana", "ben"]
        .into_iter()
        .map(|who| {
            let path = journal.path.clone();
            let home = journal.dir().join("home");
            thread::spawn(move || {
                (0..saves_each)
                    .map(|i| {
                        let output = common::isolate(&mut Command::new(BIN))
                            .env("HOME", &home)
                            .arg("--db")
                            .arg(&path)
                            .args(["log", who, "--summary", &format!("{who} {i}")])
                            .args(["--need", "belonging", "--tag", "x", "--followup", "y"])
                            .output()
                            .expect("rapport runs");
                        (
                            output.status.success(),
                            String::from_utf8_lossy(&output.stderr).into_owned(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for writer in writers {
        for (ok, stderr) in writer.join().expect("a writer ends") {
            assert!(ok, "the save succeeded: {stderr}");
            assert!(!stderr.contains("locked"), "{stderr}");
        }
    }
    let summaries = journal.rows("SELECT summary FROM conversation");
    assert_eq!(summaries.len(), 2 * saves_each);
    for who in ["ana", "ben"] {
        for i in 0..saves_each {
            assert!(summaries.contains(&format!("{who} {i}")), "{who} {i}");
        }
    }
    assert_saves_whole(&journal);
    assert_eq!(integrity(&journal.path), ["ok"]);
}

/// The backup at `path` is a whole, healthy copy of a journal holding `conversations`.
/// Starts `command` and kills it (SIGKILL) at a random moment within `window` µs; true when
/// it was still running, the kill landing part-way. A run that finished first narrows the
/// window: under a loaded machine the first run may have been much slower than the later
/// ones.
pub(crate) fn kill_within(
    mut command: std::process::Command,
    rng: &mut Rng,
    window: &mut u64,
) -> bool {
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("rapport starts");
    thread::sleep(Duration::from_micros(rng.below((*window).max(1))));
    let midway = child.try_wait().expect("polls").is_none();
    if !midway {
        *window = *window * 3 / 4;
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("rapport ends");
    midway
}

fn assert_good_backup(path: &Path, conversations: i64, context: &str) {
    assert_eq!(integrity(path), ["ok"], "{context}");
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("opens");
    let (app_id, rows): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT application_id FROM pragma_application_id),
                    (SELECT count(*) FROM conversation)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("reads");
    assert_eq!(app_id, 0x5241_5050, "{context}: a Rapport journal");
    assert_eq!(
        rows, conversations,
        "{context}: every conversation is in it"
    );
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("the folder lists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.contains(".tmp"))
        .collect()
}

/// `rapport backup FILE` killed part-way, again and again: the backup already at FILE is
/// never replaced by a partial one, and the temp files of killed runs do not pile up.
#[test]
fn backups_killed_midway_never_damage_the_previous_backup() {
    let wanted = if soak() { 200 } else { 50 };
    let journal = Journal::new();
    journal.ok(&["demo", "--people", "8", "--years", "2"]);
    let conversations = journal.count("conversation");
    let dest = journal.dir().join("safe").join("backup.db");
    std::fs::create_dir(dest.parent().expect("a folder")).expect("the folder");
    let dest_arg = dest.to_str().expect("a UTF-8 path");
    let timed = Instant::now();
    journal.ok(&["backup", dest_arg]);
    let full = timed.elapsed();
    assert_good_backup(&dest, conversations, "the first backup");

    let mut rng = Rng::new();
    let folder = dest.parent().expect("a folder");
    let (mut midway, mut attempts, mut left_a_temp_file) = (0, 0, 0);
    // Kills land at a random moment within a window that starts as long as one backup and
    // narrows whenever a backup finished first: under a loaded machine the first backup
    // may have been much slower than the later ones.
    let mut window = full.as_micros() as u64;
    while midway < wanted && attempts < wanted * 10 {
        attempts += 1;
        if kill_within(
            journal.command(&["backup", dest_arg]),
            &mut rng,
            &mut window,
        ) {
            midway += 1;
        }
        if !temp_files(folder).is_empty() {
            left_a_temp_file += 1;
        }
        assert_good_backup(&dest, conversations, &format!("after kill {attempts}"));
    }
    println!(
        "{midway} backups killed mid-way in {attempts} attempts ({left_a_temp_file} left a temp file); the previous backup survived each"
    );
    assert_eq!(midway, wanted, "enough kills landed while the backup ran");
    assert!(
        left_a_temp_file > 0,
        "no kill interrupted a backup's temp file"
    );
    // Later runs may have swept the earlier leftovers already: kill one more part-way
    // until a temp file is there, so that the sweep below has something to prove.
    let mut tries = 0;
    while temp_files(folder).is_empty() {
        tries += 1;
        assert!(tries <= 500, "no killed backup left a temp file to sweep");
        let mut child = journal
            .command(&["backup", dest_arg])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the backup starts");
        thread::sleep(Duration::from_micros(rng.below(window.max(1))));
        child.kill().expect("SIGKILL");
        child.wait().expect("the backup ends");
    }
    // The next backup that completes sweeps up what the killed ones left.
    journal.ok(&["backup", dest_arg]);
    assert_good_backup(&dest, conversations, "the last backup");
    let left = temp_files(folder);
    assert!(left.is_empty(), "temp files of killed backups: {left:?}");
    assert_eq!(integrity(&journal.path), ["ok"], "the journal itself");
}

/// `rapport import` into a new journal killed part-way, again and again. Such an import is
/// written without the write-ahead log (`store/bulk.rs`): after each kill the journal is
/// healthy and either the empty journal it was or holds the whole import, never a part.
#[test]
fn imports_into_a_new_journal_killed_midway_leave_it_empty_or_whole() {
    let wanted = if soak() { 100 } else { 15 };
    let source = Journal::new();
    source.ok(&["demo", "--people", "6", "--years", "2"]);
    let export = source.dir().join("export.json");
    let export_arg = export.to_str().expect("a UTF-8 path");
    source.ok(&["export", "--format", "json", "-o", export_arg]);
    let (conversations, needs) = (
        source.count("conversation"),
        source.count("conversation_need"),
    );

    let whole = Journal::new();
    drop(common::open(&whole.path).expect("a new journal"));
    let timed = Instant::now();
    whole.ok(&["import", export_arg]);
    let full = timed.elapsed();
    assert_eq!(whole.count("conversation"), conversations);

    let mut rng = Rng::new();
    let (mut midway, mut attempts, mut left_a_rollback_journal) = (0, 0, 0);
    let mut window = full.as_micros() as u64;
    while midway < wanted && attempts < wanted * 10 {
        attempts += 1;
        // Made first, so that every kill lands in the import itself.
        let journal = Journal::new();
        drop(common::open(&journal.path).expect("a new journal"));
        if kill_within(
            journal.command(&["import", export_arg]),
            &mut rng,
            &mut window,
        ) {
            midway += 1;
        }
        if common::side_file(&journal.path, "-journal").exists() {
            left_a_rollback_journal += 1;
        }
        // Through Rapport, which rolls back what the killed import left half-done.
        journal.ok(&["check"]);
        assert_eq!(integrity(&journal.path), ["ok"], "after kill {attempts}");
        let found = (
            journal.count("conversation"),
            journal.count("conversation_need"),
        );
        assert!(
            found == (0, 0) || found == (conversations, needs),
            "after kill {attempts}: {found:?} of {conversations} conversations and {needs} needs"
        );
        assert_eq!(
            journal.rows("PRAGMA journal_mode"),
            ["wal"],
            "after kill {attempts}"
        );
    }
    println!(
        "{midway} imports killed mid-way in {attempts} attempts ({left_a_rollback_journal} inside the load's transaction); each journal empty or whole"
    );
    assert_eq!(midway, wanted, "enough kills landed while the import ran");
    assert!(
        left_a_rollback_journal > 0,
        "no kill landed inside the load's transaction"
    );
}

#[test]
fn a_new_journal_killed_while_it_is_set_up_still_opens_next_time() {
    let journal = Journal::new();
    let status = journal
        .command(&["person", "add", "Tom Baker"])
        .env("RAPPORT_FAULT", "setup-kill")
        .status()
        .expect("rapport runs");
    assert!(!status.success(), "the first open was killed");
    assert!(journal.path.exists(), "the journal file was made");
    // Marked as Rapport's before anything else was written: not another program's file.
    journal.ok(&["person", "add", "Tom Baker"]);
    assert_eq!(journal.count("person"), 1);
}
