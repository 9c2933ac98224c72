//! The real binary in a pseudo-terminal, used as a person would use it; then the journal is
//! checked for exactly what was typed.

use crate::common;
use crate::pty;

use pty::Session;
use rapport::domain::{Need, Owner};
use rapport::store::FollowUpFilter;
use tempfile::TempDir;

#[test]
fn first_day_add_a_person_and_log_a_one_on_one() {
    let dir = TempDir::new().expect("a temp dir");
    let journal = dir.path().join("journal").join("rapport.db");
    let mut app = Session::start(&journal, dir.path(), &[]);
    app.wait_for("Welcome to Rapport");

    // Add the first person from the welcome screen.
    app.type_text("a");
    app.wait_for("Add a person");
    app.type_text("Priya Raman");
    app.tab();
    app.type_text("Backend engineer");
    app.ctrl('s');
    app.wait_for("Added Priya Raman");

    // She is due (never met, so due from today): Enter on her opens the Log form.
    app.wait_for("due today");
    app.enter();
    app.wait_for("Log a conversation");
    app.focus_field("Mood");
    app.type_text("4");
    app.focus_field("Needs");
    app.type_text("1");
    app.type_text("3");
    // Each need met has its "how" line, right under the needs.
    app.tab();
    app.type_text("paired on the design review");
    app.tab();
    app.type_text("picks her rollout plan");
    app.focus_field("Summary");
    app.type_text("Career chat");
    app.focus_field("Notes");
    app.type_text("Ready for more ownership.");
    app.focus_field("Follow-ups");
    app.type_text("send the course link");
    app.enter();
    app.ctrl('s');
    app.wait_for("Logged a conversation with Priya Raman");
    app.type_text("q");
    assert_eq!(app.wait_exit(), 0);
    assert!(!app.alternate_screen(), "the alternate screen was left");

    let store = common::open(&journal).expect("the journal opens");
    let people = store.people(true).expect("people");
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].name, "Priya Raman");
    assert_eq!(people[0].role, "Backend engineer");
    let conversations = store
        .recent_conversations(people[0].id, 10)
        .expect("conversations");
    assert_eq!(conversations.len(), 1);
    let talk = &conversations[0];
    assert_eq!(talk.summary, "Career chat");
    assert_eq!(talk.notes, "Ready for more ownership.");
    assert_eq!(talk.mood.map(|m| m.value()), Some(4));
    let needs: Vec<(Need, &str)> = talk
        .needs
        .iter()
        .map(|n| (n.need, n.how.as_str()))
        .collect();
    assert_eq!(
        needs,
        [
            (Need::Competence, "paired on the design review"),
            (Need::Autonomy, "picks her rollout plan")
        ]
    );
    let follow_ups = store
        .follow_ups(FollowUpFilter::default())
        .expect("follow-ups");
    assert_eq!(follow_ups.len(), 1);
    assert_eq!(follow_ups[0].text, "send the course link");
    assert_eq!(follow_ups[0].owner, Owner::Me);
    assert_eq!(follow_ups[0].conversation_id, Some(talk.id));
    assert_eq!(
        store.draft("log").expect("drafts"),
        None,
        "no draft is left behind"
    );
}

#[test]
fn a_draft_survives_sigkill_and_is_resumed() {
    let dir = TempDir::new().expect("a temp dir");
    let journal = dir.path().join("rapport.db");
    {
        let mut store = common::open(&journal).expect("the journal opens");
        store
            .add_person(&rapport::domain::NewPerson {
                name: "Tom Becker".into(),
                cadence_days: Some(7),
                ..Default::default()
            })
            .expect("Tom is added");
    }
    let mut first = Session::start(&journal, dir.path(), &[]);
    first.wait_for("Due for a 1:1");
    first.type_text("n");
    first.wait_for("Log a conversation");
    first.type_text("tom");
    first.enter();
    first.focus_field("Summary");
    first.type_text("Talked about the on-call rota");
    first.focus_field("Notes");
    first.type_text("He wants fewer night pages.");
    // Typing pauses: the draft is written within the debounce.
    common::eventually("the draft is written", || {
        common::has_draft_with(&journal, "fewer night pages")
    });
    first.signal(libc::SIGKILL);
    first.wait_exit();

    let mut second = Session::start(&journal, dir.path(), &[]);
    second.wait_for("Resume it?");
    second.type_text("y");
    second.wait_for("Talked about the on-call rota");
    second.wait_for("He wants fewer night pages.");
    second.ctrl('s');
    second.wait_for("Logged a conversation with Tom Becker");
    second.type_text("q");
    assert_eq!(second.wait_exit(), 0);

    let store = common::open(&journal).expect("the journal opens");
    let tom = store.resolve_person("tom", false).expect("Tom");
    let conversations = store
        .recent_conversations(tom.id, 10)
        .expect("conversations");
    assert_eq!(conversations.len(), 1);
    assert_eq!(conversations[0].summary, "Talked about the on-call rota");
    assert_eq!(conversations[0].notes, "He wants fewer night pages.");
    assert_eq!(store.draft("log").expect("drafts"), None);
}

#[test]
fn notes_edited_in_the_editor_come_back_and_leave_no_copy() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().expect("a temp dir");
    let journal = dir.path().join("rapport.db");
    let scratch = dir.path().join("tmp");
    std::fs::create_dir(&scratch).expect("a temp folder");
    // A stand-in for the leader's editor: checks the file is private, then appends a line.
    let editor = dir.path().join("fake-editor");
    std::fs::write(
        &editor,
        "#!/bin/sh\nmode=$(stat -c %a \"$1\")\nprintf '\\nfrom the editor (mode %s)\\n' \"$mode\" >> \"$1\"\n",
    )
    .expect("the editor script");
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o700)).expect("executable");
    {
        let mut store = common::open(&journal).expect("the journal opens");
        store
            .add_person(&rapport::domain::NewPerson {
                name: "Ana Souza".into(),
                ..Default::default()
            })
            .expect("Ana is added");
    }
    let editor_path = editor.to_string_lossy().to_string();
    let tmpdir = scratch.to_string_lossy().to_string();
    let mut app = Session::start(
        &journal,
        dir.path(),
        &[("EDITOR", &editor_path), ("TMPDIR", &tmpdir)],
    );
    app.wait_for("Due for a 1:1");
    app.enter();
    app.wait_for("Log a conversation");
    app.focus_field("Notes");
    app.type_text("typed here");
    app.ctrl('e');
    app.wait_for("from the editor (mode 600)");
    app.ctrl('s');
    app.wait_for("Logged a conversation with Ana Souza");
    app.type_text("q");
    assert_eq!(app.wait_exit(), 0);

    let store = common::open(&journal).expect("the journal opens");
    let ana = store.resolve_person("ana", false).expect("Ana");
    let talk = &store
        .recent_conversations(ana.id, 1)
        .expect("conversations")[0];
    assert_eq!(talk.notes, "typed here\nfrom the editor (mode 600)");
    let left: Vec<_> = std::fs::read_dir(&scratch)
        .expect("the temp folder")
        .collect();
    assert!(
        left.is_empty(),
        "the editor's temporary file is removed: {left:?}"
    );
}

#[test]
fn from_a_gap_to_a_log_and_from_a_search_to_the_conversation() {
    let dir = TempDir::new().expect("a temp dir");
    let journal = dir.path().join("rapport.db");
    {
        let mut store = common::open(&journal).expect("the journal opens");
        let now = store.local_now();
        rapport::demo::generate(&mut store, &rapport::demo::DemoOptions::default(), now)
            .expect("the demo team is made");
    }
    let mut app = Session::start(&journal, dir.path(), &[]);
    app.wait_for("Due for a 1:1");

    // Gaps: the third column is Autonomy; Enter logs a 1:1 with it suggested, to raise.
    app.type_text("5");
    app.wait_for("thinnest need");
    app.type_text("ll");
    app.wait_for("· Autonomy ");
    app.enter();
    app.wait_for("Log a conversation");
    app.wait_for("[?]3 A");
    // Nothing typed yet: Esc goes straight back.
    app.send(b"\x1b");
    app.wait_for("thinnest need");

    // Search from Gaps, then open the conversation it found.
    app.type_text("/");
    app.wait_for("Type to search");
    // "story": the follow-ups to draft a rollback plan are found by "rollback" alone.
    app.type_text("rollback story");
    app.wait_for(" found");
    // It opens to be read, with what is linked to it; e edits it.
    app.open_search_result(" A conversation ");
    app.wait_for("rollback");
    app.type_text("e");
    app.wait_for("Edit a conversation");
    app.wait_for("rollback");

    // The timeline of the same journal, a page read at a time.
    app.send(b"\x1b");
    // Esc read on its own, not as Alt with the next key.
    app.wait_for_gone("Edit a conversation");
    app.type_text("4");
    app.wait_for("Timeline · all people");
    app.type_text("q");
    assert_eq!(app.wait_exit(), 0);
    assert!(!app.alternate_screen(), "the alternate screen was left");
}

/// A change made elsewhere (the command line, a second window) shows in an open interface
/// within a second or two, without a key pressed, and a form being written stays as it was.
#[test]
fn changes_from_another_rapport_show_without_a_restart() {
    let dir = TempDir::new().expect("a temp dir");
    let journal = dir.path().join("rapport.db");
    {
        let mut store = common::open(&journal).expect("the journal opens");
        common::person(&mut store, "Ana Souza");
    }
    let mut app = Session::start(&journal, dir.path(), &[]);
    app.type_text("2");
    app.wait_for("Ana Souza");
    let cli = |args: &[&str]| {
        let mut command = std::process::Command::new(common::BIN);
        common::isolate(&mut command)
            .env("HOME", dir.path().join("home"))
            .arg("--db")
            .arg(&journal)
            .args(args);
        let run = common::execute(&mut command, None);
        assert_eq!(run.code, 0, "{args:?}: {run:?}");
    };
    cli(&["person", "add", "Zed Ortiz"]);
    app.wait_for("Zed Ortiz");
    // A form half written keeps its text when the journal changes under it, and its person
    // picker knows the newcomer.
    app.type_text("3");
    app.wait_for("Log a conversation");
    app.type_text("ana");
    app.enter();
    app.focus_field("Summary");
    app.type_text("zqxhalfwritten");
    cli(&["person", "add", "Yara Lind"]);
    app.focus_field("Person");
    app.type_text("yar");
    app.wait_for("Yara Lind");
    assert!(app.screen().contains("zqxhalfwritten"), "{}", app.screen());
}

/// The theme comes from the settings, and NO_COLOR always wins: no colour at all reaches
/// the terminal then, while the symbols and the selection still show.
#[test]
fn no_color_turns_any_theme_to_mono() {
    /// True when the output sets a foreground or background colour: an SGR sequence
    /// (`ESC [ … m`) with a parameter 30–37, 40–47, 90–97 or 38/48 (extended colours).
    fn has_colour(raw: &[u8]) -> bool {
        String::from_utf8_lossy(raw)
            .split('\u{1b}')
            .any(|sequence| {
                let Some((parameters, _)) =
                    sequence.strip_prefix('[').and_then(|s| s.split_once('m'))
                else {
                    return false;
                };
                parameters.chars().all(|c| c.is_ascii_digit() || c == ';')
                    && parameters
                        .split(';')
                        .any(|p| matches!(p.as_bytes(), [b'3' | b'4' | b'9', b'0'..=b'8']))
            })
    }
    for (no_colour, expect_colour) in [(None, true), (Some("1"), false)] {
        let dir = TempDir::new().expect("a temp dir");
        let journal = dir.path().join("rapport.db");
        {
            let mut store = common::open(&journal).expect("the journal opens");
            common::person(&mut store, "Ana Souza");
        }
        let settings = dir.path().join(".config").join("rapport");
        std::fs::create_dir_all(&settings).expect("the settings folder");
        std::fs::write(settings.join("config.toml"), "theme = \"light\"\n").expect("settings");
        let env: Vec<(&str, &str)> = no_colour.map(|v| ("NO_COLOR", v)).into_iter().collect();
        let mut app = Session::start(&journal, dir.path(), &env);
        app.wait_for("Due for a 1:1");
        app.type_text("q");
        assert_eq!(app.wait_exit(), 0);
        assert_eq!(
            has_colour(&app.raw_output()),
            expect_colour,
            "NO_COLOR={no_colour:?}"
        );
    }
}

/// `theme = "auto"` (the default) asks the terminal for its background (OSC 11) before the
/// first frame: a white background gets the light palette (its accent is blue, ANSI 4), a
/// terminal that does not answer the dark one (cyan, ANSI 6), and `COLORFGBG` is believed
/// without asking.
#[test]
fn auto_theme_follows_the_terminal_background() {
    const ASKED: &[u8] = b"\x1b]11;?";
    const WHITE: &[u8] = b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\";
    /// Whether the output sets the foreground to ANSI colour `index` (crossterm writes
    /// `ESC [ 38;5;N m`, sometimes with the background after it).
    fn foreground(output: &str, index: u8) -> bool {
        output.contains(&format!("\x1b[38;5;{index}m"))
            || output.contains(&format!("\x1b[38;5;{index};"))
    }
    const BLUE: u8 = 4;
    const CYAN: u8 = 6;
    let run = |answer: Option<&'static [u8]>, env: &[(&str, &str)], settings: &str| {
        let dir = TempDir::new().expect("a temp dir");
        let journal = dir.path().join("rapport.db");
        {
            let mut store = common::open(&journal).expect("the journal opens");
            common::person(&mut store, "Ana Souza");
        }
        let folder = dir.path().join(".config").join("rapport");
        std::fs::create_dir_all(&folder).expect("the settings folder");
        std::fs::write(folder.join("config.toml"), settings).expect("settings");
        let mut app = match answer {
            Some(answer) => Session::start_answering(&journal, dir.path(), env, ASKED, answer),
            None => Session::start(&journal, dir.path(), env),
        };
        app.wait_for("Due for a 1:1");
        app.type_text("q");
        assert_eq!(app.wait_exit(), 0);
        String::from_utf8_lossy(&app.raw_output()).into_owned()
    };

    // The default asks nothing: a key typed ahead is never taken with an answer.
    let default = run(Some(WHITE), &[], "");
    assert!(!default.contains("\x1b]11;?"), "the default asks nothing");

    let light = run(Some(WHITE), &[], "theme = \"auto\"\n");
    assert!(light.contains("\x1b]11;?"), "the terminal was asked");
    assert!(
        foreground(&light, BLUE) && !foreground(&light, CYAN),
        "{light:?}"
    );

    let silent = run(None, &[], "theme = \"auto\"\n");
    assert!(silent.contains("\x1b]11;?"), "the terminal was asked");
    assert!(
        foreground(&silent, CYAN) && !foreground(&silent, BLUE),
        "{silent:?}"
    );

    let told = run(None, &[("COLORFGBG", "0;15")], "theme = \"auto\"\n");
    assert!(
        !told.contains("\x1b]11;?"),
        "COLORFGBG is believed without asking"
    );
    assert!(
        foreground(&told, BLUE) && !foreground(&told, CYAN),
        "{told:?}"
    );

    // A theme named in the settings is kept whatever the background: nothing is asked.
    let forced = run(Some(WHITE), &[("COLORFGBG", "0;15")], "theme = \"dark\"\n");
    assert!(!forced.contains("\x1b]11;?"), "a forced theme asks nothing");
    assert!(
        foreground(&forced, CYAN) && !foreground(&forced, BLUE),
        "{forced:?}"
    );
}

/// Keys moved in the settings' `[keys]` work, and the `?` help and the footers name them,
/// never the defaults they replace.
#[test]
fn remapped_keys_work_and_are_the_ones_shown() {
    let dir = TempDir::new().expect("a temp dir");
    let journal = dir.path().join("rapport.db");
    {
        let mut store = common::open(&journal).expect("the journal opens");
        common::person(&mut store, "Ana Souza");
    }
    let settings = dir.path().join(".config").join("rapport");
    std::fs::create_dir_all(&settings).expect("the settings folder");
    std::fs::write(
        settings.join("config.toml"),
        "theme = \"dark\"\n\n[keys]\nquit = \"Q\"\nsearch = \"ctrl-f\"\nfilter = \"F\"\n",
    )
    .expect("settings");
    let mut app = Session::start(&journal, dir.path(), &[]);
    app.wait_for("Due for a 1:1");
    app.wait_for("Ctrl-F search · ? help");

    app.type_text("?");
    app.wait_for("Q            quit");
    app.wait_for("Ctrl-F       search the journal");
    assert!(
        !app.screen().contains("q            quit"),
        "{}",
        app.screen()
    );
    app.send(b"\x1b");
    app.wait_for_gone("Keys · Today");

    app.type_text("2");
    app.wait_for("F filter · . archived");
    assert!(!app.screen().contains("f filter"), "{}", app.screen());

    // q no longer quits; Ctrl-F opens the search; Q quits.
    app.type_text("q");
    app.ctrl('f');
    app.wait_for("Enter open");
    app.send(b"\x1b");
    app.wait_for_gone("Enter open");
    app.type_text("Q");
    assert_eq!(app.wait_exit(), 0);
}

/// The interface takes the mouse unless the settings say `mouse = false`; then the terminal
/// keeps its own selection and scrolling.
#[test]
fn mouse_capture_follows_the_settings() {
    const CAPTURE: &[u8] = b"\x1b[?1000h";
    for (settings, captured) in [("", true), ("mouse = false\n", false)] {
        let dir = TempDir::new().expect("a temp dir");
        let journal = dir.path().join("rapport.db");
        {
            let mut store = common::open(&journal).expect("the journal opens");
            common::person(&mut store, "Ana Souza");
        }
        let folder = dir.path().join(".config").join("rapport");
        std::fs::create_dir_all(&folder).expect("the settings folder");
        std::fs::write(folder.join("config.toml"), settings).expect("settings");
        let mut app = Session::start(&journal, dir.path(), &[]);
        app.wait_for("Due for a 1:1");
        app.type_text("q");
        assert_eq!(app.wait_exit(), 0);
        let raw = app.raw_output();
        assert_eq!(
            raw.windows(CAPTURE.len()).any(|w| w == CAPTURE),
            captured,
            "settings {settings:?}"
        );
    }
}

/// The carried-over flow: Priya's open loops are in the Log form; the 1:1 ticks her
/// follow-up, answers her idea and ticks her talking point, and all of it is saved with the
/// conversation and linked to it.
#[test]
fn a_one_on_one_closes_the_loops_carried_over_to_it() {
    let dir = TempDir::new().expect("a temp dir");
    let journal = dir.path().join("rapport.db");
    let (follow_up, theirs, point, idea) = {
        let mut store = common::open(&journal).expect("the journal opens");
        let priya = common::person(&mut store, "Priya Raman");
        let mut promise = |owner, text: &str| {
            store
                .add_follow_up(
                    priya,
                    &rapport::domain::NewFollowUp {
                        owner,
                        text: text.into(),
                        due_on: None,
                    },
                )
                .expect("a follow-up")
                .id
        };
        let follow_up = promise(Owner::Me, "send the course link");
        let theirs = promise(Owner::Them, "draft the migration plan");
        let point = store
            .raise_talking_point(priya, Owner::Them, "on-call load in December")
            .expect("a talking point")
            .id;
        let idea = store
            .add_idea(
                priya,
                "rotate on-call in pairs",
                rapport::domain::IdeaStatus::Heard,
                "",
            )
            .expect("an idea")
            .id;
        (follow_up, theirs, point, idea)
    };
    let mut app = Session::start(&journal, dir.path(), &[]);
    app.wait_for("due today");
    app.enter();
    app.wait_for("4 open · Tab here");
    app.send(b"\x1b[Z"); // Shift-Tab: from When back to the carried-over block
    app.wait_for("x tick · d new date");
    app.type_text("x"); // the course link: done
    app.wait_for("[x] me    send the course link  done");
    app.type_text("jjx"); // past their promise, to the talking point
    app.wait_for("[x] raise on-call load in December");
    app.type_text("ja"); // the idea: answer it
    app.wait_for("answer (trying:");
    app.type_text("adopted: from January");
    app.enter();
    app.wait_for("→ adopted: “from January”");
    app.ctrl('s');
    app.wait_for("Logged a conversation with Priya Raman");
    app.type_text("q");
    assert_eq!(app.wait_exit(), 0);

    let store = common::open(&journal).expect("the journal opens");
    let priya = store.people(true).expect("people")[0].id;
    let talk = store.recent_conversations(priya, 1).expect("conversations")[0].id;
    let linked = store.linked_to(talk).expect("what is linked");
    let ids = |items: &[rapport::domain::FollowUp]| items.iter().map(|f| f.id).collect::<Vec<_>>();
    assert_eq!(ids(&linked.follow_ups_done), [follow_up]);
    assert_eq!(
        store.follow_up(follow_up).unwrap().done_on,
        Some(common::today())
    );
    assert_eq!(store.follow_up(theirs).unwrap().done_on, None, "left open");
    let ticked = store.talking_point(point).expect("the point");
    assert_eq!(ticked.conversation_id, Some(talk));
    assert_eq!(ticked.ticked_on, Some(common::today()));
    assert_eq!(linked.ideas_answered.len(), 1);
    let answered = &linked.ideas_answered[0];
    assert_eq!(answered.id, idea);
    assert_eq!(answered.status, rapport::domain::IdeaStatus::Adopted);
    assert_eq!(answered.answer, "from January");
    assert_eq!(store.draft("log").expect("drafts"), None);
}
