//! The errors that end the interface, and the guard that gives the terminal back to the
//! shell whichever way it ends (the event loop and the passphrase prompt both hold one).

use std::io;

use ratatui::crossterm::event::DisableMouseCapture;
use ratatui::crossterm::execute;
use thiserror::Error;

use crate::store;

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
    #[error("{0}")]
    Unkept(String),
    #[error("{tries} passphrases did not open {journal}; it was left as it was")]
    Locked { journal: String, tries: usize },
}

/// Restores the terminal when dropped, whichever way the loop ends.
pub(super) struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}
