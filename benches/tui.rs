//! The terminal interface on the large journal, in process: starting, drawing each screen
//! into a 160×48 TestBackend, and a key's update followed by the frame drawn after it.
//!
//! These call `App::handle_key` and `render` directly: no event loop, no terminal, no bytes
//! written anywhere. What a person at the keyboard waits for, through the real event loop
//! and a pseudo-terminal, is `benches/key_to_screen.rs`.
//!
//! Screens come from `Screen::ALL`, so a new screen is measured as soon as it has a tab.
//! `cargo bench --bench tui`.

mod journal;

use std::cell::{Cell, RefCell};

use divan::Bencher;
use rapport::tui::app::App;
use rapport::tui::keymap::{Action, Screen};
use rapport::tui::render::render;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn main() {
    divan::main();
}

const WIDTH: u16 = 160;
const HEIGHT: u16 = 48;

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal")
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| render(app, frame))
        .expect("drawing never fails");
}

/// The app on the large journal showing `screen`, its data read as going there reads it.
fn app_on(screen: Screen) -> App {
    let mut app = journal::app(journal::LARGE);
    app.update(Action::GoTo(screen));
    app
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// `App::new`: the journal open, Today's and People's data read (the first frame's). The
/// other screens read theirs when first shown: see `start_and_show_every_screen`.
#[divan::bench(args = journal::YEARS, sample_count = 30, sample_size = 1)]
fn start(bencher: Bencher, years: u32) {
    bencher
        .with_inputs(|| journal::store(years))
        .bench_local_values(|store| {
            App::new(
                store,
                rapport::tui::theme::Theme::new(true),
                "bench.db".into(),
            )
            .expect("the app starts")
        });
}

/// `App::new`, then every screen shown once, so every screen's data is read.
#[divan::bench(args = journal::YEARS, sample_count = 30, sample_size = 1)]
fn start_and_show_every_screen(bencher: Bencher, years: u32) {
    bencher
        .with_inputs(|| journal::store(years))
        .bench_local_values(|store| {
            let mut app = App::new(
                store,
                rapport::tui::theme::Theme::new(true),
                "bench.db".into(),
            )
            .expect("the app starts");
            for screen in Screen::ALL {
                app.update(Action::GoTo(screen));
            }
            app
        });
}

/// Drawing a screen whose content changed since the last frame (the selection one row
/// down, and back), so the frame's changed cells are written to the backend. No update:
/// two apps hold the two states.
#[divan::bench(args = Screen::ALL)]
fn render_changed_screen(bencher: Bencher, screen: Screen) {
    let first = app_on(screen);
    let mut second = app_on(screen);
    second.update(Action::Down);
    let mut terminal = terminal();
    let mut show_first = true;
    bencher.bench_local(|| {
        draw(&mut terminal, if show_first { &first } else { &second });
        show_first = !show_first;
    });
}

/// Update and draw for a key moving the selection (down, then up, alternately: the
/// selection moves and comes back). No event loop, no terminal.
#[divan::bench(args = Screen::ALL)]
fn update_and_draw_move(bencher: Bencher, screen: Screen) {
    let mut app = app_on(screen);
    let mut terminal = terminal();
    let mut down = true;
    bencher.bench_local(|| {
        press(&mut app, if down { KeyCode::Down } else { KeyCode::Up });
        down = !down;
        draw(&mut terminal, &app);
    });
}

/// Update and draw for the key that shows `screen`, alternating with the key back (to Today,
/// or from Today to People; Esc from the Log form): half of the samples are the way back.
#[divan::bench(args = Screen::ALL)]
fn update_and_draw_switch_screen(bencher: Bencher, screen: Screen) {
    let home = if screen == Screen::Today {
        Screen::People
    } else {
        Screen::Today
    };
    let mut app = app_on(home);
    let mut terminal = terminal();
    let mut there = false;
    bencher.bench_local(|| {
        let key = match (there, screen) {
            (false, _) => KeyCode::Char(screen.key()),
            (true, Screen::Log) => KeyCode::Esc,
            (true, _) => KeyCode::Char(home.key()),
        };
        press(&mut app, key);
        there = !there;
        draw(&mut terminal, &app);
    });
}

/// Update and draw for Enter on People (the Log form opens for the selected person),
/// alternating with Esc (the unchanged form closes).
#[divan::bench]
fn update_and_draw_open_log_form(bencher: Bencher) {
    let mut app = app_on(Screen::People);
    let mut terminal = terminal();
    let mut open = false;
    bencher.bench_local(|| {
        press(&mut app, if open { KeyCode::Esc } else { KeyCode::Enter });
        open = !open;
        draw(&mut terminal, &app);
    });
}

/// Update and draw for a letter typed into the Log form's Summary, alternating with
/// Backspace.
#[divan::bench]
fn update_and_draw_type_in_form(bencher: Bencher) {
    let mut app = app_on(Screen::People);
    press(&mut app, KeyCode::Enter);
    for _ in 0..6 {
        press(&mut app, KeyCode::Tab);
    }
    let mut terminal = terminal();
    let mut letter = true;
    bencher.bench_local(|| {
        press(
            &mut app,
            if letter {
                KeyCode::Char('x')
            } else {
                KeyCode::Backspace
            },
        );
        letter = !letter;
        draw(&mut terminal, &app);
    });
}

/// Update and draw for Enter applying a Timeline filter (`kind:1:1`, typed before the timed
/// key), alternating with `c` clearing it. One key per sample, so the typing stays out.
#[divan::bench(sample_count = 200, sample_size = 1)]
fn update_and_draw_timeline_filter(bencher: Bencher) {
    let app = RefCell::new(app_on(Screen::Timeline));
    let mut terminal = terminal();
    let apply = Cell::new(true);
    bencher
        .with_inputs(|| {
            if apply.get() {
                let mut app = app.borrow_mut();
                press(&mut app, KeyCode::Char('f'));
                type_text(&mut app, "kind:1:1");
            }
        })
        .bench_local_values(|()| {
            let mut app = app.borrow_mut();
            let key = if apply.get() {
                KeyCode::Enter
            } else {
                KeyCode::Char('c')
            };
            press(&mut app, key);
            apply.set(!apply.get());
            draw(&mut terminal, &app);
        });
}

/// `T` on People: one person's months read from the journal and the trends view opened (then
/// Esc). The reading is most of it.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn open_trends(bencher: Bencher) {
    let mut app = app_on(Screen::People);
    bencher.bench_local(|| {
        press(&mut app, KeyCode::Char('T'));
        press(&mut app, KeyCode::Esc);
    });
}

/// Drawing the trends view at 160×48, alternating between two people so that every frame
/// differs.
#[divan::bench]
fn draw_trends(bencher: Bencher) {
    let mut first = app_on(Screen::People);
    press(&mut first, KeyCode::Char('T'));
    let mut second = app_on(Screen::People);
    press(&mut second, KeyCode::Down);
    press(&mut second, KeyCode::Char('T'));
    let mut terminal = terminal();
    let mut show_first = true;
    bencher.bench_local(|| {
        draw(&mut terminal, if show_first { &first } else { &second });
        show_first = !show_first;
    });
}

/// `T` on Week: the whole team's months read (every conversation of the last twelve months)
/// and the view opened (then Esc).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn open_team_trends(bencher: Bencher) {
    let mut app = app_on(Screen::Week);
    bencher.bench_local(|| {
        press(&mut app, KeyCode::Char('T'));
        press(&mut app, KeyCode::Esc);
    });
}
