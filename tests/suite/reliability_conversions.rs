//! `rapport encrypt`, `decrypt` and `rekey` interrupted at random moments, through the real
//! binary: a conversion is recorded beside the journal before anything changes, and the next
//! command finishes or undoes it, so the journal and every backup always open with one key.
//! `check` and `backup --list` say, per backup, plain or encrypted and whether it opens with
//! the journal's key; a file with another name (a hard link) is never overwritten.
//!
//! `RAPPORT_SOAK=1` runs the long kill loop (50 kills instead of 12); `RAPPORT_SEED` replays
//! the random moments of a run.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::thread;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

use crate::common::soak;
use crate::common::{self, Journal, Run, bytes_contain};
use crate::reliability_crash::{Rng, kill_within};

const MARKER: &str = "zqxconversionmarker";
const KEYS: [&str; 2] = ["maple lantern quietly 42", "harbour violet seventeen"];
const BACKUPS: usize = 8;

/// A journal holding [`MARKER`] in a note, with [`BACKUPS`] backups in its backups folder,
/// and a private file for each passphrase of [`KEYS`].
fn journal_with_backups() -> (Journal, [PathBuf; 2]) {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    journal.ok(&["log", "Ana Lima", "--notes", MARKER]);
    let dir = journal.dir().join("backups");
    std::fs::create_dir_all(&dir).expect("a backups folder");
    for n in 1..=BACKUPS {
        let path = dir.join(format!("copy-{n}.db"));
        journal.ok(&["backup", path.to_str().expect("UTF-8")]);
    }
    let keys = [0, 1].map(|i| {
        let path = journal.dir().join(format!("key-{i}"));
        std::fs::write(&path, format!("{}\n", KEYS[i])).expect("the key file");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("private");
        path
    });
    (journal, keys)
}

fn backups(journal: &Journal) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(journal.dir().join("backups"))
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    found.retain(|p| {
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        name.ends_with(".db") && !name.starts_with('.')
    });
    found.sort();
    found
}

/// The journal and its backups.
fn every_database(journal: &Journal) -> Vec<PathBuf> {
    let mut all = vec![journal.path.clone()];
    all.extend(backups(journal));
    all
}

/// Every file in the journal's folder and its backups folder (copies being written, side
/// files and all).
fn every_file(journal: &Journal) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [journal.dir().to_path_buf(), journal.dir().join("backups")] {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if entry.path().is_file() {
                files.push(entry.path());
            }
        }
    }
    files
}

/// True when the database at `path` opens with `key` (none: plain) and holds the one
/// conversation: the key is right and the file whole.
fn opens_with(path: &Path, key: Option<&str>) -> bool {
    let Ok(conn) = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return false;
    };
    if let Some(key) = key {
        let _ = conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()));
        if common::key_as_the_suite_does(&conn, key).is_err() {
            return false;
        }
    }
    conn.query_row("SELECT count(*) FROM conversation", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok_and(|n| n == 1)
}

/// Which key the journal and every backup open with: `None` for plain, `Some(i)` for
/// `KEYS[i]`. Fails when they do not all open with the same one, and, when that key is a
/// passphrase, when any file beside them still holds the marker in plain bytes. (Each try
/// with a passphrase costs a key derivation, so only the journal's key is tried on the
/// backups: a file that opens with it opens with no other.)
fn one_key_for_all(journal: &Journal, context: &str) -> Option<usize> {
    let plain = |path: &Path| {
        std::fs::read(path).is_ok_and(|bytes| bytes.starts_with(b"SQLite format 3\0"))
    };
    let key = if plain(&journal.path) {
        None
    } else {
        Some(
            (0..KEYS.len())
                .find(|&i| opens_with(&journal.path, Some(KEYS[i])))
                .unwrap_or_else(|| panic!("{context}: the journal opens with neither key")),
        )
    };
    assert!(
        opens_with(&journal.path, key.map(|i| KEYS[i])),
        "{context}: the journal opens, whole"
    );
    for backup in backups(journal) {
        assert!(
            plain(&backup) == key.is_none() && opens_with(&backup, key.map(|i| KEYS[i])),
            "{context}: {} does not open with the journal's key ({:?})",
            backup.display(),
            key.map(|i| KEYS[i])
        );
    }
    assert_eq!(
        backups(journal).len(),
        BACKUPS,
        "{context}: every backup is there"
    );
    if key.is_some() {
        for file in every_file(journal) {
            assert!(
                !bytes_contain(&file, MARKER),
                "{context}: the journal is encrypted but {} holds the marker in plain bytes",
                file.display()
            );
        }
    }
    key
}

/// The record of a conversion in progress, beside the journal.
fn side_file(journal: &Journal) -> PathBuf {
    common::side_file(&journal.path, ".converting")
}

/// Leftovers of a conversion: its record and the copies it prepared or was writing. (The
/// temp file of a record killed before it was renamed into place holds no note, names no
/// key, and is swept by the next conversion: it is not counted.)
fn leftovers(journal: &Journal) -> Vec<PathBuf> {
    every_file(journal)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.ends_with(".converting")
                || name.ends_with(".converted")
                || (name.contains(".tmp") && !name.contains(".converting.convert-"))
        })
        .collect()
}

/// The command that converts the journal from the state `key` (as [`one_key_for_all`]
/// gives it) to another: encrypt a plain one, else rekey or decrypt at random.
fn next_conversion(
    journal: &Journal,
    keys: &[PathBuf; 2],
    key: Option<usize>,
    rng: &mut Rng,
) -> (&'static str, std::process::Command) {
    let mut command;
    let kind = match key {
        None => {
            command = journal.command(&["encrypt", "--new-passphrase-file"]);
            command.arg(&keys[rng.below(2) as usize]);
            "encrypt"
        }
        Some(old) if rng.below(2) == 0 => {
            command = journal.command(&["rekey", "--new-passphrase-file"]);
            command
                .arg(&keys[1 - old])
                .arg("--passphrase-file")
                .arg(&keys[old]);
            "rekey"
        }
        Some(old) => {
            command = journal.command(&["decrypt", "--passphrase-file"]);
            command.arg(&keys[old]);
            "decrypt"
        }
    };
    (kind, command)
}

fn index(kind: &str) -> usize {
    ["encrypt", "rekey", "decrypt"]
        .iter()
        .position(|k| *k == kind)
        .expect("a conversion")
}

/// The acceptance loop: conversions SIGKILLed at random moments. After each kill the next
/// command (`backup --list`, which needs no passphrase) finishes or undoes what the killed
/// one left and says so; then the journal and every backup open with one key, and when that
/// key is a passphrase no file beside them holds the marker in plain bytes.
#[test]
fn conversions_killed_at_random_moments_leave_one_key_for_all_after_the_next_command() {
    let wanted = if soak() { 50 } else { 6 };
    let (journal, keys) = journal_with_backups();
    let mut rng = Rng::new();
    let started = Instant::now();

    // One whole run of each kind, timed: the first window a kill lands in.
    let mut windows = [0u64; 3];
    let whole_runs: [(&str, Vec<&Path>); 3] = [
        ("encrypt", vec![&keys[0]]),
        ("rekey", vec![&keys[1], &keys[0]]),
        ("decrypt", vec![&keys[1]]),
    ];
    for (kind, files) in whole_runs {
        let mut command = match kind {
            "decrypt" => journal.command(&["decrypt", "--passphrase-file"]),
            _ => journal.command(&[kind, "--new-passphrase-file"]),
        };
        command.arg(files[0]);
        if let Some(old) = files.get(1) {
            command.arg("--passphrase-file").arg(old);
        }
        let timed = Instant::now();
        let run = common::execute(&mut command, None);
        assert_eq!(run.code, 0, "{kind}: {run:#?}");
        windows[index(kind)] = timed.elapsed().as_micros() as u64;
        one_key_for_all(&journal, kind);
    }
    let mut key = None;
    let whole = windows;

    let (mut kills, mut attempts, mut undone, mut finished) = (0, 0, 0, 0);
    while kills < wanted && attempts < wanted * 6 {
        attempts += 1;
        let (kind, command) = next_conversion(&journal, &keys, key, &mut rng);
        let midway = kill_within(command, &mut rng, &mut windows[index(kind)]);
        kills += u32::from(midway);
        let recorded = std::fs::read_to_string(side_file(&journal)).ok();
        let next = journal.run(&["backup", "--list", "--json"]);
        let context = format!("kill {attempts} ({kind}, midway: {midway}, recorded: {recorded:?})");
        assert_eq!(next.code, 0, "{context}: {next:#?}");
        if let Some(recorded) = &recorded {
            let said = if recorded.contains("swapping") {
                finished += 1;
                "was finished"
            } else {
                undone += 1;
                "was undone"
            };
            assert!(
                next.stderr
                    .starts_with(&format!("rapport: An interrupted {kind} of "))
                    && next.stderr.contains(said)
                    && next.stderr.lines().count() == 1,
                "{context}: the next command says what it did in one sentence: {:?}",
                next.stderr
            );
        } else {
            assert_eq!(
                next.stderr, "",
                "{context}: nothing to finish, nothing said"
            );
        }
        key = one_key_for_all(&journal, &context);
        assert_eq!(leftovers(&journal), Vec::<PathBuf>::new(), "{context}");
    }
    let took = started.elapsed();
    println!(
        "{kills} conversions SIGKILLed mid-way in {attempts} attempts ({undone} undone, {finished} finished by the next command) in {took:.1?}; whole runs took encrypt {:.2} s, rekey {:.2} s, decrypt {:.2} s",
        whole[0] as f64 / 1e6,
        whole[1] as f64 / 1e6,
        whole[2] as f64 / 1e6,
    );
    assert_eq!(kills, wanted, "enough kills landed while a conversion ran");
    assert!(undone > 0, "no kill left a conversion to undo");
}

/// Ctrl-C (SIGINT) at random moments of `rapport encrypt`: before the swap it stops and
/// undoes; during the swap it waits for the swap to end. After the next command no backup
/// is left plain beside an encrypted journal.
#[test]
fn an_interrupted_encrypt_leaves_no_plain_backup_after_the_next_command() {
    let rounds = if soak() { 20 } else { 2 };
    let (journal, keys) = journal_with_backups();
    let mut rng = Rng::new();
    let timed = Instant::now();
    let mut whole = journal.command(&["encrypt", "--new-passphrase-file"]);
    whole.arg(&keys[0]);
    assert_eq!(common::execute(&mut whole, None).code, 0);
    let window = timed.elapsed().as_micros() as u64;
    let mut decrypt = journal.command(&["decrypt", "--passphrase-file"]);
    decrypt.arg(&keys[0]);
    assert_eq!(common::execute(&mut decrypt, None).code, 0);

    let (mut midway, mut stopped_cleanly) = (0, 0);
    // The first, timed run can be slower than the rest (a cold cache, a busy machine): when
    // a signal lands after the encrypt ended, the next one is aimed earlier, and rounds go on
    // (up to a bound) until one lands mid-way.
    let mut window = window;
    let mut round = 0;
    while round < rounds || (midway == 0 && round < rounds + 10) {
        round += 1;
        let mut encrypt = journal.command(&["encrypt", "--new-passphrase-file"]);
        encrypt
            .arg(&keys[0])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let child = encrypt.spawn().expect("rapport starts");
        // After the warning (said once the journal was opened), within one whole run.
        thread::sleep(Duration::from_micros(
            window / 4 + rng.below(window * 3 / 4),
        ));
        let pid = i32::try_from(child.id()).expect("a pid");
        // SAFETY: signalling our own child, which has not been waited for yet.
        unsafe { libc::kill(pid, libc::SIGINT) };
        let output = child.wait_with_output().expect("rapport ends");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        if output.status.success() {
            window = (window / 2).max(1);
        } else {
            midway += 1;
        }
        if stderr.contains("was interrupted; nothing was changed") {
            stopped_cleanly += 1;
        }
        let next = journal.run(&["backup", "--list"]);
        let context = format!("round {round} ({:?}, {stderr:?})", output.status);
        assert_eq!(next.code, 0, "{context}: {next:#?}");
        let key = one_key_for_all(&journal, &context);
        assert_eq!(leftovers(&journal), Vec::<PathBuf>::new(), "{context}");
        if key.is_some() {
            let mut back = journal.command(&["decrypt", "--passphrase-file"]);
            back.arg(&keys[0]);
            assert_eq!(common::execute(&mut back, None).code, 0, "{context}");
        }
    }
    println!(
        "{midway} of {round} encrypts interrupted mid-way, {stopped_cleanly} undone by themselves"
    );
    assert!(midway > 0, "no SIGINT landed while the encrypt ran");
}

/// A conversion killed once every copy is written but before the first swap is undone by
/// the next command, which says so; one killed after the first swap is finished.
#[test]
fn the_next_command_undoes_a_conversion_killed_before_the_swap_and_finishes_one_killed_during_it() {
    let (journal, keys) = journal_with_backups();
    let mut encrypt = journal.command(&["encrypt", "--new-passphrase-file"]);
    encrypt
        .arg(&keys[0])
        .env("RAPPORT_FAULT", "convert-kill")
        .stderr(Stdio::null());
    assert!(!encrypt.status().expect("rapport runs").success());
    assert!(side_file(&journal).exists(), "the conversion was recorded");
    let next = journal.run(&["today"]);
    assert_eq!(next.code, 0, "{next:#?}");
    assert_eq!(
        next.stderr,
        format!(
            "rapport: An interrupted encrypt of {} was undone: the journal and its {BACKUPS} backups are as they were.\n",
            journal.path.display()
        )
    );
    assert_eq!(one_key_for_all(&journal, "undone"), None);
    assert_eq!(leftovers(&journal), Vec::<PathBuf>::new());

    let mut encrypt = journal.command(&["encrypt", "--new-passphrase-file"]);
    encrypt
        .arg(&keys[1])
        .env("RAPPORT_FAULT", "convert-kill-swapping")
        .stderr(Stdio::null());
    assert!(!encrypt.status().expect("rapport runs").success());
    // Part-way: some files encrypted, some still plain.
    let plain = every_database(&journal)
        .iter()
        .filter(|p| opens_with(p, None))
        .count();
    assert!(
        (1..=BACKUPS).contains(&plain),
        "the kill landed between two swaps: {plain} plain"
    );
    // No passphrase needed to finish: the copies were written and checked before.
    let next = journal.run(&["backup", "--list"]);
    assert_eq!(next.code, 0, "{next:#?}");
    assert_eq!(
        next.stderr,
        format!(
            "rapport: An interrupted encrypt of {} was finished: the journal and its {BACKUPS} backups are now encrypted.\n",
            journal.path.display()
        )
    );
    assert_eq!(one_key_for_all(&journal, "finished"), Some(1));
    assert_eq!(leftovers(&journal), Vec::<PathBuf>::new());
}

/// A signal that lands while the copies are renamed into place waits for the last one:
/// the run then ends by that signal, every file converted and nothing left to finish.
#[test]
fn a_signal_during_the_swap_is_honoured_once_every_file_is_swapped() {
    use std::os::unix::process::ExitStatusExt;
    let (journal, keys) = journal_with_backups();
    let mut encrypt = journal.command(&["encrypt", "--new-passphrase-file"]);
    encrypt.arg(&keys[0]);
    let mut decrypt = journal.command(&["decrypt", "--passphrase-file"]);
    decrypt.arg(&keys[0]);
    for (mut command, signal, done, key) in [
        (encrypt, libc::SIGINT, "Encrypted", Some(0)),
        (decrypt, libc::SIGTERM, "Decrypted", None),
    ] {
        let child = command
            .env("RAPPORT_FAULT", "hold-swap")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("rapport starts");
        // Writing nine checked copies takes a while on a loaded machine; then the first is
        // swapped and the run holds.
        let deadline = Instant::now() + Duration::from_secs(120);
        while !common::side_file(&journal.path, ".held").exists() {
            assert!(Instant::now() < deadline, "the swap never began");
            thread::sleep(Duration::from_millis(5));
        }
        assert!(
            std::fs::read_to_string(side_file(&journal)).is_ok_and(|r| r.contains("swapping")),
            "held mid-swap"
        );
        let pid = i32::try_from(child.id()).expect("a pid");
        // SAFETY: signalling our own child, which has not been waited for yet.
        unsafe { libc::kill(pid, signal) };
        common::let_go(&journal.path);
        let output = child.wait_with_output().expect("rapport ends");
        assert_eq!(output.status.signal(), Some(signal), "{output:?}");
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(
            said.starts_with(done),
            "what was done is said first: {said}"
        );
        assert!(!side_file(&journal).exists(), "nothing left to finish");
        assert_eq!(one_key_for_all(&journal, done), key);
        assert_eq!(leftovers(&journal), Vec::<PathBuf>::new());
    }
}

fn with_key(journal: &Journal, key: &Path, args: &[&str]) -> Run {
    let mut command = journal.command(args);
    command.arg("--passphrase-file").arg(key);
    common::execute(&mut command, None)
}

/// `check` and `backup --list` say, for each backup, plain or encrypted and whether it
/// opens with the journal's key, in text and in JSON.
#[test]
fn check_and_backup_list_say_per_backup_plain_or_encrypted_and_whether_it_opens() {
    let (journal, keys) = journal_with_backups();
    // A plain copy kept aside, put back once the journal is encrypted (as the old encrypt
    // left its backups when interrupted).
    let aside = journal.dir().join("aside.db");
    std::fs::copy(journal.dir().join("backups/copy-1.db"), &aside).expect("a copy");
    let mut encrypt = journal.command(&["encrypt", "--new-passphrase-file"]);
    encrypt.arg(&keys[0]);
    assert_eq!(common::execute(&mut encrypt, None).code, 0);
    let stale = journal.dir().join("backups/stale.db");
    std::fs::copy(&aside, &stale).expect("the stale copy");

    let run = with_key(&journal, &keys[0], &["check"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stdout
            .contains("copy-3.db  encrypted, opens with the journal's passphrase"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("stale.db  plain, while the journal is encrypted"),
        "{}",
        run.stdout
    );
    let run = with_key(&journal, &keys[0], &["check", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let listed = json["backups"].as_array().expect("a list of backups");
    assert_eq!(listed.len(), BACKUPS + 1);
    for item in listed {
        let stale = item["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("stale.db"));
        assert_eq!(item["encrypted"], !stale, "{item}");
        assert_eq!(item["opens_with_journal_key"], !stale, "{item}");
    }

    // A wrong passphrase for the other backups: said per backup.
    let other = journal.dir().join("backups/other-key.db");
    let mut rekeyed = journal.command(&["backup", other.to_str().expect("UTF-8")]);
    rekeyed.arg("--passphrase-file").arg(&keys[0]);
    assert_eq!(common::execute(&mut rekeyed, None).code, 0);
    let conn = Connection::open(&other).expect("opens");
    common::key_as_the_suite_does(&conn, KEYS[0]).expect("key");
    conn.pragma_update(None, "rekey", KEYS[1]).expect("rekey");
    drop(conn);

    let run = with_key(&journal, &keys[0], &["backup", "--list"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stdout
            .contains("encrypted, does not open with the journal's passphrase")
            && run.stdout.contains("other-key.db"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("plain, while the journal is encrypted"),
        "{}",
        run.stdout
    );
    // Without the passphrase, what the first bytes say, and that it was not tried.
    let run = journal.run(&["backup", "--list", "--json"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    for item in json.as_array().expect("a list") {
        let stale = item["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("stale.db"));
        assert_eq!(item["encrypted"], !stale, "{item}");
        if stale {
            assert_eq!(item["opens_with_journal_key"], false, "{item}");
        } else {
            assert!(item["opens_with_journal_key"].is_null(), "{item}");
        }
    }
}

/// A journal and a backup with a second name (a snapshot made with `cp -al`): the
/// conversion leaves the snapshot's bytes as they were and says that another name still
/// holds the old bytes.
#[test]
fn a_hard_linked_journal_or_backup_is_never_overwritten_and_the_message_names_it() {
    let (journal, keys) = journal_with_backups();
    let snapshot = journal.dir().join("snapshot");
    std::fs::create_dir_all(&snapshot).expect("a snapshot folder");
    let linked_backup = journal.dir().join("backups/copy-2.db");
    let links = [
        (journal.path.clone(), snapshot.join("journal.db")),
        (linked_backup.clone(), snapshot.join("copy-2.db")),
    ];
    let mut before = Vec::new();
    for (file, link) in &links {
        std::fs::hard_link(file, link).expect("a hard link");
        before.push(std::fs::read(link).expect("the snapshot reads"));
    }
    // A file with one name is still overwritten: read through a handle kept open.
    let mut unlinked = std::fs::File::open(journal.dir().join("backups/copy-3.db")).expect("open");

    let mut encrypt = journal.command(&["encrypt", "--new-passphrase-file"]);
    encrypt.arg(&keys[0]);
    let run = common::execute(&mut encrypt, None);
    assert_eq!(run.code, 0, "{run:#?}");
    for ((file, link), old) in links.iter().zip(&before) {
        assert!(
            std::fs::read(link).expect("the snapshot reads") == *old,
            "{} kept its bytes",
            link.display()
        );
        assert!(bytes_contain(link, MARKER), "still the plain snapshot");
        let said = format!(
            "{} has another name (a hard link), which still holds its old, unencrypted bytes: they were not overwritten",
            file.display()
        );
        assert!(run.stdout.contains(&said), "{said:?} in {}", run.stdout);
    }
    // The summary does not claim every old file was overwritten.
    assert!(
        run.stdout
            .contains("whose bytes were overwritten where no other name holds them."),
        "{}",
        run.stdout
    );
    let mut old = Vec::new();
    std::io::Read::read_to_end(&mut unlinked, &mut old).expect("reads");
    assert!(
        !old.is_empty() && old.iter().all(|&b| b == 0),
        "overwritten"
    );
    // The snapshot folder is not the journal's: every file of the journal's own is encrypted.
    assert_eq!(one_key_for_all(&journal, "after the encrypt"), Some(0));
}
