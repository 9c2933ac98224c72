//! The footers' key hints and the help's key labels, drawn from the key tables
//! (`tables::FOOTERS`) with the leader's own keys over them: every key a footer names is
//! written from its code, and a test checks that each is bound in the footer's context, so a
//! footer cannot promise a key the keymap does not keep.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::actions::{Action, Context};
use super::remap::{Key, Keys, key_name};
use super::tables::{Binding, FOOTERS, Footer, Hint, tables};

/// The key a footer shows for `key` of `context`: the leader's first key for the action it
/// stands for when they gave it their own, else `key` itself.
fn shown(keys: &Keys, context: Context, key: Key) -> Key {
    let owner = tables(context)
        .iter()
        .flat_map(|table| table.iter())
        .find(|binding| binding.keys.contains(&key));
    match owner {
        Some(binding) if keys.remapped(context, binding) => {
            keys.of(context, binding).first().copied().unwrap_or(key)
        }
        _ => key,
    }
}

/// One hint as the footer of `context` shows it.
fn hint_text(keys: &Keys, context: Context, hint: &Hint) -> String {
    let with_words = |keys: String, words: &str| {
        if words.is_empty() {
            keys
        } else {
            format!("{keys} {words}")
        }
    };
    match *hint {
        Hint::Keys(hint_keys, words) => {
            let names: Vec<String> = hint_keys
                .iter()
                .map(|&k| key_name(shown(keys, context, k)))
                .collect();
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

/// The hints of `footer`, joined as a footer shows them: `e edit · j k scroll · Esc close`,
/// in the leader's keys.
pub(crate) fn footer(keys: &Keys, footer: Footer) -> String {
    FOOTERS
        .iter()
        .filter(|(which, ..)| *which == footer)
        .flat_map(|(_, context, hints)| hints.iter().map(|hint| hint_text(keys, *context, hint)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The name of the first key `action` answers to in `context`, in the leader's keys: for
/// the hints written into sentences (the status line, the yes/no question, the welcome).
pub(crate) fn key_of(keys: &Keys, context: Context, action: Action) -> String {
    tables(context)
        .iter()
        .flat_map(|table| table.iter())
        .find(|binding| binding.action == action)
        .and_then(|binding| keys.of(context, binding).first().copied())
        .map(key_name)
        .unwrap_or_default()
}

/// The rows of the `?` help in `context`, table by table: the keys' label and what they do.
/// A row whose keys the leader changed is labelled with the keys in force, its unlabelled
/// continuation rows (`l →` under `h ←`) with it; the screen digits and the needs' Alt keys
/// keep their runs (`1 … 6`), as they cannot be changed.
pub(crate) fn help_tables(keys: &Keys, context: Context) -> Vec<Vec<(String, &'static str)>> {
    let fixed =
        |binding: &Binding| matches!(binding.action, Action::GoTo(_) | Action::ToggleNeed(_));
    tables(context)
        .iter()
        .map(|table| {
            table
                .iter()
                .enumerate()
                .filter(|(_, binding)| !binding.label.is_empty())
                .map(|(at, binding)| {
                    let group: Vec<&Binding> = std::iter::once(binding)
                        .chain(
                            table[at + 1..]
                                .iter()
                                .take_while(|b| b.label.is_empty())
                                .filter(|b| !fixed(b)),
                        )
                        .collect();
                    let label = if group.iter().any(|b| keys.remapped(context, b)) {
                        group
                            .iter()
                            .flat_map(|b| keys.of(context, b))
                            .map(key_name)
                            .collect::<Vec<_>>()
                            .join(" ")
                    } else {
                        binding.label.to_string()
                    };
                    (label, binding.what)
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyEvent;

    use super::*;
    use crate::keymap::action_for;

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
                        action_for(&Keys::default(), *context, KeyEvent::new(code, modifiers))
                            .is_some(),
                        "{footer:?}: \"{}\" names {} but {context:?} binds no such key",
                        hint_text(&Keys::default(), *context, hint),
                        key_name((code, modifiers)),
                    );
                }
            }
        }
    }

    #[test]
    fn footers_read_as_before() {
        assert_eq!(
            footer(&Keys::default(), Footer::Conversation),
            "e edit · j k scroll · Esc close"
        );
        assert_eq!(
            footer(&Keys::default(), Footer::Log),
            "Ctrl-S save · Tab next field · Alt-1…5 needs · Ctrl-Q ask · Esc leave · F1 help"
        );
        assert_eq!(
            footer(&Keys::default(), Footer::PrepWithUnknowns),
            "Enter log it · a answer · r talking point · j k · Esc close"
        );
    }
}
