//! Small popup forms: a person's profile, a new aspiration, progress on one. Each field is a
//! line of text or a choice; refusals show under the field they concern.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::theme::Theme;
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::{popup, titled};

/// What saving the form does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    AddPerson,
    EditPerson(i64),
    AddAspiration(i64),
    UpdateAspiration(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(LineInput),
    Choice {
        options: Vec<&'static str>,
        index: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    pub key: &'static str,
    pub label: &'static str,
    pub value: Value,
}

impl FormField {
    pub fn text(key: &'static str, label: &'static str, value: &str) -> FormField {
        FormField {
            key,
            label,
            value: Value::Text(LineInput::new(value)),
        }
    }

    pub fn choice(
        key: &'static str,
        label: &'static str,
        options: Vec<&'static str>,
        current: &str,
    ) -> FormField {
        let index = options.iter().position(|o| *o == current).unwrap_or(0);
        FormField {
            key,
            label,
            value: Value::Choice { options, index },
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.value {
            Value::Text(input) => input.text(),
            Value::Choice { options, index } => options.get(*index).copied().unwrap_or(""),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmallForm {
    pub title: String,
    pub purpose: Purpose,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// A refusal and the field it belongs to.
    pub error: Option<(usize, String)>,
}

impl SmallForm {
    pub fn new(title: impl Into<String>, purpose: Purpose, fields: Vec<FormField>) -> SmallForm {
        SmallForm {
            title: title.into(),
            purpose,
            fields,
            focus: 0,
            error: None,
        }
    }

    pub fn get(&self, key: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(FormField::as_str)
            .unwrap_or("")
    }

    /// Shows a refusal under the field named `key`.
    pub fn refuse(&mut self, key: &str, message: String) {
        let at = self.fields.iter().position(|f| f.key == key).unwrap_or(0);
        self.focus = at;
        self.error = Some((at, message));
    }

    pub fn is_last_field(&self) -> bool {
        self.focus + 1 == self.fields.len()
    }

    pub fn move_focus(&mut self, forward: bool) {
        let n = self.fields.len().max(1);
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    /// A key for the focused field.
    pub fn handle_key(&mut self, key: KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        let changed = match &mut field.value {
            Value::Text(input) => input.handle(key),
            Value::Choice { options, index } => {
                let n = options.len().max(1);
                match key.code {
                    KeyCode::Right | KeyCode::Char(' ') | KeyCode::Char('l') => {
                        *index = (*index + 1) % n
                    }
                    KeyCode::Left | KeyCode::Char('h') => *index = (*index + n - 1) % n,
                    _ => return,
                }
                true
            }
        };
        if changed && self.error.as_ref().is_some_and(|(at, _)| *at == self.focus) {
            self.error = None;
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        // A blank row between fields when there is room, none when the terminal is short.
        let roomy = usize::from(area.height) >= self.fields.len() * 2 + 3;
        let rows = if roomy {
            self.fields.len() * 2
        } else {
            self.fields.len() + 1
        };
        let height = u16::try_from(rows + 2).unwrap_or(u16::MAX);
        let block = titled(
            format!(" {} ", self.title),
            " Enter next · Ctrl-S save · Esc cancel ",
            theme,
        );
        let inner = popup(frame, area, 72, height, block);
        let label_width = 17u16;
        let mut lines = Vec::new();
        let mut cursor = None;
        for (i, field) in self.fields.iter().enumerate() {
            let label_style = if i == self.focus {
                theme.accent()
            } else {
                theme.dim()
            };
            let label = Span::styled(format!("{:>15}  ", field.label), label_style);
            let value = match &field.value {
                Value::Text(input) => {
                    let (shown, at) =
                        input.visible(usize::from(inner.width.saturating_sub(label_width + 1)));
                    if i == self.focus {
                        cursor = Some((
                            inner.x + label_width + at,
                            inner.y + u16::try_from(lines.len()).unwrap_or(0),
                        ));
                    }
                    Span::raw(shown)
                }
                Value::Choice { options, index } => {
                    let shown = options
                        .iter()
                        .enumerate()
                        .map(|(j, o)| {
                            if j == *index {
                                format!("({o})")
                            } else {
                                format!(" {o} ")
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" ");
                    Span::styled(
                        shown,
                        if i == self.focus {
                            theme.selected()
                        } else {
                            theme.plain()
                        },
                    )
                }
            };
            lines.push(Line::from(vec![label, value]));
            match &self.error {
                Some((at, message)) if *at == i => {
                    lines.push(Line::from(Span::styled(
                        format!("{:>17}{message}", ""),
                        theme.error(),
                    )));
                }
                _ if roomy => lines.push(Line::from("")),
                _ => {}
            }
        }
        frame.render_widget(Paragraph::new(lines), inner);
        if let Some(position) = cursor.filter(|(x, y)| *x < inner.right() && *y < inner.bottom()) {
            frame.set_cursor_position(position);
        }
    }
}
