//! A small popup form: its fields (each a line of text or a choice), its keys, and what
//! saving it writes; refusals show under the field they concern. Which forms there are, and
//! how each is filled in, is `builders.rs`.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::AspirationStatus;
use crate::domain::Invalid;
use crate::domain::Lean;
use crate::domain::NewPerson;
use crate::domain::Pause;
use crate::domain::PersonPatch;
use crate::domain::ProfileText;
use crate::domain::TextField;
use crate::domain::parse_date;
use crate::store;
use crate::store::NewAspiration;
use crate::store::Which;
use crate::tui::keymap::Action;
use crate::tui::request::Request;
use crate::tui::theme::Theme;
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::{list, popup, titled};

/// What saving the form does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
///
/// A form that changes a record holds the record it was opened on (its id and UUID): saving
/// it changes that record or, when it is gone, nothing.
pub(crate) enum Purpose {
    AddPerson,
    EditPerson(Which),
    /// A new aspiration for the person with this id.
    AddAspiration(i64),
    UpdateAspiration(Which),
    /// Pause a person's 1:1s until the day given, or resume them when it is left empty.
    PausePerson(Which),
    /// Answer an idea: where it stands and what the leader told them.
    AnswerIdea(Which),
    /// Note a talking point to bring up at the next 1:1 with the person with this id.
    RaiseTalkingPoint(i64),
    /// Correct a follow-up: its text, due date and whose it is.
    EditFollowUp(Which),
    /// Note anew what meets a need for the person with this id.
    NoteMeets {
        person_id: i64,
        need: crate::domain::Need,
    },
    /// Check how a delegation turned out.
    CheckDelegation(Which),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Text(LineInput),
    Choice {
        options: Vec<&'static str>,
        index: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormField {
    pub key: &'static str,
    pub label: &'static str,
    pub value: Value,
    /// How the value is written, shown under the field while it has the focus.
    pub format: Option<&'static str>,
}

impl FormField {
    pub(crate) fn text(key: &'static str, label: &'static str, value: &str) -> FormField {
        FormField {
            key,
            label,
            value: Value::Text(LineInput::new(value)),
            format: None,
        }
    }

    /// The field that says, under itself while it has the focus, how it is written.
    pub(crate) fn saying_format(self, format: &'static str) -> FormField {
        FormField {
            format: Some(format),
            ..self
        }
    }

    pub(crate) fn choice(
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
            format: None,
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match &self.value {
            Value::Text(input) => input.text(),
            Value::Choice { options, index } => options.get(*index).copied().unwrap_or(""),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmallForm {
    pub title: String,
    pub(crate) purpose: Purpose,
    pub(crate) fields: Vec<FormField>,
    pub focus: usize,
    /// A refusal and the field it belongs to.
    pub error: Option<(usize, String)>,
}

impl SmallForm {
    pub(crate) fn new(
        title: impl Into<String>,
        purpose: Purpose,
        fields: Vec<FormField>,
    ) -> SmallForm {
        SmallForm {
            title: title.into(),
            purpose,
            fields,
            focus: 0,
            error: None,
        }
    }

    pub(crate) fn get(&self, key: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(FormField::as_str)
            .unwrap_or("")
    }

    /// Shows a refusal under the field named `key`.
    pub(crate) fn refuse(&mut self, key: &str, message: String) {
        let at = self.fields.iter().position(|f| f.key == key).unwrap_or(0);
        self.focus = at;
        self.error = Some((at, message));
    }

    pub(crate) fn is_last_field(&self) -> bool {
        self.focus + 1 == self.fields.len()
    }

    pub(crate) fn move_focus(&mut self, forward: bool) {
        let n = self.fields.len().max(1);
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    /// A key for the focused field.
    pub(crate) fn handle_key(&mut self, key: KeyEvent) {
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

    pub(crate) fn render(&self, frame: &mut Frame, area: Rect, theme: Theme) {
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
                    Span::styled(shown, list::row_style(i == self.focus, theme))
                }
            };
            lines.push(Line::from(vec![label, value]));
            match (&self.error, field.format) {
                (Some((at, message)), _) if *at == i => {
                    lines.push(Line::from(Span::styled(
                        format!("{:>17}{message}", ""),
                        theme.error(),
                    )));
                }
                // The row a refusal would take (the blank one, or the one spare row of a
                // short form) says how the focused field is written.
                (error, Some(format)) if i == self.focus && (roomy || error.is_none()) => {
                    lines.push(Line::from(Span::styled(
                        format!("{:>17}{format}", ""),
                        theme.dim(),
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

/// What the keys do in a small form, and what saving it writes.
impl SmallForm {
    /// A patch holding every free-text part of the profile form, as typed.
    fn profile_texts(&self) -> PersonPatch {
        let mut patch = PersonPatch::default();
        for part in ProfileText::ALL {
            *part.in_patch(&mut patch) = Some(self.get(part.key()).to_string());
        }
        patch
    }

    pub(crate) fn update(&mut self, action: Action, store: &mut store::Store) -> Vec<Request> {
        match action {
            Action::Close => return vec![Request::CloseOverlay],
            Action::NextField if !self.is_last_field() => self.move_focus(true),
            Action::NextField | Action::Save => return self.submit(store),
            Action::PrevField => self.move_focus(false),
            _ => {}
        }
        vec![]
    }

    /// Saves the form: on success it closes and the screens are read again; on a refusal
    /// it stays open with the reason under the field concerned.
    fn submit(&mut self, store: &mut store::Store) -> Vec<Request> {
        let form = &*self;
        let today = store.today();
        let result: Result<String, (&'static str, String)> = (|| match form.purpose {
            Purpose::AddPerson | Purpose::EditPerson(_) => {
                let cadence = crate::domain::parse_cadence(form.get("cadence"))
                    .map_err(|e| ("cadence", e.to_string()))?;
                let started = match form.get("started").trim() {
                    "" => None,
                    text => Some(
                        parse_date(text, today, Lean::Past)
                            .map_err(|e| ("started", e.to_string()))?,
                    ),
                };
                let priorities = crate::domain::parse_priorities(form.get("priorities"))
                    .map_err(|e| ("priorities", e.to_string()))?;
                let outcome = if let Purpose::EditPerson(which) = form.purpose {
                    let patch = PersonPatch {
                        name: Some(form.get("name").to_string()),
                        role: Some(form.get("role").to_string()),
                        team: Some(form.get("team").to_string()),
                        started_on: Some(started),
                        cadence_days: Some(cadence),
                        roving_leader: Some(form.get("roving") == "yes"),
                        priorities: Some(priorities),
                        ..form.profile_texts()
                    };
                    store
                        .edit_person(which, &patch)
                        .map(|p| format!("Saved {}.", p.name))
                } else {
                    let new = NewPerson {
                        name: form.get("name").to_string(),
                        role: form.get("role").to_string(),
                        team: form.get("team").to_string(),
                        started_on: started,
                        cadence_days: Some(cadence),
                    };
                    let profile = PersonPatch {
                        roving_leader: Some(form.get("roving") == "yes"),
                        priorities: Some(priorities),
                        ..form.profile_texts()
                    };
                    store
                        .add_person_with_profile(&new, &profile)
                        .map(|p| format!("Added {}. Press Enter on them to log a 1:1.", p.name))
                };
                outcome.map_err(|e| (person_field_of(&e), e.to_string()))
            }
            Purpose::AddAspiration(person_id) => {
                let new = NewAspiration {
                    title: form.get("title").to_string(),
                    detail: form.get("detail").to_string(),
                    horizon: form.get("horizon").to_string(),
                    status: form
                        .get("status")
                        .parse()
                        .unwrap_or(AspirationStatus::Exploring),
                };
                store
                    .add_aspiration(person_id, &new)
                    .map(|a| {
                        format!(
                            "Aspiration added: {}",
                            crate::views::text::printable(&a.title)
                        )
                    })
                    .map_err(|e| ("title", e.to_string()))
            }
            Purpose::UpdateAspiration(which) => {
                let status: Option<AspirationStatus> = form.get("status").parse().ok();
                store
                    .update_aspiration(which, status, form.get("note"), None)
                    .map(|a| {
                        format!(
                            "Progress noted on {}.",
                            crate::views::text::printable(&a.title)
                        )
                    })
                    .map_err(|e| ("note", e.to_string()))
            }
            Purpose::AnswerIdea(which) => {
                let status = form
                    .get("status")
                    .parse()
                    .unwrap_or(crate::domain::IdeaStatus::Trying);
                store
                    .answer_idea(which, status, form.get("answer"))
                    .map(|idea| {
                        format!(
                            "Answered {}'s idea ({}).",
                            crate::views::text::printable(&idea.person_name),
                            idea.status
                        )
                    })
                    .map_err(|e| ("answer", e.to_string()))
            }
            Purpose::NoteMeets { person_id, need } => store
                .note_what_meets(person_id, need, form.get("text"), None)
                .map(|note| {
                    format!(
                        "What meets {} for {}: {}",
                        note.need.label(),
                        crate::views::text::printable(&note.person_name),
                        crate::views::text::printable(&note.text)
                    )
                })
                .map_err(|e| ("text", e.to_string())),
            Purpose::CheckDelegation(which) => {
                let outcome = if form.get("outcome") == crate::domain::Outcome::CameBack.key() {
                    crate::domain::Outcome::CameBack
                } else {
                    crate::domain::Outcome::Stuck
                };
                store
                    .check_delegation(which, outcome)
                    .map(|d| {
                        format!(
                            "Checked what was handed over to {}: {}.",
                            crate::views::text::printable(&d.person_name),
                            outcome.label()
                        )
                    })
                    .map_err(|e| ("outcome", e.to_string()))
            }
            Purpose::RaiseTalkingPoint(person_id) => {
                let owner = if form.get("whose") == "theirs" {
                    crate::domain::Owner::Them
                } else {
                    crate::domain::Owner::Me
                };
                store
                    .raise_talking_point(person_id, owner, form.get("text"))
                    .map(|point| {
                        format!(
                            "To raise with {} at the next 1:1: {}",
                            crate::views::text::printable(&point.person_name),
                            crate::views::text::printable(&point.text)
                        )
                    })
                    .map_err(|e| ("text", e.to_string()))
            }
            Purpose::EditFollowUp(which) => {
                let due_on = match form.get("due").trim() {
                    "" | "none" => None,
                    text => Some(
                        parse_date(text, today, Lean::Future)
                            .map_err(|e| ("due", e.to_string()))?,
                    ),
                };
                let patch = store::FollowUpPatch {
                    text: Some(form.get("text").to_string()),
                    due_on: Some(due_on),
                    owner: Some(if form.get("owner") == "them" {
                        crate::domain::Owner::Them
                    } else {
                        crate::domain::Owner::Me
                    }),
                };
                store
                    .edit_follow_up(which, &patch)
                    .map(|f| {
                        format!(
                            "Changed the follow-up: {}",
                            crate::views::text::printable(&f.text)
                        )
                    })
                    .map_err(|e| ("text", e.to_string()))
            }
            Purpose::PausePerson(which) => {
                let current = store.person(which.id).ok().and_then(|p| p.pause);
                let pause = match form.get("until").trim() {
                    "" => current.and_then(|p| p.resumed_on(today)).flatten(),
                    text => Some(
                        parse_date(text, today, Lean::Future)
                            .and_then(|until| Pause::new(today, until))
                            .map_err(|e| ("until", e.to_string()))?,
                    ),
                };
                let patch = PersonPatch {
                    pause: Some(pause),
                    ..PersonPatch::default()
                };
                store
                    .edit_person(which, &patch)
                    .map(|p| match p.pause.filter(|pause| pause.covers(today)) {
                        Some(pause) => format!(
                            "Paused {} until {}.",
                            crate::views::text::printable(&p.name),
                            pause.until.format("%a %-d %b %Y")
                        ),
                        None => format!(
                            "{} is back: their next 1:1 is due again.",
                            crate::views::text::printable(&p.name)
                        ),
                    })
                    .map_err(|e| ("until", e.to_string()))
            }
        })();
        match result {
            Ok(message) => {
                let mut requests = vec![
                    Request::CloseOverlay,
                    Request::Say(message),
                    Request::Reload,
                ];
                if let Purpose::AddPerson = self.purpose {
                    requests.push(Request::SelectAdded(self.get("name").to_string()));
                }
                requests
            }
            Err((field, message)) => {
                self.refuse(field, message);
                vec![]
            }
        }
    }
}

/// Which profile field a refusal belongs to.
pub(crate) fn person_field_of(error: &store::Error) -> &'static str {
    match error {
        store::Error::Invalid(Invalid::Cadence(_) | Invalid::CadenceNotNumber(_)) => "cadence",
        store::Error::Invalid(
            Invalid::TooLong {
                what: TextField::Role,
                ..
            }
            | Invalid::NotOneLine(TextField::Role),
        ) => "role",
        store::Error::Invalid(
            Invalid::TooLong {
                what: TextField::Team,
                ..
            }
            | Invalid::NotOneLine(TextField::Team),
        ) => "team",
        _ => "name",
    }
}
