//! The texts edited on two devices (a journal that syncs), over whichever screen opened them
//! (`C`): each with whose record and which field it is, and the other version. `t` takes
//! the other version (a change like any other, so the other devices take it at their next
//! sync), `d` keeps this one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::store::sync::SyncConflict;
use crate::tui::keymap::{Action, Footer, Keys, footer};
use crate::tui::request::Request;
use crate::tui::theme::Theme;
use crate::tui::widgets::{list, popup, titled, wrap_words};
use crate::views::text::printable;

pub struct ConflictsSheet {
    pub(crate) conflicts: Vec<SyncConflict>,
    pub(crate) cursor: usize,
}

impl ConflictsSheet {
    pub(crate) fn new(conflicts: Vec<SyncConflict>) -> ConflictsSheet {
        ConflictsSheet {
            conflicts,
            cursor: 0,
        }
    }

    /// The same conflicts read again (one was settled): the cursor stays where it was, or
    /// on the last.
    pub(crate) fn refresh(&mut self, conflicts: Vec<SyncConflict>) {
        self.conflicts = conflicts;
        self.cursor = self.cursor.min(self.conflicts.len().saturating_sub(1));
    }

    /// The heading of a conflict: whose record, of what kind, which field.
    fn heading(conflict: &SyncConflict) -> String {
        let what = conflict.table.replace('_', " ");
        let field = conflict.field.replace('_', " ");
        match &conflict.whose {
            Some(name) => format!("{} · {what} · {field}", printable(name)),
            None => format!("{what} · {field}"),
        }
    }

    pub(crate) fn render(&self, frame: &mut Frame, area: Rect, theme: Theme, keys: &Keys) {
        let width = area.width.saturating_sub(4).min(100);
        // Wrapped here, each version under itself, so the rows counted are the rows drawn.
        let inner_width = usize::from(width.saturating_sub(2)).max(1);
        let mut lines = Vec::new();
        // Where each conflict's rows begin and end, to keep the selected one in view.
        let mut spans_of = Vec::new();
        if self.conflicts.is_empty() {
            lines.push(Line::from(
                "No conflicts: no text was edited on two devices.",
            ));
        }
        for (at, conflict) in self.conflicts.iter().enumerate() {
            let selected = at == self.cursor;
            let first = lines.len();
            lines.push(Line::from(Span::styled(
                format!(
                    "{} {}",
                    if selected { "›" } else { " " },
                    Self::heading(conflict)
                ),
                list::row_style(selected, theme),
            )));
            lines.push(Line::from(Span::styled(
                "  edited on two devices — the other version:",
                theme.dim(),
            )));
            let text = printable(&conflict.other_version);
            for row in wrap_words(&text, inner_width.saturating_sub(4)) {
                lines.push(Line::from(format!("    {row}")));
            }
            spans_of.push((first, lines.len()));
        }
        let wanted = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let block = titled(
            " Conflicts ".into(),
            format!(" {} ", footer(keys, Footer::Conflicts)),
            theme,
        );
        let inner = popup(frame, area, width, wanted.min(area.height), block);
        // The selected conflict stays in view: the rows before it give way.
        let (first, end) = spans_of.get(self.cursor).copied().unwrap_or((0, 0));
        let skip = end.saturating_sub(usize::from(inner.height)).min(first);
        frame.render_widget(
            Paragraph::new(lines).scroll((u16::try_from(skip).unwrap_or(u16::MAX), 0)),
            inner,
        );
    }

    pub(crate) fn update(&mut self, action: Action) -> Vec<Request> {
        match action {
            Action::Close => vec![Request::CloseOverlay],
            Action::Down => {
                self.cursor = (self.cursor + 1).min(self.conflicts.len().saturating_sub(1));
                vec![]
            }
            Action::Up => {
                self.cursor = self.cursor.saturating_sub(1);
                vec![]
            }
            Action::TakeOtherVersion | Action::KeepThisVersion => {
                match self.conflicts.get(self.cursor) {
                    Some(conflict) => vec![Request::SettleConflict {
                        id: conflict.id.clone(),
                        take: action == Action::TakeOtherVersion,
                    }],
                    None => vec![],
                }
            }
            _ => vec![],
        }
    }
}
