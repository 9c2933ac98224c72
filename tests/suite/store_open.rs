//! Opening journal files: a new journal is private, in WAL mode and current; anything that is
//! not a Rapport journal of a version we know is refused and left byte for byte as it was.

use crate::common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use rapport::domain::NewPerson;
use rapport::store::{Error, SCHEMA_VERSION, Store};
use rusqlite::Connection;

use common::{Journal, connect, mode, noise, side_file};

/// "RAPP", the application id Rapport stamps into its journals.
const RAPPORT_APPLICATION_ID: i64 = 0x5241_5050;

fn refusal(path: &Path) -> Error {
    match common::open(path) {
        Ok(_) => panic!("{} should be refused", path.display()),
        Err(error) => error,
    }
}

/// Opening `path` fails with the expected error and changes nothing on disk.
fn assert_refused_untouched(path: &Path, expected: impl Fn(&Error) -> bool) -> Error {
    let before = fs::read(path).expect("the file reads");
    let error = refusal(path);
    assert!(
        expected(&error),
        "unexpected error for {}: {error:?}",
        path.display()
    );
    assert_eq!(
        fs::read(path).expect("the file reads"),
        before,
        "the bytes are unchanged"
    );
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(
            !side_file(path, suffix).exists(),
            "no {suffix} file was created"
        );
    }
    let sentence = error.to_string();
    assert!(
        sentence.contains(&path.display().to_string()),
        "names the file: {sentence}"
    );
    assert!(!sentence.contains('\n'), "one line: {sentence}");
    error
}

fn add(store: &mut Store, name: &str) {
    store
        .add_person(&NewPerson {
            name: name.into(),
            ..NewPerson::default()
        })
        .expect("person added");
}

#[test]
fn a_new_journal_is_current_wal_and_private() {
    let journal = Journal::new();
    let path = journal
        .dir()
        .join("fresh")
        .join("nested")
        .join("journal.db");
    let mut store = common::open(&path).expect("a new journal opens");
    add(&mut store, "Priya Raman");

    let health = store.check().expect("check runs");
    assert_eq!(health.schema_version, SCHEMA_VERSION);
    assert_eq!(health.supported_version, SCHEMA_VERSION);
    assert!(health.ok, "{health:?}");

    assert_eq!(
        mode(&path),
        0o600,
        "the journal is readable by its owner only"
    );
    assert_eq!(mode(&journal.dir().join("fresh")), 0o700);
    assert_eq!(mode(&journal.dir().join("fresh").join("nested")), 0o700);
    // While the journal is open its write-ahead log exists, and is as private as the journal.
    let wal = side_file(&path, "-wal");
    assert!(wal.exists(), "WAL mode keeps a -wal file while open");
    assert_eq!(mode(&wal), 0o600);

    let raw = connect(&path);
    let journal_mode: String = raw
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal_mode, "wal");
    let version: i64 = raw
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let application_id: i64 = raw
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(application_id, RAPPORT_APPLICATION_ID);
    drop(store);
    drop(raw);

    // Opening again keeps the data and the version: migrations run once.
    let store = common::open(&path).expect("reopens");
    let people = store.people(true).expect("people");
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].name, "Priya Raman");
    assert_eq!(store.check().unwrap().schema_version, SCHEMA_VERSION);
}

#[test]
fn an_existing_folder_keeps_its_permissions() {
    let journal = Journal::new();
    let shared = journal.dir().join("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o755)).unwrap();
    let path = shared.join("journal.db");
    drop(common::open(&path).expect("opens"));
    assert_eq!(
        mode(&shared),
        0o755,
        "a folder the leader chose is not changed"
    );
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn an_empty_file_becomes_a_journal() {
    let journal = Journal::new();
    fs::write(&journal.path, b"").unwrap();
    let store = common::open(&journal.path).expect("a zero-byte file is a new journal");
    assert_eq!(store.check().unwrap().schema_version, SCHEMA_VERSION);
}

/// Makes a real journal with one person, then sets its version as a newer Rapport would,
/// with the change written into the main file (no WAL left behind).
fn journal_from_the_future(path: &Path, version: i64) {
    let mut store = common::open(path).expect("opens");
    add(&mut store, "Priya Raman");
    drop(store);
    let raw = connect(path);
    let _: String = raw
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .unwrap();
    raw.pragma_update(None, "user_version", version).unwrap();
    drop(raw);
    assert!(!side_file(path, "-wal").exists());
}

#[test]
fn a_journal_from_a_newer_rapport_is_refused_untouched() {
    for version in [SCHEMA_VERSION + 1, 99] {
        let journal = Journal::new();
        journal_from_the_future(&journal.path, version);
        let error = assert_refused_untouched(&journal.path, |e| {
            matches!(e, Error::TooNew { found, supported, .. }
                if *found == version && *supported == SCHEMA_VERSION)
        });
        assert!(error.to_string().contains("newer Rapport"), "{error}");
        // Still refused the second time: nothing was "repaired" on the way.
        assert!(matches!(refusal(&journal.path), Error::TooNew { .. }));
        assert_eq!(
            common::rows(&journal.path, "SELECT name FROM person"),
            ["Priya Raman"]
        );
    }
}

#[test]
fn a_newer_version_still_in_the_wal_is_refused_too() {
    let journal = Journal::new();
    let mut store = common::open(&journal.path).expect("opens");
    add(&mut store, "Priya Raman");
    drop(store);
    // Another program holds the journal open with the new version only in its WAL, so the
    // file header still shows the old one: the version read through SQLite must decide.
    let other = connect(&journal.path);
    other
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let wal = side_file(&journal.path, "-wal");
    let main_before = fs::read(&journal.path).unwrap();
    let wal_before = fs::read(&wal).unwrap();
    let error = refusal(&journal.path);
    assert!(
        matches!(error, Error::TooNew { found, .. } if found == SCHEMA_VERSION + 1),
        "{error:?}"
    );
    assert_eq!(fs::read(&journal.path).unwrap(), main_before);
    assert_eq!(fs::read(&wal).unwrap(), wal_before);
    let version: i64 = other
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION + 1);
}

#[test]
fn files_that_are_not_sqlite_are_refused_untouched() {
    let real = Journal::new();
    drop(common::open(&real.path).expect("opens"));
    let header = fs::read(&real.path).unwrap();

    let mut magic_then_noise = b"SQLite format 3\0".to_vec();
    magic_then_noise.extend(noise(4080, 7));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "text",
            "Dear diary,\nToday I had a 1:1 with Priya.\n"
                .repeat(40)
                .into_bytes(),
        ),
        ("random bytes", noise(8192, 42)),
        ("a 50-byte truncated header", header[..50].to_vec()),
        ("a 99-byte truncated header", header[..99].to_vec()),
        ("the SQLite magic followed by noise", magic_then_noise),
    ];
    for (what, bytes) in cases {
        let journal = Journal::new();
        fs::write(&journal.path, &bytes).unwrap();
        // Whole pages of random bytes read as an encrypted journal would: only a
        // passphrase could tell them apart.
        let error = assert_refused_untouched(
            &journal.path,
            |e| matches!(e, Error::NotADatabase(p) | Error::Encrypted(p) if p == &journal.path),
        );
        assert!(
            error.to_string().contains("not a Rapport journal"),
            "{what}: {error}"
        );
    }
}

#[test]
fn a_directory_is_refused() {
    let journal = Journal::new();
    let folder = journal.dir().join("a-folder.db");
    fs::create_dir(&folder).unwrap();
    let error = refusal(&folder);
    assert!(
        matches!(&error, Error::IsDirectory(p) if p == &folder),
        "{error:?}"
    );
    assert!(error.to_string().contains("is a directory"), "{error}");
    assert_eq!(
        fs::read_dir(&folder).unwrap().count(),
        0,
        "nothing was created inside it"
    );
    assert!(!side_file(&folder, "-wal").exists());
}

#[test]
fn someone_elses_sqlite_database_is_refused_untouched() {
    let journal = Journal::new();
    let raw = Connection::open(&journal.path).unwrap();
    raw.execute_batch(
        "CREATE TABLE recipe (id INTEGER PRIMARY KEY, title TEXT);
         INSERT INTO recipe (title) VALUES ('Pancakes'), ('Dal');",
    )
    .unwrap();
    drop(raw);
    let error = assert_refused_untouched(&journal.path, |e| matches!(e, Error::ForeignDatabase(_)));
    assert!(
        error.to_string().contains("not a Rapport journal"),
        "{error}"
    );
    assert_eq!(
        common::rows(&journal.path, "SELECT title FROM recipe"),
        ["Pancakes", "Dal"]
    );
    let tables = common::rows(
        &journal.path,
        "SELECT name FROM sqlite_master WHERE type = 'table'",
    );
    assert_eq!(tables, ["recipe"], "no journal tables were added");
}

#[test]
fn an_empty_database_of_another_application_is_refused() {
    let journal = Journal::new();
    let raw = Connection::open(&journal.path).unwrap();
    raw.pragma_update(None, "application_id", 0x1234_5678)
        .unwrap();
    drop(raw);
    assert!(fs::metadata(&journal.path).unwrap().len() > 0);
    assert_refused_untouched(&journal.path, |e| matches!(e, Error::ForeignDatabase(_)));
}
