//! Every screen of the terminal interface drawn into ratatui's TestBackend from the real
//! `App` on the demo journal with a fixed clock, at 80×24 and 160×48.

use crate::tui;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use tui::{demo_app, empty_app, press, press_mod, screen, type_text};

#[test]
fn today_on_the_demo_journal() {
    let (_dir, app) = demo_app();
    snapshot_both!("today", &app);
}

#[test]
fn welcome_on_an_empty_journal() {
    let (_dir, app) = empty_app();
    snapshot_both!("welcome", &app);
}

#[test]
fn people_list_and_detail() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('j'));
    styled_snapshot_both!("people_list_focus", &app);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('j'));
    styled_snapshot_both!("people_detail_focus", &app);
}

#[test]
fn people_filter_and_archived_toggle() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('.'));
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "a");
    snapshot_both!("people_filtered", &app);
}

#[test]
fn help_overlays_come_from_the_keymap() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('?'));
    snapshot_both!("help_today", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::F(1));
    snapshot_both!("help_log", &app);
}

#[test]
fn log_form_empty_and_filled() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('3'));
    snapshot_both!("log_empty", &app);
    type_text(&mut app, "bea");
    snapshot_both!("log_picker", &app);
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "2026-11-23 14:30");
    press(&mut app, KeyCode::Tab); // kind
    press(&mut app, KeyCode::Tab); // mood
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Tab); // stance
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab); // needs
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "paired on the design review");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "she picks the rollout plan");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Career chat; wants to lead the migration");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Feels ready for more ownership.");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Worried about on-call load in December.");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "growth career");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "send the course link @fri");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "them: draft the migration plan");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "the calm way she handled the outage");
    snapshot_both!("log_filled", &app);
}

/// A ticked need's "remember" line (Ctrl-T) under its "how", and what was handed over, in
/// the form at both sizes: the hint line names Ctrl-T while a ticked need has the focus.
#[test]
fn log_form_remembers_a_need_and_hands_over() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('3'));
    type_text(&mut app, "bea");
    press(&mut app, KeyCode::Enter);
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "she picks the rollout plan");
    press_mod(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL);
    snapshot_both!("log_remember_open", &app);
    type_text(&mut app, "choosing how, once the goal is clear");
    // Remember → summary, notes, tags, follow-ups, ack, idea, delegated.
    for _ in 0..7 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "runs the release notes from now on");
    snapshot_both!("log_remember_and_handed_over", &app);
}

#[test]
fn log_form_marks_what_is_wrong() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-02-30");
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    snapshot_both!("log_errors", &app);
}

#[test]
fn add_person_form_with_an_inline_refusal() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Engineer");
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    snapshot_both!("person_form_refused", &app);
}

#[test]
fn leaving_a_changed_form_asks_first() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('3'));
    type_text(&mut app, "om");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    snapshot_both!("log_discard_question", &app);
}

#[test]
fn a_tiny_terminal_says_so() {
    let (_dir, app) = demo_app();
    insta::assert_snapshot!("too_small_40x10", screen(&app, 40, 10));
}

#[test]
fn clicking_a_tab_opens_its_screen_and_the_wheel_scrolls() {
    use ratatui::crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
    let (_dir, mut app) = demo_app();
    let mouse = |kind, column| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row: 0,
            modifiers: KeyModifiers::NONE,
        })
    };
    let drawn = screen(&app, 100, 30);
    let people_tab = drawn
        .lines()
        .next()
        .and_then(|l| l.find("2 People"))
        .expect("a People tab");
    let column =
        u16::try_from(drawn.lines().next().unwrap()[..people_tab].chars().count()).unwrap();
    app.handle_event(mouse(MouseEventKind::Down(MouseButton::Left), column));
    assert_eq!(app.screen, rapport::tui::keymap::Screen::People);
    assert_eq!(app.people_screen.selected, 0);
    app.handle_event(mouse(MouseEventKind::ScrollDown, 10));
    app.handle_event(mouse(MouseEventKind::ScrollDown, 10));
    assert_eq!(app.people_screen.selected, 2);
}

#[test]
fn no_color_draws_without_any_colour() {
    use ratatui::style::Color;
    let (_dir, app) = demo_app();
    let plain = rapport::tui::app::App::new(
        rapport::store::Store::open_with_clock(&_dir.path().join("journal.db"), tui::fixed_clock())
            .unwrap(),
        rapport::tui::theme::Theme::new(false),
        tui::LABEL.into(),
    )
    .unwrap();
    let colours = |app: &rapport::tui::app::App| {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
        terminal
            .draw(|f| rapport::tui::render::render(app, f))
            .unwrap();
        terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .filter(|cell| cell.fg != Color::Reset || cell.bg != Color::Reset)
            .count()
    };
    assert!(colours(&app) > 0, "the coloured theme uses colour");
    assert_eq!(
        colours(&plain),
        0,
        "NO_COLOR leaves every cell in the terminal's own colours"
    );
    // The meaning stays: the symbols are there without colour.
    assert!(screen(&plain, 100, 30).contains('●'));
}

#[test]
fn week_on_the_demo_journal() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('6'));
    snapshot_both!("week", &app);
    press(&mut app, KeyCode::Char('h'));
    snapshot_both!("week_previous", &app);
}

#[test]
fn week_on_an_empty_journal() {
    let (_dir, mut app) = empty_app();
    press(&mut app, KeyCode::Char('6'));
    snapshot_both!("week_empty", &app);
}

#[test]
fn week_reflection_edited_in_place() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('2'));
    // Past the other six of the eight pairs to Went well.
    for _ in 0..7 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "Asked Bilal what he would change.");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Prepare the 1:1s the evening before.");
    snapshot_both!("week_editing", &app);
    press(&mut app, KeyCode::F(1));
    snapshot_both!("help_week_edit", &app);
}

/// Each theme's Today, with its styles: the same text in every theme, the palette only in
/// the colours (mono has none), and the selection reversed in all of them.
#[test]
fn today_in_every_theme() {
    use rapport::config::ThemeName;
    use rapport::tui::theme::Theme;
    let mut texts = Vec::new();
    for name in ThemeName::ALL {
        let (_dir, app) = tui::demo_app_in(Theme::named(name));
        let styled = tui::styled_screen(&app, 80, 24);
        insta::assert_snapshot!(format!("today_theme_{}", name.key()), styled);
        let (text, styles) = styled.split_once("\nstyles:\n").expect("styles");
        texts.push(text.to_string());
        let coloured = styles
            .lines()
            .any(|l| !l.contains("fg Reset bg Reset") && l.contains("fg "));
        assert_eq!(
            coloured,
            name != ThemeName::Mono,
            "{}: {styles}",
            name.key()
        );
        assert!(
            styles.contains("REVERSED"),
            "{}: the selection shows",
            name.key()
        );
    }
    assert!(
        texts.windows(2).all(|w| w[0] == w[1]),
        "the words are the same in every theme"
    );
}

#[test]
fn a_pause_and_a_concern_as_the_leader_sees_them() {
    let (_dir, mut app) = demo_app();
    // People: P on the selected person, the day back, Enter.
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('P'));
    type_text(&mut app, "2027-01-11");
    press(&mut app, KeyCode::Enter);
    snapshot_both!("people_paused", &app);
    // Prep → Enter: the needs to address arrive "to raise"; 5 twice makes Security a concern.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Enter);
    let security = app.log.needs[rapport::domain::Need::Security.index()];
    assert_eq!(
        security,
        rapport::tui::screens::log_form::NeedMark::ToRaise,
        "the demo's first person due has Security to address"
    );
    app.log.toggle_need(rapport::domain::Need::Security);
    app.log.toggle_need(rapport::domain::Need::Security);
    snapshot_both!("log_to_raise_and_concern", &app);
}

/// The carried-over block in focus, with a follow-up ticked, an idea answered and progress
/// noted on an aspiration; saving keeps all three with the conversation.
#[test]
fn log_form_closes_the_loops_carried_over() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('3'));
    type_text(&mut app, "bea");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "trying: a pilot in December");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('u'));
    type_text(&mut app, "active: drafted the outline");
    press(&mut app, KeyCode::Enter);
    snapshot_both!("log_carried_over", &app);
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(tui::status(&app), "Logged a conversation with Beatriz.");
    let beatriz = app
        .people
        .iter()
        .find(|p| p.person.name == "Beatriz")
        .expect("Beatriz")
        .person
        .id;
    let id = app.store.recent_conversations(beatriz, 1).expect("hers")[0].id;
    let linked = app.store.linked_to(id).expect("what is linked");
    assert_eq!(linked.follow_ups_done.len(), 1);
    assert_eq!(linked.ideas_answered[0].answer, "a pilot in December");
    assert_eq!(linked.progress[0].note, "drafted the outline");
}

/// A past conversation opens to be read, with what is linked to it.
#[test]
fn a_past_conversation_reads_before_it_edits() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('4'));
    tui::open_timeline_event(&mut app, |e| {
        e.kind == rapport::store::EventKind::Conversation
    });
    snapshot_both!("conversation_view", &app);
}

/// The person form's priority field says how priorities are written while it has the focus,
/// on a tall terminal and on a short one, and the other fields do not.
#[test]
fn the_priority_field_says_its_format() {
    let format = "up to two needs, e.g. security, competence; or none";
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('a'));
    for (width, height) in [(80, 24), (160, 48)] {
        let drawn = screen(&app, width, height);
        assert!(
            !drawn.contains(format),
            "only the priority field says it\n{drawn}"
        );
    }
    // Name, role, team, cadence, start, four profile texts and the roving choice come first.
    for _ in 0..10 {
        press(&mut app, KeyCode::Tab);
    }
    for (width, height) in [(80, 24), (160, 48)] {
        let drawn = screen(&app, width, height);
        let label = drawn
            .lines()
            .position(|l| l.contains("Priority needs"))
            .expect("the priority field");
        let said = drawn.lines().position(|l| l.contains(format));
        assert_eq!(
            said,
            Some(label + 1),
            "under the field at {width}x{height}\n{drawn}"
        );
    }
    // A refusal takes the row the format used, so the leader reads why the words were refused.
    type_text(&mut app, "money");
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let drawn = screen(&app, 80, 24);
    assert!(
        drawn.contains("\"money\" is not one of the five needs"),
        "{drawn}"
    );
}
