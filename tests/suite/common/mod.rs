//! Helpers shared by the store and command-line tests: a journal in a temp folder, the real
//! binary run against it, and plain-SQL views of the database to prove what changed.

// Each test file uses a different part of these helpers.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::{Datelike, Duration, Local, NaiveDate, NaiveDateTime, Weekday};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_rapport");

/// Monday 23 November 2026, 14:37 local time: the time every test sees, whatever the day
/// and the zone it runs in. The binary reads it from `RAPPORT_NOW` (honoured only by the
/// test build), the store from [`fixed_store`].
pub const NOW: &str = "2026-11-23T14:37:00";

/// True under `RAPPORT_SOAK=1`: long loops (many kills, every variant) run their full
/// length; by default they run a shorter version that keeps the suite fast.
pub fn soak() -> bool {
    std::env::var("RAPPORT_SOAK").is_ok_and(|v| v == "1")
}

/// [`NOW`] as a local time.
pub fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str(NOW, "%Y-%m-%dT%H:%M:%S").expect("NOW is a local time")
}

/// The day of [`NOW`].
pub fn today() -> NaiveDate {
    now().date()
}

/// A clock standing at `at`, local time, for a store opened in the test's own process.
pub fn clock_at(at: NaiveDateTime) -> rapport::store::Clock {
    use chrono::TimeZone;
    let instant = Local
        .from_local_datetime(&at)
        .earliest()
        .expect("a local time that exists");
    rapport::clock::fixed(instant)
}

/// Gives a command only what a test chose: a cleared environment (no personal settings,
/// `RAPPORT_*` variables or journal of the developer can leak in), the search path, the
/// time zone the tests run in, the suite's key derivation cost, and the pinned clock.
/// Callers add HOME and the data folders.
pub fn isolate(command: &mut Command) -> &mut Command {
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("RAPPORT_NOW", NOW);
    command.envs(passed_on());
    command
}

/// What every command a test runs gets besides what the test chose: the time zone the suite
/// runs in, and the suite's key derivation cost (every process of a test must derive keys
/// alike, or one could not open what another encrypted).
pub fn passed_on() -> Vec<(&'static str, std::ffi::OsString)> {
    let mut passed = vec![(
        KEY_ROUNDS,
        std::ffi::OsString::from(SUITE_KEY_ROUNDS.to_string()),
    )];
    if let Some(zone) = std::env::var_os("TZ") {
        passed.push(("TZ", zone));
    }
    passed
}

/// The test build's variable for the key derivation's rounds (src/store/fault.rs).
pub const KEY_ROUNDS: &str = "RAPPORT_TEST_KDF_ITER";

/// The PBKDF2 rounds the suite's commands derive an encrypted journal's key with, instead of
/// SQLCipher's 256,000: each derivation costs a quarter of a second, the suite runs the
/// binary on encrypted journals thousands of times (a conversion killed in a loop re-keys
/// every backup), and what those tests prove does not depend on the cost. The tests of the
/// cost itself use [`Journal::with_full_key_derivation`].
pub const SUITE_KEY_ROUNDS: u32 = 4000;

/// Keys a connection opened in the test's own process as the suite's commands key theirs:
/// with `passphrase`, at [`SUITE_KEY_ROUNDS`] (this connection only).
pub fn key_as_the_suite_does(conn: &Connection, passphrase: &str) -> rusqlite::Result<()> {
    conn.pragma_update(None, "key", passphrase)?;
    conn.pragma_update(None, "kdf_iter", SUITE_KEY_ROUNDS)
}

/// Whether `program` (a shell, groff, man) can be run here; when it cannot, the test that
/// needs it says it is skipped, and why, instead of failing.
pub fn installed(program: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !found {
        eprintln!("skipped: {program} is not installed");
    }
    found
}

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A journal path inside a fresh temp folder. The file does not exist until a command or
/// `Store::open` creates it.
pub struct Journal {
    dir: TempDir,
    pub path: PathBuf,
    /// Its commands derive keys at SQLCipher's own cost, not the suite's cheaper one: for
    /// the tests of that cost, and of a journal opened inside the test's own process.
    full_key_derivation: bool,
}

impl Default for Journal {
    fn default() -> Self {
        Self::new()
    }
}

impl Journal {
    pub fn new() -> Journal {
        let dir = tempfile::tempdir().expect("a temp folder");
        let path = dir.path().join("journal.db");
        Journal {
            dir,
            path,
            full_key_derivation: false,
        }
    }

    /// A journal whose commands derive keys at SQLCipher's full cost (256,000 rounds), as
    /// the released binary does and as a store opened in the test's process does.
    pub fn with_full_key_derivation() -> Journal {
        Journal {
            full_key_derivation: true,
            ..Journal::new()
        }
    }

    /// A journal in a temp folder inside `parent`, for a fixture kept for the whole run in a
    /// static (never dropped, so it must not be left in the system's temp folder).
    pub fn new_in(parent: &Path) -> Journal {
        let dir = tempfile::tempdir_in(parent).expect("a temp folder");
        let path = dir.path().join("journal.db");
        Journal {
            dir,
            path,
            full_key_derivation: false,
        }
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The binary with an environment that can never reach the leader's own journal or
    /// settings: a cleared environment (see [`isolate`]), and home, data and settings
    /// folders inside the temp folder.
    pub fn bare_command(&self) -> Command {
        self.bare_command_of(Path::new(BIN))
    }

    /// [`Journal::bare_command`] running the copy of the binary at `bin`.
    pub fn bare_command_of(&self, bin: &Path) -> Command {
        let mut command = Command::new(bin);
        isolate(&mut command)
            .env("HOME", self.dir().join("home"))
            .env("XDG_DATA_HOME", self.dir().join("data"))
            .env("XDG_CONFIG_HOME", self.dir().join("config"))
            .stdin(Stdio::null());
        if self.full_key_derivation {
            command.env_remove(KEY_ROUNDS);
        }
        command
    }

    /// The binary pointed at this journal with `--db`.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = self.bare_command();
        command.arg("--db").arg(&self.path).args(args);
        command
    }

    pub fn run(&self, args: &[&str]) -> Run {
        execute(&mut self.command(args), None)
    }

    pub fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Run {
        execute(&mut self.command(args), Some(input))
    }

    /// Runs a command that must succeed quietly and returns its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_ok(&run, args);
        run.stdout
    }

    /// Runs a command that must fail with `code` and one sentence on stderr; returns it.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let run = self.run(args);
        assert_one_line_failure(&run, code, args);
        run.stderr
    }

    /// Adds people with default settings.
    pub fn add_people(&self, names: &[&str]) {
        for name in names {
            self.ok(&["person", "add", name]);
        }
    }

    pub fn rows(&self, sql: &str) -> Vec<String> {
        rows(&self.path, sql)
    }

    pub fn count(&self, table: &str) -> i64 {
        count(&self.path, table)
    }

    pub fn dump(&self) -> Dump {
        dump(&self.path)
    }
}

pub fn execute(command: &mut Command, input: Option<&[u8]>) -> Run {
    if input.is_some() {
        command.stdin(Stdio::piped());
    }
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().expect("the rapport binary starts");
    if let Some(bytes) = input {
        let mut stdin = child.stdin.take().expect("a stdin pipe");
        stdin.write_all(bytes).expect("stdin takes the input");
    }
    let output = child.wait_with_output().expect("the rapport binary ends");
    Run {
        code: output.status.code().expect("an exit code, not a signal"),
        stdout: String::from_utf8(output.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("utf-8 stderr"),
    }
}

pub fn assert_ok(run: &Run, args: &[&str]) {
    assert_eq!(run.code, 0, "{args:?} should succeed: {run:#?}");
    assert_eq!(run.stderr, "", "{args:?} should be quiet on stderr");
}

pub fn assert_no_panic(run: &Run) {
    for word in ["panicked", "RUST_BACKTRACE", "backtrace", "thread 'main'"] {
        assert!(
            !run.stderr.contains(word),
            "stderr mentions {word}: {:?}",
            run.stderr
        );
        assert!(
            !run.stdout.contains(word),
            "stdout mentions {word}: {:?}",
            run.stdout
        );
    }
}

/// The contract for a refused command: the exit code, and exactly one line on stderr that
/// says what went wrong, never a panic.
pub fn assert_one_line_failure(run: &Run, code: i32, args: &[&str]) {
    assert_eq!(run.code, code, "{args:?} should exit {code}: {run:#?}");
    assert_no_panic(run);
    assert!(
        run.stderr.ends_with('\n'),
        "{args:?}: stderr ends with a newline: {:?}",
        run.stderr
    );
    assert_eq!(
        run.stderr.lines().count(),
        1,
        "{args:?} should print exactly one line on stderr: {:?}",
        run.stderr
    );
    assert!(
        run.stderr.starts_with("rapport: ") || run.stderr.starts_with("error: "),
        "{args:?}: the line says who speaks: {:?}",
        run.stderr
    );
    assert!(
        run.stderr.trim().len() > "rapport: ".len() + 10,
        "a real sentence: {:?}",
        run.stderr
    );
}

/// A usage error found by the argument parser: exit 2, one `rapport:` line, no panic.
pub fn assert_parse_error(run: &Run, args: &[&str]) {
    assert_eq!(run.code, 2, "{args:?} should exit 2: {run:#?}");
    assert_no_panic(run);
    assert!(
        run.stderr.starts_with("rapport: ") && run.stderr.lines().count() == 1,
        "{args:?}: {:?}",
        run.stderr
    );
    assert_eq!(run.stdout, "", "{args:?}: nothing on stdout");
}

/// Opens an existing journal with plain SQLite, never creating one.
pub fn connect(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .unwrap_or_else(|e| panic!("{} opens: {e}", path.display()))
}

/// A value as text. A `uuid` column holds a UUID's 16 bytes: it reads as the UUID's text,
/// so a query names rows as an export does.
fn cell(value: ValueRef<'_>, column: &str) -> String {
    match value {
        ValueRef::Null => "NULL".into(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => match uuid::Uuid::from_slice(b) {
            Ok(uuid) if column == "uuid" => uuid.to_string(),
            _ => format!("blob:{}", b.len()),
        },
    }
}

/// Every row of a query, its columns joined with `|`.
pub fn rows(path: &Path, sql: &str) -> Vec<String> {
    query(&connect(path), sql)
}

fn query(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    let names: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
    let mut found = Vec::new();
    let mut rows = stmt.query([]).expect("query runs");
    while let Some(row) = rows.next().expect("row reads") {
        let cells: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, name)| cell(row.get_ref(i).expect("column"), name))
            .collect();
        found.push(cells.join("|"));
    }
    found
}

pub fn count(path: &Path, table: &str) -> i64 {
    connect(path)
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

/// Every table's rows (sorted, so tables without a rowid compare too), plus the schema
/// version: two equal dumps mean the journal holds exactly the same data.
pub type Dump = BTreeMap<String, Vec<String>>;

pub fn dump(path: &Path) -> Dump {
    let conn = connect(path);
    let mut dump = Dump::new();
    dump.insert("user_version".into(), query(&conn, "PRAGMA user_version"));
    let tables = query(
        &conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    for table in tables {
        let mut content = query(&conn, &format!("SELECT * FROM \"{table}\""));
        content.sort();
        dump.insert(table, content);
    }
    dump
}

/// Row counts of every table, for quick before/after comparisons.
pub fn counts(path: &Path) -> BTreeMap<String, usize> {
    dump(path)
        .into_iter()
        .map(|(table, rows)| (table, rows.len()))
        .collect()
}

pub fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// True when `needle` appears in the file's raw bytes (any letter case): whether text is
/// left anywhere in a journal, its WAL or a backup.
pub fn bytes_contain(path: &Path, needle: &str) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let needle = needle.to_lowercase().into_bytes();
    bytes
        .to_ascii_lowercase()
        .windows(needle.len())
        .any(|w| w == needle.as_slice())
}

/// A side file SQLite keeps beside the journal (`-wal`, `-shm`, `-journal`).
pub fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Waits until the command working on the journal at `path` holds where a `hold-…` fault
/// (`RAPPORT_FAULT`) stops it: it says so with `JOURNAL.held`.
pub fn wait_until_held(path: &Path) {
    eventually("the command holds", || side_file(path, ".held").exists());
}

/// Lets the held command on the journal at `path` go on.
pub fn let_go(path: &Path) {
    std::fs::write(side_file(path, ".go"), b"").expect("the command is let go");
}

/// The latest `weekday` on or before `today`: where `--when friday` lands.
pub fn most_recent(weekday: Weekday, today: NaiveDate) -> NaiveDate {
    let back = (7 + today.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    today - Duration::days(i64::from(back))
}

/// The first `weekday` strictly after `today`: where `--due friday` lands.
pub fn next_after(weekday: Weekday, today: NaiveDate) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    today + Duration::days(if ahead == 0 { 7 } else { i64::from(ahead) })
}

/// Deterministic bytes that are not an SQLite file (a small linear congruential generator).
pub fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 56) as u8
        })
        .collect()
}

/// A standard output whose reader has already gone away, like `rapport … | head -1` after
/// `head` has exited: every write fails with a broken pipe.
pub fn closed_pipe() -> Stdio {
    let mut fds = [0; 2];
    // SAFETY: pipe() fills both descriptors on success; we own them from here on.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "a pipe");
    let (reader, writer) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(reader);
    Stdio::from(writer)
}

/// Polls `check` until it holds, instead of sleeping for a fixed time; panics naming
/// `what` after 15 s.
pub fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !check() {
        assert!(
            std::time::Instant::now() < deadline,
            "never happened: {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// True once the journal at `path` holds a draft of the Log form containing `text`.
pub fn has_draft_with(path: &Path, text: &str) -> bool {
    open(path)
        .ok()
        .and_then(|store| store.draft("log").ok().flatten())
        .is_some_and(|draft| draft.contains(text))
}

/// Opens (or creates) a journal in the test's own process on a clock standing at [`NOW`].
pub fn open(path: &Path) -> Result<rapport::store::Store, rapport::store::Error> {
    rapport::store::Store::open_with_clock(path, clock_at(now()))
}

/// A store on the journal whose clock stands at [`NOW`].
pub fn fixed_store(journal: &Journal) -> rapport::store::Store {
    rapport::store::Store::open_with_clock(&journal.path, clock_at(now()))
        .expect("the journal opens")
}

/// Adds someone with only a name and returns their id.
pub fn person(store: &mut rapport::store::Store, name: &str) -> i64 {
    store
        .add_person(&rapport::domain::NewPerson {
            name: name.into(),
            ..rapport::domain::NewPerson::default()
        })
        .unwrap_or_else(|e| panic!("{name} added: {e}"))
        .id
}

/// A small tmpfs (`size` as mount takes it: "1m"), unmounted when dropped.
pub struct SmallDisk {
    _dir: TempDir,
    pub path: PathBuf,
}

impl SmallDisk {
    pub fn mount(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("disk");
        std::fs::create_dir(&path).expect("a mount point");
        let mounted = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(&path)
            .output()
            .is_ok_and(|o| o.status.success());
        if !mounted {
            println!("skipped: this machine does not let the tests mount a small tmpfs");
            return None;
        }
        Some(SmallDisk { _dir: dir, path })
    }

    /// Fills the disk to the last byte; returns the filler file.
    pub fn fill(&self) -> PathBuf {
        use std::io::Write;
        let filler = self.path.join("filler");
        let mut file = std::fs::File::create(&filler).expect("the filler");
        let chunk = vec![0u8; 4096];
        while file.write_all(&chunk).is_ok() {}
        while file.write_all(&[0]).is_ok() {}
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.path).output();
    }
}

/// An export's text with one row changed in place. An export writes each row on a line of
/// its own inside its table's array; the first row of `table` that `pick` chooses is read,
/// handed to `edit`, and written back on the same line. Everything else keeps its bytes, so
/// the tables stay in Rapport's order (a file rewritten through a `serde_json::Value` has
/// them sorted, and is refused for that before any row is checked).
pub fn edit_export_row(
    export: &str,
    table: &str,
    pick: impl Fn(&serde_json::Value) -> bool,
    edit: impl FnOnce(&mut serde_json::Value),
) -> String {
    let opening = format!("  \"{table}\": [");
    let mut in_table = false;
    let mut lines: Vec<String> = Vec::new();
    let mut edit = Some(edit);
    for line in export.lines() {
        if line.starts_with("  \"") {
            in_table = line == opening;
        }
        let row = line
            .strip_prefix("    ")
            .filter(|_| in_table && edit.is_some());
        if let Some(row) = row {
            let (body, comma) = match row.strip_suffix(',') {
                Some(body) => (body, ","),
                None => (row, ""),
            };
            let mut value: serde_json::Value = serde_json::from_str(body).expect("a row");
            if pick(&value) {
                let change = edit.take().expect("edited once");
                change(&mut value);
                lines.push(format!("    {value}{comma}"));
                continue;
            }
        }
        lines.push(line.to_string());
    }
    assert!(edit.is_none(), "the export has no such {table} row");
    lines.join("\n") + "\n"
}

/// The UUID (as JSON) of the first row of `table` in an export for which `pick` holds.
pub fn export_row_uuid(
    export: &str,
    table: &str,
    pick: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let value: serde_json::Value = serde_json::from_str(export).expect("an export");
    value[table]
        .as_array()
        .and_then(|rows| rows.iter().find(|row| pick(row)))
        .map(|row| row["uuid"].clone())
        .unwrap_or_else(|| panic!("the export has no such {table} row"))
}

/// The unprivileged `nobody`, for tests that need a user the permission checks apply to
/// (root passes them all), with a copy of the binary it can run: the build's own may sit in
/// a home folder others cannot enter (root's is 0700).
pub struct Nobody {
    pub uid: u32,
    pub gid: u32,
    /// The binary, in a folder of its own that anyone may enter.
    pub bin: PathBuf,
    _dir: TempDir,
}

impl Nobody {
    /// `nobody` when the tests run as root; `None`, with the reason printed, when they do
    /// not, when the system has no such user, or when the temp folder cannot be reached.
    pub fn when_root() -> Option<Nobody> {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            println!("skipped: not root, so there is no second user to run the binary as");
            return None;
        }
        let name = std::ffi::CString::new("nobody").ok()?;
        // SAFETY: a valid C string; the result is read at once, before any other getpw* call.
        let entry = unsafe { libc::getpwnam(name.as_ptr()) };
        if entry.is_null() {
            println!("skipped: running as root and there is no `nobody` user to drop to");
            return None;
        }
        // SAFETY: checked non-null above.
        let (uid, gid) = unsafe { ((*entry).pw_uid, (*entry).pw_gid) };
        let dir = tempfile::tempdir().expect("a temp folder");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
            .expect("chmod");
        if let Some(closed) = closed_to_others(dir.path()) {
            println!(
                "skipped: `nobody` cannot enter {} (set TMPDIR to a folder others may enter)",
                closed.display()
            );
            return None;
        }
        // A hard link costs nothing; another file system needs a copy.
        let bin = dir.path().join("rapport");
        if std::fs::hard_link(BIN, &bin).is_err() {
            std::fs::copy(BIN, &bin).expect("a copy of the binary");
        }
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        Some(Nobody {
            uid,
            gid,
            bin,
            _dir: dir,
        })
    }

    /// The binary run as `nobody` against `db`, in `journal`'s environment.
    pub fn command(&self, journal: &Journal, db: &Path, args: &[&str]) -> Command {
        use std::os::unix::process::CommandExt;
        let mut command = journal.bare_command_of(&self.bin);
        command
            .arg("--db")
            .arg(db)
            .args(args)
            .uid(self.uid)
            .gid(self.gid);
        command
    }

    /// Makes `path` belong to `nobody`.
    pub fn own(&self, path: &Path) {
        std::os::unix::fs::chown(path, Some(self.uid), Some(self.gid)).expect("chown");
    }
}

/// The first folder from `/` down to `dir` that others may not enter (no x bit for others).
fn closed_to_others(dir: &Path) -> Option<PathBuf> {
    let mut folders: Vec<&Path> = dir.ancestors().collect();
    folders.reverse();
    folders.into_iter().find_map(|folder| {
        let mode = std::fs::metadata(folder)
            .map(|m| m.permissions().mode())
            .ok()?;
        (mode & 0o001 == 0).then(|| folder.to_path_buf())
    })
}

/// Where each person stands on each need as the journal keeps it (`need_standing`), checked
/// against the same facts worked out here from every need row: per person and need, the
/// latest met row (by time, then id) and the first concern after it. Panics naming the
/// first difference.
pub fn assert_need_standing_in_step(path: &Path) {
    /// A need row's state, time and id.
    type NeedRow = (String, String, i64);
    let conn = connect(path);
    let mut needs: BTreeMap<(i64, String), Vec<NeedRow>> = BTreeMap::new();
    let mut stmt = conn
        .prepare("SELECT person_id, need, state, happened_at, id FROM conversation_need")
        .expect("the needs read");
    let mut found = stmt.query([]).expect("the needs read");
    while let Some(row) = found.next().expect("a need reads") {
        needs
            .entry((row.get(0).unwrap(), row.get(1).unwrap()))
            .or_default()
            .push((
                row.get(2).unwrap(),
                row.get(3).unwrap(),
                row.get(4).unwrap(),
            ));
    }
    let mut worked_out = Vec::new();
    for ((person, need), rows) in needs {
        let last_met = rows
            .iter()
            .filter(|(state, _, _)| state == "met")
            .max_by(|a, b| (&a.1, a.2).cmp(&(&b.1, b.2)));
        let concern_since = rows
            .iter()
            .filter(|(state, at, _)| {
                state == "concern" && last_met.is_none_or(|(_, met_at, _)| at > met_at)
            })
            .map(|(_, at, _)| at.clone())
            .min();
        if last_met.is_none() && concern_since.is_none() {
            continue;
        }
        let (met_at, met_id) = last_met.map_or(("NULL".to_string(), "NULL".to_string()), |m| {
            (m.1.clone(), m.2.to_string())
        });
        worked_out.push(format!(
            "{person}|{need}|{met_at}|{met_id}|{}",
            concern_since.unwrap_or_else(|| "NULL".into())
        ));
    }
    let kept = query(
        &conn,
        "SELECT person_id, need, last_met, last_met_id, concern_since FROM need_standing
          ORDER BY person_id, need",
    );
    assert_eq!(
        kept,
        worked_out,
        "{}: need_standing out of step with the needs",
        path.display()
    );
}

/// A local time as the tests write it, `YYYY-MM-DD HH:MM`.
pub fn local_time(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("a test time")
}

/// A 1:1 with `person_id` at `when` (`YYYY-MM-DD HH:MM`) and nothing else in it: what a
/// test fills in with the needs, tags or texts it is about.
pub fn one_on_one(person_id: i64, when: &str) -> rapport::domain::ConversationInput {
    one_on_one_at(person_id, local_time(when))
}

/// [`one_on_one`] at a time already read.
pub fn one_on_one_at(
    person_id: i64,
    happened_at: NaiveDateTime,
) -> rapport::domain::ConversationInput {
    rapport::domain::ConversationInput {
        person_id,
        happened_at,
        kind: rapport::domain::ConversationKind::OneOnOne,
        mood: None,
        stance: None,
        summary: String::new(),
        notes: String::new(),
        needs: Vec::new(),
        tags: Vec::new(),
        follow_ups: Vec::new(),
        acknowledgement: None,
        idea: None,
    }
}
