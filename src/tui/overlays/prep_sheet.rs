//! The preparation sheet for one person's next 1:1, over whichever screen asked for it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::config::Config;
use crate::domain::{AspirationStatus, Need, PersonPatch};
use crate::insights::prep::{Prep, Unknown};
use crate::store::{NewAspiration, Result, Store};
use crate::tui::forms::kind::FormKind;
use crate::tui::keymap::{Action, Footer, Keys, footer};
use crate::tui::request::{self, Request};
use crate::tui::theme::Theme;
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::{first_name, fit, popup, titled};
use crate::tui::widgets::{scroll_sheet, toned_lines};
use crate::views::prep::{Tone, sheet};

pub struct PrepSheet {
    pub person_id: i64,
    pub name: String,
    /// The needs the sheet suggests addressing: ticked when the 1:1 is logged from here.
    pub to_address: Vec<Need>,
    /// What the leader does not know about them yet, for `a` to answer.
    pub(crate) still_unknown: Vec<Unknown>,
    /// The answer being typed, and what it answers.
    pub(crate) answering: Option<(Unknown, LineInput)>,
    /// The ideas they brought that wait for an answer, oldest first: `i` answers the first.
    ideas_awaiting: Vec<crate::domain::Idea>,
    lines: Vec<(Tone, String)>,
    pub scroll: usize,
}

impl PrepSheet {
    pub(crate) fn new(prep: &Prep) -> PrepSheet {
        PrepSheet {
            person_id: prep.person.id,
            name: prep.person.name.clone(),
            to_address: prep.to_address.clone(),
            still_unknown: prep.still_unknown.clone(),
            answering: None,
            ideas_awaiting: {
                let mut ideas: Vec<_> =
                    prep.ideas_awaiting.iter().map(|w| w.idea.clone()).collect();
                ideas.sort_by_key(|idea| (idea.heard_on, idea.id));
                ideas
            },
            lines: sheet(prep),
            scroll: 0,
        }
    }

    pub(crate) fn render(&self, frame: &mut Frame, area: Rect, theme: Theme, keys: &Keys) {
        let width = area.width.saturating_sub(4).min(110);
        let answer_rows = if self.answering.is_some() { 2 } else { 0 };
        let wanted = u16::try_from(self.lines.len() + 3 + answer_rows).unwrap_or(u16::MAX);
        let hint = match (&self.answering, self.still_unknown.is_empty()) {
            (Some(_), _) => Footer::PrepAnswer,
            (None, false) => Footer::PrepWithUnknowns,
            (None, true) => Footer::Prep,
        };
        let block = titled(
            " Before the 1:1 ".into(),
            format!(" {} ", footer(keys, hint)),
            theme,
        );
        let mut inner = popup(frame, area, width, wanted.min(area.height), block);
        if let Some((unknown, input)) = &self.answering {
            // The answer line sits at the bottom of the sheet, under what it answers.
            let rows = u16::try_from(answer_rows).unwrap_or(0).min(inner.height);
            let answer = Rect {
                y: inner.y + inner.height - rows,
                height: rows,
                ..inner
            };
            inner.height -= rows;
            let label = format!(" {} › ", unknown.what());
            let room = usize::from(answer.width).saturating_sub(label.chars().count());
            let (visible, cursor) = input.visible(room);
            let question = fit(
                &format!(" \"{}\"", unknown.question()),
                usize::from(answer.width),
            );
            frame.render_widget(
                Paragraph::new(vec![
                    Line::from(Span::styled(question, theme.good())),
                    Line::from(vec![
                        Span::styled(label.clone(), theme.accent()),
                        Span::styled(visible, theme.plain()),
                    ]),
                ]),
                answer,
            );
            if answer.height >= 2 {
                let x = answer.x + u16::try_from(label.chars().count()).unwrap_or(0) + cursor;
                frame.set_cursor_position((x.min(answer.right().saturating_sub(1)), answer.y + 1));
            }
        }
        toned_lines(frame, inner, &self.lines, self.scroll, theme);
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
        if scroll_sheet(&mut self.scroll, action, self.lines.len()) {
            return vec![];
        }
        match action {
            Action::Close => return vec![Request::CloseOverlay],
            Action::Answer => match self.still_unknown.first() {
                Some(&unknown) => self.answering = Some((unknown, LineInput::default())),
                None => return request::say("Nothing is unknown: their profile says it all."),
            },
            Action::AnswerIdea => match self.ideas_awaiting.first() {
                Some(idea) => {
                    return vec![
                        Request::CloseOverlay,
                        Request::OpenForm(FormKind::AnswerIdea(Box::new(idea.clone()))),
                    ];
                }
                None => return request::say("No idea of theirs is waiting for an answer."),
            },
            Action::RaiseTalkingPoint => {
                return vec![
                    Request::CloseOverlay,
                    Request::OpenForm(FormKind::TalkingPoint {
                        person_id: self.person_id,
                        name: self.name.clone(),
                    }),
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

/// Answering what is still unknown, on the sheet.
impl PrepSheet {
    pub(crate) fn update_answer(
        &mut self,
        action: Action,
        store: &mut Store,
        config: &Config,
    ) -> Vec<Request> {
        let Some((unknown, input)) = &self.answering else {
            return vec![];
        };
        let unknown = *unknown;
        match action {
            Action::Close => self.answering = None,
            Action::NextField => {
                let at = self.still_unknown.iter().position(|u| *u == unknown);
                let next = at.map_or(0, |i| (i + 1) % self.still_unknown.len().max(1));
                if let Some(&next) = self.still_unknown.get(next) {
                    self.answering = Some((next, LineInput::default()));
                }
            }
            Action::Save => {
                let answer = input.text().trim().to_string();
                if answer.is_empty() {
                    return request::complain(format!(
                        "Type their answer first (or Esc): what {} is.",
                        unknown.what()
                    ));
                }
                if let Err(e) = self.keep_answer(unknown, &answer, store) {
                    return request::complain(format!("Not kept: {e}"));
                }
                let scroll = self.scroll;
                match PrepSheet::read(store, self.person_id, config) {
                    Ok(fresh) => {
                        *self = fresh;
                        self.scroll = scroll;
                    }
                    Err(e) => return request::complain(format!("Could not read the sheet: {e}")),
                }
                let who = crate::views::text::printable(first_name(&self.name));
                let said = match unknown {
                    Unknown::AcknowledgeFor => {
                        format!("Noted what {who} wants to be acknowledged for.")
                    }
                    Unknown::WouldChange => format!("Noted what {who} would change."),
                    Unknown::Aspiration => format!(
                        "Added {who}'s aspiration \"{}\" (exploring).",
                        crate::views::text::printable(&answer)
                    ),
                };
                return vec![Request::Say(said), Request::Reload];
            }
            _ => {}
        }
        vec![]
    }

    /// Fills the profile field the answer is for, or adds the aspiration it names: one
    /// transaction either way.
    fn keep_answer(&self, unknown: Unknown, answer: &str, store: &mut Store) -> Result<()> {
        match unknown {
            Unknown::AcknowledgeFor => store
                .edit_person(
                    self.person_id,
                    &PersonPatch {
                        acknowledge_for: Some(answer.to_string()),
                        ..PersonPatch::default()
                    },
                )
                .map(drop),
            Unknown::WouldChange => store
                .edit_person(
                    self.person_id,
                    &PersonPatch {
                        would_change: Some(answer.to_string()),
                        ..PersonPatch::default()
                    },
                )
                .map(drop),
            Unknown::Aspiration => store
                .add_aspiration(
                    self.person_id,
                    &NewAspiration {
                        title: answer.to_string(),
                        detail: String::new(),
                        horizon: String::new(),
                        status: AspirationStatus::Exploring,
                    },
                )
                .map(drop),
        }
    }
}
