//! A past conversation as it reads, with everything linked to it, over whichever screen
//! opened it; `e` edits it in the Log form.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::Conversation;
use crate::store::{Result, Store};
use crate::tui::keymap::{Action, Footer, Keys, footer};
use crate::tui::request::Request;
use crate::tui::theme::Theme;
use crate::tui::widgets::{popup, titled};
use crate::tui::widgets::{scroll_sheet, toned_lines};
use crate::views::prep::Tone;

pub struct ConversationSheet {
    pub conversation: Conversation,
    lines: Vec<(Tone, String)>,
    pub scroll: usize,
}

impl ConversationSheet {
    /// The conversation and what is linked to it, read from the journal as it is now.
    pub(crate) fn read(store: &Store, id: i64) -> Result<ConversationSheet> {
        let conversation = store.conversation(id)?;
        let linked = store.linked_to(id)?;
        let lines = crate::views::conversation::sheet(&conversation, &linked, store.today());
        Ok(ConversationSheet {
            conversation,
            lines,
            scroll: 0,
        })
    }

    pub(crate) fn render(&self, frame: &mut Frame, area: Rect, theme: Theme, keys: &Keys) {
        let width = area.width.saturating_sub(4).min(110);
        let wanted = u16::try_from(self.lines.len() + 2).unwrap_or(u16::MAX);
        let block = titled(
            " A conversation ".into(),
            format!(" {} ", footer(keys, Footer::Conversation)),
            theme,
        );
        let inner = popup(frame, area, width, wanted.min(area.height), block);
        toned_lines(frame, inner, &self.lines, self.scroll, theme);
    }

    pub(crate) fn update(&mut self, action: Action) -> Vec<Request> {
        if scroll_sheet(&mut self.scroll, action, self.lines.len()) {
            return vec![];
        }
        match action {
            Action::Close => return vec![Request::CloseOverlay],
            Action::Edit => {
                return vec![
                    Request::CloseOverlay,
                    Request::EditConversation(self.conversation.clone()),
                ];
            }
            _ => {}
        }
        vec![]
    }
}
