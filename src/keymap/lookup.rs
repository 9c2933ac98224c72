//! Looking a key up: the action a key stands for in a context, from the tables that apply
//! there.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::actions::{Action, Context};
use super::remap::Keys;
use super::tables::tables;

/// The action bound to a key in a context, if any, with the leader's `keys` over the
/// defaults. Shift is ignored for characters (it is already in the character: `G`, `A`,
/// `?`).
pub(crate) fn action_for(keys: &Keys, context: Context, event: KeyEvent) -> Option<Action> {
    let modifiers = event.modifiers - KeyModifiers::SHIFT;
    let code = match event.code {
        // Some terminals send Shift-Tab as Tab with Shift.
        KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        code => code,
    };
    tables(context)
        .iter()
        .flat_map(|table| table.iter())
        .find(|binding| {
            keys.of(context, binding)
                .iter()
                .any(|(c, m)| *c == code && *m == modifiers)
        })
        .map(|binding| binding.action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Need;
    use crate::keymap::tables::{ALT, CTRL, NONE};

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn screen_keys_win_over_global_ones() {
        assert_eq!(
            action_for(
                &Keys::default(),
                Context::Today,
                press(KeyCode::Char('x'), NONE)
            ),
            Some(Action::FollowUpDone)
        );
        assert_eq!(
            action_for(
                &Keys::default(),
                Context::Today,
                press(KeyCode::Char('q'), NONE)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(
                &Keys::default(),
                Context::People,
                press(KeyCode::Char('A'), KeyModifiers::SHIFT)
            ),
            Some(Action::ArchivePerson)
        );
        assert_eq!(
            action_for(
                &Keys::default(),
                Context::People,
                press(KeyCode::Tab, KeyModifiers::SHIFT)
            ),
            Some(Action::PrevScreen)
        );
    }

    #[test]
    fn text_contexts_leave_letters_to_the_fields() {
        assert_eq!(
            action_for(
                &Keys::default(),
                Context::Log,
                press(KeyCode::Char('q'), NONE)
            ),
            None
        );
        assert_eq!(
            action_for(
                &Keys::default(),
                Context::Form,
                press(KeyCode::Char('1'), NONE)
            ),
            None
        );
        assert_eq!(
            action_for(
                &Keys::default(),
                Context::Log,
                press(KeyCode::Char('c'), CTRL)
            ),
            Some(Action::ForceQuit)
        );
        assert_eq!(
            action_for(
                &Keys::default(),
                Context::Log,
                press(KeyCode::Char('3'), ALT)
            ),
            Some(Action::ToggleNeed(Need::Autonomy))
        );
    }

    #[test]
    fn every_context_can_quit_with_ctrl_c() {
        for context in super::super::remap::CONTEXTS {
            assert_eq!(
                action_for(&Keys::default(), context, press(KeyCode::Char('c'), CTRL)),
                Some(Action::ForceQuit),
                "{context:?}"
            );
        }
    }
}
