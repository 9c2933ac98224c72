//! What a screen hands back to the shell once it has handled a key.
//!
//! A screen changes its own state and may read or write the journal; whatever reaches beyond
//! it (another screen, an overlay, the status line, reading every screen again) it asks for
//! here, as data that says what it wants (never a built overlay), and the shell carries the
//! requests out in order (`tui/carry_out.rs`). This module names no screen and not the shell.

use crate::config::Config;
use crate::domain::{Conversation, Need};
use crate::store::{PersonSummary, Store, Which};
use crate::tui::forms::kind::FormKind;
use crate::tui::generation::Generation;
use crate::tui::keymap::Screen;
use crate::tui::overlays::confirm::Question;
use crate::tui::target::Target;

/// What every screen may read while it handles a key.
pub(crate) struct Shared<'a> {
    pub(crate) store: &'a mut Store,
    pub(crate) people: &'a [PersonSummary],
    pub(crate) config: &'a Config,
    /// The journal's generation now: a screen that last read an older one reads again.
    pub(crate) journal: Generation,
}

/// The [`Shared`] view of an app, borrowed field by field so that a screen (another field)
/// can be borrowed beside it.
macro_rules! shared_of {
    ($app:expr) => {
        $crate::tui::request::Shared {
            store: &mut $app.store,
            people: &$app.people,
            config: &$app.config,
            journal: $app.journal,
        }
    };
}
pub(crate) use shared_of;

/// Something only the shell can do, asked for by the screen that handled a key.
pub(crate) enum Request {
    /// A line on the status bar.
    Say(String),
    /// A line on the status bar, in the error colour.
    Complain(String),
    /// Opens a small form over the screen; the shell builds it from what this names.
    OpenForm(FormKind),
    /// Asks a yes/no question over the screen; the shell carries out the answer.
    Ask(Question),
    /// Closes the overlay that handled the key.
    CloseOverlay,
    GoTo(Screen),
    /// Back to the screen the Log form was opened from.
    GoBack,
    /// Opens the Log form for a person, with needs already ticked.
    StartLog {
        person: Option<(i64, String)>,
        needs: Vec<Need>,
    },
    /// Opens a saved conversation in the Log form.
    EditConversation(Conversation),
    OpenPrep(Option<i64>),
    /// A person's trends over months.
    OpenTrends(i64),
    /// The whole team's trends over months.
    OpenTeamTrends,
    /// The Timeline screen, filtered to one person.
    ShowTimelineOf(Option<(i64, String)>),
    /// Shows an item where it lives.
    Open(Target),
    /// Ticks the follow-up done: that very one (by UUID too), never another.
    FollowUpDone(Which),
    /// The journal changed: read what the screens show again.
    Reload,
    /// A new conversation with this person was saved: only their line can have changed.
    ReloadAfterLogging(i64),
    /// Selects the person just added (by name) on People.
    SelectAdded(String),
    /// The Log form was typed into: keep a draft once typing pauses.
    FormChanged,
    /// Keeps the Log form as a draft now.
    KeepDraft,
    /// The Log form was saved and its draft removed with it: nothing is left to keep.
    DraftGone,
    /// Hands the terminal to the leader's editor with this text.
    OpenEditor(String),
    /// Settles the conflict with this id: the record takes the other version (`take`), or
    /// keeps its own.
    SettleConflict {
        id: String,
        take: bool,
    },
}

/// A request that only puts a line on the status bar.
pub(crate) fn say(text: impl Into<String>) -> Vec<Request> {
    vec![Request::Say(text.into())]
}

/// A request that only puts an error on the status bar.
pub(crate) fn complain(text: impl Into<String>) -> Vec<Request> {
    vec![Request::Complain(text.into())]
}
