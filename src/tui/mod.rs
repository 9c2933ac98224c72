//! The terminal interface: an event loop around [`app::App`], the terminal set up and always
//! restored (on quit, error, panic, SIGTERM and SIGHUP), and the trip out to `$EDITOR`.

pub mod app;
mod editor;
pub mod keymap;
pub mod render;
pub mod screens;
pub mod search_worker;
pub mod theme;
pub mod widgets;

use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use thiserror::Error;

use crate::config::Config;
use crate::store::{self, Store};
use app::{App, Effect};

#[derive(Debug, Error)]
pub enum TuiError {
    #[error("{0}")]
    Store(#[from] store::Error),
    #[error("the terminal could not be used: {0}")]
    Terminal(#[from] io::Error),
    #[error(
        "an internal error stopped the interface (at {at}); {}please report it",
        if *.kept { "your unsaved form was kept as a draft; " } else { "" }
    )]
    Internal { at: String, kept: bool },
}

/// How often the loop wakes without input: drafts are written and messages expire on ticks.
const TICK: Duration = Duration::from_millis(100);

/// Restores the terminal when dropped, whichever way the loop ends.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// Runs the interface on an open journal until the leader quits.
pub fn run(store: Store, journal_label: String, config: Config) -> Result<(), TuiError> {
    let mut app = App::with_config(store, theme::Theme::from_env(), journal_label, config)?;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = ratatui::try_init()?;
    let _guard = TerminalGuard;
    let earlier_hook = panic::take_hook();
    panic::set_hook(Box::new(quiet_panic_hook));
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        execute!(io::stdout(), EnableMouseCapture)?;
        event_loop(&mut app, &mut terminal, &stop)
    }));
    let result = match outcome {
        Ok(result) => result,
        Err(_) => {
            // The form is still in memory: keep it as a draft before saying what happened.
            let before = app.draft_saved_at;
            let wrote = panic::catch_unwind(AssertUnwindSafe(|| app.save_draft_now())).is_ok();
            let kept = wrote && app.draft_saved_at != before;
            let at = PANIC_AT
                .lock()
                .ok()
                .and_then(|mut at| at.take())
                .unwrap_or_else(|| "an unknown place".into());
            Err(TuiError::Internal { at, kept })
        }
    };
    panic::set_hook(earlier_hook);
    result
}

/// Where the last panic happened (file and line only).
static PANIC_AT: Mutex<Option<String>> = Mutex::new(None);

/// Restores the terminal and remembers where the panic happened. It prints nothing: a panic
/// message can quote the text being handled (a slice of the notes, say), and notes never go
/// to stderr. The message the leader sees comes from [`TuiError::Internal`].
fn quiet_panic_hook(info: &panic::PanicHookInfo<'_>) {
    // Only the interface's own thread owns the terminal (the daily backup runs beside it).
    if std::thread::current().name() != Some("main") {
        return;
    }
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    if let Ok(mut at) = PANIC_AT.lock() {
        *at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
    }
}

fn event_loop(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    stop: &AtomicBool,
) -> Result<(), TuiError> {
    let mut redraw = true;
    while !app.quit {
        if redraw {
            terminal.draw(|frame| render::render(app, frame))?;
            redraw = false;
        }
        // Events crossterm has already read (a paste arrives as many) come first, without
        // waiting.
        while !app.quit && event::poll(Duration::ZERO)? {
            let event = event::read()?;
            #[cfg(feature = "fault-injection")]
            injected_panic(&event);
            let effect = app.handle_event(event);
            if let Effect::OpenEditor(text) = effect {
                let result = suspended(|| editor::edit(&text))?;
                // A fresh terminal redraws every cell (clear() would ask the terminal where
                // its cursor is, which not every terminal answers).
                *terminal =
                    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))?;
                app.editor_returned(result);
            }
            redraw = true;
        }
        // Then wait for the terminal ourselves: crossterm's own wait never returns once the
        // terminal has hung up (a closed window), and Rapport must notice and leave.
        if terminal_hung_up(app.wait_at_most(TICK)) {
            app.shutdown();
        }
        redraw |= app.tick(Instant::now());
        if stop.load(Ordering::Relaxed) {
            app.shutdown();
        }
    }
    Ok(())
}

/// The tests' panic trigger: F12 when the `tui-panic` fault is armed.
#[cfg(feature = "fault-injection")]
fn injected_panic(event: &event::Event) {
    if let event::Event::Key(key) = event
        && key.code == event::KeyCode::F(12)
        && store::fault::armed("tui-panic")
    {
        panic!("injected fault: the interface stops here on purpose");
    }
}

/// Waits up to `timeout` for input on the terminal; true when the terminal is gone.
fn terminal_hung_up(timeout: Duration) -> bool {
    let mut watch = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = libc::c_int::try_from(timeout.as_millis()).unwrap_or(100);
    // SAFETY: one valid pollfd on our own standard input, for a bounded time.
    let ready = unsafe { libc::poll(&mut watch, 1, millis) };
    ready > 0 && watch.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Hands the terminal back to the shell while `work` runs (the editor), then takes it again.
fn suspended<T>(work: impl FnOnce() -> T) -> io::Result<T> {
    execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen)?;
    disable_raw_mode()?;
    let result = work();
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        Clear(ClearType::All),
        EnableMouseCapture
    )?;
    Ok(result)
}
