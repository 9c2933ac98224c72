//! The preparation sheet for one person's next 1:1, over whichever screen asked for it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::config::Config;
use crate::domain::Need;
use crate::insights::prep::Prep;
use crate::store::{Result, Store};
use crate::tui::keymap::Action;
use crate::tui::request::Request;
use crate::tui::screens::small_form::talking_point_form;
use crate::tui::theme::Theme;
use crate::tui::widgets::{fit, popup, titled};
use crate::views::prep::{Tone, sheet};

pub struct PrepSheet {
    pub person_id: i64,
    pub name: String,
    /// The needs the sheet suggests addressing: ticked when the 1:1 is logged from here.
    pub to_address: Vec<Need>,
    lines: Vec<(Tone, String)>,
    pub scroll: usize,
}

impl PrepSheet {
    pub(crate) fn new(prep: &Prep) -> PrepSheet {
        PrepSheet {
            person_id: prep.person.id,
            name: prep.person.name.clone(),
            to_address: prep.to_address.clone(),
            lines: sheet(prep),
            scroll: 0,
        }
    }

    pub(crate) fn scroll_by(&mut self, delta: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.lines.len().saturating_sub(1));
    }

    pub(crate) fn render(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let width = area.width.saturating_sub(4).min(110);
        let wanted = u16::try_from(self.lines.len() + 3).unwrap_or(u16::MAX);
        let block = titled(
            " Before the 1:1 ".into(),
            " Enter log it · r talking point · j k scroll · Esc close ",
            theme,
        );
        let inner = popup(frame, area, width, wanted.min(area.height), block);
        let text_width = usize::from(inner.width);
        // Never scrolled past the point where the last line reaches the bottom.
        let scroll = self
            .scroll
            .min(self.lines.len().saturating_sub(usize::from(inner.height)));
        let lines: Vec<Line> = self
            .lines
            .iter()
            .skip(scroll)
            .take(usize::from(inner.height))
            .map(|(tone, text)| {
                let style = match tone {
                    Tone::Title => theme.title(),
                    Tone::Heading => theme.accent(),
                    Tone::Plain => theme.plain(),
                    Tone::Question => theme.good(),
                    Tone::Warning => theme.warning(),
                };
                Line::from(Span::styled(fit(&format!(" {text}"), text_width), style))
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// What the keys do on the prep sheet.
impl PrepSheet {
    /// The sheet for a person, read from the journal as it is now.
    pub(crate) fn read(store: &Store, person_id: i64, config: &Config) -> Result<PrepSheet> {
        let today = store.today();
        let rows = store.prep_rows(person_id, today)?;
        Ok(PrepSheet::new(&crate::insights::prep::prepare(
            rows, today, config,
        )))
    }

    pub(crate) fn update(&mut self, action: Action) -> Vec<Request> {
        match action {
            Action::Down => self.scroll_by(1),
            Action::Up => self.scroll_by(-1),
            Action::Close => return vec![Request::CloseOverlay],
            Action::RaiseTalkingPoint => {
                return vec![
                    Request::CloseOverlay,
                    Request::Show(crate::tui::app::Overlay::Form(talking_point_form(
                        self.person_id,
                        &self.name,
                    ))),
                ];
            }
            Action::Activate => {
                return vec![
                    Request::CloseOverlay,
                    Request::StartLog {
                        person: Some((self.person_id, self.name.clone())),
                        needs: self.to_address.clone(),
                    },
                ];
            }
            _ => {}
        }
        vec![]
    }
}
