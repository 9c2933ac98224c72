//! An open concern is carried: the next Log form for that person lists it with the key that
//! marks it met, and a concern reads with its own mark (`!`) on every surface, never like a
//! need met.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::common::{self, Journal};
use crate::tui::{press, press_mod, screen, status, type_text};
use rapport::store::Store;
use rapport::tui::app::App;
use rapport::tui::theme::Theme;

/// Tom, with one conversation that met competence and autonomy and raised a concern about
/// security, on Friday 20 November.
fn tom_worried() -> Journal {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Tom Baker"]);
    journal.ok(&[
        "log",
        "Tom",
        "--when",
        "2026-11-20 10:00",
        "--summary",
        "Reorg news",
        "--need",
        "competence",
        "--need",
        "autonomy",
        "--concern",
        "security:worried about the reorg",
    ]);
    journal
}

fn app_on(journal: &Journal) -> App {
    let store = Store::open_with_clock(&journal.path, common::clock_at(common::now()))
        .expect("the journal opens");
    App::new(store, Theme::new(true), "journal.db".into()).expect("the app starts")
}

#[test]
fn the_next_log_form_carries_an_open_concern_and_x_marks_it_met() {
    let journal = tom_worried();
    let mut app = app_on(&journal);
    press(&mut app, KeyCode::Char('3'));
    type_text(&mut app, "tom");
    press(&mut app, KeyCode::Enter);
    let form = screen(&app, 120, 36);
    assert!(
        form.contains("! Security “worried about the reorg” · open since 20 Nov"),
        "{form}"
    );
    assert!(form.contains("x: met, or leave it open"), "{form}");
    assert!(form.contains("mark a concern met"), "{form}");

    // Back to the block, x: met in this conversation, on the needs line too.
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Char('x'));
    let marked = screen(&app, 120, 36);
    assert!(marked.contains("[x] ! Security"), "{marked}");
    assert!(marked.contains("→ met"), "{marked}");
    assert!(marked.contains("[x]5 S"), "{marked}");
    // Pressed again, it is left open.
    press(&mut app, KeyCode::Char('x'));
    let kept = screen(&app, 120, 36);
    assert!(kept.contains("[ ] ! Security"), "{kept}");
    assert!(kept.contains("[ ]5 S"), "{kept}");
    press(&mut app, KeyCode::Char('x'));
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(status(&app), "Logged a conversation with Tom Baker.");
    drop(app);

    let states = journal.rows(
        "SELECT n.state FROM conversation_need n JOIN conversation c ON c.id = n.conversation_id
          WHERE n.need = 'security' ORDER BY c.happened_at",
    );
    assert_eq!(states, ["concern", "met"]);
    // Met now: the next form carries nothing about it.
    let mut app = app_on(&journal);
    press(&mut app, KeyCode::Char('3'));
    type_text(&mut app, "tom");
    press(&mut app, KeyCode::Enter);
    let next = screen(&app, 120, 36);
    assert!(!next.contains("! Security"), "{next}");
}

#[test]
fn a_concern_reads_with_its_mark_on_every_surface() {
    let journal = tom_worried();
    // The CLI timeline and `person show`: "CA!S", not a lowercase letter or a bare "S".
    let timeline = journal.ok(&["timeline"]);
    assert!(timeline.contains("CA!S"), "{timeline}");
    let shown = journal.ok(&["person", "show", "Tom"]);
    assert!(shown.contains("CA!S"), "{shown}");
    // The review words it with the mark too.
    let review = journal.ok(&["review", "Tom"]);
    assert!(
        review.contains("! Security (worried about the reorg)"),
        "{review}"
    );

    let mut app = app_on(&journal);
    // Today's Recent, then Timeline.
    let today = screen(&app, 120, 36);
    assert!(today.contains("CA!S"), "{today}");
    assert!(!today.contains("CAS "), "{today}");
    press(&mut app, KeyCode::Char('4'));
    let timeline = screen(&app, 120, 36);
    assert!(timeline.contains("CA!S"), "{timeline}");
}
