//! Moving between screens through the real `App`: whatever screen a save returns to shows
//! fresh data, a question is only answered by an answer, and nothing written is lost on the
//! way.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::tui;

use rapport::tui::app::App;
use rapport::tui::keymap::Screen;
use rapport::tui::overlay::Overlay;
use rapport::tui::screens::log_form::DRAFT_FORM;
use rapport::tui::theme::Theme;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use tui::{
    demo_app, open_store, open_timeline_event, press, press_mod, screen, settle, status,
    styled_screen, type_text,
};

/// Saves the Log form as it is, with a summary, for the person already chosen (or the first).
fn save_a_conversation(app: &mut App) {
    assert_eq!(app.screen, Screen::Log);
    if app.log.person.is_none() {
        let first = &app.people[0].person;
        app.log.person = Some((first.id, first.name.clone()));
    }
    app.log.summary.set("A quick word");
    app.log.changed = true;
    press_mod(app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let said = status(app);
    assert!(
        said.starts_with("Logged") || said.starts_with("Updated"),
        "{said}"
    );
}

fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) {
    app.handle_event(Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
}

#[test]
fn a_reflection_survives_a_conversation_logged_from_the_week_screen() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, "KEEP THIS");
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Char('3'));
    save_a_conversation(&mut app);
    assert_eq!(app.screen, Screen::Week, "back where the Log was opened");
    let reflection = app
        .week
        .summary
        .as_ref()
        .and_then(|s| s.reflection.clone())
        .expect("the week is read again, with its reflection");
    assert_eq!(reflection.went_well, "KEEP THIS");
    // Writing again starts from what is stored.
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, " and this");
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let stored = app
        .store
        .reflection(&app.week.shown().label)
        .expect("reads")
        .expect("stored");
    assert_eq!(stored.went_well, "KEEP THIS and this");
}

#[test]
fn gaps_and_timeline_are_read_again_when_a_save_returns_to_them() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Enter);
    save_a_conversation(&mut app);
    assert_eq!(app.screen, Screen::Gaps);
    assert!(app.gaps.gaps.is_some(), "the matrix is read again");
    assert!(screen(&app, 80, 24).contains("Team:"));

    press(&mut app, KeyCode::Char('4'));
    open_timeline_event(&mut app, |e| {
        e.kind == rapport::store::EventKind::Conversation
    });
    press(&mut app, KeyCode::Char('e'));
    save_a_conversation(&mut app);
    assert_eq!(app.screen, Screen::Timeline);
    assert!(
        !app.out_of_date(Screen::Timeline),
        "the timeline is read again at once"
    );
}

#[test]
fn the_timeline_keeps_a_reader_deep_in_history_where_they_were() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('4'));
    for _ in 0..20 {
        press(&mut app, KeyCode::PageDown);
    }
    let deep = app.timeline.selected;
    assert!(deep > 150, "past the first page ({deep})");
    let kept = app.timeline.selected_event().expect("an event").clone();
    app.reload().expect("the journal is read again");
    press(&mut app, KeyCode::Char('k'));
    let now = app.timeline.selected_event().expect("an event");
    assert_eq!(app.timeline.selected + 1, deep, "one up from where it was");
    assert_eq!(app.timeline.events[deep].id, kept.id);
    assert_ne!(now.id, app.timeline.events[0].id);
}

#[test]
fn a_new_filter_starts_at_the_newest_event() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.timeline.selected, 0);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.timeline.selected, 0);
}

#[test]
fn every_scrolled_timeline_names_the_week_of_its_top_row() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('4'));
    for step in 0..200 {
        let shown = screen(&app, 80, 24);
        let top = shown.lines().nth(3).expect("a first body row");
        assert!(top.contains("── Week"), "at {step}: {top}\n{shown}");
        press(&mut app, KeyCode::Char('j'));
    }
}

#[test]
fn the_week_being_browsed_stays_after_a_change_elsewhere() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('h'));
    press(&mut app, KeyCode::Char('h'));
    let browsed = app.week.shown().label;
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('l'));
    press(&mut app, KeyCode::Char('x'));
    assert!(status(&app).starts_with("Done"), "{}", status(&app));
    press(&mut app, KeyCode::Char('6'));
    assert_eq!(app.week.shown().label, browsed);
}

#[test]
fn leaving_an_untouched_log_form_forgets_the_conversation_it_showed() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('4'));
    open_timeline_event(&mut app, |e| {
        e.kind == rapport::store::EventKind::Conversation
    });
    press(&mut app, KeyCode::Char('e'));
    assert!(app.log.editing.is_some());
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Timeline);
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.log.editing, None, "3 opens a new conversation");
    assert_eq!(app.log.person, None);
}

#[test]
fn enter_waits_for_the_answer_to_what_was_typed_last() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "rollback");
    settle(&mut app);
    type_text(&mut app, " xyzzyq");
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.overlay, Some(Overlay::Search(_))),
        "no stale result opened"
    );
    assert!(status(&app).contains("Still searching"), "{}", status(&app));
    settle(&mut app);
    let Some(Overlay::Search(panel)) = &app.overlay else {
        panic!("search is open");
    };
    assert!(panel.hits.is_empty(), "nothing matches the whole query");
}

#[test]
fn only_an_answer_answers_the_question_to_resume_a_draft() {
    let dir = tempfile::TempDir::new().expect("a temp dir");
    {
        let mut app = App::new(open_store(&dir), Theme::new(true), tui::LABEL.into())
            .expect("the app starts");
        press(&mut app, KeyCode::Char('a'));
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('3'));
        app.log.summary.set("Half a thought");
        app.log.changed = true;
        app.shutdown();
    }
    let mut app =
        App::new(open_store(&dir), Theme::new(true), tui::LABEL.into()).expect("the app starts");
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    mouse(&mut app, MouseEventKind::ScrollDown, 10, 10);
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 2, 0);
    press(&mut app, KeyCode::Char('j'));
    assert!(
        matches!(app.overlay, Some(Overlay::Confirm(_))),
        "still asking"
    );
    assert!(app.store.draft(DRAFT_FORM).expect("reads").is_some());
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.screen, Screen::Log);
    assert_eq!(app.log.summary.text(), "Half a thought");
}

#[test]
fn a_tab_click_does_not_change_the_screen_behind_an_open_search() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('/'));
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 30, 0);
    assert_eq!(app.screen, Screen::Today);
    assert!(matches!(app.overlay, Some(Overlay::Search(_))));
}

#[test]
fn long_help_scrolls_and_returns_to_the_search_it_was_opened_from() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('?'));
    let first = screen(&app, 80, 24);
    for _ in 0..30 {
        press(&mut app, KeyCode::Char('j'));
    }
    let scrolled = screen(&app, 80, 24);
    assert!(
        scrolled.contains("Ctrl-C"),
        "the last keys come into view\n{scrolled}"
    );
    assert_ne!(first, scrolled);
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());

    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "roll");
    press(&mut app, KeyCode::F(1));
    assert!(screen(&app, 160, 48).contains("an exact phrase"));
    press(&mut app, KeyCode::Esc);
    let Some(Overlay::Search(panel)) = &app.overlay else {
        panic!("the search is back");
    };
    assert_eq!(panel.input.text(), "roll");
}

#[test]
fn ctrl_f_searches_from_a_form_being_written_and_the_form_stays() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('3'));
    app.log.summary.set("Half written");
    app.log.changed = true;
    press_mod(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
    assert!(matches!(app.overlay, Some(Overlay::Search(_))));
    type_text(&mut app, "rollback");
    settle(&mut app);
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    assert_eq!(app.screen, Screen::Log);
    assert_eq!(app.log.summary.text(), "Half written");
    // The same from the reflection being written.
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('e'));
    press_mod(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
    assert!(matches!(app.overlay, Some(Overlay::Search(_))));
    press(&mut app, KeyCode::Esc);
    assert!(app.week.editing(), "still writing");
}

#[test]
fn the_person_picker_adds_a_name_nobody_has_and_esc_closes_only_the_picker() {
    let (_dir, mut app) = tui::demo_app();
    press(&mut app, KeyCode::Char('3'));
    type_text(&mut app, "Noor Haddad");
    let shown = tui::screen(&app, 80, 24);
    assert!(shown.contains("Enter adds “Noor Haddad”"), "{shown}");
    // Esc closes the picker, not the form.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Log);
    assert!(app.overlay.is_none());
    type_text(&mut app, "Noor Haddad");
    press(&mut app, KeyCode::Enter);
    let noor = app
        .people
        .iter()
        .find(|p| p.person.name == "Noor Haddad")
        .expect("added");
    assert_eq!(
        app.log.person,
        Some((noor.person.id, "Noor Haddad".to_string()))
    );
    // Chosen: the form goes on to when it happened.
    let shown = tui::screen(&app, 80, 24);
    assert!(shown.contains("›When"), "{shown}");
}

#[test]
fn screens_read_while_waiting_for_keys_show_what_a_visit_would_have_read() {
    let (_dir, mut prepared) = demo_app();
    let (_other, mut visited) = demo_app();
    // The interface waits for a key: the screens out of view are read, one per call.
    let mut reads = 0;
    while prepared.prepare_unseen() {
        reads += 1;
        assert!(reads < 10, "preparing never ends");
    }
    assert!(reads >= 2, "Timeline and Gaps were read before any visit");
    assert!(!prepared.prepare_unseen(), "nothing left to read");
    for key in ['4', '5', '6', '1'] {
        press(&mut prepared, KeyCode::Char(key));
        press(&mut visited, KeyCode::Char(key));
        assert_eq!(
            styled_screen(&prepared, 160, 48),
            styled_screen(&visited, 160, 48),
            "screen {key}"
        );
    }
    // A change marks them out of date again; the one in view is read at once.
    press(&mut prepared, KeyCode::Char('3'));
    save_a_conversation(&mut prepared);
    assert_eq!(prepared.screen, Screen::Today);
    assert!(
        prepared.prepare_unseen(),
        "the screens out of view are read again"
    );
    while prepared.prepare_unseen() {}
    press(&mut visited, KeyCode::Char('3'));
    save_a_conversation(&mut visited);
    for key in ['4', '5', '6', '1'] {
        press(&mut prepared, KeyCode::Char(key));
        press(&mut visited, KeyCode::Char(key));
        assert_eq!(
            styled_screen(&prepared, 160, 48),
            styled_screen(&visited, 160, 48),
            "screen {key} after a save"
        );
    }
}

#[test]
fn reading_while_waiting_gives_way_to_a_key_and_the_screen_is_read_again_later() {
    let (_dir, mut app) = demo_app();
    let (_other, mut visited) = demo_app();
    // A key is waiting from the first question on: every read stops, and Timeline (the
    // first screen out of view) is still to be read however often the interface waits.
    let asked = Arc::new(AtomicUsize::new(0));
    for _ in 0..5 {
        let counted = Arc::clone(&asked);
        assert!(app.prepare_unseen_giving_way(move || {
            counted.fetch_add(1, Ordering::Relaxed);
            true
        }));
    }
    assert!(
        asked.load(Ordering::Relaxed) > 0,
        "the read asked whether a key waited"
    );
    assert!(
        app.out_of_date(Screen::Timeline),
        "a read that gave way leaves its screen to be read again"
    );
    // With no key waiting the screens are read, and show what a visit reads.
    let mut reads = 0;
    while app.prepare_unseen_giving_way(|| false) {
        reads += 1;
        assert!(reads < 10, "preparing never ends");
    }
    assert!(!app.out_of_date(Screen::Timeline), "Timeline was read");
    for key in ['4', '5', '6', '1'] {
        press(&mut app, KeyCode::Char(key));
        press(&mut visited, KeyCode::Char(key));
        assert_eq!(
            styled_screen(&app, 160, 48),
            styled_screen(&visited, 160, 48),
            "screen {key}"
        );
    }
}

#[test]
fn the_people_next_to_the_selection_are_read_ahead_and_forgotten_when_the_journal_changes() {
    let (_dir, mut app) = demo_app();
    let (_other, mut visited) = demo_app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut visited, KeyCode::Char('2'));
    while app.prepare_unseen() {}
    let second = app.people[app.people_screen.visible[1]].person.id;
    assert_eq!(
        app.people_screen
            .ahead
            .iter()
            .map(|d| d.person_id)
            .collect::<Vec<_>>(),
        vec![second],
        "the next person is read while the interface waits (nobody is before the first)"
    );
    // The move shows what reading at the move shows.
    press(&mut app, KeyCode::Char('j'));
    press(&mut visited, KeyCode::Char('j'));
    assert_eq!(
        app.people_screen.detail.as_ref().map(|d| d.person_id),
        Some(second)
    );
    assert_eq!(
        styled_screen(&app, 160, 48),
        styled_screen(&visited, 160, 48)
    );
    // Back on the first person: the second is kept, then the third read ahead.
    press(&mut app, KeyCode::Char('k'));
    while app.prepare_unseen() {}
    assert!(
        app.people_screen
            .ahead
            .iter()
            .any(|d| d.person_id == second)
    );
    // A conversation saved with the second person: the detail read ahead is forgotten,
    // and the move to them shows it.
    let summary = "Walked through the migration plan";
    app.store
        .save_conversation(&rapport::domain::ConversationInput {
            summary: summary.into(),
            ..crate::common::one_on_one_at(second, tui::fixed_now() - chrono::Duration::hours(1))
        })
        .expect("saved");
    app.reload().expect("read again");
    assert!(
        app.people_screen.ahead.is_empty(),
        "nothing kept from before the change"
    );
    press(&mut app, KeyCode::Char('j'));
    assert!(
        screen(&app, 160, 48).contains(summary),
        "{}",
        screen(&app, 160, 48)
    );
}

#[test]
fn reading_ahead_writes_nothing_to_the_journal() {
    let (_dir, mut app) = demo_app();
    let journal = app.store.path().to_path_buf();
    let wal = journal.with_file_name(format!(
        "{}-wal",
        journal
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
    ));
    let bytes = || (std::fs::read(&journal).ok(), std::fs::read(&wal).ok());
    let before = bytes();
    assert!(before.0.is_some(), "the journal is there to compare");
    press(&mut app, KeyCode::Char('2'));
    while app.prepare_unseen() {}
    press(&mut app, KeyCode::Char('j'));
    while app.prepare_unseen() {}
    assert!(
        bytes() == before,
        "reading ahead changed the journal or its write-ahead log"
    );
}

#[test]
fn after_logging_a_conversation_the_people_list_is_what_the_journal_says() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    let person = app
        .log
        .person
        .clone()
        .expect("the form is for the selected person");
    let before = app.people.clone();
    save_a_conversation(&mut app);
    assert_eq!(app.screen, Screen::People);
    let read_again = app.store.people_summaries(true).expect("the people list");
    assert_eq!(app.people, read_again);
    let changed: Vec<_> = before
        .iter()
        .zip(&app.people)
        .filter(|(b, a)| b != a)
        .map(|(_, a)| a.person.id)
        .collect();
    assert_eq!(changed, [person.0], "only the person talked with changed");
}

#[test]
fn an_idea_is_answered_and_a_follow_up_deleted_from_peoples_detail() {
    use rapport::tui::screens::people::DetailItem;
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('2'));
    // The first person with an idea waiting for an answer.
    let mut tries = 0;
    while !app.people_screen.detail.as_ref().is_some_and(|d| {
        d.ideas
            .iter()
            .any(|i| i.status == rapport::domain::IdeaStatus::Heard && i.answered_on.is_none())
    }) {
        press(&mut app, KeyCode::Char('j'));
        tries += 1;
        assert!(tries < 20, "the demo has an idea waiting for an answer");
    }
    let detail = app.people_screen.detail.as_ref().unwrap();
    let waiting = detail
        .ideas
        .iter()
        .position(|i| i.status == rapport::domain::IdeaStatus::Heard && i.answered_on.is_none())
        .unwrap();
    let idea_id = detail.ideas[waiting].id;
    let at = detail
        .items()
        .iter()
        .position(|item| *item == DetailItem::Idea(waiting))
        .unwrap();
    press(&mut app, KeyCode::Right);
    for _ in 0..at {
        press(&mut app, KeyCode::Char('j'));
    }
    let shown = tui::screen(&app, 160, 48);
    assert!(
        shown.contains("Ideas") && shown.contains("waiting"),
        "{shown}"
    );
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.overlay, Some(Overlay::Form(_))),
        "the answer form opens"
    );
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Let's try it next sprint");
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.overlay.is_none(), "{}", tui::screen(&app, 160, 48));
    let idea = app
        .store
        .ideas(None)
        .unwrap()
        .into_iter()
        .find(|i| i.id == idea_id)
        .unwrap();
    assert_eq!(idea.answer, "Let's try it next sprint");
    assert_eq!(idea.status, rapport::domain::IdeaStatus::Trying);

    // D on a follow-up: the question names it; y deletes it.
    let detail = app.people_screen.detail.as_ref().unwrap();
    if let Some(first) = detail.follow_ups.first().map(|f| f.id) {
        let at = detail
            .items()
            .iter()
            .position(|item| *item == DetailItem::FollowUp(0))
            .unwrap();
        app.people_screen.detail_selected = at;
        press(&mut app, KeyCode::Char('D'));
        let shown = tui::screen(&app, 160, 48);
        assert!(shown.contains("Delete follow-up #"), "{shown}");
        press(&mut app, KeyCode::Char('y'));
        assert!(app.store.follow_up(first).is_err(), "deleted");
    }
}

#[test]
fn editing_a_conversation_shows_what_it_already_holds() {
    use rapport::tui::screens::people::DetailItem;
    let (_dir, mut app) = demo_app();
    let someone = app.people[0].person.clone();
    let now = app.store.local_now();
    app.store
        .save_conversation(&rapport::domain::ConversationInput {
            person_id: someone.id,
            happened_at: now,
            kind: rapport::domain::ConversationKind::OneOnOne,
            mood: None,
            stance: None,
            summary: "Kept things".into(),
            notes: String::new(),
            needs: Vec::new(),
            tags: Vec::new(),
            follow_ups: vec![rapport::domain::NewFollowUp {
                owner: rapport::domain::Owner::Me,
                text: "Send the course link".into(),
                due_on: None,
            }],
            acknowledgement: Some("the calm release".into()),
            idea: Some("pair on reviews".into()),
        })
        .expect("saved");
    app.reload().expect("reloaded");
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Right);
    let detail = app.people_screen.detail.as_ref().expect("the detail");
    assert_eq!(detail.person_id, someone.id);
    let at = detail
        .items()
        .iter()
        .position(|item| *item == DetailItem::Conversation(0))
        .expect("the newest conversation");
    app.people_screen.detail_selected = at;
    press(&mut app, KeyCode::Enter);
    // Enter opens it to be read, with everything linked to it.
    let shown = tui::screen(&app, 160, 48);
    assert_eq!(app.screen, Screen::People);
    for linked in [
        "Follow-ups made",
        "Send the course link",
        "Acknowledged",
        "\"the calm release\"",
        "Ideas heard",
        "pair on reviews · heard",
    ] {
        assert!(shown.contains(linked), "{linked}\n{shown}");
    }
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(app.screen, Screen::Log);
    let shown = tui::screen(&app, 160, 48);
    for kept in [
        "kept: “Send the course link”",
        "kept: “the calm release”",
        "kept: “pair on reviews”",
    ] {
        assert!(shown.contains(kept), "{kept}\n{shown}");
    }
}

/// On Today: r notes a talking point for the selected person, e corrects a follow-up,
/// x ticks it and u takes the tick back.
#[test]
fn todays_keys_raise_a_talking_point_correct_a_follow_up_and_undo_a_tick() {
    let (_dir, mut app) = demo_app();
    let first_due = app.today.due[0].clone();
    press(&mut app, KeyCode::Char('r'));
    assert!(
        matches!(app.overlay, Some(Overlay::Form(_))),
        "the form opens"
    );
    type_text(&mut app, "on-call load in December");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // theirs
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.overlay.is_none(), "{}", screen(&app, 80, 24));
    assert!(
        status(&app).starts_with("To raise with"),
        "{}",
        status(&app)
    );
    // From the prep sheet too, and the sheet lists both.
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Char('r'));
    type_text(&mut app, "the conference budget");
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Char('p'));
    let prep = screen(&app, 160, 48);
    assert!(
        prep.contains("To raise")
            && prep.contains("theirs  on-call load in December")
            && prep.contains("yours   the conference budget"),
        "{prep}"
    );
    press(&mut app, KeyCode::Esc);
    let points = app
        .store
        .talking_points(rapport::store::TalkingPointFilter {
            person_id: Some(first_due.person_id),
            open_only: true,
        })
        .unwrap();
    assert_eq!(points.len(), 2);
    assert_eq!(points[0].text, "on-call load in December");
    assert_eq!(points[0].owner, rapport::domain::Owner::Them);

    // e on a follow-up: new text, a due date, theirs.
    press(&mut app, KeyCode::Char('l'));
    let follow_up = app.today.follow_ups[app.today.follow_up_selected].clone();
    press(&mut app, KeyCode::Char('e'));
    press_mod(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut app, "Send the course link");
    press(&mut app, KeyCode::Tab);
    press_mod(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut app, "2026-12-04");
    press(&mut app, KeyCode::Tab);
    let owner_keys = if follow_up.owner == rapport::domain::Owner::Me {
        1
    } else {
        0
    };
    for _ in 0..owner_keys {
        press(&mut app, KeyCode::Right);
    }
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.overlay.is_none(), "{}", screen(&app, 80, 24));
    let changed = app.store.follow_up(follow_up.id).unwrap();
    assert_eq!(changed.text, "Send the course link");
    assert_eq!(changed.due_on.unwrap().to_string(), "2026-12-04");
    assert_eq!(changed.owner, rapport::domain::Owner::Them);

    // x ticks the selected follow-up; u reopens it, once.
    let ticked = app.today.follow_ups[app.today.follow_up_selected].id;
    press(&mut app, KeyCode::Char('x'));
    assert!(status(&app).ends_with("· u undoes"), "{}", status(&app));
    assert!(app.store.follow_up(ticked).unwrap().done_on.is_some());
    press(&mut app, KeyCode::Char('u'));
    assert!(status(&app).starts_with("Reopened"), "{}", status(&app));
    assert_eq!(app.store.follow_up(ticked).unwrap().done_on, None);
    press(&mut app, KeyCode::Char('u'));
    assert!(
        status(&app).starts_with("Nothing to undo"),
        "{}",
        status(&app)
    );
}

/// On People's detail: e on a follow-up corrects it (not the person), and u right after x
/// reopens the follow-up; later u notes aspiration progress again.
#[test]
fn peoples_detail_corrects_a_follow_up_and_undoes_its_tick() {
    use rapport::tui::screens::people::DetailItem;
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('2'));
    let mut tries = 0;
    while !app
        .people_screen
        .detail
        .as_ref()
        .is_some_and(|d| !d.follow_ups.is_empty() && !d.aspirations.is_empty())
    {
        press(&mut app, KeyCode::Char('j'));
        tries += 1;
        assert!(tries < 20, "someone with a follow-up and an aspiration");
    }
    press(&mut app, KeyCode::Char('r'));
    type_text(&mut app, "the offsite budget");
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        status(&app).starts_with("To raise with"),
        "{}",
        status(&app)
    );
    let shown = screen(&app, 160, 48);
    assert!(
        shown.contains("To raise") && shown.contains("yours  the offsite budget"),
        "{shown}"
    );
    // x on it in the detail: discussed, no longer listed.
    press(&mut app, KeyCode::Right);
    let detail = app.people_screen.detail.as_ref().unwrap();
    let point = detail.talking_points[0].id;
    app.people_screen.detail_selected = detail
        .items()
        .iter()
        .position(|item| *item == DetailItem::TalkingPoint(0))
        .unwrap();
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(
        app.store.talking_point(point).unwrap().ticked_on,
        Some(app.store.today())
    );
    assert!(
        app.people_screen
            .detail
            .as_ref()
            .unwrap()
            .talking_points
            .is_empty()
    );

    let detail = app.people_screen.detail.as_ref().unwrap();
    let follow_up = detail.follow_ups[0].clone();
    app.people_screen.detail_selected = detail
        .items()
        .iter()
        .position(|item| *item == DetailItem::FollowUp(0))
        .unwrap();
    press(&mut app, KeyCode::Char('e'));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Follow-up for"), "{shown}");
    press(&mut app, KeyCode::Tab);
    press_mod(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(app.store.follow_up(follow_up.id).unwrap().due_on, None);

    press(&mut app, KeyCode::Char('x'));
    assert!(app.store.follow_up(follow_up.id).unwrap().done_on.is_some());
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.store.follow_up(follow_up.id).unwrap().done_on, None);
    assert!(
        app.overlay.is_none(),
        "u took the tick back, it opened no form"
    );
    let detail = app.people_screen.detail.as_ref().unwrap();
    app.people_screen.detail_selected = detail
        .items()
        .iter()
        .position(|item| *item == DetailItem::Aspiration(0))
        .unwrap();
    press(&mut app, KeyCode::Char('u'));
    assert!(
        matches!(app.overlay, Some(Overlay::Form(_))),
        "u notes progress again"
    );
}

/// What the Log form did about the carried-over loops is kept in its draft, by the rows'
/// UUIDs, and comes back with the resumed form.
#[test]
fn a_resumed_draft_keeps_what_was_done_about_the_loops_carried_over() {
    let (dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('3'));
    type_text(&mut app, "bea");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "declined: not this quarter");
    press(&mut app, KeyCode::Enter);
    let before = screen(&app, 160, 48);
    assert!(
        before.contains("→ declined: “not this quarter”"),
        "{before}"
    );
    app.shutdown();
    drop(app);

    let mut app =
        App::new(open_store(&dir), Theme::new(true), tui::LABEL.into()).expect("the app starts");
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.screen, Screen::Log);
    let resumed = screen(&app, 160, 48);
    for kept in ["[x] me    Ask finance", "→ declined: “not this quarter”"] {
        assert!(resumed.contains(kept), "{kept}\n{resumed}");
    }
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(status(&app), "Logged a conversation with Beatriz.");
    let answered = app
        .store
        .ideas(None)
        .unwrap()
        .into_iter()
        .filter(|i| i.answer == "not this quarter")
        .count();
    assert_eq!(answered, 1);
}

/// `D` then `u` on a conversation: it comes back with its needs, tags and the follow-ups
/// made in it (the same UUIDs, found by search again), and the journal holds what it held.
#[test]
fn u_brings_back_a_conversation_deleted_from_peoples_detail() {
    use rapport::tui::screens::people::DetailItem;
    let (_dir, mut app) = demo_app();
    let journal = app.store.path().to_path_buf();
    press(&mut app, KeyCode::Char('2'));
    let detail = app.people_screen.detail.as_ref().unwrap();
    let conversation = detail.conversations[0].clone();
    let at = detail
        .items()
        .iter()
        .position(|item| *item == DetailItem::Conversation(0))
        .unwrap();
    press(&mut app, KeyCode::Right);
    app.people_screen.detail_selected = at;
    // The rows of every table; the search index's own segments are left out, as they are
    // laid out anew by each write.
    let rows_of = |path: &std::path::Path| {
        let mut counts = crate::common::counts(path);
        counts.retain(|table, _| !table.starts_with("search_index_"));
        counts
    };
    let before = rows_of(&journal);
    press(&mut app, KeyCode::Char('D'));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.store.conversation(conversation.id).is_err(), "deleted");
    assert!(
        tui::status(&app).contains("u brings it back"),
        "{}",
        tui::status(&app)
    );
    assert_ne!(rows_of(&journal), before);

    press(&mut app, KeyCode::Char('u'));
    assert!(
        tui::status(&app).starts_with("Brought back"),
        "{}",
        tui::status(&app)
    );
    assert_eq!(rows_of(&journal), before, "every row is back");
    let back = crate::common::rows(
        &journal,
        &format!(
            "SELECT summary FROM conversation WHERE uuid = X'{}'",
            conversation.uuid.simple()
        ),
    );
    assert_eq!(back, std::slice::from_ref(&conversation.summary));
    let word = conversation
        .summary
        .split_whitespace()
        .find(|w| w.len() > 4 && w.chars().all(char::is_alphabetic))
        .expect("a word to search for");
    let new_id: i64 = crate::common::rows(
        &journal,
        &format!(
            "SELECT id FROM conversation WHERE uuid = X'{}'",
            conversation.uuid.simple()
        ),
    )[0]
    .parse()
    .unwrap();
    let hits = app
        .store
        .search(word, Some(conversation.person_id), 500)
        .unwrap();
    assert!(
        hits.iter().any(|h| h.item_id == new_id),
        "search finds it again under {word}"
    );
    // Only once: a second u is aspiration progress again, and nothing comes back twice.
    press(&mut app, KeyCode::Char('u'));
    assert!(
        !tui::status(&app).starts_with("Brought back"),
        "{}",
        tui::status(&app)
    );
    assert_eq!(rows_of(&journal), before);
}

/// People's detail shows each aspiration's latest progress note under it; `D` on the note
/// deletes that note alone, and `u` brings it back.
#[test]
fn a_progress_note_is_deleted_from_peoples_detail_and_brought_back() {
    use rapport::tui::screens::people::DetailItem;
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('2'));
    let detail = app.people_screen.detail.as_ref().unwrap();
    let (index, aspiration) = detail
        .aspirations
        .iter()
        .enumerate()
        .find(|(_, a)| !a.updates.is_empty())
        .map(|(i, a)| (i, a.clone()))
        .expect("the demo notes progress");
    let note = aspiration.updates.last().unwrap().clone();
    let at = detail
        .items()
        .iter()
        .position(|item| *item == DetailItem::Progress(index))
        .expect("the latest note is a row of its own");
    let shown = tui::screen(&app, 160, 48);
    assert!(shown.contains("↳"), "{shown}");
    press(&mut app, KeyCode::Right);
    app.people_screen.detail_selected = at;
    press(&mut app, KeyCode::Char('D'));
    let asked = tui::screen(&app, 160, 48);
    assert!(
        asked.contains(&format!("Delete the progress note #{}", note.id)),
        "{asked}"
    );
    press(&mut app, KeyCode::Char('y'));
    let journal = app.store.path().to_path_buf();
    let notes = || {
        crate::common::rows(
            &journal,
            &format!(
                "SELECT uuid, note FROM aspiration_update WHERE aspiration_id = {}",
                aspiration.id
            ),
        )
    };
    let ours = format!("{}|{}", note.uuid, note.note);
    assert_eq!(
        notes().len(),
        aspiration.updates.len() - 1,
        "only that note went"
    );
    assert!(!notes().contains(&ours));
    press(&mut app, KeyCode::Char('u'));
    assert!(
        tui::status(&app).starts_with("Brought back"),
        "{}",
        tui::status(&app)
    );
    assert_eq!(notes().len(), aspiration.updates.len());
    assert!(notes().contains(&ours), "the same note, by its UUID");
}
