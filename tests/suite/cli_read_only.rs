//! Commands that only read: seen from the kernel's side with `strace`, they write nothing to
//! the journal or its side files, leave no file behind, and hand their output to the kernel
//! in a few large writes rather than one per line.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

use crate::common;

use common::{Journal, execute, isolate};

/// The commands that read the journal and change nothing in it.
const READERS: &[&[&str]] = &[
    &["today"],
    &["today", "--json"],
    &["timeline", "--limit", "200", "--json"],
    &["timeline", "--limit", "200"],
    &["search", "roadmap", "--json"],
    &["person", "list", "--json"],
    &["person", "show", "Bilal"],
    &["gaps", "--json"],
    &["trends", "Bilal"],
    &["week", "--json"],
    &["prep", "Bilal"],
    &["followup", "list"],
    &["calendar"],
    &["review", "Bilal"],
    &["export", "--format", "json"],
    &["export", "--format", "csv"],
];

/// A system call strace saw: its name, its file descriptor if it has one, and the path
/// behind it (strace's `-y`) or the path it names.
struct Call {
    name: String,
    fd: Option<u32>,
    path: String,
}

fn strace_available() -> bool {
    let found = Command::new("strace").arg("-V").output().is_ok();
    if !found {
        eprintln!("skipped: strace is not installed (.ci/run installs it)");
    }
    found
}

/// Runs `args` on the journal under strace and returns the writes it made, with its stdout.
fn traced(journal: &Journal, args: &[&str]) -> (Vec<Call>, String) {
    let log = journal.dir().join("strace.log");
    let inner = journal.command(args);
    let mut command = Command::new("strace");
    isolate(&mut command);
    for (key, value) in inner.get_envs() {
        if let Some(value) = value {
            command.env(key, value);
        }
    }
    command
        .args(["-f", "-qq", "-y", "-o"])
        .arg(&log)
        .args([
            "-e",
            "trace=write,writev,pwrite64,pwritev,pwritev2,ftruncate,fallocate,unlink,unlinkat,rename,renameat,renameat2",
            "--",
        ])
        .arg(inner.get_program())
        .args(inner.get_args());
    let run = execute(&mut command, None);
    assert_eq!(run.code, 0, "{args:?}: {run:?}");
    let text = fs::read_to_string(&log).expect("the strace log");
    fs::remove_file(&log).expect("removed");
    let calls = text
        .lines()
        .filter_map(|line| {
            // "1234 pwrite64(6</tmp/…/journal.db-shm>, …" or "1234 unlink(\"/tmp/…\")".
            // strace pads the pid to a width, so a short pid is followed by several spaces.
            let call = line.split_once(' ')?.1.trim_start();
            let (name, rest) = call.split_once('(')?;
            let path = match rest.split_once('<') {
                Some((_, after)) if !rest.starts_with('"') => after.split('>').next()?,
                _ => rest.split('"').nth(1)?,
            };
            Some(Call {
                name: name.to_string(),
                fd: rest.split('<').next().and_then(|fd| fd.parse().ok()),
                path: path.to_string(),
            })
        })
        .collect();
    (calls, run.stdout)
}

/// What a file looks like from outside: its bytes and when it was last changed.
fn look(path: &Path) -> Option<(Vec<u8>, SystemTime)> {
    let bytes = fs::read(path).ok()?;
    let changed = fs::metadata(path).ok()?.modified().ok()?;
    Some((bytes, changed))
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("the folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

fn demo_journal() -> Journal {
    let journal = Journal::new();
    journal.ok(&["demo"]);
    journal
}

#[test]
fn a_read_only_command_writes_nothing_to_the_journal_or_its_side_files() {
    if !strace_available() {
        return;
    }
    let journal = demo_journal();
    let journal_name = journal.path.to_string_lossy().into_owned();
    for args in READERS {
        let before_files = listing(journal.dir());
        let before = look(&journal.path).expect("the journal");
        let (calls, _) = traced(&journal, args);
        for call in &calls {
            // SQLite's shared-memory index (`-shm`) is a memory map it sizes with
            // one-byte writes; it holds no journal data and is removed on close.
            let touches_journal =
                call.path.starts_with(&journal_name) && !call.path.ends_with("-shm");
            let is_sqlite_cleanup = matches!(call.name.as_str(), "unlink" | "unlinkat")
                && (call.path.ends_with("-wal") || call.path.ends_with("-shm"));
            assert!(
                !touches_journal || is_sqlite_cleanup,
                "{args:?} called {}() on {}",
                call.name,
                call.path
            );
        }
        assert_eq!(
            look(&journal.path).expect("the journal"),
            before,
            "{args:?} changed the journal's bytes or its modification time"
        );
        assert_eq!(
            listing(journal.dir()),
            before_files,
            "{args:?} left a file behind or took one away"
        );
    }
}

#[test]
fn output_goes_to_the_kernel_in_large_writes_not_one_per_line() {
    if !strace_available() {
        return;
    }
    let journal = demo_journal();
    for args in READERS {
        let (calls, stdout) = traced(&journal, args);
        let writes = calls
            .iter()
            .filter(|call| call.name.starts_with("write") && call.fd == Some(1))
            .count();
        // Two writes per 64 KiB of output (the standard output's line writer passes a large
        // write on up to its last line break, then the rest), and two for what is left over:
        // far fewer than one per record.
        let allowed = 2 * (stdout.len() / (64 * 1024)) + 2;
        assert!(
            writes <= allowed,
            "{args:?} wrote {} lines of output in {writes} writes (at most {allowed})",
            stdout.lines().count()
        );
        assert!(
            stdout.lines().count() > 2,
            "{args:?} printed something: {stdout}"
        );
    }
}
