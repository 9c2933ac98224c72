//! The insight screens (Timeline, Gaps), the 1:1 preparation sheet and the search, driven
//! through the real `App` on the demo journal with a fixed clock: what they show (insta
//! snapshots at 80×24 and 160×48) and where their keys lead.

use crate::tui;

use rapport::config::Config;
use rapport::domain::Need;
use rapport::insights::freshness::Freshness;
use rapport::insights::gaps;
use rapport::store::{EventKind, HitKind, TimelineFilter};
use rapport::tui::keymap::Screen;
use rapport::tui::overlay::Overlay;
use rapport::tui::overlays::conversation_view::ConversationSheet;
use rapport::tui::screens::log_form::{LogForm, NeedMark};
use rapport::tui::screens::people::{DetailItem, Focus};
use rapport::tui::screens::timeline::PAGE_SIZE;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use tui::{
    demo_app, empty_app, open_search_hit, open_timeline_event, press, press_mod, screen, settle,
    status, type_text,
};

// ---- Timeline ----

#[test]
fn timeline_screens() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(app.screen, Screen::Timeline);
    snapshot_both!("timeline", &app);
    // Strips beside the events on wide terminals; `s` brings them up on narrow ones.
    press(&mut app, KeyCode::Char('s'));
    snapshot_both!("timeline_strips_flipped", &app);
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('f'));
    press_mod(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut app, "need:autonomy tag:pro");
    snapshot_both!("timeline_filter_editing", &app);
    type_text(&mut app, "ject");
    press(&mut app, KeyCode::Enter);
    snapshot_both!("timeline_filtered", &app);
}

#[test]
fn timeline_scrolled_keeps_the_cursor_on_screen_under_its_week() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('4'));
    for _ in 0..60 {
        press(&mut app, KeyCode::Char('j'));
    }
    let selected = app.timeline.selected_event().expect("an event").clone();
    let shown = screen(&app, 80, 24);
    let rows: Vec<&str> = shown.lines().collect();
    // The cursor's row is the last event row of the list, with a week rule above it.
    let day = selected.at.format(" %a %d ").to_string();
    let cursor_row = rows
        .iter()
        .rposition(|r| r.contains(&day))
        .expect("the selected day is on screen");
    assert!(
        rows[..cursor_row].iter().any(|r| r.contains("── Week")),
        "{shown}"
    );
    insta::assert_snapshot!("timeline_scrolled_80x24", shown);
}

#[test]
fn timeline_on_an_empty_journal_says_so() {
    let (_dir, mut app) = empty_app();
    press(&mut app, KeyCode::Char('4'));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Nothing logged yet"), "{shown}");
}

#[test]
fn timeline_reads_history_a_page_at_a_time_without_gaps_or_repeats() {
    let (_dir, mut app) = demo_app();
    let everything = app
        .store
        .timeline(&TimelineFilter::default(), None, usize::MAX >> 1)
        .expect("the whole timeline")
        .events;
    assert!(
        everything.len() > 3 * PAGE_SIZE,
        "the demo year is long enough to page through ({} events)",
        everything.len()
    );
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(
        app.timeline.events.len(),
        PAGE_SIZE,
        "one page is read at first"
    );
    assert!(app.timeline.has_more());
    let mut pages_seen = 1;
    while app.timeline.has_more() {
        let before = app.timeline.events.len();
        press(&mut app, KeyCode::Char('G'));
        let after = app.timeline.events.len();
        assert!(after > before, "moving to the end reads the next page");
        assert!(
            after - before <= PAGE_SIZE,
            "never more than a page at a time"
        );
        pages_seen += 1;
        assert!(pages_seen < 1000, "paging ends");
    }
    let keys = |events: &[rapport::store::TimelineEvent]| -> Vec<(EventKind, i64)> {
        events.iter().map(|e| (e.kind, e.id)).collect()
    };
    assert_eq!(
        keys(&app.timeline.events),
        keys(&everything),
        "pages joined give the whole timeline, newest first"
    );
    // Scrolling back up reads nothing more.
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.timeline.selected, 0);
    assert_eq!(app.timeline.events.len(), everything.len());
}

#[test]
fn timeline_filters_are_edited_in_place_and_refused_with_a_reason() {
    let (_dir, mut app) = demo_app();
    let person = app.people[0].person.clone();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "need:joy");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.timeline.editing.is_some(),
        "a refused filter stays open"
    );
    // The reason, not the echo of what was typed: the five needs it could have been.
    assert!(
        status(&app).contains("not one of the five needs"),
        "{}",
        status(&app)
    );
    press_mod(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut app, &format!("person:{} need:a", person.name));
    press(&mut app, KeyCode::Enter);
    assert!(app.timeline.editing.is_none());
    assert_eq!(app.timeline.filter.person_id, Some(person.id));
    assert_eq!(app.timeline.filter.need, Some(Need::Autonomy));
    assert!(!app.timeline.events.is_empty());
    for event in &app.timeline.events {
        assert_eq!(event.kind, EventKind::Conversation);
        assert_eq!(event.person.as_ref().map(|p| p.id), Some(person.id));
        assert!(event.needs.contains(&Need::Autonomy));
    }
    // `n` moves to the next need; `c` clears everything.
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.timeline.filter.need, Some(Need::Fun));
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.timeline.filter, TimelineFilter::default());
    assert!(
        app.timeline
            .events
            .iter()
            .any(|e| e.kind != EventKind::Conversation)
    );
    // Esc leaves the filter as it was.
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "need:fun");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.timeline.filter, TimelineFilter::default());
}

#[test]
fn enter_on_a_timeline_conversation_opens_it_to_read_and_e_edits_it() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('4'));
    let event = open_timeline_event(&mut app, |e| e.kind == EventKind::Conversation);
    assert_eq!(app.screen, Screen::Timeline);
    let Some(Overlay::Conversation(sheet)) = &app.overlay else {
        panic!("the conversation opens to be read");
    };
    let sheet: &ConversationSheet = sheet;
    assert_eq!(sheet.conversation.id, event.id);
    assert!(
        screen(&app, 80, 24).contains(&format!("#{} · the ", event.id)),
        "{}",
        screen(&app, 80, 24)
    );
    press(&mut app, KeyCode::Char('e'));
    assert!(app.overlay.is_none());
    assert_eq!(app.screen, Screen::Log);
    assert_eq!(app.log.editing.map(|which| which.id), Some(event.id));
}

#[test]
fn a_persons_timeline_from_people_and_gaps() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('j'));
    let chosen = app.people[app.people_screen.selected_index().expect("a person")]
        .person
        .id;
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.screen, Screen::Timeline);
    assert_eq!(app.timeline.filter.person_id, Some(chosen));
    assert!(!app.timeline.events.is_empty());
    assert!(
        app.timeline
            .events
            .iter()
            .all(|e| e.person.as_ref().map(|p| p.id) == Some(chosen))
    );
    press(&mut app, KeyCode::Char('5'));
    let worst = app.gaps.selected_row().expect("a row").person.id;
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.timeline.filter.person_id, Some(worst));
}

#[test]
fn the_timeline_follows_a_new_save() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('4'));
    let newest = app.timeline.events[0].clone();
    let this_week = |app: &rapport::tui::app::App| {
        let strips = app.timeline.strips.as_ref().expect("the strips are read");
        *strips.team.last().expect("twelve weeks")
    };
    let held = this_week(&app);
    // Another filter reads no strip again; a save does.
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(this_week(&app), held);
    // Log a conversation from Today and come back.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Log);
    app.log.summary.set("Talked about the roadmap");
    app.log.changed = true;
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(status(&app).starts_with("Logged"), "{}", status(&app));
    press(&mut app, KeyCode::Char('4'));
    let first = &app.timeline.events[0];
    assert_ne!(first, &newest);
    assert_eq!(first.text, "Talked about the roadmap");
    assert_eq!(this_week(&app), held + 1, "the strips count the new 1:1");
}

// ---- Gaps ----

#[test]
fn gaps_screens() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(app.screen, Screen::Gaps);
    snapshot_both!("gaps", &app);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('l'));
    press(&mut app, KeyCode::Char('l'));
    snapshot_both!("gaps_cursor", &app);
}

#[test]
fn gaps_rows_come_worst_first_and_enter_logs_with_the_need_ticked() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('5'));
    let gaps = app.gaps.gaps.clone().expect("the matrix is read");
    assert!(
        gaps.rows.windows(2).all(|w| w[0].score >= w[1].score),
        "sorted by gap score"
    );
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('l'));
    press(&mut app, KeyCode::Char('l'));
    let row = app.gaps.selected_row().expect("a row").clone();
    assert_eq!(row.person.id, gaps.rows[1].person.id);
    assert_eq!(app.gaps.selected_need(), Need::Autonomy);
    // The cell's explanation names the need and the last time it was met.
    let shown = screen(&app, 160, 48);
    assert!(
        shown.contains(&format!("{} · Autonomy", row.person.name)),
        "{shown}"
    );
    assert!(shown.contains("Ask:"), "{shown}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Log);
    assert_eq!(app.log.person.as_ref().map(|p| p.0), Some(row.person.id));
    assert_eq!(
        app.log.needs,
        [
            NeedMark::Absent,
            NeedMark::Absent,
            NeedMark::ToRaise,
            NeedMark::Absent,
            NeedMark::Absent
        ],
        "only Autonomy is suggested, to raise"
    );
}

#[test]
fn gaps_on_an_empty_journal_say_what_to_do() {
    let (_dir, mut app) = empty_app();
    press(&mut app, KeyCode::Char('5'));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Nobody to show yet"), "{shown}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.screen,
        Screen::Gaps,
        "nothing to log with nobody chosen"
    );
}

// ---- Prep ----

#[test]
fn prep_sheet_from_today_then_log_with_its_needs() {
    let (_dir, mut app) = demo_app();
    let due = app.today.due[0].clone();
    press(&mut app, KeyCode::Char('p'));
    let Some(Overlay::Prep(sheet)) = &app.overlay else {
        panic!("the prep sheet opens");
    };
    assert_eq!(sheet.person_id, due.person_id);
    let to_address = sheet.to_address.clone();
    snapshot_both!("prep", &app);
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    assert_eq!(app.screen, Screen::Log);
    assert_eq!(app.log.person.as_ref().map(|p| p.0), Some(due.person_id));
    for need in Need::ALL {
        let expected = if to_address.contains(&need) {
            NeedMark::ToRaise
        } else {
            NeedMark::Absent
        };
        assert_eq!(app.log.needs[need.index()], expected, "{need:?}");
    }
    // Saved as it stands, the suggestions count for nothing: no need of theirs changes.
    let needs_of = |app: &rapport::tui::app::App| {
        let today = app.store.today();
        let facts = app.store.person_fact(due.person_id, today).expect("facts");
        let row = gaps::row(&facts, today, &Config::default());
        row.needs.map(|cell| (cell.freshness, cell.last_met))
    };
    let before = needs_of(&app);
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_ne!(app.screen, Screen::Log, "the conversation is saved");
    assert_eq!(needs_of(&app), before);
    // A need the leader marks does count: 1 once is met, twice a concern.
    app.log = LogForm::for_person(Some((due.person_id, due.name.clone())), &to_address);
    app.screen = Screen::Log;
    let first = to_address[0];
    app.log.toggle_need(first);
    app.log.toggle_need(first);
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let after = needs_of(&app);
    assert_eq!(after[first.index()].0, Freshness::Concern, "{first:?}");
}

#[test]
fn prep_sheet_from_people_and_gaps_closes_with_esc() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('p'));
    assert!(matches!(app.overlay, Some(Overlay::Prep(_))));
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    assert_eq!(app.screen, Screen::People);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('p'));
    assert!(matches!(app.overlay, Some(Overlay::Prep(_))));
}

#[test]
fn i_on_the_prep_sheet_answers_their_oldest_idea_waiting() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('2'));
    let waiting = |app: &rapport::tui::app::App, person_id: i64| {
        let mut ideas: Vec<_> = app
            .store
            .ideas(Some(person_id))
            .unwrap()
            .into_iter()
            .filter(|i| i.status == rapport::domain::IdeaStatus::Heard && i.answered_on.is_none())
            .collect();
        ideas.sort_by_key(|i| (i.heard_on, i.id));
        ideas
    };
    let mut tries = 0;
    let person = loop {
        let id = app.people[app.people_screen.selected_index().unwrap()]
            .person
            .id;
        if !waiting(&app, id).is_empty() {
            break id;
        }
        press(&mut app, KeyCode::Char('j'));
        tries += 1;
        assert!(tries < 20, "the demo has an idea waiting");
    };
    let oldest = waiting(&app, person)[0].clone();
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Char('i'));
    assert!(
        matches!(app.overlay, Some(Overlay::Form(_))),
        "the answer form opens"
    );
    let shown = tui::screen(&app, 160, 48);
    assert!(shown.contains(&oldest.text), "{shown}");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "We will pilot it in January");
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.overlay.is_none(), "{}", tui::screen(&app, 160, 48));
    let answered = app
        .store
        .ideas(Some(person))
        .unwrap()
        .into_iter()
        .find(|i| i.id == oldest.id)
        .unwrap();
    assert_eq!(answered.answer, "We will pilot it in January");
    assert_eq!(answered.answered_on, Some(app.store.today()));
}

// ---- Trends ----

#[test]
fn trends_of_a_person_from_people() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('2'));
    let chosen = app.people[app.people_screen.selected_index().unwrap()]
        .person
        .name
        .clone();
    press(&mut app, KeyCode::Char('T'));
    let Some(Overlay::Trends(view)) = &app.overlay else {
        panic!("the trends open");
    };
    assert_eq!(view.person_name(), chosen);
    assert_eq!(view.month_count(), 12, "the trend_months setting's default");
    let drawn = tui::screen(&app, 160, 48);
    assert!(
        drawn.contains(&format!("{chosen} · the last 12 months")),
        "{drawn}"
    );
    for need in ["Competence", "Belonging", "Autonomy", "Fun", "Security"] {
        assert!(drawn.contains(need), "{drawn}");
    }
    snapshot_both!("trends", &app);
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    assert_eq!(app.screen, Screen::People);
}

#[test]
fn the_teams_trends_from_the_week_screen() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('T'));
    let Some(Overlay::TeamTrends(view)) = &app.overlay else {
        panic!("the team's trends open");
    };
    assert_eq!(view.month_count(), 12);
    let drawn = tui::screen(&app, 160, 48);
    assert!(drawn.contains("The team · the last 12 months"), "{drawn}");
    assert!(
        drawn.contains("People") && drawn.contains("Security"),
        "{drawn}"
    );
    assert!(drawn.contains('%'), "shares of the team: {drawn}");
    snapshot_both!("team_trends", &app);
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    assert_eq!(app.screen, Screen::Week);
}

// ---- Search ----

#[test]
fn search_screens() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('/'));
    snapshot_both!("search_empty", &app);
    type_text(&mut app, "migr");
    settle(&mut app);
    snapshot_both!("search_results", &app);
}

#[test]
fn search_opens_from_every_screen_and_finds_as_you_type() {
    let (_dir, mut app) = demo_app();
    for screen_key in ['1', '2', '4', '5'] {
        press(&mut app, KeyCode::Char(screen_key));
        press(&mut app, KeyCode::Char('/'));
        assert!(
            matches!(app.overlay, Some(Overlay::Search(_))),
            "from screen {screen_key}"
        );
        press(&mut app, KeyCode::Esc);
        assert!(app.overlay.is_none());
    }
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "migr");
    settle(&mut app);
    let Some(Overlay::Search(panel)) = &app.overlay else {
        panic!("search is open");
    };
    assert!(!panel.hits.is_empty(), "a half-typed word already finds");
    assert!(panel.problem.is_none());
    type_text(&mut app, "ation");
    settle(&mut app);
    // A query that cannot run keeps the last results and says why.
    type_text(&mut app, " (");
    settle(&mut app);
    let Some(Overlay::Search(panel)) = &app.overlay else {
        panic!("search is open");
    };
    assert!(panel.problem.is_some());
    assert!(!panel.hits.is_empty());
}

#[test]
fn enter_on_a_search_result_jumps_to_it() {
    let (_dir, mut app) = demo_app();
    let hit = open_search_hit(&mut app, "rollback", HitKind::Conversation);
    assert!(matches!(app.overlay, Some(Overlay::Conversation(_))));
    press(&mut app, KeyCode::Char('e'));
    assert!(app.overlay.is_none());
    assert_eq!(app.screen, Screen::Log);
    assert_eq!(app.log.editing.map(|which| which.id), Some(hit.item_id));

    // An aspiration opens on People with that aspiration selected.
    let (_dir, mut app) = demo_app();
    let hit = open_search_hit(&mut app, "conference", HitKind::Aspiration);
    assert_eq!(app.screen, Screen::People);
    let selected = app.people_screen.selected_index().expect("a person");
    assert_eq!(Some(app.people[selected].person.id), hit.person_id);
    assert_eq!(app.people_screen.focus, Focus::Detail);
    let detail = app.people_screen.detail.as_ref().expect("the detail");
    match app.people_screen.selected_item() {
        Some(DetailItem::Aspiration(i)) => assert_eq!(detail.aspirations[i].id, hit.item_id),
        other => panic!("the aspiration is selected, not {other:?}"),
    }

    // An idea and an acknowledgement open with that very item selected.
    for (word, kind) in [
        ("quarantine", HitKind::Idea),
        ("fuss", HitKind::Acknowledgement),
    ] {
        let (_dir, mut app) = demo_app();
        let hit = open_search_hit(&mut app, word, kind);
        assert_eq!(app.screen, Screen::People, "{word}");
        let detail = app.people_screen.detail.as_ref().expect("the detail");
        match (kind, app.people_screen.selected_item()) {
            (HitKind::Idea, Some(DetailItem::Idea(i))) => {
                assert_eq!(detail.ideas[i].id, hit.item_id)
            }
            (HitKind::Acknowledgement, Some(DetailItem::Acknowledgement(i))) => {
                assert_eq!(detail.acknowledgements[i].id, hit.item_id)
            }
            (_, other) => panic!("{word}: the {kind:?} is selected, not {other:?}"),
        }
    }

    // An acknowledgement older than the five the detail lists is selected too.
    let (_dir, mut app) = demo_app();
    let someone = app.people[0].person.id;
    let long_ago = app.store.local_now() - chrono::Duration::days(3000);
    app.store
        .add_acknowledgement(someone, long_ago, "the zyxwv migration, years ago")
        .expect("an old acknowledgement");
    for day in 1..=6 {
        let at = app.store.local_now() - chrono::Duration::days(day);
        app.store
            .add_acknowledgement(someone, at, &format!("recent thanks {day}"))
            .expect("a recent acknowledgement");
    }
    app.reload().expect("reloaded");
    let hit = open_search_hit(&mut app, "zyxwv", HitKind::Acknowledgement);
    assert_eq!(app.screen, Screen::People);
    let detail = app.people_screen.detail.as_ref().expect("the detail");
    match app.people_screen.selected_item() {
        Some(DetailItem::Acknowledgement(i)) => {
            assert_eq!(detail.acknowledgements[i].id, hit.item_id);
            assert_eq!(
                i,
                detail.acknowledgements.len() - 1,
                "after the latest ones"
            );
        }
        other => panic!("the old acknowledgement is selected, not {other:?}"),
    }
    assert!(screen(&app, 160, 48).contains("the zyxwv migration"));
}

#[test]
fn a_reflection_opens_its_week_from_the_timeline_and_from_search() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('4'));
    let event = open_timeline_event(&mut app, |e| e.kind == EventKind::Reflection);
    assert_eq!(app.screen, Screen::Week);
    assert_eq!(Some(app.week.shown().label), event.week);

    // The same from a search hit on reflection text, from another screen.
    press(&mut app, KeyCode::Char('1'));
    let hit = open_search_hit(&mut app, "praise", HitKind::Reflection);
    assert_eq!(app.screen, Screen::Week);
    assert!(app.week.shown().contains(hit.date), "{}", hit.date);
}

#[test]
fn enter_on_an_open_follow_up_in_the_timeline_selects_it_on_people() {
    let (_dir, mut app) = demo_app();
    let open: Vec<i64> = app
        .store
        .follow_ups(rapport::store::FollowUpFilter {
            person_id: None,
            open_only: true,
        })
        .expect("follow-ups")
        .iter()
        .map(|f| f.id)
        .collect();
    press(&mut app, KeyCode::Char('4'));
    let event = open_timeline_event(&mut app, |e| {
        e.kind == EventKind::FollowUpMade && open.contains(&e.id)
    });
    let (id, person) = (event.id, event.person.as_ref().map(|p| p.id));
    assert_eq!(app.screen, Screen::People);
    let selected = app.people_screen.selected_index().expect("a person");
    assert_eq!(Some(app.people[selected].person.id), person);
    let detail = app.people_screen.detail.as_ref().expect("the detail");
    match app.people_screen.selected_item() {
        Some(DetailItem::FollowUp(i)) => assert_eq!(detail.follow_ups[i].id, id),
        other => panic!("the follow-up is selected, not {other:?}"),
    }
}

#[test]
fn a_concern_reads_as_open_since_it_was_raised_in_gaps() {
    let (_dir, mut app) = demo_app();
    let someone = app.people[0].person.clone();
    let now = app.store.local_now();
    app.store
        .save_conversation(&rapport::domain::ConversationInput {
            person_id: someone.id,
            happened_at: now - chrono::Duration::days(3),
            kind: rapport::domain::ConversationKind::OneOnOne,
            mood: None,
            stance: None,
            summary: String::new(),
            notes: String::new(),
            needs: vec![rapport::domain::ConversationNeed {
                need: Need::Security,
                state: rapport::domain::NeedState::Concern,
                how: "worried about pay".into(),
            }],
            tags: Vec::new(),
            follow_ups: Vec::new(),
            acknowledgement: None,
            idea: None,
        })
        .expect("saved");
    app.reload().expect("reloaded");
    press(&mut app, KeyCode::Char('5'));
    let shown = screen(&app, 160, 48);
    let row = shown
        .lines()
        .find(|line| line.contains(&someone.name))
        .expect("their row");
    assert!(row.contains("! 3d"), "{row}");
}

// ---- A first 1:1: the getting-to-know guide ----

/// The demo team and one person just added, not met yet: the App opened on them.
fn app_with_someone_new() -> (tempfile::TempDir, rapport::tui::app::App) {
    let (dir, mut app) = demo_app();
    app.store
        .add_person(&rapport::domain::NewPerson {
            name: "Nora Quinn".into(),
            role: "Support Engineer".into(),
            ..rapport::domain::NewPerson::default()
        })
        .expect("Nora is added");
    app.reload().expect("the journal reads");
    (dir, app)
}

#[test]
fn a_first_one_on_one_fills_what_is_still_unknown_and_asks_to_get_to_know_them() {
    let (_dir, mut app) = app_with_someone_new();
    let nora = app.store.resolve_person("Nora", false).expect("Nora");
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "Nora");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('p'));
    let Some(Overlay::Prep(sheet)) = &app.overlay else {
        panic!("the prep sheet opens");
    };
    assert_eq!(sheet.person_id, nora.id);
    let drawn = screen(&app, 80, 24);
    assert!(drawn.contains("Still unknown"), "{drawn}");
    assert!(
        drawn.contains("What do you want to be acknowledged for?"),
        "{drawn}"
    );
    snapshot_both!("prep_first_one_on_one", &app);

    // `a` answers the first thing still unknown: what they want to be acknowledged for.
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "Calm customers during outages");
    snapshot_both!("prep_answering", &app);
    press(&mut app, KeyCode::Enter);
    let nora_now = app.store.person(nora.id).expect("Nora");
    assert_eq!(nora_now.acknowledge_for, "Calm customers during outages");
    assert!(status(&app).contains("Noted what Nora wants to be acknowledged for"));
    // The next is the career aspiration: the answer adds one, exploring.
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "Lead the support tooling");
    press(&mut app, KeyCode::Enter);
    let journal = rusqlite::Connection::open(app.store.path()).expect("the journal");
    let titles = |journal: &rusqlite::Connection| -> Vec<String> {
        journal
            .prepare("SELECT title || '|' || status FROM aspiration WHERE person_id = ?1")
            .expect("a query")
            .query_map([nora.id], |row| row.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    assert_eq!(titles(&journal), ["Lead the support tooling|exploring"]);
    // Esc while answering stops answering, not the sheet; nothing is written.
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "half a thought");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay, Some(Overlay::Prep(_))));
    assert_eq!(app.store.person(nora.id).expect("Nora").would_change, "");
    let drawn = screen(&app, 80, 24);
    assert!(!drawn.contains("acknowledge for —"), "{drawn}");
    assert!(drawn.contains("would change —"), "{drawn}");

    // Log it from the sheet: Ctrl-Q puts a getting-to-know question into the notes.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Log);
    press_mod(&mut app, KeyCode::Char('q'), KeyModifiers::CONTROL);
    press_mod(&mut app, KeyCode::Char('q'), KeyModifiers::CONTROL);
    let notes = app.log.notes.lines().join("\n");
    let asked: Vec<&str> = notes
        .lines()
        .filter_map(|l| l.strip_prefix("Q: "))
        .collect();
    assert_eq!(asked.len(), 2, "{notes}");
    assert!(status(&app).contains("Ctrl-Q for another"));
    snapshot_both!("log_asking", &app);
    // A question taken out of the notes again was not asked after all.
    let kept = notes.lines().next().expect("a first line").to_string();
    app.log.notes = ratatui_textarea::TextArea::from([
        kept.clone(),
        "She wants to own the support tooling.".to_string(),
    ]);
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_ne!(app.screen, Screen::Log, "the conversation is saved");
    let talks = app.store.recent_conversations(nora.id, 5).expect("talks");
    assert_eq!(talks.len(), 1);
    let recorded: Vec<String> = journal
        .prepare("SELECT topic || '|' || question FROM question_asked WHERE conversation_id = ?1")
        .expect("a query")
        .query_map([talks[0].id], |row| row.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(recorded, [format!("getting-to-know|{}", asked[0])]);
}

#[test]
fn the_people_filter_finds_the_roving_leaders() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "rov");
    let drawn = screen(&app, 80, 24);
    // The demo team's two roving leaders, and nobody else.
    assert!(drawn.contains("People (2)"), "{drawn}");
    assert!(
        drawn.contains("Fatima ★") && drawn.contains("Leila ★"),
        "{drawn}"
    );
}

/// The app on the demo journal with a follow-up or a talking point about "quillwort" for its
/// first person, done (or discussed) when `done`, written before the app starts as another
/// session would have written it; and that person's id and the item's.
fn app_with_a_quillwort(
    kind: HitKind,
    done: bool,
) -> (tempfile::TempDir, rapport::tui::app::App, i64, i64) {
    let (dir, app) = demo_app();
    let someone = app.people[0].person.id;
    drop(app);
    let mut store = tui::open_store(&dir);
    let id = match kind {
        HitKind::FollowUp => {
            let made = store
                .add_follow_up(
                    someone,
                    &rapport::domain::NewFollowUp {
                        owner: rapport::domain::Owner::Me,
                        text: "the quillwort summary".into(),
                        due_on: None,
                    },
                )
                .expect("a follow-up");
            if done {
                store.set_follow_up_done(made.id, true).expect("done");
            }
            made.id
        }
        _ => {
            let raised = store
                .raise_talking_point(someone, rapport::domain::Owner::Me, "the quillwort rota")
                .expect("a talking point");
            if done {
                store
                    .tick_talking_point(raised.id, true)
                    .expect("discussed");
            }
            raised.id
        }
    };
    let app = rapport::tui::app::App::new(
        store,
        rapport::tui::theme::Theme::new(true),
        tui::LABEL.into(),
    )
    .expect("the app starts");
    (dir, app, someone, id)
}

/// On People, the detail's selected row is the follow-up or talking point `id`.
fn assert_selected(app: &rapport::tui::app::App, kind: HitKind, someone: i64, id: i64) {
    assert_eq!(app.screen, Screen::People, "{kind:?}");
    let selected = app.people_screen.selected_index().expect("a person");
    assert_eq!(app.people[selected].person.id, someone);
    assert_eq!(app.people_screen.focus, Focus::Detail, "{kind:?}");
    let detail = app.people_screen.detail.as_ref().expect("the detail");
    match app.people_screen.selected_item() {
        Some(DetailItem::FollowUp(i)) if kind == HitKind::FollowUp => {
            assert_eq!(detail.follow_ups[i].id, id)
        }
        Some(DetailItem::TalkingPoint(i)) if kind == HitKind::TalkingPoint => {
            assert_eq!(detail.talking_points[i].id, id)
        }
        other => panic!("the {kind:?} is selected, not {other:?}"),
    }
}

/// A follow-up or a talking point found by search opens on People with that very item
/// selected, as an idea or an acknowledgement does.
#[test]
fn follow_ups_and_talking_points_found_by_search_open_on_their_person() {
    for kind in [HitKind::FollowUp, HitKind::TalkingPoint] {
        let (_dir, mut app, someone, id) = app_with_a_quillwort(kind, false);
        let hit = open_search_hit(&mut app, "quillwort", kind);
        assert_eq!(hit.item_id, id);
        assert_selected(&app, kind, someone, id);
    }
}

/// One already done (or discussed), which the detail's open lists leave out, joins the
/// detail selected and says when it was done; x on it changes nothing.
#[test]
fn a_done_follow_up_found_by_search_opens_selected_and_says_it_is_done() {
    for (kind, said, refused) in [
        (
            HitKind::FollowUp,
            "the quillwort summary · done today",
            "That follow-up is already done.",
        ),
        (
            HitKind::TalkingPoint,
            "the quillwort rota · discussed 23 Nov",
            "That point is already discussed.",
        ),
    ] {
        let (_dir, mut app, someone, id) = app_with_a_quillwort(kind, true);
        let hit = open_search_hit(&mut app, "quillwort", kind);
        assert_eq!(hit.item_id, id);
        assert_selected(&app, kind, someone, id);
        let drawn = screen(&app, 160, 48);
        assert!(drawn.contains(said), "{kind:?}\n{drawn}");
        press(&mut app, KeyCode::Char('x'));
        assert_eq!(status(&app), refused, "{kind:?}");
    }
}
