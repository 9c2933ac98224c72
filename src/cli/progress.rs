//! The progress line of long work (an import, a conversion, a backup, a check): drawn on
//! standard error, only when it is a terminal and the output is not `--json`, at most ten
//! times a second; cleared before anything else is said. While it is up, Ctrl-C (SIGINT,
//! SIGTERM, SIGHUP) asks the work to stop at its next step, where it is undone; a second
//! Ctrl-C ends the process at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::store::Store;
use crate::store::progress::{Progress, Unit};

/// How often the line is drawn at most: often enough to look alive, rarely enough to cost
/// nothing next to the work.
const DRAWS_PER_SECOND: u8 = 10;

/// Long work watched from the terminal: its bar, and whether Ctrl-C asked it to stop.
pub(crate) struct Watch {
    bar: ProgressBar,
    stop: Arc<AtomicBool>,
    handlers: Vec<signal_hook::SigId>,
}

impl Watch {
    /// A watch with its bar on standard error when that is a terminal and `quiet` (`--json`)
    /// is false; `None` otherwise (piped, redirected, `--json`): then nothing extra is
    /// written and signals keep their usual effect.
    pub(crate) fn at_terminal(quiet: bool) -> Option<Arc<Watch>> {
        Watch::start(quiet, true)
    }

    /// A watch that only draws, for work that catches signals itself (a conversion holds
    /// them back while it swaps files: a second Ctrl-C must not end it there).
    pub(crate) fn drawing_only(quiet: bool) -> Option<Arc<Watch>> {
        Watch::start(quiet, false)
    }

    fn start(quiet: bool, catch_signals: bool) -> Option<Arc<Watch>> {
        use std::io::IsTerminal;
        if quiet || !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(
            None,
            ProgressDrawTarget::stderr_with_hz(DRAWS_PER_SECOND),
        );
        // Until the work names its first stage: a spinner, so no empty bar shows.
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}") {
            bar.set_style(style);
        }
        bar.set_message("starting");
        bar.enable_steady_tick(Duration::from_millis(1000 / u64::from(DRAWS_PER_SECOND)));
        let stop = Arc::new(AtomicBool::new(false));
        // The first signal asks the work to stop at its next step; a second one, while a
        // long statement holds it (an integrity check), ends the process at once, as if
        // nothing caught it. Registered in that order: the second finds the flag set.
        let mut handlers = Vec::new();
        for signal in [SIGINT, SIGTERM, SIGHUP]
            .into_iter()
            .filter(|_| catch_signals)
        {
            handlers.extend(
                signal_hook::flag::register_conditional_default(signal, Arc::clone(&stop)).ok(),
            );
            handlers.extend(signal_hook::flag::register(signal, Arc::clone(&stop)).ok());
        }
        Some(Arc::new(Watch {
            bar,
            stop,
            handlers,
        }))
    }

    /// Clears the line, leaving the terminal as it was before the work began.
    pub(crate) fn clear(&self) {
        self.bar.finish_and_clear();
    }
}

/// The watch of long work on `store` at a terminal (see [`Watch::at_terminal`]), told
/// everything the store does from now on.
pub(crate) fn watch(store: &mut Store, quiet: bool) -> Option<Arc<Watch>> {
    let watch = Watch::at_terminal(quiet)?;
    store.report_progress_to(watch.clone());
    Some(watch)
}

/// `result`, once the line of `watch` (if any) is cleared: the outcome, or the refusal, is
/// said on a clean line.
pub(crate) fn cleared<T>(watch: Option<&Watch>, result: T) -> T {
    if let Some(watch) = watch {
        watch.clear();
    }
    result
}

impl Progress for Watch {
    fn stage(&self, what: &str, total: Option<u64>, unit: Unit) {
        let counts = match (unit, total) {
            (_, None) => "{elapsed}",
            (Unit::Bytes, Some(_)) => "[{wide_bar}] {bytes}/{total_bytes}, about {eta} left",
            (Unit::Rows, Some(_)) => {
                "[{wide_bar}] {human_pos}/{human_len} records, about {eta} left"
            }
            (Unit::Pages, Some(_)) => {
                "[{wide_bar}] {human_pos}/{human_len} pages, about {eta} left"
            }
            (Unit::Steps, Some(_)) => "[{wide_bar}] {pos} of {len} steps done, {elapsed}",
        };
        // Count and clock back to zero before the new words and style are drawn.
        self.bar.reset();
        self.bar.set_length(total.unwrap_or(0));
        self.bar.set_message(what.to_string());
        if let Ok(style) = ProgressStyle::with_template(&format!("{{spinner}} {{msg}} {counts}")) {
            self.bar.set_style(style.progress_chars("=> "));
        }
    }

    fn tell(&self, what: &str) {
        self.bar.set_message(what.to_string());
    }

    fn reach(&self, done: u64) {
        self.bar.set_position(done);
    }

    fn stop_asked(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
        for handler in self.handlers.drain(..) {
            signal_hook::low_level::unregister(handler);
        }
    }
}
