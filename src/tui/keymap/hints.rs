//! The footers' key hints, drawn from the key tables (`tables::FOOTERS`): every key a footer
//! names is written from its code, and a test checks that each is bound in the footer's
//! context, so a footer cannot promise a key the keymap does not keep.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::tables::{FOOTERS, Footer, Hint};

/// A key's name as the footers write it: `e`, `Enter`, `Ctrl-S`, `Alt-1`, `↑`, `F1`.
fn key_name((code, modifiers): (KeyCode, KeyModifiers)) -> String {
    let bare = match code {
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
            c.to_ascii_uppercase().to_string()
        }
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{bare}")
    } else if modifiers.contains(KeyModifiers::ALT) {
        format!("Alt-{bare}")
    } else {
        bare
    }
}

/// One hint as the footer shows it.
fn hint_text(hint: &Hint) -> String {
    let with_words = |keys: String, words: &str| {
        if words.is_empty() {
            keys
        } else {
            format!("{keys} {words}")
        }
    };
    match *hint {
        Hint::Keys(keys, words) => {
            let names: Vec<String> = keys.iter().map(|&k| key_name(k)).collect();
            with_words(names.join(" "), words)
        }
        Hint::Run(first, (last, _), words) => {
            let last = match last {
                KeyCode::Char(c) => c.to_string(),
                other => key_name((other, KeyModifiers::NONE)),
            };
            with_words(format!("{}…{last}", key_name(first)), words)
        }
        Hint::Words(words) => words.to_string(),
    }
}

/// The hints of `footer`, joined as a footer shows them: `e edit · j k scroll · Esc close`.
pub(crate) fn footer(footer: Footer) -> String {
    FOOTERS
        .iter()
        .filter(|(which, ..)| *which == footer)
        .flat_map(|(.., hints)| hints.iter().map(hint_text))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyEvent;

    use super::*;
    use crate::tui::keymap::action_for;

    /// Every key a footer names is bound in its context, so a footer cannot drift from the
    /// keymap: change or drop a binding and this fails.
    #[test]
    fn every_footer_hint_names_a_key_of_its_context() {
        for (footer, context, hints) in FOOTERS {
            for hint in *hints {
                let keys: Vec<(KeyCode, KeyModifiers)> = match *hint {
                    Hint::Keys(keys, _) => keys.to_vec(),
                    Hint::Run(first, last, _) => vec![first, last],
                    Hint::Words(_) => vec![],
                };
                for (code, modifiers) in keys {
                    assert!(
                        action_for(*context, KeyEvent::new(code, modifiers)).is_some(),
                        "{footer:?}: \"{}\" names {} but {context:?} binds no such key",
                        hint_text(hint),
                        key_name((code, modifiers)),
                    );
                }
            }
        }
    }

    #[test]
    fn footers_read_as_before() {
        assert_eq!(
            footer(Footer::Conversation),
            "e edit · j k scroll · Esc close"
        );
        assert_eq!(
            footer(Footer::Log),
            "Ctrl-S save · Tab next field · Alt-1…5 needs · Ctrl-Q ask · Esc leave · F1 help"
        );
        assert_eq!(
            footer(Footer::PrepWithUnknowns),
            "Enter log it · a answer · r talking point · j k · Esc close"
        );
    }
}
