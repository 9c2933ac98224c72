//! The files Rapport is pointed at: export and backup targets that are journals, side files,
//! devices, FIFOs or links; journal paths that are not regular files or do not exist.
//! Whatever is refused is left exactly as it was.

use crate::common;

use std::ffi::CString;
use std::fs;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::thread;

use common::{Journal, assert_one_line_failure, side_file};

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn mkfifo(path: &Path, mode: u32) {
    let name = CString::new(path.as_os_str().as_bytes()).expect("a C path");
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), mode) }, 0, "mkfifo");
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("lists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

/// A journal with Tom and one conversation.
fn journal_with_tom() -> Journal {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker"]);
    journal.ok(&["log", "tom", "--summary", "first talk"]);
    journal
}

/// Exports, backups and imports aimed at the journal, its WAL and shared memory (while
/// another Rapport has it open), its lock file, a link to it, or another journal and its
/// WAL: each is refused with one sentence and no file changes.
#[test]
fn writers_refuse_the_journal_its_side_files_and_other_journals() {
    let journal = journal_with_tom();
    let other = journal_with_tom();
    // Both open elsewhere, so their WAL and shared-memory files exist.
    let _open = common::open(&journal.path).expect("opens");
    let _other_open = common::open(&other.path).expect("opens");
    let link = journal.dir().join("link.db");
    symlink(&journal.path, &link).expect("a link");
    let targets: Vec<PathBuf> = vec![
        journal.path.clone(),
        side_file(&journal.path, "-wal"),
        side_file(&journal.path, "-shm"),
        side_file(&journal.path, ".lock"),
        link,
        other.path.clone(),
        side_file(&other.path, "-wal"),
    ];
    let files = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        listing(dir)
            .into_iter()
            .filter(|name| !name.ends_with("-shm"))
            .filter_map(|name| Some((name.clone(), fs::read(dir.join(&name)).ok()?)))
            .collect()
    };
    let before = (files(journal.dir()), files(other.dir()));
    let mut tried = 0;
    for target in &targets {
        assert!(target.exists(), "{} exists", target.display());
        for args in [
            vec!["export", "--format", "csv", "-o", text(target)],
            vec!["export", "-o", text(target)],
            vec!["backup", text(target)],
            vec!["import", text(target)],
        ] {
            let stderr = journal.fails(&args, 1);
            assert!(
                stderr.contains("is a Rapport journal"),
                "{args:?}: {stderr}"
            );
            tried += 1;
        }
    }
    assert_eq!((files(journal.dir()), files(other.dir())), before);
    println!("{tried} writes refused");
    assert_eq!(
        common::rows(&journal.path, "PRAGMA integrity_check"),
        ["ok"]
    );
}

/// A FIFO as an export target is written in place (a reader gets the export), never
/// replaced by a file; a backup into it is refused. `-o -` is standard output.
#[test]
fn devices_and_fifos_are_written_in_place_or_refused_never_replaced() {
    let journal = journal_with_tom();
    let fifo = journal.dir().join("pipe");
    mkfifo(&fifo, 0o644);
    let reader_path = fifo.clone();
    let (sender, receiver) = std::sync::mpsc::channel();
    // Left blocked (and the test failed) when the FIFO is replaced instead of written.
    thread::spawn(move || {
        let mut received = String::new();
        let read = fs::File::open(&reader_path).and_then(|mut f| f.read_to_string(&mut received));
        let _ = sender.send(read.map(|_| received));
    });
    journal.ok(&["export", "-o", text(&fifo)]);
    let received = receiver
        .recv_timeout(std::time::Duration::from_secs(15))
        .expect("the export reached the FIFO's reader")
        .expect("the FIFO reads");
    assert!(received.contains("first talk"), "{received}");
    let kind = fs::symlink_metadata(&fifo)
        .expect("still there")
        .file_type();
    assert!(kind.is_fifo(), "the FIFO is still a FIFO");
    assert_eq!(common::mode(&fifo), 0o644, "and keeps its mode");

    let stderr = journal.fails(&["backup", text(&fifo)], 1);
    assert!(stderr.contains("not a regular file"), "{stderr}");
    assert!(
        fs::symlink_metadata(&fifo)
            .expect("there")
            .file_type()
            .is_fifo()
    );

    let out = journal.ok(&["export", "--format", "csv", "-o", "-"]);
    assert!(out.contains("first talk"), "{out}");
    // Standard output is a pipe here: /dev/stdout leads to it, and it is written in place.
    let out = journal.ok(&["export", "--format", "csv", "-o", "/dev/stdout"]);
    assert!(out.contains("first talk"), "{out}");
    assert!(
        fs::symlink_metadata("/dev/stdout").is_ok_and(|m| m.file_type().is_symlink()),
        "/dev/stdout is still a link"
    );
    assert!(!journal.dir().join("-").exists(), "no file called -");
}

/// Links are followed: an export or backup through a link replaces the file it points to
/// and the link stays; a journal kept as a link is written, backed up and restored where
/// the link points, with its side files and backups there.
#[test]
fn links_are_followed_not_replaced() {
    let journal = Journal::new();
    let synced = journal.dir().join("synced");
    fs::create_dir(&synced).expect("a folder");
    let real = synced.join("journal.db");
    symlink(&real, &journal.path).expect("the journal is a link");
    journal.add_people(&["Tom Baker"]);
    assert!(real.is_file(), "the journal was made where the link points");
    let backup = journal.dir().join("b1.db");
    journal.ok(&["backup", text(&backup)]);
    journal.ok(&["log", "tom", "--summary", "after the backup"]);

    let old_export = synced.join("old.json");
    fs::write(&old_export, "old").expect("an old export");
    let export_link = journal.dir().join("export.json");
    symlink(&old_export, &export_link).expect("a link");
    journal.ok(&["export", "-o", text(&export_link)]);
    assert!(
        fs::symlink_metadata(&export_link)
            .expect("there")
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&old_export)
            .expect("reads")
            .contains("after the backup")
    );

    let restored = journal.ok(&["restore", text(&backup), "--yes"]);
    assert!(restored.contains("Restored"), "{restored}");
    assert!(
        fs::symlink_metadata(&journal.path)
            .expect("there")
            .file_type()
            .is_symlink(),
        "the journal's link stays a link"
    );
    assert!(common::rows(&real, "SELECT summary FROM conversation").is_empty());
    let copies = listing(&synced.join("backups"));
    assert!(
        copies.iter().any(|n| n.starts_with("before-restore-")),
        "{copies:?}"
    );
    for name in listing(journal.dir()) {
        assert!(
            [
                "b1.db",
                "export.json",
                "journal.db",
                "synced",
                "home",
                "data"
            ]
            .contains(&name.as_str()),
            "nothing beside the link: {name}"
        );
    }
}

/// A journal path that is a FIFO or a socket: every command says so in one sentence, and
/// the node keeps its mode with nothing made beside it.
#[test]
fn a_journal_path_that_is_not_a_regular_file_is_refused_untouched() {
    let journal = Journal::new();
    let fifo = journal.dir().join("fifo.db");
    mkfifo(&fifo, 0o644);
    let socket = journal.dir().join("socket.db");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("a socket");
    fs::set_permissions(&socket, fs::Permissions::from_mode(0o755)).expect("chmod");
    let before = listing(journal.dir());
    for (db, mode) in [(&fifo, 0o644), (&socket, 0o755)] {
        for args in [
            &["person", "list"][..],
            &["person", "add", "Ana"],
            &["check"],
            &["import", "/nonexistent.json"],
            &["restore", "/nonexistent.db", "--yes"],
            &["backup"],
        ] {
            let mut command = journal.bare_command();
            command.arg("--db").arg(db).args(args);
            let run = common::execute(&mut command, None);
            assert_one_line_failure(&run, 1, args);
            assert!(
                run.stderr.contains("not a regular file"),
                "{args:?}: {}",
                run.stderr
            );
            assert_eq!(common::mode(db), mode, "{args:?}: the mode is kept");
            assert_eq!(listing(journal.dir()), before, "{args:?}: nothing made");
        }
    }
}

/// Commands that only read, on a journal path that does not exist (a typo), say so and
/// create nothing; a command that writes creates the journal.
#[test]
fn commands_that_only_read_never_create_a_journal() {
    let journal = Journal::new();
    let readers: &[&[&str]] = &[
        &["today"],
        &["check"],
        &["gaps"],
        &["week"],
        &["timeline"],
        &["search", "rota"],
        &["prep", "tom"],
        &["export"],
        &["export", "--format", "csv"],
        &["person", "list"],
        &["person", "show", "tom"],
        &["followup", "list"],
        &["aspiration", "list"],
        &["backup"],
    ];
    for args in readers {
        let stderr = journal.fails(args, 1);
        assert!(stderr.contains("no journal at"), "{args:?}: {stderr}");
        assert!(
            listing(journal.dir()).is_empty(),
            "{args:?} left {:?}",
            listing(journal.dir())
        );
    }
    journal.ok(&["person", "add", "Tom Baker"]);
    assert!(journal.path.is_file());
}

/// `import` and `restore` of a FIFO or a device (`/dev/zero`) are refused at once, instead
/// of blocking forever or reading until memory runs out; the journal is unchanged.
#[test]
fn imports_and_restores_refuse_fifos_and_devices() {
    let journal = journal_with_tom();
    let fifo = journal.dir().join("export.json");
    mkfifo(&fifo, 0o600);
    let before = journal.dump();
    for args in [
        &["import", text(&fifo)][..],
        &["import", "/dev/zero"],
        &["restore", text(&fifo), "--yes"],
        &["restore", "/dev/zero", "--yes"],
    ] {
        let mut child = journal
            .command(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("rapport starts");
        let started = std::time::Instant::now();
        while child.try_wait().expect("polls").is_none() {
            if started.elapsed() > std::time::Duration::from_secs(10) {
                let _ = child.kill();
                panic!("{args:?} did not end");
            }
            thread::sleep(std::time::Duration::from_millis(20));
        }
        let output = child.wait_with_output().expect("ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("not a regular file"), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    }
    assert_eq!(journal.dump(), before);
}

/// An export read as a stream in parts (4,096 rows of a table at a time): a journal with
/// more conversations than one part imports whole into an empty journal, and an export
/// whose tables come out of order (so a part could refer to rows not read yet) is refused.
#[test]
fn a_large_export_imports_whole_part_by_part() {
    let source = Journal::new();
    source.ok(&["demo", "--people", "60", "--years", "3"]);
    let conversations = source.count("conversation");
    assert!(conversations > 4096, "more than one part: {conversations}");
    let export = source.dir().join("export.json");
    source.ok(&["export", "-o", text(&export)]);

    let target = Journal::new();
    target.ok(&["import", text(&export)]);
    for sql in [
        "SELECT uuid, happened_at, summary, notes FROM conversation ORDER BY uuid",
        "SELECT uuid, need, how FROM conversation_need ORDER BY uuid",
        "SELECT uuid, tag FROM conversation_tag ORDER BY uuid",
        "SELECT uuid, text, due_on FROM follow_up ORDER BY uuid",
    ] {
        let (imported, original) = (target.rows(sql), source.rows(sql));
        assert!(
            imported == original,
            "{sql}: {} rows, not {}",
            imported.len(),
            original.len()
        );
    }

    let file: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&export).expect("reads")).expect("JSON");
    // serde_json's map keeps its keys sorted: "conversation" comes before "person".
    let mut reordered = serde_json::Map::new();
    for key in ["format", "version", "conversation", "person"] {
        reordered.insert(key.into(), file[key].clone());
    }
    let shuffled = source.dir().join("shuffled.json");
    fs::write(
        &shuffled,
        serde_json::to_string(&serde_json::Value::Object(reordered)).expect("JSON"),
    )
    .expect("written");
    let empty = Journal::new();
    empty.add_people(&["Ana Souza"]);
    let before = empty.dump();
    let stderr = empty.fails(&["import", text(&shuffled)], 1);
    assert!(stderr.contains("not in the order"), "{stderr}");
    assert_eq!(empty.dump(), before);
}
