//! Drawing People: the list with each person's rhythm and needs strip, and the detail pane.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::people::{DetailItem, Focus, PeopleScreen};
use crate::domain::{Owner, ProfileText, Standing};
use crate::insights::freshness;
use crate::store::PersonSummary;
use crate::tui::keymap::{Footer, Keys, footer};
use crate::tui::theme::Theme;
use crate::tui::widgets::list;
use crate::tui::widgets::{fit, needs_strip, pad, safe};

impl PeopleScreen {
    pub(crate) fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        people: &[PersonSummary],
        theme: Theme,
        keys: &Keys,
    ) {
        let wide = area.width >= 100;
        let [list_area, detail_area] = if wide {
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area)
        } else {
            // Stacked: the list takes what it needs up to half, the detail the rest.
            let wanted = u16::try_from(self.visible.len() + 4).unwrap_or(u16::MAX);
            Layout::vertical([
                Constraint::Length(wanted.min(area.height / 2).max(5)),
                Constraint::Min(0),
            ])
            .areas(area)
        };
        self.render_list(frame, list_area, people, theme, keys);
        self.render_detail(frame, detail_area, people, theme);
    }

    fn render_list(
        &self,
        frame: &mut Frame,
        area: Rect,
        people: &[PersonSummary],
        theme: Theme,
        keys: &Keys,
    ) {
        let today = self.today.unwrap_or_default();
        let mut title = format!(" People ({}) ", self.visible.len());
        if self.show_archived {
            title.push_str("· with archived ");
        }
        let block = Block::bordered()
            .title(Span::styled(title, theme.title()))
            .border_style(if self.focus == Focus::List {
                theme.accent()
            } else {
                theme.plain()
            });
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [filter_area, header_area, rows_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(inner);
        let filter_line = if self.filtering || !self.filter.is_empty() {
            let (shown, cursor) = self
                .filter
                .visible(usize::from(filter_area.width.saturating_sub(9)));
            if self.filtering {
                frame.set_cursor_position((filter_area.x + 9 + cursor, filter_area.y));
            }
            Line::from(vec![
                Span::styled(" filter: ", theme.accent()),
                Span::raw(shown),
            ])
        } else {
            Line::from(Span::styled(
                format!(" {}", footer(keys, Footer::People)),
                theme.dim(),
            ))
        };
        frame.render_widget(Paragraph::new(filter_line), filter_area);
        let width = usize::from(inner.width);
        let name_width = width.saturating_sub(40).clamp(6, 26);
        let role_width = if width > 90 { 18 } else { 0 };
        let header = format!(
            " {}{}{:<9}{:<12}{:<5}C B A F S",
            pad("name", name_width + 1),
            pad(if role_width > 0 { "role" } else { "" }, role_width),
            "last 1:1",
            "next",
            "open"
        );
        frame.render_widget(
            Paragraph::new(fit(&header, width)).style(theme.dim()),
            header_area,
        );
        if self.visible.is_empty() {
            let text = if people.is_empty() {
                " Nobody yet. Press a to add the first person you lead."
            } else {
                " Nobody matches the filter."
            };
            frame.render_widget(Paragraph::new(text).style(theme.dim()), rows_area);
            return;
        }
        let lines: Vec<Line> = list::window(self.visible.len(), self.selected, rows_area.height)
            .map(|row| {
                let summary = &people[self.visible[row]];
                let p = &summary.person;
                let last = summary
                    .last_conversation
                    .map(|w| match (today - w.date()).num_days() {
                        0 => "today".to_string(),
                        d => format!("{d}d ago"),
                    })
                    .unwrap_or_else(|| "never".into());
                let standing = summary.standing(today);
                let next = if p.archived {
                    "archived".to_string()
                } else {
                    crate::views::text::standing(standing, today)
                };
                let mut name = safe(&p.name);
                if p.roving_leader {
                    name.push_str(" ★");
                }
                let mut spans = vec![
                    Span::raw(" "),
                    Span::raw(pad(&name, name_width + 1)),
                    Span::styled(pad(&safe(&p.role), role_width), theme.dim()),
                    Span::raw(pad(&last, 9)),
                    Span::styled(
                        pad(&next, 12),
                        match standing {
                            _ if p.archived => theme.dim(),
                            Standing::Due { on } => theme.due((on - today).num_days()),
                            Standing::Paused { .. } | Standing::Starting { .. } => theme.dim(),
                        },
                    ),
                    Span::raw(pad(&summary.open_follow_ups.to_string(), 5)),
                ];
                let strip = freshness::strip(summary, today, self.thresholds);
                for span in needs_strip(&strip, theme, true) {
                    spans.push(span);
                    spans.push(Span::raw(" "));
                }
                let style =
                    list::focus_row_style(row == self.selected, self.focus == Focus::List, theme);
                Line::from(spans).style(style)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), rows_area);
    }

    fn render_detail(&self, frame: &mut Frame, area: Rect, people: &[PersonSummary], theme: Theme) {
        let today = self.today.unwrap_or_default();
        let block = Block::bordered().border_style(if self.focus == Focus::Detail {
            theme.accent()
        } else {
            theme.plain()
        });
        let Some(summary) = self.selected_index().and_then(|i| people.get(i)) else {
            frame.render_widget(block, area);
            return;
        };
        let p = &summary.person;
        let block = block.title(Span::styled(format!(" {} ", safe(&p.name)), theme.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let mut lines: Vec<Line> = Vec::new();
        let mut head = Vec::new();
        for part in [&p.role, &p.team] {
            if !part.is_empty() {
                head.push(safe(part));
            }
        }
        head.push(format!("1:1 every {}d", p.cadence_days));
        if let Some(started) = p.started_on {
            head.push(format!("since {}", started.format("%b %Y")));
        }
        if p.archived {
            head.push("archived".into());
        } else {
            head.push(crate::views::text::standing_sentence(
                summary.standing(today),
                today,
            ));
        }
        let width = usize::from(inner.width);
        lines.push(Line::from(fit(&head.join(" · "), width)).style(theme.dim()));
        if p.roving_leader {
            lines.push(Line::from("★ a roving leader: others already follow them"));
        }
        if !p.priorities.is_empty() {
            let names: Vec<&str> = p.priorities.iter().map(|n| n.label()).collect();
            lines.push(Line::from(vec![
                Span::styled("Priorities: ", theme.title()),
                Span::raw(names.join(", ")),
            ]));
        }
        for (part, text) in ProfileText::all_of(p) {
            let label = part.label();
            if !text.is_empty() {
                let room = width.saturating_sub(label.len() + 2);
                lines.push(Line::from(vec![
                    Span::styled(format!("{label}: "), theme.title()),
                    Span::raw(fit(&safe(text), room)),
                ]));
            }
        }
        let Some(detail) = self.detail.as_ref().filter(|d| d.person_id == p.id) else {
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
            return;
        };
        let selected = self.selected_item();
        let style_for = |item: DetailItem| list::row_style(Some(item) == selected, theme);
        lines.push(Line::from(Span::styled("Aspirations", theme.title())));
        if detail.aspirations.is_empty() {
            lines.push(Line::from(Span::styled(
                "  none yet · s adds one",
                theme.dim(),
            )));
        }
        for (i, a) in detail.aspirations.iter().enumerate() {
            let last = (today - a.last_progress_on()).num_days();
            let stalled = last > 60
                && matches!(
                    a.status,
                    crate::domain::AspirationStatus::Exploring
                        | crate::domain::AspirationStatus::Active
                );
            let text = format!("  {:<9} {}", a.status.key(), safe(&a.title));
            lines.push(
                Line::from(vec![
                    Span::raw(pad(&text, width.saturating_sub(14))),
                    Span::styled(
                        format!("{:>13}", format!("{last}d ago")),
                        if stalled {
                            theme.warning()
                        } else {
                            theme.dim()
                        },
                    ),
                ])
                .style(style_for(DetailItem::Aspiration(i))),
            );
            if let Some(u) = a.updates.last() {
                let status = u.status.map(|s| format!(" → {s}")).unwrap_or_default();
                let text = format!(
                    "    ↳ {}{status} · {}",
                    u.noted_on.format("%d %b"),
                    safe(&u.note)
                );
                lines.push(
                    Line::from(Span::styled(fit(&text, width), theme.dim()))
                        .style(style_for(DetailItem::Progress(i))),
                );
            }
        }
        // Only open ones are listed, unless a search opened on one already done.
        let heading = if detail.follow_ups.iter().all(|f| f.is_open()) {
            "Open follow-ups"
        } else {
            "Follow-ups"
        };
        lines.push(Line::from(Span::styled(heading, theme.title())));
        if detail.follow_ups.is_empty() {
            lines.push(Line::from(Span::styled("  none", theme.dim())));
        }
        for (i, f) in detail.follow_ups.iter().enumerate() {
            let who = if f.owner == Owner::Me { "me  " } else { "them" };
            let due = match (f.done_on, f.due_on) {
                (Some(done), _) => done.format(" · done %d %b").to_string(),
                (None, Some(due)) => due.format(" · due %d %b").to_string(),
                (None, None) => String::new(),
            };
            let late = f.days_overdue(today).is_some();
            lines.push(
                Line::from(vec![
                    match (late, f.is_open()) {
                        (true, _) => Span::styled("! ", theme.error()),
                        (_, false) => Span::styled("✓ ", theme.dim()),
                        _ => Span::raw("  "),
                    },
                    Span::raw(fit(
                        &format!("{who} {}{due}", safe(&f.text)),
                        width.saturating_sub(2),
                    )),
                ])
                .style(style_for(DetailItem::FollowUp(i))),
            );
        }
        if !detail.talking_points.is_empty() {
            let heading = if detail.talking_points.iter().all(|t| t.is_open()) {
                "To raise"
            } else {
                "Talking points"
            };
            lines.push(Line::from(Span::styled(heading, theme.title())));
        }
        for (i, t) in detail.talking_points.iter().enumerate() {
            let whose = if t.owner == Owner::Me {
                "yours "
            } else {
                "theirs"
            };
            let discussed = t
                .ticked_on
                .map(|d| d.format(" · discussed %d %b").to_string())
                .unwrap_or_default();
            lines.push(
                Line::from(fit(
                    &format!("  {whose} {}{discussed}", safe(&t.text)),
                    width,
                ))
                .style(style_for(DetailItem::TalkingPoint(i))),
            );
        }
        if !detail.ideas.is_empty() {
            lines.push(Line::from(Span::styled("Ideas", theme.title())));
        }
        for (i, idea) in detail.ideas.iter().enumerate() {
            let state = if idea.awaits_answer() {
                format!("waiting {}d", (today - idea.heard_on).num_days())
            } else {
                idea.status.key().to_string()
            };
            let mut text = format!("  {:<11} {}", state, safe(&idea.text));
            if !idea.answer.is_empty() {
                text.push_str(&format!(" → {}", safe(&idea.answer)));
            }
            let style = if idea.awaits_answer() {
                theme.warning()
            } else {
                theme.plain()
            };
            lines.push(
                Line::from(Span::styled(fit(&text, width), style))
                    .style(style_for(DetailItem::Idea(i))),
            );
        }
        if !detail.acknowledgements.is_empty() {
            lines.push(Line::from(Span::styled("Acknowledged for", theme.title())));
        }
        for (i, ack) in detail.acknowledgements.iter().enumerate() {
            let text = format!("  {}  {}", ack.given_at.format("%d %b %y"), safe(&ack.text));
            lines.push(
                Line::from(fit(&text, width)).style(style_for(DetailItem::Acknowledgement(i))),
            );
        }
        lines.push(Line::from(Span::styled(
            "Recent conversations",
            theme.title(),
        )));
        if detail.conversations.is_empty() {
            lines.push(Line::from(Span::styled(
                "  none yet · Enter logs one",
                theme.dim(),
            )));
        }
        for (i, c) in detail.conversations.iter().enumerate() {
            let needs: String = c.needs.iter().map(|n| n.need.letter()).collect();
            let text = format!(
                "  {}  {:<8} {:<5} {}",
                c.happened_at.format("%d %b %y"),
                c.kind.short(),
                needs,
                safe(&c.summary)
            );
            lines.push(Line::from(fit(&text, width)).style(style_for(DetailItem::Conversation(i))));
        }
        // Keep the selected row in view when the pane is shorter than its content.
        let selected_line = lines
            .iter()
            .position(|l| l.style == theme.selected() && selected.is_some())
            .unwrap_or(0);
        let scroll = selected_line.saturating_sub(usize::from(inner.height).saturating_sub(2));
        frame.render_widget(
            Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(0), 0)),
            inner,
        );
    }
}
