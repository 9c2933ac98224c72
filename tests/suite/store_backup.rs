//! Backups, retention, restore and the backup made before a migration, on real files.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use chrono::{DateTime, Local, NaiveDate, TimeZone};
use rapport::domain::{ConversationInput, ConversationKind, NewPerson};
use rapport::store::backup::{self, Retention};
use rapport::store::{Error, SCHEMA_VERSION, Store};
use rusqlite::{Connection, OpenFlags};

use common::{BIN, Journal, connect, dump, mode, noise, side_file};

fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Local> {
    Local
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("an unambiguous local time")
}

fn store_at(path: &Path, now: DateTime<Local>) -> Store {
    Store::open_with_clock(path, Arc::new(move || now)).expect("the journal opens")
}

fn log(store: &mut Store, person_id: i64, summary: &str) {
    store
        .save_conversation(&ConversationInput {
            summary: summary.into(),
            ..common::one_on_one_at(person_id, store.local_now())
        })
        .expect("logged");
}

/// A journal with Priya and `n` conversations.
fn journal_with(n: usize) -> (Journal, i64) {
    let journal = Journal::new();
    let mut store = store_at(&journal.path, local(2026, 11, 23, 9, 0));
    let priya = store
        .add_person(&NewPerson {
            name: "Priya Raman".into(),
            ..NewPerson::default()
        })
        .expect("added")
        .id;
    for i in 0..n {
        log(&mut store, priya, &format!("talk {i}"));
    }
    (journal, priya)
}

fn integrity(path: &Path) -> Vec<String> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("the copy opens");
    conn.prepare("PRAGMA integrity_check")
        .expect("pragma")
        .query_map([], |r| r.get::<_, String>(0))
        .expect("runs")
        .collect::<Result<_, _>>()
        .expect("reads")
}

/// A digest of the journal's file and WAL bytes, to prove nothing changed.
fn bytes(path: &Path) -> (u64, Option<u64>) {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let digest = |bytes: Vec<u8>| {
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        hasher.finish()
    };
    (
        digest(fs::read(path).expect("journal reads")),
        fs::read(side_file(path, "-wal")).ok().map(digest),
    )
}

#[test]
fn a_backup_is_a_checked_private_copy() {
    let (journal, _) = journal_with(3);
    let store = common::open(&journal.path).expect("opens");
    let file = store
        .backup_rolling(Retention::default())
        .expect("backed up");
    let dir = journal.dir().join("backups");
    assert_eq!(file.path.parent(), Some(dir.as_path()));
    let name = file
        .path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with("rapport-") && name.ends_with(".db") && name.len() == 28,
        "{name}"
    );
    assert_eq!(mode(&file.path), 0o600);
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(file.bytes, fs::metadata(&file.path).unwrap().len());
    assert_eq!(integrity(&file.path), ["ok"]);
    assert_eq!(dump(&file.path), dump(&journal.path), "the same rows");
    // A self-contained file: rollback journal mode, no side files left behind.
    assert!(!side_file(&file.path, "-wal").exists());
    assert_eq!(fs::read(&file.path).unwrap()[18], 1, "not in WAL mode");
    assert!(
        fs::read_dir(&dir).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".tmp")),
        "no temp file remains"
    );
    // A backup onto the journal itself is refused.
    assert!(matches!(
        store.backup_to(&journal.path),
        Err(Error::IsAJournal(..))
    ));
}

#[test]
fn a_backup_taken_while_another_process_writes_passes_its_check() {
    let (journal, _) = journal_with(1);
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        let path = journal.path.clone();
        let home = journal.dir().join("home");
        thread::spawn(move || {
            let mut written = 0;
            while !stop.load(Ordering::Relaxed) {
                let status = common::isolate(&mut std::process::Command::new(BIN))
                    .args(["--db"])
                    .arg(&path)
                    .args(["log", "Priya", "--summary", "written meanwhile", "--notes"])
                    .arg("x".repeat(20_000))
                    .env("HOME", &home)
                    .output()
                    .expect("the writer runs");
                assert!(status.status.success(), "{status:?}");
                written += 1;
            }
            written
        })
    };
    let store = common::open(&journal.path).expect("opens");
    let mut seen = Vec::new();
    for i in 0..8 {
        let dest = journal.dir().join(format!("copy-{i}.db"));
        let file = store.backup_to(&dest).expect("backed up");
        assert_eq!(integrity(&file.path), ["ok"], "backup {i}");
        let count: i64 = connect(&file.path)
            .query_row("SELECT count(*) FROM conversation", [], |r| r.get(0))
            .unwrap();
        seen.push(count);
        thread::sleep(std::time::Duration::from_millis(60));
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().expect("the writer ends");
    assert!(written > 0, "the other process wrote while the backups ran");
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert!(
        seen.last() > seen.first(),
        "backups saw the writes: {seen:?}"
    );
}

/// A journal larger than one step of the copy (1 MiB) is copied a step at a time for its
/// progress line, inside one read transaction: each backup taken while another process
/// writes is still one moment of the journal (whole, and never older than the one before).
#[test]
fn a_backup_copied_in_steps_while_another_process_writes_is_one_moment() {
    let journal = Journal::new();
    journal.ok(&["demo", "--people", "8", "--years", "4"]);
    let pages: i64 = connect(&journal.path)
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    assert!(pages > 2 * 256, "several steps of 256 pages: {pages}");
    let someone: String = connect(&journal.path)
        .query_row("SELECT name FROM person ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        let path = journal.path.clone();
        let home = journal.dir().join("home");
        thread::spawn(move || {
            let mut written = 0;
            while !stop.load(Ordering::Relaxed) {
                let status = common::isolate(&mut std::process::Command::new(BIN))
                    .args(["--db"])
                    .arg(&path)
                    .args(["log", &someone, "--summary", "written meanwhile", "--notes"])
                    .arg("x".repeat(100_000))
                    .env("HOME", &home)
                    .output()
                    .expect("the writer runs");
                written += usize::from(status.status.success());
            }
            written
        })
    };
    let store = common::open(&journal.path).expect("opens");
    let mut seen = Vec::new();
    for i in 0..6 {
        let dest = journal.dir().join(format!("copy-{i}.db"));
        let file = store.backup_to(&dest).expect("backed up");
        assert_eq!(integrity(&file.path), ["ok"], "backup {i}");
        let copy = connect(&file.path);
        let fk: Vec<String> = copy
            .prepare("PRAGMA foreign_key_check")
            .unwrap()
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(fk.is_empty(), "backup {i}: {fk:?}");
        let count: i64 = copy
            .query_row("SELECT count(*) FROM conversation", [], |r| r.get(0))
            .unwrap();
        seen.push(count);
        thread::sleep(std::time::Duration::from_millis(60));
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().expect("the writer ends");
    assert!(written > 0, "the other process wrote while the backups ran");
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
}

/// Files named as rolling backups at the given local times, plus what prune keeps.
fn touch_backups(dir: &Path, stamps: &[String]) {
    fs::create_dir_all(dir).unwrap();
    for stamp in stamps {
        fs::write(dir.join(format!("rapport-{stamp}.db")), b"x").unwrap();
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn retention_keeps_exactly_seven_days_and_eight_weeks() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().join("backups");
    // One backup a day at 09:00 from 1 September to 23 November 2026 (a Monday), a second
    // one on the last two days, and safety copies that are never pruned.
    let mut stamps = Vec::new();
    let mut day = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    while day <= NaiveDate::from_ymd_opt(2026, 11, 23).unwrap() {
        stamps.push(format!("{}T090000", day));
        day = day.succ_opt().unwrap();
    }
    stamps.push("2026-11-22T070000".into());
    stamps.push("2026-11-23T180000".into());
    stamps.push("2026-11-23T180000-2".into());
    touch_backups(&dir, &stamps);
    fs::write(dir.join("before-restore-2026-01-01T000000.db"), b"x").unwrap();
    fs::write(dir.join("notes.txt"), b"x").unwrap();

    let removed = backup::prune(&dir, Retention::default()).expect("pruned");
    let kept: Vec<String> = [
        // The last 7 days with a backup: the newest of each.
        "2026-11-23T180000-2",
        "2026-11-22T090000",
        "2026-11-21T090000",
        "2026-11-20T090000",
        "2026-11-19T090000",
        "2026-11-18T090000",
        "2026-11-17T090000",
        // The last 8 ISO weeks: W48 and W47 are covered above; W46 … W41 by their Sundays.
        "2026-11-15T090000",
        "2026-11-08T090000",
        "2026-11-01T090000",
        "2026-10-25T090000",
        "2026-10-18T090000",
        "2026-10-11T090000",
    ]
    .iter()
    .map(|s| format!("rapport-{s}.db"))
    .collect();
    let mut expected = kept.clone();
    expected.push("before-restore-2026-01-01T000000.db".into());
    expected.push("notes.txt".into());
    expected.sort();
    assert_eq!(names_in(&dir), expected);
    assert_eq!(removed.len(), stamps.len() - kept.len());

    // Pruning again removes nothing; keeping nothing still keeps the newest.
    assert!(
        backup::prune(&dir, Retention::default())
            .unwrap()
            .is_empty()
    );
    backup::prune(
        &dir,
        Retention {
            daily: 0,
            weekly: 0,
        },
    )
    .unwrap();
    assert!(names_in(&dir).contains(&"rapport-2026-11-23T180000-2.db".to_string()));
    assert_eq!(
        names_in(&dir)
            .iter()
            .filter(|n| n.starts_with("rapport-"))
            .count(),
        1
    );
}

#[test]
fn the_daily_backup_runs_once_a_day() {
    let (journal, _) = journal_with(2);
    let keep = Retention::default();
    let monday = local(2026, 11, 23, 8, 0);
    let first =
        backup::auto_backup_if_due(&journal.path, monday, keep, &rapport::store::Key::plain())
            .expect("runs")
            .expect("due on the first open");
    assert!(first.path.ends_with("backups/rapport-2026-11-23T080000.db"));
    assert_eq!(integrity(&first.path), ["ok"]);
    let later = local(2026, 11, 23, 17, 0);
    assert!(
        backup::auto_backup_if_due(&journal.path, later, keep, &rapport::store::Key::plain())
            .unwrap()
            .is_none()
    );
    let tuesday = local(2026, 11, 24, 8, 0);
    assert!(
        backup::auto_backup_if_due(&journal.path, tuesday, keep, &rapport::store::Key::plain())
            .unwrap()
            .is_some()
    );
    let listed = backup::list(&journal.path, Some(&rapport::store::Key::plain())).expect("listed");
    assert_eq!(listed.len(), 2);
    assert!(listed[0].path.ends_with("rapport-2026-11-24T080000.db"));
    // No journal yet: nothing to back up, and no folder made.
    let empty = Journal::new();
    assert!(
        backup::auto_backup_if_due(&empty.path, monday, keep, &rapport::store::Key::plain())
            .unwrap()
            .is_none()
    );
    assert!(!empty.dir().join("backups").exists());
}

#[test]
fn restore_round_trip_keeps_a_safety_copy() {
    let (journal, priya) = journal_with(2);
    let saved = journal.dir().join("saved.db");
    let before = {
        let store = common::open(&journal.path).unwrap();
        store.backup_to(&saved).unwrap();
        dump(&journal.path)
    };
    {
        let mut store = common::open(&journal.path).unwrap();
        log(&mut store, priya, "written after the backup");
    }
    let after = dump(&journal.path);
    assert_ne!(before, after);

    let restored = backup::restore(
        &journal.path,
        &saved,
        local(2026, 11, 23, 12, 0),
        &rapport::store::Key::plain(),
    )
    .expect("restored");
    let safety = restored.safety_copy.expect("a safety copy");
    assert!(safety.ends_with("backups/before-restore-2026-11-23T120000.db"));
    assert_eq!(mode(&safety), 0o600);
    assert_eq!(dump(&safety), after, "the journal as it was");
    assert_eq!(mode(&journal.path), 0o600);
    let store = common::open(&journal.path).expect("the restored journal opens");
    assert_eq!(store.check().unwrap().integrity, ["ok"]);
    drop(store);
    assert_eq!(dump(&journal.path), before);
    assert!(
        common::open(&journal.path)
            .unwrap()
            .search("after", None, 5)
            .unwrap()
            .is_empty(),
        "the search index came back with the journal"
    );
}

#[test]
fn restore_works_while_the_journal_wal_has_content() {
    let (source, _) = journal_with(1);
    // Copy the journal and its WAL while a connection holds unsaved-to-file frames: a
    // journal as a crash leaves it.
    let journal = Journal::new();
    let wal_copy = side_file(&journal.path, "-wal");
    {
        let conn = connect(&source.path);
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        conn.execute(
            "UPDATE person SET role = 'Staff engineer' WHERE name = 'Priya Raman'",
            [],
        )
        .unwrap();
        fs::copy(&source.path, &journal.path).unwrap();
        fs::copy(side_file(&source.path, "-wal"), &wal_copy).unwrap();
    }
    assert!(
        fs::metadata(&wal_copy).unwrap().len() > 0,
        "the WAL has content"
    );
    let candidate = journal.dir().join("candidate.db");
    let (other, _) = journal_with(4);
    fs::copy(&other.path, &candidate).unwrap();

    let restored = backup::restore(
        &journal.path,
        &candidate,
        local(2026, 11, 23, 12, 0),
        &rapport::store::Key::plain(),
    )
    .expect("restored");
    let safety = restored.safety_copy.unwrap();
    assert_eq!(
        common::rows(&safety, "SELECT role FROM person"),
        ["Staff engineer"],
        "the safety copy holds what was only in the WAL"
    );
    assert!(!side_file(&journal.path, "-shm").exists());
    assert_eq!(common::count(&journal.path, "conversation"), 4);
    assert_eq!(integrity(&journal.path), ["ok"]);
}

fn assert_refused(journal: &Journal, candidate: &Path, says: &str) {
    let before = bytes(&journal.path);
    let backups_before = backup::list(&journal.path, Some(&rapport::store::Key::plain()))
        .unwrap()
        .len();
    let error = backup::restore(
        &journal.path,
        candidate,
        local(2026, 11, 23, 12, 0),
        &rapport::store::Key::plain(),
    )
    .expect_err("refused");
    assert!(matches!(error, Error::NotRestorable(..)), "{error:?}");
    let sentence = error.to_string();
    assert!(sentence.contains(says), "{sentence}");
    assert!(
        sentence.contains("the journal was left as it was"),
        "{sentence}"
    );
    assert!(!sentence.contains('\n'));
    assert_eq!(
        bytes(&journal.path),
        before,
        "the journal is byte for byte the same"
    );
    assert_eq!(
        backup::list(&journal.path, Some(&rapport::store::Key::plain()))
            .unwrap()
            .len(),
        backups_before
    );
}

#[test]
fn restore_refuses_what_is_not_a_healthy_journal_it_can_read() {
    let (journal, _) = journal_with(2);
    let dir = journal.dir();

    let noise_file = dir.join("noise.db");
    fs::write(&noise_file, noise(8192, 7)).unwrap();
    assert_refused(&journal, &noise_file, "not an SQLite database");

    // A good backup cut in half.
    let good = dir.join("good.db");
    common::open(&journal.path)
        .unwrap()
        .backup_to(&good)
        .unwrap();
    let whole = fs::read(&good).unwrap();
    let truncated = dir.join("truncated.db");
    fs::write(&truncated, &whole[..whole.len() / 2]).unwrap();
    assert_refused(&journal, &truncated, "damaged");

    let newer = dir.join("newer.db");
    fs::copy(&good, &newer).unwrap();
    connect(&newer)
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    assert_refused(&journal, &newer, "newer Rapport");

    let foreign = dir.join("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert_refused(&journal, &foreign, "not a Rapport journal");

    assert_refused(&journal, &dir.join("missing.db"), "no such file");
    assert_refused(&journal, &journal.path.clone(), "the journal itself");
    assert_eq!(integrity(&good), ["ok"], "the good backup still restores");
    backup::restore(
        &journal.path,
        &good,
        local(2026, 11, 23, 12, 0),
        &rapport::store::Key::plain(),
    )
    .expect("restored");
}

/// A journal at schema version 1, as the first Rapport wrote it.
fn version_one_journal(path: &PathBuf) {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.execute_batch(include_str!("../../src/store/migrations/0001_journal.sql"))
        .unwrap();
    conn.execute_batch(
        "INSERT INTO person (uuid, name, created_at, updated_at)
             VALUES ('0193d7a0-0000-7000-8000-000000000001', 'Priya Raman',
                     '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z');
         INSERT INTO conversation (uuid, person_id, happened_at, kind, summary, notes,
                                   created_at, updated_at)
             VALUES ('0193d7a0-0000-7000-8000-000000000002', 1, '2026-11-02 10:00',
                     'one-on-one', 'Talked about the aubergine project', 'Long notes',
                     '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z');
         INSERT INTO conversation_tag (uuid, conversation_id, tag, created_at, updated_at)
             VALUES ('0193d7a0-0000-7000-8000-000000000003', 1, 'rutabaga',
                     '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z');",
    )
    .unwrap();
    conn.pragma_update(None, "application_id", 0x5241_5050_i64)
        .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
}

#[test]
fn a_migration_backs_the_journal_up_first_and_indexes_what_it_holds() {
    let journal = Journal::new();
    version_one_journal(&journal.path);
    let before = dump(&journal.path);
    let store = store_at(&journal.path, local(2026, 11, 23, 9, 30));
    let listed = backup::list(&journal.path, Some(&rapport::store::Key::plain())).unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].kind, backup::BackupKind::BeforeMigration);
    assert!(
        listed[0]
            .path
            .ends_with("backups/before-migration-v1-2026-11-23T093000.db")
    );
    assert_eq!(
        dump(&listed[0].path),
        before,
        "the backup is the old journal"
    );
    assert_eq!(
        common::rows(&journal.path, "PRAGMA user_version"),
        [SCHEMA_VERSION.to_string()]
    );
    let hit = store.search("aubergine", None, 5).unwrap();
    assert_eq!(hit.len(), 1);
    assert_eq!(hit[0].person_name.as_deref(), Some("Priya Raman"));
    assert_eq!(store.search("rutabaga", None, 5).unwrap().len(), 1);
    drop(store);
    // Opening again migrates nothing, so backs up nothing.
    drop(common::open(&journal.path).unwrap());
    assert_eq!(
        backup::list(&journal.path, Some(&rapport::store::Key::plain()))
            .unwrap()
            .len(),
        1
    );
}

/// The journal at schema version 4 (before the search index had its prefix index): made by
/// running the first four migrations as the Rapport of that time did.
fn version_four_journal(path: &PathBuf) {
    version_one_journal(path);
    let conn = Connection::open(path).unwrap();
    for sql in [
        include_str!("../../src/store/migrations/0002_search.sql"),
        include_str!("../../src/store/migrations/0003_insight_indexes.sql"),
        include_str!("../../src/store/migrations/0004_search_secure_delete.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", 4).unwrap();
}

/// Migration 5 makes the search index anew with a three-letter prefix index: every entry
/// comes back under its old row, prefixes find what whole words find, and the triggers go
/// on keeping the index in step with edits.
#[test]
fn the_search_index_gains_its_prefix_index_and_keeps_every_entry() {
    let journal = Journal::new();
    version_four_journal(&journal.path);
    let entries_before = common::rows(
        &journal.path,
        "SELECT rowid, body FROM search_index ORDER BY rowid",
    );
    assert!(!entries_before.is_empty());
    let mut store = store_at(&journal.path, local(2026, 11, 23, 9, 30));
    assert_eq!(
        common::rows(
            &journal.path,
            "SELECT rowid, body FROM search_index ORDER BY rowid"
        ),
        entries_before,
        "every entry, under its old rowid"
    );
    let schema = common::rows(
        &journal.path,
        "SELECT sql FROM sqlite_master WHERE name = 'search_index'",
    );
    assert!(schema[0].contains("prefix = '3"), "{schema:?}");
    assert_eq!(store.search("aub*", None, 5).unwrap().len(), 1);
    assert_eq!(store.search("rut*", None, 5).unwrap().len(), 1);
    // Edits still reach the index through the triggers.
    let input = rapport::domain::ConversationInput {
        person_id: 1,
        happened_at: chrono::NaiveDate::from_ymd_opt(2026, 11, 2)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .unwrap(),
        kind: rapport::domain::ConversationKind::OneOnOne,
        mood: None,
        stance: None,
        summary: "Talked about the zucchini plan".into(),
        notes: "Long notes".into(),
        needs: Vec::new(),
        tags: vec!["rutabaga".into()],
        follow_ups: Vec::new(),
        acknowledgement: None,
        idea: None,
    };
    store.update_conversation(1, &input).unwrap();
    assert_eq!(store.search("zuc*", None, 5).unwrap().len(), 1);
    assert!(store.search("aubergine", None, 5).unwrap().is_empty());
}

/// One text of every kind the search index holds, for a journal of any schema version.
const A_TEXT_OF_EVERY_KIND: &str = "
    INSERT INTO conversation_need (uuid, conversation_id, need, how, person_id, happened_at,
                                   created_at, updated_at)
        VALUES ('0193d7a0-0000-7000-8000-000000000010', 1, 'fun', 'a parsnip race', 1,
                '2026-11-02 10:00', '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z');
    INSERT INTO aspiration (uuid, person_id, title, detail, horizon, created_at, updated_at)
        VALUES ('0193d7a0-0000-7000-8000-000000000011', 1, 'Lead the celeriac guild', '',
                'next year', '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z');
    INSERT INTO aspiration_update (uuid, aspiration_id, noted_on, note, created_at, updated_at)
        VALUES ('0193d7a0-0000-7000-8000-000000000012', 1, '2026-11-03', 'fennel progress',
                '2026-11-03T10:00:00Z', '2026-11-03T10:00:00Z');
    INSERT INTO acknowledgement (uuid, person_id, given_at, text, created_at, updated_at)
        VALUES ('0193d7a0-0000-7000-8000-000000000013', 1, '2026-11-04 09:00',
                'thanks for the kohlrabi', '2026-11-04T09:00:00Z', '2026-11-04T09:00:00Z');
    INSERT INTO idea (uuid, person_id, heard_on, text, answer, created_at, updated_at)
        VALUES ('0193d7a0-0000-7000-8000-000000000014', 1, '2026-11-05', 'a radish board',
                'trying it', '2026-11-05T09:00:00Z', '2026-11-05T09:00:00Z');
    INSERT INTO reflection (uuid, week, went_well, do_differently, notes, created_at, updated_at)
        VALUES ('0193d7a0-0000-7000-8000-000000000015', '2026-W45', 'the turnip talk', '', '',
                '2026-11-06T09:00:00Z', '2026-11-06T09:00:00Z');";

/// The journal at schema version 5, holding a text of every kind.
fn version_five_journal(path: &PathBuf) {
    version_four_journal(path);
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(A_TEXT_OF_EVERY_KIND).unwrap();
    conn.execute_batch(include_str!(
        "../../src/store/migrations/0005_search_prefix.sql"
    ))
    .unwrap();
    conn.pragma_update(None, "user_version", 5).unwrap();
}

fn search_index_checks(path: &Path) {
    let conn = Connection::open(path).unwrap();
    // FTS5's own comparison of the index with the texts it says it holds.
    conn.execute(
        "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .expect("the index matches the texts");
    assert_eq!(integrity(path), ["ok"]);
}

/// Migration 9 drops the search index's copy of the texts: every entry reads the same,
/// under its old rowid, from the tables the texts are kept in, and edits and deletions
/// of every kind reach the index through the triggers.
#[test]
fn the_search_index_reads_its_texts_where_they_are_kept() {
    let journal = Journal::new();
    version_five_journal(&journal.path);
    let entries =
        "SELECT rowid, body, kind, item_id, person_id, day FROM search_index ORDER BY rowid";
    let before = common::rows(&journal.path, entries);
    assert_eq!(before.len(), 8, "{before:?}");
    let mut store = store_at(&journal.path, local(2026, 11, 23, 9, 30));
    assert_eq!(common::rows(&journal.path, entries), before);
    let schema = common::rows(
        &journal.path,
        "SELECT sql FROM sqlite_master WHERE name = 'search_index'",
    );
    assert!(
        schema[0].contains("content = 'search_source'"),
        "{schema:?}"
    );
    assert!(schema[0].contains("prefix = '3 4'"), "{schema:?}");
    assert_eq!(
        common::rows(
            &journal.path,
            "SELECT count(*) FROM sqlite_master WHERE name = 'search_index_content'"
        ),
        ["0"],
        "no copy of the texts"
    );
    search_index_checks(&journal.path);
    for word in [
        "aubergine",
        "rutabaga",
        "parsnip",
        "celeriac",
        "fennel",
        "kohlrabi",
        "radish",
        "turnip",
    ] {
        assert_eq!(store.search(word, None, 5).unwrap().len(), 1, "{word}");
    }
    assert_eq!(store.search("\"parsnip race\"", None, 5).unwrap().len(), 1);
    let hit = &store.search("cel*", None, 5).unwrap()[0];
    assert!(hit.snippet.contains("celeriac"), "{}", hit.snippet);

    // Changed: the old words leave, the new ones arrive, the tag and the need follow.
    let input = ConversationInput {
        person_id: 1,
        happened_at: NaiveDate::from_ymd_opt(2026, 11, 9)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .unwrap(),
        kind: ConversationKind::OneOnOne,
        mood: None,
        stance: None,
        summary: "Talked about the zucchini plan".into(),
        notes: String::new(),
        needs: Vec::new(),
        tags: vec!["swede".into()],
        follow_ups: Vec::new(),
        acknowledgement: None,
        idea: None,
    };
    store.update_conversation(1, &input).unwrap();
    assert!(store.search("aubergine", None, 5).unwrap().is_empty());
    assert!(store.search("rutabaga", None, 5).unwrap().is_empty());
    assert_eq!(store.search("zuc*", None, 5).unwrap().len(), 1);
    let tag = store.search("swede", None, 5).unwrap();
    assert_eq!(tag.len(), 1);
    assert_eq!(tag[0].date, NaiveDate::from_ymd_opt(2026, 11, 9).unwrap());
    search_index_checks(&journal.path);

    // Deleted: the conversation takes its texts out of the index with it.
    store
        .delete_record(rapport::store::Record::Conversation, 1)
        .unwrap();
    for word in ["zucchini", "swede", "parsnip"] {
        assert!(store.search(word, None, 5).unwrap().is_empty(), "{word}");
    }
    assert_eq!(store.search("radish", None, 5).unwrap().len(), 1);
    search_index_checks(&journal.path);
    assert_eq!(
        common::rows(&journal.path, "SELECT count(*) FROM search_index"),
        common::rows(&journal.path, "SELECT count(*) FROM search_entry"),
    );
}

/// Migration 9 frees the pages of the search index's copy of the texts; opening gives them
/// back, so a migrated journal shrinks on disk instead of keeping them for later writes.
#[test]
fn a_migration_that_frees_much_of_the_file_gives_the_space_back() {
    let journal = Journal::new();
    version_four_journal(&journal.path);
    let conn = Connection::open(&journal.path).unwrap();
    conn.execute_batch(
        "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
         INSERT INTO conversation (uuid, person_id, happened_at, kind, summary, notes,
                                   created_at, updated_at)
         SELECT printf('0193d7a0-0000-7000-9000-%012d', i), 1, '2026-10-01 10:00',
                'one-on-one', 'talk ' || i,
                replace(printf('%.400c', '_'), '_', 'lorem ipsum '), '2026-10-01T10:00:00Z',
                '2026-10-01T10:00:00Z'
           FROM n;",
    )
    .unwrap();
    conn.execute_batch(include_str!(
        "../../src/store/migrations/0005_search_prefix.sql"
    ))
    .unwrap();
    conn.pragma_update(None, "user_version", 5).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    drop(conn);
    let before = fs::metadata(&journal.path).unwrap().len();
    let store = store_at(&journal.path, local(2026, 11, 23, 9, 30));
    assert_eq!(store.search("lorem", None, 5).unwrap().len(), 5);
    drop(store);
    let after = fs::metadata(&journal.path).unwrap().len();
    assert!(
        after < before * 3 / 4,
        "{before} bytes before, {after} after"
    );
    assert_eq!(common::rows(&journal.path, "PRAGMA freelist_count"), ["0"]);
    assert_eq!(integrity(&journal.path), ["ok"]);
}

/// Migrations 6 to 13 as the Rapports of their time ran them, after the version-5 journal.
const MIGRATIONS_6_TO_13: [&str; 8] = [
    include_str!("../../src/store/migrations/0006_pause.sql"),
    include_str!("../../src/store/migrations/0007_need_state.sql"),
    include_str!("../../src/store/migrations/0008_priority_needs.sql"),
    include_str!("../../src/store/migrations/0009_search_external_content.sql"),
    include_str!("../../src/store/migrations/0010_need_index_by_state.sql"),
    include_str!("../../src/store/migrations/0011_talking_points.sql"),
    include_str!("../../src/store/migrations/0012_guides_and_balance.sql"),
    include_str!("../../src/store/migrations/0013_drop_unread_indexes.sql"),
];

/// The journal at schema `version` (5 to 13), holding a text of every kind, with
/// `conversations` more of Priya's conversations: each with three needs met with care and
/// a tag, every row with a UUID and stamps as those versions wrote them (text).
fn journal_at_version(path: &PathBuf, version: usize, conversations: usize) {
    version_five_journal(path);
    let conn = Connection::open(path).unwrap();
    for sql in &MIGRATIONS_6_TO_13[..version - 5] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(&format!(
        "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {conversations})
         INSERT INTO conversation (uuid, person_id, happened_at, kind, summary, notes,
                                   created_at, updated_at)
         SELECT printf('0193d7a0-0000-7000-9000-%012d', i), 1,
                printf('2026-%02d-%02d 10:00', 1 + i % 12, 1 + i % 28), 'one-on-one',
                'talk ' || i, '', '2026-10-01T10:00:00Z', '2026-10-01T10:00:00Z'
           FROM n;
         INSERT INTO conversation_need (uuid, conversation_id, need, how, person_id,
                                        happened_at, created_at, updated_at)
         SELECT printf('0193d7a0-0000-7000-a%03d-%012d', k.n, c.id), c.id, k.need,
                'with care ' || c.id, c.person_id, c.happened_at, c.created_at, c.updated_at
           FROM conversation c,
                (SELECT 1 AS n, 'competence' AS need UNION ALL SELECT 2, 'belonging'
                 UNION ALL SELECT 3, 'fun') k
          WHERE c.summary LIKE 'talk %';
         INSERT INTO conversation_tag (uuid, conversation_id, tag, created_at, updated_at)
         SELECT printf('0193d7a0-0000-7000-b000-%012d', id), id, 'topic ' || (id % 50),
                created_at, updated_at
           FROM conversation WHERE summary LIKE 'talk %';"
    ))
    .unwrap();
    conn.pragma_update(None, "user_version", version as i64)
        .unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
}

/// Each table of `path` with its columns as a SELECT list that reads every row in the text
/// forms an export writes: stamps the journal keeps as seconds read as
/// `YYYY-MM-DDTHH:MM:SSZ` (UUIDs kept as bytes already read as text: see `common::dump`),
/// so a journal before and after migration 14 compare row by row.
fn shape(path: &Path) -> Vec<(String, String)> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT m.name, group_concat(
                        CASE WHEN c.name IN ('created_at', 'updated_at')
                             THEN replace('CASE typeof(<c>) WHEN ''integer''
                                           THEN strftime(''%Y-%m-%dT%H:%M:%SZ'', <c>, ''unixepoch'')
                                           ELSE <c> END AS <c>', '<c>', c.name)
                             ELSE c.name END, ', ')
               FROM sqlite_master m, pragma_table_info(m.name) c
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                AND (m.name, c.name) NOT IN (VALUES ('aspiration', 'serves'))
              GROUP BY m.name",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The rows of `path` read with the tables and columns of `shape`: a journal's rows as
/// they were before a migration, read again after it, whatever tables and columns later
/// migrations added (those are not what "every row kept" is about).
fn rows_in_shape(path: &Path, shape: &[(String, String)]) -> common::Dump {
    shape
        .iter()
        .map(|(table, columns)| {
            let mut rows = common::rows(path, &format!("SELECT {columns} FROM \"{table}\""));
            rows.sort();
            (table.clone(), rows)
        })
        // Tables a later migration adds start empty: only tables holding rows are compared,
        // so a table emptied by a migration still shows.
        .filter(|(_, rows)| !rows.is_empty())
        .collect()
}

/// Migration 13 drops two indexes no query reads: a journal at version 12 keeps every row,
/// loses the indexes, and gives their pages back.
#[test]
fn unread_indexes_are_dropped_and_their_pages_given_back() {
    let journal = Journal::new();
    journal_at_version(&journal.path, 12, 3000);
    let kept = shape(&journal.path);
    let before = rows_in_shape(&journal.path, &kept);
    assert_eq!(before["conversation_need"].len(), 3 * 3000 + 1);
    assert_eq!(
        common::rows(
            &journal.path,
            "SELECT count(*) FROM sqlite_master
              WHERE name IN ('conversation_need_by_time', 'conversation_tag_by_tag')"
        ),
        ["2"],
        "as migrations 1 to 12 left them"
    );
    let size_before = fs::metadata(&journal.path).unwrap().len();

    let store = store_at(&journal.path, local(2026, 11, 23, 9, 30));
    assert_eq!(store.search("care", None, 5).unwrap().len(), 5);
    drop(store);

    assert_eq!(
        common::rows(
            &journal.path,
            "SELECT name FROM sqlite_master
              WHERE name IN ('conversation_need_by_time', 'conversation_tag_by_tag')"
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        rows_in_shape(&journal.path, &kept),
        before,
        "every row kept"
    );
    assert_eq!(common::rows(&journal.path, "PRAGMA freelist_count"), ["0"]);
    let size_after = fs::metadata(&journal.path).unwrap().len();
    assert!(size_after < size_before, "{size_before} → {size_after}");
    assert_eq!(integrity(&journal.path), ["ok"]);
}

/// Migration 14 stores every UUID as its 16 bytes and every stamp Rapport wrote as whole
/// seconds: every row and UUID stays, a stamp in another RFC 3339 form stays as written,
/// the file shrinks, and search, export and import work on the migrated journal.
#[test]
fn uuids_and_stamps_are_stored_compactly_and_every_row_kept() {
    let journal = Journal::new();
    journal_at_version(&journal.path, 13, 2000);
    // Stamps an import may have brought: another offset, a fraction of a second.
    let conn = Connection::open(&journal.path).unwrap();
    conn.execute_batch(
        "UPDATE person SET created_at = '2026-11-01T11:00:00+02:00';
         UPDATE idea SET updated_at = '2026-11-05T09:00:00.250Z';
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .unwrap();
    drop(conn);
    let kept = shape(&journal.path);
    let before = rows_in_shape(&journal.path, &kept);
    assert_eq!(before["conversation"].len(), 2001);
    let size_before = fs::metadata(&journal.path).unwrap().len();

    let store = store_at(&journal.path, local(2026, 11, 23, 9, 30));
    assert_eq!(
        common::rows(&journal.path, "PRAGMA user_version"),
        [SCHEMA_VERSION.to_string()]
    );
    assert_eq!(
        rows_in_shape(&journal.path, &kept),
        before,
        "every row and UUID kept"
    );
    let tables = rapport::store::export_rows::TABLES;
    let stored = |what: &str| -> Vec<String> {
        let union: Vec<String> = tables
            .iter()
            .map(|t| format!("SELECT {what} FROM {t}"))
            .collect();
        common::rows(
            &journal.path,
            &format!(
                "SELECT DISTINCT * FROM ({}) ORDER BY 1",
                union.join(" UNION ALL ")
            ),
        )
    };
    assert_eq!(stored("typeof(uuid) || length(uuid)"), ["blob16"]);
    assert_eq!(
        stored("typeof(created_at) || ' ' || typeof(updated_at)"),
        ["integer integer", "integer text", "text integer"],
    );
    assert_eq!(
        common::rows(
            &journal.path,
            "SELECT created_at FROM person UNION ALL SELECT updated_at FROM idea
              UNION ALL SELECT created_at FROM conversation WHERE summary = 'talk 1'"
        ),
        [
            "2026-11-01T11:00:00+02:00",
            "2026-11-05T09:00:00.250Z",
            "1790848800"
        ]
    );
    assert_eq!(common::rows(&journal.path, "PRAGMA freelist_count"), ["0"]);
    // Migrations 23 and 24 add a table and an index that grow with the journal's needs and
    // tags: measured without them (on a copy, its pages given back).
    let without_later_data = journal.dir().join("without-later-data.db");
    fs::copy(&journal.path, &without_later_data).unwrap();
    common::connect(&without_later_data)
        .execute_batch("DROP TABLE need_standing; DROP INDEX conversation_by_tag; VACUUM")
        .unwrap();
    let size_after = fs::metadata(&without_later_data).unwrap().len();
    // What the migrations after 14 add to every journal (their tables, indexes and
    // triggers) is not what migration 14 gives back: measured on a journal of one talk.
    let small = Journal::new();
    journal_at_version(&small.path, 13, 1);
    let small_before = fs::metadata(&small.path).unwrap().len();
    drop(store_at(&small.path, local(2026, 11, 23, 9, 30)));
    let added = fs::metadata(&small.path)
        .unwrap()
        .len()
        .saturating_sub(small_before);
    assert!(
        size_after - added < size_before * 3 / 4,
        "{size_before} bytes before, {size_after} after ({added} of them later migrations' schema)"
    );
    assert_eq!(integrity(&journal.path), ["ok"]);
    assert_eq!(
        common::rows(&journal.path, "PRAGMA foreign_key_check"),
        Vec::<String>::new()
    );
    search_index_checks(&journal.path);

    // Search: every kind of text, an aspiration on the day it was written down.
    // The 2000 conversations and the reflection on "the turnip talk".
    assert_eq!(store.search("talk", None, 5000).unwrap().len(), 2001);
    let aspiration = store.search("celeriac", None, 5).unwrap();
    assert_eq!(aspiration.len(), 1);
    assert_eq!(
        aspiration[0].date,
        NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()
    );
    assert_eq!(store.search("fennel", None, 5).unwrap().len(), 1);

    // Export writes the stamps as they were; an import of it exports the same bytes.
    let mut exported = Vec::new();
    rapport::export::json::write(&store, None, &mut exported).unwrap();
    drop(store);
    let text = String::from_utf8(exported.clone()).unwrap();
    for stamp in [
        "\"created_at\":\"2026-11-01T11:00:00+02:00\"",
        "\"updated_at\":\"2026-11-05T09:00:00.250Z\"",
        "\"uuid\":\"0193d7a0-0000-7000-9000-000000000001\"",
        "\"created_at\":\"2026-10-01T10:00:00Z\"",
    ] {
        assert!(text.contains(stamp), "{stamp}");
    }
    let copy = Journal::new();
    let file = copy.dir().join("export.json");
    fs::write(&file, &exported).unwrap();
    // The made-up conversations run to December 2026.
    let mut target = store_at(&copy.path, local(2027, 1, 4, 10, 0));
    rapport::export::import::import(&mut target, &file, false).unwrap();
    let mut again = Vec::new();
    rapport::export::json::write(&target, None, &mut again).unwrap();
    assert!(
        again == exported,
        "export → import → export gives the same bytes"
    );
}

/// A journal another program left with a broken reference still migrates and opens: the
/// tables made anew keep the row as it was, and the check still finds it.
#[test]
fn a_journal_with_a_broken_reference_still_migrates_and_keeps_it() {
    let journal = Journal::new();
    journal_at_version(&journal.path, 13, 0);
    let conn = Connection::open(&journal.path).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO follow_up (uuid, person_id, owner, text, made_on, created_at, updated_at)
         VALUES ('0193d7a0-0000-7000-c000-000000000001', 42, 'me', 'orphan', '2026-11-20',
                 '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z');
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .unwrap();
    drop(conn);
    // The journal's own rows; since migration 16 the search index takes the follow-up in.
    let shape = shape(&journal.path);
    let kept = |path: &Path| {
        let mut rows = rows_in_shape(path, &shape);
        rows.retain(|table, _| !table.starts_with("search_"));
        rows
    };
    let before = kept(&journal.path);

    let store = store_at(&journal.path, local(2026, 11, 23, 9, 30));
    drop(store);
    assert_eq!(
        common::rows(&journal.path, "PRAGMA user_version"),
        [SCHEMA_VERSION.to_string()]
    );
    assert_eq!(kept(&journal.path), before, "every row kept");
    search_index_checks(&journal.path);
    assert_eq!(
        common::rows(&journal.path, "PRAGMA foreign_key_check"),
        ["follow_up|1|person|2"]
    );
}

/// The journal at schema version 14: version 13 with migration 14 run on it, as the
/// Rapport of that time ran it.
fn journal_at_version_14(path: &PathBuf, conversations: usize) {
    journal_at_version(path, 13, conversations);
    let conn = Connection::open(path).unwrap();
    // Off while migrations run, as Rapport has them: dropping the old tables must not
    // cascade into the rows that refer to them.
    conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
    conn.execute_batch(include_str!(
        "../../src/store/migrations/0014_compact_ids_and_stamps.sql"
    ))
    .unwrap();
    conn.pragma_update(None, "user_version", 14).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
}

/// The tables a form or the command line addresses by id (migration 15).
const ADDRESSED_BY_ID: [&str; 9] = [
    "person",
    "conversation",
    "follow_up",
    "aspiration",
    "aspiration_update",
    "acknowledgement",
    "idea",
    "talking_point",
    "reflection",
];

/// Migration 15 makes every table addressed by id anew with `AUTOINCREMENT`: every row
/// keeps its id and UUID, each table's sequence starts at its largest id, search and the
/// triggers work as before, and the newest conversation's number, once deleted, is never
/// given again.
#[test]
fn ids_are_never_given_twice_after_migration_15() {
    let journal = Journal::new();
    journal_at_version_14(&journal.path, 300);
    let kept = shape(&journal.path);
    let before = rows_in_shape(&journal.path, &kept);
    assert_eq!(before["conversation"].len(), 301);

    let mut store = store_at(&journal.path, local(2026, 11, 23, 9, 30));
    assert_eq!(
        common::rows(&journal.path, "PRAGMA user_version"),
        [SCHEMA_VERSION.to_string()]
    );
    assert_eq!(
        rows_in_shape(&journal.path, &kept),
        before,
        "every row, id and UUID kept"
    );
    for table in ADDRESSED_BY_ID {
        let schema = common::rows(
            &journal.path,
            &format!("SELECT sql FROM sqlite_master WHERE name = '{table}'"),
        );
        assert!(schema[0].contains("AUTOINCREMENT"), "{table}: {schema:?}");
        assert_eq!(
            common::rows(
                &journal.path,
                &format!(
                    "SELECT (SELECT seq FROM sqlite_sequence WHERE name = '{table}')
                          = (SELECT coalesce(max(id), 0) FROM {table})"
                )
            ),
            ["1"],
            "{table}'s sequence starts at its largest id"
        );
    }
    assert_eq!(integrity(&journal.path), ["ok"]);
    assert_eq!(
        common::rows(&journal.path, "PRAGMA foreign_key_check"),
        Vec::<String>::new()
    );
    search_index_checks(&journal.path);
    assert_eq!(store.search("talk", None, 5000).unwrap().len(), 301);
    assert_eq!(store.search("celeriac", None, 5).unwrap().len(), 1);

    let newest: i64 = common::rows(&journal.path, "SELECT max(id) FROM conversation")[0]
        .parse()
        .unwrap();
    store
        .delete_record(rapport::store::Record::Conversation, newest)
        .unwrap();
    assert_eq!(
        store.conversation(newest).unwrap_err().to_string(),
        format!("there is no conversation #{newest} any more: it was deleted")
    );
    log(&mut store, 1, "after the delete");
    assert_eq!(
        common::rows(
            &journal.path,
            "SELECT id FROM conversation WHERE summary = 'after the delete'"
        ),
        [(newest + 1).to_string()]
    );
    search_index_checks(&journal.path);
}

/// Migration 16 indexes the follow-ups and talking points a journal already holds: after it
/// search finds them by a word of their text, the index agrees with its texts, and a
/// deleted one is found no more.
#[test]
fn follow_ups_and_talking_points_written_before_migration_16_are_found() {
    let journal = Journal::new();
    journal_at_version(&journal.path, 13, 20);
    let conn = Connection::open(&journal.path).unwrap();
    conn.execute_batch(
        "INSERT INTO follow_up (uuid, person_id, owner, text, made_on, created_at, updated_at)
         VALUES ('0193d7a0-0000-7000-c000-000000000001', 1, 'me', 'Order the gooseberry books',
                 '2026-11-20', '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z');
         INSERT INTO talking_point (uuid, person_id, owner, text, raised_on, created_at, updated_at)
         VALUES ('0193d7a0-0000-7000-c000-000000000002', 1, 'them', 'The juniper on-call rota',
                 '2026-11-21', '2026-11-21T10:00:00Z', '2026-11-21T10:00:00Z');
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .unwrap();
    drop(conn);

    let mut store = store_at(&journal.path, local(2026, 11, 23, 9, 30));
    assert_eq!(
        common::rows(&journal.path, "PRAGMA user_version"),
        [SCHEMA_VERSION.to_string()]
    );
    search_index_checks(&journal.path);
    let follow_up = store.search("gooseberry", None, 5).unwrap();
    assert_eq!(follow_up.len(), 1, "{follow_up:?}");
    assert_eq!(follow_up[0].kind, rapport::store::HitKind::FollowUp);
    assert_eq!(follow_up[0].person_id, Some(1));
    assert_eq!(follow_up[0].date.to_string(), "2026-11-20");
    let point = store.search("juniper", None, 5).unwrap();
    assert_eq!(point.len(), 1, "{point:?}");
    assert_eq!(point[0].kind, rapport::store::HitKind::TalkingPoint);
    assert_eq!(point[0].date.to_string(), "2026-11-21");
    // What was there before is found as before: three needs met "with care" in each talk.
    assert_eq!(store.search("care", None, 5000).unwrap().len(), 60);

    store
        .delete_record(rapport::store::Record::FollowUp, follow_up[0].item_id)
        .unwrap();
    assert!(store.search("gooseberry", None, 5).unwrap().is_empty());
    search_index_checks(&journal.path);
}
