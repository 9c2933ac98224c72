//! Drawing the conversation form.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::log_form::{Field, LogForm, NeedMark};
use crate::domain::{ConversationKind, Need, Owner, Stance};
use crate::tui::keymap::{Footer, Keys, footer};
use crate::tui::theme::Theme;
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::{fit, list, safe};

const LABEL_WIDTH: u16 = 12;

impl LogForm {
    pub fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        theme: Theme,
        keys: &Keys,
        saved_note: Option<&str>,
    ) {
        let needs_rows = 1 + Need::ALL
            .iter()
            .filter(|n| self.is_noted(**n))
            .map(|n| 1 + u16::from(self.remember[n.index()].is_some()))
            .sum::<u16>();
        // Every field keeps its row; the carried-over block keeps its heading (and an item
        // in focus); the follow-ups added so far give way first, newest kept.
        let carried_least = match (self.carried.is_empty(), self.focus == Field::Carried) {
            (true, _) => 0,
            (false, false) => 1,
            (false, true) => 2,
        };
        let room_for_added = area
            .height
            .saturating_sub(13 + needs_rows + 1 + 3 + carried_least);
        let follow_up_rows = 1 + (self.follow_ups.len().min(3) as u16).min(room_for_added);
        // The carried-over block takes what the notes' box can spare: out of focus it
        // leaves the notes three lines and shrinks to its heading if it must; in focus it
        // shows its heading and at least one item, the notes down to one line.
        let fixed = 14 + needs_rows + follow_up_rows + 3;
        let spare = area.height.saturating_sub(fixed);
        let carried_rows = if self.carried.is_empty() {
            0
        } else {
            let items = u16::try_from(self.carried.items.len()).unwrap_or(u16::MAX);
            let room = if self.focus == Field::Carried {
                spare.max(2)
            } else {
                spare.saturating_sub(2).max(1)
            };
            (1 + items).min(room)
        };
        let [
            title,
            person,
            carried,
            when,
            kind,
            mood,
            stance,
            needs,
            summary,
            notes,
            tags,
            follow_ups,
            ack,
            idea,
            handed_over,
            to_me,
            hint,
        ] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(carried_rows),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(needs_rows),
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(1),
            Constraint::Length(follow_up_rows),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let heading = if self.editing.is_some() {
            " Edit a conversation"
        } else {
            " Log a conversation"
        };
        let mut title_spans = vec![Span::styled(heading, theme.title())];
        if let Some(note) = saved_note {
            title_spans.push(Span::styled(format!("   {note}"), theme.dim()));
        }
        frame.render_widget(Paragraph::new(Line::from(title_spans)), title);

        let person_text = match (&self.person, self.focus == Field::Person) {
            (_, true) if !self.person_query.is_empty() || self.person.is_none() => None,
            (Some((_, name)), _) => Some(format!("{} ▾", safe(name))),
            (None, _) => Some("— choose someone —".to_string()),
        };
        match person_text {
            Some(text) => self.row(frame, person, Field::Person, vec![Span::raw(text)], theme),
            None => self.text_row(frame, person, Field::Person, &self.person_query, theme),
        }
        if carried_rows > 0 {
            let focused = self.focus == Field::Carried;
            let (lines, cursor) = self.carried.lines(
                focused,
                usize::from(carried_rows),
                usize::from(carried.width),
                self.needs.map(NeedMark::state),
                theme,
            );
            frame.render_widget(Paragraph::new(lines), carried);
            if let Some(x) = cursor.filter(|_| focused) {
                place_cursor(frame, carried, carried.x + x, carried.y);
            }
        }
        self.text_row(frame, when, Field::When, &self.when, theme);
        self.row(
            frame,
            kind,
            Field::Kind,
            choices(ConversationKind::ALL, Some(self.kind), |k| k.key(), theme),
            theme,
        );
        let mood_text = match self.mood {
            Some(m) => {
                (1..=5)
                    .map(|i| if i == m { '●' } else { '○' })
                    .collect::<String>()
                    + &format!(" {m}")
            }
            None => "○○○○○ –".to_string(),
        };
        self.row(frame, mood, Field::Mood, vec![Span::raw(mood_text)], theme);
        self.row(
            frame,
            stance,
            Field::Stance,
            choices(Stance::ALL, self.stance, |s| s.key(), theme),
            theme,
        );
        self.render_needs(frame, needs, theme);
        self.text_row(frame, summary, Field::Summary, &self.summary, theme);
        self.render_notes(frame, notes, theme);
        self.text_row(frame, tags, Field::Tags, &self.tags, theme);
        self.render_follow_ups(frame, follow_ups, theme);
        self.text_row(frame, ack, Field::Ack, &self.ack, theme);
        self.text_row(frame, idea, Field::Idea, &self.idea, theme);
        self.text_row(
            frame,
            handed_over,
            Field::HandedOver,
            &self.handed_over,
            theme,
        );
        self.text_row(
            frame,
            to_me,
            Field::FeedbackToMe,
            &self.feedback_to_me,
            theme,
        );
        // On a ticked need the hint line names the key that remembers what meets it.
        let on_need = self
            .need_to_remember()
            .is_some_and(|need| self.is_noted(need));
        let hints = if on_need {
            Footer::LogNeed
        } else {
            Footer::Log
        };
        frame.render_widget(
            Paragraph::new(format!(" {}", footer(keys, hints))).style(theme.dim()),
            hint,
        );
        if self.focus == Field::Person && (self.person.is_none() || !self.person_query.is_empty()) {
            self.render_picker(frame, area, person, theme);
        }
    }

    fn label(&self, field: Field, theme: Theme) -> Span<'static> {
        let style = if self.focus == field {
            theme.accent()
        } else {
            theme.dim()
        };
        let marker = if self.focus == field { '›' } else { ' ' };
        Span::styled(
            format!(
                "{marker}{:<w$}",
                field.label(),
                w = usize::from(LABEL_WIDTH) - 1
            ),
            style,
        )
    }

    fn with_error(
        &self,
        field: Field,
        mut spans: Vec<Span<'static>>,
        theme: Theme,
    ) -> Line<'static> {
        if let Some(error) = self.error_for(field) {
            spans.push(Span::styled(format!("  ✗ {error}"), theme.error()));
        }
        Line::from(spans)
    }

    fn row(
        &self,
        frame: &mut Frame,
        area: Rect,
        field: Field,
        value: Vec<Span<'static>>,
        theme: Theme,
    ) {
        let mut spans = vec![self.label(field, theme)];
        spans.extend(value);
        frame.render_widget(Paragraph::new(self.with_error(field, spans, theme)), area);
    }

    fn text_row(
        &self,
        frame: &mut Frame,
        area: Rect,
        field: Field,
        input: &LineInput,
        theme: Theme,
    ) {
        let room = usize::from(area.width.saturating_sub(LABEL_WIDTH + 1));
        let room = if self.error_for(field).is_some() {
            room / 2
        } else {
            room
        };
        let (shown, cursor) = input.visible(room);
        if self.focus == field {
            place_cursor(frame, area, area.x + LABEL_WIDTH + cursor, area.y);
        }
        let value = match field {
            // An empty When means now; say so, and what else it accepts.
            Field::When if shown.is_empty() => Span::styled(
                "now · or today 14:30, yesterday, fri, 2026-11-20 09:00",
                theme.dim(),
            ),
            // Editing: what the conversation already holds, kept by saving.
            Field::Ack if shown.is_empty() && !self.kept.acknowledgements.is_empty() => {
                Span::styled(
                    kept_line("kept", &self.kept.acknowledgements, room),
                    theme.dim(),
                )
            }
            Field::Idea if shown.is_empty() && !self.kept.ideas.is_empty() => {
                Span::styled(kept_line("kept", &self.kept.ideas, room), theme.dim())
            }
            // Asked "How can I improve?": their answer, placed by a last @word.
            Field::FeedbackToMe if shown.is_empty() && self.focus == field => Span::styled(
                "what they said about your leading · end with @directing, @serving…",
                theme.dim(),
            ),
            Field::HandedOver if shown.is_empty() && self.focus == field => Span::styled(
                "what you handed over to them · check later: stuck or came back",
                theme.dim(),
            ),
            _ => Span::raw(shown),
        };
        self.row(frame, area, field, vec![value], theme);
    }

    fn render_needs(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let mut spans = vec![self.label(Field::Needs, theme)];
        for need in Need::ALL {
            let (mark, style) = match self.needs[need.index()] {
                NeedMark::Absent => ("[ ]", theme.plain()),
                NeedMark::ToRaise => ("[?]", theme.accent()),
                NeedMark::Met => ("[x]", theme.good()),
                NeedMark::Concern => ("[!]", theme.warning()),
            };
            spans.push(Span::styled(
                format!("{mark}{} {} ", need.index() + 1, need.letter()),
                style,
            ));
        }
        spans.push(Span::styled("x met · ! concern · ? to raise", theme.dim()));
        let mut lines = vec![self.with_error(Field::Needs, spans, theme)];
        for need in Need::ALL.into_iter().filter(|n| self.is_noted(*n)) {
            let field = Field::How(need);
            let style = if self.focus == field {
                theme.accent()
            } else {
                theme.dim()
            };
            let what = if self.needs[need.index()] == NeedMark::Concern {
                "concern"
            } else {
                "how"
            };
            let prefix = format!(
                "{:w$}↳ {} {what}: ",
                "",
                need.label(),
                w = usize::from(LABEL_WIDTH)
            );
            let room = usize::from(area.width).saturating_sub(prefix.chars().count());
            let (shown, cursor) = self.how[need.index()].visible(room);
            if self.focus == field {
                let row = area.y + u16::try_from(lines.len()).unwrap_or(0);
                let x = area.x + u16::try_from(prefix.chars().count()).unwrap_or(0) + cursor;
                place_cursor(frame, area, x, row);
            }
            lines.push(Line::from(vec![
                Span::styled(prefix, style),
                Span::raw(shown),
            ]));
            if let Some(line) = &self.remember[need.index()] {
                lines.push(self.remember_line(frame, area, need, line, lines.len(), theme));
            }
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    /// The line under a need's "how" for what meets the need for this person, kept beyond
    /// the conversation.
    fn remember_line(
        &self,
        frame: &mut Frame,
        area: Rect,
        need: Need,
        line: &LineInput,
        row: usize,
        theme: Theme,
    ) -> Line<'static> {
        let field = Field::Remember(need);
        let focused = self.focus == field;
        let prefix = format!(
            "{:w$}  ↳ remember what meets it: ",
            "",
            w = usize::from(LABEL_WIDTH)
        );
        let width = prefix.chars().count();
        let room = usize::from(area.width).saturating_sub(width);
        let (shown, cursor) = line.visible(room);
        if focused {
            let y = area.y + u16::try_from(row).unwrap_or(0);
            let x = area.x + u16::try_from(width).unwrap_or(0) + cursor;
            place_cursor(frame, area, x, y);
        }
        let value = if shown.is_empty() && focused {
            let name = self.person.as_ref().map_or("them", |(_, n)| n.as_str());
            Span::styled(
                fit(&format!("for {}, on People and in prep", safe(name)), room),
                theme.dim(),
            )
        } else {
            Span::raw(shown)
        };
        let style = if focused { theme.accent() } else { theme.dim() };
        self.with_error(field, vec![Span::styled(prefix, style), value], theme)
    }

    fn render_notes(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let focused = self.focus == Field::Notes;
        let [label_area, box_area] =
            Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Min(0)]).areas(area);
        frame.render_widget(
            Paragraph::new(self.with_error(
                Field::Notes,
                vec![self.label(Field::Notes, theme)],
                theme,
            )),
            label_area,
        );
        let block = Block::bordered()
            .border_style(if focused { theme.accent() } else { theme.dim() })
            .title_bottom(Span::styled(" Ctrl-E editor ", theme.dim()));
        let mut area_widget = self.notes.clone();
        area_widget.set_block(block);
        area_widget.set_cursor_line_style(Style::default());
        if !focused {
            area_widget.set_cursor_style(Style::default());
        }
        frame.render_widget(&area_widget, box_area);
    }

    fn render_follow_ups(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let mut lines = Vec::new();
        let room = usize::from(area.width.saturating_sub(LABEL_WIDTH + 1));
        let (shown, cursor) = self.follow_up_input.visible(room);
        let shown_items = usize::from(area.height.saturating_sub(1));
        let hidden = self.follow_ups.len().saturating_sub(shown_items);
        let typed = if shown.is_empty() && self.focus != Field::FollowUps && hidden > 0 {
            // A short terminal has no room for their lines: named here instead.
            let added: Vec<String> = self.follow_ups[..hidden]
                .iter()
                .map(|item| item.text.clone())
                .collect();
            Span::styled(kept_line("added", &added, room), theme.dim())
        } else if shown.is_empty()
            && self.focus != Field::FollowUps
            && !self.kept.follow_ups.is_empty()
        {
            Span::styled(kept_line("kept", &self.kept.follow_ups, room), theme.dim())
        } else if shown.is_empty() && self.focus != Field::FollowUps {
            Span::styled(
                "+ type, Enter to add (them: … for theirs, @fri for a due date)",
                theme.dim(),
            )
        } else {
            Span::raw(shown)
        };
        lines.push(self.with_error(
            Field::FollowUps,
            vec![self.label(Field::FollowUps, theme), typed],
            theme,
        ));
        if self.focus == Field::FollowUps {
            place_cursor(frame, area, area.x + LABEL_WIDTH + cursor, area.y);
        }
        for item in self.follow_ups.iter().skip(hidden) {
            let owner = if item.owner == Owner::Me {
                "me"
            } else {
                "them"
            };
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(usize::from(LABEL_WIDTH))),
                Span::styled(
                    fit(&format!("+ {owner}: {}", safe(&item.text)), room),
                    theme.good(),
                ),
            ]));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn render_picker(&self, frame: &mut Frame, screen: Rect, row: Rect, theme: Theme) {
        // One line at least, to say that nobody matches.
        let shown = self.matches.len().clamp(1, 6);
        let height = u16::try_from(shown).unwrap_or(6) + 2;
        let top = row.y + 1;
        let available = screen.bottom().saturating_sub(top);
        if available < 3 {
            return;
        }
        let popup = Rect::new(
            row.x + LABEL_WIDTH,
            top,
            40.min(row.width.saturating_sub(LABEL_WIDTH)),
            height.min(available),
        );
        frame.render_widget(Clear, popup);
        let block = Block::bordered().border_style(theme.accent());
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        if self.matches.is_empty() {
            let text = match self.new_person_asked() {
                Some(name) => format!("no match · Enter adds \u{201c}{}\u{201d}", safe(&name)),
                None => "nobody matches".to_string(),
            };
            frame.render_widget(
                Paragraph::new(fit(&text, usize::from(inner.width))).style(theme.dim()),
                inner,
            );
            return;
        }
        let lines: Vec<Line> = list::window(self.matches.len(), self.picked, inner.height)
            .map(|i| {
                let (_, name) = &self.matches[i];
                Line::from(fit(&safe(name), usize::from(inner.width)))
                    .style(list::row_style(i == self.picked, theme))
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// "kept: “Send the course link”, “Draft the plan” · type to add another".
fn kept_line(what: &str, texts: &[String], room: usize) -> String {
    let quoted: Vec<String> = texts
        .iter()
        .map(|t| format!("\u{201c}{}\u{201d}", safe(t)))
        .collect();
    let tail = " · type to add another";
    let head = fit(
        &format!("{what}: {}", quoted.join(", ")),
        room.saturating_sub(tail.chars().count()),
    );
    format!("{head}{tail}")
}

fn place_cursor(frame: &mut Frame, area: Rect, x: u16, y: u16) {
    if area.contains(Position::new(x, y)) {
        frame.set_cursor_position((x, y));
    }
}

fn choices<T: Copy + PartialEq>(
    all: &[T],
    current: Option<T>,
    word: impl Fn(T) -> &'static str,
    theme: Theme,
) -> Vec<Span<'static>> {
    all.iter()
        .map(|&v| {
            if Some(v) == current {
                Span::styled(format!("(•) {}  ", word(v)), theme.accent())
            } else {
                Span::raw(format!("( ) {}  ", word(v)))
            }
        })
        .collect()
}
