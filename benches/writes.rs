//! Writes on the large journal: the store's insert of a conversation (with its search index
//! entries, in one `BEGIN IMMEDIATE` transaction synced to disk), Ctrl-S on a filled Log form
//! (that insert, the draft removed, the screens reloaded, the next frame drawn), and a
//! checked backup.
//!
//! Both work on a scratch copy of the cached journal, so the journal the other benches read
//! never changes. `cargo bench --bench writes`.

mod journal;

use std::cell::RefCell;
use std::path::PathBuf;

use divan::Bencher;
use rapport::domain::{
    ConversationInput, ConversationKind, ConversationNeed, Mood, Need, NewFollowUp, Owner, Stance,
};
use rapport::store::Store;
use rapport::tui::app::App;
use rapport::tui::keymap::{Action, Screen};
use rapport::tui::render::render;
use rapport::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn main() {
    divan::main();
}

/// A private scratch copy of the large journal, removed when dropped.
struct Scratch {
    dir: PathBuf,
    path: PathBuf,
}

impl Scratch {
    fn new() -> Scratch {
        let dir = journal::cache_dir().join(format!("scratch-{}", std::process::id()));
        rapport::store::prepare_private_dir(&dir).expect("a scratch folder");
        let path = dir.join("journal.db");
        let source = journal::store(journal::LARGE);
        source.backup_to(&path).expect("the journal is copied");
        Scratch { dir, path }
    }

    fn store(&self) -> Store {
        let now = journal::journal_now(&self.path);
        Store::open_keyed_with_clock(&self.path, journal::key(), journal::clock_at(now))
            .expect("the copy opens")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn conversation(store: &Store, person_id: i64, n: usize) -> ConversationInput {
    ConversationInput {
        person_id,
        happened_at: store.local_now(),
        kind: ConversationKind::OneOnOne,
        mood: Mood::new(4),
        stance: Some(Stance::Leading),
        summary: format!("Benchmark conversation {n} about the roadmap"),
        notes: "Talked through the quarter's plan, what felt heavy and what she wants to \
                learn next. Agreed to pair on the design review."
            .into(),
        needs: vec![
            ConversationNeed {
                need: Need::Competence,
                state: rapport::domain::NeedState::Met,
                how: "picked the design review to lead".into(),
            },
            ConversationNeed {
                need: Need::Autonomy,
                state: rapport::domain::NeedState::Met,
                how: String::new(),
            },
        ],
        tags: vec!["roadmap".into()],
        follow_ups: vec![NewFollowUp {
            owner: Owner::Me,
            text: "send the course link".into(),
            due_on: None,
        }],
        acknowledgement: None,
        idea: None,
    }
}

/// The store's insert alone (`Store::save_conversation`): needs, a tag, a follow-up, the
/// search index, fsync (WAL, `synchronous=FULL`). Not what Ctrl-S costs: see
/// `ctrl_s_log_form`.
#[divan::bench(sample_count = 50, sample_size = 1)]
fn store_save_conversation(bencher: Bencher) {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let person = store.people(false).expect("people")[0].id;
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        let input = conversation(&store, person, n);
        store.save_conversation(&input).expect("saved")
    });
}

/// Ctrl-S on a filled Log form, in process (`App::handle_key` and a 160×48 frame, no event
/// loop): the insert above, the draft removed (the form had been kept as a draft, as the
/// interface does once typing pauses), the people list and the screen returned to (People)
/// read again; the screens out of view are left for the idle event loop.
/// The form is filled again, untimed, before each sample.
#[divan::bench(sample_count = 50, sample_size = 1)]
fn ctrl_s_log_form(bencher: Bencher) {
    let scratch = Scratch::new();
    let app = RefCell::new(
        App::new(scratch.store(), Theme::new(true), "bench.db".into()).expect("the app starts"),
    );
    app.borrow_mut().update(Action::GoTo(Screen::People));
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("a test terminal");
    let mut n = 0;
    bencher
        .with_inputs(|| {
            n += 1;
            let mut app = app.borrow_mut();
            // Enter on People opens the form for the selected person; six Tabs reach Summary.
            key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
            for _ in 0..6 {
                key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
            }
            for c in format!("Benchmark conversation {n} about the roadmap").chars() {
                key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
            }
            key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
            for c in "Talked through the quarter's plan and what she wants to learn next.".chars() {
                key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
            }
            key(&mut app, KeyCode::Char('1'), KeyModifiers::ALT);
            app.save_draft_now();
            assert!(app.draft_saved_at.is_some(), "the form was kept as a draft");
        })
        .bench_local_values(|()| {
            let mut app = app.borrow_mut();
            key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
            terminal
                .draw(|frame| render(&app, frame))
                .expect("drawing never fails");
        });
    let app = app.into_inner();
    assert_eq!(app.screen, Screen::People, "every save went back to People");
}

fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.handle_key(KeyEvent::new(code, modifiers));
}

/// `rapport backup FILE`: the online copy and its check.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn backup(bencher: Bencher) {
    let scratch = Scratch::new();
    let store = journal::store(journal::LARGE);
    let dest = scratch.dir.join("backup.db");
    bencher.bench_local(|| store.backup_to(&dest).expect("the backup passes its check"));
}
