//! Encryption at rest, through the real binary: what reaches the disk, what a wrong or
//! missing passphrase does (nothing), and the way back to a plain journal.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::common::{self, Journal, Run, bytes_contain, side_file};
use crate::pty::Session;
use rapport::store::{Key, Passphrase, Sealing, Store, cipher};

const PASSPHRASE: &str = "maple lantern quietly 42";
const OTHER_PASSPHRASE: &str = "harbour violet seventeen";

/// A private file holding `text`, as a script would keep a passphrase.
fn passphrase_file(journal: &Journal, name: &str, text: &str) -> PathBuf {
    let path = journal.dir().join(name);
    std::fs::write(&path, format!("{text}\n")).expect("the passphrase file is written");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("private");
    path
}

fn with_key(journal: &Journal, key_file: &Path, args: &[&str]) -> Run {
    let mut command = journal.command(args);
    command.arg("--passphrase-file").arg(key_file);
    common::execute(&mut command, None)
}

fn ok_with_key(journal: &Journal, key_file: &Path, args: &[&str]) -> String {
    let run = with_key(journal, key_file, args);
    assert_eq!(run.code, 0, "{args:?} should succeed: {run:#?}");
    run.stdout
}

/// A journal with one person and one conversation holding `marker`, a backup of it, then
/// encrypted with [`PASSPHRASE`].
fn encrypted_journal(marker: &str) -> (Journal, PathBuf) {
    encrypt_new(Journal::new(), marker)
}

/// [`encrypted_journal`] keyed at SQLCipher's full cost of key derivation, as the released
/// binary keys it (the suite's commands use a cheaper one).
fn fully_keyed_journal(marker: &str) -> (Journal, PathBuf) {
    encrypt_new(Journal::with_full_key_derivation(), marker)
}

fn encrypt_new(journal: Journal, marker: &str) -> (Journal, PathBuf) {
    journal.add_people(&["Ana Lima"]);
    journal.ok(&["log", "Ana Lima", "--notes", marker]);
    journal.ok(&["backup"]);
    let key = passphrase_file(&journal, "key", PASSPHRASE);
    let run = {
        let mut command = journal.command(&["encrypt", "--new-passphrase-file"]);
        command.arg(&key);
        common::execute(&mut command, None)
    };
    assert_eq!(run.code, 0, "encrypt: {run:#?}");
    assert!(
        run.stderr.contains("there is no recovery"),
        "the warning comes before anything is encrypted: {:?}",
        run.stderr
    );
    (journal, key)
}

fn bytes_len(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// A private home folder for a session in a pseudo-terminal.
fn home(journal: &Journal) -> PathBuf {
    let home = journal.dir().join("home");
    std::fs::create_dir_all(&home).expect("a home folder");
    home
}

fn backups(journal: &Journal) -> Vec<PathBuf> {
    let dir = journal.dir().join("backups");
    // Backups only, not a copy still being written (a hidden temp file).
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    found.retain(|path| {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        name.ends_with(".db") && !name.starts_with('.')
    });
    found.sort();
    found
}

/// Every file in the journal's folder and its backups folder, with its bytes.
fn every_file(journal: &Journal) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for dir in [journal.dir().to_path_buf(), journal.dir().join("backups")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.path().is_file() {
                files.push((entry.path(), std::fs::read(entry.path()).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn a_marker_never_reaches_the_disk_in_the_journal_its_wal_or_its_backups() {
    // Opened in this process too, which derives keys at the full cost.
    let (journal, key) = fully_keyed_journal("zqxfirstmarker");
    // A save made through a store still open is in the WAL until the store closes.
    let mut held = Store::open_keyed_with_clock(
        &journal.path,
        Key::with(Passphrase::new(PASSPHRASE.into())),
        common::clock_at(common::now()),
    )
    .expect("the journal opens with its passphrase");
    common::person(&mut held, "Zqxwalmarker Okafor");
    let wal = side_file(&journal.path, "-wal");
    assert!(bytes_len(&wal) > 0, "the save is still in the WAL");
    for marker in ["zqxwalmarker", "zqxfirstmarker"] {
        assert!(
            !bytes_contain(&wal, marker),
            "{marker} is readable in the WAL"
        );
    }
    // A backup made now, while the journal is encrypted (the rolling one was converted).
    let by_hand = journal.dir().join("backups").join("by-hand.db");
    ok_with_key(&journal, &key, &["backup", &by_hand.to_string_lossy()]);
    drop(held);

    // Both notes are there for whoever has the passphrase…
    let people = ok_with_key(&journal, &key, &["person", "list"]);
    assert!(people.contains("Zqxwalmarker Okafor"), "{people}");
    let found = ok_with_key(&journal, &key, &["search", "zqxfirstmarker"]);
    assert!(found.contains("Ana Lima"), "the note is found: {found}");
    // …and nowhere in the bytes of any file.
    let files = every_file(&journal);
    assert!(files.len() >= 4, "journal, key, backups: {files:?}");
    let backup_files = backups(&journal);
    assert_eq!(
        backup_files.len(),
        2,
        "the converted backup and the new one"
    );
    for path in backup_files.iter().chain([&journal.path]) {
        for marker in [
            "zqxfirstmarker",
            "zqxwalmarker",
            "Ana Lima",
            "SQLite format 3",
        ] {
            assert!(
                !bytes_contain(path, marker),
                "{marker} is readable in {}",
                path.display()
            );
        }
    }
    for backup in &backup_files {
        assert_eq!(cipher::sealing(backup).unwrap(), Sealing::Encrypted);
        assert_eq!(common::mode(backup), 0o600);
    }
}

#[test]
fn a_wrong_passphrase_is_one_sentence_and_changes_no_byte() {
    let (journal, _) = encrypted_journal("zqxmarker");
    let wrong = passphrase_file(&journal, "wrong", OTHER_PASSPHRASE);
    let before = every_file(&journal);
    for args in [
        &["today"][..],
        &["log", "Ana Lima", "--notes", "more"],
        &["check"],
    ] {
        let run = with_key(&journal, &wrong, args);
        common::assert_one_line_failure(&run, 1, args);
        assert!(
            run.stderr.contains("did not open with that passphrase"),
            "{args:?}: {:?}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("ERROR"),
            "SQLCipher's own log is silenced"
        );
    }
    assert_eq!(
        every_file(&journal),
        before,
        "no file changed, none was added"
    );
}

#[test]
fn a_plain_journal_given_a_key_and_an_encrypted_one_given_none_are_told_apart() {
    let plain = Journal::new();
    plain.add_people(&["Ana Lima"]);
    let key = passphrase_file(&plain, "key", PASSPHRASE);
    let run = with_key(&plain, &key, &["today"]);
    common::assert_one_line_failure(&run, 1, &["today"]);
    assert!(run.stderr.contains("is not encrypted"), "{:?}", run.stderr);

    let (encrypted, _) = encrypted_journal("zqxmarker");
    let run = encrypted.run(&["today"]);
    common::assert_one_line_failure(&run, 1, &["today"]);
    assert!(
        run.stderr.contains("is encrypted") && run.stderr.contains("--passphrase-file"),
        "{:?}",
        run.stderr
    );

    // Random bytes that are not whole pages are no journal at all, encrypted or not.
    let noise = Journal::new();
    std::fs::write(&noise.path, common::noise(5000, 7)).unwrap();
    let run = noise.run(&["today"]);
    assert!(
        run.stderr.contains("not an SQLite database"),
        "{:?}",
        run.stderr
    );
}

#[test]
fn encrypt_then_decrypt_gives_back_the_same_export() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima", "Bo Chen"]);
    journal.ok(&[
        "log",
        "Ana Lima",
        "--notes",
        "pay review",
        "--need",
        "security",
    ]);
    journal.ok(&["followup", "add", "Bo Chen", "send the offsite plan"]);
    let plain_export = journal.ok(&["export", "--format", "json"]);
    // A handle on the journal's file: once encrypted, what it reads is the old file, which
    // must have been overwritten. (A second name would keep it: see reliability_conversions.)
    let mut old_file = std::fs::File::open(&journal.path).expect("the journal opens");
    let old_length = old_file.metadata().unwrap().len();

    let key = passphrase_file(&journal, "key", PASSPHRASE);
    let mut encrypt = journal.command(&["encrypt", "--new-passphrase-file"]);
    encrypt.arg(&key);
    assert_eq!(common::execute(&mut encrypt, None).code, 0);
    assert_eq!(cipher::sealing(&journal.path).unwrap(), Sealing::Encrypted);
    let mut old = Vec::new();
    std::io::Read::read_to_end(&mut old_file, &mut old).unwrap();
    assert_eq!(old.len() as u64, old_length);
    assert!(
        old.iter().all(|&b| b == 0),
        "the plain file's bytes were overwritten"
    );
    let run = with_key(&journal, &key, &["export", "--format", "json"]);
    assert_eq!(
        run.stdout, plain_export,
        "the encrypted journal holds the same"
    );
    assert!(
        run.stderr.contains("an export is plain text"),
        "the export warns: {:?}",
        run.stderr
    );

    let decrypted = ok_with_key(&journal, &key, &["decrypt"]);
    assert!(decrypted.contains("Decrypted"), "{decrypted}");
    assert_eq!(cipher::sealing(&journal.path).unwrap(), Sealing::Plain);
    assert_eq!(journal.ok(&["export", "--format", "json"]), plain_export);
    let found = journal.ok(&["search", "pay"]);
    assert!(
        found.contains("Ana Lima"),
        "search works after the round trip: {found}"
    );
}

#[test]
fn rekey_gives_the_journal_and_its_backups_a_new_passphrase() {
    let (journal, old_key) = encrypted_journal("zqxmarker");
    let new_key = passphrase_file(&journal, "new", OTHER_PASSPHRASE);
    let mut rekey = journal.command(&["rekey", "--new-passphrase-file"]);
    rekey.arg(&new_key).arg("--passphrase-file").arg(&old_key);
    let run = common::execute(&mut rekey, None);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stdout.contains("and its backup"), "{}", run.stdout);

    common::assert_one_line_failure(&with_key(&journal, &old_key, &["today"]), 1, &["today"]);
    ok_with_key(&journal, &new_key, &["today"]);
    let backup = backups(&journal).pop().expect("a backup");
    let restore = backup.to_string_lossy().into_owned();
    let restored = ok_with_key(&journal, &new_key, &["restore", &restore, "--yes"]);
    assert!(
        restored.contains("Restored"),
        "the backup opens with the new key: {restored}"
    );

    // The same passphrase again is refused, and changes nothing.
    let before = std::fs::read(&journal.path).unwrap();
    let mut again = journal.command(&["rekey", "--new-passphrase-file"]);
    again.arg(&new_key).arg("--passphrase-file").arg(&new_key);
    common::assert_one_line_failure(&common::execute(&mut again, None), 2, &["rekey"]);
    assert_eq!(std::fs::read(&journal.path).unwrap(), before);
}

#[test]
fn a_short_passphrase_or_a_second_encrypt_changes_nothing() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    let short = passphrase_file(&journal, "short", "too short");
    let before = std::fs::read(&journal.path).unwrap();
    let mut encrypt = journal.command(&["encrypt", "--new-passphrase-file"]);
    encrypt.arg(&short);
    let run = common::execute(&mut encrypt, None);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.contains("at least 12 characters"),
        "{:?}",
        run.stderr
    );
    assert_eq!(std::fs::read(&journal.path).unwrap(), before);

    // A passphrase file others can read is refused before it is used.
    let open = passphrase_file(&journal, "open", PASSPHRASE);
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut encrypt = journal.command(&["encrypt", "--new-passphrase-file"]);
    encrypt.arg(&open);
    let run = common::execute(&mut encrypt, None);
    assert!(
        run.stderr.contains("can be read by others"),
        "{:?}",
        run.stderr
    );
    assert_eq!(std::fs::read(&journal.path).unwrap(), before);

    let (encrypted, key) = encrypted_journal("zqxmarker");
    let mut twice = encrypted.command(&["encrypt", "--new-passphrase-file"]);
    twice.arg(&key);
    let run = common::execute(&mut twice, None);
    common::assert_one_line_failure(&run, 1, &["encrypt"]);
    assert!(run.stderr.contains("is encrypted"), "{:?}", run.stderr);
}

#[test]
fn check_reports_the_cipher_and_its_settings() {
    let plain = Journal::new();
    plain.add_people(&["Ana Lima"]);
    let report: serde_json::Value =
        serde_json::from_str(&plain.ok(&["check", "--json"])).expect("json");
    assert_eq!(report["encryption"]["encrypted"], false);
    assert!(
        report["encryption"]["cipher_version"]
            .as_str()
            .is_some_and(|v| v.starts_with('4')),
        "{report}"
    );

    // As the released binary keys it: SQLCipher 4's defaults.
    let (journal, key) = fully_keyed_journal("zqxmarker");
    let report: serde_json::Value =
        serde_json::from_str(&ok_with_key(&journal, &key, &["check", "--json"])).expect("json");
    let encryption = &report["encryption"];
    assert_eq!(encryption["encrypted"], true);
    assert_eq!(
        encryption["settings"]["kdf_algorithm"],
        "PBKDF2_HMAC_SHA512"
    );
    assert_eq!(encryption["settings"]["kdf_iterations"], 256_000);
    let text = ok_with_key(&journal, &key, &["check"]);
    assert!(text.contains("Encryption  SQLCipher 4"), "{text}");
}

#[test]
fn a_restore_never_changes_whether_the_journal_is_encrypted() {
    let plain = Journal::new();
    plain.add_people(&["Ana Lima"]);
    plain.ok(&["backup"]);
    let plain_backup = backups(&plain).pop().unwrap();

    let (journal, key) = encrypted_journal("zqxmarker");
    let before = std::fs::read(&journal.path).unwrap();
    let run = with_key(
        &journal,
        &key,
        &["restore", &plain_backup.to_string_lossy(), "--yes"],
    );
    common::assert_one_line_failure(&run, 1, &["restore"]);
    assert!(
        run.stderr.contains("it is not encrypted"),
        "{:?}",
        run.stderr
    );
    assert_eq!(std::fs::read(&journal.path).unwrap(), before);
}

#[test]
fn the_interface_asks_for_the_passphrase_and_gives_up_after_three_wrong_ones() {
    let (journal, _) = encrypted_journal("zqxmarker");
    let home = home(&journal);
    let before = every_file(&journal);
    let mut app = Session::start(&journal.path, &home, &[]);
    app.wait_for("This journal is encrypted");
    for left in ["2 tries left", "one try left"] {
        app.type_text(OTHER_PASSPHRASE);
        app.wait_for("••••••••••••");
        assert!(
            !app.screen().contains("harbour"),
            "the passphrase is never shown"
        );
        app.enter();
        app.wait_for(left);
    }
    app.type_text(OTHER_PASSPHRASE);
    app.enter();
    assert_eq!(app.wait_exit(), 1);
    assert!(
        app.output_after_leaving()
            .contains("3 passphrases did not open"),
        "{}",
        app.output_after_leaving()
    );
    let after: Vec<_> = every_file(&journal)
        .into_iter()
        .filter(|(path, _)| !path.starts_with(&home))
        .collect();
    assert_eq!(after, before, "the journal is byte for byte the same");

    // The right passphrase, after a wrong one, opens the journal; the day's first open
    // makes its backup, encrypted like the journal.
    std::fs::remove_dir_all(journal.dir().join("backups")).expect("the backups are removed");
    let mut app = Session::start(&journal.path, &home, &[]);
    app.wait_for("This journal is encrypted");
    app.type_text("wrong");
    app.enter();
    app.wait_for("2 tries left");
    app.type_text(PASSPHRASE);
    app.enter();
    app.wait_for("1 Today");
    app.type_text("/");
    app.type_text("zqxmarker");
    app.wait_for("1 found");
    common::eventually("the daily backup is made", || backups(&journal).len() == 1);
    let daily = backups(&journal).pop().unwrap();
    common::eventually("the daily backup is complete", || {
        cipher::sealing(&daily).is_ok_and(|s| s == Sealing::Encrypted)
    });
    assert!(!bytes_contain(&daily, "zqxmarker"));
}

#[test]
fn the_command_line_asks_at_the_terminal_and_twice_for_a_new_passphrase() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    let home = home(&journal);
    let binary = env!("CARGO_BIN_EXE_rapport");

    let mut encrypt = Session::start_program(binary, &["encrypt"], &journal.path, &home, &[]);
    encrypt.wait_for("New passphrase");
    encrypt.type_text(PASSPHRASE);
    encrypt.enter();
    encrypt.wait_for("The same passphrase again");
    encrypt.type_text(OTHER_PASSPHRASE);
    encrypt.enter();
    assert_eq!(encrypt.wait_exit(), 2);
    assert!(encrypt.screen().contains("the two passphrases differ"));
    assert!(!encrypt.screen().contains("maple"), "never echoed");
    assert_eq!(cipher::sealing(&journal.path).unwrap(), Sealing::Plain);

    let mut encrypt = Session::start_program(binary, &["encrypt"], &journal.path, &home, &[]);
    encrypt.wait_for("New passphrase");
    encrypt.type_text(PASSPHRASE);
    encrypt.enter();
    encrypt.wait_for("The same passphrase again");
    encrypt.type_text(PASSPHRASE);
    encrypt.enter();
    assert_eq!(encrypt.wait_exit(), 0, "{}", encrypt.screen());
    assert_eq!(cipher::sealing(&journal.path).unwrap(), Sealing::Encrypted);

    let mut people = Session::start_program(binary, &["person", "list"], &journal.path, &home, &[]);
    people.wait_for("Passphrase for");
    people.type_text(PASSPHRASE);
    people.enter();
    assert_eq!(people.wait_exit(), 0, "{}", people.screen());
    assert!(people.screen().contains("Ana Lima"), "{}", people.screen());
}

#[test]
fn a_conversion_killed_before_the_swap_is_undone_by_the_next_command() {
    let (journal, key) = encrypted_journal("zqxmarker");
    let export = ok_with_key(&journal, &key, &["export", "--format", "json"]);
    let mut decrypt = journal.command(&["decrypt", "--passphrase-file"]);
    decrypt.arg(&key).env("RAPPORT_FAULT", "convert-kill");
    let status = decrypt.status().expect("rapport runs");
    assert!(!status.success(), "the decrypt was killed");

    // Still the encrypted journal; the plain copy it wrote waits beside it.
    assert_eq!(cipher::sealing(&journal.path).unwrap(), Sealing::Encrypted);
    let prepared = journal.dir().join(".journal.db.converted");
    assert_eq!(cipher::sealing(&prepared).unwrap(), Sealing::Plain);

    // The next command undoes it, says so, and reads the journal as it was.
    let run = with_key(&journal, &key, &["export", "--format", "json"]);
    assert_eq!(run.stdout, export);
    assert!(
        run.stderr.contains("An interrupted decrypt of") && run.stderr.contains("was undone"),
        "{:?}",
        run.stderr
    );
    assert!(!prepared.exists(), "the plain copy is gone");
    ok_with_key(&journal, &key, &["decrypt"]);
    assert_eq!(cipher::sealing(&journal.path).unwrap(), Sealing::Plain);
    assert_eq!(journal.ok(&["export", "--format", "json"]), export);
}

#[test]
fn an_import_into_a_new_encrypted_journal_is_encrypted_and_whole() {
    let source = Journal::new();
    source.add_people(&["Ana Lima"]);
    source.ok(&["log", "Ana Lima", "--notes", "zqxmarker about the offsite"]);
    let export = source.dir().join("export.json");
    source.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        &export.to_string_lossy(),
    ]);

    // A new journal opened with a passphrase file is made encrypted; the import into it
    // takes the load that writes an empty journal once, through a rollback journal.
    let journal = Journal::new();
    let key = passphrase_file(&journal, "key", PASSPHRASE);
    ok_with_key(&journal, &key, &["import", &export.to_string_lossy()]);
    assert_eq!(cipher::sealing(&journal.path).unwrap(), Sealing::Encrypted);
    for file in every_file(&journal) {
        assert!(
            !bytes_contain(&file.0, "zqxmarker"),
            "{} holds the note",
            file.0.display()
        );
    }
    let json = ok_with_key(&journal, &key, &["export", "--format", "json"]);
    assert_eq!(json, std::fs::read_to_string(&export).unwrap());
    let found = ok_with_key(&journal, &key, &["search", "offsite"]);
    assert!(found.contains("Ana Lima"), "{found}");
}

/// `rapport unlock` with the passphrase file: false (after saying why) where the kernel
/// keyring cannot be used, as in a container that forbids it.
fn unlock(journal: &Journal, key: &Path, how_long: &str) -> bool {
    let run = with_key(journal, key, &["unlock", "--for", how_long]);
    if run.code != 0 && run.stderr.contains("keyring cannot be used here") {
        eprintln!("skipped: {}", run.stderr.trim());
        return false;
    }
    assert_eq!(run.code, 0, "unlock: {run:#?}");
    assert!(run.stdout.contains("Unlocked"), "{}", run.stdout);
    true
}

/// True when `person list`, run at a terminal without the passphrase file, asks for the
/// passphrase; false when it lists the team without asking.
fn asks_at_the_terminal(journal: &Journal) -> bool {
    let home = home(journal);
    let binary = env!("CARGO_BIN_EXE_rapport");
    let mut people = Session::start_program(binary, &["person", "list"], &journal.path, &home, &[]);
    common::eventually("it asks or lists", || {
        let screen = people.screen();
        screen.contains("Passphrase for") || screen.contains("Ana Lima")
    });
    if people.screen().contains("Passphrase for") {
        people.type_text(PASSPHRASE);
        people.enter();
        assert_eq!(people.wait_exit(), 0, "{}", people.screen());
        return true;
    }
    assert_eq!(people.wait_exit(), 0, "{}", people.screen());
    false
}

/// The kernel's own listing of the passphrase kept for `journal`, if one is kept and
/// usable (the kernel lists an expired key as `expd` and an invalidated one with the flag
/// `i` until it collects them).
fn kept_line(journal: &Journal) -> Option<String> {
    let path = std::fs::canonicalize(&journal.path).expect("the journal exists");
    let keys = std::fs::read_to_string("/proc/keys").unwrap_or_default();
    keys.lines()
        .filter(|line| line.contains(&format!("rapport:{}:", path.display())))
        .find(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            !fields[1].contains('i') && fields[3] != "expd"
        })
        .map(str::to_string)
}

#[test]
fn unlock_keeps_the_passphrase_until_lock_and_nothing_asks_meanwhile() {
    let (journal, key) = encrypted_journal("zqxmarker");
    assert!(asks_at_the_terminal(&journal), "locked, a command asks");
    if !unlock(&journal, &key, "10m") {
        return;
    }
    let listed = kept_line(&journal).expect("the kernel lists the kept passphrase");
    let fields: Vec<&str> = listed.split_whitespace().collect();
    assert!(
        fields[3].ends_with('m') && fields[3] != "perm",
        "kept with a timeout the kernel counts down: {listed}"
    );
    assert_eq!(
        fields[4], "3f2f0000",
        "readable by the user's own processes only: {listed}"
    );
    assert!(!listed.contains("maple"), "the listing never shows it");

    assert!(!asks_at_the_terminal(&journal), "unlocked, nothing asks");
    let home = home(&journal);
    let binary = env!("CARGO_BIN_EXE_rapport");
    let mut today = Session::start_program(binary, &["today"], &journal.path, &home, &[]);
    assert_eq!(today.wait_exit(), 0, "{}", today.screen());
    assert!(!today.screen().contains("Passphrase"), "{}", today.screen());
    let mut app = Session::start(&journal.path, &home, &[]);
    app.wait_for("1 Today");
    assert!(!app.screen().contains("This journal is encrypted"));
    app.type_text("q");
    assert_eq!(app.wait_exit(), 0);

    let locked = journal.ok(&["lock"]);
    assert!(locked.contains("Locked"), "{locked}");
    assert_eq!(kept_line(&journal), None, "forgotten by the kernel");
    assert!(asks_at_the_terminal(&journal), "locked again, it asks");
    assert!(journal.ok(&["lock"]).contains("nothing to forget"));
}

#[test]
fn a_kept_passphrase_ends_by_itself_and_never_outlives_a_new_passphrase_or_file() {
    let (journal, key) = encrypted_journal("zqxmarker");
    if !unlock(&journal, &key, "1s") {
        return;
    }
    common::eventually("the kernel lets the passphrase expire", || {
        kept_line(&journal).is_none()
    });
    assert!(asks_at_the_terminal(&journal), "expired, it asks again");

    // A new passphrase: the old one is forgotten, and said to be.
    assert!(unlock(&journal, &key, "10m"));
    let other = passphrase_file(&journal, "other", OTHER_PASSPHRASE);
    let mut rekey = journal.command(&["rekey", "--passphrase-file"]);
    rekey.arg(&key).arg("--new-passphrase-file").arg(&other);
    let rekeyed = common::execute(&mut rekey, None);
    assert_eq!(rekeyed.code, 0, "{rekeyed:#?}");
    assert!(
        rekeyed.stdout.contains("was forgotten"),
        "{}",
        rekeyed.stdout
    );
    assert_eq!(kept_line(&journal), None);

    // Another file in the journal's place (a restored backup) is never opened with the
    // passphrase kept for the file before it: its salt differs, so the command asks.
    assert!(unlock(&journal, &other, "10m"));
    let backup = backups(&journal)
        .pop()
        .expect("the backup made before encrypting");
    let mut restore = journal.command(&["restore", "--yes", "--passphrase-file"]);
    restore.arg(&other).arg(&backup);
    let restored = common::execute(&mut restore, None);
    assert_eq!(restored.code, 0, "{restored:#?}");
    let home = home(&journal);
    let binary = env!("CARGO_BIN_EXE_rapport");
    let mut people = Session::start_program(binary, &["person", "list"], &journal.path, &home, &[]);
    people.wait_for("Passphrase for");
    assert_eq!(kept_line(&journal), None, "the stale one is forgotten");
    people.ctrl('c');
    people.wait_exit();
}

#[test]
fn unlock_refuses_a_plain_journal_a_wrong_passphrase_and_too_long_a_time() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    let key = passphrase_file(&journal, "key", PASSPHRASE);
    let plain = with_key(&journal, &key, &["unlock"]);
    assert_eq!(plain.code, 1, "{plain:#?}");
    assert!(
        plain.stderr.contains("is not encrypted"),
        "{}",
        plain.stderr
    );

    let (journal, _) = encrypted_journal("zqxmarker");
    let wrong = passphrase_file(&journal, "wrong", OTHER_PASSPHRASE);
    let refused = with_key(&journal, &wrong, &["unlock"]);
    assert_eq!(refused.code, 1, "{refused:#?}");
    assert!(refused.stderr.contains("did not open with that passphrase"));
    assert_eq!(kept_line(&journal), None, "nothing kept");

    let too_long = with_key(&journal, &wrong, &["unlock", "--for", "30d"]);
    assert_eq!(too_long.code, 2);
    assert!(
        too_long.stderr.contains("at most 7d"),
        "{}",
        too_long.stderr
    );
}
