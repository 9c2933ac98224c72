//! What is open over the screen, if anything: the help, a question, a small form, or one of
//! the sheets in `overlays/`. The shell builds these from what screens ask for; no screen
//! names this module.

use std::cell::Cell;

use super::forms::small_form::SmallForm;
use super::keymap::Context;
use super::overlays::confirm::Question;
use super::overlays::conflicts::ConflictsSheet;
use super::overlays::conversation_view::ConversationSheet;
use super::overlays::prep_sheet::PrepSheet;
use super::overlays::search::SearchPanel;
use super::overlays::trends_view::{TeamTrendsView, TrendsView};

pub enum Overlay {
    /// The keys of a context, and how far they are scrolled.
    Help(Context, HelpScroll),
    Confirm(Question),
    Form(SmallForm),
    Prep(Box<PrepSheet>),
    /// A past conversation, read-only.
    Conversation(Box<ConversationSheet>),
    Search(Box<SearchPanel>),
    Trends(Box<TrendsView>),
    TeamTrends(Box<TeamTrendsView>),
    /// The texts edited on two devices, each with the other version.
    Conflicts(ConflictsSheet),
}

/// How far the key help is scrolled. Only drawing knows how tall the popup is, so each draw
/// notes the furthest scroll that still fills it, and a key never scrolls past that: after
/// `j` pressed beyond the end, one `k` moves the view.
#[derive(Debug)]
pub struct HelpScroll {
    at: u16,
    furthest: Cell<u16>,
}

impl Default for HelpScroll {
    /// Not drawn yet: no limit known, until the first draw sets one.
    fn default() -> HelpScroll {
        HelpScroll {
            at: 0,
            furthest: Cell::new(u16::MAX),
        }
    }
}

impl HelpScroll {
    pub fn at(&self) -> u16 {
        self.at.min(self.furthest.get())
    }

    /// Notes, while drawing, the furthest the help can scroll at this size.
    pub(crate) fn set_furthest(&self, furthest: u16) {
        self.furthest.set(furthest);
    }

    pub fn down(&mut self) {
        self.at = self.at().saturating_add(1).min(self.furthest.get());
    }

    pub fn up(&mut self) {
        self.at = self.at().saturating_sub(1);
    }
}
