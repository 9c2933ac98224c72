//! The key tables: every binding, one table per context, with the label and the words the
//! help overlay and `docs/keys.md` show for it; which tables apply in each context, and the
//! notes its help adds below them.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::actions::{Action, Context, Screen};
use crate::domain::Need;

/// One line of the keymap: the keys, what they do, and the label the help shows.
#[derive(Clone, Copy)]
pub(crate) struct Binding {
    pub label: &'static str,
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub action: Action,
    pub what: &'static str,
}

pub(super) const NONE: KeyModifiers = KeyModifiers::NONE;
pub(super) const CTRL: KeyModifiers = KeyModifiers::CONTROL;
pub(super) const ALT: KeyModifiers = KeyModifiers::ALT;

const fn ch(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), NONE)
}

const fn key(code: KeyCode) -> (KeyCode, KeyModifiers) {
    (code, NONE)
}

macro_rules! bind {
    ($label:literal, [$($key:expr),+ $(,)?], $action:expr, $what:literal) => {
        Binding { label: $label, keys: &[$($key),+], action: $action, what: $what }
    };
}

/// Keys that work on every screen that is not editing text.
pub(crate) const GLOBAL: &[Binding] = &[
    bind!(
        "1 … 6",
        [ch('1')],
        Action::GoTo(Screen::Today),
        "go to a screen by its number"
    ),
    bind!("", [ch('2')], Action::GoTo(Screen::People), ""),
    bind!("", [ch('3')], Action::GoTo(Screen::Log), ""),
    bind!("", [ch('4')], Action::GoTo(Screen::Timeline), ""),
    bind!("", [ch('5')], Action::GoTo(Screen::Gaps), ""),
    bind!(
        "/",
        [ch('/')],
        Action::Search,
        "search the journal (Ctrl-F while typing)"
    ),
    bind!("", [ch('6')], Action::GoTo(Screen::Week), ""),
    bind!(
        "Tab",
        [key(KeyCode::Tab)],
        Action::NextScreen,
        "next screen"
    ),
    bind!(
        "Shift-Tab",
        [key(KeyCode::BackTab)],
        Action::PrevScreen,
        "previous screen"
    ),
    bind!(
        "C",
        [ch('C')],
        Action::Conflicts,
        "conflicts: texts edited on two devices (a journal that syncs)"
    ),
    bind!("?", [ch('?')], Action::Help, "show the keys of this screen"),
    bind!("q", [ch('q')], Action::Quit, "quit"),
    bind!(
        "Ctrl-C",
        [(KeyCode::Char('c'), CTRL)],
        Action::ForceQuit,
        "quit from anywhere (an open form is kept)"
    ),
];

/// Keys shared by the places where letters are text (forms, filters).
const FIELD_MOVES: [Binding; 2] = [
    bind!("Tab", [key(KeyCode::Tab)], Action::NextField, "next field"),
    bind!(
        "Shift-Tab",
        [key(KeyCode::BackTab)],
        Action::PrevField,
        "previous field"
    ),
];

/// Keys that work the same in every context.
pub(super) const EVERYWHERE: &[Binding] = &[bind!(
    "Ctrl-Z",
    [(KeyCode::Char('z'), CTRL)],
    Action::Suspend,
    "suspend to the shell (fg brings Rapport back as it was)"
)];

/// Ctrl-C in the contexts that keep nothing unsaved of their own.
const QUIT_ANYWHERE: Binding = bind!(
    "Ctrl-C",
    [(KeyCode::Char('c'), CTRL)],
    Action::ForceQuit,
    "quit"
);

const HELP_WHILE_TYPING: Binding =
    bind!("F1", [key(KeyCode::F(1))], Action::Help, "show these keys");

const SEARCH_WHILE_TYPING: Binding = bind!(
    "Ctrl-F",
    [(KeyCode::Char('f'), CTRL)],
    Action::Search,
    "search the journal; what you typed here stays"
);

const LIST_MOVES: [Binding; 6] = [
    bind!(
        "j ↓",
        [ch('j'), key(KeyCode::Down)],
        Action::Down,
        "move down"
    ),
    bind!("k ↑", [ch('k'), key(KeyCode::Up)], Action::Up, "move up"),
    bind!(
        "PgDn",
        [key(KeyCode::PageDown)],
        Action::PageDown,
        "page down"
    ),
    bind!("PgUp", [key(KeyCode::PageUp)], Action::PageUp, "page up"),
    bind!(
        "g Home",
        [ch('g'), key(KeyCode::Home)],
        Action::Top,
        "first"
    ),
    bind!(
        "G End",
        [ch('G'), key(KeyCode::End)],
        Action::Bottom,
        "last"
    ),
];

pub(crate) const TODAY: &[Binding] = &[
    LIST_MOVES[0],
    LIST_MOVES[1],
    bind!(
        "h l ← →",
        [ch('h'), key(KeyCode::Left)],
        Action::Left,
        "switch between 1:1s and follow-ups"
    ),
    bind!("", [ch('l'), key(KeyCode::Right)], Action::Right, ""),
    bind!(
        "Enter",
        [key(KeyCode::Enter)],
        Action::Activate,
        "log a 1:1 with the selected person"
    ),
    bind!(
        "x",
        [ch('x')],
        Action::FollowUpDone,
        "mark the selected follow-up done"
    ),
    bind!(
        "u",
        [ch('u')],
        Action::Undo,
        "undo the last tick or delete (30 seconds)"
    ),
    bind!(
        "e",
        [ch('e')],
        Action::Edit,
        "edit the selected follow-up: text, due date, whose"
    ),
    bind!(
        "r",
        [ch('r')],
        Action::RaiseTalkingPoint,
        "note a talking point for the selected person's next 1:1"
    ),
    bind!(
        "n",
        [ch('n')],
        Action::LogConversation,
        "log a new conversation"
    ),
    bind!("a", [ch('a')], Action::AddPerson, "add a person"),
    bind!(
        "p",
        [ch('p')],
        Action::Prep,
        "prepare the 1:1 with the selected person"
    ),
];

pub(crate) const PEOPLE: &[Binding] = &[
    LIST_MOVES[0],
    LIST_MOVES[1],
    LIST_MOVES[2],
    LIST_MOVES[3],
    LIST_MOVES[4],
    LIST_MOVES[5],
    bind!(
        "l →",
        [ch('l'), key(KeyCode::Right)],
        Action::Right,
        "move into the detail (aspirations, conversations)"
    ),
    bind!(
        "h ←",
        [ch('h'), key(KeyCode::Left)],
        Action::Left,
        "back to the list"
    ),
    bind!(
        "Enter",
        [key(KeyCode::Enter)],
        Action::Activate,
        "log a 1:1 · in the detail: open the selected item"
    ),
    bind!("f", [ch('f')], Action::Filter, "filter the list by typing"),
    bind!(
        ".",
        [ch('.')],
        Action::ToggleArchived,
        "show or hide archived people"
    ),
    bind!("a", [ch('a')], Action::AddPerson, "add a person"),
    bind!(
        "e",
        [ch('e')],
        Action::EditPerson,
        "edit the selected person · in the detail: the follow-up, what meets a need (anew), a handover (check it)"
    ),
    bind!(
        "r",
        [ch('r')],
        Action::RaiseTalkingPoint,
        "note a talking point for the selected person's next 1:1"
    ),
    bind!(
        "A",
        [ch('A')],
        Action::ArchivePerson,
        "archive (or bring back) the selected person"
    ),
    bind!(
        "D",
        [ch('D')],
        Action::DeleteItem,
        "in the detail: delete the selected item written in error (asks first)"
    ),
    bind!(
        "P",
        [ch('P')],
        Action::PausePerson,
        "pause the selected person's 1:1s until a day (leave), or resume them"
    ),
    bind!("s", [ch('s')], Action::AddAspiration, "add an aspiration"),
    bind!(
        "u",
        [ch('u')],
        Action::UpdateAspiration,
        "note aspiration progress · just after x or D: undo it"
    ),
    bind!(
        "x",
        [ch('x')],
        Action::FollowUpDone,
        "in the detail: follow-up done / talking point discussed"
    ),
    bind!(
        "p",
        [ch('p')],
        Action::Prep,
        "prepare the 1:1 with the selected person"
    ),
    bind!(
        "t",
        [ch('t')],
        Action::PersonTimeline,
        "the selected person's timeline"
    ),
    bind!(
        "T",
        [ch('T')],
        Action::Trends,
        "the selected person's trends over months"
    ),
];

pub(crate) const TIMELINE: &[Binding] = &[
    LIST_MOVES[0],
    LIST_MOVES[1],
    LIST_MOVES[2],
    LIST_MOVES[3],
    LIST_MOVES[4],
    bind!(
        "G End",
        [ch('G'), key(KeyCode::End)],
        Action::Bottom,
        "last loaded event (loads the next page)"
    ),
    bind!(
        "Enter",
        [key(KeyCode::Enter)],
        Action::Activate,
        "open the event: its conversation, person or week"
    ),
    bind!(
        "f",
        [ch('f')],
        Action::Filter,
        "edit the filters (person:, need:, tag:, kind:, since:, until:)"
    ),
    bind!(
        "n",
        [ch('n')],
        Action::CycleNeed,
        "show one need at a time, then all again"
    ),
    bind!("c", [ch('c')], Action::ClearFilter, "clear every filter"),
    bind!(
        "s",
        [ch('s')],
        Action::ToggleStrips,
        "show or hide the 1:1s-per-week strip of each person"
    ),
];

pub(crate) const TIMELINE_FILTER: &[Binding] = &[
    bind!(
        "Enter",
        [key(KeyCode::Enter)],
        Action::Save,
        "apply the filters"
    ),
    bind!(
        "Esc",
        [key(KeyCode::Esc)],
        Action::Close,
        "leave the filters as they were"
    ),
    bind!(
        "F1",
        [key(KeyCode::F(1))],
        Action::Help,
        "show these keys and the filter syntax"
    ),
    QUIT_ANYWHERE,
    SEARCH_WHILE_TYPING,
];

pub(crate) const GAPS: &[Binding] = &[
    LIST_MOVES[0],
    LIST_MOVES[1],
    LIST_MOVES[2],
    LIST_MOVES[3],
    LIST_MOVES[4],
    LIST_MOVES[5],
    bind!(
        "h l ← →",
        [ch('h'), key(KeyCode::Left)],
        Action::Left,
        "move between the five needs"
    ),
    bind!("", [ch('l'), key(KeyCode::Right)], Action::Right, ""),
    bind!(
        "Enter",
        [key(KeyCode::Enter)],
        Action::Activate,
        "log a 1:1 with this person, this need ticked"
    ),
    bind!(
        "p",
        [ch('p')],
        Action::Prep,
        "prepare the 1:1 with this person"
    ),
    bind!(
        "t",
        [ch('t')],
        Action::PersonTimeline,
        "this person's timeline"
    ),
];

pub(crate) const TRENDS: &[Binding] = &[
    bind!(
        "Esc q T",
        [key(KeyCode::Esc), ch('q'), ch('T')],
        Action::Close,
        "close"
    ),
    bind!("?", [ch('?')], Action::Help, "show these keys"),
    QUIT_ANYWHERE,
];

pub(crate) const CONFLICTS: &[Binding] = &[
    bind!(
        "j ↓",
        [ch('j'), key(KeyCode::Down)],
        Action::Down,
        "next conflict"
    ),
    bind!(
        "k ↑",
        [ch('k'), key(KeyCode::Up)],
        Action::Up,
        "previous conflict"
    ),
    bind!(
        "t",
        [ch('t')],
        Action::TakeOtherVersion,
        "take the other version: the record holds it, on your other devices too"
    ),
    bind!(
        "d",
        [ch('d')],
        Action::KeepThisVersion,
        "keep this version: the other one is dropped"
    ),
    bind!(
        "Esc q C",
        [key(KeyCode::Esc), ch('q'), ch('C')],
        Action::Close,
        "close"
    ),
    bind!("?", [ch('?')], Action::Help, "show these keys"),
    QUIT_ANYWHERE,
];

pub(crate) const PREP: &[Binding] = &[
    bind!(
        "j k ↓ ↑",
        [ch('j'), key(KeyCode::Down)],
        Action::Down,
        "scroll"
    ),
    bind!("", [ch('k'), key(KeyCode::Up)], Action::Up, ""),
    bind!(
        "Enter",
        [key(KeyCode::Enter)],
        Action::Activate,
        "log the 1:1, the needs to address ticked"
    ),
    bind!(
        "a",
        [ch('a')],
        Action::Answer,
        "answer what is still unknown (acknowledge for, career aspiration, would change)"
    ),
    bind!(
        "i",
        [ch('i')],
        Action::AnswerIdea,
        "answer the oldest of their ideas waiting for an answer"
    ),
    bind!(
        "r",
        [ch('r')],
        Action::RaiseTalkingPoint,
        "note a talking point for this 1:1"
    ),
    bind!(
        "Esc q p",
        [key(KeyCode::Esc), ch('q'), ch('p')],
        Action::Close,
        "close"
    ),
    bind!("?", [ch('?')], Action::Help, "show these keys"),
    QUIT_ANYWHERE,
];

pub(crate) const PREP_ANSWER: &[Binding] = &[
    bind!(
        "Enter",
        [key(KeyCode::Enter)],
        Action::Save,
        "keep the answer: it fills the profile field, or adds the aspiration"
    ),
    bind!(
        "Tab",
        [key(KeyCode::Tab)],
        Action::NextField,
        "answer the next thing still unknown instead"
    ),
    bind!("Esc", [key(KeyCode::Esc)], Action::Close, "stop answering"),
    HELP_WHILE_TYPING,
    QUIT_ANYWHERE,
];

pub(crate) const CONVERSATION: &[Binding] = &[
    bind!(
        "j k ↓ ↑",
        [ch('j'), key(KeyCode::Down)],
        Action::Down,
        "scroll"
    ),
    bind!("", [ch('k'), key(KeyCode::Up)], Action::Up, ""),
    bind!(
        "PgDn PgUp",
        [key(KeyCode::PageDown)],
        Action::PageDown,
        "scroll a page"
    ),
    bind!("", [key(KeyCode::PageUp)], Action::PageUp, ""),
    bind!(
        "e",
        [ch('e')],
        Action::Edit,
        "edit it in the Log form (everything linked to it is kept)"
    ),
    bind!(
        "Esc q",
        [key(KeyCode::Esc), ch('q')],
        Action::Close,
        "close"
    ),
    bind!("?", [ch('?')], Action::Help, "show these keys"),
    QUIT_ANYWHERE,
];

pub(crate) const SEARCH: &[Binding] = &[
    bind!(
        "↓ ↑",
        [key(KeyCode::Down), (KeyCode::Char('n'), CTRL)],
        Action::Down,
        "move in the results (also Ctrl-N, Ctrl-P)"
    ),
    bind!(
        "",
        [key(KeyCode::Up), (KeyCode::Char('p'), CTRL)],
        Action::Up,
        ""
    ),
    bind!(
        "Enter",
        [key(KeyCode::Enter)],
        Action::Activate,
        "open the result where it lives"
    ),
    bind!(
        "Esc",
        [key(KeyCode::Esc)],
        Action::Close,
        "close the search"
    ),
    bind!(
        "F1",
        [key(KeyCode::F(1))],
        Action::Help,
        "these keys and what you can type"
    ),
    QUIT_ANYWHERE,
];

/// What the search box understands, shown in its help.
pub(crate) const SEARCH_SYNTAX: &[(&str, &str)] = &[
    (
        "words",
        "every word must appear; the last one also matches as a prefix",
    ),
    ("\"on call\"", "an exact phrase"),
    ("migra*", "any word starting with migra"),
    ("a OR b", "either word"),
];

/// What the Timeline's filter line understands.
pub(crate) const TIMELINE_FILTER_SYNTAX: &[(&str, &str)] = &[
    ("person:priya", "one person (any part of the name)"),
    (
        "need:autonomy",
        "conversations that met a need (or its letter: need:a)",
    ),
    ("tag:growth", "conversations with a tag"),
    ("kind:1:1", "one kind of conversation"),
    (
        "since:2026-01-01",
        "from a day on (also words: since:monday, since:yesterday)",
    ),
    ("until:2026-06-30", "up to a day"),
];

pub(crate) const PEOPLE_FILTER: &[Binding] = &[
    bind!(
        "Enter",
        [key(KeyCode::Enter)],
        Action::Close,
        "keep the filter and go back to the list"
    ),
    bind!("Esc", [key(KeyCode::Esc)], Action::No, "clear the filter"),
    bind!(
        "↓ ↑",
        [key(KeyCode::Down)],
        Action::Down,
        "move in the list"
    ),
    bind!("", [key(KeyCode::Up)], Action::Up, ""),
    QUIT_ANYWHERE,
    SEARCH_WHILE_TYPING,
];

pub(crate) const LOG: &[Binding] = &[
    bind!(
        "Ctrl-S",
        [(KeyCode::Char('s'), CTRL)],
        Action::Save,
        "save the conversation"
    ),
    FIELD_MOVES[0],
    FIELD_MOVES[1],
    bind!(
        "Alt-1…5",
        [(KeyCode::Char('1'), ALT)],
        Action::ToggleNeed(Need::Competence),
        "toggle a need from any field"
    ),
    bind!(
        "",
        [(KeyCode::Char('2'), ALT)],
        Action::ToggleNeed(Need::Belonging),
        ""
    ),
    bind!(
        "",
        [(KeyCode::Char('3'), ALT)],
        Action::ToggleNeed(Need::Autonomy),
        ""
    ),
    bind!(
        "",
        [(KeyCode::Char('4'), ALT)],
        Action::ToggleNeed(Need::Fun),
        ""
    ),
    bind!(
        "",
        [(KeyCode::Char('5'), ALT)],
        Action::ToggleNeed(Need::Security),
        ""
    ),
    bind!(
        "Ctrl-E",
        [(KeyCode::Char('e'), CTRL)],
        Action::OpenEditor,
        "edit the notes in $VISUAL / $EDITOR"
    ),
    bind!(
        "Ctrl-Q",
        [(KeyCode::Char('q'), CTRL)],
        Action::AskQuestion,
        "put a question not asked of them yet into the notes"
    ),
    bind!(
        "Ctrl-T",
        [(KeyCode::Char('t'), CTRL)],
        Action::RememberNeed,
        "on a ticked need: remember what meets it for them (saved with the conversation)"
    ),
    bind!(
        "Esc",
        [key(KeyCode::Esc)],
        Action::Close,
        "leave the form (asks first if it has changes)"
    ),
    HELP_WHILE_TYPING,
    bind!(
        "Ctrl-C",
        [(KeyCode::Char('c'), CTRL)],
        Action::ForceQuit,
        "quit, keeping the form as a draft"
    ),
    SEARCH_WHILE_TYPING,
];

/// Keys inside form fields, shown in the Log help; they are handled by the fields themselves.
pub(crate) const LOG_FIELDS: &[(&str, &str)] = &[
    (
        "Person",
        "type to search, ↑ ↓ to choose, Enter or Tab to take it",
    ),
    (
        "Carried",
        "the person's open loops, saved with the conversation: ↑ ↓ choose; x ticks a follow-up or talking point (again to untick); d gives a follow-up a new date; a answers an idea (lead with trying:, adopted: or declined:); u notes aspiration progress (lead with a status to change it); Enter keeps a typed line, Esc drops it",
    ),
    (
        "When",
        "now, today, yesterday, a weekday, 2026-11-20 or 2026-11-20 14:30",
    ),
    ("Kind, Stance", "← → to choose"),
    ("Mood", "1–5 or ← →; 0 or Backspace clears"),
    (
        "Needs",
        "1–5 toggle C B A F S; a \"how\" line appears for each need you tick",
    ),
    ("Notes", "several lines; Enter starts a new line"),
    ("Tags", "words separated by spaces or commas"),
    (
        "Follow-ups",
        "type and press Enter to add; start with \"them:\" for theirs, end with @fri for a due date; Backspace on an empty line removes the last",
    ),
    (
        "remember",
        "what meets the need for them, kept on People and in prep; Enter goes on, Esc drops it",
    ),
    (
        "Delegated",
        "what you handed over to them, to check later whether it stuck or came back",
    ),
    (
        "To me",
        "what they said about your leading; end with @directing, @serving… to place you on a pair",
    ),
];

pub(crate) const FORM: &[Binding] = &[
    bind!("Ctrl-S", [(KeyCode::Char('s'), CTRL)], Action::Save, "save"),
    bind!(
        "Enter",
        [key(KeyCode::Enter)],
        Action::NextField,
        "next field (saves on the last one)"
    ),
    bind!(
        "Tab ↓",
        [key(KeyCode::Tab), key(KeyCode::Down)],
        Action::NextField,
        "next field"
    ),
    bind!(
        "Shift-Tab ↑",
        [key(KeyCode::BackTab), key(KeyCode::Up)],
        Action::PrevField,
        "previous field"
    ),
    bind!("Esc", [key(KeyCode::Esc)], Action::Close, "cancel"),
    QUIT_ANYWHERE,
];

pub(crate) const WEEK: &[Binding] = &[
    bind!(
        "h ←",
        [ch('h'), key(KeyCode::Left)],
        Action::Left,
        "the week before"
    ),
    bind!(
        "l →",
        [ch('l'), key(KeyCode::Right)],
        Action::Right,
        "the week after (up to this week)"
    ),
    bind!("t", [ch('t')], Action::ThisWeek, "back to this week"),
    bind!(
        "T",
        [ch('T')],
        Action::Trends,
        "the whole team's trends over months"
    ),
    bind!(
        "e Enter",
        [ch('e'), key(KeyCode::Enter)],
        Action::Activate,
        "write or edit the week's reflection"
    ),
    bind!(
        "b",
        [ch('b')],
        Action::EditBalance,
        "rate the balance self-check (systems ↔ people … eight pairs)"
    ),
];

pub(crate) const WEEK_EDIT: &[Binding] = &[
    bind!(
        "Ctrl-S",
        [(KeyCode::Char('s'), CTRL)],
        Action::Save,
        "save the reflection (leaving the screen saves too)"
    ),
    FIELD_MOVES[0],
    FIELD_MOVES[1],
    bind!(
        "Esc",
        [key(KeyCode::Esc)],
        Action::Close,
        "stop editing (asks first if there are changes)"
    ),
    HELP_WHILE_TYPING,
    bind!(
        "Ctrl-C",
        [(KeyCode::Char('c'), CTRL)],
        Action::ForceQuit,
        "quit, saving the reflection first"
    ),
    SEARCH_WHILE_TYPING,
];

/// Keys inside the Week screen's fields, shown in its help; the fields handle them.
pub(crate) const WEEK_FIELDS: &[(&str, &str)] = &[
    (
        "Balance",
        "1–5 rate (1 the managing pole, 5 the leading one), ← → step, 0 or Backspace clears, ↑ ↓ or Enter move",
    ),
    (
        "Reflection",
        "went well, differently, notes: several lines each; Enter starts a new line",
    ),
];

pub(crate) const CONFIRM: &[Binding] = &[
    bind!("y", [ch('y'), key(KeyCode::Enter)], Action::Yes, "yes"),
    bind!("n Esc", [ch('n'), key(KeyCode::Esc)], Action::No, "no"),
    QUIT_ANYWHERE,
];

pub(crate) const HELP: &[Binding] = &[
    bind!(
        "j k ↓ ↑",
        [ch('j'), key(KeyCode::Down)],
        Action::Down,
        "scroll a long list"
    ),
    bind!("", [ch('k'), key(KeyCode::Up)], Action::Up, ""),
    bind!(
        "Esc ? q",
        [key(KeyCode::Esc), ch('?'), ch('q'), key(KeyCode::F(1))],
        Action::Close,
        "close the help"
    ),
    QUIT_ANYWHERE,
];

/// What a context's help adds below its keys: a heading and its rows.
pub(crate) fn notes(
    context: Context,
) -> Option<(&'static str, &'static [(&'static str, &'static str)])> {
    match context {
        Context::Log => Some(("In the fields", LOG_FIELDS)),
        Context::Timeline | Context::TimelineFilter => Some((
            "The filter line (f) takes any of these, separated by spaces",
            TIMELINE_FILTER_SYNTAX,
        )),
        Context::Search => Some(("What you can type", SEARCH_SYNTAX)),
        Context::WeekEdit => Some(("In the fields", WEEK_FIELDS)),
        _ => None,
    }
}

/// The tables that apply in a context, most specific first.
pub(crate) fn tables(context: Context) -> &'static [&'static [Binding]] {
    match context {
        Context::Today => &[TODAY, GLOBAL, EVERYWHERE],
        Context::People => &[PEOPLE, GLOBAL, EVERYWHERE],
        Context::PeopleFilter => &[PEOPLE_FILTER, EVERYWHERE],
        Context::Log => &[LOG, EVERYWHERE],
        Context::Form => &[FORM, EVERYWHERE],
        Context::Week => &[WEEK, GLOBAL, EVERYWHERE],
        Context::WeekEdit => &[WEEK_EDIT, EVERYWHERE],
        Context::Confirm => &[CONFIRM, EVERYWHERE],
        Context::Help => &[HELP, EVERYWHERE],
        Context::Timeline => &[TIMELINE, GLOBAL, EVERYWHERE],
        Context::TimelineFilter => &[TIMELINE_FILTER, EVERYWHERE],
        Context::Gaps => &[GAPS, GLOBAL, EVERYWHERE],
        Context::Prep => &[PREP, EVERYWHERE],
        Context::PrepAnswer => &[PREP_ANSWER, EVERYWHERE],
        Context::Conversation => &[CONVERSATION, EVERYWHERE],
        Context::Search => &[SEARCH, EVERYWHERE],
        Context::Trends => &[TRENDS, EVERYWHERE],
        Context::Conflicts => &[CONFLICTS, EVERYWHERE],
    }
}

/// One hint in a footer: keys bound in the footer's context and what they do there. The
/// keys' names are written from their codes (`keymap::hints`), never by hand.
#[derive(Clone, Copy)]
pub(crate) enum Hint {
    /// The keys, named one after another: `j k scroll`.
    Keys(&'static [(KeyCode, KeyModifiers)], &'static str),
    /// The first and last of a run of keys: `Alt-1…5 needs`.
    Run(
        (KeyCode, KeyModifiers),
        (KeyCode, KeyModifiers),
        &'static str,
    ),
    /// Words only (search syntax), no key.
    Words(&'static str),
}

const fn alt(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), ALT)
}

const fn ctrl(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), CTRL)
}

const ENTER: (KeyCode, KeyModifiers) = key(KeyCode::Enter);
const ESC: (KeyCode, KeyModifiers) = key(KeyCode::Esc);
const TAB: (KeyCode, KeyModifiers) = key(KeyCode::Tab);
const F1: (KeyCode, KeyModifiers) = key(KeyCode::F(1));

/// Every footer, with the context whose keys it names: the one list the footers are drawn
/// from and the hints test reads.
pub(crate) const FOOTERS: &[(Footer, Context, &[Hint])] = &[
    (
        Footer::Conversation,
        Context::Conversation,
        &[
            Hint::Keys(&[ch('e')], "edit"),
            Hint::Keys(&[ch('j'), ch('k')], "scroll"),
            Hint::Keys(&[ESC], "close"),
        ],
    ),
    (
        Footer::Search,
        Context::Search,
        &[
            Hint::Keys(&[ENTER], "open"),
            Hint::Keys(&[key(KeyCode::Up), key(KeyCode::Down)], "choose"),
            Hint::Words("\"a phrase\""),
            Hint::Words("word*"),
            Hint::Keys(&[ESC], "close"),
        ],
    ),
    (
        Footer::PrepAnswer,
        Context::PrepAnswer,
        &[
            Hint::Keys(&[ENTER], "keep it"),
            Hint::Keys(&[TAB], "next"),
            Hint::Keys(&[ESC], "stop"),
        ],
    ),
    (
        Footer::PrepWithUnknowns,
        Context::Prep,
        &[
            Hint::Keys(&[ENTER], "log it"),
            Hint::Keys(&[ch('a')], "answer"),
            Hint::Keys(&[ch('r')], "talking point"),
            Hint::Keys(&[ch('j'), ch('k')], ""),
            Hint::Keys(&[ESC], "close"),
        ],
    ),
    (
        Footer::Prep,
        Context::Prep,
        &[
            Hint::Keys(&[ENTER], "log it"),
            Hint::Keys(&[ch('r')], "talking point"),
            Hint::Keys(&[ch('j'), ch('k')], "scroll"),
            Hint::Keys(&[ESC], "close"),
        ],
    ),
    (
        Footer::Conflicts,
        Context::Conflicts,
        &[
            Hint::Keys(&[ch('t')], "take the other"),
            Hint::Keys(&[ch('d')], "keep this"),
            Hint::Keys(&[ch('j'), ch('k')], ""),
            Hint::Keys(&[ESC], "close"),
        ],
    ),
    (
        Footer::Trends,
        Context::Trends,
        &[Hint::Keys(&[ESC], "close")],
    ),
    (
        Footer::TimelineFilter,
        Context::TimelineFilter,
        &[
            Hint::Keys(&[ENTER], "apply"),
            Hint::Keys(&[ESC], "cancel"),
            Hint::Keys(&[F1], "syntax"),
        ],
    ),
    (
        Footer::Log,
        Context::Log,
        &[
            Hint::Keys(&[ctrl('s')], "save"),
            Hint::Keys(&[TAB], "next field"),
            Hint::Run(alt('1'), alt('5'), "needs"),
            Hint::Keys(&[ctrl('q')], "ask"),
            Hint::Keys(&[ESC], "leave"),
            Hint::Keys(&[F1], "help"),
        ],
    ),
    (
        Footer::LogNeed,
        Context::Log,
        &[
            Hint::Keys(&[ctrl('s')], "save"),
            Hint::Keys(&[TAB], "next field"),
            Hint::Run(alt('1'), alt('5'), "needs"),
            Hint::Keys(&[ctrl('t')], "remember"),
            Hint::Keys(&[F1], "help"),
        ],
    ),
    (
        Footer::People,
        Context::People,
        &[
            Hint::Keys(&[ch('f')], "filter"),
            Hint::Keys(&[ch('.')], "archived"),
            Hint::Keys(&[ch('a')], "add"),
            Hint::Keys(&[ch('e')], "edit"),
        ],
    ),
];

/// The footers the interface draws.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Footer {
    Conversation,
    Search,
    PrepAnswer,
    PrepWithUnknowns,
    Prep,
    Trends,
    Conflicts,
    TimelineFilter,
    Log,
    /// The Log form on a ticked need, where Ctrl-T remembers what meets it.
    LogNeed,
    People,
}
