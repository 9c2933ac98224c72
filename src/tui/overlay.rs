//! What is open over the screen, if anything: the help, a question, a small form, or one of
//! the sheets in `overlays/`. The shell builds these from what screens ask for; no screen
//! names this module.

use super::forms::small_form::SmallForm;
use super::keymap::Context;
use super::overlays::confirm::Question;
use super::overlays::conversation_view::ConversationSheet;
use super::overlays::prep_sheet::PrepSheet;
use super::overlays::search::SearchPanel;
use super::overlays::trends_view::{TeamTrendsView, TrendsView};

pub enum Overlay {
    /// The keys of a context, scrolled down by this many lines.
    Help(Context, u16),
    Confirm(Question),
    Form(SmallForm),
    Prep(Box<PrepSheet>),
    /// A past conversation, read-only.
    Conversation(Box<ConversationSheet>),
    Search(Box<SearchPanel>),
    Trends(Box<TrendsView>),
    TeamTrends(Box<TeamTrendsView>),
}
