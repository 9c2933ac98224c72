//! The event loop sleeps until something can change the screen: these check what it is told
//! to wake for. Nothing here measures time; deadlines are compared as instants.

use crate::tui;

use std::io::Read;
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use rapport::tui::app::DRAFT_DEBOUNCE;
use ratatui::crossterm::event::KeyCode;
use tui::{demo_app, press, settle, type_text};

#[test]
fn an_untouched_app_has_no_timed_work() {
    let (_dir, mut app) = demo_app();
    for key in ['2', 'j', '4', '1'] {
        press(&mut app, KeyCode::Char(key));
    }
    assert_eq!(app.next_timed_work(Instant::now()), None);
}

#[test]
fn typing_in_the_form_wakes_the_loop_for_the_draft_and_only_until_it_is_written() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('3'));
    let before_typing = Instant::now();
    type_text(&mut app, "Pri");
    let after_typing = Instant::now();
    let due = app
        .next_timed_work(after_typing)
        .expect("a draft is due once typing pauses");
    assert!(due >= before_typing + DRAFT_DEBOUNCE && due <= after_typing + DRAFT_DEBOUNCE);
    // Time passes to the deadline: the draft is written and nothing else is due.
    app.tick(due);
    assert!(app.draft_saved_at.is_some(), "the draft was written");
    assert_eq!(app.next_timed_work(due), None);
}

#[test]
fn a_search_answer_wakes_the_loop_through_its_socket() {
    let (_dir, mut app) = demo_app();
    let (mut wake, wake_writer) = UnixStream::pair().expect("a socket pair");
    app.wake_on_answers(wake_writer);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "migr");
    assert!(app.searching());
    assert_eq!(
        app.next_timed_work(Instant::now()),
        None,
        "with a wake-up there is nothing to poll for"
    );
    // Generous, only so a broken worker fails the test instead of hanging it.
    wake.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("a read timeout");
    let mut byte = [0u8; 1];
    assert_eq!(wake.read(&mut byte).expect("the worker wrote a wake-up"), 1);
    settle(&mut app);
}

#[test]
fn without_a_wake_up_an_outstanding_search_is_polled() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "migr");
    // Answers are only taken on a tick, so the question is still outstanding here.
    assert!(app.searching());
    let now = Instant::now();
    assert!(app.next_timed_work(now).is_some_and(|at| at > now));
    settle(&mut app);
    assert_eq!(app.next_timed_work(Instant::now()), None);
}

/// Besides its timed work, the app looks at the journal once a second: nothing is read when
/// nothing changed, and a change committed by another Rapport is read at the next look.
#[test]
fn the_journal_is_looked_at_once_a_second_and_read_again_only_when_changed() {
    let (dir, mut app) = demo_app();
    let start = Instant::now();
    let first = app.next_look();
    assert!(
        first <= start + Duration::from_secs(1),
        "looked at within a second"
    );
    assert!(!app.tick(first), "nothing changed, nothing to draw");
    let second = app.next_look();
    assert!(second > first && second <= first + Duration::from_secs(2));
    let people = app.people.len();
    {
        let mut other = tui::open_store(&dir);
        other
            .add_person(&rapport::domain::NewPerson {
                name: "Zed Ortiz".into(),
                ..rapport::domain::NewPerson::default()
            })
            .expect("added elsewhere");
    }
    assert!(app.tick(second), "the change is drawn");
    assert_eq!(app.people.len(), people + 1);
}
