//! A full disk under the interface: the journal's folder on a 4 MiB tmpfs that fills up
//! between typing and saving. Where the machine does not allow mounting, the same promise
//! is checked with an injected SQLITE_FULL.

use crate::common;
use crate::pty;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::SmallDisk;
use pty::Session;
use tempfile::TempDir;

const MARKER: &str = "zqxmarker";

fn add_tom(journal: &Path) {
    let mut store = common::open(journal).expect("the journal opens");
    store
        .add_person(&rapport::domain::NewPerson {
            name: "Tom Becker".into(),
            cadence_days: Some(7),
            ..Default::default()
        })
        .expect("Tom is added");
}

/// Opens the Log form for Tom with a summary and notes holding the marker.
fn fill_log_form(app: &mut Session) {
    app.wait_for("Due for a 1:1");
    app.type_text("n");
    app.wait_for("Log a conversation");
    app.type_text("tom");
    app.enter();
    app.focus_field("Summary");
    app.type_text("Disk day");
    app.focus_field("Notes");
    app.type_text(MARKER);
}

fn integrity(journal: &Path) -> String {
    rusqlite::Connection::open(journal)
        .expect("opens")
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check")
}

#[test]
fn a_full_disk_keeps_the_form_and_the_draft_and_the_save_succeeds_once_space_is_freed() {
    let dir = TempDir::new().expect("a temp dir");
    let (disk, journal, env) = match SmallDisk::mount("4m") {
        Some(disk) => {
            let journal = disk.path.join("rapport.db");
            (Some(disk), journal, Vec::new())
        }
        None => (
            None,
            dir.path().join("rapport.db"),
            vec![("RAPPORT_FAULT", "save-full")],
        ),
    };
    add_tom(&journal);
    // An editor that adds 150 KB to the notes: more than the journal has room for once the
    // disk is full.
    let editor = dir.path().join("bulky-editor");
    fs::write(
        &editor,
        "#!/bin/sh\nPATH=/usr/bin:/bin\nyes 'padding for a long talk' | head -c 150000 >> \"$1\"\n",
    )
    .expect("the editor script");
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o700)).expect("executable");
    let editor = editor.to_string_lossy().into_owned();
    let mut env: Vec<(&str, &str)> = env;
    env.push(("EDITOR", &editor));
    let mut app = Session::start(&journal, dir.path(), &env);
    fill_log_form(&mut app);
    app.ctrl('e');
    app.wait_for("padding for a long talk");
    common::eventually("the draft is written", || {
        common::has_draft_with(&journal, "padding for a long talk")
    });
    let filler = disk.as_ref().map(SmallDisk::fill);

    app.ctrl('s');
    app.wait_for("Not saved, your text is kept");
    app.wait_for("the disk is full");
    let screen = app.screen();
    assert!(screen.contains("Log a conversation") && screen.contains("Disk day"));
    {
        let store = common::open(&journal).expect("the journal opens while the disk is full");
        let draft = store
            .draft("log")
            .expect("drafts")
            .expect("a draft is kept");
        assert!(draft.contains(MARKER) && draft.contains("padding for a long talk"));
    }
    assert_eq!(common::count(&journal, "conversation"), 0);

    if let Some(filler) = filler {
        fs::remove_file(filler).expect("space is freed");
    } else {
        // The injected fault cannot be lifted inside the running program: save from a
        // second one, as a leader would after restarting.
        app.ctrl('c');
        app.wait_exit();
        app = Session::start(&journal, dir.path(), &[]);
        app.wait_for("Resume it?");
        app.type_text("y");
        app.wait_for("Disk day");
    }
    app.ctrl('s');
    app.wait_for("Logged a conversation with Tom Becker");
    app.type_text("q");
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(integrity(&journal), "ok");
    let notes = common::rows(&journal, "SELECT notes FROM conversation");
    assert_eq!(notes.len(), 1);
    assert!(notes[0].starts_with(MARKER) && notes[0].len() > 150_000);
    assert_eq!(
        common::count(&journal, "draft"),
        0,
        "the draft went with the save"
    );
}
