//! The passphrase screen of an encrypted journal, shown before anything else: each
//! passphrase typed is handed to `open`, and after [`TRIES`] that do not open the journal
//! Rapport gives up, the journal untouched. What is typed is never shown, only a dot per
//! character, and is wiped from memory once tried.

use ratatui::Frame;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};
use zeroize::Zeroizing;

use super::terminal::{TerminalGuard, TuiError};
use crate::store::{self, Passphrase, Store};

/// How many wrong passphrases the screen takes before it gives up.
const TRIES: usize = 3;

/// What the screen shows besides the dots.
enum Note {
    Ask,
    Opening,
    Refused {
        left: usize,
    },
    /// What was typed cannot be a passphrase, and why (never what was typed).
    Unusable(String),
}

/// Asks for the passphrase of the journal shown as `journal_label` until `open` opens it
/// (`Some`), the leader leaves with Esc or Ctrl-C (`None`), or `TRIES` passphrases were
/// refused.
pub fn unlock(
    journal_label: &str,
    open: &mut dyn FnMut(Passphrase) -> store::Result<Store>,
) -> Result<Option<Store>, TuiError> {
    let mut terminal = ratatui::try_init()?;
    let _guard = TerminalGuard;
    let mut typed = Zeroizing::new(String::new());
    let mut note = Note::Ask;
    let mut refused = 0;
    loop {
        let dots = typed.chars().count();
        terminal.draw(|frame| draw(frame, journal_label, dots, &note))?;
        let Event::Key(key) = event::read()? else {
            continue;
        };
        if key.kind != KeyEventKind::Press {
            continue;
        }
        let control = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return Ok(None),
            KeyCode::Char('c' | 'd') if control => return Ok(None),
            KeyCode::Char('u') if control => typed.clear(),
            KeyCode::Backspace => {
                typed.pop();
            }
            KeyCode::Enter if !typed.is_empty() => {
                note = Note::Opening;
                terminal.draw(|frame| draw(frame, journal_label, dots, &note))?;
                // Moved out whole: the passphrase wipes it when dropped.
                let passphrase = match Passphrase::entered(std::mem::take(&mut *typed)) {
                    Ok(passphrase) => passphrase,
                    // Not a try: no journal opens with it.
                    Err(refused) => {
                        note = Note::Unusable(refused.to_string());
                        continue;
                    }
                };
                match open(passphrase) {
                    Ok(store) => return Ok(Some(store)),
                    Err(store::Error::WrongPassphrase(_)) => {
                        refused += 1;
                        if refused == TRIES {
                            return Err(TuiError::Locked {
                                journal: journal_label.to_string(),
                                tries: TRIES,
                            });
                        }
                        note = Note::Refused {
                            left: TRIES - refused,
                        };
                    }
                    Err(other) => return Err(other.into()),
                }
            }
            KeyCode::Char(c) if !control => typed.push(c),
            _ => {}
        }
    }
}

fn draw(frame: &mut Frame, journal_label: &str, dots: usize, note: &Note) {
    let title = Line::from(" Rapport ").style(Style::new().add_modifier(Modifier::BOLD));
    let block = Block::bordered()
        .title(title)
        .padding(Padding::horizontal(1));
    // Two rows to spare, for a note that wraps.
    let inside = super::widgets::popup(frame, frame.area(), 64, 13, block);
    let shown: String = "•".repeat(dots.min(40));
    let note = match note {
        Note::Ask => String::new(),
        Note::Opening => "Opening…".to_string(),
        Note::Refused { left: 1 } => "That passphrase did not open it: one try left.".to_string(),
        Note::Refused { left } => format!("That passphrase did not open it: {left} tries left."),
        Note::Unusable(why) => format!("Not tried: {why}."),
    };
    let lines = vec![
        Line::from(journal_label.to_string()),
        Line::from(""),
        Line::from("This journal is encrypted. Type its passphrase."),
        Line::from(""),
        Line::from(vec![
            Span::styled("Passphrase  ", Style::new().add_modifier(Modifier::BOLD)),
            Span::raw(shown),
            Span::styled("▏", Style::new().add_modifier(Modifier::SLOW_BLINK)),
        ]),
        Line::from(""),
        Line::from(note),
        Line::from(""),
        Line::from("Enter open · Esc quit"),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inside);
}
