//! The leader's own keys: the `[keys]` table of the settings names actions and the keys
//! that replace their defaults (`search = "ctrl-f"`, `down = ["n", "down"]`). The event
//! loop, the `?` help and the footers all read the keys through [`Keys`], so what is shown
//! is what works.

use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::actions::{Action, Context};
use super::tables::{Binding, tables};

/// A key as the tables hold it.
pub(crate) type Key = (KeyCode, KeyModifiers);

/// The actions a `[keys]` table may name. The screen digits (1 … 6), the needs (Alt-1 … 5)
/// and Ctrl-C (quit from anywhere) stay as they are.
pub(crate) const ACTIONS: &[(&str, Action)] = &[
    ("quit", Action::Quit),
    ("suspend", Action::Suspend),
    ("help", Action::Help),
    ("close", Action::Close),
    ("next_screen", Action::NextScreen),
    ("prev_screen", Action::PrevScreen),
    ("up", Action::Up),
    ("down", Action::Down),
    ("page_up", Action::PageUp),
    ("page_down", Action::PageDown),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("left", Action::Left),
    ("right", Action::Right),
    ("open", Action::Activate),
    ("log", Action::LogConversation),
    ("done", Action::FollowUpDone),
    ("undo", Action::Undo),
    ("edit", Action::Edit),
    ("talking_point", Action::RaiseTalkingPoint),
    ("filter", Action::Filter),
    ("clear_filter", Action::ClearFilter),
    ("archived", Action::ToggleArchived),
    ("add_person", Action::AddPerson),
    ("edit_person", Action::EditPerson),
    ("archive_person", Action::ArchivePerson),
    ("pause_person", Action::PausePerson),
    ("delete", Action::DeleteItem),
    ("add_aspiration", Action::AddAspiration),
    ("update_aspiration", Action::UpdateAspiration),
    ("save", Action::Save),
    ("next_field", Action::NextField),
    ("prev_field", Action::PrevField),
    ("editor", Action::OpenEditor),
    ("ask", Action::AskQuestion),
    ("remember", Action::RememberNeed),
    ("answer", Action::Answer),
    ("answer_idea", Action::AnswerIdea),
    ("this_week", Action::ThisWeek),
    ("balance", Action::EditBalance),
    ("yes", Action::Yes),
    ("no", Action::No),
    ("search", Action::Search),
    ("prep", Action::Prep),
    ("timeline", Action::PersonTimeline),
    ("trends", Action::Trends),
    ("cycle_need", Action::CycleNeed),
    ("strips", Action::ToggleStrips),
    ("conflicts", Action::Conflicts),
    ("take_other_version", Action::TakeOtherVersion),
    ("keep_this_version", Action::KeepThisVersion),
];

/// One action the leader gave keys of their own.
#[derive(Debug, PartialEq, Eq)]
struct Remap {
    name: &'static str,
    action: Action,
    keys: Vec<Key>,
    /// The value as the file writes it and its line, for `rapport config show`.
    written: String,
    line: Option<usize>,
}

/// The leader's keys over the defaults; empty when the settings name none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys(Arc<[Remap]>);

impl Keys {
    /// The `[keys]` table of a settings file, checked: every name an action, every value a
    /// key or a list of keys, and no key standing for two actions where both apply. The
    /// error is the reason, with the line (`line_of` finds an action's line in the file).
    pub(crate) fn from_table(
        table: &toml::Table,
        line_of: impl Fn(&str) -> Option<usize>,
    ) -> Result<Keys, String> {
        let at = |name: &str, message: String| match line_of(name) {
            Some(line) => format!("line {line}: {message}"),
            None => message,
        };
        let mut remaps = Vec::new();
        for (name, value) in table {
            let Some(&(name, action)) = ACTIONS.iter().find(|(known, _)| known == name) else {
                return Err(at(
                    name,
                    format!(
                        "[keys] names no action \"{name}\" (the actions are listed in docs/config.md)"
                    ),
                ));
            };
            let texts: Vec<&str> = match value {
                toml::Value::String(text) => vec![text.as_str()],
                toml::Value::Array(items) if !items.is_empty() => items
                    .iter()
                    .map(toml::Value::as_str)
                    .collect::<Option<_>>()
                    .ok_or_else(|| at(name, format!("[keys] {name} must be a key or a list of keys, such as \"ctrl-f\" or [\"j\", \"down\"]")))?,
                _ => {
                    return Err(at(
                        name,
                        format!("[keys] {name} must be a key or a list of keys, such as \"ctrl-f\" or [\"j\", \"down\"]"),
                    ));
                }
            };
            let keys = texts
                .iter()
                .map(|text| parse_key(text).map_err(|m| at(name, format!("[keys] {name}: {m}"))))
                .collect::<Result<Vec<_>, _>>()?;
            remaps.push(Remap {
                name,
                action,
                keys,
                written: value.to_string(),
                line: line_of(name),
            });
        }
        let keys = Keys(remaps.into());
        for context in CONTEXTS {
            if let Some((name, message)) = keys.clash(context) {
                return Err(at(name, message));
            }
        }
        Ok(keys)
    }

    /// The actions given keys of their own, as the file writes them: (action, value, line).
    pub(crate) fn written(&self) -> impl Iterator<Item = (&'static str, &str, Option<usize>)> {
        self.0
            .iter()
            .map(|remap| (remap.name, remap.written.as_str(), remap.line))
    }

    fn remap_of(&self, action: Action) -> Option<&Remap> {
        self.0.iter().find(|remap| remap.action == action)
    }

    /// Whether the leader gave `binding`'s action keys that apply in `context`.
    pub(crate) fn remapped(&self, context: Context, binding: &Binding) -> bool {
        self.remap_of(binding.action)
            .is_some_and(|remap| remap.keys.iter().any(|&key| applies(context, key)))
    }

    /// The keys `binding` answers to in `context`: the leader's, else the defaults. Where
    /// letters are text (forms, filters, the search line), a plain character given to an
    /// action is left to the typing, and the action keeps its default there if nothing else
    /// of the leader's applies.
    pub(crate) fn of(&self, context: Context, binding: &Binding) -> Vec<Key> {
        match self.remap_of(binding.action) {
            Some(remap) if self.remapped(context, binding) => remap
                .keys
                .iter()
                .copied()
                .filter(|&key| applies(context, key))
                .collect(),
            _ => binding.keys.to_vec(),
        }
    }

    /// The first clash in `context` that involves a key of the leader's: the action moved
    /// (whose line the sentence is placed at) and the sentence.
    fn clash(&self, context: Context) -> Option<(&'static str, String)> {
        let bindings: Vec<&Binding> = tables(context).iter().flat_map(|t| t.iter()).collect();
        for (i, moved) in bindings.iter().enumerate() {
            if !self.remapped(context, moved) {
                continue;
            }
            for key in self.of(context, moved) {
                let other = bindings.iter().enumerate().find(|(j, other)| {
                    *j != i
                        && other.action != moved.action
                        && self.of(context, other).contains(&key)
                });
                if let Some((_, other)) = other {
                    let name = ACTIONS
                        .iter()
                        .find(|(_, action)| *action == moved.action)
                        .map_or("", |(name, _)| *name);
                    let taken = ACTIONS
                        .iter()
                        .find(|(_, action)| *action == other.action)
                        .map_or_else(|| other.what.to_string(), |(name, _)| (*name).to_string());
                    return Some((
                        name,
                        format!(
                            "[keys] {name} takes {}, which is already {taken} {}; give one of them another key",
                            key_name(key),
                            place(context)
                        ),
                    ));
                }
            }
        }
        None
    }
}

/// A key's name as the footers write it: `e`, `Enter`, `Ctrl-S`, `Alt-1`, `↑`, `F1`.
pub(crate) fn key_name((code, modifiers): (KeyCode, KeyModifiers)) -> String {
    let bare = match code {
        KeyCode::Char(' ') => "Space".into(),
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

/// Every context, for the clash check (and the tests that walk them all).
pub(super) const CONTEXTS: [Context; 18] = [
    Context::Today,
    Context::People,
    Context::PeopleFilter,
    Context::Log,
    Context::Form,
    Context::Week,
    Context::WeekEdit,
    Context::Confirm,
    Context::Help,
    Context::Timeline,
    Context::TimelineFilter,
    Context::Gaps,
    Context::Prep,
    Context::PrepAnswer,
    Context::Conversation,
    Context::Search,
    Context::Trends,
    Context::Conflicts,
];

/// Where a context is, as the clash sentence says it.
fn place(context: Context) -> &'static str {
    match context {
        Context::Today => "on Today",
        Context::People => "on People",
        Context::PeopleFilter => "in the People filter",
        Context::Log => "in the Log form",
        Context::Form => "in the small forms",
        Context::Week => "on Week",
        Context::WeekEdit => "in the week's reflection",
        Context::Confirm => "in a yes/no question",
        Context::Help => "in the help",
        Context::Timeline => "on Timeline",
        Context::TimelineFilter => "in the Timeline filter",
        Context::Gaps => "on Gaps",
        Context::Prep => "on the prep sheet",
        Context::PrepAnswer => "answering on the prep sheet",
        Context::Conversation => "in a past conversation",
        Context::Search => "in the search",
        Context::Trends => "in a person's trends",
        Context::Conflicts => "in the conflicts",
    }
}

/// Whether the letters of `context` are text someone types.
fn typing(context: Context) -> bool {
    matches!(
        context,
        Context::Log
            | Context::Form
            | Context::WeekEdit
            | Context::PeopleFilter
            | Context::TimelineFilter
            | Context::Search
            | Context::PrepAnswer
    )
}

/// Whether a key of the leader's applies in `context`: any key where letters are not text,
/// and there only keys that type nothing (with Ctrl or Alt, or not a character).
fn applies(context: Context, (code, modifiers): Key) -> bool {
    !typing(context)
        || !matches!(code, KeyCode::Char(_))
        || modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// A key as a settings file writes it: a character (`Q`, `/`), a name (`enter`, `esc`,
/// `tab`, `space`, `up`, `pgdn`, `f1` …), either after `ctrl-`, `alt-` or `shift-`.
pub(crate) fn parse_key(text: &str) -> Result<Key, String> {
    let refuse = || {
        format!(
            "\"{text}\" is not a key (write a character such as \"Q\" or \"/\", or a name such as \"ctrl-f\", \"alt-1\", \"enter\", \"esc\", \"space\", \"up\" or \"f1\")"
        )
    };
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        let (modifier, length) = if lower.starts_with("ctrl-") {
            (KeyModifiers::CONTROL, 5)
        } else if lower.starts_with("alt-") {
            (KeyModifiers::ALT, 4)
        } else if lower.starts_with("shift-") {
            (KeyModifiers::SHIFT, 6)
        } else {
            break;
        };
        // "ctrl--" is Ctrl and the minus sign; a lone "ctrl-" is nothing.
        if rest.len() == length {
            return Err(refuse());
        }
        modifiers |= modifier;
        rest = &rest[length..];
    }
    let shift = modifiers.contains(KeyModifiers::SHIFT);
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if modifiers.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        (Some(c), None) if shift => KeyCode::Char(c.to_ascii_uppercase()),
        (Some(c), None) => KeyCode::Char(c),
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if shift => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            name => match name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                Some(n @ 1..=12) => KeyCode::F(n),
                _ => return Err(refuse()),
            },
        },
    };
    // Shift is in the character itself (`Q`), and in BackTab: the lookup ignores it there.
    let modifiers = match code {
        KeyCode::Char(_) | KeyCode::BackTab => modifiers - KeyModifiers::SHIFT,
        _ => modifiers,
    };
    Ok((code, modifiers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_written_as_the_footers_name_them() {
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(parse_key("ctrl-f"), Ok((KeyCode::Char('f'), ctrl)));
        assert_eq!(parse_key("Ctrl-F"), Ok((KeyCode::Char('f'), ctrl)));
        assert_eq!(parse_key("Q"), Ok((KeyCode::Char('Q'), KeyModifiers::NONE)));
        assert_eq!(
            parse_key("shift-q"),
            Ok((KeyCode::Char('Q'), KeyModifiers::NONE))
        );
        assert_eq!(
            parse_key("alt-1"),
            Ok((KeyCode::Char('1'), KeyModifiers::ALT))
        );
        assert_eq!(parse_key("ctrl--"), Ok((KeyCode::Char('-'), ctrl)));
        assert_eq!(
            parse_key("shift-tab"),
            Ok((KeyCode::BackTab, KeyModifiers::NONE))
        );
        assert_eq!(
            parse_key("PgDn"),
            Ok((KeyCode::PageDown, KeyModifiers::NONE))
        );
        assert_eq!(parse_key("f12"), Ok((KeyCode::F(12), KeyModifiers::NONE)));
        assert_eq!(
            parse_key("space"),
            Ok((KeyCode::Char(' '), KeyModifiers::NONE))
        );
        for wrong in ["", "ctrl-", "ctrl-ff", "f13", "hyper-x", "enterr"] {
            let error = parse_key(wrong).unwrap_err();
            assert!(
                error.starts_with(&format!("\"{wrong}\" is not a key")),
                "{error}"
            );
        }
    }

    #[test]
    fn a_plain_key_is_left_to_typing() {
        use ratatui::crossterm::event::KeyEvent;

        use crate::keymap::action_for;
        let config = crate::config::Config::parse("[keys]\nhelp = \"H\"\n").unwrap();
        let press = |code| KeyEvent::new(code, KeyModifiers::NONE);
        let on = |context, code| action_for(&config.keys, context, press(code));
        assert_eq!(on(Context::Today, KeyCode::Char('H')), Some(Action::Help));
        assert_eq!(on(Context::Today, KeyCode::Char('?')), None);
        assert_eq!(on(Context::Log, KeyCode::Char('H')), None);
        assert_eq!(on(Context::Log, KeyCode::F(1)), Some(Action::Help));
    }

    /// The help labels a moved key with the keys in force, a row and its unlabelled
    /// continuation together (`h ←` and `l →`), and leaves the rest as written.
    #[test]
    fn the_help_names_the_keys_in_force() {
        use crate::keymap::help_tables;
        let config = crate::config::Config::parse("[keys]\nright = \"L\"\nhelp = \"H\"\n").unwrap();
        let rows: Vec<(String, &str)> = help_tables(&config.keys, Context::Today)
            .into_iter()
            .flatten()
            .collect();
        let label = |what: &str| {
            rows.iter()
                .find(|(_, w)| *w == what)
                .map(|(label, _)| label.clone())
                .unwrap_or_default()
        };
        assert_eq!(label("switch between 1:1s and follow-ups"), "h ← L");
        assert_eq!(label("show the keys of this screen"), "H");
        assert_eq!(label("go to a screen by its number"), "1 … 6");
        assert_eq!(label("quit"), "q");
    }

    #[test]
    fn every_action_named_is_bound_somewhere() {
        for (name, action) in ACTIONS {
            assert!(
                CONTEXTS.iter().any(|&c| tables(c)
                    .iter()
                    .flat_map(|t| t.iter())
                    .any(|b| b.action == *action)),
                "{name} is bound nowhere"
            );
        }
    }
}
