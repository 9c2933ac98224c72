//! The terminal interface on the large journal: starting (every screen's data loaded),
//! drawing each screen into a 160×48 TestBackend, and a key press through to the next frame.
//!
//! Screens come from `Screen::ALL`, so a new screen is measured as soon as it has a tab.
//! `cargo bench --bench tui`.

mod journal;

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

/// From an open journal to the state of the first frame.
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

/// Drawing one frame of a screen (no query: render only reads the app).
#[divan::bench(args = Screen::ALL)]
fn render_screen(bencher: Bencher, screen: Screen) {
    let app = app_on(screen);
    let mut terminal = terminal();
    bencher.bench_local(|| draw(&mut terminal, &app));
}

/// A key press (down, then up, alternately: the selection moves and comes back) and the
/// frame drawn after it.
#[divan::bench(args = Screen::ALL)]
fn key_to_frame(bencher: Bencher, screen: Screen) {
    let mut app = app_on(screen);
    let mut terminal = terminal();
    let mut down = true;
    bencher.bench_local(|| {
        let code = if down { KeyCode::Down } else { KeyCode::Up };
        down = !down;
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        draw(&mut terminal, &app);
    });
}
