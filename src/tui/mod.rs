//! The terminal interface: an event loop around [`app::App`], the terminal set up and always
//! restored (on quit, error, panic, SIGTERM and SIGHUP), and the trip out to `$EDITOR`.

mod answers;
pub mod app;
mod background;
mod carry_out;
mod drafts;
mod editor;
pub(crate) mod forms;
pub(crate) mod generation;
pub use crate::keymap;
pub mod overlay;
pub mod overlays;
mod reading;
pub mod render;
mod request;
pub mod screens;
pub(crate) mod search_worker;
mod sync_worker;
mod target;
mod terminal;
pub mod theme;
mod timed;
mod unlock;
pub(crate) mod widgets;

use std::io::{self, Read};
use std::os::unix::net::UnixStream;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::config::{Config, ThemeName};
use crate::store::Store;
use app::{App, Effect};
use terminal::TerminalGuard;
pub use terminal::TuiError;
pub use unlock::unlock;

/// Runs the interface on an open journal until the leader quits.
pub fn run(store: Store, journal_label: String, config: Config) -> Result<(), TuiError> {
    let theme = theme::Theme::chosen(config.theme);
    // Only a colour theme left to the terminal asks it anything.
    let ask_background = config.theme == ThemeName::Auto && !theme::Theme::no_colour();
    let mouse = config.mouse;
    let mut app = App::with_config(store, theme, journal_label, config)?;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    // The loop sleeps until input or timed work; everything else that needs it awake (a stop
    // signal, a resized window, a search answer) writes a byte to this socket.
    let (wake, wake_writer) = UnixStream::pair()?;
    wake.set_nonblocking(true)?;
    wake_writer.set_nonblocking(true)?;
    let mut wake_ids = Vec::new();
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGWINCH,
    ] {
        wake_ids.push(signal_hook::low_level::pipe::register(
            signal,
            wake_writer.try_clone()?,
        )?);
    }
    app.wake_on_answers(wake_writer);
    let mut terminal = ratatui::try_init()?;
    let _guard = TerminalGuard;
    // In raw mode now, and before the event loop reads a key: the terminal's answer is
    // read here, never taken for keys.
    if ask_background {
        app.theme = theme::Theme::chosen(background::detect());
    }
    let earlier_hook = panic::take_hook();
    panic::set_hook(Box::new(quiet_panic_hook));
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        if mouse {
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        event_loop(&mut app, &mut terminal, &stop, &wake, mouse)
    }));
    for id in wake_ids {
        signal_hook::low_level::unregister(id);
    }
    let result = match outcome {
        // Left with a form that could not be kept as a draft: said where the leader sees it.
        Ok(Ok(())) if app.unkept.is_some() => {
            Err(TuiError::Unkept(app.unkept.take().unwrap_or_default()))
        }
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
    wake: &UnixStream,
    mouse: bool,
) -> Result<(), TuiError> {
    let mut redraw = true;
    while !app.quit {
        if redraw {
            terminal.draw(|frame| render::render(app, frame))?;
            redraw = false;
        }
        // Every event crossterm has already read (a paste arrives as many) is handled before
        // the next frame, without waiting for more.
        while !app.quit && event::poll(Duration::ZERO)? {
            let event = event::read()?;
            #[cfg(feature = "fault-injection")]
            injected_panic(&event);
            let effect = app.handle_event(event);
            if effect == Effect::Suspend {
                // Stopped here until `fg`; then the terminal is set up again and redrawn.
                suspended(mouse, || {
                    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
                })?;
                *terminal =
                    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))?;
            }
            if let Effect::OpenEditor(text) = effect {
                let result = suspended(mouse, || editor::edit(&text))?;
                // A fresh terminal redraws every cell (clear() would ask the terminal where
                // its cursor is, which not every terminal answers).
                *terminal =
                    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))?;
                app.editor_returned(result);
            }
            redraw = true;
        }
        redraw |= app.tick(Instant::now());
        if stop.load(Ordering::Relaxed) {
            app.shutdown();
        }
        if redraw || app.quit {
            // Show what changed now; the next pass waits.
            continue;
        }
        // Nothing to show and no key waiting: read a screen out of view that a change left
        // out of date (or that was never shown), one at a time, so that its first visit
        // reads nothing. A key typed meanwhile stops the reading, which is done again later.
        if app.prepare_unseen_giving_way(key_waiting) {
            continue;
        }
        // Nothing to show: sleep until input, a wake-up or the next timed work. We wait on the
        // terminal ourselves: crossterm's own wait never returns once the terminal has hung
        // up (a closed window), and Rapport must notice and leave.
        // Besides its timed work, the app looks once a second whether another Rapport
        // changed the journal (one cheap pragma; nothing is read when nothing changed).
        let now = Instant::now();
        let wake_at = app
            .next_timed_work(now)
            .map_or(app.next_look(), |at| at.min(app.next_look()));
        let timeout = Some(wake_at.saturating_duration_since(now));
        if terminal_hung_up(timeout, wake) {
            app.shutdown();
        }
        drain(wake);
    }
    Ok(())
}

/// The tests' panic trigger: F12 when the `tui-panic` fault is armed.
#[cfg(feature = "fault-injection")]
fn injected_panic(event: &event::Event) {
    if let event::Event::Key(key) = event
        && key.code == event::KeyCode::F(12)
        && crate::store::fault::armed("tui-panic")
    {
        panic!("injected fault: the interface stops here on purpose");
    }
}

/// Whether a key (or other input) is waiting on the terminal, without waiting for one.
fn key_waiting() -> bool {
    use rustix::event::{PollFd, PollFlags};
    let stdin = io::stdin();
    let mut watch = [PollFd::new(&stdin, PollFlags::IN)];
    let ready = rustix::event::poll(&mut watch, Some(&rustix::time::Timespec::default()));
    // A terminal that hung up is no key: the wait below notices it and the interface leaves.
    ready.unwrap_or(0) > 0
        && watch[0].revents().contains(PollFlags::IN)
        && !watch[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
}

/// Waits for input on the terminal or a byte on `wake`, at most `timeout` (`None`: as long as
/// it takes); true when the terminal is gone.
fn terminal_hung_up(timeout: Option<Duration>, wake: &UnixStream) -> bool {
    use rustix::event::{PollFd, PollFlags};
    let stdin = io::stdin();
    let mut watch = [
        PollFd::new(&stdin, PollFlags::IN),
        PollFd::new(wake, PollFlags::IN),
    ];
    // Rounded up to whole milliseconds: a deadline 0.4 ms away must not become a busy
    // zero wait.
    let timeout = timeout.map(|t| {
        let millis = t.as_nanos().div_ceil(1_000_000);
        rustix::time::Timespec {
            tv_sec: i64::try_from(millis / 1000).unwrap_or(i64::MAX),
            tv_nsec: i64::try_from(millis % 1000).unwrap_or(0) * 1_000_000,
        }
    });
    // An interrupted wait (a signal) is a wake-up like any other.
    let ready = rustix::event::poll(&mut watch, timeout.as_ref()).unwrap_or(0);
    ready > 0
        && watch[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
}

/// Empties the wake-up socket (non-blocking), so the next wait sleeps again.
fn drain(mut wake: &UnixStream) {
    let mut buf = [0u8; 64];
    while matches!(wake.read(&mut buf), Ok(n) if n > 0) {}
}

/// Hands the terminal back to the shell while `work` runs (the editor), then takes it again.
fn suspended<T>(mouse: bool, work: impl FnOnce() -> T) -> io::Result<T> {
    execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen)?;
    disable_raw_mode()?;
    let result = work();
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, Clear(ClearType::All))?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(result)
}
