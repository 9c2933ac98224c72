//! Privacy: every file Rapport writes is private under a permissive umask, deleted notes do
//! not linger in the raw bytes of the journal, its WAL or the next backup, and the trip to
//! `$EDITOR` leaves no copy of the notes behind.
//!
//! Every test here sets the process umask to 022 (the usual default, which would make new
//! files world-readable); children inherit it.

#[path = "suite/common/mod.rs"]
mod common;
#[path = "suite/pty/mod.rs"]
mod pty;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::{Journal, mode, side_file};
use rapport::domain::{ConversationInput, ConversationKind};
use tempfile::TempDir;

fn permissive_umask() {
    // SAFETY: umask only changes this process's file creation mask.
    unsafe { libc::umask(0o022) };
}

fn talk(person_id: i64, notes: &str) -> ConversationInput {
    ConversationInput {
        person_id,
        happened_at: common::today().and_hms_opt(10, 0, 0).expect("a time"),
        kind: ConversationKind::OneOnOne,
        mood: None,
        stance: None,
        summary: "weekly".into(),
        notes: notes.into(),
        needs: Vec::new(),
        tags: Vec::new(),
        follow_ups: Vec::new(),
        acknowledgement: None,
        idea: None,
    }
}

/// Every regular file under `dir`, at any depth.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn journal_side_files_backups_and_exports_are_private_under_umask_022() {
    permissive_umask();
    let root = TempDir::new().expect("a temp dir");
    let journal = Journal::new();
    let db = root.path().join("data").join("rapport").join("journal.db");
    let run = |args: &[&str]| {
        let mut command = journal.bare_command();
        command.arg("--db").arg(&db).args(args);
        let run = common::execute(&mut command, None);
        common::assert_ok(&run, args);
    };
    run(&["person", "add", "Ana Souza"]);
    run(&["log", "ana", "--notes", "private words"]);
    assert_eq!(mode(&db), 0o600, "the journal");
    assert_eq!(mode(db.parent().expect("a folder")), 0o700, "its folder");
    assert_eq!(mode(&root.path().join("data")), 0o700, "the folder above");

    // While the journal is open, its WAL and shared-memory files exist: private too.
    {
        let mut store = common::open(&db).expect("opens");
        let ana = store.resolve_person("ana", false).expect("Ana").id;
        store
            .save_draft("log", "{\"notes\":\"a draft\"}")
            .expect("a draft");
        store.save_conversation(&talk(ana, "more")).expect("saved");
        for suffix in ["-wal", "-shm"] {
            assert_eq!(mode(&side_file(&db, suffix)), 0o600, "{suffix}");
        }
    }

    run(&["backup"]);
    let backups = db.parent().expect("a folder").join("backups");
    assert_eq!(mode(&backups), 0o700, "the backups folder");
    let rolling = files_under(&backups);
    assert_eq!(rolling.len(), 1, "{rolling:?}");
    assert_eq!(mode(&rolling[0]), 0o600, "a rolling backup");
    let elsewhere = root.path().join("offsite").join("copy.db");
    run(&["backup", elsewhere.to_str().expect("UTF-8")]);
    assert_eq!(mode(&elsewhere), 0o600, "a backup to a path");
    assert_eq!(mode(elsewhere.parent().expect("a folder")), 0o700);

    for format in ["json", "markdown", "csv"] {
        let out = root
            .path()
            .join("exports")
            .join(format!("journal.{format}"));
        run(&[
            "export",
            "--format",
            format,
            "--output",
            out.to_str().expect("UTF-8"),
        ]);
        assert_eq!(mode(&out), 0o600, "a {format} export");
        assert_eq!(mode(out.parent().expect("a folder")), 0o700);
    }
    // Nothing Rapport wrote is readable by others.
    for file in files_under(root.path()) {
        assert_eq!(mode(&file) & 0o077, 0, "{} is private", file.display());
    }
}

/// A note with a unique marker, deleted while the journal stays open (as in the
/// interface), is gone from the raw bytes of the journal and its WAL, and from the next
/// backup. So is a draft discarded on save, and notes overwritten by an edit.
#[test]
fn deleted_notes_leave_no_trace_in_the_journal_its_wal_or_the_next_backup() {
    permissive_umask();
    let journal = Journal::new();
    let mut store = common::fixed_store(&journal);
    let ana = common::person(&mut store, "Ana Souza");
    let deleted = "zqxdeletedmarker";
    let edited = "zqxeditedmarker";
    let drafted = "zqxdraftmarker";
    let keep = store
        .save_conversation(&talk(ana, "kept words"))
        .expect("saved")
        .conversation_id;
    let gone = store
        .save_conversation(&talk(ana, &format!("she said {deleted} in confidence")))
        .expect("saved")
        .conversation_id;
    let changed = store
        .save_conversation(&talk(ana, &format!("first take {edited}")))
        .expect("saved")
        .conversation_id;
    store
        .save_draft("log", &format!("{{\"notes\":\"{drafted}\"}}"))
        .expect("a draft");
    for (marker, what) in [(deleted, "note"), (edited, "note"), (drafted, "draft")] {
        assert!(
            common::bytes_contain(&journal.path, marker)
                || common::bytes_contain(&side_file(&journal.path, "-wal"), marker),
            "the {what} marker is on disk before it is removed (else the test proves nothing)"
        );
    }

    store
        .delete_record(rapport::store::Record::Conversation, gone)
        .expect("deleted");
    let mut input = talk(ana, "second take");
    input.summary = "weekly".into();
    store.update_conversation(changed, &input).expect("edited");
    store.discard_draft("log").expect("discarded");
    store
        .conversation(keep)
        .expect("the other talk is still there");

    for marker in [deleted, edited, drafted] {
        for file in [journal.path.clone(), side_file(&journal.path, "-wal")] {
            assert!(
                !common::bytes_contain(&file, marker),
                "{marker} lingers in {}",
                file.display()
            );
        }
    }
    let backup = journal.dir().join("after.db");
    store.backup_to(&backup).expect("a backup");
    for marker in [deleted, edited, drafted] {
        assert!(
            !common::bytes_contain(&backup, marker),
            "{marker} lingers in the backup"
        );
    }
    assert!(
        common::bytes_contain(&backup, "kept words"),
        "the backup holds the rest"
    );
}

/// The `$EDITOR` flow with a stand-in editor named `nvim`: the notes file and its folder are
/// private under umask 022, vim's swap, undo, backup and history files are switched off,
/// and no copy of the notes is left in `$HOME` or `$TMPDIR` afterwards.
#[test]
fn the_editor_flow_is_private_and_leaves_no_copy() {
    permissive_umask();
    let journal_dir = TempDir::new().expect("a temp dir");
    let home = TempDir::new().expect("a home");
    let scratch = TempDir::new().expect("a TMPDIR");
    let tools = TempDir::new().expect("a folder for the editor");
    let journal = journal_dir.path().join("rapport.db");
    let marker = "zqxeditormarker";
    // It reports the modes and its own arguments, and adds the marker.
    let editor = tools.path().join("nvim");
    fs::write(
        &editor,
        format!(
            "#!/bin/sh\nfor last; do :; done\n\
             printf '\\nfile %s dir %s args %s\\n{marker}\\n' \
             \"$(stat -c %a \"$last\")\" \"$(stat -c %a \"$(dirname \"$last\")\")\" \"$*\" >> \"$last\"\n"
        ),
    )
    .expect("the editor script");
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).expect("executable");
    {
        let mut store = common::open(&journal).expect("opens");
        common::person(&mut store, "Ana Souza");
    }
    let editor_path = editor.to_string_lossy().into_owned();
    let tmpdir = scratch.path().to_string_lossy().into_owned();
    let mut app = pty::Session::start(
        &journal,
        home.path(),
        &[("VISUAL", &editor_path), ("TMPDIR", &tmpdir)],
    );
    app.wait_for("Due for a 1:1");
    app.enter();
    app.wait_for("Log a conversation");
    for _ in 0..6 {
        app.tab();
    }
    app.type_text("typed");
    app.ctrl('e');
    app.wait_for(marker);
    app.ctrl('s');
    app.wait_for("Logged a conversation with Ana Souza");
    app.type_text("q");
    assert_eq!(app.wait_exit(), 0);

    let notes = common::rows(&journal, "SELECT notes FROM conversation");
    let notes = &notes[0];
    assert!(
        notes.contains("file 600 dir 700"),
        "private under umask 022: {notes}"
    );
    assert!(
        notes.contains(
            "-n -i NONE --cmd set nobackup nowritebackup noundofile noswapfile viminfo= shada="
        ),
        "vim's own copies are switched off: {notes}"
    );
    for dir in [home.path(), scratch.path()] {
        for file in files_under(dir) {
            assert!(
                !common::bytes_contain(&file, marker),
                "a copy of the notes in {}",
                file.display()
            );
        }
        let left: Vec<_> = fs::read_dir(dir)
            .expect("lists")
            .flatten()
            .map(|e| e.path())
            .collect();
        assert!(
            left.iter()
                .all(|p| !p.to_string_lossy().contains("rapport-")),
            "the editor's folder is removed: {left:?}"
        );
    }
}
