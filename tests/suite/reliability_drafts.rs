//! Drafts that travel: a draft made while editing a conversation in one journal, exported
//! and imported into another, resumes on the same conversation (found by UUID) or as a new
//! one, never on the row that happens to have the same id there.

use crate::common;
use crate::tui;

use common::Journal;
use rapport::tui::app::App;
use rapport::tui::keymap::Screen;
use rapport::tui::screens::log_form::LogForm;
use rapport::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use tui::{press, press_mod, status, type_text};

fn summaries(journal: &Journal) -> Vec<String> {
    journal.rows(
        "SELECT p.name || ': ' || c.summary FROM conversation c JOIN person p ON p.id = c.person_id ORDER BY c.id",
    )
}

/// Opens conversation `id` in the Log form of an interface on `journal`, types `typed`
/// and leaves (as Ctrl-C does): the edit stays behind as a draft.
fn leave_an_edit_as_a_draft(journal: &Journal, id: i64, typed: &str) {
    let conversation = common::open(&journal.path)
        .expect("opens")
        .conversation(id)
        .expect("the conversation");
    let mut app = App::new(
        common::open(&journal.path).expect("opens"),
        Theme::new(true),
        "j".into(),
    )
    .expect("the app starts");
    app.log = LogForm::for_conversation(&conversation);
    app.screen = Screen::Log;
    type_text(&mut app, typed);
    app.shutdown();
}

#[test]
fn an_imported_draft_never_lands_on_another_persons_conversation() {
    // Journal A: Tom's second conversation has id 2; the leader edits it and leaves.
    let a = Journal::new();
    a.add_people(&["Tom Baker"]);
    a.ok(&[
        "log",
        "tom",
        "--summary",
        "tom first",
        "--when",
        "2026-11-20 10:00",
    ]);
    a.ok(&[
        "log",
        "tom",
        "--summary",
        "tom second",
        "--when",
        "2026-11-21 10:00",
    ]);
    leave_an_edit_as_a_draft(&a, 2, " edited");
    assert_eq!(a.count("draft"), 1, "the edit is kept as a draft");
    let export = a.dir().join("a.json");
    a.ok(&["export", "-o", export.to_str().expect("UTF-8")]);

    // Journal B: Yan's conversations hold ids 1 and 2; A is imported into it.
    let b = Journal::new();
    b.add_people(&["Yan Li"]);
    b.ok(&[
        "log",
        "yan",
        "--summary",
        "yan first",
        "--when",
        "2026-11-18 10:00",
    ]);
    b.ok(&[
        "log",
        "yan",
        "--summary",
        "yan second",
        "--when",
        "2026-11-19 10:00",
    ]);
    b.ok(&["import", export.to_str().expect("UTF-8")]);

    let mut app = App::new(
        common::open(&b.path).expect("opens"),
        Theme::new(true),
        "b".into(),
    )
    .expect("the app starts");
    press(&mut app, KeyCode::Char('y')); // resume the draft
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        status(&app).contains("Updated the conversation with Tom Baker"),
        "{}",
        status(&app)
    );
    drop(app);
    let found = summaries(&b);
    for expected in [
        "Yan Li: yan first",
        "Yan Li: yan second",
        "Tom Baker: tom first",
        "Tom Baker: tom second edited",
    ] {
        assert!(found.contains(&expected.to_string()), "{found:?}");
    }
    assert_eq!(found.len(), 4, "{found:?}");
}

/// A draft whose conversation is gone resumes as a new conversation.
#[test]
fn a_draft_whose_conversation_is_gone_resumes_as_a_new_one() {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker"]);
    journal.ok(&[
        "log",
        "tom",
        "--summary",
        "tom first",
        "--when",
        "2026-11-20 10:00",
    ]);
    leave_an_edit_as_a_draft(&journal, 1, " again");
    common::connect(&journal.path)
        .execute("DELETE FROM conversation", [])
        .expect("the conversation is deleted");

    let mut app = App::new(
        common::open(&journal.path).expect("opens"),
        Theme::new(true),
        "j".into(),
    )
    .expect("the app starts");
    press(&mut app, KeyCode::Char('y'));
    assert!(
        status(&app).contains("resumes as a new one"),
        "{}",
        status(&app)
    );
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(status(&app).contains("Logged"), "{}", status(&app));
    drop(app);
    assert_eq!(summaries(&journal), ["Tom Baker: tom first again"]);
}
